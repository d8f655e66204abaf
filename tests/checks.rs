//! Each check on a fixture that triggers it (exact findings, as a snapshot) and on one that must not.

use orgraph::check::{Check, CheckOptions, Finding};
use orgraph::load;
use orgraph::model::{CheckLevel, Model};
use std::path::Path;

fn findings_of(path: &Path, check: Check) -> (Model, Vec<Finding>) {
    let mut options = CheckOptions::default();
    let model = load(path, &options.canon).unwrap_or_else(|e| panic!("{e}"));
    if check.default_level() == CheckLevel::Allow {
        options.overrides.warn.push(check);
    }
    let findings = orgraph::check(&model, &options)
        .findings
        .into_iter()
        .filter(|f| f.check == check)
        .collect();
    (model, findings)
}

/// One line per finding with every field a consumer sees.
fn describe(model: &Model, findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            let roles: Vec<&str> = f.roles.iter().map(|&r| model.roles[r].id.as_str()).collect();
            let people: Vec<&str> = f.people.iter().map(|&p| model.people[p].id.as_str()).collect();
            let kind = f.kind.map_or("-", |k| model.kinds[k].id.as_str());
            let scope = f.scope.map_or("-", |s| model.scopes[s].id.as_str());
            let at = f.span.map_or("-".to_string(), |s| {
                let l = model.sources.location(s);
                format!("{}:{}", l.line, l.column)
            });
            format!(
                "{} {} roles={roles:?} people={people:?} kind={kind} scope={scope} at={at}\n  {}\n  help: {}\n",
                f.check.code(),
                f.level.name(),
                f.message(model),
                f.help(model)
            )
        })
        .collect()
}

#[test]
fn every_check_fires_on_its_fixture_and_stays_quiet_on_the_other() {
    let dir = Path::new("tests/fixtures/checks");
    for &check in Check::ALL {
        let code = check.code();
        let (model, fired) = findings_of(&dir.join(format!("{code}.fires.toml")), check);
        assert!(!fired.is_empty(), "{code} did not fire on its fixture");
        insta::assert_snapshot!(format!("{code}-fires"), describe(&model, &fired));
        let (model, quiet) = findings_of(&dir.join(format!("{code}.quiet.toml")), check);
        assert!(
            quiet.is_empty(),
            "{code} fired on its quiet fixture:\n{}",
            describe(&model, &quiet)
        );
    }
}

/// Every check that ran on `path`, at warn for those allowed by default.
fn all_findings(path: &Path) -> (Model, Vec<Finding>) {
    let mut options = CheckOptions::default();
    let model = load(path, &options.canon).unwrap_or_else(|e| panic!("{e}"));
    options.overrides.warn = Check::ALL
        .iter()
        .copied()
        .filter(|c| c.default_level() == CheckLevel::Allow)
        .collect();
    let findings = orgraph::check(&model, &options).findings;
    (model, findings)
}

#[test]
fn a_plain_org_chart_runs_only_the_structural_checks() {
    let (model, findings) = all_findings(Path::new("tests/fixtures/checks/plain-chart.toml"));
    assert!(orgraph::check::is_plain_chart(&model));
    let codes: Vec<&str> = findings.iter().map(|f| f.check.code()).collect();
    for skipped in ["gap", "idle-role", "no-responsible", "archetype-drift"] {
        assert!(
            !codes.contains(&skipped),
            "{skipped} ran on a plain org chart"
        );
    }
    insta::assert_snapshot!(describe(&model, &findings));
}

#[test]
fn external_roles_are_the_subject_of_no_check_but_external_manager() {
    let (model, findings) = all_findings(Path::new(
        "tests/fixtures/checks/external-manager.fires.toml",
    ));
    for finding in &findings {
        if finding.check == Check::ExternalManager {
            continue;
        }
        let external: Vec<&str> = finding
            .roles
            .iter()
            .filter(|&&r| model.roles[r].external)
            .map(|&r| model.roles[r].id.as_str())
            .collect();
        assert_eq!(
            external,
            Vec::<&str>::new(),
            "{}",
            describe(&model, std::slice::from_ref(finding))
        );
    }
    let codes: Vec<&str> = findings.iter().map(|f| f.check.code()).collect();
    assert_eq!(
        codes,
        ["external-manager"],
        "{}",
        describe(&model, &findings)
    );
}

#[test]
fn only_runs_the_checks_it_names_and_turns_on_an_allowed_one() {
    let mut options = CheckOptions::default();
    let model = load(Path::new("tests/fixtures/several.toml"), &options.canon).unwrap();
    options.overrides.only = vec![Check::WideSpan, Check::TooManyConsulted];
    options.overrides.deny_warnings = true;
    let report = orgraph::check(&model, &options);
    for &check in Check::ALL {
        let expected = match check {
            Check::WideSpan | Check::TooManyConsulted => CheckLevel::Deny,
            _ => CheckLevel::Allow,
        };
        assert_eq!(report.levels.get(check), expected, "{}", check.code());
    }
    assert!(
        report
            .findings
            .iter()
            .all(|f| matches!(f.check, Check::WideSpan | Check::TooManyConsulted))
    );
}

/// Issue 8 item 6: 10 roles holding six kinds at two levels without `@SCOPE`, in 20,000 scopes.
/// Checks used to expand every entry per scope: 1.2 million `conflicting-levels` findings and
/// gigabytes. An entry without `@SCOPE` is one holding: one finding per role and kind.
#[test]
fn unscoped_entries_are_one_finding_however_many_scopes() {
    let kinds = r#"["what", "how", "strategy", "execution", "market", "customers"]"#;
    let mut text = String::from("name = \"Many scopes\"\n");
    for scope in 0..20_000 {
        text.push_str(&format!("[[scope]]\nid = \"s{scope}\"\n"));
    }
    for role in 0..10 {
        text.push_str(&format!(
            "[[role]]\nid = \"r{role}\"\ntitle = \"Role {role}\"\nowns = {kinds}\nconsulted = {kinds}\n"
        ));
    }
    let mut options = CheckOptions::default();
    let model = orgraph::model::load_str(
        "scopes.toml",
        orgraph::model::Format::Toml,
        &text,
        &options.canon,
    )
    .unwrap();
    options.overrides.warn = vec![Check::TooManyConsulted, Check::NoResponsible];
    let report = orgraph::check(&model, &options);
    let findings = &report.findings;
    let count = |check: Check| findings.iter().filter(|f| f.check == check).count();
    assert_eq!(count(Check::ConflictingLevels), 10 * 6);
    assert_eq!(count(Check::DuplicateOwner), 6);
    assert_eq!(count(Check::TooManyConsulted), 6);
    assert_eq!(count(Check::NoResponsible), 6);
    assert_eq!(count(Check::DuplicateRole), 1);
    assert_eq!(count(Check::Gap), 0);
    assert_eq!(count(Check::OverloadedRole), 10);
    assert!(
        findings
            .iter()
            .filter(|f| f.kind.is_some())
            .all(|f| f.scope.is_none()),
        "a finding about entries without @SCOPE names no scope"
    );
    let message = |check: Check| {
        findings
            .iter()
            .find(|f| f.check == check)
            .map(|f| f.message(&model).to_string())
            .unwrap_or_default()
    };
    insta::assert_snapshot!(
        [
            Check::ConflictingLevels,
            Check::DuplicateOwner,
            Check::OverloadedRole,
            Check::DuplicateRole
        ]
        .map(message)
        .join("\n")
    );
    let checked = [orgraph::report::Checked::new(&model, &report)];
    let mut json = Vec::new();
    orgraph::report::json(&checked, &mut json).unwrap();
    assert!(json.len() < 200_000, "{} bytes of JSON", json.len());
}

/// The same roles hold the same items whether an entry names every scope or each one.
#[test]
fn duplicate_role_compares_entries_for_every_scope_with_entries_for_each() {
    let text = r#"
name = "Twins"
[policy]
required = []
[[scope]]
id = "a"
[[scope]]
id = "b"
[[role]]
id = "one"
title = "One"
owns = ["what", "what@a"]
[[role]]
id = "two"
title = "Two"
owns = ["what@a", "what@b"]
[[role]]
id = "three"
title = "Three"
owns = ["what@a"]
"#;
    let options = CheckOptions::default();
    let model = orgraph::model::load_str(
        "twins.toml",
        orgraph::model::Format::Toml,
        text,
        &options.canon,
    )
    .unwrap();
    let findings: Vec<Finding> = orgraph::check(&model, &options)
        .findings
        .into_iter()
        .filter(|f| f.check == Check::DuplicateRole)
        .collect();
    assert_eq!(findings.len(), 1);
    let roles: Vec<&str> = findings[0]
        .roles
        .iter()
        .map(|&r| model.roles[r].id.as_str())
        .collect();
    assert_eq!(roles, ["one", "two"]);
}
