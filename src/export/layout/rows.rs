//! A forest wrapped into rows: trees of given sizes, in order, packed left to right into rows
//! as wide as makes the whole about a given number of times as wide as it is high. Both
//! engines use it, so that an org of many roots is a block rather than a strip.

/// Where each row starts among `sizes` (width, height of each tree, in order), with `gap`
/// between trees and between rows, the whole about `aspect` times as wide as high.
pub fn pack_rows(sizes: &[(f64, f64)], gap: f64, aspect: f64) -> Vec<usize> {
    let widest = sizes.iter().map(|s| s.0).fold(0.0, f64::max);
    let total: f64 = sizes.iter().map(|s| s.0 + gap).sum();
    if sizes.len() < 2 || total <= widest {
        return vec![0];
    }
    // Row widths from the widest tree to one row, in small steps: keep the one whose page is
    // nearest the aspect aimed at (ties: fewer rows).
    let mut best = (f64::INFINITY, vec![0]);
    let steps = 64;
    for step in (0..=steps).rev() {
        let width = widest * (total / widest).powf(f64::from(step) / f64::from(steps));
        let starts = greedy(sizes, gap, width);
        let (w, h) = extent(sizes, gap, &starts);
        let miss = ((w / h.max(1.0)) / aspect).ln().abs();
        if miss < best.0 - 1e-9 {
            best = (miss, starts);
        }
    }
    best.1
}

/// Rows filled in order, each until the next tree would pass `width`.
fn greedy(sizes: &[(f64, f64)], gap: f64, width: f64) -> Vec<usize> {
    let mut starts = vec![0];
    let mut filled = 0.0;
    for (i, &(w, _)) in sizes.iter().enumerate() {
        if filled > 0.0 && filled + w > width + 1e-9 {
            starts.push(i);
            filled = 0.0;
        }
        filled += w + gap;
    }
    starts
}

/// The width and height of rows starting at `starts`.
pub fn extent(sizes: &[(f64, f64)], gap: f64, starts: &[usize]) -> (f64, f64) {
    let (mut width, mut height) = (0.0f64, 0.0);
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(sizes.len());
        let row = &sizes[start..end];
        width = width.max(row.iter().map(|s| s.0 + gap).sum::<f64>() - gap);
        height += row.iter().map(|s| s.1).fold(0.0, f64::max) + gap;
    }
    (width, height - gap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forest_wraps_into_rows_near_the_aspect() {
        // A hundred small trees: several rows, the page about twice as wide as high.
        let sizes = vec![(100.0, 100.0); 100];
        let starts = pack_rows(&sizes, 10.0, 2.0);
        assert!(starts.len() > 3, "{starts:?}");
        let (w, h) = extent(&sizes, 10.0, &starts);
        assert!((1.4..=2.9).contains(&(w / h)), "{w} x {h}");
        // One tree, or trees that fit: one row.
        assert_eq!(pack_rows(&[(500.0, 50.0)], 10.0, 2.0), vec![0]);
        assert_eq!(
            pack_rows(&[(50.0, 200.0), (50.0, 200.0)], 10.0, 2.0),
            vec![0]
        );
    }
}
