//! Findings: what a check reports, as data. Reporters decide how it looks.

use super::Check;
use crate::model::{KindId, Model, PersonId, Role, RoleId, ScopeId};
use crate::registry::CheckLevel;
use crate::source::Span;
use crate::terminal::Escaped;
use std::borrow::Cow;
use std::fmt;

/// One problem a check found: data only; reporters decide how it looks.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The check that found it.
    pub check: Check,
    /// The level in force for this model and command line.
    pub level: CheckLevel,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What would fix it; most checks' help is fixed text, borrowed, not copied per finding.
    pub help: Cow<'static, str>,
    /// The roles it is about, the main one first.
    pub roles: Vec<RoleId>,
    /// The people it is about, the main one first.
    pub people: Vec<PersonId>,
    /// The scope of the item it is about.
    pub scope: Option<ScopeId>,
    /// The kind it is about.
    pub kind: Option<KindId>,
    /// Where the finding points in the model file.
    pub span: Option<Span>,
    /// Related places ("also owned here"), labels borrowed when they are fixed text.
    pub related: Vec<(Span, Cow<'static, str>)>,
}

impl Finding {
    pub(super) fn new(
        check: Check,
        message: String,
        help: impl Into<Cow<'static, str>>,
    ) -> Finding {
        Finding {
            check,
            level: check.default_level(),
            message,
            help: help.into(),
            roles: Vec::new(),
            people: Vec::new(),
            scope: None,
            kind: None,
            span: None,
            related: Vec::new(),
        }
    }

    pub(super) fn roles(mut self, roles: Vec<RoleId>) -> Finding {
        self.roles = roles;
        self
    }

    pub(super) fn people(mut self, people: Vec<PersonId>) -> Finding {
        self.people = people;
        self
    }

    pub(super) fn item(mut self, kind: KindId, scope: Option<ScopeId>) -> Finding {
        self.kind = Some(kind);
        self.scope = scope;
        self
    }

    pub(super) fn at(mut self, span: Option<Span>) -> Finding {
        self.span = span;
        self
    }

    /// A related place; a handful is enough to point a reader at the rest.
    pub(super) fn also(mut self, span: Span, label: impl Into<Cow<'static, str>>) -> Finding {
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

/// Counts of findings at each reported level.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Findings at level deny: errors.
    pub deny: usize,
    /// Findings at level warn: warnings.
    pub warn: usize,
}

impl Summary {
    /// Counts `findings` by level.
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
pub(super) fn id_list<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    name_list(ids, |id| format!("`{id}`"))
}

/// A role for a message: its id and its title, `` `pm` (Product Manager) ``. Written straight
/// into the message, so that naming a role allocates nothing of its own.
pub(super) fn role_name(model: &Model, role: RoleId) -> RoleName<'_> {
    RoleName(&model.roles[role])
}

/// [`role_name`]: a role as a message shows it.
pub(super) struct RoleName<'m>(&'m Role);

impl fmt::Display for RoleName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` ({})", self.0.id, Escaped(&self.0.title))
    }
}

/// Roles for a message, each by id and title, shortened as [`id_list`] does.
pub(super) fn role_list(model: &Model, roles: &[RoleId]) -> String {
    name_list(roles.iter(), |&role| role_name(model, role).to_string())
}

/// A person for a message: `` `ana` (Ana Lima) ``, or the id alone when no name is given.
pub(super) fn person_name(model: &Model, person: PersonId) -> String {
    let person = &model.people[person];
    match &person.name {
        Some(name) => format!("`{}` ({})", person.id, Escaped(name)),
        None => format!("`{}`", person.id),
    }
}

/// Items named for a message: `a`, `a and b`, `a, b and c`; past five, `a, ..., e and 7 more`.
/// Only the items shown are named, so that a list of a million roles costs five.
pub(super) fn name_list<T>(
    items: impl IntoIterator<Item = T>,
    name: impl Fn(T) -> String,
) -> String {
    const SHOWN: usize = 5;
    let mut items = items.into_iter();
    let shown: Vec<String> = items.by_ref().take(SHOWN).map(name).collect();
    match (shown.split_last(), items.count()) {
        (None, _) => String::new(),
        (Some((last, [])), 0) => last.clone(),
        (Some((last, init)), 0) => format!("{} and {last}", init.join(", ")),
        (Some(_), more) => format!("{} and {more} more", shown.join(", ")),
    }
}
