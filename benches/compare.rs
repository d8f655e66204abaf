//! Comparing two generated models: the hash joins keep it near-linear in the number of roles.
//! `snapshots` is the case: two 100,000-role snapshots of one organization, 10% of the
//! people moved to another manager.

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
    load([before, after])
}

/// The generated model, and the same a month later: every tenth person's role reports to the
/// next manager along (an earlier role, so no cycle), so 10% of the people moved.
fn snapshots(roles: usize) -> [Model; 2] {
    let before = generate::model(roles, 8);
    let mut after = before.clone();
    let moved: Vec<usize> = (0..after.person.len())
        .filter(|i| i % 10 == 5)
        .map(|i| 2 * i)
        .collect();
    for role in moved {
        let next = (role - 1) / 8 + 1;
        after.role[role].reports_to = Some(format!("role-{next}"));
    }
    load([before, after])
}

fn load(files: [ModelFile; 2]) -> [Model; 2] {
    let canon = Canon::builtin();
    files.map(|file| {
        let text = serde_json::to_string(&file).unwrap_or_default();
        orgraph::model::load_str("generated.json", Format::Json, &text, &canon)
            .unwrap_or_else(|error| panic!("{error}"))
    })
}

/// Everything `orgraph compare` computes on two snapshots: checks, matching, the changes.
#[divan::bench(args = [100_000], sample_count = 5)]
fn snapshots_10_percent_moved(bencher: divan::Bencher, roles: usize) {
    let models = snapshots(roles);
    let canon = Canon::builtin();
    let changes = orgraph::compare::changes(&models[0], &models[1]);
    assert_eq!(changes.people.moved.len(), roles / 2 / 10);
    bencher.bench(|| orgraph::compare::compare(divan::black_box(&models), &canon));
}

/// The `changes` section alone.
#[divan::bench(args = [100_000], sample_count = 5)]
fn changes(bencher: divan::Bencher, roles: usize) {
    let models = snapshots(roles);
    bencher.bench(|| orgraph::compare::changes(divan::black_box(&models[0]), &models[1]));
}

/// The snapshots as `--format json` and `--format human` print them.
#[divan::bench(args = [100_000], sample_count = 3)]
fn snapshots_formatted(bencher: divan::Bencher, roles: usize) {
    let models = snapshots(roles);
    let canon = Canon::builtin();
    bencher.bench(|| {
        let comparison =
            orgraph::compare::compare(&models, &canon).unwrap_or_else(|e| panic!("{e}"));
        let show = orgraph::compare::Show::Everything;
        (
            orgraph::compare::json(&comparison, show),
            orgraph::compare::human(&comparison, show),
        )
    });
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
        orgraph::compare::json(&comparison, orgraph::compare::Show::Everything)
    });
}
