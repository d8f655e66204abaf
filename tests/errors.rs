//! Every class of unusable input: exit code 2, nothing on stdout, and a located message on
//! stderr (snapshot). One runner over `tests/fixtures/errors/`, so a new case is a new file.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

const FIXTURES: &str = "tests/fixtures/errors";

/// Runs `orgraph stats PATH` from the crate root, so paths in messages stay relative.
fn stats(dir: &Path, path: &Path) -> (Option<i32>, String, String) {
    let output = Command::cargo_bin("orgraph")
        .expect("the binary is built")
        .current_dir(dir)
        .arg("stats")
        .arg(path)
        .output()
        .expect("the binary runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Asserts the input is refused cleanly and snapshots the message under `name`.
fn assert_refused(dir: &Path, path: &Path, name: &str) {
    let (code, stdout, stderr) = stats(dir, path);
    assert_eq!(code, Some(2), "{name}: exit code; stderr:\n{stderr}");
    assert!(stdout.is_empty(), "{name}: stdout is not empty:\n{stdout}");
    assert!(!stderr.contains("panicked"), "{name}: panicked:\n{stderr}");
    assert!(
        stderr.starts_with("error"),
        "{name}: no error message:\n{stderr}"
    );
    insta::assert_snapshot!(name, stderr, &format!("orgraph stats {}", path.display()));
}

#[test]
fn every_error_fixture_is_refused_with_a_located_message() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root.join(FIXTURES))
        .expect("the fixtures exist")
        .map(|entry| Path::new(FIXTURES).join(entry.expect("a readable entry").file_name()))
        .collect();
    // The one case that cannot be a file.
    cases.push(Path::new(FIXTURES).join("missing-file.toml"));
    cases.sort();
    for path in cases {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        assert_refused(root, &path, &name);
    }
}

/// Inputs too large or odd to keep as fixture files, written to a temporary directory.
fn nasty_inputs() -> Vec<(&'static str, String)> {
    let deep = 100_000;
    let nested = |open: &str, inner: &str, close: &str| {
        format!("{}{inner}{}", open.repeat(deep), close.repeat(deep))
    };
    let mut alias_bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let aliases = vec![format!("*a{}", i - 1); 10].join(", ");
        alias_bomb.push_str(&format!("a{i}: &a{i} [{aliases}]\n"));
    }
    vec![
        (
            "deep-array.toml",
            format!("name = \"x\"\nowns = {}\n", nested("[", "", "]")),
        ),
        (
            "deep-array.json",
            format!("{{\"name\": {}}}", nested("[", "", "]")),
        ),
        (
            "deep-array.yaml",
            format!("name: {}\n", nested("[", "", "]")),
        ),
        (
            "deep-table.toml",
            format!("name = \"x\"\nrole = [{}]\n", nested("{a = ", "1", "}")),
        ),
        ("deep-object.json", nested("{\"a\": ", "1", "}")),
        ("alias-bomb.yaml", alias_bomb),
        ("two-documents.yaml", "name: a\n---\nname: b\n".to_string()),
        (
            "huge-line.json",
            format!("{{\"name\": \"{}\", \"nope\": 1}}", "x".repeat(1_000_000)),
        ),
    ]
}

#[test]
fn generated_nasty_inputs_are_refused_without_panic() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for (name, text) in nasty_inputs() {
        std::fs::write(dir.path().join(name), text).expect("the input is written");
        let (code, stdout, stderr) = stats(dir.path(), Path::new(name));
        let start: String = stderr.chars().take(2000).collect();
        assert_eq!(code, Some(2), "{name}: exit code; stderr starts:\n{start}");
        assert!(stdout.is_empty(), "{name}: stdout is not empty");
        assert!(
            stderr.starts_with("error") && !stderr.contains("panicked"),
            "{name}:\n{start}"
        );
        // A snippet of a line that long would bury the message.
        assert!(
            stderr.len() < 5_000,
            "{name}: {} bytes of errors:\n{start}",
            stderr.len()
        );
    }
}

/// Thousands of the same mistake in a one-line file: quick, the first few shown, then a count.
#[test]
fn many_errors_are_capped() {
    let roles: Vec<String> = (0..5_000)
        .map(|i| format!(r#"{{"id": "r{i}", "title": "R", "reports_to": "nobody"}}"#))
        .collect();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let name = "many-errors.json";
    let text = format!(r#"{{"name": "x", "role": [{}]}}"#, roles.join(","));
    std::fs::write(dir.path().join(name), text).expect("the input is written");
    let (code, _, stderr) = stats(dir.path(), Path::new(name));
    assert_eq!(code, Some(2));
    let errors = stderr
        .lines()
        .filter(|line| line.starts_with("error"))
        .count();
    assert_eq!(errors, orgraph::model::MAX_DIAGNOSTICS + 1, "{stderr}");
    assert!(stderr.contains("4950 more errors not shown"), "{stderr}");
    assert!(stderr.len() < 20_000, "{} bytes of errors", stderr.len());
}
