//! The models side by side as Graphviz clusters, built with graphviz-rust: each model's
//! reporting tree in its own cluster, matched roles on one rank and joined by dotted lines,
//! roles that some models lack coloured.
//!
//! Node ids are generated (`m1r4` is role 4 of model 1); user text reaches the graph only in
//! HTML-like labels, through the one DOT escaper, `export::escape::dot`.

use super::{Comparison, RoleRow};
use crate::export::dot::{attr, label};
use crate::export::escape::dot as escape;
use crate::export::palette::{
    ADDED_FILL, BORDER, CHANGED_BORDER, DROPPED_FILL, FONT, MATCH_COLOR, PARTIAL_FILL, WHITE,
};
use crate::model::{IdVec, Level, Model, Role, RoleId};
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

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

/// The DOT text of the comparison.
pub fn dot(comparison: &Comparison) -> String {
    let mut text = graph(comparison).print(&mut PrinterContext::default());
    text.push('\n');
    text
}

fn graph(comparison: &Comparison) -> Graph {
    let sides = &comparison.sides;
    let names: Vec<String> = sides.iter().map(|s| escape(&s.label)).collect();
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            label(format!(
                "<font point-size=\"18\">Comparing {}</font>",
                names.join(" · ")
            )),
            attr("labelloc", "t"),
            attr("fontname", FONT),
            attr("rankdir", "TB"),
            // Rank constraints hold across clusters, so matched roles can share a rank.
            attr("newrank", "true"),
            attr("ordering", "out"),
            attr("nodesep", "0.3"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("shape", "box"),
            attr("style", "rounded,filled"),
            attr("fontname", FONT),
            attr("fontsize", "11"),
            attr("color", BORDER),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("color", BORDER),
            attr("arrowhead", "none"),
        ])),
    ];

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

    for row in comparison.roles.iter().filter(|r| r.by.is_some()) {
        let present: Vec<Vertex> = row
            .roles
            .iter()
            .enumerate()
            .filter_map(|(side, role)| role.map(|r| node_id(side, r)))
            .collect();
        let mut same = vec![Stmt::Attribute(attr("rank", "same"))];
        same.extend(present.iter().cloned().map(|v| match v {
            Vertex::N(id) => Stmt::Node(Node::new(id, Vec::new())),
            Vertex::S(s) => Stmt::Subgraph(s),
        }));
        stmts.push(Stmt::Subgraph(Subgraph {
            id: Id::Anonymous(String::new()),
            stmts: same,
        }));
        for pair in present.windows(2) {
            stmts.push(edge(
                pair[0].clone(),
                pair[1].clone(),
                vec![
                    attr("style", "dotted"),
                    attr("color", MATCH_COLOR),
                    attr("constraint", "false"),
                ],
            ));
        }
    }
    stmts.push(legend());
    Graph::DiGraph {
        id: Id::Plain("compare".to_string()),
        strict: false,
        stmts,
    }
}

fn legend() -> Stmt {
    let swatch = |fill: &str, border: &str, text: &str| {
        format!(
            "<tr><td bgcolor=\"{fill}\" color=\"{border}\" border=\"1\">  </td><td align=\"left\">{text}</td></tr>"
        )
    };
    let rows = [
        swatch(WHITE, BORDER, "in every model"),
        swatch(ADDED_FILL, BORDER, "added: not in the first model"),
        swatch(DROPPED_FILL, BORDER, "dropped: not in the last model"),
        swatch(PARTIAL_FILL, BORDER, "in some models only"),
        swatch(WHITE, CHANGED_BORDER, "owns differently from its match"),
    ];
    Stmt::Node(Node::new(
        NodeId(Id::Plain("legend".to_string()), None),
        vec![
            attr("shape", "plaintext"),
            attr("style", ""),
            label(format!(
                "<table border=\"0\" cellspacing=\"4\"><tr><td colspan=\"2\"><b>Legend</b></td></tr>{}</table>",
                rows.concat()
            )),
        ],
    ))
}
