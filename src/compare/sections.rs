//! The comparison as titled sections of tables and text: what the human and Markdown formats
//! both show, written once. Cells are plain text; each format lays them out and escapes them.

mod changes;

use super::{Comparison, Differences, FindingRow, Holders, KindRow, Show, Side, keyed_by_check};
use crate::model::{Model, RoleId};
use std::collections::BTreeMap;

pub(crate) struct Table {
    /// How many leading columns label the rows; one column per model follows.
    pub lead: usize,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// A list of things that can be long: a terminal shows the first rows and a count.
    pub long: bool,
}

pub(crate) enum Block {
    Table(Table),
    Text(String),
    /// Items that can be many: a terminal shows the first ones and a count.
    List(Vec<String>),
}

pub(crate) struct Section {
    pub title: String,
    pub blocks: Vec<Block>,
}

/// Shown where a model does not have the kind or scope at all.
const ABSENT: &str = "n/a";
/// Shown where a model requires the kind but nobody is accountable: a gap.
const NOBODY: &str = "(nobody)";
/// Shown where nobody holds the kind at that level and the model does not require it.
const NONE: &str = "-";
/// The subject of a finding keyed by its check alone.
const WHOLE_MODEL: &str = "(whole model)";

pub(crate) fn sections(comparison: &Comparison, show: Show) -> Vec<Section> {
    let two = comparison.changes.is_some();
    let mut sections = Vec::new();
    if show == Show::Everything {
        sections.push(shape(comparison));
    }
    if show == Show::Everything || !two {
        sections.push(kinds(comparison, show));
        sections.push(roles(comparison));
        sections.push(findings(comparison, show));
    }
    sections.extend(changes::changes(comparison));
    sections.extend(change(comparison));
    if show == Show::Everything {
        sections.push(Section {
            title: "Differences".into(),
            blocks: vec![Block::Text(differences(&comparison.differences()))],
        });
    }
    sections
}

fn header(comparison: &Comparison, lead: &[&str]) -> Vec<String> {
    lead.iter()
        .map(|s| s.to_string())
        .chain(comparison.sides.iter().map(|side| side.label.clone()))
        .collect()
}

fn row(lead: &[&str], cells: impl IntoIterator<Item = String>) -> Vec<String> {
    lead.iter().map(|s| s.to_string()).chain(cells).collect()
}

/// `2.5`, `3`: a number without a trailing `.0`.
fn number(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

pub(crate) fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn shape(comparison: &Comparison) -> Section {
    let sides = &comparison.sides;
    let metric =
        |name: &str, value: &dyn Fn(&Side) -> String| row(&[name], sides.iter().map(value));
    let rows = vec![
        metric("file", &|s| s.model.path().to_string()),
        metric("name", &|s| s.model.name.clone()),
        metric("roles", &|s| s.stats.roles.to_string()),
        metric("people", &|s| s.stats.people.to_string()),
        metric("roles per person", &|s| {
            if s.stats.people == 0 {
                "-".into()
            } else {
                format!(
                    "max {}, mean {}",
                    s.stats.hats.max,
                    number(s.stats.hats.mean)
                )
            }
        }),
        metric("vacant roles", &|s| {
            if s.stats.people == 0 {
                "-".into()
            } else {
                s.stats.vacancies.len().to_string()
            }
        }),
        metric("scopes", &|s| s.stats.scopes.to_string()),
        metric("layers", &|s| s.stats.layers.to_string()),
        metric("span of control", &|s| {
            format!(
                "max {}, median {}",
                s.stats.span.max,
                number(s.stats.span.median)
            )
        }),
        metric("findings", &|s| {
            format!("{} deny, {} warn", s.summary.deny, s.summary.warn)
        }),
    ];
    Section {
        title: "Size and shape".into(),
        blocks: vec![Block::Table(Table {
            lead: 1,
            header: header(comparison, &[""]),
            rows,
            long: false,
        })],
    }
}

/// A cell of the kinds table: the roles (and whether the model requires the kind), else what
/// holding none means; at the accountable level, nobody on a required kind is a gap.
fn holders_cell(side: &Side, held: Option<(&[RoleId], bool)>, accountable: bool) -> String {
    match held {
        None => ABSENT.to_string(),
        Some((roles, _)) if !roles.is_empty() => side.ids(roles).join(", "),
        Some((_, required)) if required && accountable => NOBODY.to_string(),
        Some(_) => NONE.to_string(),
    }
}

fn kinds(comparison: &Comparison, show: Show) -> Section {
    let title = "Who holds each kind".to_string();
    let sides = &comparison.sides;
    let plain = sides.iter().all(|s| {
        s.model
            .roles
            .values()
            .all(|r| r.responsibilities.is_empty())
    });
    if plain {
        return Section {
            title,
            blocks: vec![Block::Text(
                "No model holds any responsibility: they are plain org charts.".into(),
            )],
        };
    }
    // Per-scope rows only say more than the kind's row for models with several scopes.
    let several: Vec<&Model> = sides
        .iter()
        .map(|s| s.model)
        .filter(|m| m.scopes.len() > 1)
        .collect();
    let mut rows = Vec::new();
    for kind in &comparison.kinds {
        if show == Show::Differences && !comparison.held_differently(kind) {
            continue;
        }
        let cells = |level: fn(&Holders) -> &Vec<RoleId>, gap: bool| {
            kind.holders
                .iter()
                .zip(sides)
                .map(|(holders, side)| {
                    let held = holders.as_ref().map(|h| (level(h).as_slice(), h.required));
                    holders_cell(side, held, gap)
                })
                .collect::<Vec<_>>()
        };
        rows.push(row(&[&kind.kind], cells(|h| &h.accountable, true)));
        rows.extend(scope_rows(comparison, kind, &several));
        for (label, level) in [
            (
                "  responsible",
                (|h| &h.responsible) as fn(&Holders) -> &Vec<RoleId>,
            ),
            ("  consulted", |h| &h.consulted),
        ] {
            let held = kind.holders.iter().flatten().any(|h| !level(h).is_empty());
            if held {
                rows.push(row(&[label], cells(level, false)));
            }
        }
    }
    let mut blocks = vec![Block::Text(format!(
        "Accountable roles over all scopes, then per scope (@scope), then the responsible and \
         consulted roles. {NOBODY}: a kind the model requires has no accountable role, a gap; \
         {NONE}: nobody, and the model does not require it; {ABSENT}: the model has no such \
         kind or scope."
    ))];
    if rows.is_empty() {
        blocks = vec![Block::Text("Every kind is held by the same roles.".into())];
    } else {
        blocks.push(Block::Table(Table {
            lead: 1,
            header: header(comparison, &["kind"]),
            rows,
            long: false,
        }));
    }
    Section { title, blocks }
}

/// `  @scope` rows of one kind: who is accountable on each scope.
fn scope_rows<'a>(
    comparison: &'a Comparison,
    kind: &'a KindRow,
    several: &'a [&Model],
) -> impl Iterator<Item = Vec<String>> + 'a {
    kind.scopes
        .iter()
        .filter(|scope| several.iter().any(|m| m.scopes.get(&scope.scope).is_some()))
        .map(move |scope| {
            let label = format!("  @{}", scope.scope);
            row(
                &[&label],
                scope
                    .accountable
                    .iter()
                    .zip(&kind.holders)
                    .zip(&comparison.sides)
                    .map(|((roles, holders), side)| {
                        let required = holders.as_ref().is_some_and(|h| h.required);
                        let held = roles.as_ref().map(|r| (r.as_slice(), required));
                        holders_cell(side, held, true)
                    }),
            )
        })
}

fn roles(comparison: &Comparison) -> Section {
    let listed: Vec<_> = comparison
        .roles
        .iter()
        .filter(|row| !comparison.same_id_everywhere(row))
        .collect();
    let rows = listed
        .iter()
        .map(|role| {
            let by = role.by.map_or("-", |by| by.name());
            row(
                &[&role.key, by],
                role.roles.iter().enumerate().map(|(side, r)| match r {
                    Some(r) => comparison.role_id(side, *r).to_string(),
                    None => "-".to_string(),
                }),
            )
        })
        .collect::<Vec<_>>();
    let same = comparison.roles.len() - listed.len();
    let mut counts = vec![format!(
        "{} with the same id in every model, not listed",
        plural(same, "role")
    )];
    for (side, s) in comparison.sides.iter().enumerate() {
        let alone = listed
            .iter()
            .filter(|r| r.roles.iter().flatten().count() == 1 && r.roles[side].is_some())
            .count();
        counts.push(format!("{alone} only in {}", s.label));
    }
    let summary = format!("{}.", counts.join("; "));
    let mut blocks = Vec::new();
    if !rows.is_empty() {
        blocks.push(Block::Table(Table {
            lead: 2,
            header: header(comparison, &["role", "match"]),
            rows,
            long: true,
        }));
    }
    blocks.push(Block::Text(summary));
    Section {
        title: format!("Roles, matched by {}", comparison.rules),
        blocks,
    }
}

/// A finding's subject as the tables show it.
fn subject(row: &FindingRow) -> &str {
    if keyed_by_check(row.check) {
        WHOLE_MODEL
    } else {
        &row.subject
    }
}

fn findings(comparison: &Comparison, show: Show) -> Section {
    let title = "Findings, at each model's levels".to_string();
    if comparison.findings.is_empty() {
        return Section {
            title,
            blocks: vec![Block::Text("No model has a finding.".into())],
        };
    }
    let mut blocks = Vec::new();
    if show == Show::Everything {
        // Per check, each model's count; the rows follow where they differ.
        let mut counts: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for row in &comparison.findings {
            let count = counts
                .entry(row.check.code())
                .or_insert_with(|| vec![0; comparison.sides.len()]);
            for (side, found) in row.found.iter().enumerate() {
                count[side] += usize::from(found.is_some());
            }
        }
        let rows = counts
            .into_iter()
            .map(|(code, counts)| row(&[code], counts.into_iter().map(|n| n.to_string())))
            .collect();
        blocks.push(Block::Table(Table {
            lead: 1,
            header: header(comparison, &["check"]),
            rows,
            long: false,
        }));
    }
    let differing: Vec<&FindingRow> = comparison
        .findings
        .iter()
        .filter(|row| !row.in_every_model())
        .collect();
    let everywhere = comparison.findings.len() - differing.len();
    blocks.push(Block::Text(format!(
        "{} in every model, {} not.",
        plural(everywhere, "finding"),
        differing.len()
    )));
    // With two models, the change lists them with their messages.
    if comparison.changes.is_none() && !differing.is_empty() {
        let rows = differing
            .iter()
            .map(|finding| {
                row(
                    &[finding.check.code(), subject(finding)],
                    comparison
                        .levels(finding)
                        .into_iter()
                        .map(|level| level.map_or("-", |l| l.name()).to_string()),
                )
            })
            .collect();
        blocks.push(Block::Table(Table {
            lead: 2,
            header: header(comparison, &["finding", "subject"]),
            rows,
            long: true,
        }));
    }
    Section { title, blocks }
}

/// With two models: the findings the change introduces and resolves, with their messages.
fn change(comparison: &Comparison) -> Option<Section> {
    let (introduced, resolved) = comparison.change()?;
    let list = |rows: &[&FindingRow], side: usize| {
        rows.iter()
            .filter_map(|row| {
                let finding = comparison.finding(row, side)?;
                // The message names the subject.
                Some(format!(
                    "{} {}: {}",
                    finding.level.name(),
                    row.check.code(),
                    finding.message(comparison.sides[side].model)
                ))
            })
            .collect::<Vec<_>>()
    };
    let mut blocks = Vec::new();
    for (verb, rows, side) in [("introduces", &introduced, 1), ("resolves", &resolved, 0)] {
        if rows.is_empty() {
            blocks.push(Block::Text(format!("It {verb} no finding.")));
        } else {
            blocks.push(Block::Text(format!(
                "It {verb} {}:",
                plural(rows.len(), "finding")
            )));
            blocks.push(Block::List(list(rows, side)));
        }
    }
    let [before, after] = [0, 1].map(|side| &comparison.sides[side].label);
    Some(Section {
        title: format!("Findings from {before} to {after}"),
        blocks,
    })
}

fn differences(differences: &Differences) -> String {
    if differences.none() {
        return "No differences: the models have the same roles, the same holders of every kind \
                and the same findings."
            .into();
    }
    format!(
        "{} not in every model, {} held differently, {} not in every model.",
        plural(differences.roles, "role"),
        plural(differences.kinds, "kind"),
        plural(differences.findings, "finding")
    )
}
