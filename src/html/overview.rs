//! A model's size and shape: roles, people, layers, spans, hats, vacancies, and a histogram of
//! spans of control.

use super::role_name;
use crate::model::{Model, RoleId};
use crate::stats::{median, stats};
use maud::{Markup, html};

/// Spans of control up to this many seats have a bar each; wider ones share bars.
const SINGLE_BARS: usize = 10;
/// The upper bounds of the shared bars past [`SINGLE_BARS`]; the last one is open.
const WIDE_BARS: [usize; 5] = [15, 20, 30, 50, 100];
/// The longest bar, in pixels.
const BAR_WIDTH: f64 = 220.0;
/// Roots and vacancies named before "and N more".
const NAMED: usize = 8;

pub(super) fn section(prefix: &str, model: &Model) -> Markup {
    let stats = stats(model);
    let hierarchy = model.hierarchy();
    // Span of control counts seats (SPEC section 4).
    let mut spans: Vec<usize> = model
        .roles
        .ids()
        .filter(|&r| !hierarchy.reports[r].is_empty())
        .map(|r| hierarchy.span(r))
        .collect();
    spans.sort_unstable();
    let external = model.roles.values().filter(|r| r.external).count();
    let vacancies: Vec<RoleId> = stats
        .vacancies
        .iter()
        .filter_map(|id| model.roles.id_of(id))
        .collect();
    let max_span = model.policy.max_span;
    html! {
        section.shape-section aria-labelledby={ (prefix) "-shape" } {
            h3 id={ (prefix) "-shape" } { "Size and shape" }
            div.shape {
                table {
                    tbody {
                        tr { th scope="row" { "Roles" } td.num { (stats.roles) }
                            td { @if external > 0 { (external) " external (outside the organization)" } } }
                        tr { th scope="row" { "People" } td.num { (stats.people) }
                            td { @if stats.people == 0 { "no people declared" } } }
                        tr { th scope="row" { "Layers" } td.num { (stats.layers) }
                            td { "policy: at most " (model.policy.max_depth) } }
                        tr { th scope="row" { "Roots" } td.num { (stats.roots.len()) }
                            td { (names(model, &hierarchy.roots)) } }
                        tr { th scope="row" { "Managers" } td.num { (spans.len()) } td {} }
                        tr { th scope="row" { "Span of control" }
                            td.num { (spans.last().copied().unwrap_or(0)) }
                            td { "max; median " (number(median(&spans))) ", min " (spans.first().copied().unwrap_or(0))
                                 " (seats); policy: at most " (max_span) } }
                        @if stats.people > 0 {
                            tr { th scope="row" { "Hats" } td.num { (stats.hats.max) }
                                td { "max roles one person fills; " (stats.hats.several)
                                     " people fill several; mean " (number(stats.hats.mean)) } }
                        }
                        tr { th scope="row" { "Vacancies" } td.num { (vacancies.len()) }
                            td { @if stats.people == 0 { "-" } @else { (names(model, &vacancies)) } } }
                        tr { th scope="row" { "Scopes" } td.num { (stats.scopes) } td {} }
                        tr { th scope="row" { "Kinds" } td.num { (stats.kinds) } td {} }
                        tr { th scope="row" { "Responsibilities" } td.num { (stats.responsibilities.total) }
                            td { "role, kind, scope and RACI level" } }
                    }
                }
                (histogram(&spans, max_span))
            }
        }
    }
}

/// Up to [`NAMED`] roles by title and id, then how many more.
fn names(model: &Model, roles: &[RoleId]) -> Markup {
    html! {
        @for (i, &role) in roles.iter().take(NAMED).enumerate() {
            @if i > 0 { ", " }
            (role_name(model, role))
        }
        @if roles.len() > NAMED { " and " (roles.len() - NAMED) " more" }
    }
}

/// `2.5`, `3`: a number without a trailing `.0`.
fn number(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A bar per span of control (shared bars for wide spans): how many managers have it.
fn histogram(spans: &[usize], max_span: usize) -> Markup {
    let mut bars: Vec<(String, usize, bool)> = Vec::new();
    let mut low = 1;
    let bounds = (1..=SINGLE_BARS).chain(WIDE_BARS).chain([usize::MAX]);
    for high in bounds {
        let count = spans.iter().filter(|&&s| s >= low && s <= high).count();
        let label = match (low == high, high == usize::MAX) {
            (true, _) => low.to_string(),
            (_, true) => format!("{low}+"),
            _ => format!("{low}–{high}"),
        };
        bars.push((label, count, high > max_span));
        low = high.saturating_add(1);
    }
    let last = bars.iter().rposition(|b| b.1 > 0).map_or(0, |i| i + 1);
    bars.truncate(last);
    let most = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1) as f64;
    html! {
        figure.histogram {
            figcaption { "Managers by span of control (seats)" }
            @if bars.is_empty() {
                p.note { "Nobody has direct reports." }
            } @else {
                table {
                    thead { tr { th.num { "span" } th.num { "managers" } th { span.visually-hidden { "bar" } } } }
                    tbody {
                        @for (label, count, over) in &bars {
                            tr {
                                td.num { (label) }
                                td.num { (count) }
                                td {
                                    svg width=(BAR_WIDTH + 2.0) height="12" aria-hidden="true" {
                                        rect class=[over.then_some("over")] x="0" y="1" height="10"
                                            width=(format!("{:.1}", *count as f64 / most * BAR_WIDTH)) {}
                                    }
                                    @if *over && *count > 0 { span.mark { "over policy" } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
