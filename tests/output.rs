//! The one output guard, through every command that writes a file: an input is never
//! overwritten however the path is spelled, nothing is created on a refusal, and FIFOs and
//! directories are handled as such.

mod common;

use std::path::Path;
use std::process::Output;

const BASE: &str = "name = \"Base\"\n\n[[role]]\nid = \"ceo\"\ntitle = \"CEO\"\nowns = [\"what\", \"how\", \"strategy\", \"execution\", \"market\", \"customers\"]\n";
const CHILD: &str = "name = \"Child\"\nextends = \"../base.toml\"\n\n[[role]]\nid = \"cto\"\ntitle = \"CTO\"\nreports_to = \"ceo\"\n";

/// A scratch directory: `org.toml` (a model with findings), `base.toml`, `sub/child.toml` (extends `../base.toml`)
/// and `canon.toml`.
fn scratch() -> tempfile::TempDir {
    let dir = common::scratch();
    std::fs::write(dir.path().join("base.toml"), BASE).expect("base");
    std::fs::create_dir(dir.path().join("sub")).expect("sub/");
    std::fs::write(dir.path().join("sub/child.toml"), CHILD).expect("child");
    let canon = common::run(&["archetypes", "--format", "toml"]).1;
    std::fs::write(dir.path().join("canon.toml"), canon).expect("canon");
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    common::orgraph(dir).args(args).output().expect("runs")
}

/// Every file under `dir` with its bytes, to prove a refusal changed nothing.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(next) = todo.pop() {
        for entry in std::fs::read_dir(&next).expect("readable").flatten() {
            let path = entry.path();
            let name = path
                .strip_prefix(dir)
                .expect("inside")
                .display()
                .to_string();
            if path.is_dir() {
                files.push((format!("{name}/"), Vec::new()));
                todo.push(path);
            } else {
                files.push((name, std::fs::read(&path).unwrap_or_default()));
            }
        }
    }
    files.sort();
    files
}

/// Runs a command that must be refused with exit 2 and `message`, changing no file.
fn assert_refused(dir: &Path, args: &[&str], message: &str) {
    let before = snapshot(dir);
    let output = run(dir, args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(stderr.contains(message), "{args:?}: {stderr}");
    assert!(output.stdout.is_empty(), "{args:?}");
    assert_eq!(snapshot(dir), before, "{args:?} changed the directory");
}

const INPUT: &str = "refusing to write over the input file";

#[test]
fn export_never_writes_over_its_model_however_the_path_is_spelled() {
    let dir = scratch();
    for path in [
        "org.toml",
        "./org.toml",
        "nosuch/../org.toml",
        "nosuch/deeper/../../org.toml",
        "sub/../org.toml",
    ] {
        assert_refused(
            dir.path(),
            &["export", "org.toml", "--format", "json", "-o", path],
            INPUT,
        );
    }
}

#[test]
fn a_base_reached_through_dotdot_and_the_canon_are_inputs_too() {
    let dir = scratch();
    for path in ["base.toml", "nosuch/../base.toml", "sub/../base.toml"] {
        assert_refused(
            dir.path(),
            &["export", "sub/child.toml", "--format", "dot", "-o", path],
            INPUT,
        );
    }
    for path in ["canon.toml", "nosuch/../canon.toml"] {
        let args = ["export", "org.toml", "--canon", "canon.toml", "-o", path];
        assert_refused(dir.path(), &args, INPUT);
    }
}

#[test]
fn compare_never_writes_over_a_model_a_base_or_the_canon() {
    let dir = scratch();
    for path in [
        "org.toml",
        "nosuch/../org.toml",
        "sub/child.toml",
        "nosuch/../sub/child.toml",
        "nosuch/../base.toml",
        "nosuch/../canon.toml",
    ] {
        let args = [
            "compare",
            "org.toml",
            "sub/child.toml",
            "--canon",
            "canon.toml",
            "-o",
            path,
        ];
        assert_refused(dir.path(), &args, INPUT);
    }
}

#[cfg(unix)]
#[test]
fn an_input_given_through_a_symlink_or_a_hard_link_is_still_an_input() {
    let dir = scratch();
    std::os::unix::fs::symlink("org.toml", dir.path().join("link.toml")).expect("symlink");
    std::fs::hard_link(dir.path().join("org.toml"), dir.path().join("hard.toml"))
        .expect("hard link");
    for (model, path) in [
        ("link.toml", "org.toml"),
        ("org.toml", "link.toml"),
        ("hard.toml", "org.toml"),
        ("org.toml", "nosuch/../hard.toml"),
    ] {
        assert_refused(
            dir.path(),
            &["export", model, "--format", "dot", "-o", path],
            INPUT,
        );
    }
}

#[test]
fn a_dotdot_after_a_missing_directory_creates_nothing() {
    let dir = scratch();
    // The file goes where the path leads; of the directories, only those it needs are made.
    for (path, written) in [
        ("nosuch/../out.dot", "out.dot"),
        ("new/deeper/out.dot", "new/deeper/out.dot"),
    ] {
        let output = run(
            dir.path(),
            &["export", "org.toml", "--format", "dot", "-o", path],
        );
        assert!(output.status.success(), "{path}: {output:?}");
        assert!(dir.path().join(written).is_file(), "{path}");
    }
    assert!(!dir.path().join("nosuch").exists(), "nosuch/ was created");
}

#[test]
fn a_directory_as_output_gets_a_clear_message() {
    let dir = scratch();
    let message = "is a directory, not a file: give the path of the file to write";
    for path in ["sub", "sub/", "newdir/", "org.toml/", "."] {
        assert_refused(
            dir.path(),
            &["export", "org.toml", "--format", "dot", "-o", path],
            message,
        );
    }
    let args = ["compare", "org.toml", "sub/child.toml", "-o", "sub/"];
    assert_refused(dir.path(), &args, message);
}

/// A FIFO given to `-o` is written into, not replaced by a regular file (which left its reader
/// blocked forever).
#[cfg(unix)]
#[test]
fn a_fifo_is_written_into_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = scratch();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo");
    for command in [
        &["export", "org.toml", "--format", "dot", "-o", "pipe"][..],
        &[
            "compare",
            "org.toml",
            "sub/child.toml",
            "--format",
            "json",
            "-o",
            "pipe",
        ][..],
    ] {
        let mut reader = std::process::Command::new("cat")
            .arg(&fifo)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("cat runs");
        let output = run(dir.path(), command);
        let still_fifo = std::fs::symlink_metadata(&fifo)
            .map(|m| m.file_type().is_fifo())
            .unwrap_or(false);
        if !still_fifo {
            // The reader would wait forever on the FIFO that was replaced.
            let _ = reader.kill();
            let _ = reader.wait();
            panic!("{command:?} replaced the FIFO: {output:?}");
        }
        assert!(output.status.success(), "{command:?}: {output:?}");
        // Nothing names the FIFO on stdout: the bytes went into it.
        assert!(output.stdout.is_empty(), "{command:?}: {output:?}");
        let read = reader.wait_with_output().expect("cat ends");
        let text = String::from_utf8_lossy(&read.stdout);
        let expected = if command[0] == "export" {
            "digraph orgraph {"
        } else {
            "{"
        };
        assert!(text.starts_with(expected), "{command:?}: {text}");
    }
}

/// A reader that stops early (`-o /dev/stdout | head`, here a FIFO read by `head`) ends the
/// write quietly, as a closed stdout does.
#[cfg(unix)]
#[test]
fn a_fifo_closed_early_ends_quietly() {
    let dir = scratch();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo");
    let reader = std::process::Command::new("head")
        .args(["-c", "10"])
        .arg(&fifo)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("head runs");
    // Far more than a pipe holds, so the write meets the closed end.
    let model = common::root().join("models/enterprise.toml");
    let model = model.to_str().expect("a UTF-8 path");
    let args = [
        "export", model, "--view", "full", "--engine", "builtin", "-o", "pipe",
    ];
    let output = run(dir.path(), &args);
    let read = reader.wait_with_output().expect("head ends");
    assert_eq!(read.stdout, b"<?xml vers");
    assert!(output.status.success(), "{output:?}");
    assert!(output.stderr.is_empty(), "{output:?}");
}
