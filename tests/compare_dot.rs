//! `orgraph compare --format dot`: both views go through Graphviz `dot` without a warning, and
//! no line is drawn through a box it does not join (positions from `dot -Tplain`).

mod common;
mod compare_support;

use common::run as orgraph;

const BEFORE: &str = "tests/fixtures/compare/before.toml";
const AFTER: &str = "tests/fixtures/compare/after.toml";
const CHANGES_BEFORE: &str = "tests/fixtures/compare/changes-before.toml";
const CHANGES_AFTER: &str = "tests/fixtures/compare/changes-after.toml";

fn compare_dot(args: &[&str]) -> String {
    let mut all = vec!["compare"];
    all.extend(args);
    all.extend(["--format", "dot"]);
    let (code, stdout, stderr) = orgraph(&all);
    assert_eq!((code, stderr.as_str()), (0, ""), "{all:?}");
    stdout
}

/// Runs `dot -T<format>` on `text`; fails on any warning.
fn graphviz(text: &str, format: &str) -> String {
    String::from_utf8(common::graphviz(text, format)).expect("UTF-8")
}

/// A node's box from `dot -Tplain`, in inches.
struct Box {
    name: String,
    x: f64,
    y: f64,
    width: f64,
    height: f64,
}

impl Box {
    /// Whether the point is inside the box, `margin` in from its sides.
    fn holds(&self, (x, y): (f64, f64), margin: f64) -> bool {
        (x - self.x).abs() < self.width / 2.0 - margin
            && (y - self.y).abs() < self.height / 2.0 - margin
    }
}

/// A line of the layout: tail, head, and its B-spline's control points.
type Line = (String, String, Vec<(f64, f64)>);

/// The layout's size, its boxes, and its lines.
struct Plain {
    width: f64,
    height: f64,
    boxes: Vec<Box>,
    lines: Vec<Line>,
}

fn plain(dot: &str) -> Plain {
    let text = graphviz(dot, "plain");
    let mut layout = Plain {
        width: 0.0,
        height: 0.0,
        boxes: Vec::new(),
        lines: Vec::new(),
    };
    for line in text.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let number = |i: usize| fields[i].parse::<f64>().unwrap();
        match fields.first() {
            Some(&"graph") => (layout.width, layout.height) = (number(2), number(3)),
            Some(&"node") => layout.boxes.push(Box {
                name: fields[1].to_string(),
                x: number(2),
                y: number(3),
                width: number(4),
                height: number(5),
            }),
            Some(&"edge") => {
                let count = fields[3].parse::<usize>().unwrap();
                let points = (0..count)
                    .map(|i| (number(4 + 2 * i), number(5 + 2 * i)))
                    .collect();
                layout
                    .lines
                    .push((fields[1].to_string(), fields[2].to_string(), points));
            }
            _ => {}
        }
    }
    layout
}

/// Points along a B-spline given as cubic Bézier segments (as Graphviz writes them).
fn along(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    for segment in points.windows(4).step_by(3) {
        for step in 0..=20 {
            let t = f64::from(step) / 20.0;
            let u = 1.0 - t;
            let weights = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
            let x = (0..4).map(|i| weights[i] * segment[i].0).sum();
            let y = (0..4).map(|i| weights[i] * segment[i].1).sum();
            out.push((x, y));
        }
    }
    out
}

/// Every line avoids every box but the two it joins (a twentieth of an inch of slack).
fn assert_no_line_crosses_a_box(layout: &Plain) {
    for (tail, head, points) in &layout.lines {
        for point in along(points) {
            for b in &layout.boxes {
                if &b.name == tail || &b.name == head {
                    continue;
                }
                assert!(
                    !b.holds(point, 0.05),
                    "the line {tail} -> {head} crosses the box of {} at {point:?}",
                    b.name
                );
            }
        }
    }
}

#[test]
fn full_view_draws_models_side_by_side_without_crossing_a_label() {
    for (before, after) in [(BEFORE, AFTER), (CHANGES_BEFORE, CHANGES_AFTER)] {
        let dot = compare_dot(&[before, after]);
        assert!(dot.contains("subgraph cluster_m0"));
        assert!(dot.contains("subgraph cluster_m1"));
        assert!(dot.contains("rankdir=\"TB\""));
        let layout = plain(&dot);
        assert_no_line_crosses_a_box(&layout);
    }
    let dot = compare_dot(&[BEFORE, AFTER]);
    // A role matched under another id says which; the name's markup reaches the label as
    // entities only.
    assert!(dot.contains("matches pm (archetype)"), "{dot}");
    assert!(dot.contains("After: &lt;first&gt; &quot;hires&quot;"));
    insta::assert_snapshot!("full", dot);
}

#[test]
fn full_view_draws_a_moved_role_with_its_old_manager_dashed() {
    let dot = compare_dot(&[CHANGES_BEFORE, CHANGES_AFTER]);
    // `designer` (role 8 of the second model) moved from `vp-eng` (role 1) to `vp-product`.
    assert!(
        dot.contains("m1r1 -> m1r8 [style=\"dashed\" color=\"#8c8c8c\" constraint=\"false\"]"),
        "{dot}"
    );
    insta::assert_snapshot!("full_changes", dot);
}

#[test]
fn changes_only_draws_the_summary_view() {
    let dot = compare_dot(&[CHANGES_BEFORE, CHANGES_AFTER, "--changes-only"]);
    assert!(dot.contains("rankdir=\"LR\""));
    assert!(!dot.contains("cluster"));
    // One line per changed role; `ceo`, `vp-eng` and `vp-sales` kept manager, title and
    // people, and are drawn only as managers.
    assert_eq!(dot.matches("<td port=").count(), 9, "{dot}");
    assert!(dot.contains(
        "Changes from changes-before to changes-after: the 9 roles that changed, under their managers"
    ));
    let layout = plain(&dot);
    assert_no_line_crosses_a_box(&layout);
    insta::assert_snapshot!("summary", dot);

    let three = compare_dot(&[BEFORE, AFTER, BEFORE, "--changes-only"]);
    assert!(three.contains("subgraph cluster_m2"));
    assert_no_line_crosses_a_box(&plain(&three));
}

#[test]
fn large_models_get_the_summary_view_and_stay_readable() {
    // The two GitLab snapshots (about 1,100 roles each), as `orgraph import csv` writes them.
    let dir = tempfile::tempdir().unwrap();
    let [october, november] = compare_support::import_gitlab(dir.path());
    let dot = compare_dot(&[&october, &november, "--match", "id"]);
    assert!(dot.contains("rankdir=\"LR\""));
    let layout = plain(&dot);
    // Two columns: narrow enough to read on a screen; it grows down, one line per change.
    assert!(layout.width < 30.0, "{} inches wide", layout.width);
    assert!(layout.height < 300.0, "{} inches high", layout.height);
    assert_no_line_crosses_a_box(&layout);
}

#[test]
#[should_panic(expected = "the line a -> c crosses the box of b")]
fn the_crossing_check_sees_a_straight_line_through_a_box() {
    let dot = "digraph { splines=line; {rank=same; a; b; c} a -> b [style=invis]; b -> c [style=invis]; a -> c }";
    assert_no_line_crosses_a_box(&plain(dot));
}
