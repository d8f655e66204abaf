//! The model as a petgraph graph: roles and scopes as nodes; reporting, dotted and
//! responsibility lines as typed edges. The model stays the source of truth; this is a view.

use super::{Level, Model};
use petgraph::graph::{DiGraph, NodeIndex};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgNode {
    /// Index into [`Model::roles`].
    Role(usize),
    /// Index into [`Model::scopes`].
    Scope(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgEdge {
    /// From a role to its manager.
    ReportsTo,
    /// From a role to a dotted-line manager.
    DottedTo,
    /// From a role to a scope; a responsibility on every scope gives one edge per scope.
    Responsibility { kind: usize, level: Level },
}

pub struct OrgGraph {
    pub graph: DiGraph<OrgNode, OrgEdge>,
    /// Node of each role, by role index.
    pub roles: Vec<NodeIndex>,
    /// Node of each scope, by scope index.
    pub scopes: Vec<NodeIndex>,
}

impl OrgGraph {
    pub fn build(model: &Model) -> OrgGraph {
        let mut graph = DiGraph::with_capacity(
            model.roles.len() + model.scopes.len(),
            model.roles.len() * 2,
        );
        let roles: Vec<NodeIndex> = (0..model.roles.len())
            .map(|i| graph.add_node(OrgNode::Role(i)))
            .collect();
        let scopes: Vec<NodeIndex> = (0..model.scopes.len())
            .map(|i| graph.add_node(OrgNode::Scope(i)))
            .collect();
        for (index, role) in model.roles.values().enumerate() {
            if let Some(manager) = role.reports_to {
                graph.add_edge(roles[index], roles[manager], OrgEdge::ReportsTo);
            }
            for &manager in &role.dotted_to {
                graph.add_edge(roles[index], roles[manager], OrgEdge::DottedTo);
            }
            for responsibility in &role.responsibilities {
                for scope in model.scopes_of(responsibility) {
                    graph.add_edge(
                        roles[index],
                        scopes[scope],
                        OrgEdge::Responsibility {
                            kind: responsibility.kind,
                            level: responsibility.level,
                        },
                    );
                }
            }
        }
        OrgGraph {
            graph,
            roles,
            scopes,
        }
    }

    /// The reporting lines alone (role to manager), node `i` being role `i`.
    pub fn reporting(model: &Model) -> DiGraph<usize, ()> {
        let mut graph = DiGraph::with_capacity(model.roles.len(), model.roles.len());
        for index in 0..model.roles.len() {
            graph.add_node(index);
        }
        for (index, role) in model.roles.values().enumerate() {
            if let Some(manager) = role.reports_to {
                graph.add_edge(NodeIndex::new(index), NodeIndex::new(manager), ());
            }
        }
        graph
    }
}

/// The reporting tree's shape: direct reports, roots, cycles and each role's layer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hierarchy {
    /// Direct reports of every role, in file order.
    pub reports: Vec<Vec<usize>>,
    /// Roles without `reports_to`, in file order.
    pub roots: Vec<usize>,
    /// Each reporting cycle in reporting order, starting from its first role in the file.
    pub cycles: Vec<Vec<usize>>,
    /// Layer of each role (a root is layer 1); `None` in or below a cycle.
    pub layer: Vec<Option<usize>>,
}

impl Hierarchy {
    pub fn of(model: &Model) -> Hierarchy {
        let reports = model.direct_reports();
        let roots: Vec<usize> = model
            .roles
            .values()
            .enumerate()
            .filter(|(_, role)| role.reports_to.is_none())
            .map(|(index, _)| index)
            .collect();

        let reporting = OrgGraph::reporting(model);
        let mut cycles: Vec<Vec<usize>> = petgraph::algo::tarjan_scc(&reporting)
            .into_iter()
            .filter(|component| {
                component.len() > 1 || reporting.contains_edge(component[0], component[0])
            })
            .map(|component| {
                // Every role has one manager at most, so a strongly connected component is one
                // simple cycle: walk it from its first role in file order.
                let start = component
                    .iter()
                    .map(|n| n.index())
                    .min()
                    .unwrap_or_default();
                let mut cycle = vec![start];
                let mut next = model.roles[start].reports_to;
                while let Some(role) = next.filter(|&r| r != start) {
                    cycle.push(role);
                    next = model.roles[role].reports_to;
                }
                cycle
            })
            .collect();
        cycles.sort();

        // Layers flow down from the roots, so roles in or below a cycle are never reached.
        let mut layer = vec![None; model.roles.len()];
        let mut stack: Vec<(usize, usize)> = roots.iter().map(|&root| (root, 1)).collect();
        while let Some((role, depth)) = stack.pop() {
            layer[role] = Some(depth);
            stack.extend(reports[role].iter().map(|&report| (report, depth + 1)));
        }
        Hierarchy {
            reports,
            roots,
            cycles,
            layer,
        }
    }

    /// The number of layers: the longest reporting chain counted in roles.
    pub fn layers(&self) -> usize {
        self.layer.iter().flatten().copied().max().unwrap_or(0)
    }
}
