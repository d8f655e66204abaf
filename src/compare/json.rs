//! SPEC section 6's JSON. Fields beyond the SPEC's come after them and carry what the human
//! output also shows: hats mean, span median, scopes, vacancies, holders per scope and at the
//! responsible and consulted levels, whether each model requires a kind, the matching rule of
//! each row and the rules used, and each finding's level and message.

use super::{Changes, Comparison, Show, manager};
use crate::check::Summary;
use crate::model::{Model, RoleId};
use serde::Serialize;

#[derive(Serialize)]
struct Report<'a> {
    models: Vec<JsonModel<'a>>,
    kinds: Vec<JsonKind<'a>>,
    roles: Vec<JsonRole<'a>>,
    findings: Vec<JsonFinding<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    changes: Option<JsonChanges<'a>>,
    #[serde(rename = "match")]
    rules: Vec<&'static str>,
}

#[derive(Serialize)]
struct JsonChanges<'a> {
    people: JsonPeople<'a>,
    roles: JsonRoles<'a>,
    spans: Vec<JsonSpan<'a>>,
}

#[derive(Serialize)]
struct JsonPeople<'a> {
    joined: Vec<&'a str>,
    left: Vec<&'a str>,
    moved: Vec<JsonPersonChange<'a>>,
    retitled: Vec<JsonPersonChange<'a>>,
}

/// A person's change: their id, and the manager ids (`null`: none) or titles before and after.
#[derive(Serialize)]
struct JsonPersonChange<'a> {
    person: &'a str,
    from: Option<&'a str>,
    to: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonRoles<'a> {
    added: Vec<&'a str>,
    removed: Vec<&'a str>,
    moved: Vec<JsonRoleChange<'a>>,
    retitled: Vec<JsonRoleChange<'a>>,
}

#[derive(Serialize)]
struct JsonRoleChange<'a> {
    role: &'a str,
    from: Option<&'a str>,
    to: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonSpan<'a> {
    role: &'a str,
    from: usize,
    to: usize,
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
    required: Vec<Option<bool>>,
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
    messages: Vec<Option<String>>,
}

/// The comparison as pretty JSON, models in the order given; with [`Show::Differences`], only
/// the kinds held differently, the roles not matched by one id in every model and the
/// findings not in every model.
pub fn json(comparison: &Comparison, show: Show) -> String {
    let all = show == Show::Everything;
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
            .filter(|row| all || comparison.held_differently(row))
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
                required: row
                    .holders
                    .iter()
                    .map(|h| h.as_ref().map(|h| h.required))
                    .collect(),
            })
            .collect(),
        roles: comparison
            .roles
            .iter()
            .filter(|row| all || !comparison.same_id_everywhere(row))
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
            .filter(|row| all || !row.in_every_model())
            .map(|row| JsonFinding {
                code: row.check.code(),
                subject: &row.subject,
                present: row.found.iter().map(Option::is_some).collect(),
                levels: comparison
                    .levels(row)
                    .into_iter()
                    .map(|level| level.map(|l| l.name()))
                    .collect(),
                messages: (0..sides.len())
                    .map(|side| {
                        comparison
                            .finding(row, side)
                            .map(|finding| finding.message(sides[side].model).to_string())
                    })
                    .collect(),
            })
            .collect(),
        changes: comparison
            .changes
            .as_ref()
            .map(|changes| json_changes(changes, sides[0].model, sides[1].model)),
        rules: comparison
            .rules
            .as_slice()
            .iter()
            .map(|r| r.name())
            .collect(),
    };
    // Plain data of our own types always serializes.
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}

fn json_changes<'a>(changes: &Changes, before: &'a Model, after: &'a Model) -> JsonChanges<'a> {
    let id = |model: &'a Model, role: RoleId| model.roles.key(role);
    let title = |model: &'a Model, role: RoleId| Some(model.roles[role].title.as_str());
    let people = &changes.people;
    let roles = &changes.roles;
    JsonChanges {
        people: JsonPeople {
            joined: people.joined.iter().map(|&p| after.people.key(p)).collect(),
            left: people.left.iter().map(|&p| before.people.key(p)).collect(),
            moved: people
                .moved
                .iter()
                .map(|c| JsonPersonChange {
                    person: after.people.key(c.person.after),
                    from: manager(before, c.role.before),
                    to: manager(after, c.role.after),
                })
                .collect(),
            retitled: people
                .retitled
                .iter()
                .map(|c| JsonPersonChange {
                    person: after.people.key(c.person.after),
                    from: title(before, c.role.before),
                    to: title(after, c.role.after),
                })
                .collect(),
        },
        roles: JsonRoles {
            added: roles.added.iter().map(|&r| id(after, r)).collect(),
            removed: roles.removed.iter().map(|&r| id(before, r)).collect(),
            moved: roles
                .moved
                .iter()
                .map(|both| JsonRoleChange {
                    role: id(after, both.after),
                    from: manager(before, both.before),
                    to: manager(after, both.after),
                })
                .collect(),
            retitled: roles
                .retitled
                .iter()
                .map(|both| JsonRoleChange {
                    role: id(after, both.after),
                    from: title(before, both.before),
                    to: title(after, both.after),
                })
                .collect(),
        },
        spans: changes
            .spans
            .iter()
            .map(|span| JsonSpan {
                role: id(after, span.role.after),
                from: span.from,
                to: span.to,
            })
            .collect(),
    }
}
