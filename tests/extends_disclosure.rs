//! `extends` never prints a file that is not a model (issue 8 item 11): checking an untrusted
//! model must not leak `../secret/creds.json` into a CI log. A base that reads as a model still
//! gets its snippets.

mod common;

use std::path::Path;

fn check(dir: &Path, base: &str) -> (Option<i32>, String) {
    std::fs::write(
        dir.join("org/child.toml"),
        format!("name = \"child\"\nextends = \"{base}\"\n"),
    )
    .expect("the child is written");
    let output = common::orgraph(dir)
        .args(["check", "org/child.toml"])
        .output()
        .expect("the binary runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_base_that_is_not_a_model_is_named_but_never_shown() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for sub in ["org", "secret"] {
        std::fs::create_dir(dir.path().join(sub)).expect("a directory");
    }
    let secrets = [
        ("creds.json", "{\"password\": \"hunter2\"}\n"),
        ("env.toml", "API_KEY = hunter2\n"),
        ("creds.yaml", "token: hunter2\n"),
        ("list.json", "[\"password\", \"hunter2\"]\n"),
        ("binary.toml", "key = \"\u{1}\"\n\u{0}hunter2"),
    ];
    for (name, text) in secrets {
        std::fs::write(dir.path().join("secret").join(name), text).expect("a secret");
        let (code, stderr) = check(dir.path(), &format!("../secret/{name}"));
        assert_eq!(code, Some(2), "{name}:\n{stderr}");
        for leaked in ["hunter2", "password", "API_KEY", "token"] {
            assert!(!stderr.contains(leaked), "{name} leaks {leaked}:\n{stderr}");
        }
        assert!(
            stderr.contains(&format!("org/../secret/{name}")),
            "{name}: where the problem is:\n{stderr}"
        );
        assert!(stderr.contains("org/child.toml:2:11"), "{name}:\n{stderr}");
    }
}

#[test]
fn a_base_that_reads_as_a_model_shows_its_lines() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::create_dir(dir.path().join("org")).expect("a directory");
    std::fs::write(
        dir.path().join("org/base.yaml"),
        "name: base\nrole:\n  - id: a\n    title: A\n    reports_to: nobody\n",
    )
    .expect("the base is written");
    let (code, stderr) = check(dir.path(), "base.yaml");
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("unknown role `nobody`"), "{stderr}");
    assert!(stderr.contains("    reports_to: nobody"), "{stderr}");
}
