//! Reporters: findings of one or more models as text for a person or a machine.
//! They only format; the checks decided everything.

mod human;
mod junit;
mod sarif;

pub use human::human;
pub use junit::junit;
pub use sarif::sarif;

use crate::check::{Finding, Levels, Summary};
use crate::model::Model;
use crate::source::Location;
use serde::Serialize;

/// One checked model: what the reporters format.
pub struct Checked<'a> {
    /// The model.
    pub model: &'a Model,
    /// Its findings, sorted.
    pub findings: &'a [Finding],
    /// The level each check ran at.
    pub levels: &'a Levels,
}

impl Checked<'_> {
    /// Where `finding` points, as file, line and column.
    pub fn location(&self, finding: &Finding) -> Option<Location> {
        finding.span.map(|span| self.model.sources.location(span))
    }
}

/// A finding as SPEC section 4's JSON gives it.
#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'static str,
    level: &'static str,
    message: &'a str,
    roles: Vec<&'a str>,
    scope: Option<&'a str>,
    kind: Option<&'a str>,
    people: Vec<&'a str>,
    location: Option<Location>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    model: &'a str,
    findings: Vec<JsonFinding<'a>>,
    summary: Summary,
}

fn json_report<'a>(checked: &'a Checked<'a>) -> JsonReport<'a> {
    let model = checked.model;
    JsonReport {
        model: model.path(),
        findings: checked
            .findings
            .iter()
            .map(|f| JsonFinding {
                code: f.check.code(),
                level: f.level.name(),
                message: &f.message,
                roles: f
                    .roles
                    .iter()
                    .map(|&r| model.roles[r].id.as_str())
                    .collect(),
                scope: f.scope.map(|s| model.scopes[s].id.as_str()),
                kind: f.kind.map(|k| model.kinds[k].id.as_str()),
                people: f
                    .people
                    .iter()
                    .map(|&p| model.people[p].id.as_str())
                    .collect(),
                location: checked.location(f),
            })
            .collect(),
        summary: Summary::of(checked.findings),
    }
}

/// One JSON object for one model, an array of them for several.
pub fn json(checked: &[Checked]) -> String {
    let reports: Vec<JsonReport> = checked.iter().map(json_report).collect();
    let text = match reports.as_slice() {
        [one] => serde_json::to_string_pretty(one),
        many => serde_json::to_string_pretty(many),
    };
    // Plain data of our own types always serializes.
    let mut text = text.unwrap_or_default();
    text.push('\n');
    text
}
