//! Import speed: `import csv` of a generated HR export (100,000 and 1,000,000 rows), from the
//! file to the TOML text written, against what `orgraph check` then does with that text (load
//! it, run every check). Importing must take well under checking. Run with
//! `cargo bench --bench import`.

use orgraph::Canon;
use orgraph::check::CheckOptions;
use orgraph::import::csv::{Options, import};
use orgraph::model::Format;
use std::io::Write;
use std::path::Path;

// The binary's allocator, so that the numbers are the ones users see.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

const TITLES: [&str; 6] = [
    "Software Engineer",
    "Senior Software Engineer",
    "Product Designer",
    "Product Manager, Checkout",
    "Data Analyst",
    "Account Executive, EMEA",
];

/// An export of `rows` people: managers with 8 reports each, the first eighth of the rows; the
/// rest in six titles, so that seats group into roles; a department per row; 100 rows whose
/// manager is outside the export.
fn write_export(rows: usize, path: &Path) {
    let file = std::fs::File::create(path).expect("a temporary file");
    let mut out = std::io::BufWriter::new(file);
    writeln!(out, "Employee ID,Full Name,Job Title,Manager ID,Department").expect("write");
    for i in 0..rows {
        let manager = match i {
            0 => String::new(),
            _ if i % 10_000 == 0 => format!("x{i}"),
            _ => format!("e{}", (i - 1) / 8),
        };
        let title = if i < rows / 8 {
            "Manager"
        } else {
            TITLES[i % TITLES.len()]
        };
        writeln!(
            out,
            "e{i},Person {i},{title},{manager},\"Dept {};Sub\"",
            i % 50
        )
        .expect("write");
    }
    out.flush().expect("write");
}

fn imported_toml(path: &Path) -> String {
    let options = Options {
        group: true,
        ..Options::default()
    };
    let imported =
        import(path, &options, &Canon::builtin()).unwrap_or_else(|e| panic!("{}", e.render(false)));
    toml::to_string(&imported.models[0].model).expect("a model serializes")
}

/// The export read, converted and written as TOML text.
#[divan::bench(args = [100_000, 1_000_000], sample_count = 3, sample_size = 1)]
fn import_csv(bencher: divan::Bencher, rows: usize) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("people.csv");
    write_export(rows, &path);
    bencher.bench(|| imported_toml(&path).len());
}

/// What `orgraph check` does with the imported model: load the TOML, run every check.
#[divan::bench(args = [100_000, 1_000_000], sample_count = 3, sample_size = 1)]
fn check_imported(bencher: divan::Bencher, rows: usize) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("people.csv");
    write_export(rows, &path);
    let toml = imported_toml(&path);
    let options = CheckOptions::default();
    bencher.bench(|| {
        let model = orgraph::model::load_str("people.toml", Format::Toml, &toml, &Canon::builtin())
            .unwrap_or_else(|e| panic!("{}", e.render(false)));
        orgraph::check(&model, &options).findings.len()
    });
}
