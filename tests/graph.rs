//! The petgraph view of a model: one node per role and scope, one typed edge per reporting
//! line, dotted line and responsibility on each scope it covers.

use orgraph::model::graph::{OrgEdge, OrgGraph, OrgNode};
use orgraph::model::{Hierarchy, Level};
use orgraph::{Canon, load};
use std::path::Path;

#[test]
fn the_graph_has_a_node_per_role_and_scope_and_an_edge_per_line() {
    let model = load(Path::new("models/enterprise.toml"), &Canon::builtin()).unwrap();
    let graph = OrgGraph::build(&model);
    assert_eq!(
        graph.graph.node_count(),
        model.roles.len() + model.scopes.len()
    );
    assert_eq!(graph.graph[graph.roles[0]], OrgNode::Role(0));
    assert_eq!(graph.graph[graph.scopes[0]], OrgNode::Scope(0));

    let count =
        |wanted: fn(&OrgEdge) -> bool| graph.graph.edge_weights().filter(|e| wanted(e)).count();
    let reporting = model
        .roles
        .values()
        .filter(|r| r.reports_to.is_some())
        .count();
    let dotted: usize = model.roles.values().map(|r| r.dotted_to.len()).sum();
    assert_eq!(count(|e| *e == OrgEdge::ReportsTo), reporting);
    assert_eq!(count(|e| *e == OrgEdge::DottedTo), dotted);
    assert!(dotted > 0, "the enterprise has a matrix");

    // A responsibility on every scope is one edge per scope, as stats counts them.
    let stats = orgraph::stats::stats(&model, &Hierarchy::of(&model));
    assert_eq!(
        count(|e| matches!(e, OrgEdge::Responsibility { .. })),
        stats.responsibilities.total
    );
    let accountable = count(|e| {
        matches!(
            e,
            OrgEdge::Responsibility {
                level: Level::Accountable,
                ..
            }
        )
    });
    assert_eq!(accountable, stats.responsibilities.by_level["accountable"]);
}
