//! Comparing two generated models: the hash joins keep it near-linear in the number of roles.

#[path = "support/generate.rs"]
mod generate;

use orgraph::model::{Canon, Format, Model};

fn main() {
    divan::main();
}

fn models(roles: usize) -> [Model; 2] {
    let canon = Canon::builtin();
    [1, 2].map(|seed| {
        let text = generate::toml(roles, 8, seed);
        orgraph::model::load_str("generated.toml", Format::Toml, &text, &canon)
            .unwrap_or_else(|error| panic!("{error}"))
    })
}

#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 5)]
fn compare(bencher: divan::Bencher, roles: usize) {
    let models = models(roles);
    let canon = Canon::builtin();
    bencher.bench(|| orgraph::compare::compare(divan::black_box(&models), &canon));
}

#[divan::bench(args = [100_000], sample_count = 3)]
fn compare_and_format_json(bencher: divan::Bencher, roles: usize) {
    let models = models(roles);
    let canon = Canon::builtin();
    bencher.bench(|| {
        let comparison =
            orgraph::compare::compare(&models, &canon).unwrap_or_else(|e| panic!("{e}"));
        orgraph::compare::json(&comparison)
    });
}
