//! Routing lines between placed boxes: reporting lines as elbows down the tree, the line that
//! closes a cycle as a curve round the side (dotted-line managers are a note in the box, not a
//! line across the chart), responsibility lines to their
//! scopes with their labels, and gap placeholders joined to their scopes.

use super::corridors::Corridors;
use super::{Edge, EdgeKind, LABEL_STEP, Label, Placement, Rect, Segment};
use super::{lines_per_role, tree::BUS_ABOVE};
use crate::export::{Diagram, View, font, line_label};

/// A line label's text size.
pub const LABEL_SIZE: f64 = 9.0;

/// Every line of the diagram, in paint order, and the responsibility lines' labels.
pub(super) fn route(diagram: &Diagram, placement: &Placement) -> (Vec<Edge>, Vec<Label>) {
    let mut edges = reporting(diagram, placement);
    let (lines, labels) = responsibilities(diagram, placement);
    edges.extend(lines);
    edges.extend(gaps(diagram, placement));
    (edges, labels)
}

/// A curve from the right side of one box round to the right side of another, bulging out
/// by about three quarters of `reach`.
fn side_curve(a: Rect, b: Rect, reach: f64) -> Vec<Segment> {
    let side = a.right().max(b.right()) + reach;
    vec![
        Segment::MoveTo(a.right(), a.mid_y()),
        Segment::CubicTo((side, a.mid_y()), (side, b.mid_y()), (b.right(), b.mid_y())),
    ]
}

/// Reporting lines as elbows from the manager's bottom to the report's top (or, in a stack,
/// down a trunk into the report's side).
fn reporting(diagram: &Diagram, placement: &Placement) -> Vec<Edge> {
    let mut edges = Vec::new();
    for line in &diagram.reporting {
        let Some((m, r)) = diagram.ends(line) else {
            continue;
        };
        let (a, b) = (placement.roles[m], placement.roles[r]);
        if placement.tree_parent[r] == Some(m) {
            let path = match placement.hangs[r] {
                Some(hang) => vec![
                    Segment::MoveTo(hang.from_x.unwrap_or(a.x), a.bottom()),
                    Segment::VerticalTo(hang.bus),
                    Segment::HorizontalTo(hang.trunk),
                    Segment::VerticalTo(b.mid_y()),
                    Segment::HorizontalTo(b.left()),
                ],
                // The bus runs just above the reports, clear of the labels under the manager.
                None => vec![
                    Segment::MoveTo(a.x, a.bottom()),
                    Segment::VerticalTo(b.y - BUS_ABOVE),
                    Segment::HorizontalTo(b.x),
                    Segment::VerticalTo(b.y),
                ],
            };
            edges.push(Edge {
                from: m,
                to: r,
                path,
                kind: EdgeKind::Reports {
                    flagged: line.flagged,
                },
                tooltip: None,
            });
        } else if placement.cycle_closers.contains(&r) {
            // The line that closes a cycle goes back up, round the side.
            edges.push(Edge {
                from: m,
                to: r,
                path: side_curve(a, b, 40.0),
                kind: EdgeKind::ClosesCycle {
                    flagged: line.flagged,
                },
                tooltip: Some("reporting cycle".to_string()),
            });
        }
    }
    edges
}

/// Responsibility lines: each role's lines leave it side by side, each labelled where it
/// leaves, so that labels of one role never sit on each other.
fn responsibilities(diagram: &Diagram, placement: &Placement) -> (Vec<Edge>, Vec<Label>) {
    let model = diagram.model;
    let mut edges = Vec::new();
    let mut labels = Vec::new();
    let count = lines_per_role(diagram);
    let mut index = vec![0usize; diagram.roles.len()];
    let label_x = placement.roles.iter().map(Rect::right).fold(0.0, f64::max) + 12.0;
    let corridors =
        (diagram.view != View::Responsibilities).then(|| Corridors::new(&placement.roles, &count));
    // Where a reporting line leaves the middle of a box, an odd number of lines would put the
    // middle one on it: they move half a step right.
    let mut middle_taken = vec![false; diagram.roles.len()];
    for (r, manager) in placement.tree_parent.iter().enumerate() {
        if let Some(m) = *manager
            && placement.hangs[r].is_none_or(|hang| hang.from_x.is_none())
        {
            middle_taken[m] = true;
        }
    }
    for line in &diagram.lines {
        let (Some(p), Some(s)) = (
            diagram.position[line.role],
            diagram.scopes.iter().position(|&scope| scope == line.scope),
        ) else {
            continue;
        };
        let (k, n) = (index[p] as f64, count[p] as f64);
        index[p] += 1;
        let (a, b) = (placement.roles[p], placement.scopes[s]);
        let (path, lx, ly) = if let Some(corridors) = &corridors {
            let shift = if middle_taken[p] && count[p] % 2 == 1 {
                0.5
            } else {
                0.0
            };
            let x1 = a.left() + (k + 1.0 + shift) * a.w / (n + 1.0);
            let path = corridors.route(a, x1, index[p] - 1, b);
            // Labels step down under the box, one row per line, so they never meet.
            (path, x1, a.bottom() + 12.0 + LABEL_STEP * k)
        } else {
            let y1 = a.mid_y() + (k - (n - 1.0) / 2.0) * LABEL_STEP;
            let (x1, x2, y2) = (a.right(), b.left(), b.mid_y());
            let cx = (label_x + 90.0 + x2) / 2.0;
            let path = vec![
                Segment::MoveTo(x1, y1),
                Segment::HorizontalTo(label_x + 90.0),
                Segment::CubicTo((cx, y1), (cx, y2), (x2, y2)),
            ];
            (path, label_x + 40.0, y1 + 3.0)
        };
        let text = line_label(model, line);
        let w = font::text_width(&text, LABEL_SIZE, false) + 4.0;
        labels.push(Label {
            ground: Rect {
                x: lx,
                y: ly - 8.5,
                w,
                h: 11.0,
            },
            text: text.clone(),
            x: lx,
            y: ly,
            kind: line.kind,
            flagged: line.flagged,
        });
        edges.push(Edge {
            from: p,
            to: diagram.roles.len() + s,
            path,
            kind: EdgeKind::Responsibility {
                kind: line.kind,
                level: line.level,
                flagged: line.flagged,
            },
            tooltip: Some(text),
        });
    }
    (edges, labels)
}

/// Each gap placeholder joined to its scope. Under a scope (the org and full views), the first
/// gap's line goes straight up; the others go round the left of the gaps stacked above them.
fn gaps(diagram: &Diagram, placement: &Placement) -> Vec<Edge> {
    let mut edges = Vec::new();
    let scope_of = |g: usize| {
        diagram
            .scopes
            .iter()
            .position(|&scope| scope == diagram.gaps[g].1)
    };
    // The left edge of each scope's stack of gaps, and how many of its gaps are joined.
    let mut stack_left = vec![f64::INFINITY; diagram.scopes.len()];
    for (g, rect) in placement.gaps.iter().enumerate() {
        if let Some(s) = scope_of(g) {
            stack_left[s] = stack_left[s].min(rect.left());
        }
    }
    let mut joined = vec![0usize; diagram.scopes.len()];
    for (g, rect) in placement.gaps.iter().enumerate() {
        let Some(s) = scope_of(g) else {
            continue;
        };
        let scope = placement.scopes[s];
        let k = joined[s];
        joined[s] += 1;
        let path = if diagram.view == View::Responsibilities {
            vec![
                Segment::MoveTo(rect.left(), rect.mid_y()),
                Segment::LineTo(scope.right(), scope.mid_y()),
            ]
        } else if k == 0 {
            vec![
                Segment::MoveTo(rect.x, rect.y),
                Segment::LineTo(scope.x, scope.bottom()),
            ]
        } else {
            let side = stack_left[s] - 8.0 - 4.0 * k as f64;
            vec![
                Segment::MoveTo(rect.left(), rect.mid_y()),
                Segment::HorizontalTo(side),
                Segment::VerticalTo(scope.bottom() + 10.0),
                Segment::HorizontalTo(scope.x),
                Segment::VerticalTo(scope.bottom()),
            ]
        };
        edges.push(Edge {
            from: diagram.roles.len() + diagram.scopes.len() + g,
            to: diagram.roles.len() + s,
            path,
            kind: EdgeKind::Gap,
            tooltip: None,
        });
    }
    edges
}
