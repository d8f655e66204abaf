//! Export speed: DOT of a generated 100,000-role model; the built-in layout of the 1,516-role
//! D3 sample org, alone and painted as SVG. Run with `cargo bench --bench export`.

#[path = "../tests/common/d3.rs"]
mod d3;

use orgraph::export::{Diagram, Options, View, dot, layout, svg};
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

#[divan::bench(sample_count = 20)]
fn builtin_svg_1516_roles() -> usize {
    svg::render(&Diagram::new(sample(), &[], &Options::new(View::Org))).len()
}

#[divan::bench(sample_count = 20)]
fn builtin_layout_1516_roles() -> usize {
    layout::layout(&Diagram::new(sample(), &[], &Options::new(View::Org)))
        .nodes
        .len()
}
