//! `orgraph man`: roff pages for orgraph and each subcommand, which groff formats without a
//! warning.

mod common;

use std::process::Command;

/// Every subcommand `orgraph --help` lists, but `help`.
fn subcommands() -> Vec<String> {
    let (code, help, _) = common::run(&["--help"]);
    assert_eq!(code, 0);
    let commands = help
        .split("Commands:\n")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .expect("a Commands section");
    let names: Vec<String> = commands
        .lines()
        // A name starts a line; a wrapped description goes on indented further.
        .filter(|line| !line.starts_with("   "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(String::from)
        .collect();
    assert!(names.len() >= 10, "{names:?}");
    names
}

/// `groff`'s warnings about a page, formatting it as `man` would.
fn groff_warnings(roff: &[u8]) -> String {
    use std::io::Write;
    let mut groff = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("groff is installed (.ci/run installs groff-base)");
    groff.stdin.take().unwrap().write_all(roff).unwrap();
    let output = groff.wait_with_output().unwrap();
    assert!(output.status.success());
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn main_page_lists_every_subcommand() {
    let (code, page, stderr) = common::run(&["man"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        page.contains(&format!(
            ".TH orgraph 1  \"orgraph {}\"",
            env!("CARGO_PKG_VERSION")
        )),
        "{page}"
    );
    for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "SUBCOMMANDS"] {
        assert!(page.contains(&format!("\n.SH {section}\n")), "no {section}");
    }
    for name in subcommands() {
        assert!(
            page.contains(&format!("orgraph\\-{name}(1)")),
            "the main page does not list `{name}`"
        );
    }
    assert_eq!(groff_warnings(page.as_bytes()), "");
}

#[test]
fn a_directory_gets_a_page_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    std::fs::create_dir(&out).unwrap();
    let run = common::orgraph(dir.path())
        .args(["man", "-o", "man1"])
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    let mut expected: Vec<String> = subcommands()
        .iter()
        .map(|name| format!("orgraph-{name}.1"))
        .collect();
    expected.push("orgraph.1".into());
    expected.push("orgraph-import-csv.1".into());
    expected.push("orgraph-import-backstage.1".into());
    expected.push("orgraph-import-raci.1".into());
    expected.sort();
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, expected);
    // Each written path on a line of stdout.
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(stdout.lines().count(), expected.len(), "{stdout}");
    for file in &files {
        let roff = std::fs::read(out.join(file)).unwrap();
        let stem = file.trim_end_matches(".1");
        let title = format!(".TH {stem} 1 ");
        assert!(
            String::from_utf8_lossy(&roff).contains(&title),
            "{file} has no `{title}`"
        );
        assert_eq!(groff_warnings(&roff), "", "{file}");
    }
}

#[test]
fn one_page_by_name_to_stdout_or_a_file() {
    let (code, check, stderr) = common::run(&["man", "check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(check.contains(".TH orgraph-check 1 "));
    assert!(check.contains("\\-\\-strict"), "the options are missing");
    let (_, same, _) = common::run(&["man", "orgraph-check.1"]);
    assert_eq!(same, check);

    let dir = tempfile::tempdir().unwrap();
    let run = common::orgraph(dir.path())
        .args(["man", "check", "-o", "check.1"])
        .output()
        .unwrap();
    assert!(run.status.success());
    assert_eq!(String::from_utf8_lossy(&run.stdout), "check.1\n");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("check.1")).unwrap(),
        check
    );
}

#[test]
fn a_file_gets_the_main_page() {
    let dir = tempfile::tempdir().unwrap();
    let run = common::orgraph(dir.path())
        .args(["man", "-o", "orgraph.1"])
        .output()
        .unwrap();
    assert!(run.status.success());
    let (_, main, _) = common::run(&["man"]);
    let written = std::fs::read_to_string(dir.path().join("orgraph.1")).unwrap();
    assert_eq!(written, main);
}

#[test]
fn an_unknown_page_exits_2_naming_the_pages() {
    let (code, stdout, stderr) = common::run(&["man", "chekc"]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(
        stderr.starts_with("error: no man page `chekc`; the pages are: orgraph, check, "),
        "{stderr}"
    );
}

#[test]
fn pages_are_the_same_bytes_every_time() {
    let (_, first, _) = common::run(&["man", "export"]);
    let (_, second, _) = common::run(&["man", "export"]);
    assert_eq!(first, second);
}
