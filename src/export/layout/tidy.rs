//! The tidy-tree algorithm: Walker's, in Buchheim, Jünger and Leipert's linear-time form, with
//! boxes of different widths. Iterative: no recursion on the depth of the tree.

/// Tidy-tree x positions (box centres) of a forest: `children` lists every node's children in
/// order, `widths` their box widths, and `gap` is the least space between neighbouring boxes.
/// Linear in the number of nodes.
pub fn tidy_tree(children: &[Vec<usize>], roots: &[usize], widths: &[f64], gap: f64) -> Vec<f64> {
    let n = children.len();
    // A virtual root (index n) holds the forest together.
    let mut children: Vec<&[usize]> = children.iter().map(Vec::as_slice).collect();
    children.push(roots);
    let mut width = widths.to_vec();
    width.push(0.0);
    let mut parent = vec![usize::MAX; n + 1];
    let mut number = vec![0usize; n + 1];
    for (v, list) in children.iter().enumerate() {
        for (i, &c) in list.iter().enumerate() {
            parent[c] = v;
            number[c] = i;
        }
    }
    let mut t = Tidy {
        children,
        parent,
        number,
        width,
        gap,
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
    let first_child = |t: &Tidy, v: usize| t.children[v].first().copied().unwrap_or(v);
    let mut stack = vec![(n, 0usize, first_child(&t, n))];
    while let Some(&mut (v, ref mut next, _)) = stack.last_mut() {
        if let Some(&child) = t.children[v].get(*next) {
            *next += 1;
            stack.push((child, 0, first_child(&t, child)));
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
        for &c in t.children[v] {
            stack.push((c, m + t.modifier[v]));
        }
    }
    x.truncate(n);
    x
}

/// The algorithm's state, by node; names follow the paper.
struct Tidy<'a> {
    /// The forest's children lists, with the virtual root's last.
    children: Vec<&'a [usize]>,
    parent: Vec<usize>,
    /// Position among siblings.
    number: Vec<usize>,
    width: Vec<f64>,
    gap: f64,
    prelim: Vec<f64>,
    modifier: Vec<f64>,
    shift: Vec<f64>,
    change: Vec<f64>,
    thread: Vec<Option<usize>>,
    ancestor: Vec<usize>,
}

impl Tidy<'_> {
    fn distance(&self, a: usize, b: usize) -> f64 {
        (self.width[a] + self.width[b]) / 2.0 + self.gap
    }

    fn left_sibling(&self, v: usize) -> Option<usize> {
        let p = self.parent[v];
        (p != usize::MAX && self.number[v] > 0).then(|| self.children[p][self.number[v] - 1])
    }

    fn next_left(&self, v: usize) -> Option<usize> {
        self.children[v].first().copied().or(self.thread[v])
    }

    fn next_right(&self, v: usize) -> Option<usize> {
        self.children[v].last().copied().or(self.thread[v])
    }

    /// Places `v` once its children are placed and apportioned.
    fn first_walk(&mut self, v: usize) {
        let left = self.left_sibling(v);
        let (Some(&first), Some(&last)) = (self.children[v].first(), self.children[v].last())
        else {
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
        let mut vom = self.children[self.parent[v]][0];
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
        for i in (0..self.children[v].len()).rev() {
            let w = self.children[v][i];
            self.prelim[w] += shift;
            self.modifier[w] += shift;
            change += self.change[w];
            shift += self.shift[w] + change;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GAP: f64 = 16.0;

    #[test]
    fn siblings_do_not_overlap_and_parents_centre() {
        // 0 has children 1, 2, 3; 2 has children 4, 5.
        let children = vec![vec![1, 2, 3], vec![], vec![4, 5], vec![], vec![], vec![]];
        let widths = vec![50.0, 80.0, 40.0, 60.0, 100.0, 30.0];
        let x = tidy_tree(&children, &[0], &widths, GAP);
        let gap = |a: usize, b: usize| (x[b] - widths[b] / 2.0) - (x[a] + widths[a] / 2.0);
        assert!(gap(1, 2) >= GAP - 1e-9 && gap(2, 3) >= GAP - 1e-9);
        assert!((gap(4, 5) - GAP).abs() < 1e-9);
        assert!((x[0] - (x[1] + x[3]) / 2.0).abs() < 1e-9);
        assert!((x[2] - (x[4] + x[5]) / 2.0).abs() < 1e-9);
    }

    #[test]
    fn a_sibling_is_placed_after_its_left_sibling_has_moved_clear() {
        // 0 has children 1, 2, 3, 4, 5; 1 and 2 have wide children, which push 2 right of 1's
        // subtree; the leaves 3, 4, 5 after 2 must follow it there, in order.
        let mut children = vec![vec![1, 2, 3, 4, 5], vec![6, 7, 8], vec![9, 10]];
        children.resize(11, Vec::new());
        let mut widths = vec![60.0; 6];
        widths.extend([180.0; 5]);
        let x = tidy_tree(&children, &[0], &widths, GAP);
        for list in &children {
            for pair in list.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                let gap = (x[b] - widths[b] / 2.0) - (x[a] + widths[a] / 2.0);
                assert!(gap >= GAP - 1e-9, "{a} and {b}: {x:?}");
            }
        }
    }

    #[test]
    fn a_deep_chain_needs_no_deep_stack() {
        let n = 200_000;
        let children: Vec<Vec<usize>> = (0..n)
            .map(|i| if i + 1 < n { vec![i + 1] } else { Vec::new() })
            .collect();
        let x = tidy_tree(&children, &[0], &vec![60.0; n], GAP);
        assert!(x.iter().all(|&x| x == 0.0));
    }
}
