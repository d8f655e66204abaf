//! Export speed: DOT of a generated 100,000-role model, built-in SVG of the 1,516-role D3
//! sample org. Run with `cargo bench --bench export`.

#[path = "../tests/common/d3.rs"]
mod d3;

use orgraph::export::{Diagram, Options, View, dot, svg};
use orgraph::model::{Format, Model};
use std::sync::OnceLock;

fn main() {
    divan::main();
}

/// A generated org: a tree of span 8, a team per 64 roles, ten scopes, owners on every kind.
/// Kept apart so that the shared model generator can replace it once it lands on main.
mod generate {
    use serde_json::json;

    pub fn model_json(roles: usize) -> String {
        let kinds = [
            "what",
            "how",
            "strategy",
            "execution",
            "market",
            "customers",
        ];
        let scopes: Vec<_> = (0..10)
            .map(|s| json!({"id": format!("p{s}"), "name": format!("Product {s}")}))
            .collect();
        let roles: Vec<_> = (0..roles)
            .map(|i| {
                let mut role = json!({
                    "id": format!("r{i}"),
                    "title": format!("Role {i}"),
                    "team": format!("team-{}", i / 64),
                    "track": if i % 8 == 0 { "manager" } else { "ic" },
                });
                if i > 0 {
                    role["reports_to"] = format!("r{}", (i - 1) / 8).into();
                }
                if i < 60 {
                    role["owns"] = json!([format!("{}@p{}", kinds[i % 6], i / 6)]);
                } else if i % 5 == 0 {
                    role["consulted"] = json!([format!("{}@p{}", kinds[i % 6], i % 10)]);
                }
                role
            })
            .collect();
        json!({"name": "Generated", "scope": scopes, "role": roles}).to_string()
    }
}

fn big() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let json = generate::model_json(100_000);
        orgraph::model::load_str(
            "generated.json",
            Format::Json,
            &json,
            &orgraph::Canon::builtin(),
        )
        .unwrap_or_else(|e| panic!("{}", e.render(false)))
    })
}

fn sample() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(d3::sample)
}

#[divan::bench(args = [View::Org, View::Full], sample_count = 10)]
fn dot_100k_roles(view: View) -> usize {
    dot::render(&Diagram::new(big(), &[], &Options::new(view))).len()
}

#[divan::bench(sample_count = 20)]
fn builtin_svg_1516_roles() -> usize {
    svg::render(&Diagram::new(sample(), &[], &Options::new(View::Org))).len()
}
