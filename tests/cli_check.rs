//! `orgraph check` and `orgraph explain` through the binary: formats, levels and exit codes.

mod common;

use common::run as orgraph;

const SEVERAL: &str = "tests/fixtures/several.toml";

#[test]
fn human_report_of_a_model_with_several_findings() {
    let (code, stdout, stderr) = orgraph(&["check", SEVERAL]);
    assert_eq!(code, 1);
    assert_eq!(stderr, "");
    insta::assert_snapshot!(stdout);
}

#[test]
fn json_report_has_the_spec_shape() {
    let (code, stdout, _) = orgraph(&["check", SEVERAL, "--format", "json"]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["model"], SEVERAL);
    assert_eq!(report["summary"], serde_json::json!({"deny": 3, "warn": 7}));
    let first = &report["findings"][0];
    let keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "code", "level", "message", "roles", "scope", "kind", "people", "location"
        ]
    );
    insta::assert_snapshot!(stdout);
}

#[test]
fn sarif_report_is_sarif_2_1_0_with_one_rule_per_check() {
    let (code, stdout, _) = orgraph(&["check", SEVERAL, "--format", "sarif"]);
    assert_eq!(code, 1);
    let log: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(rules.len(), orgraph::check::Check::ALL.len());
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 10);
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], SEVERAL);
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
    }
    insta::assert_snapshot!(stdout);
}

#[test]
fn junit_report_fails_only_deny_checks() {
    let (code, stdout, _) = orgraph(&["check", SEVERAL, "--format", "junit"]);
    assert_eq!(code, 1);
    let mut reader = quick_xml::Reader::from_str(&stdout);
    let (mut cases, mut failures) = (0, 0);
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                match e.name().as_ref() {
                    "testcase" => cases += 1,
                    "failure" => failures += 1,
                    _ => {}
                }
            }
            _ => {}
        }
    }
    assert_eq!(cases, orgraph::check::Check::ALL.len());
    assert_eq!(failures, 2, "gap and duplicate-owner fail");
    insta::assert_snapshot!(stdout);
}

#[test]
fn exit_codes_follow_the_levels() {
    let clean = "models/product-org.toml";
    let warnings_only = "tests/fixtures/checks/narrow-span.fires.toml";
    let cases: &[(&[&str], i32)] = &[
        (&["check", clean], 0),
        (&["check", SEVERAL], 1),
        (
            &[
                "check",
                SEVERAL,
                "--allow",
                "gap",
                "--allow",
                "duplicate-owner",
            ],
            0,
        ),
        (
            &[
                "check",
                SEVERAL,
                "--warn",
                "gap",
                "--warn",
                "duplicate-owner",
            ],
            0,
        ),
        (&["check", warnings_only], 0),
        (&["check", warnings_only, "--deny", "warnings"], 1),
        (&["check", warnings_only, "--strict"], 1),
        (&["check", warnings_only, "--deny", "narrow-span"], 1),
        (&["check", warnings_only, "--deny", "gap"], 0),
        (&["check", clean, SEVERAL], 1),
        (&["check", clean, warnings_only], 0),
        (
            &[
                "check",
                "tests/fixtures/checks/too-many-consulted.fires.toml",
                "--deny",
                "too-many-consulted",
            ],
            1,
        ),
        (
            &[
                "check",
                "tests/fixtures/checks/gap.fires.toml",
                "--deny",
                "warnings",
            ],
            1,
        ),
        (&["check", "models/does-not-exist.toml"], 2),
        (&["check", clean, "models/does-not-exist.toml"], 2),
        (&["check", clean, "--deny", "gaps"], 2),
        (&["check", clean, "--format", "xml"], 2),
        (&["check"], 2),
    ];
    for (args, expected) in cases {
        let (code, _, stderr) = orgraph(args);
        assert_eq!(code, *expected, "orgraph {}\n{stderr}", args.join(" "));
    }
}

#[test]
fn model_levels_apply_and_the_command_line_overrides_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("allowed.toml");
    let gap = std::fs::read_to_string("tests/fixtures/checks/gap.fires.toml").unwrap();
    std::fs::write(
        &path,
        gap.replacen("[policy]", "[checks]\ngap = \"allow\"\n\n[policy]", 1),
    )
    .unwrap();
    let path = path.to_str().unwrap();
    assert_eq!(orgraph(&["check", path]).0, 0);
    assert_eq!(orgraph(&["check", path, "--deny", "gap"]).0, 1);
}

#[test]
fn an_unknown_code_is_a_usage_error_with_a_suggestion() {
    let (code, stdout, stderr) = orgraph(&[
        "check",
        "models/product-org.toml",
        "--deny",
        "duplicate-owners",
    ]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("unknown check `duplicate-owners`; did you mean `duplicate-owner`?"),
        "{stderr}"
    );
    let (code, _, stderr) = orgraph(&["explain", "wide-spam"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean `wide-span`?"), "{stderr}");
}

#[test]
fn several_models_give_a_json_array() {
    let (code, stdout, _) = orgraph(&[
        "check",
        "models/product-org.toml",
        SEVERAL,
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    let reports: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let models: Vec<&str> = reports
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["model"].as_str().unwrap())
        .collect();
    assert_eq!(models, ["models/product-org.toml", SEVERAL]);
    assert_eq!(reports[0]["findings"], serde_json::json!([]));
}

#[test]
fn the_reference_model_has_no_finding() {
    let (code, stdout, _) = orgraph(&["check", "models/product-org.toml"]);
    assert_eq!(code, 0);
    assert_eq!(stdout, "models/product-org.toml: no findings\n");
}

#[test]
fn explain_lists_every_code_with_its_default_level() {
    let (code, stdout, _) = orgraph(&["explain"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(stdout);
}

#[test]
fn explain_gives_rule_reason_fix_and_example_for_every_check() {
    for check in orgraph::check::Check::ALL {
        let (code, stdout, _) = orgraph(&["explain", check.code()]);
        assert_eq!(code, 0);
        for part in [
            "What it looks for:",
            "Why it matters:",
            "How to fix it:",
            "Example:",
        ] {
            assert!(
                stdout.contains(part),
                "`explain {}` lacks {part:?}",
                check.code()
            );
        }
    }
}

#[test]
fn the_startup_reports_its_founders_hats() {
    let (code, stdout, _) = orgraph(&["check", "models/startup.toml", "--format", "json"]);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let hats: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "overloaded-person")
        .collect();
    assert_eq!(hats.len(), 1);
    assert_eq!(hats[0]["people"], serde_json::json!(["ana"]));
}

#[test]
fn the_enterprise_findings_are_the_ones_its_description_explains() {
    let (code, stdout, _) = orgraph(&["check", "models/enterprise.toml", "--format", "json"]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let found: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {} {}", f["code"], f["roles"], f["kind"]))
        .collect();
    insta::assert_snapshot!(found.join("\n"));
    let model = orgraph::load(
        std::path::Path::new("models/enterprise.toml"),
        &orgraph::Canon::builtin(),
    )
    .unwrap();
    let description = model.description.unwrap_or_default();
    for code in report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
    {
        assert!(
            description.contains(code),
            "the description does not explain {code}"
        );
    }
}

#[test]
fn only_reports_the_named_checks_and_the_exit_code_comes_from_them() {
    // several.toml has errors; narrow-span alone is a warning.
    let (code, stdout, stderr) = orgraph(&["check", SEVERAL, "--only", "narrow-span"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    insta::assert_snapshot!(stdout);
    let (code, comma, _) = orgraph(&["check", SEVERAL, "--only", "narrow-span,gap"]);
    let (repeated_code, repeated, _) =
        orgraph(&["check", SEVERAL, "--only", "gap", "--only", "narrow-span"]);
    assert_eq!((code, repeated_code), (1, 1));
    assert_eq!(comma, repeated);
    assert!(comma.contains("error[gap]") && comma.contains("warning[narrow-span]"));
    let (code, _, stderr) = orgraph(&["check", SEVERAL, "--only", "narow-span"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean `narrow-span`?"), "{stderr}");
}

#[test]
fn more_than_20_findings_end_with_a_table_of_counts_per_check() {
    let (code, stdout, _) = orgraph(&["check", "tests/fixtures/checks/many-findings.toml"]);
    assert_eq!(code, 1);
    let table = &stdout[stdout
        .find("tests/fixtures/checks/many-findings.toml: ")
        .unwrap()..];
    insta::assert_snapshot!(table);
    // 20 findings or fewer: no table.
    let (_, stdout, _) = orgraph(&["check", SEVERAL]);
    assert!(!stdout.contains("count  level  check"), "{stdout}");
}

#[test]
fn a_plain_org_chart_says_once_which_checks_did_not_run() {
    let (code, stdout, stderr) = orgraph(&["check", "tests/fixtures/checks/plain-chart.toml"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert_eq!(stdout.matches("plain org chart").count(), 1, "{stdout}");
    insta::assert_snapshot!(stdout);
    // Nothing to say when none of those checks was on.
    let (_, stdout, _) = orgraph(&[
        "check",
        "tests/fixtures/checks/plain-chart.toml",
        "--only",
        "multiple-roots",
    ]);
    assert!(!stdout.contains("plain org chart"), "{stdout}");
}
