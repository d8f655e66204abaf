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
    /// What its message, help and related places are written from.
    wording: Wording,
}

/// What a finding's text comes from. The checks that can find something about every role of
/// a large model keep data, and their text is written from the model when it is shown (at a
/// million roles the text kept per finding was most of the findings' memory); the others,
/// a few per model, keep the text they wrote.
#[derive(Clone, Debug, PartialEq)]
enum Wording {
    /// Numbers the check's [`Writer`] needs beside the finding's ids and the model.
    Data(Numbers),
    /// Text written by the check.
    Written(Box<Written>),
}

#[derive(Clone, Debug, PartialEq)]
struct Written {
    message: String,
    help: Cow<'static, str>,
    related: Vec<(Span, Cow<'static, str>)>,
}

/// A few numbers, kept in place up to two (no allocation for most findings).
#[derive(Clone, Debug, PartialEq)]
enum Numbers {
    Inline(u8, [u32; 2]),
    Boxed(Box<[u32]>),
}

impl Numbers {
    fn of(numbers: &[u32]) -> Numbers {
        match numbers {
            [] => Numbers::Inline(0, [0; 2]),
            [a] => Numbers::Inline(1, [*a, 0]),
            [a, b] => Numbers::Inline(2, [*a, *b]),
            more => Numbers::Boxed(more.into()),
        }
    }

    fn as_slice(&self) -> &[u32] {
        match self {
            Numbers::Inline(len, numbers) => &numbers[..usize::from(*len)],
            Numbers::Boxed(numbers) => numbers,
        }
    }
}

/// How a check whose findings are data ([`Finding::data`]) writes their text, from the
/// finding and the model it was found in.
pub(crate) struct Writer {
    pub message: WriteFn,
    pub help: WriteFn,
    /// Related places and their labels, a handful at most.
    pub related: fn(&Model, &Finding) -> Vec<(Span, &'static str)>,
}

/// Writes one part of a data finding's text.
pub(crate) type WriteFn = fn(&Model, &Finding, &mut fmt::Formatter) -> fmt::Result;

/// [`Writer::related`] of the checks whose findings point at one place.
pub(super) fn no_related(_: &Model, _: &Finding) -> Vec<(Span, &'static str)> {
    Vec::new()
}

/// A related place; a handful is enough to point a reader at the rest.
pub(super) const MAX_RELATED: usize = 5;

impl Finding {
    /// A finding of `check` at its default level, with its text; about nothing until its
    /// fields say (the checks fill them as they find).
    pub fn new(check: Check, message: String, help: impl Into<Cow<'static, str>>) -> Finding {
        Finding::with(
            check,
            Wording::Written(Box::new(Written {
                message,
                help: help.into(),
                related: Vec::new(),
            })),
        )
    }

    /// A finding whose text its check's [`Writer`] writes, from the finding's ids, the model
    /// and `numbers`.
    pub(super) fn data(check: Check, numbers: &[u32]) -> Finding {
        Finding::with(check, Wording::Data(Numbers::of(numbers)))
    }

    fn with(check: Check, wording: Wording) -> Finding {
        Finding {
            check,
            level: check.default_level(),
            roles: Vec::new(),
            people: Vec::new(),
            scope: None,
            kind: None,
            span: None,
            wording,
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

    /// A related place, on a finding with written text; past [`MAX_RELATED`], none.
    pub(super) fn also(mut self, span: Span, label: impl Into<Cow<'static, str>>) -> Finding {
        if let Wording::Written(written) = &mut self.wording
            && written.related.len() < MAX_RELATED
        {
            written.related.push((span, label.into()));
        }
        self
    }

    /// The numbers a data finding was made with ([`Finding::data`]).
    pub(super) fn numbers(&self) -> &[u32] {
        match &self.wording {
            Wording::Data(numbers) => numbers.as_slice(),
            Wording::Written(_) => &[],
        }
    }

    /// What is wrong, in one sentence; `model` is the model it was found in.
    pub fn message<'a>(&'a self, model: &'a Model) -> Text<'a> {
        Text {
            finding: self,
            model,
            help: false,
        }
    }

    /// What would fix it; `model` is the model it was found in.
    pub fn help<'a>(&'a self, model: &'a Model) -> Text<'a> {
        Text {
            finding: self,
            model,
            help: true,
        }
    }

    /// Related places ("also owned here") with their labels; `model` is the model it was
    /// found in.
    pub fn related(&self, model: &Model) -> Vec<(Span, Cow<'_, str>)> {
        match &self.wording {
            Wording::Written(written) => written
                .related
                .iter()
                .map(|(span, label)| (*span, Cow::Borrowed(label.as_ref())))
                .collect(),
            Wording::Data(_) => self.writer().map_or_else(Vec::new, |writer| {
                (writer.related)(model, self)
                    .into_iter()
                    .map(|(span, label)| (span, Cow::Borrowed(label)))
                    .collect()
            }),
        }
    }

    fn writer(&self) -> Option<&'static Writer> {
        super::RULES[self.check as usize].writer.as_ref()
    }

    /// What the finding is about, for matching findings across models: its item (`KIND@SCOPE`),
    /// else its people's ids, else its roles' ids, sorted and joined by `,`.
    pub fn subject(&self, model: &Model) -> String {
        if let (Some(kind), Some(scope)) = (self.kind, self.scope) {
            return model.item_name(kind, scope);
        }
        let mut ids: Vec<(u128, &str)> = if self.people.is_empty() {
            self.roles
                .iter()
                .map(|&r| model.roles[r].id.as_str())
                .map(|id| (super::leading(id), id))
                .collect()
        } else {
            self.people
                .iter()
                .map(|&p| model.people[p].id.as_str())
                .map(|id| (super::leading(id), id))
                .collect()
        };
        // By their leading bytes first: sorting a finding's 41,666 ids by their text alone,
        // each comparison two reads far apart in memory, took 90 ms.
        ids.sort_unstable();
        let ids: Vec<&str> = ids.into_iter().map(|(_, id)| id).collect();
        ids.join(",")
    }
}

/// [`Finding::message`] or [`Finding::help`]: written when it is shown (`Display`), so that a
/// million findings keep no text.
#[derive(Clone, Copy)]
pub struct Text<'a> {
    finding: &'a Finding,
    model: &'a Model,
    help: bool,
}

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.finding.wording, self.finding.writer()) {
            (Wording::Written(written), _) if self.help => f.write_str(&written.help),
            (Wording::Written(written), _) => f.write_str(&written.message),
            (Wording::Data(_), Some(writer)) if self.help => {
                (writer.help)(self.model, self.finding, f)
            }
            (Wording::Data(_), Some(writer)) => (writer.message)(self.model, self.finding, f),
            // `Finding::data` is only made by checks that have a writer.
            (Wording::Data(_), None) => Ok(()),
        }
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
