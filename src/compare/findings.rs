//! Findings across models: which model has which finding.

use super::Side;
use crate::check::{Check, Finding};
use rustc_hash::FxHashMap;

/// One finding across the models: the same check, subject and message, or for a check whose
/// subject grows with the organization, the same check.
#[derive(Clone, Debug, PartialEq)]
pub struct FindingRow {
    /// The check.
    pub check: Check,
    /// See [`crate::check::Finding::subject`]; empty for a row keyed by its check alone.
    pub subject: String,
    /// Per model, the index of the finding in [`Side::findings`], or `None`.
    pub found: Vec<Option<usize>>,
}

impl FindingRow {
    /// Whether every model has the finding.
    pub fn in_every_model(&self) -> bool {
        self.found.iter().all(Option::is_some)
    }
}

/// Checks that report once per model about a list of roles that grows with the organization
/// (every root, every external manager): one more root is the same finding, not a new one.
pub fn keyed_by_check(check: Check) -> bool {
    matches!(check.code(), "multiple-roots" | "external-manager")
}

/// Findings by check, subject and message, with the models each appears in; sorted by code,
/// subject, message. The k-th of several equal findings of one model pairs with the k-th of
/// another, so five findings on one item stay five rows.
pub(super) fn findings(sides: &[Side]) -> Vec<FindingRow> {
    /// Rows of one key, in the order their first finding was met, and how many findings of
    /// each model have that key so far.
    struct Rows {
        rows: Vec<usize>,
        seen: Vec<usize>,
    }
    let mut rows: Vec<(FindingRow, String)> = Vec::new();
    let mut by_key: FxHashMap<(Check, String, String), Rows> = FxHashMap::default();
    for (m, side) in sides.iter().enumerate() {
        for (index, finding) in side.findings.iter().enumerate() {
            let (subject, message) = key_of(finding, side);
            let key = by_key
                .entry((finding.check, subject, message.clone()))
                .or_insert_with(|| Rows {
                    rows: Vec::new(),
                    seen: vec![0; sides.len()],
                });
            let occurrence = key.seen[m];
            key.seen[m] += 1;
            let row = match key.rows.get(occurrence) {
                Some(&row) => row,
                None => {
                    rows.push((
                        FindingRow {
                            check: finding.check,
                            subject: key_of(finding, side).0,
                            found: vec![None; sides.len()],
                        },
                        message,
                    ));
                    key.rows.push(rows.len() - 1);
                    rows.len() - 1
                }
            };
            rows[row].0.found[m] = Some(index);
        }
    }
    // Equal keys keep the order of their occurrences: the sort is stable.
    rows.sort_by(|(a, a_message), (b, b_message)| {
        (a.check.code(), &a.subject, a_message).cmp(&(b.check.code(), &b.subject, b_message))
    });
    rows.into_iter().map(|(row, _)| row).collect()
}

/// A finding's subject and message, as rows are keyed; empty for a check keyed alone.
fn key_of(finding: &Finding, side: &Side) -> (String, String) {
    if keyed_by_check(finding.check) {
        (String::new(), String::new())
    } else {
        (
            finding.subject(side.model),
            finding.message(side.model).to_string(),
        )
    }
}
