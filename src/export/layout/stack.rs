//! Stacks: a manager's reports drawn the way org-chart tools stack a team, in columns, each
//! report the top of an indented list of its own reports, rather than in a row that widens the
//! whole chart.

use super::metrics::{PAD_X, WRAP, box_size};
use super::tree::Tree;
use super::{Rect, SIBLING_GAP, role_text};
use crate::export::Diagram;

/// From a box in a stack to the box of one of its reports, whose trunk runs in between.
pub(super) const INDENT: f64 = 16.0;
/// Between the boxes of a stack.
const STACK_GAP: f64 = 8.0;

/// Where a stacked role's reporting line runs: down from its manager (at `from_x`, else from
/// the middle) to the `bus`, along it to the `trunk`, down the trunk and into the box's side.
#[derive(Clone, Copy, Debug)]
pub(super) struct Hang {
    pub from_x: Option<f64>,
    pub bus: f64,
    pub trunk: f64,
}

/// A manager's stacked reports. The stack hangs right under the manager when it holds all of
/// its reports, else it takes one place in the row of the manager's other reports.
pub(super) struct Stack {
    pub manager: usize,
    /// In file order.
    reports: Vec<usize>,
    /// Where each column starts in `reports`, and its width from trunk to right edge.
    columns: Vec<(usize, f64)>,
    pub under: bool,
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
    pub fn new(tree: &Tree, manager: usize, reports: Vec<usize>, rows: usize) -> Stack {
        let lengths: Vec<usize> = reports.iter().map(|&r| tree.subtree_size[r]).collect();
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
                    .map(|&r| tree.outline_width[r])
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

    pub fn width(&self) -> f64 {
        let gaps = self.columns.len().saturating_sub(1) as f64 * SIBLING_GAP;
        self.columns.iter().map(|c| c.1).sum::<f64>() + gaps
    }

    /// Places the stack's roles centred on x = 0, the first row at `top`, the reports hanging
    /// from a bus at `bus`; boxes of a column share their right edge. Returns the roles placed
    /// and the stack's bottom, labels included.
    pub fn place(
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
            let trunk = left + INDENT / 2.0;
            let mut next: Vec<(usize, Hang)> = self.reports[start..end]
                .iter()
                .rev()
                .map(|&r| {
                    let hang = Hang {
                        from_x: None,
                        bus,
                        trunk,
                    };
                    (r, hang)
                })
                .collect();
            while let Some((p, hang)) = next.pop() {
                let x = hang.trunk + INDENT / 2.0;
                // Boxes of a column are as wide as its widest: fewer lines may fit in them.
                let lines = role_text(diagram, p, (right - x - 2.0 * PAD_X).max(WRAP));
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
                let bus = rect.bottom();
                next.extend(tree.children[p].iter().rev().map(|&r| {
                    let hang = Hang {
                        from_x: Some(trunk),
                        bus,
                        trunk,
                    };
                    (r, hang)
                }));
            }
            bottom = bottom.max(y - STACK_GAP);
            left = right + SIBLING_GAP;
        }
        (placed, bottom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacks_cut_into_few_even_columns_without_splitting_a_list() {
        // Nine individual contributors, eight rows at most: two columns, five and four.
        assert_eq!(cut(&[1; 9], 8, 8, false), vec![0, 8]);
        assert_eq!(cut(&[1; 9], 5, 8, true), vec![0, 5]);
        // A list longer than a column keeps a column of its own.
        assert_eq!(cut(&[2, 12, 1, 1], 8, 8, false), vec![0, 1, 2]);
    }
}
