//! A model's findings: counts per check and level, a table that filters by check, level and
//! text (a row shows its roles in the chart), and the explanation of each check found.

use super::chart::Chart;
use super::{Reported, role_name};
use crate::check::{Check, Finding, explanation};
use crate::model::{CheckLevel, Model};
use maud::{Markup, html};
use std::collections::BTreeMap;

/// Roles named in a row before "and N more" (all of them are shown in the chart).
const NAMED: usize = 6;
/// Rows of one check in the table; the rest are counted, and `orgraph check --only` lists them.
/// A plain org chart of 100,000 roles can have 90,000 findings of one check: listing them all
/// would make a page of tens of megabytes that says nothing more.
const ROWS_PER_CHECK: usize = 500;

pub(super) fn section(prefix: &str, reported: &Reported, chart: &Chart) -> Markup {
    let findings = reported.findings;
    let model = reported.model;
    // Per check: deny and warn counts.
    let mut counts: BTreeMap<Check, [usize; 2]> = BTreeMap::new();
    for finding in findings {
        let count = counts.entry(finding.check).or_default();
        count[usize::from(finding.level != CheckLevel::Deny)] += 1;
    }
    let mut by_count: Vec<(Check, [usize; 2])> = counts.into_iter().collect();
    by_count.sort_by_key(|(check, [deny, warn])| (std::cmp::Reverse(deny + warn), check.code()));
    let deny: usize = by_count.iter().map(|(_, c)| c[0]).sum();
    let totals: BTreeMap<Check, usize> = by_count.iter().map(|(c, [d, w])| (*c, d + w)).collect();
    // Each finding's rank among those of its check, in table order.
    let mut seen: BTreeMap<Check, usize> = BTreeMap::new();
    let rank: Vec<usize> = findings
        .iter()
        .map(|f| {
            let n = seen.entry(f.check).or_default();
            *n += 1;
            *n - 1
        })
        .collect();
    html! {
        section.findings-section aria-labelledby={ (prefix) "-findings" } {
            h3 id={ (prefix) "-findings" } { "Findings" }
            @if findings.is_empty() {
                p { "No findings: every check that runs on this model passes." }
            } @else {
                p {
                    (findings.len()) " findings: "
                    span.level.deny { "deny" } " " (deny) ", "
                    span.level.warn { "warn" } " " (findings.len() - deny)
                    ". A finding at level deny makes " code { "orgraph check" } " fail."
                }
                table.counts {
                    thead { tr { th { "check" } th { "what it finds" } th.num { "deny" } th.num { "warn" } } }
                    tbody {
                        @for (check, [deny, warn]) in &by_count {
                            tr {
                                td { a href={ "#" (prefix) "-x-" (check.code()) } { code { (check.code()) } } }
                                td { (check.summary()) }
                                td.num { (deny) } td.num { (warn) }
                            }
                        }
                    }
                }
                (filters(prefix, &by_count))
                div.table-wrap {
                    table.findings {
                        caption.visually-hidden { "Findings; Enter or a click on a row shows its roles in the chart" }
                        thead { tr { th { "level" } th { "check" } th { "finding" } th { "roles" } th { "where" } } }
                        tbody {
                            @for (i, finding) in findings.iter().enumerate() {
                                @if rank[i] < ROWS_PER_CHECK {
                                    (row(prefix, model, finding, chart))
                                } @else if rank[i] == ROWS_PER_CHECK {
                                    (more(model, finding, totals[&finding.check] - ROWS_PER_CHECK))
                                }
                            }
                        }
                    }
                }
                h4 { "What the checks mean" }
                @for (check, _) in &by_count {
                    details.explain id={ (prefix) "-x-" (check.code()) } {
                        summary { code { (check.code()) } " (default level " (check.default_level().name()) "): " (check.summary()) }
                        pre { (explanation(*check).trim_end()) }
                    }
                }
            }
        }
    }
}

fn filters(prefix: &str, by_count: &[(Check, [usize; 2])]) -> Markup {
    html! {
        div.filters {
            label { "Check"
                select.by-check aria-controls={ (prefix) "-table" } {
                    option value="" { "every check" }
                    @for (check, [deny, warn]) in by_count {
                        option value=(check.code()) { (check.code()) " (" (deny + warn) ")" }
                    }
                }
            }
            label { "Level"
                select.by-level {
                    option value="" { "every level" }
                    option value="deny" { "deny" }
                    option value="warn" { "warn" }
                }
            }
            label { "Text"
                input.by-text type="search" placeholder="message, role, file" {}
            }
            span.shown-count.note aria-live="polite" {}
        }
    }
}

/// Stands for the findings of a check past [`ROWS_PER_CHECK`].
fn more(model: &Model, first: &Finding, count: usize) -> Markup {
    let code = first.check.code();
    html! {
        tr.more data-check=(code) data-level=(first.level.name()) tabindex="-1" {
            td { span.level.(first.level.name()) { (first.level.name()) } }
            td.check { code { (code) } }
            td colspan="3" {
                div.message { "… and " (count) " more " code { (code) } " findings, not listed here: "
                    code { "orgraph check " (model.path()) " --only " (code) } " lists them all." }
            }
        }
    }
}

fn row(prefix: &str, model: &Model, finding: &Finding, chart: &Chart) -> Markup {
    let mut roles = finding.roles.clone();
    if roles.is_empty() {
        // A person's finding shows the roles the person fills.
        for &person in &finding.people {
            roles.extend(&model.people[person].fills);
        }
        roles.sort_unstable();
        roles.dedup();
    }
    let positions: Vec<String> = roles
        .iter()
        .filter_map(|&r| chart.position(r))
        .map(|p| p.to_string())
        .collect();
    let gaps: Vec<String> = match (finding.check, finding.kind, finding.scope) {
        (Check::Gap, Some(kind), Some(scope)) => chart.gap(kind, scope).map(|g| g.to_string()),
        _ => None,
    }
    .into_iter()
    .collect();
    let level = finding.level.name();
    let location = finding.span.map(|span| model.sources.location(span));
    let help = finding.help(model).to_string();
    html! {
        tr data-check=(finding.check.code()) data-level=(level)
            data-roles=(positions.join(" ")) data-gaps=(gaps.join(" ")) tabindex="-1" {
            td { span.level.(level) { (level) } }
            td.check { a href={ "#" (prefix) "-x-" (finding.check.code()) } title=(finding.check.summary()) { code { (finding.check.code()) } } }
            td {
                div.message { (with_code(&finding.message(model).to_string())) }
                @if !help.is_empty() { div.help { (with_code(&help)) } }
            }
            td {
                ul.roles {
                    @for &role in roles.iter().take(NAMED) { li { (role_name(model, role)) } }
                    @if roles.len() > NAMED { li { "and " (roles.len() - NAMED) " more" } }
                    @for &person in finding.people.iter().take(NAMED) {
                        li { (model.people[person].display_name()) " " code { (model.people[person].id) } }
                    }
                }
            }
            td.where {
                @if let Some(location) = location {
                    code { (location.file) ":" (location.line) ":" (location.column) }
                }
            }
        }
    }
}

/// A message with its `quoted` ids and fields set as code, as a terminal shows them.
pub(super) fn with_code(text: &str) -> Markup {
    html! {
        @for (i, part) in text.split('`').enumerate() {
            @if i % 2 == 1 { code { (part) } } @else { (part) }
        }
    }
}
