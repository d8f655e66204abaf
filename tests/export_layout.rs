//! The built-in layout, tested on its boxes and lines: nothing overlaps, managers sit above
//! their reports, lines join the boxes they name, teams stack in columns, scopes and gaps go
//! where the views put them, and a real 1,516-role org stays a readable size.

mod common;

use orgraph::export::layout::{EdgeKind, Layout, Node, NodeKind, Rect, Segment, layout};
use orgraph::export::{Diagram, Options, View};
use orgraph::model::Model;

/// Within a tenth of a pixel: what the SVG's one decimal shows.
fn near(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.1
}

fn is_role(node: &Node) -> bool {
    matches!(node.kind, NodeKind::Role { .. })
}

/// The path's first and last points.
fn ends(path: &[Segment]) -> ((f64, f64), (f64, f64)) {
    let mut start = None;
    let (mut x, mut y) = (f64::NAN, f64::NAN);
    for segment in path {
        match *segment {
            Segment::MoveTo(a, b) | Segment::LineTo(a, b) => (x, y) = (a, b),
            Segment::HorizontalTo(a) => x = a,
            Segment::VerticalTo(b) => y = b,
            Segment::QuadTo(_, end) | Segment::CubicTo(_, _, end) => (x, y) = end,
        }
        start.get_or_insert((x, y));
    }
    (start.expect("a path starts somewhere"), (x, y))
}

/// No two boxes overlap; a sweep by left edge keeps the 1,516-role org quick.
fn assert_no_overlaps(name: &str, layout: &Layout) {
    let mut rects: Vec<(usize, Rect)> = layout.nodes.iter().map(|n| n.rect).enumerate().collect();
    rects.sort_by(|a, b| a.1.left().total_cmp(&b.1.left()));
    for (i, (p, a)) in rects.iter().enumerate() {
        for (q, b) in rects[i + 1..]
            .iter()
            .take_while(|(_, b)| b.left() < a.right())
        {
            assert!(
                !a.overlaps(b),
                "{name}: boxes {p} {a:?} and {q} {b:?} overlap"
            );
        }
    }
}

/// Each reporting line of the tree leaves its manager's bottom edge and ends on its report's
/// top (or, in a stack, its left side), below the manager; every visible reporting line is
/// drawn, those that close a cycle round the side.
fn assert_reporting_lines(name: &str, diagram: &Diagram, layout: &Layout) {
    let mut drawn = Vec::new();
    for edge in &layout.edges {
        let (from, to) = (layout.nodes[edge.from].rect, layout.nodes[edge.to].rect);
        match edge.kind {
            EdgeKind::Reports { .. } => {
                let ((x0, y0), (x1, y1)) = ends(&edge.path);
                assert!(
                    near(y0, from.bottom()) && from.left() <= x0 && x0 <= from.right(),
                    "{name}: line {edge:?} does not leave {from:?}"
                );
                assert!(
                    (near(y1, to.y) && near(x1, to.x))
                        || (near(x1, to.left()) && near(y1, to.mid_y())),
                    "{name}: line {edge:?} does not reach {to:?}"
                );
                assert!(from.bottom() < to.y, "{name}: {from:?} is not above {to:?}");
            }
            EdgeKind::ClosesCycle { .. } => {
                let ((x0, _), (x1, _)) = ends(&edge.path);
                assert!(near(x0, from.right()) && near(x1, to.right()), "{name}");
            }
            _ => continue,
        }
        drawn.push((edge.from, edge.to));
    }
    drawn.sort_unstable();
    let mut expected: Vec<(usize, usize)> = diagram
        .reporting
        .iter()
        .filter_map(|line| diagram.ends(line))
        .collect();
    expected.sort_unstable();
    assert_eq!(drawn, expected, "{name}: reporting lines");
}

/// Responsibility lines and gap lines join the boxes they name; scopes sit below the tree (or
/// beside the column of roles), gaps by their scope, everything on the page and below the
/// legend.
fn assert_places(name: &str, diagram: &Diagram, layout: &Layout) {
    let roles: Vec<&Node> = layout.nodes.iter().filter(|n| is_role(n)).collect();
    assert_eq!(roles.len(), diagram.roles.len(), "{name}");
    let legend_bottom = layout.legend.top + layout.legend.height;
    for node in &layout.nodes {
        let r = node.rect;
        assert!(
            r.left() >= 0.0 && r.right() <= layout.width,
            "{name}: {r:?} off the page"
        );
        assert!(
            r.y > legend_bottom && r.bottom() <= layout.height,
            "{name}: {r:?}"
        );
        assert!(!node.lines.is_empty() && !node.tooltip.is_empty(), "{name}");
    }
    let roles_bottom = roles.iter().map(|n| n.rect.bottom()).fold(0.0, f64::max);
    let roles_right = roles.iter().map(|n| n.rect.right()).fold(0.0, f64::max);
    for node in &layout.nodes {
        if let NodeKind::Scope { .. } = node.kind {
            match diagram.view {
                View::Responsibilities => assert!(node.rect.left() > roles_right, "{name}"),
                _ => assert!(node.rect.y > roles_bottom, "{name}: a scope in the tree"),
            }
        }
    }
    for edge in &layout.edges {
        let (from, to) = (&layout.nodes[edge.from], &layout.nodes[edge.to]);
        match (edge.kind, from.kind, to.kind) {
            (
                EdgeKind::Responsibility { kind, .. },
                NodeKind::Role { role, .. },
                NodeKind::Scope { scope },
            ) => {
                assert!(
                    diagram
                        .lines
                        .iter()
                        .any(|l| l.role == role && l.kind == kind && l.scope == scope),
                    "{name}: {edge:?} is no responsibility"
                );
                let ((x0, y0), (x1, y1)) = ends(&edge.path);
                let (a, b) = (from.rect, to.rect);
                let leaves = if diagram.view == View::Responsibilities {
                    // A role's lines leave its right side 12 px apart, centred on its middle
                    // (beside the box when there are more lines than the box is tall).
                    let fan = layout
                        .edges
                        .iter()
                        .filter(|e| e.from == edge.from && e.to >= roles.len())
                        .count()
                        .saturating_sub(1) as f64
                        * 6.0;
                    near(x0, a.right()) && (y0 - a.mid_y()).abs() <= fan + 0.1
                } else {
                    near(y0, a.bottom()) && a.left() <= x0 && x0 <= a.right()
                };
                assert!(leaves, "{name}: {edge:?} does not leave {a:?}");
                assert!(
                    near(x1, b.x) || near(x1, b.left()),
                    "{name}: {edge:?} misses {b:?}"
                );
                assert!(
                    near(y1, b.y) || near(y1, b.mid_y()),
                    "{name}: {edge:?} misses {b:?}"
                );
            }
            (EdgeKind::Gap, NodeKind::Gap { scope, .. }, NodeKind::Scope { scope: to_scope }) => {
                assert_eq!(scope, to_scope, "{name}");
                let below = from.rect.y > to.rect.bottom() && near(from.rect.x, to.rect.x);
                let beside = from.rect.left() > to.rect.right();
                assert!(
                    below || beside,
                    "{name}: gap {:?} far from {:?}",
                    from.rect,
                    to.rect
                );
            }
            (
                EdgeKind::Reports { .. } | EdgeKind::ClosesCycle { .. },
                NodeKind::Role { .. },
                NodeKind::Role { .. },
            ) => {}
            other => panic!("{name}: an edge joins the wrong boxes: {other:?}"),
        }
    }
    let labels = diagram
        .lines
        .iter()
        .filter(|l| diagram.position[l.role].is_some())
        .count();
    assert_eq!(layout.labels.len(), labels, "{name}: one label per line");
}

/// Points along a path, a pixel or so apart (curves sampled), to test what the line passes.
fn points(path: &[Segment]) -> Vec<(f64, f64)> {
    let mut points = Vec::new();
    let mut at = (f64::NAN, f64::NAN);
    let line_to = |points: &mut Vec<(f64, f64)>, from: (f64, f64), to: (f64, f64)| {
        let steps = ((to.0 - from.0).abs() + (to.1 - from.1).abs())
            .ceil()
            .max(1.0) as usize;
        for i in 1..=steps {
            let t = i as f64 / steps as f64;
            points.push((from.0 + (to.0 - from.0) * t, from.1 + (to.1 - from.1) * t));
        }
    };
    for segment in path {
        match *segment {
            Segment::MoveTo(x, y) => {
                at = (x, y);
                points.push(at);
            }
            Segment::HorizontalTo(x) => {
                line_to(&mut points, at, (x, at.1));
                at.0 = x;
            }
            Segment::VerticalTo(y) => {
                line_to(&mut points, at, (at.0, y));
                at.1 = y;
            }
            Segment::LineTo(x, y) => {
                line_to(&mut points, at, (x, y));
                at = (x, y);
            }
            Segment::QuadTo(c, end) => {
                for i in 1..=200 {
                    let t = f64::from(i) / 200.0;
                    let u = 1.0 - t;
                    let p = |a: f64, b: f64, e: f64| u * u * a + 2.0 * u * t * b + t * t * e;
                    points.push((p(at.0, c.0, end.0), p(at.1, c.1, end.1)));
                }
                at = end;
            }
            Segment::CubicTo(c1, c2, end) => {
                for i in 1..=200 {
                    let t = f64::from(i) / 200.0;
                    let u = 1.0 - t;
                    let p = |a: f64, b: f64, c: f64, e: f64| {
                        u * u * u * a + 3.0 * u * u * t * b + 3.0 * u * t * t * c + t * t * t * e
                    };
                    points.push((p(at.0, c1.0, c2.0, end.0), p(at.1, c1.1, c2.1, end.1)));
                }
                at = end;
            }
        }
    }
    points
}

/// No responsibility or gap line runs through a box other than the two it joins: a line
/// behind a box cannot be followed.
fn assert_lines_clear_of_boxes(name: &str, layout: &Layout) {
    for edge in &layout.edges {
        if !matches!(edge.kind, EdgeKind::Responsibility { .. } | EdgeKind::Gap) {
            continue;
        }
        let path = points(&edge.path);
        for (i, node) in layout.nodes.iter().enumerate() {
            if i == edge.from || i == edge.to {
                continue;
            }
            let r = node.rect;
            let inside = |&(x, y): &(f64, f64)| {
                r.left() + 0.5 < x && x < r.right() - 0.5 && r.y + 0.5 < y && y < r.bottom() - 0.5
            };
            assert!(
                !path.iter().any(inside),
                "{name}: line {} -> {} runs through box {i} {:?}",
                edge.from,
                edge.to,
                node.lines
            );
        }
    }
}

/// No responsibility line leaves a box where one of its reporting lines does: the dashes would
/// hide on the solid line.
fn assert_lines_clear_of_reporting(name: &str, layout: &Layout) {
    let reporting: Vec<(usize, f64)> = layout
        .edges
        .iter()
        .filter(|edge| matches!(edge.kind, EdgeKind::Reports { .. }))
        .map(|edge| (edge.from, ends(&edge.path).0.0))
        .collect();
    for edge in &layout.edges {
        if let EdgeKind::Responsibility { kind, .. } = edge.kind {
            let x = ends(&edge.path).0.0;
            assert!(
                !reporting
                    .iter()
                    .any(|&(from, rx)| from == edge.from && near(rx, x)),
                "{name}: a {kind:?} line leaves box {} on its reporting line",
                edge.from
            );
        }
    }
}

fn check(name: &str, model: &Model, options: &Options) -> Layout {
    let findings = orgraph::check(model, &Default::default()).findings;
    let diagram = Diagram::new(model, &findings, options);
    let layout = layout(&diagram);
    assert_no_overlaps(name, &layout);
    assert_reporting_lines(name, &diagram, &layout);
    assert_places(name, &diagram, &layout);
    assert_lines_clear_of_boxes(name, &layout);
    assert_lines_clear_of_reporting(name, &layout);
    layout
}

#[test]
fn every_view_of_every_model_is_laid_out_cleanly() {
    for path in common::all_models() {
        let model = common::load(&path);
        for view in View::ALL {
            check(
                &format!("{} {}", path.display(), view.name()),
                &model,
                &Options::new(view),
            );
        }
    }
}

#[test]
fn focus_depth_and_kinds_are_laid_out_cleanly() {
    let model = common::load(&common::root().join("models/enterprise.toml"));
    for view in View::ALL {
        for (focus, depth, kinds) in [
            (Some("cto"), Some(1), vec![]),
            (Some("vp-product-payments"), None, vec!["what".to_string()]),
            (None, Some(2), vec!["how".to_string(), "market".to_string()]),
        ] {
            let options = Options::resolve(&model, view, focus, depth, &kinds).expect("resolves");
            check(
                &format!("enterprise {} {focus:?} {depth:?}", view.name()),
                &model,
                &options,
            );
        }
    }
}

/// In a small org, a manager's individual contributors hang in columns of at most eight under
/// it: each column's boxes share their right edge, one under the other.
#[test]
fn individual_contributors_stack_in_columns_under_their_manager() {
    let mut stacks = 0;
    for path in common::all_models() {
        let model = common::load(&path);
        let name = path.display();
        let diagram = Diagram::new(&model, &[], &Options::new(View::Org));
        let layout = layout(&diagram);
        let mut leaves: Vec<Vec<usize>> = vec![Vec::new(); layout.nodes.len()];
        for edge in &layout.edges {
            let is_leaf = !layout.edges.iter().any(|e| e.from == edge.to);
            if matches!(edge.kind, EdgeKind::Reports { .. }) && is_leaf {
                leaves[edge.from].push(edge.to);
            }
        }
        for (manager, reports) in leaves.iter().enumerate().filter(|(_, r)| r.len() >= 2) {
            stacks += 1;
            let rects: Vec<Rect> = reports.iter().map(|&r| layout.nodes[r].rect).collect();
            let mut rights: Vec<f64> = rects.iter().map(Rect::right).collect();
            rights.sort_by(f64::total_cmp);
            rights.dedup_by(|a, b| near(*a, *b));
            assert_eq!(
                rights.len(),
                reports.len().div_ceil(8),
                "{name}: {manager}'s columns"
            );
            for column in &rights {
                let mut boxes: Vec<&Rect> =
                    rects.iter().filter(|r| near(r.right(), *column)).collect();
                boxes.sort_by(|a, b| a.y.total_cmp(&b.y));
                for pair in boxes.windows(2) {
                    assert!(pair[0].bottom() < pair[1].y, "{name}: {pair:?}");
                    assert!(near(pair[0].w, pair[1].w), "{name}: a column of one width");
                }
            }
            let manager = layout.nodes[manager].rect;
            assert!(rects.iter().all(|r| r.y > manager.bottom()), "{name}");
        }
    }
    assert!(stacks > 5, "only {stacks} stacks in the shipped models");
}

#[test]
fn the_1516_role_sample_is_stacked_into_a_readable_size() {
    let model = common::d3::sample();
    assert_eq!(model.roles.len(), 1516);
    let layout = check("d3 sample org", &model, &Options::new(View::Org));
    assert!(layout.width <= 15_000.0, "{} px wide", layout.width);
    assert!(layout.height <= 5_000.0, "{} px high", layout.height);
    // Teams hang as columns: few distinct left edges for so many boxes.
    let lefts: std::collections::BTreeSet<i64> =
        layout.nodes.iter().map(|n| n.rect.left() as i64).collect();
    assert!(
        lefts.len() < layout.nodes.len() / 4,
        "{} columns",
        lefts.len()
    );
}

/// A manager whose team's wide boxes push it right of its left sibling's team must take its
/// small right siblings along: they used to be placed from where it stood before it moved, on
/// top of it.
#[test]
fn siblings_after_a_moved_team_do_not_land_on_it() {
    let mut text = String::from("name = \"Moved team\"\n");
    let mut role = |id: &str, title: &str, manager: Option<&str>| {
        text.push_str(&format!(
            "[[role]]\nid = \"{id}\"\ntitle = \"{title}\"\nresponsible = [\"how\"]\n"
        ));
        if let Some(manager) = manager {
            text.push_str(&format!("reports_to = \"{manager}\"\n"));
        }
    };
    role("ceo", "CEO", None);
    for team in ["a", "b"] {
        role(team, &format!("Head {team}"), Some("ceo"));
        for n in 1..=3 {
            role(
                &format!("{team}{n}"),
                &format!("Principal Engineer, Team {team}{n}"),
                Some(team),
            );
        }
    }
    for n in 1..=5 {
        role(
            &format!("c{n}"),
            &format!("Staff Engineer {n}"),
            Some("ceo"),
        );
    }
    let model = orgraph::model::load_str(
        "moved.toml",
        orgraph::model::Format::Toml,
        &text,
        &orgraph::Canon::builtin(),
    )
    .unwrap_or_else(|e| panic!("{}", e.render(false)));
    for view in View::ALL {
        check(
            &format!("moved team {}", view.name()),
            &model,
            &Options::new(view),
        );
    }
}

/// A reporting cycle is drawn whole: the tree cuts it at its first role in the file, and that
/// role's line to its manager goes round the side.
#[test]
fn a_reporting_cycle_is_cut_once_and_closed_round_the_side() {
    let model =
        common::load(&common::root().join("tests/fixtures/checks/reporting-cycle.fires.toml"));
    let layout = check("cycle", &model, &Options::new(View::Org));
    let closing: Vec<_> = layout
        .edges
        .iter()
        .filter(|e| matches!(e.kind, EdgeKind::ClosesCycle { .. }))
        .collect();
    assert!(!closing.is_empty(), "no line closes the cycle");
    assert!(
        closing
            .iter()
            .all(|e| e.tooltip.as_deref() == Some("reporting cycle"))
    );
}
