//! The crate's layers, read from its source: the model imports nothing of what is built on it
//! (checks, diagrams, comparison, reports, command line), and the registry of checks, the
//! terminal escapes and the two-thread helpers import nothing of the crate at all, so that they
//! can be used from anywhere.

use std::path::{Path, PathBuf};

/// The `.rs` files under `dir`, recursively.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("a readable source directory") {
            let path = entry.expect("a readable entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The crate modules a file names (`crate::NAME`) outside comments, with their lines.
fn crate_paths(path: &Path) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(path).expect("a readable source file");
    let mut found = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or_default();
        for (at, _) in code.match_indices("crate::") {
            let rest = &code[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '{')
                .collect();
            found.push((number + 1, name));
        }
    }
    found
}

#[test]
fn the_model_imports_only_the_leaves_below_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let allowed = ["source", "diag", "registry", "terminal", "parallel"];
    let mut wrong = Vec::new();
    for path in sources(&root.join("src/model")) {
        for (line, name) in crate_paths(&path) {
            if !allowed.contains(&name.as_str()) {
                wrong.push(format!("{}:{line}: crate::{name}", path.display()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "src/model/ may use only crate::{{{}}}:\n{}",
        allowed.join(", "),
        wrong.join("\n")
    );
}

#[test]
fn the_registry_of_checks_the_terminal_escapes_and_the_thread_helpers_are_leaves() {
    for leaf in ["src/registry.rs", "src/terminal.rs", "src/parallel.rs"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(leaf);
        assert_eq!(crate_paths(&path), [], "{leaf}");
    }
}
