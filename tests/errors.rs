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

/// Runs `orgraph ARGS` in `dir` with `env` set; a hang (an input that never ends) fails the
/// test instead of stalling the suite.
fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String, String) {
    let mut command = Command::cargo_bin("orgraph").expect("the binary is built");
    command
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove(orgraph::source::MAX_INPUT_VAR)
        .timeout(std::time::Duration::from_secs(120));
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("the binary runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A FIFO with no writer once hung every command that read it, as a model, as the base a
/// model extends, or as the canon.
#[cfg(unix)]
#[test]
fn a_fifo_is_refused_wherever_a_file_is_read() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("fifo.toml"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    std::fs::write(
        dir.path().join("child.toml"),
        "name = \"child\"\nextends = \"fifo.toml\"\n",
    )
    .expect("the child is written");
    std::fs::write(dir.path().join("model.toml"), "name = \"m\"\n").expect("a model is written");
    let cases: [&[&str]; 3] = [
        &["check", "fifo.toml"],
        &["check", "child.toml"],
        &["check", "model.toml", "--canon", "fifo.toml"],
    ];
    let mut messages = String::new();
    for args in cases {
        let (code, stdout, stderr) = run_in(dir.path(), args, &[]);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?}: {stdout}");
        messages.push_str(&format!("$ orgraph {}\n{stderr}\n", args.join(" ")));
    }
    insta::assert_snapshot!(messages);
}

/// `/dev/zero` once was read until memory ran out.
#[cfg(unix)]
#[test]
fn a_device_is_refused_without_reading_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, stdout, stderr) = run_in(root, &["check", "/dev/zero"], &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stdout.is_empty());
    insta::assert_snapshot!(stderr);
}

/// A sparse file larger than the limit is refused from its size, before a byte is read.
#[test]
fn a_file_over_the_size_limit_is_refused() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let sparse = |name: &str, size: u64| {
        let file = std::fs::File::create(dir.path().join(name)).expect("a file is created");
        file.set_len(size).expect("the file is extended");
    };
    // The default limit, 1 GiB: a 3 GiB file takes no disk space while it has no data.
    sparse("huge.toml", 3 << 30);
    sparse("big.json", 10 << 20);
    std::fs::write(dir.path().join("small.toml"), "name = \"small\"\n").expect("written");
    let small_limit = [(orgraph::source::MAX_INPUT_VAR, "1M")];
    let mut messages = String::new();
    type Env<'a> = &'a [(&'a str, &'a str)];
    let cases: [(&[&str], Env); 3] = [
        (&["check", "huge.toml"], &[]),
        (&["check", "big.json"], &small_limit),
        (
            &["check", "small.toml"],
            &[(orgraph::source::MAX_INPUT_VAR, "lots")],
        ),
    ];
    for (args, env) in cases {
        let (code, stdout, stderr) = run_in(dir.path(), args, env);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?}: {stdout}");
        let env: Vec<String> = env.iter().map(|(k, v)| format!("{k}={v} ")).collect();
        messages.push_str(&format!(
            "$ {}orgraph {}\n{stderr}\n",
            env.concat(),
            args.join(" ")
        ));
    }
    insta::assert_snapshot!(messages);
    // Under the limit, the same setting reads the file.
    let (code, _, stderr) = run_in(dir.path(), &["stats", "small.toml"], &small_limit);
    assert_eq!(code, Some(0), "{stderr}");
}
