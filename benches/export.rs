//! Export speed: DOT of a generated 100,000-role model; the built-in engine's layout, SVG and
//! PNG (at the default scale, 2) of the 1,516-role D3 sample org and of the 100,000-role model.
//! Run with `cargo bench --bench export`.

#[path = "../tests/common/d3.rs"]
mod d3;

use orgraph::export::{Diagram, Options, View, dot, layout, png, svg};
use orgraph::model::{Format, Model};
use std::sync::OnceLock;

// The binary's allocator, so that the numbers are the ones users see.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

#[path = "../tests/common/generate.rs"]
mod generate;

fn big() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let json = generate::json(100_000, 8);
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

/// The built-in engine's inputs: the D3 sample org, or the generated 100,000 roles.
fn model(roles: usize) -> &'static Model {
    if roles == 100_000 { big() } else { sample() }
}

#[divan::bench(args = [1_516, 100_000], sample_count = 5)]
fn builtin_layout(roles: usize) -> usize {
    layout::layout(&Diagram::new(model(roles), &[], &Options::new(View::Org)))
        .nodes
        .len()
}

#[divan::bench(args = [1_516, 100_000], sample_count = 5)]
fn builtin_svg(roles: usize) -> usize {
    svg::render(&Diagram::new(model(roles), &[], &Options::new(View::Org))).len()
}

#[divan::bench(args = [1_516, 100_000], sample_count = 3)]
fn builtin_png(roles: usize) -> usize {
    let svg = svg::render(&Diagram::new(model(roles), &[], &Options::new(View::Org)));
    png::render(&svg, png::DEFAULT_SCALE)
        .map(|png| png.bytes.len())
        .unwrap_or_default()
}
