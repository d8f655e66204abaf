//! `orgraph compare`: matching, the findings diff, every format, `-o`, and exit codes.

mod common;

use common::run as orgraph;
use orgraph::compare::{self, Match};
use orgraph::model::{Canon, Model};
use serde_json::{Value, json};
use std::path::Path;

const BEFORE: &str = "tests/fixtures/compare/before.toml";
const AFTER: &str = "tests/fixtures/compare/after.toml";

fn load(path: &str) -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    orgraph::load(&path, &Canon::builtin()).unwrap()
}

fn compare_json(paths: &[&str]) -> Value {
    let mut args = vec!["compare"];
    args.extend(paths);
    args.extend(["--format", "json"]);
    let (code, stdout, stderr) = orgraph(&args);
    assert_eq!((code, stderr.as_str()), (0, ""));
    serde_json::from_str(&stdout).unwrap()
}

/// A role row as (key, rule, ids per model).
type Row<'a> = (&'a str, Option<Match>, Vec<Option<&'a str>>);

#[test]
fn roles_match_by_id_then_archetype_then_title() {
    let models = [load(BEFORE), load(AFTER)];
    let comparison = compare::compare(&models, &Canon::builtin()).unwrap();
    let rows: Vec<Row> = comparison
        .roles
        .iter()
        .map(|row| {
            let ids = (0..2)
                .map(|side| row.roles[side].map(|r| comparison.role_id(side, r)))
                .collect();
            (row.key.as_str(), row.by, ids)
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("ceo", Some(Match::Id), vec![Some("ceo"), Some("ceo")]),
            (
                "product-manager",
                Some(Match::Archetype),
                vec![Some("pm"), Some("product-lead")]
            ),
            (
                "product-marketing-manager",
                Some(Match::Archetype),
                vec![Some("pmm"), Some("pmm-core")]
            ),
            (
                "Engineering Lead",
                Some(Match::Title),
                vec![Some("eng"), Some("engineering-lead")]
            ),
            ("ops", None, vec![Some("ops"), None]),
            ("marketing", None, vec![None, Some("marketing")]),
            ("engineer", None, vec![None, Some("engineer")]),
            ("pm-mobile", None, vec![None, Some("pm-mobile")]),
        ]
    );
}

#[test]
fn the_change_introduces_and_resolves_findings() {
    let models = [load(BEFORE), load(AFTER)];
    let comparison = compare::compare(&models, &Canon::builtin()).unwrap();
    let (introduced, resolved) = comparison.change().unwrap();
    let keys = |rows: Vec<&compare::FindingRow>| -> Vec<(String, String)> {
        rows.iter()
            .map(|r| (r.check.code().to_string(), r.subject.clone()))
            .collect()
    };
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    assert_eq!(
        keys(introduced),
        pairs(&[
            ("archetype-drift", "pm-mobile"),
            ("duplicate-owner", "what@product"),
            ("narrow-span", "engineering-lead"),
        ])
    );
    assert_eq!(
        keys(resolved),
        pairs(&[("archetype-drift", "pmm"), ("idle-role", "ops")])
    );
    let differences = comparison.differences();
    assert_eq!((differences.roles, differences.findings), (4, 5));

    let (_, human, _) = orgraph(&["compare", BEFORE, AFTER]);
    assert!(human.contains("It introduces 3 findings:"));
    assert!(human.contains("It resolves 2 findings:"));
}

#[test]
fn comparing_a_model_with_itself_shows_no_differences() {
    for path in [BEFORE, AFTER, "tests/fixtures/extends/hires.toml"] {
        let models = [load(path), load(path)];
        let comparison = compare::compare(&models, &Canon::builtin()).unwrap();
        assert!(comparison.differences().none(), "{path}");
        assert!(comparison.roles.iter().all(|r| r.by == Some(Match::Id)));
        assert_eq!(
            comparison.change().map(|(i, r)| (i.len(), r.len())),
            Some((0, 0))
        );

        let (code, stdout, _) = orgraph(&["compare", path, path]);
        assert_eq!(code, 0);
        assert!(stdout.contains("It introduces no finding."));
        assert!(stdout.contains("It resolves no finding."));
        assert!(stdout.contains("No differences"), "{stdout}");
    }
}

#[test]
fn json_has_the_spec_shape() {
    let report = compare_json(&[BEFORE, AFTER]);
    let keys =
        |value: &Value| -> Vec<String> { value.as_object().unwrap().keys().cloned().collect() };
    assert_eq!(
        keys(&report),
        ["models", "kinds", "roles", "findings", "changes", "match"]
    );
    let model = &report["models"][1];
    assert_eq!(model["path"], AFTER);
    assert_eq!(model["name"], "After: <first> \"hires\"");
    assert_eq!(
        keys(&model["metrics"])[..6],
        [
            "roles", "people", "layers", "max_span", "max_hats", "findings"
        ]
    );
    assert_eq!(model["metrics"]["findings"], json!({"deny": 1, "warn": 2}));
    let what = &report["kinds"][0];
    assert_eq!(what["kind"], "what");
    assert_eq!(
        what["holders"],
        json!([["pm"], ["product-lead", "pm-mobile"]])
    );
    assert_eq!(
        report["roles"][1],
        json!({"key": "product-manager", "ids": ["pm", "product-lead"], "match": "archetype"})
    );
    assert_eq!(
        report["findings"][2],
        json!({"code": "duplicate-owner", "subject": "what@product", "in": [false, true],
               "levels": [null, "deny"],
               "messages": [null, "`what@product` has 2 accountable roles: `product-lead` (Product Lead) and `pm-mobile` (Product Manager, Mobile)"]})
    );
    insta::assert_snapshot!(serde_json::to_string_pretty(&report).unwrap());
}

#[test]
fn json_marks_kinds_a_model_lacks_as_null() {
    let report = compare_json(&[
        "tests/fixtures/compare/before.toml",
        "tests/fixtures/compare/extra-kind.toml",
    ]);
    let resources = report["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kind"] == "resources")
        .unwrap();
    assert_eq!(resources["holders"], json!([null, ["pjm"]]));
    let checkout = resources["scopes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["scope"] == "checkout")
        .unwrap();
    assert_eq!(checkout["holders"], json!([null, ["pjm"]]));
}

#[test]
fn human_report_fits_in_100_columns() {
    let (code, stdout, stderr) = orgraph(&["compare", BEFORE, AFTER]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    for line in stdout.lines() {
        assert!(line.chars().count() <= 100, "{line}");
    }
    insta::assert_snapshot!(stdout);
}

#[test]
fn markdown_report() {
    let (code, stdout, _) = orgraph(&["compare", BEFORE, AFTER, "--format", "markdown"]);
    assert_eq!(code, 0);
    // User text cannot open markup: the model name's `<first>` is escaped.
    assert!(stdout.contains(r#"After: \<first\> \"hires\""#), "{stdout}");
    insta::assert_snapshot!(stdout);
}

#[test]
fn three_models_match_a_role_across_all_of_them() {
    let report = compare_json(&[
        "tests/fixtures/extends/founders.toml",
        "tests/fixtures/extends/hires.toml",
        AFTER,
    ]);
    let row = |key: &str| {
        report["roles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["key"] == key)
            .cloned()
            .unwrap()
    };
    // Matched by id in the first two, by archetype in the third.
    assert_eq!(row("pm")["ids"], json!(["pm", "pm", "product-lead"]));
    assert_eq!(row("pm")["match"], "archetype");
    assert_eq!(
        row("Engineering Lead")["ids"],
        json!(["eng", null, "engineering-lead"])
    );
}

#[test]
fn output_file_is_written_whole_and_never_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("nested/compare.md");
    let out = out.to_str().unwrap();
    let (code, stdout, stderr) =
        orgraph(&["compare", BEFORE, AFTER, "--format", "markdown", "-o", out]);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "", ""));
    let (_, expected, _) = orgraph(&["compare", BEFORE, AFTER, "--format", "markdown", "-o", "-"]);
    assert_eq!(std::fs::read_to_string(out).unwrap(), expected);

    // The model, and the base it extends, are inputs.
    let child = "tests/fixtures/extends/hires.toml";
    for input in [child, "tests/fixtures/extends/founders.toml"] {
        let before = std::fs::read_to_string(input).unwrap();
        let (code, stdout, stderr) = orgraph(&["compare", BEFORE, child, "-o", input]);
        assert_eq!(code, 2);
        assert_eq!(stdout, "");
        assert!(
            stderr.contains("refusing to write over the input file"),
            "{stderr}"
        );
        assert_eq!(std::fs::read_to_string(input).unwrap(), before);
    }
}

#[test]
fn bad_usage_and_bad_models_exit_2() {
    let (code, stdout, _) = orgraph(&["compare", BEFORE]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    let (code, stdout, stderr) =
        orgraph(&["compare", BEFORE, "tests/fixtures/extends/cycle-a.toml"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(stderr.contains("`extends` forms a cycle"), "{stderr}");
    let (code, _, stderr) = orgraph(&["compare", BEFORE, AFTER, "--format", "svg"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("invalid value 'svg'"), "{stderr}");
}
