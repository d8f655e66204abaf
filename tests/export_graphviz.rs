//! Every view of every shipped model and fixture is accepted by real Graphviz, silently.

mod common;

use orgraph::export::{Diagram, Options, View, dot};

/// A point of `dot -Tjson` output: `x,y` in points.
fn point(text: &str) -> Option<(f64, f64)> {
    let (x, y) = text.split_once(',')?;
    Some((x.parse().ok()?, y.parse().ok()?))
}

#[test]
fn graphviz_accepts_every_view_without_a_warning() {
    common::require_dot();
    let models = common::all_models();
    assert!(models.len() >= 3, "found {models:?}");
    for path in models {
        let model = common::load(&path);
        for view in View::ALL {
            let text = dot::render(&Diagram::new(&model, &[], &Options::new(view)));
            let output = common::dot("svg", &text);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(
                output.status.success() && stderr.is_empty(),
                "{} --view {}: dot said:\n{stderr}",
                path.display(),
                view.name()
            );
            assert!(!output.stdout.is_empty());
        }
    }
}

/// Points along each edge's spline, with its label's position, from `dot -Tjson` output.
fn edge_points(edge: &serde_json::Value) -> Vec<(f64, f64)> {
    let mut points: Vec<(f64, f64)> = Vec::new();
    let controls: Vec<(f64, f64)> = edge["pos"]
        .as_str()
        .unwrap_or_default()
        .split(' ')
        .filter(|p| !p.starts_with("e,") && !p.starts_with("s,"))
        .filter_map(point)
        .collect();
    // Cubic Bézier pieces share their ends: 1 + 3n control points.
    for piece in controls.windows(4).step_by(3) {
        for step in 0..=10 {
            let t = f64::from(step) / 10.0;
            let w = [
                (1.0 - t).powi(3),
                3.0 * t * (1.0 - t).powi(2),
                3.0 * t * t * (1.0 - t),
                t.powi(3),
            ];
            let x = (0..4).map(|i| w[i] * piece[i].0).sum();
            let y = (0..4).map(|i| w[i] * piece[i].1).sum();
            points.push((x, y));
        }
    }
    points.extend(edge["lp"].as_str().and_then(point));
    points
}

#[test]
fn nothing_is_drawn_over_the_legend() {
    common::require_dot();
    let number = |value: &serde_json::Value| value.as_str().and_then(|s| s.parse::<f64>().ok());
    for path in common::all_models() {
        let model = common::load(&path);
        for view in View::ALL {
            let name = format!("{} --view {}", path.display(), view.name());
            let text = dot::render(&Diagram::new(&model, &[], &Options::new(view)));
            let output = common::dot("json", &text);
            let graph: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
            // The title and legend are the graph's label: its box, in points.
            let label = graph["label"].as_str().unwrap_or_default();
            assert!(label.contains("<b>Legend</b>"), "{name}: {label}");
            let (lx, ly) = graph["lp"]
                .as_str()
                .and_then(point)
                .unwrap_or_else(|| panic!("{name}: no graph label"));
            let (lw, lh) = (
                number(&graph["lwidth"]).expect("lwidth") * 72.0,
                number(&graph["lheight"]).expect("lheight") * 72.0,
            );
            let inside = |(x, y): (f64, f64), margin: f64| {
                (x - lx).abs() < lw / 2.0 + margin && (y - ly).abs() < lh / 2.0 + margin
            };
            for node in graph["objects"].as_array().into_iter().flatten() {
                let Some(pos) = node["pos"].as_str() else {
                    continue;
                };
                let (x, y) = point(pos).expect("a position");
                let (w, h) = (
                    number(&node["width"]).expect("width") * 72.0,
                    number(&node["height"]).expect("height") * 72.0,
                );
                let apart = (x - lx).abs() >= (w + lw) / 2.0 || (y - ly).abs() >= (h + lh) / 2.0;
                assert!(apart, "{name}: node {} is on the legend", node["name"]);
            }
            for edge in graph["edges"].as_array().into_iter().flatten() {
                for point in edge_points(edge) {
                    assert!(
                        !inside(point, 0.0),
                        "{name}: an edge crosses the legend at {point:?}"
                    );
                }
            }
        }
    }
}
