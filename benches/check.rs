//! Check speed: every check on generated models of 100,000 and 1,000,000 roles with people,
//! four product lines and a few reporting cycles. Run with `cargo bench --bench check`.

#[path = "../tests/common/generate.rs"]
mod generate;

use orgraph::Canon;
use orgraph::check::CheckOptions;
use orgraph::model::{Format, Model};

// The binary's allocator, so that the numbers are the ones users see.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

/// The generated model with three pairs of its last roles reporting to each other.
fn model(roles: usize) -> Model {
    let mut file = generate::model(roles, 8);
    for pair in 0..3 {
        let (a, b) = (roles - 1 - 2 * pair, roles - 2 - 2 * pair);
        file.role[a].reports_to = Some(file.role[b].id.clone());
        file.role[b].reports_to = Some(file.role[a].id.clone());
    }
    let json = serde_json::to_string(&file).unwrap_or_default();
    orgraph::model::load_str("generated.json", Format::Json, &json, &Canon::builtin())
        .unwrap_or_else(|e| panic!("{}", e.render(false)))
}

/// A fresh model for each run: what the checks derive from it (the hierarchy, the item index)
/// is built on first use and kept, and belongs in what is measured.
#[divan::bench(args = [100_000, 1_000_000], sample_count = 5, sample_size = 1)]
fn all_checks(bencher: divan::Bencher, roles: usize) {
    let options = CheckOptions::default();
    bencher
        .with_inputs(|| model(roles))
        .bench_local_refs(|model| orgraph::check(model, &options).findings.len());
}

/// The reporting tree alone: cycles, layers, subtree sizes and seats.
#[divan::bench(args = [100_000, 1_000_000], sample_count = 5, sample_size = 1)]
fn hierarchy(bencher: divan::Bencher, roles: usize) {
    bencher
        .with_inputs(|| model(roles))
        .bench_local_refs(|model| model.hierarchy().layers());
}
