//! The org chart's shape for Graphviz, which on its own puts every leaf on one rank and every
//! root side by side: here a manager's reports without reports of their own are stacked in
//! columns under it (a chain of trunk points, one rank per box, each box hanging off the trunk
//! on its rank), a forest is wrapped into rows ([`pack_rows`]), a chart still too wide stacks
//! whole subtrees as an outline (bigger ones, in taller columns, until it is not too wide),
//! and teams are clusters only round whole subtrees of one team (and not in an outline), so
//! that a cluster never pulls roles apart.

use crate::export::Diagram;
use crate::export::layout::metrics::{WRAP, box_size, wrap};
use crate::export::layout::rows::{extent, pack_rows};
use std::collections::HashMap;

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
    pub fn new(diagram: &Diagram) -> Chart {
        let count = diagram.roles.len();
        let tree_parent = &diagram.model.hierarchy().tree_parent;
        let mut parent = vec![None; count];
        let mut children = vec![Vec::new(); count];
        for line in &diagram.reporting {
            if let Some((m, r)) = diagram.ends(line)
                && tree_parent[line.report] == Some(line.manager)
            {
                parent[r] = Some(m);
                children[m].push(r);
            }
        }
        let widths: Vec<f64> = (0..count)
            .map(|p| {
                let role = &diagram.roles[p];
                let mut lines = wrap(&role.title(diagram.model), WRAP);
                lines.extend(role.people_line());
                box_size(&lines).0
            })
            .collect();

        let subtrees = Subtrees::new(&parent, &children);
        // Too wide: subtrees of up to `limit` roles are stacked too, each with its team indented
        // under it, as an outline; bigger ones while the chart is still too wide.
        let arrange = |limit| {
            let arranged = Arranged::new(diagram, &children, &subtrees, &widths, limit);
            let (width, height) = extent(&arranged.sizes, TREE_GAP, &arranged.starts);
            (width / height, arranged)
        };
        let (mut wide, mut limit) = (0, 1);
        let (mut aspect, mut arranged) = arrange(limit);
        while aspect > MAX_ASPECT && limit < count {
            wide = limit;
            limit = if limit == 1 { ROWS + 1 } else { limit * 3 / 2 };
            (aspect, arranged) = arrange(limit);
        }
        // The limit grows by half at each step, so the first that fits can make the chart much
        // taller than it need be: between it and the last too wide, take the widest that fits
        // (halving, as the aspect mostly falls as the limit grows).
        let (mut narrow, mut best) = (limit, aspect);
        while aspect <= MAX_ASPECT && wide > 0 && narrow - wide > 1 {
            let mid = wide + (narrow - wide) / 2;
            let (mid_aspect, candidate) = arrange(mid);
            if mid_aspect > MAX_ASPECT {
                wide = mid;
            } else {
                narrow = mid;
                if mid_aspect > best {
                    (limit, best, arranged) = (mid, mid_aspect, candidate);
                }
            }
        }
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

        // Clusters: a role joins its manager's cluster when they share a team; a team's stacked
        // reports under a manager of another team hang together too.
        let mut component: Vec<Option<usize>> = vec![None; count];
        let mut teams = Vec::new();
        let mut stacked_groups: HashMap<(usize, usize), usize> = HashMap::new();
        for &v in &order {
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
            // Clusters would pull an outline's boxes off its trunks: the tooltip names the team.
            if size >= 2 && closed[c] && !outline {
                renumber[c] = Some(cluster_team.len());
                cluster_team.push(teams[c]);
            }
        }
        let cluster = component
            .iter()
            .map(|c| c.and_then(|c| renumber[c]))
            .collect();
        Chart {
            columns,
            column_of,
            rows,
            cluster,
            cluster_team,
        }
    }
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
    /// Each tree's estimated size, in points.
    sizes: Vec<(f64, f64)>,
    /// Where each row of trees starts among `roots`.
    starts: Vec<usize>,
}

/// Each role's subtree size. Responsibility lines do not keep a role out of a stack: Graphviz
/// routes them round the boxes below it.
struct Subtrees {
    size: Vec<usize>,
    roots: Vec<usize>,
}

impl Subtrees {
    fn new(parent: &[Option<usize>], children: &[Vec<usize>]) -> Subtrees {
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
        Subtrees { size, roots }
    }
}

impl Arranged {
    /// Each manager's reports with subtrees of at most `limit` roles (1: those without
    /// reports of their own), by team in order of first appearance, stacked into columns; a
    /// stacked box spans its subtree's ranks, its own reports stacked under it in turn.
    fn new(
        diagram: &Diagram,
        children: &[Vec<usize>],
        subtrees: &Subtrees,
        widths: &[f64],
        limit: usize,
    ) -> Arranged {
        let count = children.len();
        let stackable = |r: usize| subtrees.size[r] <= limit;
        // Ranks a stacked box takes: itself, and the stacks of its subtree.
        let span = |r: usize| subtrees.size[r];
        let mut columns: Vec<Column> = Vec::new();
        let mut column_of = vec![None; count];
        let mut spans = vec![1usize; count];
        // Ranks the boxes above a stacked box take in its column: found here, not by a search
        // of the column per box (columns hold thousands of boxes in a large outline).
        let mut above = vec![0usize; count];
        for (manager, reports) in children.iter().enumerate() {
            let mut groups: Vec<(Option<usize>, Vec<usize>)> = Vec::new();
            for &r in reports.iter().filter(|&&r| stackable(r)) {
                let team = diagram.roles[r].team;
                match groups.iter_mut().find(|(t, _)| *t == team) {
                    Some((_, group)) => group.push(r),
                    None => groups.push((team, vec![r])),
                }
            }
            for (_, group) in groups.into_iter().filter(|(_, g)| g.len() >= 2) {
                let ranks: usize = group.iter().map(|&r| span(r)).sum();
                let target = ranks.div_ceil(ranks.div_ceil(OUTLINE_RANKS.max(limit)));
                let mut column: Vec<usize> = Vec::new();
                let mut filled = 0;
                for &r in &group {
                    if !column.is_empty()
                        && (filled + span(r) > target || column.len() == ROWS.max(limit))
                    {
                        columns.push(Column::new(manager, std::mem::take(&mut column), widths));
                        filled = 0;
                    }
                    above[r] = filled;
                    filled += span(r);
                    spans[r] = span(r);
                    column_of[r] = Some(columns.len());
                    column.push(r);
                }
                columns.push(Column::new(manager, column, widths));
            }
        }
        for column in &mut columns {
            column.spans = column.boxes.iter().map(|&b| spans[b]).collect();
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
                match column_of[c] {
                    Some(k) => {
                        if column_width[k] == 0.0 {
                            below += TREE_GAP;
                        }
                        below -= column_width[k];
                        column_width[k] = column_width[k].max(width[c]);
                        below += column_width[k];
                    }
                    None => below += width[c] + TREE_GAP,
                }
            }
            width[v] = if column_of[v].is_some() && below > 0.0 {
                // A stacked box's own stacks hang from its middle, to the right of its trunk.
                width[v] / 2.0 + below
            } else {
                width[v].max(below - TREE_GAP)
            };
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
            sizes,
            starts,
        }
    }
}

impl Column {
    fn new(manager: usize, boxes: Vec<usize>, widths: &[f64]) -> Column {
        // A box that leads its own stack needs room for it, indented.
        let width = boxes.iter().map(|&b| widths[b]).fold(0.0, f64::max);
        Column {
            manager,
            boxes,
            width,
            spans: Vec::new(),
        }
    }
}
