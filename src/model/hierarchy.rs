//! The reporting tree's shape, computed once per model ([`Model::hierarchy`]) and shared by the
//! checks, the diagrams, the RACI matrix, the stats and the comparison.
//!
//! Each role has at most one manager, so the reporting lines form a functional graph: every walk
//! here follows parent indexes in a loop, never recursion (a chain or a cycle of a million roles
//! is as safe as one of ten), and no general graph algorithm is needed.

use super::{IdVec, Model, RoleId};

/// Where a role stands in the walk that finds cycles.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Visit {
    New,
    /// On the chain of managers being followed now.
    OnWalk,
    Done,
}

/// The reporting tree: direct reports, roots, cycles and how each is cut, layers, subtree sizes
/// and seats. Role indexes are into [`Model::roles`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hierarchy {
    /// Direct reports of every role, in file order.
    pub reports: IdVec<RoleId, Vec<RoleId>>,
    /// Roles without `reports_to`, in file order.
    pub roots: Vec<RoleId>,
    /// Each reporting cycle in reporting order, starting from its first role in the file; the
    /// cycles sorted by that role.
    pub cycles: Vec<Vec<RoleId>>,
    /// Layer of each role (a root is layer 1); `None` in or below a cycle.
    pub layer: IdVec<RoleId, Option<usize>>,
    /// The reporting tree: each role's manager, except that each cycle is cut at its first role
    /// in the file, whose `reports_to` line is dropped (see [`Hierarchy::cuts`]).
    pub tree_parent: IdVec<RoleId, Option<RoleId>>,
    /// Roles in the subtree of each role in that tree, the role itself included.
    pub subtree: IdVec<RoleId, usize>,
    /// The seats of each role: the people who fill it, a vacant role counting 1; without
    /// people in the model every role is one seat. Span of control counts seats (SPEC §4).
    pub seats: IdVec<RoleId, usize>,
}

impl Hierarchy {
    /// Walks the reporting lines of `model`; [`Model::hierarchy`] keeps the result.
    pub(super) fn of(model: &Model) -> Hierarchy {
        let count = model.roles.len();
        let manager: IdVec<RoleId, Option<RoleId>> =
            model.roles.values().map(|r| r.reports_to).collect();
        let mut reports = IdVec::filled(Vec::new(), count);
        let mut roots = Vec::new();
        for (role, manager) in manager.iter_enumerated() {
            match manager {
                Some(manager) => reports[*manager].push(role),
                None => roots.push(role),
            }
        }
        let cycles = cycles(&manager);
        let mut tree_parent = manager;
        for cycle in &cycles {
            tree_parent[cycle[0]] = None;
        }
        let order = top_down(&reports, &tree_parent);
        let mut subtree = IdVec::filled(1, count);
        for &role in order.iter().rev() {
            if let Some(parent) = tree_parent[role] {
                subtree[parent] += subtree[role];
            }
        }
        // Layers flow down from the roots, so roles in or below a cycle are never reached.
        let mut layer = IdVec::filled(None, count);
        for &role in &order {
            layer[role] = match tree_parent[role] {
                None if model.roles[role].reports_to.is_none() => Some(1),
                Some(parent) => layer[parent].map(|l| l + 1),
                None => None,
            };
        }
        Hierarchy {
            reports,
            roots,
            cycles,
            layer,
            tree_parent,
            subtree,
            seats: seats(model),
        }
    }

    /// The number of layers: the longest reporting chain counted in roles.
    pub fn layers(&self) -> usize {
        self.layer.iter().flatten().copied().max().unwrap_or(0)
    }

    /// The roles whose `reports_to` line the tree drops, one per cycle.
    pub fn cuts(&self) -> impl Iterator<Item = RoleId> + '_ {
        self.cycles.iter().map(|cycle| cycle[0])
    }

    /// The span of control of `role` counted in seats: the seats of its direct reports.
    pub fn span(&self, role: RoleId) -> usize {
        self.reports[role].iter().map(|&r| self.seats[r]).sum()
    }
}

/// Every cycle of the functional graph `manager`, each from its lowest role, sorted. Each role
/// is visited once: a walk follows managers until it meets a role seen before; if that role
/// is on the walk itself, the walk has closed a cycle.
fn cycles(manager: &IdVec<RoleId, Option<RoleId>>) -> Vec<Vec<RoleId>> {
    let mut visit = IdVec::filled(Visit::New, manager.len());
    let mut cycles = Vec::new();
    let mut walk = Vec::new();
    for start in (0..manager.len()).map(RoleId::new) {
        walk.clear();
        let mut next = Some(start);
        while let Some(role) = next.filter(|&r| visit[r] == Visit::New) {
            visit[role] = Visit::OnWalk;
            walk.push(role);
            next = manager[role];
        }
        if let Some(closing) = next.filter(|&r| visit[r] == Visit::OnWalk) {
            let from = walk.iter().position(|&r| r == closing).unwrap_or(0);
            let mut cycle = walk[from..].to_vec();
            let lowest = (0..cycle.len()).min_by_key(|&i| cycle[i]).unwrap_or(0);
            cycle.rotate_left(lowest);
            cycles.push(cycle);
        }
        for &role in &walk {
            visit[role] = Visit::Done;
        }
    }
    cycles.sort_unstable();
    cycles
}

/// Every role, managers before their reports in the tree `tree_parent`.
fn top_down(
    reports: &IdVec<RoleId, Vec<RoleId>>,
    tree_parent: &IdVec<RoleId, Option<RoleId>>,
) -> Vec<RoleId> {
    let mut order: Vec<RoleId> = tree_parent
        .iter_enumerated()
        .filter(|(_, parent)| parent.is_none())
        .map(|(role, _)| role)
        .collect();
    let mut next = 0;
    while let Some(&manager) = order.get(next) {
        next += 1;
        order.extend(
            reports[manager]
                .iter()
                .filter(|&&report| tree_parent[report] == Some(manager)),
        );
    }
    order
}

/// People filling each role, a vacant role counting 1; 1 each without people.
fn seats(model: &Model) -> IdVec<RoleId, usize> {
    if model.people.is_empty() {
        return IdVec::filled(1, model.roles.len());
    }
    // Counted, not listed: `Model::fillers` would make a vector for each of a million roles.
    let mut seats = vec![0; model.roles.len()];
    for person in model.people.values() {
        for (at, role) in person.fills.iter().enumerate() {
            // A person who names a role twice is one seat, as in `Model::fillers`.
            if !person.fills[..at].contains(role) {
                seats[role.index()] += 1;
            }
        }
    }
    seats.into_iter().map(|seats: usize| seats.max(1)).collect()
}
