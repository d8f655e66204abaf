//! The org chart: the built-in layout of the org view ([`crate::export::layout`], the same one
//! `export --format svg` paints), handed to the page's script as numbers and text. The script
//! draws a role's box only once it is shown, so that a chart of 100,000 roles opens with its top
//! layers and the rest is drawn as it is expanded.

use super::{Reported, embed};
use crate::export::layout::{EdgeKind, NodeKind, Rect, layout};
use crate::export::svg::path_data;
use crate::export::{Diagram, LegendEntry, Options, View};
use crate::model::{IdVec, KindId, RoleId, ScopeId};
use maud::{Markup, PreEscaped, html};
use serde::Serialize;

/// Charts of up to this many roles open with every subtree expanded.
const OPEN_ALL: usize = 2_000;
/// Bigger charts open with as many top layers as hold about this many roles (at least one).
const OPEN_ROLES: usize = 500;

/// A model's chart, laid out, and how findings find their boxes in it.
pub(super) struct Chart {
    /// Position in the chart of each model role.
    position: IdVec<RoleId, Option<usize>>,
    /// The (kind, scope) of each gap placeholder, by its index among the extras.
    gaps: Vec<Option<(KindId, ScopeId)>>,
    legend: Vec<(LegendEntry, String)>,
    data: String,
    roles: usize,
    open: usize,
}

/// What the script reads: one array entry per role position (coordinates in tenths of a
/// pixel), then the boxes and lines that are not roles.
#[derive(Serialize)]
struct Data<'a> {
    id: Vec<&'a str>,
    title: Vec<&'a str>,
    /// The people who fill the role, for search.
    people: Vec<String>,
    /// The box's text as the layout wrapped it, lines joined by `\n`.
    lines: Vec<String>,
    /// The full text when it says more than the title (a description).
    tip: Vec<String>,
    x: Vec<i64>,
    y: Vec<i64>,
    w: Vec<i64>,
    h: Vec<i64>,
    /// The manager in the drawn tree, or -1.
    parent: Vec<i64>,
    flags: Vec<u8>,
    /// The reporting line from the manager, as SVG path data.
    edge: Vec<String>,
    extras: Vec<Extra>,
    links: Vec<Link>,
    /// Layers drawn when the page opens; 0 for all.
    open: usize,
}

/// A scope or a gap placeholder.
#[derive(Serialize)]
struct Extra {
    kind: &'static str,
    x: i64,
    y: i64,
    w: i64,
    h: i64,
    lines: String,
    tip: String,
}

/// A line closing a cycle or a gap's line: drawn when both ends are (-1: always).
#[derive(Serialize)]
struct Link {
    kind: &'static str,
    d: String,
    a: i64,
    b: i64,
    tip: String,
}

const MANAGER: u8 = 1;
const VACANT: u8 = 2;
const FLAGGED: u8 = 4;
const EXTERNAL: u8 = 8;

fn tenths(value: f64) -> i64 {
    (value * 10.0).round() as i64
}

impl Chart {
    pub(super) fn new(reported: &Reported) -> Chart {
        let model = reported.model;
        let diagram = Diagram::new(model, reported.findings, &Options::new(View::Org));
        let layout = layout(&diagram);
        let legend = diagram
            .legend()
            .into_iter()
            .map(|entry| (entry, entry.text(model)))
            .collect();
        let count = diagram.roles.len();
        let fillers = model.fillers();
        let mut data = Data {
            id: Vec::with_capacity(count),
            title: Vec::with_capacity(count),
            people: Vec::with_capacity(count),
            lines: Vec::with_capacity(count),
            tip: Vec::with_capacity(count),
            x: Vec::with_capacity(count),
            y: Vec::with_capacity(count),
            w: Vec::with_capacity(count),
            h: Vec::with_capacity(count),
            parent: vec![-1; count],
            flags: Vec::with_capacity(count),
            edge: vec![String::new(); count],
            extras: Vec::new(),
            links: Vec::new(),
            open: 0,
        };
        let mut gaps = Vec::new();
        for node in &layout.nodes {
            let rect = node.rect;
            match node.kind {
                NodeKind::Role {
                    role,
                    manager,
                    vacant,
                    flagged,
                    ..
                } => {
                    let r = &model.roles[role];
                    data.id.push(&r.id);
                    data.title.push(&r.title);
                    let people: Vec<&str> = fillers[role]
                        .iter()
                        .map(|&p| model.people[p].display_name())
                        .collect();
                    data.people.push(people.join(", "));
                    data.lines.push(node.lines.join("\n"));
                    data.tip.push(if node.tooltip == r.title {
                        String::new()
                    } else {
                        node.tooltip.clone()
                    });
                    push_rect(&mut data, rect);
                    let flags = [
                        (manager, MANAGER),
                        (vacant, VACANT),
                        (flagged, FLAGGED),
                        (r.external, EXTERNAL),
                    ];
                    data.flags
                        .push(flags.iter().filter(|(on, _)| *on).map(|(_, f)| f).sum());
                }
                NodeKind::Scope { .. } | NodeKind::Gap { .. } => {
                    let kind = match node.kind {
                        NodeKind::Gap { kind, scope } => {
                            gaps.push(Some((kind, scope)));
                            "gap"
                        }
                        _ => {
                            gaps.push(None);
                            "scope"
                        }
                    };
                    data.extras.push(Extra {
                        kind,
                        x: tenths(rect.x),
                        y: tenths(rect.y),
                        w: tenths(rect.w),
                        h: tenths(rect.h),
                        lines: node.lines.join("\n"),
                        tip: node.tooltip.clone(),
                    });
                }
            }
        }
        for edge in &layout.edges {
            let role_end = |node: usize| if node < count { node as i64 } else { -1 };
            let (kind, tip) = match edge.kind {
                EdgeKind::Reports { .. } if edge.to < count && edge.from < count => {
                    data.parent[edge.to] = edge.from as i64;
                    data.edge[edge.to] = path_data(&edge.path);
                    continue;
                }
                EdgeKind::ClosesCycle { .. } => ("cycle", "reporting cycle"),
                EdgeKind::Gap => ("gap-line", "nobody owns this item"),
                // The org view draws no responsibility lines.
                EdgeKind::Reports { .. } | EdgeKind::Responsibility { .. } => continue,
            };
            data.links.push(Link {
                kind,
                d: path_data(&edge.path),
                a: role_end(edge.from),
                b: role_end(edge.to),
                tip: edge.tooltip.clone().unwrap_or_else(|| tip.to_string()),
            });
        }
        data.open = open_layers(&data.parent);
        let open = data.open;
        Chart {
            position: diagram.position.clone(),
            gaps,
            legend,
            data: embed::json(&data),
            roles: count,
            open,
        }
    }

    /// The chart position of model role `role`.
    pub(super) fn position(&self, role: RoleId) -> Option<usize> {
        self.position[role]
    }

    /// The index among the extras of the placeholder of the gap on (kind, scope).
    pub(super) fn gap(&self, kind: KindId, scope: ScopeId) -> Option<usize> {
        self.gaps.iter().position(|g| *g == Some((kind, scope)))
    }
}

fn push_rect(data: &mut Data, rect: Rect) {
    data.x.push(tenths(rect.x));
    data.y.push(tenths(rect.y));
    data.w.push(tenths(rect.w));
    data.h.push(tenths(rect.h));
}

/// How many layers to draw at first: all of a small chart; of a big one, as many as hold about
/// [`OPEN_ROLES`] roles.
fn open_layers(parent: &[i64]) -> usize {
    if parent.len() <= OPEN_ALL {
        return 0;
    }
    // Depth by walking up, memoised in file order of discovery: no recursion.
    let mut depth: Vec<Option<usize>> = vec![None; parent.len()];
    let mut per_layer: Vec<usize> = Vec::new();
    let mut chain = Vec::new();
    for start in 0..parent.len() {
        let mut at = start;
        while depth[at].is_none() {
            chain.push(at);
            match usize::try_from(parent[at]) {
                Ok(up) => at = up,
                Err(_) => break,
            }
        }
        let mut d = depth[at].map_or(0, |d| d + 1);
        while let Some(role) = chain.pop() {
            if depth[role].is_none() {
                depth[role] = Some(d);
                if per_layer.len() <= d {
                    per_layer.resize(d + 1, 0);
                }
                per_layer[d] += 1;
            }
            d += 1;
        }
    }
    let mut shown = 0;
    let mut layers = 0;
    for count in per_layer {
        shown += count;
        if shown > OPEN_ROLES && layers > 0 {
            break;
        }
        layers += 1;
    }
    layers.max(1)
}

pub(super) fn section(prefix: &str, reported: &Reported, chart: &Chart) -> Markup {
    let name = &reported.model.name;
    html! {
        section.org aria-labelledby={ (prefix) "-chart" } {
            h3 id={ (prefix) "-chart" } { "Org chart" }
            p.note {
                "Drag to pan; Ctrl + wheel, the buttons or the + and − keys zoom; a box's "
                strong { "−" } " and " strong { "+N" } " collapse and expand the roles below it. "
                @if chart.open > 0 {
                    "This chart has " (chart.roles) " roles: it opens with its top " (chart.open)
                    " layers; search or expand to see more."
                }
            }
            div.toolbar {
                div.search role="search" {
                    label for={ (prefix) "-q" } { "Find a role" }
                    input id={ (prefix) "-q" } type="search" role="combobox" autocomplete="off"
                        aria-autocomplete="list" aria-expanded="false" aria-controls={ (prefix) "-hits" }
                        placeholder="id, title or person" {}
                    ul id={ (prefix) "-hits" } role="listbox" aria-label="Matching roles" hidden {}
                }
                button type="button" data-action="zoom-in" aria-label="Zoom in" { "+" }
                button type="button" data-action="zoom-out" aria-label="Zoom out" { "−" }
                button type="button" data-action="fit" { "Fit" }
                button type="button" data-action="expand" { "Expand all" }
                button type="button" data-action="collapse" { "Collapse all" }
            }
            p.chart-status aria-live="polite" {}
            (legend(chart))
            div.chart tabindex="0" role="group"
                aria-label={ "Org chart of " (name) "; arrow keys pan, + and − zoom, 0 fits" } {
                svg xmlns="http://www.w3.org/2000/svg" {}
            }
            noscript { p.note { "The chart needs JavaScript; the tables above and below do not." } }
            script.chart-data type="application/json" { (PreEscaped(&chart.data)) }
        }
    }
}

fn legend(chart: &Chart) -> Markup {
    let sample = |entry: LegendEntry| -> Markup {
        let shape = match entry {
            LegendEntry::Manager => {
                "<rect class=\"m\" x=\"1\" y=\"1\" width=\"26\" height=\"12\" rx=\"2\"/>"
            }
            LegendEntry::IndividualContributor => {
                "<rect class=\"i\" x=\"1\" y=\"1\" width=\"26\" height=\"12\" rx=\"3\"/>"
            }
            LegendEntry::ReportsTo => "<path class=\"r\" d=\"M0,7H28\"/>",
            // Dotted-line managers are named in the box: the entry is text only, as in the SVG.
            LegendEntry::DottedLine => "",
            LegendEntry::Scope => "<ellipse class=\"s\" cx=\"14\" cy=\"7\" rx=\"13\" ry=\"6\"/>",
            LegendEntry::Gap => "<rect class=\"g\" x=\"1\" y=\"1\" width=\"26\" height=\"12\"/>",
            LegendEntry::Finding => "<path class=\"f\" d=\"M0,7H28\"/>",
            _ => return html! {},
        };
        html! { svg width="28" height="14" aria-hidden="true" { (PreEscaped(shape)) } }
    };
    html! {
        ul.legend aria-label="Legend" {
            @for (entry, text) in &chart.legend {
                li { (sample(*entry)) (text) }
            }
            li { span.mark { "+N" } " collapsed: N roles below" }
        }
    }
}
