//! The views as a graphviz-rust graph, printed as DOT or run through Graphviz.
//!
//! Node ids are generated (`r3` is role 3, `s0` scope 0, `g1` a gap); user text only reaches
//! the graph inside an HTML-like label, through [`escape::dot`]. Other attribute values are
//! `&'static str`, so no user text can slip into them.

use super::palette::{
    BORDER, DOTTED_COLOR, FAINT_COLOR, FINDING_COLOR, FONT, FRAME_COLOR, GAP_FILL, IC_FILL,
    MANAGER_FILL, NOTE_COLOR, SCOPE_BORDER, SCOPE_FILL, TEAM_BORDER, TEXT_COLOR, kind_color,
};
mod chart;

use super::diagram::Line;
use super::diagram::shorten;
use super::layout::metrics::{WRAP, wrap};
use super::{Diagram, LegendEntry, View, escape, gap_label, line_label};
use crate::model::{Level, RoleId, ScopeId};
use chart::Chart;
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use std::collections::HashMap;

/// The DOT text of a diagram.
pub fn render(diagram: &Diagram) -> String {
    let mut text = graph(diagram).print(&mut PrinterContext::default());
    text.push('\n');
    text
}

/// An attribute with a fixed value, never user text.
pub(crate) fn attr(key: &'static str, value: &'static str) -> Attribute {
    Attribute(
        Id::Plain(key.to_string()),
        Id::Escaped(format!("\"{value}\"")),
    )
}

/// A label from HTML-like markup; every user string in it went through [`escape::dot`].
pub(crate) fn label(markup: String) -> Attribute {
    Attribute(
        Id::Plain("label".to_string()),
        Id::Html(format!("<{markup}>")),
    )
}

/// User text in a font; the closing tag also keeps the label parseable by graphviz-rust,
/// whose grammar wants an HTML label to end in `>>`.
fn text(text: &str, size: &'static str, color: &'static str) -> String {
    format!(
        "<font point-size=\"{size}\" color=\"{color}\">{}</font>",
        escape::dot(text)
    )
}

fn node(id: String, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Node(Node::new(NodeId(Id::Plain(id), None), attributes))
}

fn edge(from: String, to: String, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(
            Vertex::N(NodeId(Id::Plain(from), None)),
            Vertex::N(NodeId(Id::Plain(to), None)),
        ),
        attributes,
    })
}

fn subgraph(id: String, stmts: Vec<Stmt>) -> Stmt {
    Stmt::Subgraph(Subgraph {
        id: Id::Plain(id),
        stmts,
    })
}

fn role_id(role: RoleId) -> String {
    format!("r{}", role.index())
}

fn scope_id(scope: ScopeId) -> String {
    format!("s{}", scope.index())
}

/// Builds the graph: defaults, team clusters, roles, scopes, gaps, lines, legend.
pub fn graph(diagram: &Diagram) -> Graph {
    let model = diagram.model;
    let rankdir = if diagram.view == View::Responsibilities {
        "LR"
    } else {
        "TB"
    };
    // Responsibility lines take a lane each: narrower lanes keep the chart from widening.
    let nodesep = if diagram.lines.is_empty() {
        "0.3"
    } else {
        "0.15"
    };
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            // The title and the legend are the graph's label, which Graphviz sets apart from
            // the layout: no node or line can come over them.
            label(format!(
                "<table border=\"0\" cellborder=\"0\" cellspacing=\"0\" cellpadding=\"4\">\n<tr><td align=\"left\">{}</td></tr>\n<tr><td align=\"left\">{}</td></tr>\n</table>",
                text(&model.name, "18", TEXT_COLOR),
                legend(diagram)
            )),
            attr("labelloc", "t"),
            attr("labeljust", "l"),
            attr("fontname", FONT),
            attr("rankdir", rankdir),
            // Children keep file order, so a small model change gives a small drawing change.
            attr("ordering", "out"),
            // Ranks are global, so the scopes' `rank=sink` holds across components.
            attr("newrank", "true"),
            attr("nodesep", nodesep),
            attr("ranksep", "0.55"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("shape", "box"),
            attr("style", "rounded,filled"),
            attr("fillcolor", IC_FILL),
            attr("fontname", FONT),
            attr("color", BORDER),
            attr("margin", "0.15,0.07"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", FONT),
            attr("color", BORDER),
            attr("arrowhead", "none"),
            // Reporting lines are heavy, so that responsibility lines (weight 1) to the scopes
            // below cannot pull reports down a rank.
            attr("weight", "10"),
        ])),
    ];

    if diagram.view.shows_reporting() {
        stmts.extend(org_chart(diagram));
    } else {
        stmts.extend(role_columns(diagram));
    }

    if !diagram.scopes.is_empty() {
        let mut scopes = vec![Stmt::Attribute(attr("rank", "sink"))];
        for &scope in &diagram.scopes {
            let attributes = vec![
                label(text(model.scopes[scope].display_name(), "11", TEXT_COLOR)),
                attr("shape", "ellipse"),
                attr("style", "filled"),
                attr("fillcolor", SCOPE_FILL),
                attr("color", SCOPE_BORDER),
            ];
            scopes.push(node(scope_id(scope), attributes));
        }
        stmts.push(subgraph("scopes".to_string(), scopes));
    }
    for (index, &(kind, scope)) in diagram.gaps.iter().enumerate() {
        let attributes = vec![
            label(text(&gap_label(model, kind, scope), "11", FINDING_COLOR)),
            attr("style", "dashed,filled"),
            attr("color", FINDING_COLOR),
            attr("fillcolor", GAP_FILL),
        ];
        stmts.push(node(format!("g{index}"), attributes));
        let attributes = vec![
            attr("color", FINDING_COLOR),
            attr("style", "dashed"),
            attr("weight", "1"),
        ];
        stmts.push(edge(format!("g{index}"), scope_id(scope), attributes));
    }

    stmts.extend(responsibility_edges(diagram));

    Graph::DiGraph {
        id: Id::Plain("orgraph".to_string()),
        strict: false,
        stmts,
    }
}

/// The responsibilities view's roles, which no reporting line arranges: teams (clusters) in a
/// few columns, left to right, the scopes in a column on the right. In one column, 61 roles
/// made a strip 1 wide and 17 high.
fn role_columns(diagram: &Diagram) -> Vec<Stmt> {
    let count = diagram.roles.len();
    // About four times as many roles in a column as there are columns.
    let columns = (count.div_ceil(4) as f64).sqrt().ceil().max(1.0) as usize;
    let target = count.div_ceil(columns);
    let mut stmts = Vec::new();
    let mut column = 0;
    let mut filled = 0;
    // Teams whole, in order of first appearance, then roles without a team one by one.
    // One pass over the roles, not one per team: a large org has thousands of teams.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); diagram.teams.len()];
    let mut loose = Vec::new();
    for (p, role) in diagram.roles.iter().enumerate() {
        match role.team {
            Some(team) => members[team].push(p),
            None => loose.push(p),
        }
    }
    let groups = members
        .into_iter()
        .enumerate()
        .map(|(team, members)| (Some(team), members))
        .chain(loose.into_iter().map(|p| (None, vec![p])));
    let mut ranks: Vec<Vec<Stmt>> = Vec::new();
    for (team, members) in groups.filter(|(_, m)| !m.is_empty()) {
        if filled > 0 && filled + members.len() > target {
            column += 1;
            filled = 0;
        }
        filled += members.len();
        if ranks.len() <= column {
            ranks.push(vec![
                Stmt::Attribute(attr("rank", "same")),
                node(format!("col{column}"), Vec::new()),
            ]);
        }
        let nodes: Vec<Stmt> = members
            .iter()
            .map(|&p| role_node(diagram, p, None))
            .collect();
        for &p in &members {
            ranks[column].push(node(role_id(diagram.roles[p].role), Vec::new()));
        }
        match team {
            Some(team) => stmts.push(cluster(diagram, team, team, nodes)),
            None => stmts.extend(nodes),
        }
    }
    // Invisible anchors, one a column, chained left to right: each column's roles share its
    // anchor's rank.
    for k in 0..ranks.len() {
        stmts.push(node(
            format!("col{k}"),
            vec![
                attr("style", "invis"),
                attr("shape", "point"),
                attr("width", "0"),
            ],
        ));
        if k > 0 {
            stmts.push(edge(
                format!("col{}", k - 1),
                format!("col{k}"),
                vec![attr("style", "invis")],
            ));
        }
    }
    stmts.extend(
        ranks
            .into_iter()
            .enumerate()
            .map(|(k, rank)| subgraph(format!("column{k}"), rank)),
    );
    stmts
}

/// Responsibility lines, one edge per role and scope, its label listing each kind and level in
/// the kind's colour and its line drawn in those colours side by side (a flagged line keeps an
/// edge of its own, in red). Graphviz gives every edge its own lane down to the scope, and an
/// edge label a lane of its own width: 225 labelled lines made the enterprise's full view 18
/// times as wide as high. Labels are `xlabel`s, set after the layout, so they take no lane.
fn responsibility_edges(diagram: &Diagram) -> Vec<Stmt> {
    let model = diagram.model;
    let mut bundles: Vec<Vec<&Line>> = Vec::new();
    let mut index: HashMap<(RoleId, ScopeId, bool), usize> = HashMap::new();
    for line in &diagram.lines {
        let key = (line.role, line.scope, line.flagged);
        let at = *index.entry(key).or_insert_with(|| {
            bundles.push(Vec::new());
            bundles.len() - 1
        });
        bundles[at].push(line);
    }
    bundles
        .into_iter()
        .map(|lines| {
            let first = lines[0];
            let color = |line: &Line| {
                if line.flagged {
                    FINDING_COLOR
                } else {
                    kind_color(line.kind)
                }
            };
            let labels: Vec<String> = lines
                .iter()
                .map(|line| {
                    format!(
                        "<font point-size=\"9\" color=\"{}\">{}</font>",
                        color(line),
                        escape::dot(&line_label(model, line))
                    )
                })
                .collect();
            let mut colors: Vec<&str> = lines.iter().map(|line| color(line)).collect();
            colors.dedup();
            let bold = lines
                .iter()
                .any(|line| line.level == Level::Accountable || line.flagged);
            let attributes = vec![
                Attribute(
                    Id::Plain("xlabel".to_string()),
                    Id::Html(format!("<{}>", labels.join("<br/>"))),
                ),
                generated("color", colors.join(":")),
                attr("style", "dashed"),
                attr("penwidth", if bold { "2.6" } else { "1.1" }),
                attr("weight", "1"),
            ];
            edge(role_id(first.role), scope_id(first.scope), attributes)
        })
        .collect()
}

/// A team's cluster: its name and a dashed frame round `members`.
fn cluster(diagram: &Diagram, index: usize, team: usize, mut members: Vec<Stmt>) -> Stmt {
    members.splice(
        0..0,
        [
            Stmt::Attribute(label(text(
                &shorten(&diagram.teams[team]),
                "10",
                NOTE_COLOR,
            ))),
            Stmt::Attribute(attr("style", "rounded,dashed")),
            Stmt::Attribute(attr("color", TEAM_BORDER)),
        ],
    );
    subgraph(format!("cluster_t{index}"), members)
}

/// A role's box: the title wrapped, the people, its dotted-line managers and "+N" below, a
/// tooltip with the whole text; `width` (points) for a box in a column.
fn role_node(diagram: &Diagram, p: usize, width: Option<f64>) -> Stmt {
    let model = diagram.model;
    let role = &diagram.roles[p];
    let title: Vec<String> = wrap(&role.title(model), WRAP)
        .iter()
        .map(|line| escape::dot(line))
        .collect();
    let mut markup = format!(
        "<font point-size=\"11\" color=\"{TEXT_COLOR}\">{}</font>",
        title.join("<br/>")
    );
    if role.vacant {
        markup.push_str(&format!(
            "<br/><font point-size=\"9\" color=\"{FAINT_COLOR}\"><i>vacant</i></font>"
        ));
    } else if let Some(people) = role.people_line() {
        markup.push_str("<br/>");
        markup.push_str(&text(&people, "9", NOTE_COLOR));
    }
    if let Some(dotted) = role.dotted_line(model) {
        markup.push_str(&format!(
            "<br/><font point-size=\"9\" color=\"{DOTTED_COLOR}\"><i>{}</i></font>",
            escape::dot(&dotted)
        ));
    }
    if let Some(cut) = role.cut_line() {
        markup.push_str(&format!(
            "<br/><font point-size=\"9\" color=\"{NOTE_COLOR}\"><b>{cut}</b></font>"
        ));
    }
    let mut attributes = vec![
        label(markup),
        Attribute(
            Id::Plain("tooltip".to_string()),
            Id::Escaped(escape::dot_string(&role.tooltip(model))),
        ),
    ];
    attributes.extend(match (role.manager_style, role.vacant) {
        (true, false) => vec![
            attr("style", "filled,bold"),
            attr("fillcolor", MANAGER_FILL),
        ],
        (true, true) => vec![
            attr("style", "filled,bold,dashed"),
            attr("fillcolor", MANAGER_FILL),
        ],
        (false, true) => vec![attr("style", "rounded,filled,dashed")],
        (false, false) => vec![],
    });
    if role.flagged {
        attributes.extend([attr("color", FINDING_COLOR), attr("penwidth", "2.6")]);
    }
    if let Some(width) = width {
        attributes.push(number("width", width / 72.0));
    }
    node(role_id(role.role), attributes)
}

/// An attribute with a number we computed, never user text.
fn number(key: &'static str, value: f64) -> Attribute {
    Attribute(
        Id::Plain(key.to_string()),
        Id::Escaped(format!("\"{value:.2}\"")),
    )
}

/// An attribute whose value is an id we generated, never user text.
fn generated(key: &'static str, value: String) -> Attribute {
    Attribute(
        Id::Plain(key.to_string()),
        Id::Escaped(format!("\"{value}\"")),
    )
}

/// The org and full views' roles and reporting lines, shaped as an org chart ([`Chart`]):
/// boxes (in their team's cluster where the team hangs together), columns of stacked reports
/// hanging off a trunk, and invisible lines that put each row of a forest below the last.
fn org_chart(diagram: &Diagram) -> Vec<Stmt> {
    let chart = Chart::new(diagram);
    let mut top = Vec::new();
    let mut clusters: Vec<Vec<Stmt>> = vec![Vec::new(); chart.cluster_team.len()];
    let mut place = |p: usize, stmt: Stmt, top: &mut Vec<Stmt>| match chart.cluster[p] {
        Some(c) => clusters[c].push(stmt),
        None => top.push(stmt),
    };
    for p in 0..diagram.roles.len() {
        let width = chart.column_of[p].map(|k| chart.columns[k].width);
        place(p, role_node(diagram, p, width), &mut top);
    }
    let trunk = |k: usize, i: usize| format!("c{k}_{i}");
    for (k, column) in chart.columns.iter().enumerate() {
        for (i, &b) in column.boxes.iter().enumerate() {
            let point = node(
                trunk(k, i),
                vec![
                    attr("shape", "point"),
                    attr("width", "0.03"),
                    attr("color", BORDER),
                    generated("group", format!("c{k}")),
                ],
            );
            place(b, point, &mut top);
            // A frameless cluster keeps the box beside its trunk point: with only a rank in
            // common, Graphviz put other boxes between them and drew the edge as a long curve.
            let same_rank = subgraph(
                format!("cluster_{}", trunk(k, i)),
                vec![
                    Stmt::Attribute(attr("rank", "same")),
                    Stmt::Attribute(attr("peripheries", "0")),
                    Stmt::Attribute(attr("margin", "0")),
                    Stmt::Attribute(attr("label", "")),
                    node(trunk(k, i), Vec::new()),
                    node(role_id(diagram.roles[b].role), Vec::new()),
                ],
            );
            place(b, same_rank, &mut top);
            if i > 0 {
                let mut attributes = vec![attr("weight", "100")];
                if column.spans[i - 1] > 1 {
                    attributes.push(generated("minlen", column.spans[i - 1].to_string()));
                }
                top.push(edge(trunk(k, i - 1), trunk(k, i), attributes));
            }
            // A flat edge: straight across into the box's side.
            top.push(edge(
                trunk(k, i),
                role_id(diagram.roles[b].role),
                Vec::new(),
            ));
        }
    }
    // Reporting lines in the reports' order, a column's line where its first box's would be.
    let mut drawn = vec![false; chart.columns.len()];
    for line in &diagram.reporting {
        let Some((m, r)) = diagram.ends(line) else {
            continue;
        };
        let from = role_id(line.manager);
        match chart.column_of[r] {
            Some(k) if chart.columns[k].manager == m => {
                if !std::mem::replace(&mut drawn[k], true) {
                    top.push(edge(from, trunk(k, 0), Vec::new()));
                }
            }
            _ => {
                let mut attributes = Vec::new();
                if line.flagged {
                    attributes.extend([attr("color", FINDING_COLOR), attr("penwidth", "2.6")]);
                }
                top.push(edge(from, role_id(line.report), attributes));
            }
        }
    }
    for (k, (lowest, roots)) in chart.rows.iter().enumerate() {
        let anchor = format!("row{k}");
        top.push(node(
            anchor.clone(),
            vec![
                attr("style", "invis"),
                attr("shape", "point"),
                attr("width", "0"),
            ],
        ));
        let hidden = || vec![attr("style", "invis"), attr("weight", "0")];
        top.push(edge(
            role_id(diagram.roles[*lowest].role),
            anchor.clone(),
            hidden(),
        ));
        for &root in roots {
            top.push(edge(
                anchor.clone(),
                role_id(diagram.roles[root].role),
                hidden(),
            ));
        }
    }
    for (index, members) in clusters.into_iter().enumerate() {
        top.push(cluster(diagram, index, chart.cluster_team[index], members));
    }
    top
}

/// The legend: a table of samples, each styled as in the drawing, and what they mean.
fn legend(diagram: &Diagram) -> String {
    let model = diagram.model;
    let mut rows = String::from("\n<tr><td colspan=\"2\" align=\"left\"><b>Legend</b></td></tr>");
    let line = |color: &str, dashed: bool| {
        let glyphs = if dashed {
            "━ ━ ━"
        } else {
            "━━━━"
        };
        format!("<td><font color=\"{color}\">{glyphs}</font></td>")
    };
    for entry in diagram.legend() {
        let sample = match entry {
            LegendEntry::Manager => {
                format!("<td border=\"2\" color=\"{BORDER}\" bgcolor=\"{MANAGER_FILL}\">Role</td>")
            }
            LegendEntry::IndividualContributor => {
                format!("<td border=\"1\" color=\"{BORDER}\" style=\"rounded\">Role</td>")
            }
            LegendEntry::Scope => {
                format!(
                    "<td border=\"1\" color=\"{SCOPE_BORDER}\" bgcolor=\"{SCOPE_FILL}\" style=\"rounded\">Scope</td>"
                )
            }
            LegendEntry::Gap => format!(
                "<td border=\"1\" color=\"{FINDING_COLOR}\" bgcolor=\"{GAP_FILL}\" style=\"dashed\"><font color=\"{FINDING_COLOR}\">gap</font></td>"
            ),
            LegendEntry::ReportsTo => line(BORDER, false),
            LegendEntry::DottedLine => {
                format!("<td><font color=\"{DOTTED_COLOR}\"><i>Role</i></font></td>")
            }
            LegendEntry::Kind(kind) => line(kind_color(kind), true),
            LegendEntry::Finding => line(FINDING_COLOR, false),
            LegendEntry::People => "<td>Name</td>".to_string(),
            LegendEntry::Levels => "<td>A R C I</td>".to_string(),
        };
        let meaning = match entry {
            LegendEntry::Kind(kind) => text(&entry.text(model), "10", kind_color(kind)),
            LegendEntry::Finding => text(&entry.text(model), "10", FINDING_COLOR),
            _ => text(&entry.text(model), "10", TEXT_COLOR),
        };
        // One row a line keeps the DOT diffable.
        rows.push_str(&format!(
            "\n<tr>{sample}<td align=\"left\" balign=\"left\">{meaning}</td></tr>"
        ));
    }
    format!(
        "<font point-size=\"10\"><table border=\"1\" color=\"{FRAME_COLOR}\" cellborder=\"0\" cellspacing=\"3\" cellpadding=\"2\" style=\"rounded\">{rows}\n</table></font>"
    )
}
