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
                f.message,
                f.help
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
