//! Pairing roles across models by the rules of `--match`, in the order given.

use crate::model::{Model, RoleId};
use indexmap::IndexMap;
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::borrow::Cow;
use std::collections::BTreeSet;

/// A rule that pairs roles across models.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Match {
    /// The same id.
    Id,
    /// The same archetype.
    Archetype,
    /// The same title, case and spaces ignored.
    Title,
}

impl Match {
    /// Every rule, in the default order.
    pub const ALL: [Match; 3] = [Match::Id, Match::Archetype, Match::Title];

    /// The rule as `--match` names it.
    pub fn name(self) -> &'static str {
        match self {
            Match::Id => "id",
            Match::Archetype => "archetype",
            Match::Title => "title",
        }
    }
}

/// The rules that pair roles, in the order they apply: `--match id,archetype,title`.
///
/// ```
/// use orgraph::compare::{Match, Rules};
/// let rules: Rules = "title, id".parse()?;
/// assert_eq!(rules.as_slice(), [Match::Title, Match::Id]);
/// assert_eq!(Rules::default().to_string(), "id, then archetype, then title");
/// assert!("id,id".parse::<Rules>().is_err());
/// # Ok::<(), String>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rules(Vec<Match>);

impl Rules {
    /// The rules in the order they apply.
    pub fn as_slice(&self) -> &[Match] {
        &self.0
    }
}

impl Default for Rules {
    /// `id,archetype,title`.
    fn default() -> Rules {
        Rules(Match::ALL.to_vec())
    }
}

impl std::str::FromStr for Rules {
    type Err = String;

    /// Rule names separated by commas, each once: `id`, `archetype`, `title`.
    fn from_str(text: &str) -> Result<Rules, String> {
        let mut rules = Vec::new();
        for name in text.split(',').map(str::trim) {
            let Some(rule) = Match::ALL.into_iter().find(|r| r.name() == name) else {
                return Err(format!(
                    "unknown rule `{name}`: the rules are `id`, `archetype` and `title`, \
                     comma-separated, in the order they apply"
                ));
            };
            if rules.contains(&rule) {
                return Err(format!("the rule `{name}` is given twice"));
            }
            rules.push(rule);
        }
        Ok(Rules(rules))
    }
}

impl std::fmt::Display for Rules {
    /// `id, then archetype, then title`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.0.iter().map(|r| r.name()).collect();
        f.write_str(&names.join(", then "))
    }
}

/// One role across the models: the matched role of each model, or `None`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleRow {
    /// Unique among rows: the shared id, else the archetype or title that matched, else the id.
    pub key: String,
    /// The last rule that joined the row; `None` when the row has one role only.
    pub by: Option<Match>,
    /// Per model, the role, or `None`.
    pub roles: Vec<Option<RoleId>>,
}

impl RoleRow {
    /// Whether every model has a role in the row.
    pub fn in_every_model(&self) -> bool {
        self.roles.iter().all(Option::is_some)
    }
}

/// A row while matching: the roles so far and the models they come from, as bits.
struct Draft<'m> {
    roles: Vec<Option<RoleId>>,
    mask: u64,
    key: Cow<'m, str>,
    by: Option<Match>,
    merged: bool,
}

/// Matches roles across models by `rules`, in order: one row per role to start with, then
/// each rule joins rows still missing a model.
///
/// Each rule is a hash join: rows missing some model are grouped by the rule's key, and within
/// a group each row joins the earliest open row that has none of its models (first fit, in
/// file order). So with two models the k-th unmatched product manager of one pairs with the
/// k-th of the other, and a row already matched by id in two models can gain a third. A rule
/// not in `rules` never pairs anything: with `id` alone, two different ids stay apart.
pub(super) fn match_roles(models: &[Model], rules: &Rules) -> Vec<RoleRow> {
    let full: u64 = if models.len() == 64 {
        u64::MAX
    } else {
        (1 << models.len()) - 1
    };
    let mut drafts: Vec<Draft> = Vec::with_capacity(models.iter().map(|m| m.roles.len()).sum());
    for (m, model) in models.iter().enumerate() {
        for (index, role) in model.roles.iter() {
            let mut roles = vec![None; models.len()];
            roles[m] = Some(index);
            drafts.push(Draft {
                roles,
                mask: 1 << m,
                key: Cow::Borrowed(&role.id),
                by: None,
                merged: false,
            });
        }
    }
    for &rule in rules.as_slice() {
        join(&mut drafts, full, rule, |draft| {
            let m = draft.mask.trailing_zeros() as usize;
            let role = &models[m].roles[draft.roles[m]?];
            match rule {
                Match::Id => Some((Cow::Borrowed(&role.id), &role.id)),
                Match::Archetype => {
                    let archetype = role.archetype.as_deref()?;
                    Some((Cow::Borrowed(archetype), archetype))
                }
                Match::Title => Some((Cow::Owned(role.normalized_title()), &role.title)),
            }
        });
    }

    let mut seen: FxHashMap<Cow<str>, usize> = FxHashMap::default();
    drafts
        .into_iter()
        .filter(|draft| !draft.merged)
        .map(|draft| {
            let count = seen.entry(draft.key.clone()).or_insert(0);
            *count += 1;
            let key = if *count == 1 {
                draft.key.into_owned()
            } else {
                format!("{}#{count}", draft.key)
            };
            RoleRow {
                key,
                by: draft.by,
                roles: draft.roles,
            }
        })
        .collect()
}

/// One matching rule over the rows still missing a model; `key` gives a row's join key and
/// the key a row formed by this rule shows.
fn join<'m>(
    drafts: &mut [Draft<'m>],
    full: u64,
    rule: Match,
    key: impl Fn(&Draft<'m>) -> Option<(Cow<'m, str>, &'m str)>,
) {
    // Rows by join key, in file order; the first row's text names the group.
    let mut groups: IndexMap<Cow<str>, (&str, Vec<usize>), FxBuildHasher> = IndexMap::default();
    for (row, draft) in drafts.iter().enumerate() {
        if draft.merged || draft.mask == full {
            continue;
        }
        if let Some((key, show)) = key(draft) {
            groups.entry(key).or_insert((show, Vec::new())).1.push(row);
        }
    }
    for (show, rows) in groups.into_values() {
        if let [first, second] = rows[..] {
            // Most groups (every id) have one row per model: no bookkeeping needed.
            if drafts[first].mask & drafts[second].mask == 0 {
                merge(drafts, first, second, rule, show);
            }
            continue;
        }
        // Open rows of the group by the models they have, earliest first.
        let mut open: FxHashMap<u64, BTreeSet<usize>> = FxHashMap::default();
        for row in rows {
            let mask = drafts[row].mask;
            let target = open
                .iter()
                .filter(|(other, _)| *other & mask == 0)
                .filter_map(|(other, rows)| Some((*rows.first()?, *other)))
                .min();
            let Some((target, target_mask)) = target else {
                open.entry(mask).or_default().insert(row);
                continue;
            };
            if let Some(rows) = open.get_mut(&target_mask) {
                rows.remove(&target);
            }
            merge(drafts, target, row, rule, show);
            if drafts[target].mask != full {
                open.entry(drafts[target].mask).or_default().insert(target);
            }
        }
    }
}

/// Moves the roles of row `row` into row `target`, joined by `rule` on a key shown as `show`.
fn merge<'m>(drafts: &mut [Draft<'m>], target: usize, row: usize, rule: Match, show: &'m str) {
    let incoming = &mut drafts[row];
    incoming.merged = true;
    let roles = std::mem::take(&mut incoming.roles);
    let mask = incoming.mask;
    let shared_id = (incoming.by == Some(Match::Id)).then(|| incoming.key.clone());
    let into = &mut drafts[target];
    for (slot, role) in into.roles.iter_mut().zip(roles) {
        if role.is_some() {
            *slot = role;
        }
    }
    if into.by.is_none() {
        // A shared id names the row best, then what this rule matched on.
        into.key = shared_id.unwrap_or(Cow::Borrowed(show));
    }
    into.by = Some(rule);
    into.mask |= mask;
}
