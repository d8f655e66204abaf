//! The checks: small named functions over a model that return findings as data.
//!
//! The registry ([`Check`]) lists every check with its stable code and default level; each
//! check's function and its explanation are declared together in the file of its kind
//! (`items.rs`, `hierarchy.rs`, `roles.rs`, `people.rs`). [`check`] runs them all.
//!
//! ```
//! use orgraph::check::{Check, CheckOptions};
//! use orgraph::model::{CheckLevel, Format};
//!
//! let text = r#"
//! name = "Two owners"
//! [policy]
//! required = ["what"]
//! [[role]]
//! id = "pm"
//! title = "Product Manager"
//! owns = ["what"]
//! [[role]]
//! id = "pmm"
//! title = "Product Marketing Manager"
//! reports_to = "pm"
//! owns = ["what"]
//! "#;
//! let options = CheckOptions::default();
//! let model = orgraph::model::load_str("two.toml", Format::Toml, text, &options.canon)?;
//! let report = orgraph::check(&model, &options);
//! let owners: Vec<_> = report
//!     .findings
//!     .iter()
//!     .filter(|f| f.check == Check::DuplicateOwner)
//!     .collect();
//! assert_eq!(owners.len(), 1);
//! assert_eq!(owners[0].level, CheckLevel::Deny);
//! assert_eq!(report.summary().deny, 1);
//! # Ok::<(), orgraph::model::LoadError>(())
//! ```

mod finding;
mod hierarchy;
mod holdings;
mod items;
mod levels;
mod people;
mod roles;

pub use crate::registry::Check;
pub use finding::{Finding, Summary};
pub use levels::{Levels, Overrides};

use crate::model::{Canon, Hierarchy, Model};
use crate::registry::CheckLevel;
use finding::{id_list, name_list, person_name, role_list, role_name};
use holdings::Holdings;
use std::borrow::Cow;

/// How to check a model: the canon its archetypes are compared with, and the levels the
/// command line sets over each check's default and the model's `[checks]`.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// The canon for `archetype-drift`; the built-in one by default. Load the model with the
    /// same canon.
    pub canon: Canon,
    /// Levels set over the defaults and the model's `[checks]` (`--allow`, `--deny`, ...).
    pub overrides: Overrides,
}

/// One model checked: its findings, and the level each check ran at.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// Every finding of the checks that ran, sorted by code, then subject.
    pub findings: Vec<Finding>,
    /// The level each check ran at (a check at `allow` did not run).
    pub levels: Levels,
}

impl Report {
    /// How many findings are errors and how many warnings.
    pub fn summary(&self) -> Summary {
        Summary::of(&self.findings)
    }
}

/// Runs every check on `model` at the levels `options` and the model's `[checks]` give; on a
/// plain org chart ([`is_plain_chart`]) only the structural ones. The same model gives the same
/// findings in the same order, every time.
pub fn check(model: &Model, options: &CheckOptions) -> Report {
    let levels = Levels::new(model, &options.overrides);
    let findings = run(model, &options.canon, &levels);
    Report { findings, levels }
}

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
    items::NO_RESPONSIBLE,
    hierarchy::EXTERNAL_MANAGER,
];

/// The checks about responsibilities that do not run on a plain org chart (a model where no
/// role holds a responsibility), beside the missing-kinds half of `archetype-drift`: on such a
/// chart they would fire on every item and every role and say nothing.
pub const NEED_RESPONSIBILITIES: [Check; 3] = [Check::Gap, Check::IdleRole, Check::NoResponsible];

/// Whether `model` is a plain org chart: no role holds any responsibility (an HR export, say).
/// Only the structural checks run on it ([`NEED_RESPONSIBILITIES`]).
pub fn is_plain_chart(model: &Model) -> bool {
    model
        .roles
        .values()
        .all(|role| role.responsibilities.is_empty())
}

/// What the check looks for, why it matters and how to fix it, with an example.
pub fn explanation(check: Check) -> &'static str {
    RULES[check as usize].explain
}

/// What every check reads: the model and what is derived from it once.
pub(crate) struct Context<'m> {
    pub model: &'m Model,
    pub canon: &'m Canon,
    pub hierarchy: &'m Hierarchy,
    /// Who holds each item, entries without `@SCOPE` kept once.
    pub holdings: Holdings,
    /// No role holds a responsibility ([`is_plain_chart`]).
    pub plain_chart: bool,
}

/// Runs every check not at level allow; findings sorted by code, then subject.
fn run(model: &Model, canon: &Canon, levels: &Levels) -> Vec<Finding> {
    let context = Context {
        model,
        canon,
        hierarchy: model.hierarchy(),
        holdings: Holdings::of(model),
        plain_chart: is_plain_chart(model),
    };
    let mut findings = Vec::new();
    for rule in &RULES {
        let level = levels.get(rule.check);
        if level == CheckLevel::Allow
            || (context.plain_chart && NEED_RESPONSIBILITIES.contains(&rule.check))
        {
            continue;
        }
        let start = findings.len();
        (rule.run)(&context, &mut findings);
        for finding in &mut findings[start..] {
            finding.level = level;
        }
    }
    // Sorted by index, so that findings (large) move once, and the subject of a finding about
    // one role (most of them) is borrowed, not built.
    let subjects: Vec<Cow<str>> = findings.iter().map(|f| sort_subject(f, model)).collect();
    let key = |i: usize| {
        let f = &findings[i];
        (f.check.code(), &subjects[i], f.kind, &f.message)
    };
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by(|&a, &b| key(a).cmp(&key(b)));
    drop(subjects);
    let mut slots: Vec<Option<Finding>> = findings.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// [`Finding::subject`], borrowed when it is a single id.
fn sort_subject<'m>(finding: &Finding, model: &'m Model) -> Cow<'m, str> {
    match (
        finding.kind,
        finding.scope,
        &finding.people[..],
        &finding.roles[..],
    ) {
        (Some(_), Some(_), _, _) => Cow::Owned(finding.subject(model)),
        (_, _, [person], _) => Cow::Borrowed(model.people[*person].id.as_str()),
        (_, _, [], [role]) => Cow::Borrowed(model.roles[*role].id.as_str()),
        _ => Cow::Owned(finding.subject(model)),
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
