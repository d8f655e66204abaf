//! Helpers for the import tests: run `orgraph import` in a fresh directory, load what it wrote,
//! and run `check` and `export` on it as a user would.
#![allow(dead_code)]

use orgraph::model::Model;
use orgraph::model::schema::ModelFile;
use std::path::{Path, PathBuf};

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A real file copied into `tests/fixtures/real/`.
pub fn real(name: &str) -> PathBuf {
    root().join("tests/fixtures/real").join(name)
}

/// A small hand-made input in `tests/fixtures/import/`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/import").join(name)
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `orgraph ARGS` in `dir`, without colour.
pub fn orgraph(dir: &Path, args: &[&str]) -> Run {
    let output = assert_cmd::Command::cargo_bin("orgraph")
        .expect("the binary")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("the binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// What an import wrote, loaded back.
pub struct Written {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
    pub text: String,
    pub model: Model,
    pub file: ModelFile,
    pub stderr: String,
}

/// `orgraph import ARGS -o model.toml` in a fresh directory: it must succeed and the model must
/// load as it is.
pub fn import(args: &[&str]) -> Written {
    import_to(args, "model.toml")
}

pub fn import_to(args: &[&str], output: &str) -> Written {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", output]);
    let run = orgraph(dir.path(), &all);
    assert_eq!(run.code, 0, "import {args:?} failed:\n{}", run.stderr);
    let path = dir.path().join(output);
    let text = std::fs::read_to_string(&path).expect("the written model");
    let model = orgraph::load(&path, &orgraph::Canon::builtin())
        .unwrap_or_else(|e| panic!("the imported model does not load:\n{}", e.render(false)));
    let file = model.to_file();
    Written {
        dir,
        path,
        text,
        model,
        file,
        stderr: run.stderr,
    }
}

/// `check` then `export` (org view, DOT through Graphviz when it is installed; built-in SVG) on
/// a written model: usable (exit 0 or 1), never "cannot use the input" (2).
pub fn check_and_export(written: &Written) {
    let path = written.path.to_str().expect("a UTF-8 path");
    let dir = written.dir.path();
    let check = orgraph(dir, &["check", path]);
    assert!(
        check.code == 0 || check.code == 1,
        "check exited {}:\n{}",
        check.code,
        check.stderr
    );
    let svg = orgraph(
        dir,
        &["export", path, "--engine", "builtin", "-o", "org.svg"],
    );
    assert_eq!(svg.code, 0, "export failed:\n{}", svg.stderr);
    let dot = orgraph(dir, &["export", path, "--format", "dot", "-o", "org.dot"]);
    assert_eq!(dot.code, 0, "export --format dot failed:\n{}", dot.stderr);
    let graphviz = std::process::Command::new("dot")
        .args(["-Tsvg", "-o", "/dev/null"])
        .arg(dir.join("org.dot"))
        .output()
        .expect("Graphviz `dot` is installed (.ci/run installs it)");
    assert!(
        graphviz.status.success() && graphviz.stderr.is_empty(),
        "dot rejected the diagram: {}",
        String::from_utf8_lossy(&graphviz.stderr)
    );
}

/// `orgraph import ARGS` must exit 2, write nothing, and return its stderr.
pub fn refused(args: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    let run = orgraph(dir.path(), &all);
    assert_eq!(
        run.code, 2,
        "import {args:?} should exit 2:\n{}{}",
        run.stdout, run.stderr
    );
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("the directory")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert!(left.is_empty(), "a refused import wrote {left:?}");
    assert!(
        run.stdout.is_empty(),
        "a refused import printed {}",
        run.stdout
    );
    run.stderr
}

/// The path of `p` as a &str, for argument lists.
pub fn arg(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}
