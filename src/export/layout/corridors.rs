//! Where the full view's responsibility lines run past the boxes below their role: down from
//! the role to a run just above the next level, along it to the nearest corridor that is free of
//! boxes all the way down, down the corridor below the chart, and on to the scope. Lines that
//! ran straight to their scope crossed (and hid behind) every box on the way.

use super::{LABEL_STEP, Rect, Segment};
use std::collections::HashMap;

/// The least room between a line and a box it passes.
const CLEARANCE: f64 = 5.0;
/// Between the lines of one role where they run side by side.
const SPREAD: f64 = 2.0;
/// Past this many lines of one role, the rest run on the last one's track.
const MOST_SPREAD: usize = 8;

/// The boxes below one level of the chart (roles whose boxes share a top).
struct Level {
    /// The lowest bottom of the level's boxes.
    floor: f64,
    /// The most responsibility lines of a role of the level.
    most_lines: usize,
    /// The boxes below the level (their tops lower than its top), by top.
    below: Vec<Rect>,
    /// The x-ranges free of those boxes, left to right (the first and last unbounded).
    free: Vec<(f64, f64)>,
}

impl Level {
    fn new(top: f64, members: &[usize], roles: &[Rect], lines: &[usize]) -> Level {
        let floor = members
            .iter()
            .map(|&p| roles[p].bottom())
            .fold(top, f64::max);
        let most_lines = members.iter().map(|&p| lines[p]).max().unwrap_or(0);
        let mut below: Vec<Rect> = roles.iter().copied().filter(|r| r.y > top).collect();
        let mut spans: Vec<(f64, f64)> = below
            .iter()
            .map(|r| (r.left() - CLEARANCE, r.right() + CLEARANCE))
            .collect();
        below.sort_by(|a, b| a.y.total_cmp(&b.y));
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut free = Vec::new();
        let mut left = f64::NEG_INFINITY;
        for (start, end) in spans {
            if start > left {
                free.push((left, start));
            }
            left = left.max(end);
        }
        free.push((left, f64::INFINITY));
        Level {
            floor,
            most_lines,
            below,
            free,
        }
    }

    /// The run's y for line `k` of a role: below every box and label of the level, above the
    /// next level's reporting lines (the level gap leaves room for it: [`room`]).
    fn run_y(&self, k: usize) -> f64 {
        self.floor + LABEL_STEP * self.most_lines as f64 + 7.0 + SPREAD * k.min(MOST_SPREAD) as f64
    }

    /// The corridor nearest `x` that a run at `y` reaches without crossing a box: its x.
    fn corridor(&self, x: f64, y: f64, k: usize) -> Option<f64> {
        // The run may not cross a box that reaches up to it.
        let (mut reach_left, mut reach_right) = (f64::NEG_INFINITY, f64::INFINITY);
        for r in self.below.iter().take_while(|r| r.y - CLEARANCE < y) {
            if r.bottom() + CLEARANCE <= y {
                continue;
            }
            if r.right() + CLEARANCE <= x {
                reach_left = reach_left.max(r.right() + CLEARANCE);
            } else if r.left() - CLEARANCE >= x {
                reach_right = reach_right.min(r.left() - CLEARANCE);
            } else {
                return None;
            }
        }
        let shift = SPREAD * k.min(MOST_SPREAD) as f64;
        // The nearest free x is in the free range holding x or in one either side of it; past
        // those, the run's reach ends before the next.
        let at = self.free.partition_point(|&(_, end)| end < x);
        self.free[at.saturating_sub(1)..]
            .iter()
            .take(2)
            .filter_map(|&(start, end)| {
                let (start, end) = (start.max(reach_left), end.min(reach_right));
                if start > end {
                    return None;
                }
                // Lines of one role spread a little inside the corridor.
                let near = x.clamp(start, end);
                Some(if near - start > end - near {
                    (near - shift).max(start)
                } else {
                    (near + shift).min(end)
                })
            })
            .min_by(|a, b| (a - x).abs().total_cmp(&(b - x).abs()))
    }
}

/// The room a role with `lines` responsibility lines needs under its box: the labels that step
/// down its lines, and the runs below them.
pub(super) fn room(lines: usize) -> f64 {
    if lines == 0 {
        0.0
    } else {
        LABEL_STEP * lines as f64 + 12.0 + SPREAD * lines.min(MOST_SPREAD) as f64
    }
}

/// The full view's responsibility lines routed round the boxes of the chart.
pub(super) struct Corridors {
    levels: HashMap<u64, Level>,
    /// Below every box and label: where the lines leave the chart for the scopes.
    bottom: f64,
}

impl Corridors {
    /// `lines`: how many responsibility lines leave each role.
    pub fn new(roles: &[Rect], lines: &[usize]) -> Corridors {
        let mut tops: HashMap<u64, Vec<usize>> = HashMap::new();
        for (p, rect) in roles.iter().enumerate() {
            tops.entry(rect.y.to_bits()).or_default().push(p);
        }
        let levels = tops
            .into_iter()
            .filter(|(_, members)| members.iter().any(|&p| lines[p] > 0))
            .map(|(top, members)| {
                let level = Level::new(f64::from_bits(top), &members, roles, lines);
                (top, level)
            })
            .collect();
        let bottom = roles
            .iter()
            .zip(lines)
            .map(|(r, &n)| r.bottom() + room(n) + CLEARANCE)
            .fold(0.0, f64::max);
        Corridors { levels, bottom }
    }

    /// The path of line `k` of a role's lines, from `(x, role.bottom())` to the top of `scope`.
    pub fn route(&self, role: Rect, x: f64, k: usize, scope: Rect) -> Vec<Segment> {
        let start = Segment::MoveTo(x, role.bottom());
        let level = self.levels.get(&role.y.to_bits());
        let run = level.and_then(|level| {
            let y = level.run_y(k);
            level.corridor(x, y, k).map(|cx| (y, cx))
        });
        let bottom = self.bottom + SPREAD * k.min(MOST_SPREAD) as f64;
        let bend = ((scope.y - bottom) / 2.0).clamp(0.0, 40.0);
        let curve = |from_x: f64| {
            Segment::CubicTo(
                (from_x, bottom + bend),
                (scope.x, scope.y - bend),
                (scope.x, scope.y),
            )
        };
        match run {
            Some((y, cx)) => vec![
                start,
                Segment::VerticalTo(y),
                Segment::HorizontalTo(cx),
                Segment::VerticalTo(bottom),
                curve(cx),
            ],
            // No corridor (nothing below, or boxed in): straight down, then on.
            None => vec![start, Segment::VerticalTo(bottom), curve(x)],
        }
    }
}
