//! Title rules (`import csv --rules`): the shipped GitLab rules on the real export, a small file
//! for each feature, and every mistake in a rules file (exit 2 at the rule, nothing written).

mod import;

use import::{arg, check_and_export, fixture, import, real, refused, root};
use std::collections::BTreeSet;

const GITLAB_RULES: &str = "models/rules/gitlab-stage-group.toml";

/// `Plan:Product Planning` -> `plan-product-planning`, written out here as SPEC 7 says.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The `Stage:Group` a GitLab title ends with, read by hand: the text after the last `, `,
/// when it has one `:` (an `Interim ` before the stage is no part of it).
fn stage_group(title: &str) -> Option<String> {
    let (_, last) = title.rsplit_once(", ")?;
    let last = last.strip_prefix("Interim ").unwrap_or(last);
    let (stage, group) = last.split_once(':')?;
    let plain = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_alphabetic() || c == ' ');
    (plain(stage) && !group.contains(':')).then(|| slug(last))
}

#[test]
fn gitlab_product_groups_become_scopes() {
    let mut reader =
        csv::Reader::from_path(real("gitlab-team-2022-11-11.csv")).expect("the real file");
    let titles: Vec<String> = reader
        .records()
        .map(|r| r.expect("a record")[1].to_string())
        .collect();
    let with = |words: &str| -> BTreeSet<String> {
        titles
            .iter()
            .filter(|t| t.to_lowercase().contains(words))
            .filter_map(|t| stage_group(t))
            .collect()
    };
    let mut pm_groups = with("product manager");
    // The one title that spells the group out: `Product Manager, Plan Stage, Certify Group`.
    assert!(
        titles
            .iter()
            .any(|t| t == "Product Manager, Plan Stage, Certify Group")
    );
    pm_groups.insert("plan-certify".to_string());
    let em_groups = with("engineering manager");

    let written = import(&[
        "csv",
        arg(&real("gitlab-team-2022-11-11.csv")),
        "--rules",
        arg(&root().join(GITLAB_RULES)),
    ]);
    let file = &written.file;
    let owners = |kind: &str| -> BTreeSet<String> {
        file.role
            .iter()
            .flat_map(|r| &r.owns)
            .filter_map(|entry| entry.strip_prefix(&format!("{kind}@")))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(owners("what"), pm_groups);
    assert_eq!(owners("strategy"), pm_groups);
    assert_eq!(owners("how"), em_groups);
    assert_eq!(pm_groups.len(), 15);
    assert_eq!(em_groups.len(), 32);
    let scopes: BTreeSet<String> = file.scope.iter().map(|s| s.id.clone()).collect();
    assert!(scopes.is_superset(&pm_groups) && scopes.is_superset(&em_groups));
    assert_eq!(scopes.len(), 51);
    let plan = file
        .scope
        .iter()
        .find(|s| s.id == "plan-product-planning")
        .expect("the scope");
    assert_eq!(plan.name.as_deref(), Some("Plan:Product Planning"));
    assert_eq!(file.policy.required, ["what", "strategy", "how"]);
    let archetypes: BTreeSet<_> = file
        .role
        .iter()
        .filter_map(|r| r.archetype.as_deref())
        .collect();
    assert_eq!(
        archetypes,
        BTreeSet::from(["engineering-manager", "product-manager"])
    );

    // `check` names the groups without a product manager, and the ones with two owners.
    let run = import::orgraph(root(), &["check", arg(&written.path), "--format", "json"]);
    assert_eq!(run.code, 1, "gaps are errors: {}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let findings = json["findings"].as_array().expect("findings");
    let subjects = |code: &str, kind: &str| -> BTreeSet<String> {
        findings
            .iter()
            .filter(|f| f["code"] == code && f["kind"] == kind)
            .map(|f| f["scope"].as_str().expect("a scope").to_string())
            .collect()
    };
    let without_pm: BTreeSet<String> = scopes.difference(&pm_groups).cloned().collect();
    assert_eq!(subjects("gap", "what"), without_pm);
    assert_eq!(
        subjects("gap", "how"),
        scopes.difference(&em_groups).cloned().collect()
    );
    assert_eq!(
        subjects("duplicate-owner", "how"),
        BTreeSet::from([
            "fulfillment-purchase".to_string(),
            "govern-threat-insights".to_string()
        ])
    );
    check_and_export(&written);
}

#[test]
fn rules_give_archetypes_tracks_scopes_and_kinds() {
    let written = import(&[
        "csv",
        arg(&fixture("products.csv")),
        "--rules",
        arg(&fixture("rules/product.toml")),
    ]);
    insta::assert_snapshot!(written.text);
    // The designer's scope would be `***`, which slugs to nothing: warned, rule not applied.
    assert!(
        written
            .stderr
            .contains("the rule matches this title, but its scope `***` is empty"),
        "{}",
        written.stderr
    );
    assert!(
        written.stderr.contains("products.csv:9:8"),
        "{}",
        written.stderr
    );
    assert!(
        written.stderr.contains("product.toml:19:9"),
        "{}",
        written.stderr
    );
    check_and_export(&written);
}

#[test]
fn a_bad_regex_is_located_in_the_rules_file() {
    let stderr = refused(&[
        "csv",
        arg(&fixture("products.csv")),
        "--rules",
        arg(&fixture("rules/bad-regex.toml")),
    ]);
    assert!(
        stderr.contains("error: this rule's `match` is not a valid regex"),
        "{stderr}"
    );
    assert!(stderr.contains("bad-regex.toml:6:9"), "{stderr}");
    assert!(stderr.contains("unclosed group"), "{stderr}");
}

#[test]
fn a_rule_naming_a_missing_capture_is_located() {
    let stderr = refused(&[
        "csv",
        arg(&fixture("products.csv")),
        "--rules",
        arg(&fixture("rules/missing-capture.toml")),
    ]);
    assert!(
        stderr
            .contains("the scope names the capture `team`, which this rule's regex does not have"),
        "{stderr}"
    );
    assert!(stderr.contains("missing-capture.toml:4:9"), "{stderr}");
    assert!(
        stderr.contains("the regex's named captures: `stage`, `group`"),
        "{stderr}"
    );
}

#[test]
fn a_missing_rules_file_is_refused() {
    let stderr = refused(&[
        "csv",
        arg(&fixture("products.csv")),
        "--rules",
        "no-such-rules.toml",
    ]);
    assert!(
        stderr.contains("cannot read `no-such-rules.toml`: no such file"),
        "{stderr}"
    );
}
