//! The built-in engine's geometry: where every box, line and label of a [`Diagram`] goes, as
//! plain numbers, before anything is drawn. [`super::svg`] paints a [`Layout`] as SVG; a PNG
//! painter or an HTML page can paint the same one.
//!
//! The org and full views are a tidy tree of the reporting lines ([`tidy_tree`]) with teams
//! stacked in columns under their manager, as org-chart tools do, and the scopes in a row below;
//! the responsibilities view is roles in a column (framed by team) and scopes in a column
//! beside. Coordinates are pixels, x to the right, y down, from the page's top left corner.

mod columns;
mod corridors;
mod legend;
pub mod metrics;
mod routes;
pub mod rows;
mod stack;
mod tidy;
mod tree;

pub use legend::{Legend, LegendRow};
pub use tidy::tidy_tree;

use super::{Diagram, View, gap_label};
use crate::model::{KindId, Level, RoleId, ScopeId};
use metrics::{WRAP, box_size, wrap};

/// Around the page, and from the page's left edge to the title, legend and chart.
pub const MARGIN: f64 = 20.0;
/// The least space between boxes side by side.
const SIBLING_GAP: f64 = 16.0;
/// The least space between one level of the tree and the next.
const LEVEL_GAP: f64 = 44.0;
/// Vertical distance between the labels of one role's responsibility lines.
const LABEL_STEP: f64 = 12.0;
/// From the title's top to its baseline.
const TITLE_BASELINE: f64 = 16.0;
/// The title's text size.
pub const TITLE_SIZE: f64 = 18.0;
/// From the page's top margin to the legend.
const LEGEND_TOP: f64 = 34.0;
/// From the legend to the chart.
const CHART_GAP: f64 = 30.0;

/// A box on the page: centre x, top y, width and height.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    /// The centre's x.
    pub x: f64,
    /// The top's y.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// The bottom's y.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
    /// The left side's x.
    pub fn left(&self) -> f64 {
        self.x - self.w / 2.0
    }
    /// The right side's x.
    pub fn right(&self) -> f64 {
        self.x + self.w / 2.0
    }
    /// The middle's y.
    pub fn mid_y(&self) -> f64 {
        self.y + self.h / 2.0
    }
    /// Whether the two boxes share some area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.left() < other.right()
            && other.left() < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }
}

/// A diagram laid out: everything a painter draws, in paint order within each list (team
/// frames, then lines, then boxes, then line labels on top).
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// The page's width, in whole pixels.
    pub width: f64,
    /// The page's height, in whole pixels.
    pub height: f64,
    /// The model's name, at the top left.
    pub title: Text,
    /// The legend, below the title.
    pub legend: Legend,
    /// Team frames (the responsibilities view).
    pub teams: Vec<TeamFrame>,
    /// Reporting lines, then responsibility lines and lines to gaps.
    pub edges: Vec<Edge>,
    /// Roles (in [`Diagram::roles`] order), then scopes, then gaps.
    pub nodes: Vec<Node>,
    /// The labels of responsibility lines, on a white ground so that lines do not cross them.
    pub labels: Vec<Label>,
}

/// A line of text anchored at the start of its baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    /// The text as written (a painter escapes it).
    pub text: String,
    /// The baseline's start.
    pub x: f64,
    /// The baseline.
    pub y: f64,
}

/// The dashed frame round a team's roles, with the team's name inside its top left corner.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamFrame {
    /// Index into [`Diagram::teams`].
    pub team: usize,
    /// The frame round the team's roles.
    pub frame: Rect,
    /// The team's name.
    pub name: Text,
}

/// A box: a role, a scope (drawn as an ellipse) or a gap's placeholder.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Where the box goes (a scope's ellipse fills it).
    pub rect: Rect,
    /// The text, one entry a line, centred; line `i`'s baseline is
    /// [`metrics::baseline`]`(rect.y, i)`.
    pub lines: Vec<String>,
    /// What the box stands for.
    pub kind: NodeKind,
    /// The whole text, for a tooltip: wrapped titles lose nothing.
    pub tooltip: String,
}

/// What a box stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// A role.
    Role {
        /// Index into [`Diagram::roles`].
        position: usize,
        /// The model's role.
        role: RoleId,
        /// Drawn as a manager.
        manager: bool,
        /// People are declared and nobody fills the role.
        vacant: bool,
        /// Named by a drawn finding.
        flagged: bool,
    },
    /// A scope.
    Scope {
        /// The model's scope.
        scope: ScopeId,
    },
    /// The placeholder of an item nobody owns.
    Gap {
        /// The kind.
        kind: KindId,
        /// The scope.
        scope: ScopeId,
    },
}

/// A line between boxes: a path and what it stands for.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// The boxes it joins, as indexes into [`Layout::nodes`]: manager to report, role to
    /// scope, gap to scope.
    pub from: usize,
    /// See `from`.
    pub to: usize,
    /// The line's course, from `from` to `to`.
    pub path: Vec<Segment>,
    /// What the line stands for.
    pub kind: EdgeKind,
    /// What a tooltip says about the line, if anything.
    pub tooltip: Option<String>,
}

/// What a line stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    /// A reporting line of the tree, down from the manager.
    Reports {
        /// Part of a reporting cycle.
        flagged: bool,
    },
    /// The reporting line that closes a cycle: it goes back up, round the side.
    ClosesCycle {
        /// Part of a reporting cycle (drawn when findings are).
        flagged: bool,
    },
    /// A role's responsibility on a scope.
    Responsibility {
        /// The kind.
        kind: KindId,
        /// The RACI level.
        level: Level,
        /// Part of a finding (a duplicate owner).
        flagged: bool,
    },
    /// From a gap's placeholder to its scope.
    Gap,
}

/// A step of a path, as in SVG's path data (absolute coordinates).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Segment {
    /// Start at a point.
    MoveTo(f64, f64),
    /// Straight across to an x.
    HorizontalTo(f64),
    /// Straight down or up to a y.
    VerticalTo(f64),
    /// Straight to a point.
    LineTo(f64, f64),
    /// A quadratic Bézier curve: control point, end.
    QuadTo((f64, f64), (f64, f64)),
    /// A cubic Bézier curve: two control points, end.
    CubicTo((f64, f64), (f64, f64), (f64, f64)),
}

/// A responsibility line's label, centred on `x` with its baseline at `y`.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// The text as written (a painter escapes it).
    pub text: String,
    /// The centre of the baseline.
    pub x: f64,
    /// The baseline.
    pub y: f64,
    /// The white ground under the text.
    pub ground: Rect,
    /// The line's kind, for its colour.
    pub kind: KindId,
    /// Part of a finding: drawn in the finding colour.
    pub flagged: bool,
}

/// Lays out a diagram: title and legend at the top left, the chart below.
pub fn layout(diagram: &Diagram) -> Layout {
    let title = Text {
        text: diagram.model.name.clone(),
        x: MARGIN,
        y: MARGIN + TITLE_BASELINE,
    };
    let (legend, legend_extent) = legend::legend(diagram, MARGIN + LEGEND_TOP);
    let origin_x = MARGIN;
    let origin_y = legend_extent.1 + CHART_GAP;
    let placement = match diagram.view {
        View::Responsibilities => columns::column_layout(diagram, origin_x, origin_y),
        View::Org | View::Full => tree::tree_layout(diagram, origin_x, origin_y),
    };
    let (edges, labels) = routes::route(diagram, &placement);
    let nodes = nodes(diagram, &placement);

    // The page holds every box, the legend and every label; lines stay within them.
    let extents = nodes
        .iter()
        .map(|node| (node.rect.right(), node.rect.bottom()))
        .chain([
            legend_extent,
            (
                MARGIN + super::font::text_width(&title.text, TITLE_SIZE, false),
                title.y,
            ),
        ])
        .chain(labels.iter().map(|l| (l.x + l.ground.w / 2.0, l.y + 3.0)));
    let (mut width, mut height) = (0.0f64, 0.0f64);
    for (x, y) in extents {
        width = width.max(x + MARGIN);
        height = height.max(y + MARGIN);
    }
    Layout {
        width: width.ceil(),
        height: height.ceil(),
        title,
        legend,
        teams: placement.teams,
        edges,
        nodes,
        labels,
    }
}

/// Where the chart's boxes go, and how the tree joins them; lines are routed from it.
struct Placement {
    /// By position in [`Diagram::roles`].
    roles: Vec<Rect>,
    role_lines: Vec<Vec<String>>,
    /// By position in [`Diagram::scopes`].
    scopes: Vec<Rect>,
    gaps: Vec<Rect>,
    teams: Vec<TeamFrame>,
    /// Role positions whose reporting line closes a cycle (the tree leaves it out).
    cycle_closers: Vec<usize>,
    /// Tree parent of each role position.
    tree_parent: Vec<Option<usize>>,
    /// How each role in a stack hangs from its manager.
    hangs: Vec<Option<stack::Hang>>,
}

/// The boxes, in paint order: roles, scopes, gaps.
fn nodes(diagram: &Diagram, placement: &Placement) -> Vec<Node> {
    let model = diagram.model;
    let roles = diagram.roles.iter().enumerate().map(|(p, role)| Node {
        rect: placement.roles[p],
        lines: placement.role_lines[p].clone(),
        kind: NodeKind::Role {
            position: p,
            role: role.role,
            manager: role.manager_style,
            vacant: role.vacant,
            flagged: role.flagged,
        },
        tooltip: role.tooltip(model),
    });
    let scopes = diagram.scopes.iter().enumerate().map(|(s, &scope)| {
        let model_scope = &model.scopes[scope];
        Node {
            rect: placement.scopes[s],
            lines: scope_box(diagram, scope).0,
            kind: NodeKind::Scope { scope },
            tooltip: model_scope
                .description
                .as_deref()
                .unwrap_or(model_scope.display_name())
                .to_string(),
        }
    });
    let gaps =
        diagram
            .gaps
            .iter()
            .zip(&placement.gaps)
            .enumerate()
            .map(|(g, (&(kind, scope), rect))| {
                let lines = gap_box(diagram, g).0;
                Node {
                    rect: *rect,
                    tooltip: lines[0].clone(),
                    lines,
                    kind: NodeKind::Gap { kind, scope },
                }
            });
    roles.chain(scopes).chain(gaps).collect()
}

/// Every role box's lines, by position, wrapped at the usual width.
fn role_lines(diagram: &Diagram) -> Vec<Vec<String>> {
    (0..diagram.roles.len())
        .map(|p| role_text(diagram, p, WRAP))
        .collect()
}

/// A role box's lines: the title wrapped at `width`, then the people.
fn role_text(diagram: &Diagram, p: usize, width: f64) -> Vec<String> {
    let role = &diagram.roles[p];
    let mut lines = wrap(&role.title(diagram.model), width);
    for note in role_notes(diagram, p) {
        lines.extend(wrap(&note, width + 40.0));
    }
    lines
}

/// What a role box says under its title: the people, its dotted-line managers, "+N".
fn role_notes(diagram: &Diagram, p: usize) -> Vec<String> {
    let role = &diagram.roles[p];
    [
        role.people_line(),
        role.dotted_line(diagram.model),
        role.cut_line(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// A scope's lines and its box, not yet placed.
fn scope_box(diagram: &Diagram, scope: ScopeId) -> (Vec<String>, Rect) {
    let lines = wrap(diagram.model.scopes[scope].display_name(), WRAP);
    let (w, h) = box_size(&lines);
    // An ellipse needs more room round its text than a box.
    let rect = Rect {
        x: 0.0,
        y: 0.0,
        w: w + 24.0,
        h: h + 6.0,
    };
    (lines, rect)
}

/// A gap placeholder's line and its box, not yet placed.
fn gap_box(diagram: &Diagram, gap: usize) -> (Vec<String>, Rect) {
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
            let rect = gap_box(diagram, g).1;
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
