//! The org and full views: the reporting tree laid out by [`tidy_tree`], level by level, with
//! teams stacked in columns under their manager (individual contributors always; in a big org,
//! small teams as indented lists), so that a real org of a thousand people stays a readable
//! width; the scopes in a row below, each gap under its scope.

use super::corridors::room;
use super::metrics::box_size;
use super::rows::pack_rows;
use super::stack::{Hang, INDENT, Stack};
use super::{
    LEVEL_GAP, Placement, Rect, SIBLING_GAP, lines_per_role, place_gaps, role_lines, scope_box,
    tidy_tree,
};
use crate::export::Diagram;

/// About how many columns a big org is drawn in: teams of up to (roles / COLUMNS) roles are
/// stacked as lists, so that the chart's width follows the number of teams, not of people.
const COLUMNS: usize = 48;
/// Rows of a stack's column before another column starts (more where a team's list is longer).
const STACK_ROWS: usize = 8;
/// Wider than this many times its height, a chart stacks bigger teams as lists.
const MAX_ASPECT: f64 = 2.4;
/// The aspect the rows of a forest aim at.
const ROW_ASPECT: f64 = 2.0;
/// Between trees of a forest, side by side and row to row.
const ROW_GAP: f64 = 40.0;
/// From a level's bus (where its reporting lines branch) down to its boxes.
pub(super) const BUS_ABOVE: f64 = 14.0;

/// The reporting tree of the visible roles, by position in [`Diagram::roles`], with each role's
/// box size and the room its line labels need below it.
pub(super) struct Tree {
    pub children: Vec<Vec<usize>>,
    roots: Vec<usize>,
    /// Each role's text, one entry a line.
    pub lines: Vec<Vec<String>>,
    /// Each role's box: width, height.
    pub sizes: Vec<(f64, f64)>,
    /// Room under each box for the labels of its responsibility lines.
    pub rooms: Vec<f64>,
    /// Roles in the subtree of each role, itself included.
    pub subtree_size: Vec<usize>,
    /// Width of each role's subtree drawn as an indented list.
    pub outline_width: Vec<f64>,
    /// No responsibility line leaves the subtree: only such subtrees may stack, as the lines
    /// would cross the boxes below them.
    quiet: Vec<bool>,
}

/// The tree parent of each visible role, and the roles whose reporting line closes a cycle,
/// from the model's [`Hierarchy`](crate::model::Hierarchy): its tree cuts each cycle at its
/// first role in the file. A cycle is drawn whole or not at all (`--focus` and `--depth` keep
/// or drop all of it), so the cut holds among the visible roles too.
fn tree_parents(diagram: &Diagram) -> (Vec<Option<usize>>, Vec<usize>) {
    let tree_parent = &diagram.model.hierarchy().tree_parent;
    let mut parent = vec![None; diagram.roles.len()];
    let mut cycle_closers = Vec::new();
    for line in &diagram.reporting {
        let Some((m, r)) = diagram.ends(line) else {
            continue;
        };
        if tree_parent[line.report] == Some(line.manager) {
            parent[r] = Some(m);
        } else {
            cycle_closers.push(r);
        }
    }
    (parent, cycle_closers)
}

impl Tree {
    fn new(diagram: &Diagram, parent: &[Option<usize>]) -> Tree {
        let count = diagram.roles.len();
        let mut children = vec![Vec::new(); count];
        let mut roots = Vec::new();
        for (role, p) in parent.iter().enumerate() {
            match p {
                Some(p) => children[*p].push(role),
                None => roots.push(role),
            }
        }
        let lines = role_lines(diagram);
        let sizes: Vec<(f64, f64)> = lines.iter().map(|l| box_size(l)).collect();
        // Sizes of the visible tree, which `--focus` and `--depth` cut: the model's
        // `Hierarchy::subtree` counts roles that are not drawn.
        let mut preorder = Vec::with_capacity(count);
        let mut todo = roots.clone();
        while let Some(v) = todo.pop() {
            preorder.push(v);
            todo.extend(&children[v]);
        }
        let line_counts = lines_per_role(diagram);
        let mut subtree_size = vec![1usize; count];
        let mut outline_width: Vec<f64> = sizes.iter().map(|s| s.0).collect();
        let mut quiet: Vec<bool> = line_counts.iter().map(|&n| n == 0).collect();
        for &v in preorder.iter().rev() {
            for &c in &children[v] {
                subtree_size[v] += subtree_size[c];
                outline_width[v] = outline_width[v].max(INDENT + outline_width[c]);
                quiet[v] &= quiet[c];
            }
        }
        Tree {
            rooms: line_counts.into_iter().map(room).collect(),
            children,
            roots,
            lines,
            sizes,
            subtree_size,
            outline_width,
            quiet,
        }
    }
}

/// The tree the tidy layout places: the roles that are not in a stack, and for each stack a
/// stand-in node (index `roles` and up) as wide as the stack.
struct Grid {
    children: Vec<Vec<usize>>,
    /// By role position: placed by the tidy layout rather than in a stack.
    in_grid: Vec<bool>,
    /// Each stack with its stand-in.
    stacks: Vec<(Stack, usize)>,
}

impl Grid {
    /// Teams of at most `listed` roles are stacked as lists: just individual contributors in a
    /// small org, bigger teams in a big one, so that the width follows the number of teams.
    fn new(tree: &Tree, listed: usize) -> Grid {
        let count = tree.children.len();
        let rows = STACK_ROWS.max(listed * 2);
        let mut grid = Grid {
            children: vec![Vec::new(); count],
            in_grid: vec![false; count],
            stacks: Vec::new(),
        };
        let stackable = |r: usize| tree.subtree_size[r] <= listed && tree.quiet[r];
        let mut todo = tree.roots.clone();
        while let Some(v) = todo.pop() {
            grid.in_grid[v] = true;
            let reports = &tree.children[v];
            let stacked: Vec<usize> = reports.iter().copied().filter(|&r| stackable(r)).collect();
            let mut stand_in = None;
            for &r in reports {
                if stacked.len() < 2 || !stackable(r) {
                    grid.children[v].push(r);
                    todo.push(r);
                } else if stand_in.is_none() {
                    // The stack takes the place of its first report.
                    let node = grid.add_node();
                    grid.children[v].push(node);
                    stand_in = Some(node);
                }
            }
            if let Some(stand_in) = stand_in {
                grid.stacks
                    .push((Stack::new(tree, v, stacked, rows), stand_in));
            }
        }
        grid
    }

    fn add_node(&mut self) -> usize {
        self.children.push(Vec::new());
        self.children.len() - 1
    }

    /// The roles the tidy layout places.
    fn roles(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.in_grid.len()).filter(|&v| self.in_grid[v])
    }
}

/// A level per depth of the grid, each as tall as its tallest box, with room below for the
/// labels of its responsibility lines.
struct Levels {
    /// Depth of each grid node (stand-ins included).
    depth: Vec<usize>,
    /// Top of each level.
    y: Vec<f64>,
    /// Height of each level's tallest box.
    height: Vec<f64>,
}

impl Levels {
    fn new(tree: &Tree, grid: &Grid, y0: f64) -> Levels {
        let mut depth = vec![0usize; grid.children.len()];
        let mut todo = tree.roots.clone();
        while let Some(v) = todo.pop() {
            for &c in &grid.children[v] {
                depth[c] = depth[v] + 1;
                todo.push(c);
            }
        }
        let levels = grid.roles().map(|v| depth[v] + 1).max().unwrap_or(0);
        let mut height = vec![0.0f64; levels];
        let mut gap = vec![LEVEL_GAP; levels];
        for v in grid.roles() {
            height[depth[v]] = height[depth[v]].max(tree.sizes[v].1);
            gap[depth[v]] = gap[depth[v]].max(18.0 + tree.rooms[v]);
        }
        let mut y = vec![y0; levels];
        for d in 1..levels {
            y[d] = y[d - 1] + height[d - 1] + gap[d - 1];
        }
        Levels { depth, y, height }
    }
}

pub(super) fn tree_layout(diagram: &Diagram, x0: f64, y0: f64) -> Placement {
    let count = diagram.roles.len();
    let (tree_parent, cycle_closers) = tree_parents(diagram);
    // Teams of up to `listed` roles are stacked as lists: more of them while the chart is too
    // wide for its height.
    let mut listed = (count / COLUMNS).max(1);
    let (tree, rects, hangs) = loop {
        let (tree, mut rects, mut hangs) = place_tree(diagram, &tree_parent, listed, x0, y0);
        let (width, height) = wrap_rows(&tree, &mut rects, &mut hangs, x0, y0);
        if width <= MAX_ASPECT * height || listed >= count {
            break (tree, rects, hangs);
        }
        listed = (listed * 3).div_ceil(2).max(listed + 1);
    };
    let (scopes, gaps) = scope_row(diagram, &rects, &tree.rooms, x0, y0);
    Placement {
        roles: rects,
        role_lines: tree.lines,
        scopes,
        gaps,
        teams: Vec::new(),
        cycle_closers,
        tree_parent,
        hangs,
    }
}

/// Wraps a forest into rows of trees ([`pack_rows`]), moving each tree's boxes and lines;
/// returns the chart's width and height.
fn wrap_rows(
    tree: &Tree,
    rects: &mut [Rect],
    hangs: &mut [Option<Hang>],
    x0: f64,
    y0: f64,
) -> (f64, f64) {
    // Each tree's members and bounding box.
    let mut trees: Vec<(Vec<usize>, f64, f64, f64)> = Vec::new();
    for &root in &tree.roots {
        let mut members = Vec::new();
        let mut todo = vec![root];
        let (mut left, mut right, mut bottom) = (f64::INFINITY, f64::NEG_INFINITY, y0);
        while let Some(v) = todo.pop() {
            members.push(v);
            left = left.min(rects[v].left());
            right = right.max(rects[v].right());
            bottom = bottom.max(rects[v].bottom() + tree.rooms[v]);
            todo.extend(&tree.children[v]);
        }
        trees.push((members, left, right, bottom));
    }
    let sizes: Vec<(f64, f64)> = trees
        .iter()
        .map(|(_, left, right, bottom)| (right - left, bottom - y0))
        .collect();
    let starts = pack_rows(&sizes, ROW_GAP, ROW_ASPECT);
    let (mut width, mut top) = (0.0f64, y0);
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(trees.len());
        let mut x = x0;
        let mut row_height = 0.0f64;
        for (members, left, right, bottom) in &trees[start..end] {
            let (dx, dy) = (x - left, top - y0);
            for &v in members {
                rects[v].x += dx;
                rects[v].y += dy;
                if let Some(hang) = &mut hangs[v] {
                    hang.trunk += dx;
                    hang.from_x = hang.from_x.map(|x| x + dx);
                    hang.bus += dy;
                }
            }
            x += right - left + ROW_GAP;
            row_height = row_height.max(bottom - y0);
        }
        width = width.max(x - ROW_GAP - x0);
        top += row_height + ROW_GAP;
    }
    (width, top - ROW_GAP - y0)
}

/// Lays out the tree with teams of up to `listed` roles stacked, the forest in one row.
fn place_tree(
    diagram: &Diagram,
    tree_parent: &[Option<usize>],
    listed: usize,
    x0: f64,
    y0: f64,
) -> (Tree, Vec<Rect>, Vec<Option<Hang>>) {
    let count = diagram.roles.len();
    let mut tree = Tree::new(diagram, tree_parent);
    let widths: Vec<f64> = tree.sizes.iter().map(|s| s.0).collect();
    let mut grid = Grid::new(&tree, listed);
    let levels = Levels::new(&tree, &grid, y0);

    // Stacks are placed around x = 0 first. Their stand-in goes on down, one node per level
    // the stack reaches, so that the tidy layout keeps every other box and line out of it; a
    // manager with a stack right under it is as wide as the stack, for the same reason.
    let mut rects = vec![Rect::default(); count];
    let mut hangs = vec![None; count];
    let mut tree_widths = widths.clone();
    tree_widths.resize(grid.children.len(), 0.0);
    let mut members = Vec::new();
    let stacks = std::mem::take(&mut grid.stacks);
    for (stack, stand_in) in &stacks {
        let v = stack.manager;
        let d = levels.depth[v];
        let (bus, top) = if stack.under {
            let bus = levels.y[d] + levels.height[d] + 12.0 + tree.rooms[v];
            tree_widths[v] = widths[v].max(stack.width());
            (bus, bus + 12.0)
        } else {
            // Beside other reports, whose level exists.
            let top = levels.y.get(d + 1).copied().unwrap_or(y0);
            (top - BUS_ABOVE, top)
        };
        let (placed, bottom) = stack.place(diagram, &mut tree, bus, top, &mut rects, &mut hangs);
        members.push(placed);
        tree_widths[*stand_in] = stack.width();
        let mut last = *stand_in;
        // A level's bus runs above it: keep the stack clear of that too.
        for _ in (d + 2..levels.y.len()).take_while(|&l| levels.y[l] < bottom + 24.0) {
            let node = grid.add_node();
            grid.children[last].push(node);
            last = node;
            tree_widths.push(stack.width());
        }
    }
    let xs = tidy_tree(&grid.children, &tree.roots, &tree_widths, SIBLING_GAP);

    // The tree's left edge goes to x0; stacks move with their stand-ins.
    let min_left = (0..grid.children.len())
        .filter(|&v| v >= count || grid.in_grid[v])
        .map(|v| xs[v] - tree_widths[v] / 2.0)
        .fold(f64::INFINITY, f64::min);
    let dx = if min_left.is_finite() {
        x0 - min_left
    } else {
        x0
    };
    for v in grid.roles() {
        rects[v] = Rect {
            x: xs[v] + dx,
            y: levels.y[levels.depth[v]],
            w: widths[v],
            h: tree.sizes[v].1,
        };
    }
    for ((_, stand_in), placed) in stacks.iter().zip(&members) {
        let shift = xs[*stand_in] + dx;
        for &p in placed {
            rects[p].x += shift;
            if let Some(hang) = &mut hangs[p] {
                hang.trunk += shift;
                hang.from_x = hang.from_x.map(|x| x + shift);
            }
        }
    }

    (tree, rects, hangs)
}

/// Scopes in a row below the tree, spread across its width; gaps under their scope.
fn scope_row(
    diagram: &Diagram,
    roles: &[Rect],
    rooms: &[f64],
    x0: f64,
    y0: f64,
) -> (Vec<Rect>, Vec<Rect>) {
    let tree_right = roles.iter().map(Rect::right).fold(x0, f64::max);
    let tree_bottom = roles
        .iter()
        .zip(rooms)
        .map(|(r, room)| r.bottom() + LEVEL_GAP.max(24.0 + room))
        .fold(y0, f64::max);
    let sizes: Vec<Rect> = diagram
        .scopes
        .iter()
        .map(|&s| scope_box(diagram, s).1)
        .collect();
    let total: f64 =
        sizes.iter().map(|r| r.w).sum::<f64>() + SIBLING_GAP * 3.0 * sizes.len() as f64;
    let span = (tree_right - x0).max(total);
    let step = span / sizes.len().max(1) as f64;
    // Room for the labels that step down the responsibility lines.
    let scope_y = tree_bottom + LEVEL_GAP * 1.5;
    let scopes: Vec<Rect> = sizes
        .iter()
        .enumerate()
        .map(|(i, r)| Rect {
            x: x0 + step * (i as f64 + 0.5),
            y: scope_y,
            ..*r
        })
        .collect();
    let row_bottom = scope_y + scopes.iter().map(|r| r.h).fold(0.0, f64::max);
    let gaps = place_gaps(diagram, &scopes, 8.0, |scope, down, rect| Rect {
        x: scope.x,
        y: row_bottom + 30.0 + down,
        ..rect
    });
    (scopes, gaps)
}
