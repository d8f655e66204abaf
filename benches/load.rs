//! Loading a large model: 100,000 roles as JSON, parsed, converted and resolved.

#[path = "../tests/common/generate.rs"]
mod generate;

use orgraph::model::{Canon, Format};

// The binary's allocator, so that the numbers are the ones users see.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 10)]
fn load_json(bencher: divan::Bencher, roles: usize) {
    let text = generate::json(roles, 8);
    let canon = Canon::builtin();
    bencher.bench(|| {
        orgraph::model::load_str(
            "generated.json",
            Format::Json,
            divan::black_box(&text),
            &canon,
        )
    });
}
