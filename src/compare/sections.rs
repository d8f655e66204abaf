//! The comparison as titled sections of tables and text: what the human and Markdown formats
//! both show, written once. Cells are plain text; each format lays them out and escapes them.

use super::{Comparison, Differences, FindingRow, Side};
use crate::model::{Model, RoleId};

pub(crate) struct Table {
    /// How many leading columns label the rows; one column per model follows.
    pub lead: usize,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

pub(crate) enum Block {
    Table(Table),
    Text(String),
    List(Vec<String>),
}

pub(crate) struct Section {
    pub title: String,
    pub blocks: Vec<Block>,
}

/// Shown where a model does not have the kind or scope at all.
const ABSENT: &str = "n/a";
/// Shown where a model has the kind but nobody is accountable: a gap.
const NOBODY: &str = "(nobody)";

pub(crate) fn sections(comparison: &Comparison) -> Vec<Section> {
    let mut sections = vec![
        shape(comparison),
        kinds(comparison),
        roles(comparison),
        findings(comparison),
    ];
    sections.extend(change(comparison));
    sections.push(Section {
        title: "Differences".into(),
        blocks: vec![Block::Text(differences(&comparison.differences()))],
    });
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

fn plural(n: usize, word: &str) -> String {
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
        })],
    }
}

fn kinds(comparison: &Comparison) -> Section {
    let sides = &comparison.sides;
    // Per-scope rows only say more than the kind's row for models with several scopes.
    let several: Vec<&Model> = sides
        .iter()
        .map(|s| s.model)
        .filter(|m| m.scopes.len() > 1)
        .collect();
    let mut rows = Vec::new();
    for kind in &comparison.kinds {
        let cells = |level: fn(&super::Holders) -> &Vec<RoleId>, empty: &str| {
            kind.holders
                .iter()
                .zip(sides)
                .map(|(holders, side)| match holders {
                    None => ABSENT.to_string(),
                    Some(h) if level(h).is_empty() => empty.to_string(),
                    Some(h) => side.ids(level(h)).join(", "),
                })
                .collect::<Vec<_>>()
        };
        rows.push(row(&[&kind.kind], cells(|h| &h.accountable, NOBODY)));
        for scope in &kind.scopes {
            if !several.iter().any(|m| m.scopes.get(&scope.scope).is_some()) {
                continue;
            }
            let label = format!("  @{}", scope.scope);
            rows.push(row(
                &[&label],
                scope
                    .accountable
                    .iter()
                    .zip(sides)
                    .map(|(roles, side)| match roles {
                        None => ABSENT.to_string(),
                        Some(r) if r.is_empty() => NOBODY.to_string(),
                        Some(r) => side.ids(r).join(", "),
                    }),
            ));
        }
        for (label, level) in [
            (
                "  responsible",
                (|h| &h.responsible) as fn(&super::Holders) -> &Vec<RoleId>,
            ),
            ("  consulted", |h| &h.consulted),
        ] {
            let held = kind.holders.iter().flatten().any(|h| !level(h).is_empty());
            if held {
                rows.push(row(&[label], cells(level, "-")));
            }
        }
    }
    Section {
        title: "Who holds each kind".into(),
        blocks: vec![
            Block::Text(format!(
                "Accountable roles over all scopes, then per scope (@scope), then the responsible and \
                 consulted roles. {NOBODY} is a gap; {ABSENT}: the model has no such kind or scope."
            )),
            Block::Table(Table {
                lead: 1,
                header: header(comparison, &["kind"]),
                rows,
            }),
        ],
    }
}

fn roles(comparison: &Comparison) -> Section {
    let rows = comparison
        .roles
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
        .collect();
    let everywhere = comparison
        .roles
        .iter()
        .filter(|r| r.in_every_model())
        .count();
    let only: Vec<String> = comparison
        .sides
        .iter()
        .enumerate()
        .map(|(side, s)| {
            let alone = comparison
                .roles
                .iter()
                .filter(|r| r.roles.iter().flatten().count() == 1 && r.roles[side].is_some())
                .count();
            format!("{alone} only in {}", s.label)
        })
        .collect();
    let summary = format!(
        "{} in every model; {}.",
        plural(everywhere, "role"),
        only.join(", ")
    );
    Section {
        title: "Roles, matched by id, then archetype, then title".into(),
        blocks: vec![
            Block::Table(Table {
                lead: 2,
                header: header(comparison, &["role", "match"]),
                rows,
            }),
            Block::Text(summary),
        ],
    }
}

fn findings(comparison: &Comparison) -> Section {
    let rows: Vec<Vec<String>> = comparison
        .findings
        .iter()
        .map(|finding| {
            row(
                &[finding.check.code(), &finding.subject],
                comparison
                    .levels(finding)
                    .into_iter()
                    .map(|level| level.map_or("-", |l| l.name()).to_string()),
            )
        })
        .collect();
    let blocks = if rows.is_empty() {
        vec![Block::Text("No model has a finding.".into())]
    } else {
        vec![Block::Table(Table {
            lead: 2,
            header: header(comparison, &["finding", "subject"]),
            rows,
        })]
    };
    Section {
        title: "Findings, at each model's levels".into(),
        blocks,
    }
}

/// With two models: the findings the change introduces and resolves, with their messages.
fn change(comparison: &Comparison) -> Option<Section> {
    let (introduced, resolved) = comparison.change()?;
    let list = |rows: &[&FindingRow], side: usize| {
        rows.iter()
            .filter_map(|row| {
                let finding = comparison.finding(row, side)?;
                Some(format!(
                    "{} {} {}: {}",
                    finding.level.name(),
                    row.check.code(),
                    row.subject,
                    finding.message
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
        title: format!("The change from {before} to {after}"),
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
