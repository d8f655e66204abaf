//! The checks: small named functions over a model that return findings as data. The registry
//! ([`Check`]) lists every check with its stable code and default level; each check's function
//! and explanation are declared together in the file of its kind.

mod hierarchy;
mod items;
mod people;
mod roles;

pub use crate::registry::Check;

use crate::registry::CheckLevel;

use crate::model::items::ItemIndex;
use crate::model::{Canon, Hierarchy, Model};
use crate::source::Span;
use std::collections::HashMap;

/// A check's implementation: the function that runs it and the long explanation that
/// `orgraph explain` prints. Each is declared beside its function.
pub(crate) struct Rule {
    check: Check,
    run: fn(&Context, &mut Vec<Finding>),
    explain: &'static str,
}

/// Every check's rule, in the order of [`Check::ALL`].
const RULES: [Rule; Check::ALL.len()] = [
    items::GAP,
    items::DUPLICATE_OWNER,
    hierarchy::REPORTING_CYCLE,
    roles::DUPLICATE_ROLE,
    hierarchy::IDLE_ROLE,
    hierarchy::MULTIPLE_ROOTS,
    hierarchy::WIDE_SPAN,
    hierarchy::NARROW_SPAN,
    hierarchy::DEEP_HIERARCHY,
    hierarchy::IC_WITH_REPORTS,
    hierarchy::MANAGER_WITHOUT_REPORTS,
    people::OVERLOADED_PERSON,
    people::UNFILLED_ROLE,
    roles::ARCHETYPE_DRIFT,
    items::CONFLICTING_LEVELS,
    items::OVERLOADED_ROLE,
    items::TOO_MANY_CONSULTED,
];

/// What the check looks for, why it matters and how to fix it, with an example.
pub fn explanation(check: Check) -> &'static str {
    RULES[check as usize].explain
}

/// One problem a check found: data only; reporters decide how it looks.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub check: Check,
    /// The level in force for this model and command line.
    pub level: CheckLevel,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What would fix it.
    pub help: String,
    /// Indexes into the model's roles; the role the finding is about first.
    pub roles: Vec<usize>,
    /// Indexes into the model's people; the person the finding is about first.
    pub people: Vec<usize>,
    pub scope: Option<usize>,
    pub kind: Option<usize>,
    /// Where the finding points in the model file.
    pub span: Option<Span>,
    /// Related places ("also owned here").
    pub related: Vec<(Span, String)>,
}

impl Finding {
    fn new(check: Check, message: String, help: String) -> Finding {
        Finding {
            check,
            level: check.default_level(),
            message,
            help,
            roles: Vec::new(),
            people: Vec::new(),
            scope: None,
            kind: None,
            span: None,
            related: Vec::new(),
        }
    }

    fn roles(mut self, roles: Vec<usize>) -> Finding {
        self.roles = roles;
        self
    }

    fn people(mut self, people: Vec<usize>) -> Finding {
        self.people = people;
        self
    }

    fn item(mut self, kind: usize, scope: Option<usize>) -> Finding {
        self.kind = Some(kind);
        self.scope = scope;
        self
    }

    fn at(mut self, span: Option<Span>) -> Finding {
        self.span = span;
        self
    }

    /// A related place; a handful is enough to point a reader at the rest.
    fn also(mut self, span: Span, label: impl Into<String>) -> Finding {
        const MAX_RELATED: usize = 5;
        if self.related.len() < MAX_RELATED {
            self.related.push((span, label.into()));
        }
        self
    }

    /// What the finding is about, for matching findings across models: its item (`KIND@SCOPE`),
    /// else its people's ids, else its roles' ids, sorted and joined by `,`.
    pub fn subject(&self, model: &Model) -> String {
        if let (Some(kind), Some(scope)) = (self.kind, self.scope) {
            return model.item_name(kind, scope);
        }
        let mut ids: Vec<&str> = if self.people.is_empty() {
            self.roles
                .iter()
                .map(|&r| model.roles[r].id.as_str())
                .collect()
        } else {
            self.people
                .iter()
                .map(|&p| model.people[p].id.as_str())
                .collect()
        };
        ids.sort_unstable();
        ids.join(",")
    }
}

/// The level of every check: defaults, then the model's `[checks]`, then the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Levels {
    levels: HashMap<Check, CheckLevel>,
}

/// Level overrides from the command line, applied in the order allow, warn, deny.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overrides {
    pub allow: Vec<Check>,
    pub warn: Vec<Check>,
    pub deny: Vec<Check>,
    /// `--deny warnings` / `--strict`: every warning becomes an error.
    pub deny_warnings: bool,
}

impl Levels {
    pub fn new(model: &Model, overrides: &Overrides) -> Levels {
        let mut levels: HashMap<Check, CheckLevel> =
            Check::ALL.iter().map(|&c| (c, c.default_level())).collect();
        for setting in &model.checks {
            if let Some(check) = Check::from_code(&setting.code) {
                levels.insert(check, setting.level);
            }
        }
        let cli = [
            (&overrides.allow, CheckLevel::Allow),
            (&overrides.warn, CheckLevel::Warn),
            (&overrides.deny, CheckLevel::Deny),
        ];
        for (checks, level) in cli {
            for &check in checks {
                levels.insert(check, level);
            }
        }
        if overrides.deny_warnings {
            for level in levels.values_mut() {
                if *level == CheckLevel::Warn {
                    *level = CheckLevel::Deny;
                }
            }
        }
        Levels { levels }
    }

    pub fn get(&self, check: Check) -> CheckLevel {
        self.levels
            .get(&check)
            .copied()
            .unwrap_or(check.default_level())
    }
}

/// What every check reads: the model and what is derived from it once.
pub(crate) struct Context<'m> {
    pub model: &'m Model,
    pub canon: &'m Canon,
    pub hierarchy: &'m Hierarchy,
    pub items: &'m ItemIndex,
}

/// Runs every check not at level allow; findings sorted by code, then subject.
pub fn run(model: &Model, canon: &Canon, levels: &Levels) -> Vec<Finding> {
    let context = Context {
        model,
        canon,
        hierarchy: model.hierarchy(),
        items: model.items(),
    };
    let mut findings = Vec::new();
    for rule in &RULES {
        let level = levels.get(rule.check);
        if level == CheckLevel::Allow {
            continue;
        }
        let start = findings.len();
        (rule.run)(&context, &mut findings);
        for finding in &mut findings[start..] {
            finding.level = level;
        }
    }
    let mut keyed: Vec<(&'static str, String, Finding)> = findings
        .into_iter()
        .map(|f| (f.check.code(), f.subject(model), f))
        .collect();
    keyed.sort_by(|a, b| {
        (a.0, &a.1, a.2.kind, &a.2.message).cmp(&(b.0, &b.1, b.2.kind, &b.2.message))
    });
    keyed.into_iter().map(|(_, _, f)| f).collect()
}

/// Counts of findings at each reported level.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub deny: usize,
    pub warn: usize,
}

impl Summary {
    pub fn of(findings: &[Finding]) -> Summary {
        let deny = findings
            .iter()
            .filter(|f| f.level == CheckLevel::Deny)
            .count();
        Summary {
            deny,
            warn: findings.len() - deny,
        }
    }
}

/// Ids for a message, quoted: `a`, `a and b`, `a, b and c`; past five, `a, ..., e and 7 more`.
fn id_list<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    const SHOWN: usize = 5;
    let mut ids = ids.into_iter();
    let shown: Vec<String> = ids
        .by_ref()
        .take(SHOWN)
        .map(|id| format!("`{id}`"))
        .collect();
    match (shown.split_last(), ids.count()) {
        (None, _) => String::new(),
        (Some((last, [])), 0) => last.clone(),
        (Some((last, init)), 0) => format!("{} and {last}", init.join(", ")),
        (Some(_), more) => format!("{} and {more} more", shown.join(", ")),
    }
}

/// `orgraph explain CODE`: the check's code, default level and long explanation.
pub fn explain(check: Check) -> String {
    format!(
        "{} (default level: {})\n\n{}\n",
        check.code(),
        check.default_level().name(),
        explanation(check).trim_end()
    )
}

/// `orgraph explain`: every check with its default level and summary.
pub fn list() -> String {
    let width = Check::ALL.iter().map(|c| c.code().len()).max().unwrap_or(0);
    let mut out = String::new();
    for check in Check::ALL {
        out.push_str(&format!(
            "{:<width$}  {:<5}  {}\n",
            check.code(),
            check.default_level().name(),
            check.summary()
        ));
    }
    out.push_str("\nRun `orgraph explain CODE` for what a check looks for, why it matters and how to fix it.\n");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_check_has_its_rule_in_registry_order() {
        assert_eq!(super::RULES.len(), super::Check::ALL.len());
        for (rule, &check) in super::RULES.iter().zip(super::Check::ALL) {
            assert_eq!(rule.check, check);
        }
    }
}
