//! SVG without Graphviz: a tidy-tree layout of the reporting tree (Walker's algorithm in
//! Buchheim, Jünger and Leipert's linear-time form, with boxes of different widths), scopes in
//! a row below it; for the responsibilities view, roles in a column, scopes in a column beside.
//! As org-chart tools do, teams without responsibility lines are stacked in columns under their
//! manager instead of spread in a row (individual contributors always; in a big org, small
//! teams as indented lists), so that a real org of a thousand people stays a readable width.

use super::palette::{
    BORDER, DOTTED_COLOR, FINDING_COLOR, GAP_FILL, IC_FILL, MANAGER_FILL, SCOPE_BORDER, SCOPE_FILL,
    TEAM_BORDER,
};
use super::{Diagram, LegendEntry, View, escape, gap_label, kind_color, line_label};
use crate::model::Level;
use std::fmt::Write;

const FONT_SIZE: f64 = 11.0;
const LINE_HEIGHT: f64 = 14.0;
/// A generous average glyph width for 11px Helvetica, so text stays inside its box.
const CHAR_WIDTH: f64 = 6.4;
const PAD_X: f64 = 10.0;
const PAD_Y: f64 = 7.0;
const SIBLING_GAP: f64 = 16.0;
const LEVEL_GAP: f64 = 44.0;
const MARGIN: f64 = 20.0;
const WRAP: usize = 28;
/// Vertical distance between the labels of one role's responsibility lines.
const LABEL_STEP: f64 = 12.0;
/// About how many columns a big org is drawn in: teams of up to (roles / COLUMNS) roles are
/// stacked as lists, so that the chart's width follows the number of teams, not of people.
const COLUMNS: usize = 48;
/// Rows of a stack's column before another column starts (more where a team's list is longer).
const STACK_ROWS: usize = 8;
/// From a box in a stack to the box of one of its reports, whose trunk runs in between.
const INDENT: f64 = 16.0;
/// Between the boxes of a stack.
const STACK_GAP: f64 = 8.0;

/// A box on the page: centre x, top y, size.
#[derive(Clone, Copy, Debug, Default)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Rect {
    fn bottom(&self) -> f64 {
        self.y + self.h
    }
    fn left(&self) -> f64 {
        self.x - self.w / 2.0
    }
    fn right(&self) -> f64 {
        self.x + self.w / 2.0
    }
    fn mid_y(&self) -> f64 {
        self.y + self.h / 2.0
    }
}

fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c > '\u{10FF}' { 1.8 } else { 1.0 })
        .sum::<f64>()
        * CHAR_WIDTH
}

/// Word-wraps text to lines of about `width` characters; explicit newlines are kept.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in escape::shown(text).split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ') {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

fn box_size(lines: &[String]) -> (f64, f64) {
    let widest = lines.iter().map(|l| text_width(l)).fold(0.0, f64::max);
    (
        (widest + 2.0 * PAD_X).max(60.0),
        lines.len() as f64 * LINE_HEIGHT + 2.0 * PAD_Y,
    )
}

/// Tidy-tree x positions (box centres) of a forest; `children` lists every node's children in
/// order and `widths` their box widths. Linear in the number of nodes; no recursion.
pub fn tidy_tree(children: &[Vec<usize>], roots: &[usize], widths: &[f64]) -> Vec<f64> {
    let n = children.len();
    // A virtual root (index n) holds the forest together.
    let mut kids: Vec<&[usize]> = children.iter().map(Vec::as_slice).collect();
    kids.push(roots);
    let mut width = widths.to_vec();
    width.push(0.0);
    let mut parent = vec![usize::MAX; n + 1];
    let mut number = vec![0usize; n + 1];
    for (v, list) in kids.iter().enumerate() {
        for (i, &c) in list.iter().enumerate() {
            parent[c] = v;
            number[c] = i;
        }
    }
    let mut t = Tidy {
        kids,
        parent,
        number,
        width,
        prelim: vec![0.0; n + 1],
        modifier: vec![0.0; n + 1],
        shift: vec![0.0; n + 1],
        change: vec![0.0; n + 1],
        thread: vec![None; n + 1],
        ancestor: (0..=n).collect(),
    };

    // First walk in post-order: children left to right, then the parent. Each child is
    // apportioned (moved clear of its left siblings) as soon as its own walk is done, before
    // its right sibling's walk places that sibling from the child's prelim. The frame holds a
    // node, its next child and the default ancestor of its children's apportioning.
    let mut stack = vec![(n, 0usize, t.kids[n].first().copied().unwrap_or(n))];
    while let Some(&mut (v, ref mut next, _)) = stack.last_mut() {
        if let Some(&child) = t.kids[v].get(*next) {
            *next += 1;
            stack.push((child, 0, t.kids[child].first().copied().unwrap_or(child)));
        } else {
            stack.pop();
            t.first_walk(v);
            if let Some((_, _, default_ancestor)) = stack.last_mut() {
                *default_ancestor = t.apportion(v, *default_ancestor);
            }
        }
    }

    // Second walk in pre-order: a node's x is its prelim plus its ancestors' modifiers.
    let mut x = vec![0.0; n + 1];
    let mut stack = vec![(n, 0.0)];
    while let Some((v, m)) = stack.pop() {
        x[v] = t.prelim[v] + m;
        for &c in t.kids[v] {
            stack.push((c, m + t.modifier[v]));
        }
    }
    x.truncate(n);
    x
}

struct Tidy<'a> {
    kids: Vec<&'a [usize]>,
    parent: Vec<usize>,
    /// Position among siblings.
    number: Vec<usize>,
    width: Vec<f64>,
    prelim: Vec<f64>,
    modifier: Vec<f64>,
    shift: Vec<f64>,
    change: Vec<f64>,
    thread: Vec<Option<usize>>,
    ancestor: Vec<usize>,
}

impl Tidy<'_> {
    fn distance(&self, a: usize, b: usize) -> f64 {
        (self.width[a] + self.width[b]) / 2.0 + SIBLING_GAP
    }

    fn left_sibling(&self, v: usize) -> Option<usize> {
        let p = self.parent[v];
        (p != usize::MAX && self.number[v] > 0).then(|| self.kids[p][self.number[v] - 1])
    }

    fn next_left(&self, v: usize) -> Option<usize> {
        self.kids[v].first().copied().or(self.thread[v])
    }

    fn next_right(&self, v: usize) -> Option<usize> {
        self.kids[v].last().copied().or(self.thread[v])
    }

    /// Places `v` once its children are placed and apportioned.
    fn first_walk(&mut self, v: usize) {
        let left = self.left_sibling(v);
        let (Some(&first), Some(&last)) = (self.kids[v].first(), self.kids[v].last()) else {
            self.prelim[v] = left.map_or(0.0, |w| self.prelim[w] + self.distance(w, v));
            return;
        };
        self.execute_shifts(v);
        let midpoint = (self.prelim[first] + self.prelim[last]) / 2.0;
        match left {
            Some(w) => {
                self.prelim[v] = self.prelim[w] + self.distance(w, v);
                self.modifier[v] = self.prelim[v] - midpoint;
            }
            None => self.prelim[v] = midpoint,
        }
    }

    fn apportion(&mut self, v: usize, mut default_ancestor: usize) -> usize {
        let Some(w) = self.left_sibling(v) else {
            return default_ancestor;
        };
        let (mut vip, mut vop, mut vim) = (v, v, w);
        let mut vom = self.kids[self.parent[v]][0];
        let (mut sip, mut sop) = (self.modifier[vip], self.modifier[vop]);
        let (mut sim, mut som) = (self.modifier[vim], self.modifier[vom]);
        while let (Some(right), Some(left)) = (self.next_right(vim), self.next_left(vip)) {
            vim = right;
            vip = left;
            // Both contours go on while these do; the outer ones are at least as deep.
            vom = self.next_left(vom).unwrap_or(vom);
            vop = self.next_right(vop).unwrap_or(vop);
            self.ancestor[vop] = v;
            let shift =
                (self.prelim[vim] + sim) - (self.prelim[vip] + sip) + self.distance(vim, vip);
            if shift > 0.0 {
                let a = if self.parent[self.ancestor[vim]] == self.parent[v] {
                    self.ancestor[vim]
                } else {
                    default_ancestor
                };
                self.move_subtree(a, v, shift);
                sip += shift;
                sop += shift;
            }
            sim += self.modifier[vim];
            sip += self.modifier[vip];
            som += self.modifier[vom];
            sop += self.modifier[vop];
        }
        if let Some(right) = self.next_right(vim)
            && self.next_right(vop).is_none()
        {
            self.thread[vop] = Some(right);
            self.modifier[vop] += sim - sop;
        }
        if let Some(left) = self.next_left(vip)
            && self.next_left(vom).is_none()
        {
            self.thread[vom] = Some(left);
            self.modifier[vom] += sip - som;
            default_ancestor = v;
        }
        default_ancestor
    }

    fn move_subtree(&mut self, wm: usize, wp: usize, shift: f64) {
        let subtrees = (self.number[wp] - self.number[wm]) as f64;
        self.change[wp] -= shift / subtrees;
        self.shift[wp] += shift;
        self.change[wm] += shift / subtrees;
        self.prelim[wp] += shift;
        self.modifier[wp] += shift;
    }

    fn execute_shifts(&mut self, v: usize) {
        let (mut shift, mut change) = (0.0, 0.0);
        for i in (0..self.kids[v].len()).rev() {
            let w = self.kids[v][i];
            self.prelim[w] += shift;
            self.modifier[w] += shift;
            change += self.change[w];
            shift += self.shift[w] + change;
        }
    }
}

/// The drawing being built: shapes in paint order.
struct Canvas {
    body: String,
    width: f64,
    height: f64,
}

impl Canvas {
    fn grow(&mut self, x: f64, y: f64) {
        self.width = self.width.max(x + MARGIN);
        self.height = self.height.max(y + MARGIN);
    }

    /// Centred lines of text starting at `top`.
    fn text(&mut self, x: f64, top: f64, lines: &[String], class: &str) {
        let _ = write!(self.body, "<text class=\"{class}\" x=\"{x:.1}\">");
        for (i, line) in lines.iter().enumerate() {
            let y = top + PAD_Y + FONT_SIZE + i as f64 * LINE_HEIGHT - 2.0;
            let _ = write!(
                self.body,
                "<tspan x=\"{x:.1}\" y=\"{y:.1}\">{}</tspan>",
                escape::xml(line)
            );
        }
        self.body.push_str("</text>\n");
    }

    /// A box with a tooltip; `class` chooses its look.
    fn boxed(&mut self, rect: Rect, lines: &[String], class: &str, tooltip: &str, ellipse: bool) {
        let _ = write!(
            self.body,
            "<g class=\"{class}\"><title>{}</title>",
            escape::xml(tooltip)
        );
        if ellipse {
            let _ = write!(
                self.body,
                "<ellipse cx=\"{:.1}\" cy=\"{:.1}\" rx=\"{:.1}\" ry=\"{:.1}\"/>",
                rect.x,
                rect.mid_y(),
                rect.w / 2.0,
                rect.h / 2.0
            );
        } else {
            let _ = write!(
                self.body,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"4\"/>",
                rect.left(),
                rect.y,
                rect.w,
                rect.h
            );
        }
        self.text(rect.x, rect.y, lines, "t");
        self.body.push_str("</g>\n");
        self.grow(rect.right(), rect.bottom());
    }

    fn path(&mut self, d: &str, class: &str, style: &str, tooltip: Option<&str>) {
        let _ = write!(self.body, "<path class=\"{class}\" d=\"{d}\"");
        if !style.is_empty() {
            let _ = write!(self.body, " style=\"{style}\"");
        }
        match tooltip {
            Some(tip) => {
                let _ = writeln!(self.body, "><title>{}</title></path>", escape::xml(tip));
            }
            None => self.body.push_str("/>\n"),
        }
    }
}

/// Where everything goes.
struct Layout {
    /// By position in [`Diagram::roles`].
    roles: Vec<Rect>,
    role_lines: Vec<Vec<String>>,
    /// By position in [`Diagram::scopes`].
    scopes: Vec<Rect>,
    gaps: Vec<Rect>,
    /// Team frames of the responsibilities view: (team, frame).
    teams: Vec<(usize, Rect)>,
    /// Reporting lines the tree does not draw: those that close a cycle.
    loose: Vec<usize>,
    /// Tree parent of each role position.
    parent: Vec<Option<usize>>,
    /// How each role in a stack hangs from its manager.
    hangs: Vec<Option<Hang>>,
}

pub fn render(diagram: &Diagram) -> String {
    let model = diagram.model;
    let mut canvas = Canvas {
        body: String::new(),
        width: 0.0,
        height: 0.0,
    };
    let title = escape::xml(&model.name);
    let _ = writeln!(
        canvas.body,
        "<text class=\"title\" x=\"{MARGIN}\" y=\"{:.1}\">{title}</text>",
        MARGIN + 16.0
    );
    let legend_bottom = legend(diagram, &mut canvas, MARGIN + 34.0);
    let origin_x = MARGIN;
    let origin_y = legend_bottom + 30.0;
    let layout = match diagram.view {
        View::Responsibilities => column_layout(diagram, origin_x, origin_y),
        View::Org | View::Full => tree_layout(diagram, origin_x, origin_y),
    };
    draw(diagram, &layout, &mut canvas);

    let (width, height) = (canvas.width.ceil(), canvas.height.ceil());
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\n\
         <title>{title}</title>\n\
         <style>\n\
         text {{ font-family: Helvetica, Arial, sans-serif; font-size: {FONT_SIZE}px; fill: #1f2933; text-anchor: middle; }}\n\
         .title {{ font-size: 18px; text-anchor: start; }}\n\
         .legend text, .note {{ font-size: 10px; text-anchor: start; }}\n\
         .label {{ font-size: 9px; }}\n\
         .role rect {{ fill: {IC_FILL}; stroke: {BORDER}; stroke-width: 1; }}\n\
         .manager rect {{ fill: {MANAGER_FILL}; stroke-width: 2; }}\n\
         .vacant rect {{ stroke-dasharray: 4 3; }}\n\
         .flagged rect {{ stroke: {FINDING_COLOR}; stroke-width: 2.6; }}\n\
         .scope ellipse {{ fill: {SCOPE_FILL}; stroke: {SCOPE_BORDER}; }}\n\
         .gap rect {{ fill: {GAP_FILL}; stroke: {FINDING_COLOR}; stroke-dasharray: 4 3; }}\n\
         .gap text {{ fill: {FINDING_COLOR}; }}\n\
         .team {{ fill: none; stroke: {TEAM_BORDER}; stroke-dasharray: 5 4; }}\n\
         .reports {{ fill: none; stroke: {BORDER}; shape-rendering: crispEdges; }}\n\
         .dotted {{ fill: none; stroke: {DOTTED_COLOR}; stroke-dasharray: 5 4; }}\n\
         .line {{ fill: none; stroke-dasharray: 6 4; }}\n\
         .flag {{ fill: none; stroke: {FINDING_COLOR}; stroke-width: 2.6; }}\n\
         .frame {{ fill: #ffffff; stroke: #c8c8c8; }}\n\
         </style>\n\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n{}</svg>\n",
        canvas.body
    )
}

fn role_lines(diagram: &Diagram) -> Vec<Vec<String>> {
    (0..diagram.roles.len())
        .map(|p| role_text(diagram, p, WRAP))
        .collect()
}

/// A role box's lines: the title wrapped at `width` characters, then the people.
fn role_text(diagram: &Diagram, p: usize, width: usize) -> Vec<String> {
    let role = &diagram.roles[p];
    let title = &diagram.model.roles[role.role].title;
    let mut lines = wrap(title, width);
    let rest = role.label(diagram.model);
    // The label is the title, then the people (or "vacant") on a line of their own.
    if let Some(people) = rest.get(title.len()..).and_then(|r| r.strip_prefix('\n')) {
        lines.extend(wrap(people, width + 6));
    }
    lines
}

fn scope_rect(diagram: &Diagram, scope: usize) -> (Vec<String>, Rect) {
    let lines = wrap(diagram.model.scopes[scope].display_name(), WRAP);
    let (w, h) = box_size(&lines);
    (
        lines,
        Rect {
            x: 0.0,
            y: 0.0,
            w: w + 24.0,
            h: h + 6.0,
        },
    )
}

fn gap_rect(diagram: &Diagram, gap: usize) -> (Vec<String>, Rect) {
    let (kind, scope) = diagram.gaps[gap];
    let lines = vec![gap_label(diagram.model, kind, scope)];
    let (w, h) = box_size(&lines);
    (
        lines,
        Rect {
            x: 0.0,
            y: 0.0,
            w,
            h,
        },
    )
}

/// The reporting tree of visible roles; a cycle is cut at its first role in the file.
fn tree_parents(diagram: &Diagram) -> (Vec<Option<usize>>, Vec<usize>) {
    let count = diagram.roles.len();
    let mut parent: Vec<Option<usize>> = vec![None; count];
    for line in &diagram.reporting {
        if let Some((m, r)) = diagram.ends(line) {
            parent[r] = Some(m);
        }
    }
    // Walk up from each role; coming back to a role on the current walk closes a cycle.
    let mut state = vec![0u8; count]; // 0 new, 1 on the walk, 2 done
    let mut loose = Vec::new();
    for start in 0..count {
        let mut walk = Vec::new();
        let mut v = Some(start);
        while let Some(role) = v.filter(|&r| state[r] == 0) {
            state[role] = 1;
            walk.push(role);
            v = parent[role];
        }
        if let Some(role) = v.filter(|&r| state[r] == 1) {
            let cycle_start = walk.iter().position(|&w| w == role).unwrap_or(0);
            let cut = walk[cycle_start..].iter().copied().min().unwrap_or(role);
            parent[cut] = None;
            loose.push(cut);
        }
        for role in walk {
            state[role] = 2;
        }
    }
    (parent, loose)
}

/// How many responsibility lines leave each role position.
fn lines_per_role(diagram: &Diagram) -> Vec<usize> {
    let mut count = vec![0; diagram.roles.len()];
    for line in &diagram.lines {
        if let Some(p) = diagram.position[line.role] {
            count[p] += 1;
        }
    }
    count
}

/// Room under a box for the labels that step down its `lines` responsibility lines.
fn label_room(lines: usize) -> f64 {
    if lines == 0 {
        0.0
    } else {
        LABEL_STEP * lines as f64 + 6.0
    }
}

/// The reporting tree with each role's box size and the room its labels need below it.
struct Tree {
    children: Vec<Vec<usize>>,
    lines: Vec<Vec<String>>,
    sizes: Vec<(f64, f64)>,
    rooms: Vec<f64>,
    /// Roles in the subtree of each role, itself included.
    team: Vec<usize>,
    /// Width of each role's subtree drawn as an indented list.
    outline: Vec<f64>,
}

/// Where a stacked role's reporting line runs: down from its manager (at `from_x`, else from
/// the middle) to the `bus`, along it to the `trunk`, down the trunk and into the box's side.
#[derive(Clone, Copy, Debug)]
struct Hang {
    from_x: Option<f64>,
    bus: f64,
    trunk: f64,
}

/// A manager's reports drawn the way org-chart tools stack a team: in columns, each report the
/// top of an indented list of its own reports, rather than in a row that widens the whole chart.
/// The stack hangs right under the manager when it holds all of its reports, else it takes one
/// place in the row of the manager's other reports.
struct Stack {
    manager: usize,
    /// In file order.
    reports: Vec<usize>,
    /// Where each column starts in `reports`, and its width from trunk to right edge.
    columns: Vec<(usize, f64)>,
    under: bool,
}

/// Where columns start when lists of these lengths are cut into columns of about `target`
/// rows: a list starts a new column when it would end past `target` (or, `halfway`, when its
/// middle would), and always when it would end past `cap`.
fn cut(lengths: &[usize], target: usize, cap: usize, halfway: bool) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut filled = 0;
    for (i, &length) in lengths.iter().enumerate() {
        // In halves of a row, so that the middle of a one-row list counts.
        let reach = if halfway {
            2 * filled + length
        } else {
            2 * (filled + length)
        };
        if starts.is_empty() || (filled > 0 && (reach > 2 * target || filled + length > cap)) {
            starts.push(i);
            filled = 0;
        }
        filled += length;
    }
    starts
}

impl Stack {
    /// As few columns as keep each within `rows` (unless one list is longer), as even as that
    /// allows; a list is never split.
    fn new(tree: &Tree, manager: usize, reports: Vec<usize>, rows: usize) -> Stack {
        let lengths: Vec<usize> = reports.iter().map(|&r| tree.team[r]).collect();
        let fewest = cut(&lengths, rows, rows, false);
        let total: usize = lengths.iter().sum();
        let even = cut(&lengths, total.div_ceil(fewest.len().max(1)), rows, true);
        let starts = if even.len() <= fewest.len() {
            even
        } else {
            fewest
        };
        let columns = starts
            .iter()
            .enumerate()
            .map(|(k, &start)| {
                let end = starts.get(k + 1).copied().unwrap_or(reports.len());
                let widest = reports[start..end]
                    .iter()
                    .map(|&r| tree.outline[r])
                    .fold(0.0, f64::max);
                (start, INDENT + widest)
            })
            .collect();
        Stack {
            under: reports.len() == tree.children[manager].len(),
            manager,
            reports,
            columns,
        }
    }

    fn width(&self) -> f64 {
        let gaps = self.columns.len().saturating_sub(1) as f64 * SIBLING_GAP;
        self.columns.iter().map(|c| c.1).sum::<f64>() + gaps
    }

    /// Places the stack's roles centred on x = 0, the first row at `top`, the reports hanging
    /// from a bus at `bus`; boxes of a column share their right edge. Returns the roles placed
    /// and the stack's bottom, labels included.
    fn place(
        &self,
        diagram: &Diagram,
        tree: &mut Tree,
        bus: f64,
        top: f64,
        rects: &mut [Rect],
        hangs: &mut [Option<Hang>],
    ) -> (Vec<usize>, f64) {
        let mut placed = Vec::new();
        let mut left = -self.width() / 2.0;
        let mut bottom = top;
        for (k, &(start, width)) in self.columns.iter().enumerate() {
            let end = self.columns.get(k + 1).map_or(self.reports.len(), |c| c.0);
            let right = left + width;
            let mut y = top;
            let mut next: Vec<(usize, Hang)> = self.reports[start..end]
                .iter()
                .rev()
                .map(|&r| {
                    let trunk = left + INDENT / 2.0;
                    (
                        r,
                        Hang {
                            from_x: None,
                            bus,
                            trunk,
                        },
                    )
                })
                .collect();
            while let Some((p, hang)) = next.pop() {
                let x = hang.trunk + INDENT / 2.0;
                // Boxes of a column are as wide as its widest: fewer lines may fit in them.
                let chars = ((right - x - 2.0 * PAD_X) / CHAR_WIDTH) as usize;
                let lines = role_text(diagram, p, chars.max(WRAP));
                let size = box_size(&lines);
                if size.0 <= right - x {
                    tree.sizes[p] = size;
                    tree.lines[p] = lines;
                }
                let rect = Rect {
                    x: (x + right) / 2.0,
                    y,
                    w: right - x,
                    h: tree.sizes[p].1,
                };
                rects[p] = rect;
                hangs[p] = Some(hang);
                placed.push(p);
                y += rect.h + tree.rooms[p] + STACK_GAP;
                // Its own reports hang from a trunk just inside its left edge.
                let trunk = rect.left() + INDENT / 2.0;
                next.extend(tree.children[p].iter().rev().map(|&r| {
                    let bus = rect.bottom();
                    (
                        r,
                        Hang {
                            from_x: Some(trunk),
                            bus,
                            trunk,
                        },
                    )
                }));
            }
            bottom = bottom.max(y - STACK_GAP);
            left = right + SIBLING_GAP;
        }
        (placed, bottom)
    }
}

fn tree_layout(diagram: &Diagram, x0: f64, y0: f64) -> Layout {
    let role_lines = role_lines(diagram);
    let count = diagram.roles.len();
    let (parent, loose) = tree_parents(diagram);
    let mut children = vec![Vec::new(); count];
    let mut roots = Vec::new();
    for (role, p) in parent.iter().enumerate() {
        match p {
            Some(p) => children[*p].push(role),
            None => roots.push(role),
        }
    }
    let sizes: Vec<(f64, f64)> = role_lines.iter().map(|l| box_size(l)).collect();
    let widths: Vec<f64> = sizes.iter().map(|s| s.0).collect();
    let mut preorder = Vec::with_capacity(count);
    let mut todo = roots.clone();
    while let Some(v) = todo.pop() {
        preorder.push(v);
        todo.extend(&children[v]);
    }
    let lines = lines_per_role(diagram);
    let mut team = vec![1usize; count];
    let mut outline = widths.clone();
    // Responsibility lines would cross the boxes below them in a stack: a team holding any
    // keeps the tree form.
    let mut quiet: Vec<bool> = lines.iter().map(|&n| n == 0).collect();
    for &v in preorder.iter().rev() {
        for &c in &children[v] {
            team[v] += team[c];
            outline[v] = outline[v].max(INDENT + outline[c]);
            quiet[v] &= quiet[c];
        }
    }
    let mut tree = Tree {
        rooms: lines.into_iter().map(label_room).collect(),
        children,
        lines: role_lines,
        sizes,
        team,
        outline,
    };

    // Teams of at most `listed` roles are stacked as lists: just individual contributors in a
    // small org, bigger teams in a big one, so that the width follows the number of teams.
    let listed = (count / COLUMNS).max(1);
    let rows = STACK_ROWS.max(listed * 2);
    // The grid is the tree the tidy layout places: roles that are not in a stack, and for each
    // stack a stand-in node (index `count` and up) as wide as the stack.
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut in_grid = vec![false; count];
    let mut stacks: Vec<(Stack, usize)> = Vec::new();
    let mut todo = roots.clone();
    while let Some(v) = todo.pop() {
        in_grid[v] = true;
        let reports = &tree.children[v];
        let stackable = |r: usize| tree.team[r] <= listed && quiet[r];
        let stacked: Vec<usize> = reports.iter().copied().filter(|&r| stackable(r)).collect();
        let mut stand_in = None;
        for &r in reports {
            if stacked.len() < 2 || !stackable(r) {
                kids[v].push(r);
                todo.push(r);
            } else if stand_in.is_none() {
                // The stack takes the place of its first report.
                let node = kids.len();
                kids.push(Vec::new());
                kids[v].push(node);
                stand_in = Some(node);
            }
        }
        if let Some(stand_in) = stand_in {
            stacks.push((Stack::new(&tree, v, stacked, rows), stand_in));
        }
    }

    // A level per depth, each as tall as its tallest box, with room below for the labels of
    // its responsibility lines.
    let mut depth = vec![0usize; kids.len()];
    let mut todo = roots.clone();
    while let Some(v) = todo.pop() {
        for &c in &kids[v] {
            depth[c] = depth[v] + 1;
            todo.push(c);
        }
    }
    let grid = || (0..count).filter(|&v| in_grid[v]);
    let levels = grid().map(|v| depth[v] + 1).max().unwrap_or(0);
    let mut level_height = vec![0.0f64; levels];
    let mut level_gap = vec![LEVEL_GAP; levels];
    for v in grid() {
        level_height[depth[v]] = level_height[depth[v]].max(tree.sizes[v].1);
        level_gap[depth[v]] = level_gap[depth[v]].max(18.0 + tree.rooms[v]);
    }
    let mut level_y = vec![y0; levels];
    for d in 1..levels {
        level_y[d] = level_y[d - 1] + level_height[d - 1] + level_gap[d - 1];
    }

    // Stacks are placed around x = 0 first. Their stand-in goes on down, one node per level
    // the stack reaches, so that the tidy layout keeps every other box and line out of it; a
    // manager with a stack right under it is as wide as the stack, for the same reason.
    let mut rects = vec![Rect::default(); count];
    let mut hangs = vec![None; count];
    let mut tree_widths = widths.clone();
    tree_widths.resize(kids.len(), 0.0);
    let mut members = Vec::new();
    for (stack, stand_in) in &stacks {
        let v = stack.manager;
        let d = depth[v];
        let (bus, top) = if stack.under {
            let bus = level_y[d] + level_height[d] + 12.0 + tree.rooms[v];
            tree_widths[v] = widths[v].max(stack.width());
            (bus, bus + 12.0)
        } else {
            // Beside other reports, whose level exists.
            let top = level_y.get(d + 1).copied().unwrap_or(y0);
            (top - 14.0, top)
        };
        let (placed, bottom) = stack.place(diagram, &mut tree, bus, top, &mut rects, &mut hangs);
        members.push(placed);
        tree_widths[*stand_in] = stack.width();
        let mut last = *stand_in;
        // A level's bus runs 14 above it: keep the stack clear of that too.
        for _ in (d + 2..levels).take_while(|&l| level_y[l] < bottom + 24.0) {
            let node = kids.len();
            kids.push(Vec::new());
            kids[last].push(node);
            last = node;
            tree_widths.push(stack.width());
        }
    }
    let xs = tidy_tree(&kids, &roots, &tree_widths);

    let min_left = (0..kids.len())
        .filter(|&v| v >= count || in_grid[v])
        .map(|v| xs[v] - tree_widths[v] / 2.0)
        .fold(f64::INFINITY, f64::min);
    let dx = if min_left.is_finite() {
        x0 - min_left
    } else {
        x0
    };
    for v in grid() {
        rects[v] = Rect {
            x: xs[v] + dx,
            y: level_y[depth[v]],
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
    let roles = rects;
    let tree_right = roles.iter().map(Rect::right).fold(x0, f64::max);
    let tree_bottom = roles
        .iter()
        .zip(&tree.rooms)
        .map(|(r, room)| r.bottom() + LEVEL_GAP.max(24.0 + room))
        .fold(y0, f64::max);

    // Scopes in a row below the tree, spread across its width; gaps under their scope.
    let scope_rects: Vec<Rect> = diagram
        .scopes
        .iter()
        .map(|&s| scope_rect(diagram, s).1)
        .collect();
    let total: f64 =
        scope_rects.iter().map(|r| r.w).sum::<f64>() + SIBLING_GAP * 3.0 * scope_rects.len() as f64;
    let span = (tree_right - x0).max(total);
    let step = span / scope_rects.len().max(1) as f64;
    // Room for the labels that step down the responsibility lines.
    let scope_y = tree_bottom + LEVEL_GAP * 1.5;
    let scopes: Vec<Rect> = scope_rects
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
    Layout {
        roles,
        role_lines: tree.lines,
        scopes,
        gaps,
        teams: Vec::new(),
        loose,
        parent,
        hangs,
    }
}

/// Gap placeholders stacked by their scope; `at` places one from its scope, how far down the
/// stack it goes, and its size.
fn place_gaps(
    diagram: &Diagram,
    scopes: &[Rect],
    spacing: f64,
    at: impl Fn(&Rect, f64, Rect) -> Rect,
) -> Vec<Rect> {
    let mut stacked = vec![0.0; scopes.len()];
    (0..diagram.gaps.len())
        .map(|g| {
            let rect = gap_rect(diagram, g).1;
            let s = diagram
                .scopes
                .iter()
                .position(|&s| s == diagram.gaps[g].1)
                .unwrap_or(0);
            let placed = at(&scopes[s], stacked[s], rect);
            stacked[s] += rect.h + spacing;
            placed
        })
        .collect()
}

fn column_layout(diagram: &Diagram, x0: f64, y0: f64) -> Layout {
    let role_lines = role_lines(diagram);
    let sizes: Vec<(f64, f64)> = role_lines.iter().map(|l| box_size(l)).collect();
    let column_width = sizes.iter().map(|s| s.0).fold(60.0, f64::max);
    let count = lines_per_role(diagram);
    let x = x0 + 12.0 + column_width / 2.0;
    let mut roles = vec![Rect::default(); diagram.roles.len()];
    let mut teams = Vec::new();
    let mut y = y0;
    // Teams in order of first appearance, then roles without a team.
    let groups = (0..diagram.teams.len()).map(Some).chain([None]);
    for team in groups {
        let members: Vec<usize> = (0..diagram.roles.len())
            .filter(|&p| diagram.roles[p].team == team)
            .collect();
        if members.is_empty() {
            continue;
        }
        let top = y;
        if team.is_some() {
            y += 18.0;
        }
        for p in members {
            // A role's slot is tall enough for its stack of line labels.
            let slot = sizes[p].1.max(count[p] as f64 * LABEL_STEP + 4.0);
            roles[p] = Rect {
                x,
                y: y + (slot - sizes[p].1) / 2.0,
                w: sizes[p].0,
                h: sizes[p].1,
            };
            y += slot + 10.0;
        }
        if let Some(team) = team {
            let frame = Rect {
                x,
                y: top,
                w: column_width + 24.0,
                h: y - top,
            };
            teams.push((team, frame));
            y += 16.0;
        }
    }
    let roles_bottom = y;
    let scope_x = x + column_width / 2.0 + 420.0;
    let rects: Vec<Rect> = diagram
        .scopes
        .iter()
        .map(|&s| scope_rect(diagram, s).1)
        .collect();
    let scopes_height: f64 = rects.iter().map(|r| r.h + 40.0).sum();
    let mut sy = y0 + ((roles_bottom - y0 - scopes_height) / 2.0).max(0.0);
    let scopes: Vec<Rect> = rects
        .iter()
        .map(|r| {
            let rect = Rect {
                x: scope_x,
                y: sy,
                ..*r
            };
            sy += r.h + 40.0;
            rect
        })
        .collect();
    let scope_right = scopes.iter().map(Rect::right).fold(scope_x, f64::max);
    let gaps = place_gaps(diagram, &scopes, 6.0, |scope, down, rect| Rect {
        x: scope_right + 60.0 + rect.w / 2.0,
        y: scope.y + down,
        ..rect
    });
    Layout {
        parent: vec![None; diagram.roles.len()],
        hangs: vec![None; diagram.roles.len()],
        roles,
        role_lines,
        scopes,
        gaps,
        teams,
        loose: Vec::new(),
    }
}

/// A curve from the right side of one box round to the right side of another, bulging out
/// by about three quarters of `reach`.
fn side_curve(a: Rect, b: Rect, reach: f64) -> String {
    let side = a.right().max(b.right()) + reach;
    format!(
        "M{:.1},{:.1}C{side:.1},{:.1} {side:.1},{:.1} {:.1},{:.1}",
        a.right(),
        a.mid_y(),
        a.mid_y(),
        b.mid_y(),
        b.right(),
        b.mid_y()
    )
}

fn draw(diagram: &Diagram, layout: &Layout, canvas: &mut Canvas) {
    let model = diagram.model;
    for &(team, frame) in &layout.teams {
        let _ = writeln!(
            canvas.body,
            "<rect class=\"team\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"6\"/>",
            frame.left(),
            frame.y,
            frame.w,
            frame.h
        );
        let _ = writeln!(
            canvas.body,
            "<text class=\"note\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            frame.left() + 8.0,
            frame.y + 13.0,
            escape::xml(&diagram.teams[team])
        );
    }

    // Reporting lines as elbows from the manager's bottom to the report's top.
    for line in &diagram.reporting {
        let Some((m, r)) = diagram.ends(line) else {
            continue;
        };
        let (a, b) = (layout.roles[m], layout.roles[r]);
        let class = if line.flagged { "flag" } else { "reports" };
        if layout.parent[r] == Some(m) {
            let d = match layout.hangs[r] {
                Some(hang) => format!(
                    "M{:.1},{:.1}V{:.1}H{:.1}V{:.1}H{:.1}",
                    hang.from_x.unwrap_or(a.x),
                    a.bottom(),
                    hang.bus,
                    hang.trunk,
                    b.mid_y(),
                    b.left()
                ),
                // The bus runs just above the reports, clear of the labels under the manager.
                None => format!(
                    "M{:.1},{:.1}V{:.1}H{:.1}V{:.1}",
                    a.x,
                    a.bottom(),
                    b.y - 14.0,
                    b.x,
                    b.y
                ),
            };
            canvas.path(&d, class, "", None);
        } else if layout.loose.contains(&r) {
            // The line that closes a cycle goes back up, round the side.
            canvas.path(&side_curve(a, b, 40.0), class, "", Some("reporting cycle"));
        }
    }
    for line in &diagram.dotted {
        let Some((m, r)) = diagram.ends(line) else {
            continue;
        };
        let (a, b) = (layout.roles[m], layout.roles[r]);
        // Between boxes one above the other (as in a stack), a line from bottom to top would
        // be too short to see: it goes round the side, within the gap to the next column.
        let d = if a.left() < b.right() && b.left() < a.right() && a.bottom() < b.y + 20.0 {
            side_curve(a, b, SIBLING_GAP)
        } else {
            format!(
                "M{:.1},{:.1}Q{:.1},{:.1} {:.1},{:.1}",
                a.x,
                a.bottom(),
                (a.x + b.x) / 2.0 + 30.0,
                (a.bottom() + b.y) / 2.0,
                b.x,
                b.y
            )
        };
        canvas.path(&d, "dotted", "", Some("dotted line"));
    }

    // Responsibility lines: each role's lines leave it side by side, each labelled where it
    // leaves, so that labels of one role never sit on each other.
    let mut labels = String::new();
    let count = lines_per_role(diagram);
    let mut index = vec![0usize; diagram.roles.len()];
    let label_x = layout.roles.iter().map(Rect::right).fold(0.0, f64::max) + 12.0;
    for line in &diagram.lines {
        let (Some(p), Some(s)) = (
            diagram.position[line.role],
            diagram.scopes.iter().position(|&scope| scope == line.scope),
        ) else {
            continue;
        };
        let (k, n) = (index[p] as f64, count[p] as f64);
        index[p] += 1;
        let (a, b) = (layout.roles[p], layout.scopes[s]);
        let color = if line.flagged {
            FINDING_COLOR
        } else {
            kind_color(line.kind)
        };
        let width = if line.level == Level::Accountable || line.flagged {
            2.6
        } else {
            1.1
        };
        let (d, lx, ly) = if diagram.view == View::Responsibilities {
            let y1 = a.mid_y() + (k - (n - 1.0) / 2.0) * LABEL_STEP;
            let (x1, x2, y2) = (a.right(), b.left(), b.mid_y());
            let cx = (label_x + 90.0 + x2) / 2.0;
            let d = format!(
                "M{x1:.1},{y1:.1}H{:.1}C{cx:.1},{y1:.1} {cx:.1},{y2:.1} {x2:.1},{y2:.1}",
                label_x + 90.0
            );
            (d, label_x + 40.0, y1 + 3.0)
        } else {
            let x1 = a.left() + (k + 1.0) * a.w / (n + 1.0);
            let (y1, x2, y2) = (a.bottom(), b.x, b.y);
            let (c1, c2) = (y1 + 60.0, y2 - 60.0);
            let d = format!("M{x1:.1},{y1:.1}C{x1:.1},{c1:.1} {x2:.1},{c2:.1} {x2:.1},{y2:.1}");
            // Labels step down under the box, one row per line, so they never meet.
            (d, x1, y1 + 12.0 + LABEL_STEP * k)
        };
        let label = line_label(model, line);
        canvas.path(
            &d,
            "line",
            &format!("stroke:{color};stroke-width:{width}"),
            Some(&label),
        );
        // A white ground, so the lines behind a label do not cross its letters.
        let w = label.chars().count() as f64 * 5.4;
        let _ = writeln!(
            labels,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"11\" fill=\"#ffffff\" opacity=\"0.9\"/>\
             <text class=\"label\" x=\"{lx:.1}\" y=\"{ly:.1}\" style=\"fill:{color}\">{}</text>",
            lx - w / 2.0,
            ly - 8.5,
            escape::xml(&label)
        );
        canvas.grow(lx + w / 2.0, ly + 3.0);
    }
    for (g, rect) in layout.gaps.iter().enumerate() {
        let Some(s) = diagram
            .scopes
            .iter()
            .position(|&scope| scope == diagram.gaps[g].1)
        else {
            continue;
        };
        let scope = layout.scopes[s];
        let d = if diagram.view == View::Responsibilities {
            format!(
                "M{:.1},{:.1}L{:.1},{:.1}",
                rect.left(),
                rect.mid_y(),
                scope.right(),
                scope.mid_y()
            )
        } else {
            format!(
                "M{:.1},{:.1}L{:.1},{:.1}",
                rect.x,
                rect.y,
                scope.x,
                scope.bottom()
            )
        };
        canvas.path(&d, "flag", "stroke-dasharray:4 3;stroke-width:1.2", None);
    }

    for (p, role) in diagram.roles.iter().enumerate() {
        let mut class = String::from("role");
        for (on, name) in [
            (role.manager_style, " manager"),
            (role.vacant, " vacant"),
            (role.flagged, " flagged"),
        ] {
            if on {
                class.push_str(name);
            }
        }
        let model_role = &model.roles[role.role];
        let tooltip = match &model_role.description {
            Some(description) => format!("{}: {description}", model_role.title),
            None => model_role.title.clone(),
        };
        canvas.boxed(
            layout.roles[p],
            &layout.role_lines[p],
            &class,
            &tooltip,
            false,
        );
    }
    for (s, &scope) in diagram.scopes.iter().enumerate() {
        let (lines, _) = scope_rect(diagram, scope);
        let scope = &model.scopes[scope];
        let tooltip = scope.description.as_deref().unwrap_or(scope.display_name());
        canvas.boxed(layout.scopes[s], &lines, "scope", tooltip, true);
    }
    for (g, rect) in layout.gaps.iter().enumerate() {
        let (lines, _) = gap_rect(diagram, g);
        canvas.boxed(*rect, &lines, "gap", &lines[0], false);
    }
    canvas.body.push_str(&labels);
}

/// The legend, a framed column of samples at the top left; returns its bottom.
fn legend(diagram: &Diagram, canvas: &mut Canvas, top: f64) -> f64 {
    let model = diagram.model;
    let entries: Vec<(LegendEntry, Vec<String>)> = diagram
        .legend()
        .into_iter()
        .map(|e| (e, wrap(&e.text(model), 60)))
        .collect();
    let x = MARGIN + 10.0;
    let text_x = x + 56.0;
    let mut body = String::new();
    let mut y = top + 22.0;
    let mut widest: f64 = 60.0;
    for (entry, lines) in &entries {
        let mid = y + 6.0;
        let sample = match entry {
            LegendEntry::Manager => format!(
                "<rect x=\"{x}\" y=\"{:.1}\" width=\"44\" height=\"14\" rx=\"2\" style=\"fill:{MANAGER_FILL};stroke:{BORDER};stroke-width:2\"/>",
                mid - 7.0
            ),
            LegendEntry::IndividualContributor => format!(
                "<rect x=\"{x}\" y=\"{:.1}\" width=\"44\" height=\"14\" rx=\"4\" style=\"fill:{IC_FILL};stroke:{BORDER}\"/>",
                mid - 7.0
            ),
            LegendEntry::Scope => format!(
                "<ellipse cx=\"{:.1}\" cy=\"{mid:.1}\" rx=\"22\" ry=\"8\" style=\"fill:{SCOPE_FILL};stroke:{SCOPE_BORDER}\"/>",
                x + 22.0
            ),
            LegendEntry::Gap => format!(
                "<rect x=\"{x}\" y=\"{:.1}\" width=\"44\" height=\"14\" style=\"fill:{GAP_FILL};stroke:{FINDING_COLOR};stroke-dasharray:4 3\"/>",
                mid - 7.0
            ),
            LegendEntry::ReportsTo => sample_line(x, mid, &format!("stroke:{BORDER}")),
            LegendEntry::DottedLine => sample_line(
                x,
                mid,
                &format!("stroke:{DOTTED_COLOR};stroke-dasharray:5 4"),
            ),
            LegendEntry::Kind(kind) => sample_line(
                x,
                mid,
                &format!(
                    "stroke:{};stroke-width:2.6;stroke-dasharray:6 4",
                    kind_color(*kind)
                ),
            ),
            LegendEntry::Finding => {
                sample_line(x, mid, &format!("stroke:{FINDING_COLOR};stroke-width:2.6"))
            }
            LegendEntry::People | LegendEntry::Levels => String::new(),
        };
        body.push_str(&sample);
        for (i, line) in lines.iter().enumerate() {
            let _ = write!(
                body,
                "<text x=\"{text_x}\" y=\"{:.1}\">{}</text>",
                mid + 3.5 + i as f64 * 13.0,
                escape::xml(line)
            );
            widest = widest.max(line.chars().count() as f64 * 5.8);
        }
        body.push('\n');
        y += 6.0 + 13.0 * lines.len() as f64;
    }
    let bottom = y + 4.0;
    let _ = writeln!(
        canvas.body,
        "<g class=\"legend\"><rect class=\"frame\" x=\"{MARGIN}\" y=\"{top:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"6\"/>\
         <text x=\"{:.1}\" y=\"{:.1}\" style=\"font-weight:bold\">Legend</text>\n{body}</g>",
        text_x - MARGIN + widest + 10.0,
        bottom - top,
        x,
        top + 14.0
    );
    canvas.grow(text_x + widest + 10.0, bottom);
    bottom
}

fn sample_line(x: f64, y: f64, style: &str) -> String {
    format!(
        "<path d=\"M{x},{y:.1}H{:.1}\" style=\"fill:none;{style}\"/>",
        x + 44.0
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siblings_do_not_overlap_and_parents_centre() {
        // 0 has children 1, 2, 3; 2 has children 4, 5.
        let children = vec![vec![1, 2, 3], vec![], vec![4, 5], vec![], vec![], vec![]];
        let widths = vec![50.0, 80.0, 40.0, 60.0, 100.0, 30.0];
        let x = tidy_tree(&children, &[0], &widths);
        let gap = |a: usize, b: usize| (x[b] - widths[b] / 2.0) - (x[a] + widths[a] / 2.0);
        assert!(gap(1, 2) >= SIBLING_GAP - 1e-9 && gap(2, 3) >= SIBLING_GAP - 1e-9);
        assert!((gap(4, 5) - SIBLING_GAP).abs() < 1e-9);
        assert!((x[0] - (x[1] + x[3]) / 2.0).abs() < 1e-9);
        assert!((x[2] - (x[4] + x[5]) / 2.0).abs() < 1e-9);
    }

    #[test]
    fn a_sibling_is_placed_after_its_left_sibling_has_moved_clear() {
        // 0 has children 1, 2, 3, 4, 5; 1 and 2 have wide children, which push 2 right of 1's
        // subtree; the leaves 3, 4, 5 after 2 must follow it there, in order.
        let children = vec![
            vec![1, 2, 3, 4, 5],
            vec![6, 7, 8],
            vec![9, 10],
            vec![],
            vec![],
            vec![],
            vec![],
            vec![],
            vec![],
            vec![],
            vec![],
        ];
        let mut widths = vec![60.0; 6];
        widths.extend([180.0; 5]);
        let x = tidy_tree(&children, &[0], &widths);
        for list in &children {
            for pair in list.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                let gap = (x[b] - widths[b] / 2.0) - (x[a] + widths[a] / 2.0);
                assert!(gap >= SIBLING_GAP - 1e-9, "{a} and {b}: {x:?}");
            }
        }
    }

    #[test]
    fn stacks_cut_into_few_even_columns_without_splitting_a_list() {
        // Nine individual contributors, eight rows at most: two columns, five and four.
        assert_eq!(cut(&[1; 9], 8, 8, false), vec![0, 8]);
        assert_eq!(cut(&[1; 9], 5, 8, true), vec![0, 5]);
        // A list longer than a column keeps a column of its own.
        assert_eq!(cut(&[2, 12, 1, 1], 8, 8, false), vec![0, 1, 2]);
    }

    #[test]
    fn wrap_keeps_words_and_newlines() {
        assert_eq!(
            wrap("Head of Product Marketing, Europe", 16),
            vec!["Head of Product", "Marketing,", "Europe"]
        );
        assert_eq!(wrap("a\nb", 10), vec!["a", "b"]);
    }
}
