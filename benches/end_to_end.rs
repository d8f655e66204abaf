//! End to end on generated models (issue 14): `orgraph stats` (load), `orgraph check --format
//! json` and `export --format dot` as a user runs them, with wall time and peak memory, beside
//! the Python reference checker (benches/reference_checker.py) on the same file; and inside one
//! process, load, check and output timed apart, with the heap each keeps and its peak.
//!
//! `cargo bench --bench end_to_end`; `ORGRAPH_E2E_ROLES=100000,1000000` chooses the sizes,
//! `ORGRAPH_E2E_RUNS=3` the runs per command (the best is shown: the machine is shared, and the
//! run with the least CPU time is the one least disturbed). Times are CPU time (user + system),
//! then wall time: on a shared machine the wall time says more about the neighbours than about
//! the command. Models are written once under the target directory. `ORGRAPH_E2E_BIN=PATH`
//! times another build of the binary; `ORGRAPH_E2E_IN_PROCESS=1` runs the in-process phases only
//! (no commands, no reference), to iterate on the library.

#[path = "../tests/common/generate.rs"]
mod generate;

use orgraph::check::CheckOptions;
use orgraph::report::{self, Checked};
use std::alloc::{GlobalAlloc, Layout};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

// The binary's allocator, so that the in-process numbers are the ones users see, counted.
#[global_allocator]
static ALLOCATOR: Counted = Counted;

/// mimalloc, with the bytes allocated now and at most since [`Counted::reset_peak`].
struct Counted;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

impl Counted {
    /// Bytes allocated now.
    fn live() -> usize {
        LIVE.load(Ordering::Relaxed)
    }

    /// The most bytes allocated at once since the last reset.
    fn peak() -> usize {
        PEAK.load(Ordering::Relaxed)
    }

    fn reset_peak() {
        PEAK.store(Self::live(), Ordering::Relaxed);
    }

    fn grew(size: usize) {
        let live = LIVE.fetch_add(size, Ordering::Relaxed) + size;
        PEAK.fetch_max(live, Ordering::Relaxed);
    }
}

// SAFETY: every call is passed to mimalloc unchanged; only the counters are added.
unsafe impl GlobalAlloc for Counted {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        Self::grew(layout.size());
        unsafe { mimalloc::MiMalloc.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        Self::grew(layout.size());
        unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        Self::grew(new_size);
        unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
    }
}

/// The binary timed: this build's, or `ORGRAPH_E2E_BIN` (an older build, to compare in one
/// sitting; the in-process phases are always this build's).
fn orgraph() -> String {
    std::env::var("ORGRAPH_E2E_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_orgraph").into())
}

fn main() {
    let orgraph = orgraph();
    let orgraph = orgraph.as_str();
    let sizes: Vec<usize> = std::env::var("ORGRAPH_E2E_ROLES")
        .unwrap_or_else(|_| "100000,1000000".into())
        .split(',')
        .map(|n| {
            n.trim()
                .parse()
                .expect("ORGRAPH_E2E_ROLES: numbers separated by commas")
        })
        .collect();
    let runs: usize = std::env::var("ORGRAPH_E2E_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("end_to_end");
    std::fs::create_dir_all(&dir).expect("a directory for the generated models");
    let canon = dir.join("canon.json");
    let archetypes = Command::new(orgraph)
        .args(["archetypes", "--format", "json"])
        .output()
        .expect("orgraph runs");
    std::fs::write(&canon, archetypes.stdout).expect("the canon is written");
    let reference = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/reference_checker.py");

    println!(
        "| roles | file | stats (load) | check --format json | output | Python reference | export --format dot |"
    );
    println!("|---|---|---|---|---|---|---|");
    for &roles in &sizes {
        let model = generated(&dir, roles);
        if std::env::var_os("ORGRAPH_E2E_IN_PROCESS").is_some() {
            phases(&model, runs);
            continue;
        }
        let file_mb = megabytes(std::fs::metadata(&model).map_or(0, |m| m.len()));
        let path = model.to_str().expect("a UTF-8 path");
        let stats = best(runs, &[orgraph, "stats", path]);
        let check = best(runs, &[orgraph, "check", "--format", "json", path]);
        let python = best(
            runs,
            &[
                "python3",
                reference.to_str().expect("a UTF-8 path"),
                path,
                "--canon",
                canon.to_str().expect("a UTF-8 path"),
            ],
        );
        let dot = if roles <= 100_000 {
            best(
                runs,
                &[orgraph, "export", path, "--format", "dot", "-o", "-"],
            )
            .to_string()
        } else {
            "-".into()
        };
        // Asserted up to 300,000 roles: past that it would double the longest run.
        if roles <= 300_000 {
            same_counts(&model, &reference, &canon);
        }
        println!(
            "| {roles} | {file_mb:.0} MB | {stats} | {check} ({:.1}x file) | {} | {python} ({:.1}x the wall time, {:.1}x the CPU) | {dot} |",
            check.peak_mb / file_mb,
            output_size(&model),
            python.wall / check.wall,
            python.seconds / check.seconds,
        );
        phases(&model, runs);
    }
}

/// The generated model of `roles` roles as a JSON file, written the first time.
fn generated(dir: &Path, roles: usize) -> PathBuf {
    let path = dir.join(format!("generated-{roles}.json"));
    if !path.exists() {
        std::fs::write(&path, generate::json(roles, 8)).expect("the model is written");
    }
    path
}

fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// CPU time (user + system), wall time and peak resident memory of one command.
#[derive(Clone, Copy)]
struct Run {
    seconds: f64,
    wall: f64,
    peak_mb: f64,
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:.2} s CPU ({:.2} s wall), {:.0} MB",
            self.seconds, self.wall, self.peak_mb
        )
    }
}

/// The run of a command (its output to /dev/null) with the least CPU time of `runs`, measured
/// by GNU time.
fn best(runs: usize, command: &[&str]) -> Run {
    (0..runs)
        .map(|_| {
            let output = Command::new("/usr/bin/time")
                .args(["-f", "%e %U %S %M"])
                .args(command)
                .stdout(Stdio::null())
                .output()
                .expect("/usr/bin/time runs");
            let stderr = String::from_utf8_lossy(&output.stderr);
            let last = stderr.lines().last().unwrap_or_default();
            let mut numbers = last
                .split(' ')
                .map(|n| n.parse::<f64>().unwrap_or(f64::NAN));
            let mut next = || numbers.next().unwrap_or(f64::NAN);
            let (wall, user, system, peak_kb) = (next(), next(), next(), next());
            Run {
                seconds: user + system,
                wall,
                peak_mb: peak_kb * 1024.0 / 1e6,
            }
        })
        .min_by(|a, b| a.seconds.total_cmp(&b.seconds))
        .expect("at least one run")
}

/// The size of `check --format json`'s output.
fn output_size(model: &Path) -> String {
    let output = Command::new(orgraph())
        .args(["check", "--format", "json"])
        .arg(model)
        .output()
        .expect("orgraph runs");
    format!("{:.0} MB", megabytes(output.stdout.len() as u64))
}

/// The reference checker must find what orgraph finds, or the comparison means nothing.
fn same_counts(model: &Path, reference: &Path, canon: &Path) {
    let counts = |stdout: Vec<u8>| -> Vec<(String, usize)> {
        let report: serde_json::Value = serde_json::from_slice(&stdout).expect("a JSON report");
        let mut counts = std::collections::BTreeMap::new();
        for finding in report["findings"].as_array().into_iter().flatten() {
            *counts
                .entry(finding["code"].as_str().unwrap_or_default().to_string())
                .or_insert(0) += 1;
        }
        counts.into_iter().collect()
    };
    let orgraph = Command::new(orgraph())
        .args(["check", "--format", "json"])
        .arg(model)
        .output()
        .expect("orgraph runs");
    let python = Command::new("python3")
        .arg(reference)
        .arg(model)
        .arg("--canon")
        .arg(canon)
        .output()
        .expect("python3 runs");
    let (orgraph, python) = (counts(orgraph.stdout), counts(python.stdout));
    assert_eq!(
        orgraph, python,
        "orgraph and the reference checker disagree"
    );
}

/// Load, check and output inside this process, each the best of `runs`.
fn phases(model: &Path, runs: usize) {
    let options = CheckOptions::default();
    let time = |f: &mut dyn FnMut()| -> Duration {
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .min()
            .unwrap_or_default()
    };
    let mut loaded = None;
    let base = Counted::live();
    Counted::reset_peak();
    let load = time(&mut || {
        // The previous run's model is dropped first: it would count in this run's peak.
        loaded = None;
        loaded = orgraph::load(model, &options.canon).ok();
    });
    let load_peak = Counted::peak() - base;
    let model = loaded.expect("the generated model loads");
    let model_heap = Counted::live() - base;
    // What the checks derive from the model (hierarchy, item index) is built once and kept:
    // the first run pays for it, so the best of several runs would hide it. One run, timed.
    Counted::reset_peak();
    let start = Instant::now();
    let report = orgraph::check(&model, &options);
    let checks = start.elapsed();
    let check_peak = Counted::peak() - base;
    let checked_heap = Counted::live() - base;
    let checked = [Checked {
        model: &model,
        findings: &report.findings,
        levels: &report.levels,
    }];
    Counted::reset_peak();
    let output = time(&mut || {
        let mut out = std::io::BufWriter::new(std::io::sink());
        report::json(&checked, &mut out).expect("writing to a sink");
    });
    let output_peak = Counted::peak() - base;
    let mb = |bytes: usize| megabytes(bytes as u64);
    println!(
        "|   in process | | load {:.2} s, heap peak {:.0} MB, model {:.0} MB | check {:.2} s ({} findings), heap peak {:.0} MB, model + findings {:.0} MB | json {:.2} s, heap peak {:.0} MB | | |",
        load.as_secs_f64(),
        mb(load_peak),
        mb(model_heap),
        checks.as_secs_f64(),
        report.findings.len(),
        mb(check_peak),
        mb(checked_heap),
        output.as_secs_f64(),
        mb(output_peak),
    );
}
