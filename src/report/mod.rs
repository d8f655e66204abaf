//! Reporters: findings of one or more models as text for a person or a machine.
//! They only format; the checks decided everything.

mod human;
mod junit;
mod sarif;

pub use human::human;
pub use junit::junit;
pub use sarif::sarif;

use crate::check::{Finding, Levels, Report, Summary};
use crate::model::{Id, Model, PersonId, RoleId, Section};
use crate::source::Location;
use serde::Serialize;
use std::io::Write;

/// One checked model: what the reporters format.
pub struct Checked<'a> {
    /// The model.
    pub model: &'a Model,
    /// Its findings, sorted.
    pub findings: &'a [Finding],
    /// The level each check ran at.
    pub levels: &'a Levels,
}

impl<'a> Checked<'a> {
    /// `model` with what [`check`](crate::check()) reported on it.
    pub fn new(model: &'a Model, report: &'a Report) -> Checked<'a> {
        Checked {
            model,
            findings: &report.findings,
            levels: &report.levels,
        }
    }

    /// Where `finding` points, as file, line and column.
    pub fn location(&self, finding: &Finding) -> Option<Location> {
        finding.span.map(|span| self.model.sources.location(span))
    }
}

/// A finding as SPEC section 4's JSON gives it; ids and location are written as they are
/// serialized, not collected first.
#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'static str,
    level: &'static str,
    message: Text<'a>,
    roles: Ids<'a, RoleId, crate::model::Role>,
    scope: Option<&'a str>,
    kind: Option<&'a str>,
    people: Ids<'a, PersonId, crate::model::Person>,
    location: Option<JsonLocation<'a>>,
}

/// A finding's text, written into the output as it is serialized.
struct Text<'a>(crate::check::Text<'a>);

impl Serialize for Text<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// Items of a model section, serialized as their string ids.
struct Ids<'a, I, T> {
    indexes: &'a [I],
    items: &'a Section<I, T>,
}

impl<I: Id, T> Serialize for Ids<'_, I, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.indexes.iter().map(|&id| self.items.key(id)))
    }
}

/// [`Location`] with the file's name borrowed.
#[derive(Serialize)]
struct JsonLocation<'a> {
    file: &'a str,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    model: &'a str,
    findings: JsonFindings<'a>,
    summary: Summary,
}

/// The findings of one model, each turned into a [`JsonFinding`] as it is written.
struct JsonFindings<'a>(&'a Checked<'a>);

impl Serialize for JsonFindings<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let checked = self.0;
        let model = checked.model;
        serializer.collect_seq(checked.findings.iter().map(|f| JsonFinding {
            code: f.check.code(),
            level: f.level.name(),
            message: Text(f.message(model)),
            roles: Ids {
                indexes: &f.roles,
                items: &model.roles,
            },
            scope: f.scope.map(|s| model.scopes[s].id.as_str()),
            kind: f.kind.map(|k| model.kinds[k].id.as_str()),
            people: Ids {
                indexes: &f.people,
                items: &model.people,
            },
            location: f.span.map(|span| {
                let (line, column) = model.sources.line_column(span);
                JsonLocation {
                    file: model.sources.name(span.file),
                    line,
                    column,
                }
            }),
        }))
    }
}

fn json_report<'a>(checked: &'a Checked<'a>) -> JsonReport<'a> {
    JsonReport {
        model: checked.model.path(),
        findings: JsonFindings(checked),
        summary: Summary::of(checked.findings),
    }
}

/// One JSON object for one model, an array of them for several, written to `out` as it is
/// serialized: a million findings never exist as one string. Wrap `out` in a buffer.
pub fn json(checked: &[Checked], out: &mut impl Write) -> std::io::Result<()> {
    let mut serializer = serde_json::Serializer::pretty(&mut *out);
    match checked {
        [one] => json_report(one).serialize(&mut serializer)?,
        many => serde::Serializer::collect_seq(&mut serializer, many.iter().map(json_report))?,
    }
    out.write_all(b"\n")
}
