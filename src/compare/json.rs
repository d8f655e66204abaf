//! SPEC section 6's JSON. Fields beyond the SPEC's come after them and carry what the human
//! output also shows: hats mean, span median, scopes, vacancies, holders per scope and at the
//! responsible and consulted levels, the matching rule, and each finding's level.

use super::Comparison;
use crate::check::Summary;
use crate::model::RoleId;
use serde::Serialize;

#[derive(Serialize)]
struct Report<'a> {
    models: Vec<JsonModel<'a>>,
    kinds: Vec<JsonKind<'a>>,
    roles: Vec<JsonRole<'a>>,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonModel<'a> {
    path: &'a str,
    name: &'a str,
    metrics: Metrics,
}

#[derive(Serialize)]
struct Metrics {
    roles: usize,
    people: usize,
    layers: usize,
    max_span: usize,
    max_hats: usize,
    findings: Summary,
    median_span: f64,
    mean_hats: f64,
    scopes: usize,
    vacancies: usize,
}

/// Per model, a list of role ids, or `null` where the model lacks the kind or scope.
type PerModel<'a> = Vec<Option<Vec<&'a str>>>;

#[derive(Serialize)]
struct JsonKind<'a> {
    kind: &'a str,
    holders: PerModel<'a>,
    responsible: PerModel<'a>,
    consulted: PerModel<'a>,
    scopes: Vec<JsonScope<'a>>,
}

#[derive(Serialize)]
struct JsonScope<'a> {
    scope: &'a str,
    holders: PerModel<'a>,
}

#[derive(Serialize)]
struct JsonRole<'a> {
    key: &'a str,
    ids: Vec<Option<&'a str>>,
    #[serde(rename = "match")]
    by: Option<&'static str>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'static str,
    subject: &'a str,
    #[serde(rename = "in")]
    present: Vec<bool>,
    levels: Vec<Option<&'static str>>,
}

/// The comparison as pretty JSON, models in the order given.
pub fn json(comparison: &Comparison) -> String {
    let sides = &comparison.sides;
    let per_model = |level: fn(&super::Holders) -> &Vec<RoleId>, row: &super::KindRow| {
        row.holders
            .iter()
            .zip(sides)
            .map(|(holders, side)| holders.as_ref().map(|h| side.ids(level(h))))
            .collect()
    };
    let report = Report {
        models: sides
            .iter()
            .map(|side| JsonModel {
                path: side.model.path(),
                name: &side.model.name,
                metrics: Metrics {
                    roles: side.stats.roles,
                    people: side.stats.people,
                    layers: side.stats.layers,
                    max_span: side.stats.span.max,
                    max_hats: side.stats.hats.max,
                    findings: side.summary,
                    median_span: side.stats.span.median,
                    mean_hats: side.stats.hats.mean,
                    scopes: side.stats.scopes,
                    vacancies: side.stats.vacancies.len(),
                },
            })
            .collect(),
        kinds: comparison
            .kinds
            .iter()
            .map(|row| JsonKind {
                kind: &row.kind,
                holders: per_model(|h| &h.accountable, row),
                responsible: per_model(|h| &h.responsible, row),
                consulted: per_model(|h| &h.consulted, row),
                scopes: row
                    .scopes
                    .iter()
                    .map(|scope| JsonScope {
                        scope: &scope.scope,
                        holders: scope
                            .accountable
                            .iter()
                            .zip(sides)
                            .map(|(roles, side)| roles.as_ref().map(|r| side.ids(r)))
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
        roles: comparison
            .roles
            .iter()
            .map(|row| JsonRole {
                key: &row.key,
                ids: row
                    .roles
                    .iter()
                    .zip(sides)
                    .map(|(role, side)| role.map(|r| side.model.roles[r].id.as_str()))
                    .collect(),
                by: row.by.map(|by| by.name()),
            })
            .collect(),
        findings: comparison
            .findings
            .iter()
            .map(|row| JsonFinding {
                code: row.check.code(),
                subject: &row.subject,
                present: row.found.iter().map(Option::is_some).collect(),
                levels: comparison
                    .levels(row)
                    .into_iter()
                    .map(|level| level.map(|l| l.name()))
                    .collect(),
            })
            .collect(),
    };
    // Plain data of our own types always serializes.
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}
