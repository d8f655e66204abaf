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
pub use finding::{Finding, Summary, Text};
pub use levels::{Levels, Overrides};

use crate::model::{Canon, Hierarchy, KindId, Model, PersonId, RoleId, ScopeId};
use crate::registry::CheckLevel;
use finding::{
    MAX_RELATED, Writer, id_list, name_list, no_related, person_name, role_list, role_name,
};
use holdings::Holdings;
use rustc_hash::FxHashMap;
use std::fmt::Write;

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

/// A check's implementation: the function that runs it, the long explanation that
/// `orgraph explain` prints, and for a check whose findings are data, how their text is
/// written. Each is declared beside its function.
pub(crate) struct Rule {
    check: Check,
    run: fn(&Context, &mut Vec<Finding>),
    explain: &'static str,
    writer: Option<Writer>,
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
    /// Who holds each item, entries without `@SCOPE` kept once; built when first read (by the
    /// thread that runs the checks reading it).
    holdings: std::sync::OnceLock<Holdings>,
    /// No role holds a responsibility ([`is_plain_chart`]).
    pub plain_chart: bool,
}

impl<'m> Context<'m> {
    /// Who holds each item, entries without `@SCOPE` kept once.
    pub fn holdings(&self) -> &Holdings {
        self.holdings.get_or_init(|| Holdings::of(self.model))
    }

    /// The reporting tree, built by the first thread to read it.
    pub fn hierarchy(&self) -> &'m Hierarchy {
        self.model.hierarchy()
    }
}

/// The checks that read the reporting tree ([`Context::hierarchy`]). The second thread builds
/// the tree before its checks, and the first runs these after its others: at a million roles
/// the tree took 27 ms before either thread started.
const READ_THE_TREE: [Check; 9] = [
    Check::ReportingCycle,
    Check::IdleRole,
    Check::MultipleRoots,
    Check::WideSpan,
    Check::NarrowSpan,
    Check::DeepHierarchy,
    Check::IcWithReports,
    Check::ManagerWithoutReports,
    Check::ExternalManager,
];

/// The checks that run on a second thread beside the others: those that read
/// [`Context::holdings`] (building it is the largest single cost), conflicting-levels, and the
/// spans and tracks of the reporting tree. Duplicate-role, the costliest check (0.2 s at a
/// million roles), stays on the first thread with the rest; so the threads' work is about even
/// on large models (at a million roles, 0.4 s of checks and sorting each) and on plain org
/// charts, where the checks that need responsibilities do not run.
const SECOND_THREAD: [Check; 11] = [
    Check::Gap,
    Check::DuplicateOwner,
    Check::TooManyConsulted,
    Check::NoResponsible,
    Check::ConflictingLevels,
    Check::IdleRole,
    Check::WideSpan,
    Check::NarrowSpan,
    Check::IcWithReports,
    Check::ManagerWithoutReports,
    Check::OverloadedPerson,
];

/// The checks whose messages start with their first role's name, `` `ID` (TITLE) ``, and whose
/// findings about one subject name different roles: the role's id with its backticks orders
/// them as their messages would, without writing the messages.
const LEAD_WITH_ROLE: [Check; 1] = [Check::ConflictingLevels];

/// Runs every check not at level allow; findings sorted by code, then subject.
fn run(model: &Model, canon: &Canon, levels: &Levels) -> Vec<Finding> {
    let context = Context {
        model,
        canon,
        holdings: std::sync::OnceLock::new(),
        plain_chart: is_plain_chart(model),
    };
    // Two threads share the checks ([`SECOND_THREAD`]), and no check runs on both: each sorts
    // its findings, and the two are merged by code.
    let (second, mut first): (Vec<&Rule>, Vec<&Rule>) = RULES
        .iter()
        .partition(|rule| SECOND_THREAD.contains(&rule.check));
    first.sort_by_key(|rule| READ_THE_TREE.contains(&rule.check));
    // Codes compared once, as ranks, not once per comparison.
    let mut by_code: Vec<Check> = Check::ALL.to_vec();
    by_code.sort_unstable_by_key(|check| check.code());
    let mut rank = [0; Check::ALL.len()];
    for (at, &check) in by_code.iter().enumerate() {
        rank[check as usize] = at;
    }
    // Room for a finding per role, which most large models stay under: a vector of a million
    // findings that grew by doubling would have been copied whole, the old copy still held. A
    // capacity never written to takes no memory.
    let run_rules = |rules: &[&Rule]| {
        let mut findings = Vec::with_capacity(model.roles.len());
        for rule in rules {
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
        sort(model, &rank, &mut findings);
        findings
    };
    let (findings, more) = crate::parallel::join(
        || run_rules(&first),
        || {
            context.hierarchy();
            run_rules(&second)
        },
    );
    drop(context);
    merged(findings, more, |f| rank[f.check as usize])
}

/// Two runs, each in the order of `key`, merged when no key is in both. The run that starts
/// first takes the other at its end: when the runs follow one another (at a million roles,
/// 333,334 findings that all go before the other thread's 450,024) only that one copy is made,
/// where merging the other way round moved every finding again.
fn merged<T: Send + Sync>(a: Vec<T>, b: Vec<T>, key: impl Fn(&T) -> usize) -> Vec<T> {
    let (mut items, rest) = match (a.first(), b.first()) {
        (None, _) => return b,
        (_, None) => return a,
        (Some(x), Some(y)) if key(y) < key(x) => (b, a),
        _ => (a, b),
    };
    let mid = items.len();
    let two_threads = rest.len() >= MOVED_ON_TWO_THREADS;
    crate::parallel::append_in_halves(&mut items, rest, two_threads);
    merge_runs(&mut items, mid, key);
    items
}

/// Findings from which a run is moved onto the other on two threads (about 2 MB).
const MOVED_ON_TWO_THREADS: usize = 1 << 14;

/// Merges `items[..mid]` and `items[mid..]`, each in the order of `key`, when no key is in
/// both: each block of the second run is rotated into place; nothing is allocated.
fn merge_runs<T>(items: &mut [T], mut mid: usize, key: impl Fn(&T) -> usize) {
    let mut start = 0;
    while start < mid && mid < items.len() {
        let k = key(&items[mid]);
        start += items[start..mid].partition_point(|x| key(x) < k);
        let end = mid + items[mid..].partition_point(|x| key(x) <= k);
        items[start..end].rotate_right(end - mid);
        start += end - mid;
        mid = end;
    }
}

/// Sorts findings by code (as ranked in `rank`), then subject and kind, then message.
fn sort(model: &Model, rank: &[usize; Check::ALL.len()], findings: &mut [Finding]) {
    // Sorted by index, so that the subject of a finding about one role or one item (most of
    // them) is borrowed, not built; then the findings (large) are put in that order in place.
    // Only subjects that join several ids are built, once; the others are borrowed from the
    // model as they are compared (a vector of every subject was 14 MB of fresh memory at a
    // million roles).
    let joined: FxHashMap<usize, String> = (findings.iter().enumerate())
        .filter(|(_, finding)| matches!(About::of(finding), About::Several))
        .map(|(i, finding)| (i, finding.subject(model)))
        .collect();
    let subject = |i: usize| {
        Subject::borrowed(&findings[i], model)
            .unwrap_or_else(|| Subject::Joined(joined.get(&i).map_or("", String::as_str)))
    };
    let compare = |a: usize, b: usize| {
        let (fa, fb) = (&findings[a], &findings[b]);
        rank[fa.check as usize]
            .cmp(&rank[fb.check as usize])
            .then_with(|| subject(a).order(&subject(b)))
            .then_with(|| fa.kind.cmp(&fb.kind))
    };
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by(|&a, &b| compare(a, b));
    // Then by message, written for the findings that tie on the rest and only them, one run
    // at a time into one buffer; where a message starts with its role, the role's name up to
    // the id's closing backtick is enough unless the roles are the same.
    let mut ties = Ties::default();
    let first_role = |i: usize| findings[i].roles.first();
    for run in order.chunk_by_mut(|&a, &b| compare(a, b).is_eq()) {
        if run.len() < 2 {
            continue;
        }
        if !LEAD_WITH_ROLE.contains(&findings[run[0]].check) {
            ties.sort(run, |i, text| {
                write!(text, "{}", findings[i].message(model))
            });
            continue;
        }
        ties.sort(run, |i, text| match first_role(i) {
            Some(&role) => write!(text, "`{}`", model.roles[role].id),
            None => Ok(()),
        });
        for same in run.chunk_by_mut(|&a, &b| first_role(a) == first_role(b)) {
            if same.len() > 1 {
                ties.sort(same, |i, text| {
                    write!(text, "{}", findings[i].message(model))
                });
            }
        }
    }
    drop(joined);
    permute(findings, &mut order);
}

/// The first 16 bytes of `text` (zeros past its end) as a number: texts whose numbers differ
/// are in the same order as the numbers, and only those whose numbers are equal need to be
/// read to be compared.
fn leading(text: &str) -> u128 {
    let mut bytes = [0; 16];
    let length = text.len().min(16);
    bytes[..length].copy_from_slice(&text.as_bytes()[..length]);
    u128::from_be_bytes(bytes)
}

/// Findings that tie on everything but a text, sorted by that text: each written once into one
/// buffer that every run reuses.
#[derive(Default)]
struct Ties {
    text: String,
    /// Each finding's text in `text`, after its [`leading`] bytes.
    tied: Vec<(u128, std::ops::Range<usize>, usize)>,
}

impl Ties {
    /// Sorts `run` (findings' positions) by the text `write` gives each; a stable sort, so
    /// equal texts keep their order.
    fn sort(&mut self, run: &mut [usize], write: impl Fn(usize, &mut String) -> std::fmt::Result) {
        self.text.clear();
        self.tied.clear();
        for &i in run.iter() {
            let start = self.text.len();
            // Writing to a `String` cannot fail.
            let _ = write(i, &mut self.text);
            let written = start..self.text.len();
            self.tied
                .push((leading(&self.text[written.clone()]), written, i));
        }
        let text = &self.text;
        self.tied.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| text[a.1.clone()].cmp(&text[b.1.clone()]))
        });
        for (at, (_, _, i)) in run.iter_mut().zip(&self.tied) {
            *at = *i;
        }
    }
}

/// Puts `items` in `order` (`order[i]` is the position of the item that goes to `i`), one
/// cycle of the permutation at a time, with no second vector; `order` is used up.
fn permute<T>(items: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != start {
            let from = order[at];
            items.swap(at, from);
            order[at] = at;
            at = from;
        }
        order[at] = at;
    }
}

/// [`Finding::subject`] as findings are sorted: borrowed from the model when it is one item
/// (`KIND@SCOPE`) or one id; when it joins several ids, borrowed from where it was built.
enum Subject<'a> {
    Item(&'a str, &'a str),
    Id(&'a str),
    Joined(&'a str),
}

impl<'m> Subject<'m> {
    /// The subject of a finding about one item or one id; `None` when it joins several.
    fn borrowed(finding: &Finding, model: &'m Model) -> Option<Subject<'m>> {
        match About::of(finding) {
            About::Item(kind, scope) => Some(Subject::Item(
                model.kinds[kind].id.as_str(),
                model.scopes[scope].id.as_str(),
            )),
            About::Person(person) => Some(Subject::Id(model.people[person].id.as_str())),
            About::Role(role) => Some(Subject::Id(model.roles[role].id.as_str())),
            About::Several => None,
        }
    }

    /// The subject's text in pieces: `KIND`, `@`, `SCOPE` for an item.
    fn pieces(&self) -> [&'m str; 3] {
        match *self {
            Subject::Item(kind, scope) => [kind, "@", scope],
            Subject::Id(id) | Subject::Joined(id) => [id, "", ""],
        }
    }

    /// The order of the subjects' texts (bytes, as `str` orders), without building them.
    fn order(&self, other: &Subject) -> std::cmp::Ordering {
        match (self, other) {
            (Subject::Item(k1, s1), Subject::Item(k2, s2)) if k1 == k2 => s1.cmp(s2),
            (Subject::Id(a), Subject::Id(b)) => a.cmp(b),
            _ => bytes(self.pieces()).cmp(bytes(other.pieces())),
        }
    }
}

/// What a finding's subject names, told from the finding alone: which subjects must be built
/// is known without reading the model.
enum About {
    Item(KindId, ScopeId),
    Person(PersonId),
    Role(RoleId),
    Several,
}

impl About {
    fn of(finding: &Finding) -> About {
        match (
            finding.kind,
            finding.scope,
            &finding.people[..],
            &finding.roles[..],
        ) {
            (Some(kind), Some(scope), _, _) => About::Item(kind, scope),
            (_, _, [person], _) => About::Person(*person),
            (_, _, [], [role]) => About::Role(*role),
            _ => About::Several,
        }
    }
}

fn bytes<'a>(pieces: [&'a str; 3]) -> impl Iterator<Item = u8> + 'a {
    pieces.into_iter().flat_map(str::bytes)
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
    fn runs_with_no_key_in_common_merge_in_place() {
        let merged = |first: &[(usize, char)], second: &[(usize, char)]| {
            let mut items = [first, second].concat();
            super::merge_runs(&mut items, first.len(), |&(key, _)| key);
            items
        };
        let (a, b, c, d) = ((1, 'a'), (1, 'b'), (3, 'c'), (4, 'd'));
        let (x, y, z) = ((0, 'x'), (2, 'y'), (5, 'z'));
        assert_eq!(merged(&[a, b, c, d], &[x, y, z]), [x, a, b, y, c, d, z]);
        assert_eq!(merged(&[x, y, z], &[a, b, c, d]), [x, a, b, y, c, d, z]);
        assert_eq!(merged(&[], &[a, c]), [a, c]);
        assert_eq!(merged(&[a, c], &[]), [a, c]);
    }

    #[test]
    fn the_run_that_starts_first_takes_the_other() {
        let merged = |first: &[(usize, char)], second: &[(usize, char)]| {
            super::merged(first.to_vec(), second.to_vec(), |&(key, _)| key)
        };
        let (a, b, c) = ((1, 'a'), (1, 'b'), (3, 'c'));
        let (p, x, y) = ((2, 'p'), (4, 'x'), (5, 'y'));
        assert_eq!(merged(&[x, y], &[a, b, c]), [a, b, c, x, y]);
        assert_eq!(merged(&[a, b, c], &[x, y]), [a, b, c, x, y]);
        assert_eq!(merged(&[a, c], &[p, x]), [a, p, c, x]);
        assert_eq!(merged(&[p, x], &[a, c]), [a, p, c, x]);
        assert_eq!(merged(&[], &[a]), [a]);
        assert_eq!(merged(&[a], &[]), [a]);
    }

    proptest::proptest! {
        /// Texts that differ in their first 16 bytes or in length within them, NUL included.
        #[test]
        fn leading_bytes_order_as_their_text(a in "[ab\\x00é-]{0,20}", b in "[ab\\x00é-]{0,20}") {
            let (x, y) = (super::leading(&a), super::leading(&b));
            if x != y {
                proptest::prop_assert_eq!(x.cmp(&y), a.cmp(&b));
            }
            if a == b {
                proptest::prop_assert_eq!(x, y);
            }
        }
    }

    #[test]
    fn permute_puts_each_item_where_the_order_says() {
        let mut items = vec!['a', 'b', 'c', 'd', 'e', 'f'];
        // Two cycles (0 -> 3 -> 5, 1 -> 4) and a fixed point (2).
        let mut order = vec![3, 4, 2, 5, 1, 0];
        super::permute(&mut items, &mut order);
        assert_eq!(items, ['d', 'e', 'c', 'f', 'b', 'a']);
    }

    #[test]
    fn subjects_sort_as_their_text_does() {
        use super::Subject::{Id, Item, Joined};
        let subjects = [
            Item("what", "b"),
            Item("what-x", "a"),
            Id("what@a"),
            Joined("what,x"),
            Item("what", "a"),
            Id("what"),
            Item("how", "z"),
            Item("what", "a-scope-named-at-length-1"),
            Id("what@a-scope-named-at-length-0"),
        ];
        for a in &subjects {
            for b in &subjects {
                let text = |s: &super::Subject| s.pieces().concat();
                assert_eq!(a.order(b), text(a).cmp(&text(b)), "{} {}", text(a), text(b));
            }
        }
    }

    /// Ids alike in their first 16 bytes are sorted by the rest, as their text.
    #[test]
    fn findings_about_ids_alike_at_the_start_sort_as_the_ids() {
        let mut text = String::from("name = \"Long ids\"\n");
        text += "[[role]]\nid = \"owner\"\ntitle = \"Owner\"\nowns = [\"what\"]\n";
        let ids = [
            "the-same-sixteen-2",
            "the-same-sixteen-10",
            "the-same-sixteen",
            "a",
        ];
        for id in ids {
            text += &format!("[[role]]\nid = \"{id}\"\ntitle = \"Role {id}\"\n");
        }
        let options = super::CheckOptions::default();
        let format = crate::model::Format::Toml;
        let model = crate::model::load_str("ids.toml", format, &text, &options.canon)
            .unwrap_or_else(|error| panic!("{}", error.render(false)));
        let report = crate::check(&model, &options);
        let idle: Vec<&str> = report
            .findings
            .iter()
            .filter(|f| f.check == super::Check::IdleRole)
            .map(|f| model.roles[f.roles[0]].id.as_str())
            .collect();
        assert_eq!(
            idle,
            [
                "a",
                "the-same-sixteen",
                "the-same-sixteen-10",
                "the-same-sixteen-2"
            ]
        );
    }

    /// The role ids' order, backtick included, is their messages' order: `a` comes after
    /// `a_b` (`_` sorts before the backtick) and before `ab`.
    #[test]
    fn findings_that_lead_with_their_role_sort_as_their_messages() {
        let mut text = String::from("name = \"Ties\"\n");
        text += "[[scope]]\nid = \"web\"\n[[scope]]\nid = \"app\"\n";
        for id in ["ab", "a", "a_b", "aB", "a.b", "a-b"] {
            text += &format!("[[role]]\nid = \"{id}\"\ntitle = \"Role\"\n");
            text += "owns = [\"what@web\"]\nconsulted = [\"what@web\"]\n";
        }
        let options = super::CheckOptions::default();
        let format = crate::model::Format::Toml;
        let model = crate::model::load_str("ties.toml", format, &text, &options.canon)
            .unwrap_or_else(|error| panic!("{}", error.render(false)));
        let report = crate::check(&model, &options);
        let conflicts: Vec<_> = report
            .findings
            .iter()
            .filter(|f| super::LEAD_WITH_ROLE.contains(&f.check))
            .collect();
        let roles: Vec<&str> = conflicts
            .iter()
            .map(|f| model.roles[f.roles[0]].id.as_str())
            .collect();
        assert_eq!(roles, ["a-b", "a.b", "aB", "a_b", "a", "ab"]);
        let messages: Vec<String> = conflicts
            .iter()
            .map(|f| f.message(&model).to_string())
            .collect();
        assert!(messages.is_sorted(), "{messages:#?}");
        for (message, role) in messages.iter().zip(roles) {
            assert!(message.starts_with(&format!("`{role}` (")), "{message}");
        }
    }

    #[test]
    fn every_check_has_its_rule_in_registry_order() {
        assert_eq!(super::RULES.len(), super::Check::ALL.len());
        for (rule, &check) in super::RULES.iter().zip(super::Check::ALL) {
            assert_eq!(rule.check, check);
        }
    }
}
