//! The canon: the built-in one written as a `--canon` file reads back the same, and a file
//! given with `--canon` replaces it for the checks.

mod common;

use orgraph::model::{Canon, Format};

#[test]
fn the_builtin_canon_written_as_a_file_reads_back_the_same() {
    let builtin = Canon::builtin();
    let text = builtin.to_toml();
    let read = Canon::parse("canon.toml", Format::Toml, &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read, builtin);
    assert_eq!(builtin.archetypes.len(), 7);
}

#[test]
fn a_canon_file_replaces_the_builtin_one_for_the_checks() {
    let model = "tests/fixtures/checks/archetype-drift.fires.toml";
    let drift = |args: &[&str]| {
        let (code, stdout, stderr) = common::run(args);
        assert_eq!(code, 0, "{stderr}");
        let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "archetype-drift")
            .map(|f| f["kind"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        drift(&["check", model, "--format", "json"]),
        ["what", "strategy", "market"]
    );

    // This company's product managers also own the market: no drift there any more.
    let (_, canon, _) = common::run(&["archetypes", "--format", "toml"]);
    let edited = canon.replacen(
        "may_own = [\"what\"]",
        "may_own = [\"what\", \"market\"]",
        1,
    );
    assert_ne!(edited, canon);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("our-canon.toml");
    std::fs::write(&path, edited).unwrap();
    let path = path.to_str().unwrap();
    assert_eq!(
        drift(&["check", model, "--format", "json", "--canon", path]),
        ["what", "strategy"]
    );
}

#[test]
fn a_broken_canon_file_is_an_input_error_with_its_location() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("canon.toml");
    std::fs::write(&path, "[[archetype]]\nid = \"pm\"\ntrack = \"boss\"\n").unwrap();
    let (code, stdout, stderr) = common::run(&["archetypes", "--canon", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(stderr.contains("invalid track \"boss\""), "{stderr}");
    assert!(stderr.contains("canon.toml:3:9"), "{stderr}");
}
