//! The org chart's shape for Graphviz, which on its own puts every leaf on one rank and every
//! root side by side: here a manager's reports without reports of their own are stacked in
//! columns under it (a chain of trunk points, one rank per box, each box hanging off the trunk
//! on its rank), a forest is wrapped into rows ([`pack_rows`]), a chart still too wide stacks
//! whole subtrees as an outline (bigger ones, in taller columns, until it is not too wide),
//! and teams are clusters only round whole subtrees of one team (and not in an outline), so
//! that a cluster never pulls roles apart.

use crate::export::Diagram;
use crate::export::layout::rows::{extent, pack_rows};
use rustc_hash::FxHashMap;

/// Boxes in a column before another column starts.
const ROWS: usize = 8;
/// Ranks an outline column (boxes with their own stacks) takes before another one starts (or
/// the outline's subtree limit, when that is more).
const OUTLINE_RANKS: usize = 14;
/// Wider than this many times its estimated height, a chart stacks bigger subtrees as an
/// outline (Graphviz draws it wider than estimated, up to about 2.5 times on deep charts).
const MAX_ASPECT: f64 = 1.6;
/// The aspect the rows of a forest aim at: Graphviz spreads trees wider than estimated.
const ROW_ASPECT: f64 = 1.3;
/// A rank's height and the space between trees, in points, to estimate a tree's size.
const RANK_HEIGHT: f64 = 80.0;
const TREE_GAP: f64 = 30.0;

/// A column of stacked reports under their manager, by position in [`Diagram::roles`].
pub(super) struct Column {
    pub manager: usize,
    pub boxes: Vec<usize>,
    /// The widest box's width, in points: every box of the column gets it.
    pub width: f64,
    /// The ranks each box takes: 1, or more for a box with its own stack under it.
    pub spans: Vec<usize>,
}

/// How the org chart is arranged, by position in [`Diagram::roles`].
pub(super) struct Chart {
    pub columns: Vec<Column>,
    /// The column each role is stacked in, if any.
    pub column_of: Vec<Option<usize>>,
    /// The roots of each row after the first, and the deepest role of the row above it.
    pub rows: Vec<(usize, Vec<usize>)>,
    /// The cluster of each role, if its team has more than one role hanging together there.
    pub cluster: Vec<Option<usize>>,
    /// Each cluster's team, by index into [`Diagram::teams`].
    pub cluster_team: Vec<usize>,
}

impl Chart {
    /// The chart of `diagram`'s roles, whose boxes are `widths` wide (points).
    pub fn new(diagram: &Diagram, widths: &[f64]) -> Chart {
        let count = diagram.roles.len();
        let tree_parent = &diagram.model.hierarchy().tree_parent;
        let mut parent = vec![None; count];
        for line in &diagram.reporting {
            if let Some((m, r)) = diagram.ends(line)
                && tree_parent[line.report] == Some(line.manager)
            {
                parent[r] = Some(m);
            }
        }
        let children = Reports::new(&parent);
        let subtrees = Subtrees::new(&parent, &children);
        // Too wide: subtrees of up to `limit` roles are stacked too, each with its team indented
        // under it, as an outline; bigger ones while the chart is still too wide. The search
        // measures each limit's aspect ([`Measure`]) and arranges only the one it keeps.
        let mut measure = Measure::new(&children, &subtrees, diagram, widths);
        let mut arrange = |limit| measure.aspect(limit);
        let (mut wide, mut limit) = (0, 1);
        let mut aspect = arrange(limit);
        while aspect > MAX_ASPECT && limit < count {
            wide = limit;
            limit = if limit == 1 { ROWS + 1 } else { limit * 3 / 2 };
            aspect = arrange(limit);
        }
        // The limit grows by half at each step, so the first that fits can make the chart much
        // taller than it need be: between it and the last too wide, take the widest that fits
        // (halving, as the aspect mostly falls as the limit grows).
        let (mut narrow, mut best) = (limit, aspect);
        while aspect <= MAX_ASPECT && wide > 0 && narrow - wide > 1 {
            let mid = wide + (narrow - wide) / 2;
            let mid_aspect = arrange(mid);
            if mid_aspect > MAX_ASPECT {
                wide = mid;
            } else {
                narrow = mid;
                if mid_aspect > best {
                    (limit, best) = (mid, mid_aspect);
                }
            }
        }
        let arranged = Arranged::new(&children, &subtrees, diagram, widths, limit);
        let outline = limit > 1;
        let Arranged {
            columns,
            column_of,
            rank,
            order,
            roots,
            deepest,
            starts,
            ..
        } = arranged;
        let rows = (1..starts.len())
            .map(|k| {
                let above = &roots[starts[k - 1]..starts[k]];
                let end = starts.get(k + 1).copied().unwrap_or(roots.len());
                let lowest = above
                    .iter()
                    .map(|&r| deepest[r])
                    .max_by_key(|&d| rank[d])
                    .unwrap_or(above[0]);
                (lowest, roots[starts[k]..end].to_vec())
            })
            .collect();

        // Clusters would pull an outline's boxes off its trunks: the tooltip names the team.
        let (cluster, cluster_team) = if outline {
            (vec![None; count], Vec::new())
        } else {
            clusters(diagram, &parent, &children, &order, &column_of)
        };
        Chart {
            columns,
            column_of,
            rows,
            cluster,
            cluster_team,
        }
    }
}

/// Each role's cluster, if any, and each cluster's team: a role joins its manager's cluster
/// when they share a team; a team's stacked reports under a manager of another team hang
/// together too. `order` has each role before its reports.
fn clusters(
    diagram: &Diagram,
    parent: &[Option<usize>],
    children: &Reports,
    order: &[usize],
    column_of: &[Option<usize>],
) -> (Vec<Option<usize>>, Vec<usize>) {
    let count = parent.len();
    let mut component: Vec<Option<usize>> = vec![None; count];
    let mut teams = Vec::new();
    let mut stacked_groups: FxHashMap<(usize, usize), usize> = FxHashMap::default();
    for &v in order {
        let Some(team) = diagram.roles[v].team else {
            continue;
        };
        let joined = match (parent[v], column_of[v]) {
            (Some(m), _) if diagram.roles[m].team == Some(team) => component[m],
            (Some(m), Some(_)) => Some(*stacked_groups.entry((m, team)).or_insert_with(|| {
                teams.push(team);
                teams.len() - 1
            })),
            _ => None,
        };
        component[v] = Some(joined.unwrap_or_else(|| {
            teams.push(team);
            teams.len() - 1
        }));
    }
    // A cluster is drawn only round a whole subtree: a member with a report outside would
    // have that report pushed beside the cluster's frame, far from it. Nor round a box
    // that leads a stack inside a column: the column's trunk would have to go round it.
    let mut sizes = vec![0usize; teams.len()];
    let mut closed = vec![true; teams.len()];
    for v in 0..count {
        if let Some(c) = component[v] {
            sizes[c] += 1;
            let leads_in_column = column_of[v].is_some() && !children[v].is_empty();
            if leads_in_column || children[v].iter().any(|&r| component[r] != Some(c)) {
                closed[c] = false;
            }
        }
    }
    let mut renumber = vec![None; teams.len()];
    let mut cluster_team = Vec::new();
    for (c, &size) in sizes.iter().enumerate() {
        if size >= 2 && closed[c] {
            renumber[c] = Some(cluster_team.len());
            cluster_team.push(teams[c]);
        }
    }
    let cluster = component
        .iter()
        .map(|c| c.and_then(|c| renumber[c]))
        .collect();
    (cluster, cluster_team)
}

/// Columns, ranks and the rows of the forest, for one way of stacking.
struct Arranged {
    columns: Vec<Column>,
    column_of: Vec<Option<usize>>,
    /// Ranks below each role's root.
    rank: Vec<usize>,
    /// Roles, each before its reports.
    order: Vec<usize>,
    roots: Vec<usize>,
    /// The deepest role of each role's subtree.
    deepest: Vec<usize>,
    /// Where each row of trees starts among `roots`.
    starts: Vec<usize>,
}

/// Each role's reports in the reporting tree, in file order, all in one list.
struct Reports {
    /// Where each role's reports start in `list`; one more entry for the end.
    start: Vec<usize>,
    list: Vec<usize>,
}

impl Reports {
    fn new(parent: &[Option<usize>]) -> Reports {
        let mut start = vec![0; parent.len() + 1];
        for &m in parent.iter().flatten() {
            start[m + 1] += 1;
        }
        for v in 0..parent.len() {
            start[v + 1] += start[v];
        }
        let mut filled = start.clone();
        let mut list = vec![0; start[parent.len()]];
        for (r, &m) in parent.iter().enumerate() {
            if let Some(m) = m {
                list[filled[m]] = r;
                filled[m] += 1;
            }
        }
        Reports { start, list }
    }

    /// The number of roles.
    fn len(&self) -> usize {
        self.start.len() - 1
    }
}

impl std::ops::Index<usize> for Reports {
    type Output = [usize];

    fn index(&self, role: usize) -> &[usize] {
        &self.list[self.start[role]..self.start[role + 1]]
    }
}

/// Each role's subtree size, and the roles by size. Responsibility lines do not keep a role
/// out of a stack: Graphviz routes them round the boxes below it.
struct Subtrees {
    size: Vec<usize>,
    roots: Vec<usize>,
    /// Roles, biggest subtree first: each after its manager.
    by_size: Vec<usize>,
}

impl Subtrees {
    fn new(parent: &[Option<usize>], children: &Reports) -> Subtrees {
        let count = children.len();
        let roots: Vec<usize> = (0..count).filter(|&p| parent[p].is_none()).collect();
        let mut order = Vec::with_capacity(count);
        let mut todo = roots.clone();
        while let Some(v) = todo.pop() {
            order.push(v);
            todo.extend(&children[v]);
        }
        let mut size = vec![1usize; count];
        for &v in order.iter().rev() {
            for &c in &children[v] {
                size[v] += size[c];
            }
        }
        order.sort_by_key(|&v| std::cmp::Reverse(size[v]));
        Subtrees {
            size,
            roots,
            by_size: order,
        }
    }
}

/// One manager's stacks: buffers kept from one manager to the next.
#[derive(Default)]
struct Stacks {
    /// Each team's group: the team, and how many reports it has.
    groups: Vec<(Option<usize>, usize)>,
    /// The stackable reports with their group.
    members: Vec<(usize, usize)>,
    /// Each stacked report, its column (0 for the manager's first) and the ranks the boxes
    /// above it in the column take.
    placed: Vec<(usize, usize, usize)>,
}

impl Stacks {
    /// Stacks `reports` with subtrees of at most `limit` roles (1: those without reports of
    /// their own), by team in order of first appearance, into columns ([`Stacks::placed`]); a
    /// stacked box spans its subtree's ranks, its own reports stacked under it in turn.
    fn stack(&mut self, reports: &[usize], subtrees: &Subtrees, diagram: &Diagram, limit: usize) {
        let size = &subtrees.size;
        self.groups.clear();
        self.members.clear();
        self.placed.clear();
        for &r in reports.iter().filter(|&&r| size[r] <= limit) {
            let team = diagram.roles[r].team;
            let group = match self.groups.iter().position(|&(t, _)| t == team) {
                Some(group) => group,
                None => {
                    self.groups.push((team, 0));
                    self.groups.len() - 1
                }
            };
            self.groups[group].1 += 1;
            self.members.push((group, r));
        }
        // Stable: each group keeps its reports' order.
        self.members.sort_by_key(|&(group, _)| group);
        let mut column = 0;
        for group in self.members.chunk_by(|a, b| a.0 == b.0) {
            if group.len() < 2 {
                continue;
            }
            let ranks: usize = group.iter().map(|&(_, r)| size[r]).sum();
            let target = ranks.div_ceil(ranks.div_ceil(OUTLINE_RANKS.max(limit)));
            let (mut filled, mut boxes) = (0, 0);
            for &(_, r) in group {
                if boxes > 0 && (filled + size[r] > target || boxes == ROWS.max(limit)) {
                    column += 1;
                    (filled, boxes) = (0, 0);
                }
                self.placed.push((r, column, filled));
                filled += size[r];
                boxes += 1;
            }
            column += 1;
        }
    }
}

/// Adds a report's subtree, `width` wide, to what hangs below its manager (`below`, in
/// points): beside the rest, or in a column (`column`: its width so far, 0 while empty) as
/// wide as the column's widest box.
fn hang(below: &mut f64, column: Option<&mut f64>, width: f64) {
    match column {
        Some(column) => {
            if *column == 0.0 {
                *below += TREE_GAP;
            }
            *below -= *column;
            *column = column.max(width);
            *below += *column;
        }
        None => *below += width + TREE_GAP,
    }
}

/// A subtree's width: its root's box, `own` wide, with `below` hanging under it.
fn subtree_width(own: f64, stacked: bool, below: f64) -> f64 {
    if stacked && below > 0.0 {
        // A stacked box's own stacks hang from its middle, to the right of its trunk.
        own / 2.0 + below
    } else {
        own.max(below - TREE_GAP)
    }
}

impl Arranged {
    /// Each manager's reports stacked as [`Stacks::stack`] does for `limit`, the ranks, and the
    /// trees' rows.
    fn new(
        children: &Reports,
        subtrees: &Subtrees,
        diagram: &Diagram,
        widths: &[f64],
        limit: usize,
    ) -> Arranged {
        let count = children.len();
        let mut columns: Vec<Column> = Vec::new();
        let mut column_of = vec![None; count];
        // Ranks the boxes above a stacked box take in its column: found here, not by a search
        // of the column per box (columns hold thousands of boxes in a large outline).
        let mut above = vec![0usize; count];
        let mut stacks = Stacks::default();
        for manager in 0..children.len() {
            let reports = &children[manager];
            stacks.stack(reports, subtrees, diagram, limit);
            let first = columns.len();
            for &(r, k, ranks) in &stacks.placed {
                if first + k == columns.len() {
                    columns.push(Column {
                        manager,
                        boxes: Vec::new(),
                        width: 0.0,
                        spans: Vec::new(),
                    });
                }
                let column = &mut columns[first + k];
                column.boxes.push(r);
                column.spans.push(subtrees.size[r]);
                column.width = column.width.max(widths[r]);
                above[r] = ranks;
                column_of[r] = Some(first + k);
            }
        }

        let roots = subtrees.roots.clone();
        let mut rank = vec![0usize; count];
        let mut order = Vec::with_capacity(count);
        let mut todo = roots.clone();
        while let Some(v) = todo.pop() {
            order.push(v);
            for &c in &children[v] {
                rank[c] = rank[v] + 1 + above[c];
                todo.push(c);
            }
        }
        // Each subtree's width: a column is as wide as its widest box with what hangs under it.
        let mut width = widths.to_vec();
        let mut deepest: Vec<usize> = (0..count).collect();
        let mut column_width = vec![0.0f64; columns.len()];
        for &v in order.iter().rev() {
            let mut below = 0.0;
            for &c in &children[v] {
                if rank[deepest[c]] > rank[deepest[v]] {
                    deepest[v] = deepest[c];
                }
                hang(
                    &mut below,
                    column_of[c].map(|k| &mut column_width[k]),
                    width[c],
                );
            }
            width[v] = subtree_width(width[v], column_of[v].is_some(), below);
        }
        let sizes: Vec<(f64, f64)> = roots
            .iter()
            .map(|&r| (width[r], (rank[deepest[r]] + 1) as f64 * RANK_HEIGHT))
            .collect();
        let starts = pack_rows(&sizes, TREE_GAP, ROW_ASPECT);
        Arranged {
            columns,
            column_of,
            rank,
            order,
            roots,
            deepest,
            starts,
        }
    }
}

/// The aspect of the chart [`Arranged::new`] makes for a limit, found without arranging it.
/// Under every limit at least its size, a subtree is stacked alike (its columns never fill),
/// so what hangs below each role as such is found once; a limit arranges only the roles with
/// bigger subtrees, and their reports. Sums are made in the same order, so the numbers are
/// the same to the bit and the search picks the same limit.
struct Measure<'a> {
    children: &'a Reports,
    subtrees: &'a Subtrees,
    diagram: &'a Diagram<'a>,
    widths: &'a [f64],
    /// The width of what hangs below each role, and the ranks from it down to its deepest
    /// role, once its whole subtree is stacked.
    below: Vec<f64>,
    depth: Vec<usize>,
    /// For one limit, of the roles above such subtrees and their reports: the rank, the
    /// column among its manager's (if stacked), the subtree's width and its deepest rank.
    rank: Vec<usize>,
    column: Vec<Option<usize>>,
    width: Vec<f64>,
    lowest: Vec<usize>,
    stacks: Stacks,
    column_width: Vec<f64>,
}

impl<'a> Measure<'a> {
    fn new(
        children: &'a Reports,
        subtrees: &'a Subtrees,
        diagram: &'a Diagram<'a>,
        widths: &'a [f64],
    ) -> Measure<'a> {
        let count = children.len();
        let mut measure = Measure {
            children,
            subtrees,
            diagram,
            widths,
            below: vec![0.0; count],
            depth: vec![0; count],
            rank: vec![0; count],
            column: vec![None; count],
            width: vec![0.0; count],
            lowest: vec![0; count],
            stacks: Stacks::default(),
            column_width: Vec::new(),
        };
        for &v in subtrees.by_size.iter().rev() {
            measure.place(v, usize::MAX, 0);
            let (below, depth) = measure.hang_reports(v, usize::MAX, 0);
            measure.below[v] = below;
            measure.depth[v] = depth;
        }
        measure
    }

    /// Stacks `manager`'s reports for `limit` and ranks them below its `rank`.
    fn place(&mut self, manager: usize, limit: usize, rank: usize) {
        let reports = &self.children[manager];
        self.stacks
            .stack(reports, self.subtrees, self.diagram, limit);
        for &r in reports {
            self.column[r] = None;
            self.rank[r] = rank + 1;
        }
        for &(r, k, above) in &self.stacks.placed {
            self.column[r] = Some(k);
            self.rank[r] += above;
        }
    }

    /// What hangs below `manager` (at `rank`), its reports placed: the width, and the deepest
    /// rank.
    fn hang_reports(&mut self, manager: usize, limit: usize, rank: usize) -> (f64, usize) {
        let reports = &self.children[manager];
        let columns = reports
            .iter()
            .filter_map(|&r| self.column[r])
            .max()
            .map_or(0, |k| k + 1);
        self.column_width.clear();
        self.column_width.resize(columns, 0.0);
        let (mut below, mut lowest) = (0.0, rank);
        for &r in reports {
            let (width, deepest) = if self.subtrees.size[r] > limit {
                (self.width[r], self.lowest[r])
            } else {
                let stacked = self.column[r].is_some();
                let width = subtree_width(self.widths[r], stacked, self.below[r]);
                (width, self.rank[r] + self.depth[r])
            };
            lowest = lowest.max(deepest);
            hang(
                &mut below,
                self.column[r].map(|k| &mut self.column_width[k]),
                width,
            );
        }
        (below, lowest)
    }

    /// The width of the chart over its height, arranged for `limit`.
    fn aspect(&mut self, limit: usize) -> f64 {
        let Subtrees {
            size,
            roots,
            by_size,
        } = self.subtrees;
        let big = &by_size[..by_size.partition_point(|&v| size[v] > limit)];
        for &r in roots {
            self.rank[r] = 0;
        }
        for &m in big {
            self.place(m, limit, self.rank[m]);
        }
        for &m in big.iter().rev() {
            let (below, lowest) = self.hang_reports(m, limit, self.rank[m]);
            self.width[m] = subtree_width(self.widths[m], false, below);
            self.lowest[m] = lowest;
        }
        let sizes: Vec<(f64, f64)> = roots
            .iter()
            .map(|&r| {
                let (width, lowest) = if size[r] > limit {
                    (self.width[r], self.lowest[r])
                } else {
                    (
                        subtree_width(self.widths[r], false, self.below[r]),
                        self.depth[r],
                    )
                };
                (width, (lowest + 1) as f64 * RANK_HEIGHT)
            })
            .collect();
        let starts = pack_rows(&sizes, TREE_GAP, ROW_ASPECT);
        let (width, height) = extent(&sizes, TREE_GAP, &starts);
        width / height
    }
}
