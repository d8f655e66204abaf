//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod d3;

use orgraph::check::{Check, Finding};
use orgraph::model::{CheckLevel, KindId, Model, RoleId, ScopeId};
use std::path::{Path, PathBuf};

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn load(path: &Path) -> Model {
    orgraph::load(path, &orgraph::Canon::builtin())
        .unwrap_or_else(|e| panic!("{}", e.render(false)))
}

/// Every model file in a directory, sorted.
pub fn models_in(dir: &Path) -> Vec<PathBuf> {
    let mut models: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    models.retain(|p| {
        matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("toml" | "json" | "yaml" | "yml")
        )
    });
    models.sort();
    models
}

/// The shipped models and the export fixtures.
pub fn all_models() -> Vec<PathBuf> {
    let mut models = models_in(&root().join("models"));
    models.extend(models_in(&root().join("tests/fixtures")));
    models
}

/// A finding as the checks would report it, for drawing tests; roles, kind and scope by their
/// position in the model.
pub fn finding(
    check: Check,
    roles: Vec<usize>,
    kind: Option<usize>,
    scope: Option<usize>,
) -> Finding {
    let mut finding = Finding::new(check, String::new(), "");
    finding.level = CheckLevel::Deny;
    finding.roles = roles.into_iter().map(RoleId::new).collect();
    finding.scope = scope.map(ScopeId::new);
    finding.kind = kind.map(KindId::new);
    finding
}

/// Graphviz `dot` is on the PATH, or the test fails saying how to get it: CI installs it
/// (`.ci/run`), and a test that needs it never passes by skipping.
pub fn require_dot() {
    assert!(
        orgraph::export::graphviz_available(),
        "this test needs Graphviz `dot` on the PATH: install graphviz (apt-get install graphviz, \
         brew install graphviz); .ci/run installs it"
    );
}

/// Runs Graphviz `dot -T<format>` on a DOT text; its exit status, output and warnings.
pub fn dot(format: &str, text: &str) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    require_dot();
    let mut child = Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dot runs");
    child
        .stdin
        .take()
        .expect("dot's stdin")
        .write_all(text.as_bytes())
        .expect("DOT written to dot");
    child.wait_with_output().expect("dot ends")
}

/// What Graphviz `dot -T<format>` makes of a DOT text; fails on an error or any warning.
pub fn graphviz(text: &str, format: &str) -> Vec<u8> {
    let output = dot(format, text);
    assert!(output.status.success(), "dot failed");
    assert_eq!(String::from_utf8_lossy(&output.stderr), "", "dot warned");
    output.stdout
}

/// A scratch directory holding `org.toml`, a copy of a small model with findings.
pub fn scratch() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::copy(
        root().join("tests/fixtures/findings.toml"),
        dir.path().join("org.toml"),
    )
    .expect("copy");
    dir
}

/// The `orgraph` binary, run in `dir` without colour.
pub fn orgraph(dir: &Path) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("orgraph").expect("the binary");
    command.current_dir(dir).env("NO_COLOR", "1");
    command
}

/// Runs the orgraph binary from the crate root; returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let output = orgraph(root())
        .args(args)
        .output()
        .expect("the binary runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}
