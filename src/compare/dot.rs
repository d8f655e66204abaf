//! The models as Graphviz graphs, built with graphviz-rust. Two views:
//!
//! - the full view, for models of at most [`SUMMARY_ROLES`] roles: each model's reporting tree
//!   in its own cluster, side by side; a role matched under another id says which; roles that
//!   some models lack coloured; with two models, a moved role is joined to its old manager by a
//!   dashed grey line;
//! - the summary view ([`summary`]), for larger models or `--changes-only`: only the roles
//!   that changed, listed under their managers.
//!
//! Node ids are generated (`m1r4` is role 4 of model 1); user text reaches the graph only in
//! HTML-like labels, through the one DOT escaper, `export::escape::dot`.

mod summary;

use super::{Comparison, RoleRow, Show};
use crate::export::escape::dot as escape;
use crate::export::palette::{
    ADDED_FILL, BORDER, CHANGED_BORDER, DOTTED_COLOR, DROPPED_FILL, FONT, NOTE_COLOR, PARTIAL_FILL,
    WHITE,
};
use crate::model::{IdVec, Level, Model, Role, RoleId};
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

/// An attribute with a fixed value, never user text.
fn attr(key: &'static str, value: &'static str) -> Attribute {
    Attribute(
        Id::Plain(key.to_string()),
        Id::Escaped(format!("\"{value}\"")),
    )
}

/// A label from HTML-like markup; every user string in it went through the DOT escaper.
fn label(markup: String) -> Attribute {
    Attribute(
        Id::Plain("label".to_string()),
        Id::Html(format!("<{markup}>")),
    )
}

/// Above this many roles in any model, the DOT output is the summary view: a tree of a
/// thousand roles per model, side by side, is tens of thousands of points wide.
pub const SUMMARY_ROLES: usize = 100;

/// How a role stands against the other models, which its colours say.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Presence {
    Everywhere,
    /// Not in the first model, in the last: gained along the way.
    Added,
    /// In the first model, not in the last: lost along the way.
    Dropped,
    /// In some models, neither of the above.
    Partial,
}

impl Presence {
    fn of(row: &RoleRow) -> Presence {
        let first = row.roles.first().is_some_and(Option::is_some);
        let last = row.roles.last().is_some_and(Option::is_some);
        match (row.in_every_model(), first, last) {
            (true, _, _) => Presence::Everywhere,
            (false, false, true) => Presence::Added,
            (false, true, false) => Presence::Dropped,
            _ => Presence::Partial,
        }
    }

    fn fill(self) -> &'static str {
        match self {
            Presence::Everywhere => WHITE,
            Presence::Added => ADDED_FILL,
            Presence::Dropped => DROPPED_FILL,
            Presence::Partial => PARTIAL_FILL,
        }
    }
}

/// A role's node: `m{MODEL}r{ROLE}`, the role's index in its model.
fn node_name(model: usize, role: RoleId) -> NodeId {
    NodeId(Id::Plain(format!("m{model}r{}", role.index())), None)
}

fn node_id(model: usize, role: RoleId) -> Vertex {
    Vertex::N(node_name(model, role))
}

fn edge(from: Vertex, to: Vertex, attributes: Vec<Attribute>) -> Stmt {
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(from, to),
        attributes,
    })
}

/// What a role is accountable for: `what, strategy@payments`.
fn owns(model: &Model, role: &Role) -> String {
    let mut owned: Vec<String> = Vec::new();
    for r in role
        .responsibilities
        .iter()
        .filter(|r| r.level == Level::Accountable)
    {
        let kind = &model.kinds[r.kind].id;
        let item = match r.scope {
            Some(scope) => format!("{kind}@{}", model.scopes[scope].id),
            None => kind.clone(),
        };
        if !owned.contains(&item) {
            owned.push(item);
        }
    }
    owned.join(", ")
}

/// The DOT text of the comparison: the full view, or the summary view for
/// [`Show::Differences`] and for models of more than [`SUMMARY_ROLES`] roles.
pub fn dot(comparison: &Comparison, show: Show) -> String {
    let large = comparison
        .sides
        .iter()
        .any(|side| side.model.roles.len() > SUMMARY_ROLES);
    let graph = if show == Show::Differences || large {
        summary::graph(comparison)
    } else {
        graph(comparison)
    };
    let mut text = graph.print(&mut PrinterContext::default());
    text.push('\n');
    text
}

/// A grey line of small text under a label.
fn note(text: &str) -> String {
    format!(
        "<br/><font point-size=\"9\" color=\"{NOTE_COLOR}\">{}</font>",
        escape(text)
    )
}

/// The attributes every graph of the comparison starts with: its title, fonts, colours.
fn defaults(title: String, rankdir: &'static str) -> Vec<Stmt> {
    vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            label(format!("<font point-size=\"18\">{title}</font>")),
            attr("labelloc", "t"),
            attr("fontname", FONT),
            attr("rankdir", rankdir),
            attr("nodesep", "0.3"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("shape", "box"),
            attr("style", "rounded,filled"),
            attr("fillcolor", WHITE),
            attr("fontname", FONT),
            attr("fontsize", "11"),
            attr("color", BORDER),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("color", BORDER),
            attr("arrowhead", "none"),
        ])),
    ]
}

/// The dashed grey line from a moved role's old manager.
fn old_manager_line(from: Vertex, to: Vertex) -> Stmt {
    edge(
        from,
        to,
        vec![
            attr("style", "dashed"),
            attr("color", DOTTED_COLOR),
            attr("constraint", "false"),
        ],
    )
}

/// The legend: one row per swatch (fill, border, dashed) and its meaning.
fn legend(rows: &[(&str, &str, bool, &str)]) -> Stmt {
    let rows: String = rows
        .iter()
        .map(|&(fill, border, dashed, text)| {
            let style = if dashed { " style=\"dashed\"" } else { "" };
            format!(
                "<tr><td bgcolor=\"{fill}\" color=\"{border}\" border=\"1\"{style}>  </td><td align=\"left\">{text}</td></tr>"
            )
        })
        .collect();
    Stmt::Node(Node::new(
        NodeId(Id::Plain("legend".to_string()), None),
        vec![
            attr("shape", "plaintext"),
            attr("style", ""),
            label(format!(
                "<table border=\"0\" cellspacing=\"4\"><tr><td colspan=\"2\"><b>Legend</b></td></tr>{rows}</table>"
            )),
        ],
    ))
}

fn graph(comparison: &Comparison) -> Graph {
    let sides = &comparison.sides;
    let names: Vec<String> = sides.iter().map(|s| escape(&s.label)).collect();
    let mut stmts = defaults(format!("Comparing {}", names.join(" · ")), "TB");

    // Per model, each role's row, to colour it and to find its matches.
    let mut row_of: Vec<IdVec<RoleId, usize>> = sides
        .iter()
        .map(|s| IdVec::filled(0, s.model.roles.len()))
        .collect();
    for (index, row) in comparison.roles.iter().enumerate() {
        for (side, role) in row.roles.iter().enumerate() {
            if let Some(role) = role {
                row_of[side][*role] = index;
            }
        }
    }
    let owned: Vec<IdVec<RoleId, String>> = sides
        .iter()
        .map(|s| s.model.roles.values().map(|r| owns(s.model, r)).collect())
        .collect();
    let changed = |row: &RoleRow| {
        let mut held = row
            .roles
            .iter()
            .enumerate()
            .filter_map(|(side, role)| role.map(|r| &owned[side][r]));
        let first = held.next();
        held.any(|other| Some(other) != first)
    };

    for (side, s) in sides.iter().enumerate() {
        let model = s.model;
        let mut cluster = vec![Stmt::GAttribute(GraphAttributes::Graph(vec![
            label(format!(
                "<b>{}</b><br/><font point-size=\"10\">{}</font>",
                escape(&model.name),
                escape(model.path())
            )),
            attr("style", "rounded"),
            attr("color", BORDER),
        ]))];
        for (index, role) in model.roles.iter() {
            let row = &comparison.roles[row_of[side][index]];
            let held = &owned[side][index];
            let mut markup = format!(
                "<b>{}</b><br/><font point-size=\"9\">{}</font>",
                escape(&role.title),
                escape(&role.id)
            );
            if !held.is_empty() {
                markup.push_str(&format!(
                    "<br/><font point-size=\"9\">owns {}</font>",
                    escape(held)
                ));
            }
            if let Some(text) = matched(comparison, row, side) {
                markup.push_str(&note(&text));
            }
            let mut attributes = vec![label(markup), attr("fillcolor", Presence::of(row).fill())];
            if changed(row) {
                attributes.push(attr("color", CHANGED_BORDER));
                attributes.push(attr("penwidth", "2"));
            }
            cluster.push(Stmt::Node(Node::new(node_name(side, index), attributes)));
        }
        for (index, role) in model.roles.iter() {
            if let Some(manager) = role.reports_to {
                cluster.push(edge(
                    node_id(side, manager),
                    node_id(side, index),
                    Vec::new(),
                ));
            }
        }
        stmts.push(Stmt::Subgraph(Subgraph {
            id: Id::Plain(format!("cluster_m{side}")),
            stmts: cluster,
        }));
    }

    // With two models, each moved role (by id) of the second joined to its old manager there.
    if let Some(changes) = &comparison.changes {
        let after = sides[1].model;
        for both in &changes.roles.moved {
            let old =
                super::manager(sides[0].model, both.before).and_then(|m| after.roles.id_of(m));
            if let Some(old) = old {
                stmts.push(old_manager_line(node_id(1, old), node_id(1, both.after)));
            }
        }
    }
    stmts.push(legend(&[
        (WHITE, BORDER, false, "in every model"),
        (ADDED_FILL, BORDER, false, "added: not in the first model"),
        (
            DROPPED_FILL,
            BORDER,
            false,
            "dropped: not in the last model",
        ),
        (PARTIAL_FILL, BORDER, false, "in some models only"),
        (
            WHITE,
            CHANGED_BORDER,
            false,
            "owns differently from its match",
        ),
        (
            WHITE,
            DOTTED_COLOR,
            true,
            "dashed grey line: a moved role&apos;s old manager",
        ),
    ]));
    Graph::DiGraph {
        id: Id::Plain("compare".to_string()),
        strict: false,
        stmts,
    }
}

/// `matches pm (archetype)`: for a role matched to roles of other ids, their ids and the rule.
fn matched(comparison: &Comparison, row: &RoleRow, side: usize) -> Option<String> {
    let own = comparison.role_id(side, row.roles[side]?);
    let mut others: Vec<&str> = row
        .roles
        .iter()
        .enumerate()
        .filter(|&(other, _)| other != side)
        .filter_map(|(other, role)| role.map(|r| comparison.role_id(other, r)))
        .filter(|&id| id != own)
        .collect();
    others.dedup();
    let by = row.by?;
    (!others.is_empty()).then(|| format!("matches {} ({})", others.join(", "), by.name()))
}
