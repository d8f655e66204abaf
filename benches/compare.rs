//! Comparing two generated models: the hash joins keep it near-linear in the number of roles.

#[path = "../tests/common/generate.rs"]
mod generate;

use orgraph::model::schema::ModelFile;
use orgraph::model::{Canon, Format, Model};
use std::collections::HashMap;

// The binary's allocator, so that the numbers are the ones users see.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

/// The generated model, and the same with every third role under a new id (references
/// follow), so that roles match by id and by title.
fn models(roles: usize) -> [Model; 2] {
    let before = generate::model(roles, 8);
    let mut after = before.clone();
    let renamed: HashMap<String, String> = after
        .role
        .iter_mut()
        .enumerate()
        .filter(|(i, _)| i % 3 == 2)
        .map(|(_, role)| {
            let new = format!("{}-renamed", role.id);
            (std::mem::replace(&mut role.id, new.clone()), new)
        })
        .collect();
    let rename = |id: &mut String| {
        if let Some(new) = renamed.get(id) {
            *id = new.clone();
        }
    };
    for role in &mut after.role {
        role.reports_to.iter_mut().for_each(rename);
    }
    for person in &mut after.person {
        person.fills.iter_mut().for_each(rename);
    }
    let canon = Canon::builtin();
    [before, after].map(|file: ModelFile| {
        let text = serde_json::to_string(&file).unwrap_or_default();
        orgraph::model::load_str("generated.json", Format::Json, &text, &canon)
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
