//! `orgraph compare` on two snapshots: the `changes` section (each kind of change, in every
//! format), `--match`, `--changes-only`, and the fixes from the real-data trial (findings kept
//! apart by message, findings keyed by check, kinds that are not required).

mod common;

use common::run as orgraph;
use serde_json::{Value, json};

const BEFORE: &str = "tests/fixtures/compare/changes-before.toml";
const AFTER: &str = "tests/fixtures/compare/changes-after.toml";
const FINDINGS_BEFORE: &str = "tests/fixtures/compare/findings-before.toml";
const FINDINGS_AFTER: &str = "tests/fixtures/compare/findings-after.toml";

fn compare(args: &[&str]) -> String {
    let mut all = vec!["compare"];
    all.extend(args);
    let (code, stdout, stderr) = orgraph(&all);
    assert_eq!((code, stderr.as_str()), (0, ""), "{all:?}");
    stdout
}

fn compare_json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&compare(&all)).unwrap()
}

#[test]
fn every_kind_of_change_is_found_by_id() {
    let report = compare_json(&[BEFORE, AFTER]);
    assert_eq!(
        report["changes"],
        json!({
            "people": {
                "joined": ["ki", "nu"],
                "left": ["gu"],
                // `mo` fills `rep` first, whose manager stays: only the first role counts.
                "moved": [{"person": "jo", "from": "vp-eng", "to": "vp-product"},
                          {"person": "ha", "from": "vp-eng", "to": "vp-product"}],
                "retitled": [{"person": "di", "from": "Engineer", "to": "Senior Engineer"},
                             {"person": "ik", "from": "QA Engineer", "to": "Test Engineer"}]
            },
            "roles": {
                "added": ["vp-product", "senior-eng", "eng-platform"],
                "removed": ["ops"],
                "moved": [{"role": "advisor", "from": "ceo", "to": null},
                          {"role": "designer", "from": "vp-eng", "to": "vp-product"}],
                "retitled": [{"role": "qa", "from": "QA Engineer", "to": "Test Engineer"}]
            },
            // Seats: vp-eng had eng (3 people), designer (ha, mo) and qa; ceo lost ops and the
            // vacant advisor (1 seat each) and gained vp-product. Ties in file order.
            "spans": [{"role": "vp-eng", "from": 6, "to": 3},
                      {"role": "ceo", "from": 4, "to": 3},
                      {"role": "vp-sales", "from": 2, "to": 3}]
        })
    );
}

#[test]
fn changes_are_on_ids_whatever_match_says() {
    let by_id = compare_json(&[BEFORE, AFTER, "--match", "id"]);
    for rules in ["title", "archetype,title", "title,archetype,id"] {
        let report = compare_json(&[BEFORE, AFTER, "--match", rules]);
        assert_eq!(report["changes"], by_id["changes"], "--match {rules}");
    }
}

#[test]
fn a_model_compared_with_itself_has_no_changes() {
    let report = compare_json(&[BEFORE, BEFORE]);
    assert_eq!(
        report["changes"],
        json!({"people": {"joined": [], "left": [], "moved": [], "retitled": []},
               "roles": {"added": [], "removed": [], "moved": [], "retitled": []},
               "spans": []})
    );
    let human = compare(&[BEFORE, BEFORE, "--changes-only"]);
    assert!(
        human.contains("Nothing changed: the same people and roles"),
        "{human}"
    );
}

#[test]
fn three_models_have_no_changes_section() {
    let report = compare_json(&[BEFORE, AFTER, BEFORE]);
    assert!(report.get("changes").is_none());
    let human = compare(&[BEFORE, AFTER, BEFORE]);
    assert!(!human.contains("Changes from"), "{human}");
}

#[test]
fn human_output_names_people_and_roles_by_title() {
    let human = compare(&[BEFORE, AFTER]);
    for line in [
        "  People: 2 joined, 1 left, 2 moved to another manager, 2 retitled. Roles: 3 added, 1 removed, 2",
        "    - ki, VP Product, reports to Chief Executive Officer (ceo)",
        "    - jo, Engineer: VP Engineering (vp-eng) -> VP Product (vp-product)",
        "    - di: Engineer -> Senior Engineer",
        "    - Advisor (advisor): Chief Executive Officer (ceo) -> no manager",
        "    - Operations (ops), reports to Chief Executive Officer (ceo)",
        "    - qa: QA Engineer -> Test Engineer",
        "    - VP Engineering (vp-eng): 6 -> 3 (-3)",
    ] {
        assert!(
            human.lines().any(|l| l == line),
            "missing {line:?} in\n{human}"
        );
    }
    for line in human.lines() {
        assert!(line.chars().count() <= 100, "{line}");
    }
    insta::assert_snapshot!(human);
}

#[test]
fn markdown_json_and_changes_only_snapshots() {
    insta::assert_snapshot!(
        "markdown",
        compare(&[BEFORE, AFTER, "--format", "markdown"])
    );
    insta::assert_snapshot!("json", compare(&[BEFORE, AFTER, "--format", "json"]));
    insta::assert_snapshot!("changes_only", compare(&[BEFORE, AFTER, "--changes-only"]));
    insta::assert_snapshot!(
        "changes_only_json",
        compare(&[BEFORE, AFTER, "--changes-only", "--format", "json"])
    );
}

#[test]
fn changes_only_prints_the_changes_and_the_findings_introduced_and_resolved() {
    let human = compare(&[BEFORE, AFTER, "--changes-only"]);
    let titles: Vec<&str> = human
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with(' '))
        .collect();
    assert_eq!(
        titles,
        [
            "Changes from changes-before to changes-after, by id",
            "Findings from changes-before to changes-after"
        ]
    );
    let markdown = compare(&[BEFORE, AFTER, "--changes-only", "--format", "markdown"]);
    let headings: Vec<&str> = markdown.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## Changes from changes-before to changes-after, by id",
            "## Findings from changes-before to changes-after"
        ]
    );
    // JSON keeps its keys, with only the rows that differ.
    let all = compare_json(&[BEFORE, AFTER]);
    let only = compare_json(&[BEFORE, AFTER, "--changes-only"]);
    assert_eq!(only["changes"], all["changes"]);
    let roles: Vec<&str> = only["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        roles,
        ["ops", "vp-product", "senior-eng", "eng-platform"],
        "rows that are not one id in every model"
    );
    assert!(
        only["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["in"] != json!([true, true]))
    );
}

#[test]
fn changes_only_with_three_models_shows_what_differs() {
    let human = compare(&[
        "tests/fixtures/compare/before.toml",
        "tests/fixtures/compare/after.toml",
        "tests/fixtures/compare/before.toml",
        "--changes-only",
    ]);
    assert!(!human.contains("Size and shape"), "{human}");
    assert!(human.contains("Roles, matched by id, then archetype, then title"));
    assert!(human.contains("\n  what "), "{human}");
    // Only the findings that are not in every model, without the counts per check.
    assert!(
        human.contains("\n  0 findings in every model, 5 not.\n"),
        "{human}"
    );
    assert!(!human.contains("\n  check "), "{human}");
}

#[test]
fn lists_are_cut_at_20_in_the_terminal_and_complete_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let role = "[[role]]\nid = \"ceo\"\ntitle = \"CEO\"\n\n[[role]]\nid = \"eng\"\ntitle = \"Engineer\"\nreports_to = \"ceo\"\n";
    let people = |count: usize| -> String {
        (0..count)
            .map(|i| format!("\n[[person]]\nid = \"p{i:02}\"\nfills = [\"eng\"]\n"))
            .collect()
    };
    let before = dir.path().join("before.toml");
    let after = dir.path().join("after.toml");
    std::fs::write(&before, format!("name = \"B\"\n{role}{}", people(2))).unwrap();
    std::fs::write(&after, format!("name = \"A\"\n{role}{}", people(27))).unwrap();
    let (before, after) = (before.to_str().unwrap(), after.to_str().unwrap());

    let human = compare(&[before, after, "--changes-only"]);
    assert!(human.contains("  25 people joined:\n"), "{human}");
    assert!(human.contains("    - p21, Engineer, reports to CEO (ceo)\n"));
    assert!(!human.contains("    - p22,"), "{human}");
    assert!(human.contains("    - and 5 more (--format json or markdown lists them all)\n"));
    assert!(
        human.contains("    - CEO (ceo): 2 -> 27 (+25)\n"),
        "{human}"
    );
    let markdown = compare(&[before, after, "--changes-only", "--format", "markdown"]);
    assert!(
        markdown.contains("- p26, Engineer, reports to CEO \\(ceo\\)"),
        "{markdown}"
    );
    let report = compare_json(&[before, after]);
    assert_eq!(
        report["changes"]["people"]["joined"]
            .as_array()
            .unwrap()
            .len(),
        25
    );
}

#[test]
fn match_id_never_pairs_two_different_ids() {
    let (before, after) = (
        "tests/fixtures/compare/before.toml",
        "tests/fixtures/compare/after.toml",
    );
    let report = compare_json(&[before, after, "--match", "id"]);
    for row in report["roles"].as_array().unwrap() {
        let ids: Vec<&str> = row["ids"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert!(ids.windows(2).all(|w| w[0] == w[1]), "{row}");
        assert!(row["match"] == "id" || row["match"].is_null(), "{row}");
    }
    assert_eq!(report["match"], json!(["id"]));
    let human = compare(&[before, after, "--match", "id"]);
    assert!(human.contains("\nRoles, matched by id\n"), "{human}");
}

#[test]
fn match_rules_apply_in_the_order_given() {
    let (before, after) = (
        "tests/fixtures/compare/before.toml",
        "tests/fixtures/compare/after.toml",
    );
    let rows = |rules: &str| -> Vec<(String, Value, Value)> {
        compare_json(&[before, after, "--match", rules])["roles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["key"].as_str().unwrap().to_string(),
                    r["ids"].clone(),
                    r["match"].clone(),
                )
            })
            .collect()
    };
    // Title first: `ceo` pairs by its title, `eng` with `engineering-lead`; the product
    // managers have other titles and stay apart without the archetype rule.
    let by_title = rows("title");
    assert!(by_title.contains(&(
        "Chief Executive Officer".into(),
        json!(["ceo", "ceo"]),
        json!("title")
    )));
    assert!(by_title.contains(&("pm".into(), json!(["pm", null]), Value::Null)));
    assert!(by_title.contains(&(
        "Engineering Lead".into(),
        json!(["eng", "engineering-lead"]),
        json!("title")
    )));
    // Archetype, then id: the product managers pair by archetype.
    let rows_ai = rows("archetype,id");
    assert!(rows_ai.contains(&(
        "product-manager".into(),
        json!(["pm", "product-lead"]),
        json!("archetype")
    )));
    assert!(rows_ai.contains(&("ceo".into(), json!(["ceo", "ceo"]), json!("id"))));
    let human = compare(&[before, after, "--match", "archetype,id"]);
    assert!(
        human.contains("\nRoles, matched by archetype, then id\n"),
        "{human}"
    );
}

#[test]
fn bad_match_rules_exit_2_naming_the_rules() {
    for (rules, message) in [
        (
            "name",
            "unknown rule `name`: the rules are `id`, `archetype` and `title`",
        ),
        ("id,id", "the rule `id` is given twice"),
        ("", "unknown rule ``"),
    ] {
        let (code, stdout, stderr) = orgraph(&["compare", BEFORE, AFTER, "--match", rules]);
        assert_eq!((code, stdout.as_str()), (2, ""), "{rules}");
        assert!(stderr.contains(message), "{rules}: {stderr}");
    }
}

#[test]
fn findings_with_one_subject_and_other_messages_are_separate_rows() {
    let report = compare_json(&[FINDINGS_BEFORE, FINDINGS_AFTER]);
    let conflicting: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "conflicting-levels")
        .collect();
    assert_eq!(conflicting.len(), 5, "{conflicting:?}");
    assert!(conflicting.iter().all(|f| f["subject"] == "how@product"));
    let fixed: Vec<&Value> = conflicting
        .iter()
        .copied()
        .filter(|f| f["in"] == json!([true, false]))
        .collect();
    assert_eq!(
        fixed
            .iter()
            .map(|f| f["messages"][0].clone())
            .collect::<Vec<_>>(),
        [
            json!("`a1` (Analyst 1) holds `how@product` at several levels: consulted, informed"),
            json!("`a2` (Analyst 2) holds `how@product` at several levels: consulted, informed"),
        ]
    );
    let human = compare(&[FINDINGS_BEFORE, FINDINGS_AFTER, "--changes-only"]);
    assert!(human.contains("  It resolves 3 findings:\n"), "{human}");
}

#[test]
fn findings_that_grow_with_the_org_are_keyed_by_check_alone() {
    let report = compare_json(&[FINDINGS_BEFORE, FINDINGS_AFTER]);
    let roots: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "multiple-roots")
        .collect();
    // Two roots, then three: the same finding, with each model's message.
    assert_eq!(
        roots,
        [
            &json!({"code": "multiple-roots", "subject": "", "in": [true, true],
                 "levels": ["warn", "warn"],
                 "messages": ["2 roles report to nobody: `lead` (Product Lead) and `lab` (Lab)",
                              "3 roles report to nobody: `lead` (Product Lead), `lab` (Lab) and `advisor` (Advisor)"]})
        ]
    );
    let human = compare(&[FINDINGS_BEFORE, FINDINGS_AFTER, "--changes-only"]);
    assert!(!human.contains("multiple-roots"), "{human}");
}

#[test]
fn a_kind_that_is_not_required_is_not_a_gap() {
    let human = compare(&[FINDINGS_BEFORE, FINDINGS_AFTER]);
    // `what` is required and owned; `market` is neither.
    assert!(
        human.contains("\n  market         -                   -\n"),
        "{human}"
    );
    assert!(!human.contains("(nobody)  "), "{human}");
    let report = compare_json(&[FINDINGS_BEFORE, FINDINGS_AFTER]);
    let kinds = report["kinds"].as_array().unwrap();
    assert_eq!(kinds[0]["required"], json!([true, true]));
    assert_eq!(kinds[4]["kind"], "market");
    assert_eq!(kinds[4]["required"], json!([false, false]));

    // A required kind nobody owns is still a gap.
    let dir = tempfile::tempdir().unwrap();
    let gap = dir.path().join("gap.toml");
    std::fs::write(
        &gap,
        "name = \"Gap\"\n[policy]\nrequired = [\"what\", \"how\"]\n\n[[role]]\nid = \"pm\"\ntitle = \"PM\"\nowns = [\"what\"]\n",
    )
    .unwrap();
    let human = compare(&[FINDINGS_BEFORE, gap.to_str().unwrap()]);
    assert!(
        human.contains("\n  how            -                   (nobody)\n"),
        "{human}"
    );
}
