//! `orgraph export` end to end: output paths, stdout, atomic writes, refusals, exit codes.

mod common;

use common::{orgraph, scratch};
use std::path::Path;

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("readable")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn default_path_is_printed_and_written_atomically() {
    let dir = scratch();
    let output = orgraph(dir.path())
        .args(["export", "org.toml", "--format", "dot"])
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!("{}\n", Path::new("output").join("org-org.dot").display())
    );
    // Nothing but the result: no temporary file is left behind.
    assert_eq!(files_in(&dir.path().join("output")), ["org-org.dot"]);
    let text = std::fs::read_to_string(dir.path().join("output/org-org.dot")).expect("written");
    assert!(text.starts_with("digraph orgraph {"));

    // Writing again replaces the file whole.
    orgraph(dir.path())
        .args(["export", "org.toml", "--format", "dot"])
        .assert()
        .success();
    assert_eq!(files_in(&dir.path().join("output")), ["org-org.dot"]);
}

#[test]
fn dash_writes_to_stdout_and_other_formats_work() {
    let dir = scratch();
    let run = |args: &[&str]| {
        let output = orgraph(dir.path())
            .args(["export", "org.toml"])
            .args(args)
            .args(["-o", "-"])
            .output()
            .expect("runs");
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("text")
    };
    assert!(run(&["--format", "mermaid", "--view", "full"]).starts_with("flowchart TB\n"));
    let csv = run(&["--format", "raci-csv"]);
    assert!(
        csv.starts_with("item,ceo,pm-a,pm-b,lead-x,lead-y\n"),
        "{csv}"
    );
    assert!(csv.contains("\nwhat@product,,A,A,,\n"), "{csv}");
    assert!(run(&["--format", "raci-md"]).contains("| what@product |  | A | A |  |  |"));
    let json: serde_json::Value = serde_json::from_str(&run(&["--format", "json"])).expect("json");
    assert_eq!(json["role"][1]["id"], "pm-a");
    assert!(run(&["--format", "svg", "--engine", "builtin"]).contains("<svg xmlns="));
    assert!(
        files_in(dir.path()) == ["org.toml"],
        "stdout output writes no file"
    );
}

#[test]
fn refuses_to_write_over_the_model() {
    let dir = scratch();
    let before = std::fs::read(dir.path().join("org.toml")).expect("model");
    let output = orgraph(dir.path())
        .args(["export", "org.toml", "--format", "json", "-o", "./org.toml"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("refusing to write over the input file")
    );
    assert_eq!(
        std::fs::read(dir.path().join("org.toml")).expect("model"),
        before
    );
}

#[test]
fn bad_focus_or_kind_is_a_usage_error() {
    let dir = scratch();
    let output = orgraph(dir.path())
        .args(["export", "org.toml", "--focus", "cto"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).starts_with("error: no role `cto` in the model")
    );
    let output = orgraph(dir.path())
        .args(["export", "org.toml", "--kinds", "what,wat"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("did you mean `what`?"));
    assert!(
        !dir.path().join("output").exists(),
        "nothing is written on exit 2"
    );
}

#[test]
fn png_and_pdf_without_graphviz_say_how_to_install_it() {
    let dir = scratch();
    for format in ["png", "pdf"] {
        let output = orgraph(dir.path())
            .env("PATH", "")
            .args(["export", "org.toml", "--format", format])
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{format}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("install Graphviz (apt-get install graphviz, brew install graphviz)"),
            "{stderr}"
        );
    }
    // SVG falls back to the built-in layout.
    let output = orgraph(dir.path())
        .env("PATH", "")
        .args(["export", "org.toml", "-o", "-"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("<svg xmlns="));
    assert!(!dir.path().join("output").exists());
}

#[test]
fn findings_are_drawn_unless_turned_off() {
    let dir = scratch();
    let run = |extra: &[&str]| {
        let output = orgraph(dir.path())
            .args(["export", "org.toml", "--format", "dot", "-o", "-"])
            .args(extra)
            .output()
            .expect("runs");
        assert!(output.status.success());
        String::from_utf8(output.stdout).expect("text")
    };
    assert!(run(&[]).contains("nobody owns: market @ product"));
    assert!(!run(&["--no-findings"]).contains("#d62728"));
}

#[test]
fn png_through_graphviz() {
    common::require_dot();
    let dir = scratch();
    orgraph(dir.path())
        .args(["export", "org.toml", "--format", "png", "--view", "full"])
        .assert()
        .success();
    let png = std::fs::read(dir.path().join("output/org-full.png")).expect("written");
    assert!(png.starts_with(b"\x89PNG"), "a PNG file");
}

#[cfg(unix)]
#[test]
fn written_files_have_the_usual_mode_under_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch();
    let binary = assert_cmd::cargo::cargo_bin("orgraph");
    for (umask, mode) in [("022", 0o644), ("002", 0o664), ("077", 0o600)] {
        // The umask is set by a shell, as a user's session sets it.
        let status = std::process::Command::new("sh")
            .current_dir(dir.path())
            .arg("-c")
            .arg(format!(
                "umask {umask} && exec \"$0\" export org.toml --format dot -o out.dot"
            ))
            .arg(&binary)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("sh runs");
        assert!(status.success(), "umask {umask}");
        let written = std::fs::metadata(dir.path().join("out.dot")).expect("written");
        assert_eq!(
            written.permissions().mode() & 0o777,
            mode,
            "umask {umask}: mode {:o}",
            written.permissions().mode() & 0o777
        );
    }
}
