//! Several models side by side: size and shape, who holds each kind, matched roles, the
//! findings of each, and for two models what the second changes.

use super::findings::with_code;
use super::role_name;
use crate::compare::{Comparison, FindingRow, Holders, Side};
use crate::model::{CheckLevel, RoleId};
use maud::{Markup, html};

pub(super) fn section(comparison: &Comparison) -> Markup {
    html! {
        section.comparison id="comparison" aria-labelledby="comparison-title" {
            h2 id="comparison-title" { "Comparison" }
            p.lead { "The models in the order given: "
                @for (i, side) in comparison.sides.iter().enumerate() {
                    @if i > 0 { ", " }
                    strong { (side.label) } " (" (side.model.name) ")"
                }
                "." }
            (shape(comparison))
            (kinds(comparison))
            (roles(comparison))
            (findings(comparison))
            @if comparison.sides.len() == 2 {
                (super::changes::section(comparison))
                (change(comparison))
            }
        }
    }
}

fn head(comparison: &Comparison, lead: &[&str]) -> Markup {
    html! {
        thead { tr {
            @for cell in lead { th { (cell) } }
            @for side in &comparison.sides { th scope="col" { (side.label) } }
        } }
    }
}

fn shape(comparison: &Comparison) -> Markup {
    type Metric = fn(&Side) -> String;
    let metrics: [(&str, Metric); 11] = [
        ("file", |s| s.model.path().to_string()),
        ("name", |s| s.model.name.clone()),
        ("roles", |s| s.stats.roles.to_string()),
        ("people", |s| s.stats.people.to_string()),
        ("layers", |s| s.stats.layers.to_string()),
        ("max span of control", |s| s.stats.span.max.to_string()),
        ("managers", |s| s.stats.span.managers.to_string()),
        ("max hats", |s| s.stats.hats.max.to_string()),
        ("vacant roles", |s| {
            if s.stats.people == 0 {
                "-".into()
            } else {
                s.stats.vacancies.len().to_string()
            }
        }),
        ("scopes", |s| s.stats.scopes.to_string()),
        ("findings", |s| {
            format!("{} deny, {} warn", s.summary.deny, s.summary.warn)
        }),
    ];
    html! {
        h3 { "Size and shape" }
        table.compare {
            (head(comparison, &[""]))
            tbody {
                @for (name, metric) in metrics {
                    tr { th scope="row" { (name) } @for side in &comparison.sides { td { (metric(side)) } } }
                }
            }
        }
    }
}

fn kinds(comparison: &Comparison) -> Markup {
    let sides = &comparison.sides;
    type Level = fn(&Holders) -> &Vec<RoleId>;
    let levels: [(&str, Level); 3] = [
        ("accountable", |h| &h.accountable),
        ("responsible", |h| &h.responsible),
        ("consulted", |h| &h.consulted),
    ];
    html! {
        h3 { "Who holds each kind" }
        p.note { "Roles holding the kind on any scope. " em { "nobody (gap)" } ": the kind is required and nobody is accountable; "
                 em { "not required" } ": nobody is, and the model does not require it; n/a: the model has no such kind." }
        table.compare {
            (head(comparison, &["kind", "level"]))
            tbody {
                @for kind in &comparison.kinds {
                    @for (l, (level, held)) in levels.iter().enumerate() {
                        @if l == 0 || kind.holders.iter().flatten().any(|h| !held(h).is_empty()) {
                            tr {
                                th scope="row" { @if l == 0 { code { (kind.kind) } } }
                                td { (level) }
                                @for (holders, side) in kind.holders.iter().zip(sides) {
                                    td { @match holders {
                                        None => span.none { "n/a" },
                                        Some(h) if held(h).is_empty() && l == 0 => {
                                            @if required(side, &kind.kind) { span.mark { "nobody (gap)" } }
                                            @else { span.none { "not required" } }
                                        }
                                        Some(h) if held(h).is_empty() => span.none { "-" },
                                        Some(h) => ul.roles { @for &r in held(h) { li { (role_name(side.model, r)) } } },
                                    } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Whether a side's policy requires the kind with this id.
fn required(side: &Side, kind: &str) -> bool {
    side.model
        .kinds
        .id_of(kind)
        .is_some_and(|k| side.model.policy.required.contains(&k))
}

fn roles(comparison: &Comparison) -> Markup {
    let everywhere = comparison
        .roles
        .iter()
        .filter(|r| r.in_every_model())
        .count();
    html! {
        h3 { "Roles, matched by id, then archetype, then title" }
        p { (everywhere) " of " (comparison.roles.len()) " rows have a role in every model." }
        div.table-wrap {
            table.compare {
                (head(comparison, &["row", "matched by"]))
                tbody {
                    @for row in &comparison.roles {
                        tr {
                            th scope="row" { code { (row.key) } }
                            td { (row.by.map_or("-", |by| by.name())) }
                            @for (side, role) in row.roles.iter().enumerate() {
                                td { @match role {
                                    Some(r) => (role_name(comparison.sides[side].model, *r)),
                                    None => span.none { "-" },
                                } }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn level(level: Option<CheckLevel>) -> Markup {
    html! { @match level {
        Some(level) => span.level.(level.name()) { (level.name()) },
        None => span.none { "-" },
    } }
}

fn findings(comparison: &Comparison) -> Markup {
    html! {
        h3 { "Findings in each model" }
        @if comparison.findings.is_empty() {
            p { "No model has a finding." }
        } @else {
            div.table-wrap {
                table.compare {
                    (head(comparison, &["check", "subject"]))
                    tbody {
                        @for row in &comparison.findings {
                            tr {
                                th scope="row" { code { (row.check.code()) } }
                                td { (row.subject) }
                                @for side in 0..comparison.sides.len() {
                                    @let finding = comparison.finding(row, side);
                                    @let model = comparison.sides[side].model;
                                    td title=[finding.map(|f| f.message(model).to_string())] { (level(finding.map(|f| f.level))) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The second of two models read as a proposed change of the first.
fn change(comparison: &Comparison) -> Markup {
    let Some((introduced, resolved)) = comparison.change() else {
        return html! {};
    };
    let [before, after] = [0, 1].map(|s| comparison.sides[s].label.as_str());
    let list = |rows: &[&FindingRow], side: usize| {
        html! { ul { @for row in rows { @if let Some(f) = comparison.finding(row, side) {
            li { (level(Some(f.level))) " " code { (row.check.code()) } " "
                (with_code(&f.message(comparison.sides[side].model).to_string())) }
        } } } }
    };
    html! {
        h3 { "From " (before) " to " (after) }
        p { "Read as a proposed change of " (before) ", " (after) " introduces "
            (introduced.len()) " findings and resolves " (resolved.len()) "." }
        @if !introduced.is_empty() { h4 { "Introduced" } (list(&introduced, 1)) }
        @if !resolved.is_empty() { h4 { "Resolved" } (list(&resolved, 0)) }
    }
}
