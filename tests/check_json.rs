//! `check --format json` and `--format sarif` are streamed to their writer (issue 14); the bytes
//! stay exactly those of the report built whole in memory and pretty-printed, as before.

#[path = "common/generate.rs"]
mod generate;

use orgraph::check::{CheckOptions, Report};
use orgraph::model::{Format, Model};
use orgraph::report::{self, Checked};
use serde_json::{Value, json};

/// A generated model with a reporting cycle, so that every kind of finding field is filled.
fn model(roles: usize, name: &str) -> Model {
    let mut file = generate::model(roles, 8);
    let (a, b) = (roles - 1, roles - 2);
    file.role[a].reports_to = Some(file.role[b].id.clone());
    file.role[b].reports_to = Some(file.role[a].id.clone());
    let text = serde_json::to_string_pretty(&file).expect("JSON");
    orgraph::model::load_str(name, Format::Json, &text, &CheckOptions::default().canon)
        .unwrap_or_else(|error| panic!("{}", error.render(false)))
}

/// The report as it was written before streaming: one value, then `to_string_pretty`.
fn built_whole(checked: &[Checked]) -> String {
    let reports: Vec<Value> = checked
        .iter()
        .map(|checked| {
            let model = checked.model;
            let findings: Vec<Value> = checked
                .findings
                .iter()
                .map(|f| {
                    json!({
                        "code": f.check.code(),
                        "level": f.level.name(),
                        "message": f.message(model).to_string(),
                        "roles": f.roles.iter().map(|&r| &model.roles[r].id).collect::<Vec<_>>(),
                        "scope": f.scope.map(|s| &model.scopes[s].id),
                        "kind": f.kind.map(|k| &model.kinds[k].id),
                        "people": f.people.iter().map(|&p| &model.people[p].id).collect::<Vec<_>>(),
                        "location": f.span.map(|span| model.sources.location(span)),
                    })
                })
                .collect();
            let summary = orgraph::check::Summary::of(checked.findings);
            json!({"model": model.path(), "findings": findings, "summary": summary})
        })
        .collect();
    let whole = match reports.as_slice() {
        [one] => serde_json::to_string_pretty(one),
        many => serde_json::to_string_pretty(many),
    };
    whole.expect("JSON") + "\n"
}

/// Each model checked with the default options.
fn check_all(models: &[Model]) -> Vec<Report> {
    let options = CheckOptions::default();
    models.iter().map(|m| orgraph::check(m, &options)).collect()
}

/// Each model beside its report, as the reporters take them.
fn checked<'a>(models: &'a [Model], reports: &'a [Report]) -> Vec<Checked<'a>> {
    models
        .iter()
        .zip(reports)
        .map(|(model, report)| Checked::new(model, report))
        .collect()
}

fn streamed(checked: &[Checked]) -> String {
    let mut out = Vec::new();
    report::json(checked, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn streamed_json_is_byte_identical_to_the_report_built_whole() {
    let models = [model(3_000, "first.json"), model(500, "second.json")];
    let reports = check_all(&models);
    let checked = checked(&models, &reports);
    assert!(reports[0].findings.len() > 1_000);
    assert!(reports[0].findings.iter().any(|f| f.scope.is_none()));
    // One model: an object; several: an array.
    assert_eq!(streamed(&checked[..1]), built_whole(&checked[..1]));
    assert_eq!(streamed(&checked), built_whole(&checked));
}

/// The SARIF log as it was written before streaming: one value, then `to_string_pretty`.
fn sarif_built_whole(checked: &[Checked]) -> String {
    use orgraph::check::Check;
    use orgraph::model::CheckLevel;
    let level = |level: CheckLevel| match level {
        CheckLevel::Deny => "error",
        CheckLevel::Warn => "warning",
        CheckLevel::Allow => "none",
    };
    let rules: Vec<Value> = Check::ALL
        .iter()
        .map(|check| {
            json!({
                "id": check.code(),
                "shortDescription": {"text": check.summary()},
                "fullDescription": {"text": check.summary()},
                "help": {"text": orgraph::check::explanation(*check)},
                "defaultConfiguration": {"level": level(check.default_level())},
            })
        })
        .collect();
    let mut results = Vec::new();
    for report in checked {
        for finding in report.findings {
            let location = report.location(finding);
            let (line, column) = location.as_ref().map_or((1, 1), |l| (l.line, l.column));
            results.push(json!({
                "ruleId": finding.check.code(),
                "ruleIndex": Check::ALL.iter().position(|c| *c == finding.check),
                "level": level(finding.level),
                "message": {"text": format!("{} (help: {})", finding.message(report.model), finding.help(report.model))},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": report.model.path()},
                        "region": {"startLine": line, "startColumn": column},
                    }
                }],
            }));
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "orgraph",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).expect("JSON") + "\n"
}

#[test]
fn streamed_sarif_is_byte_identical_to_the_log_built_whole() {
    let models = [model(2_000, "first.json"), model(300, "second.json")];
    let reports = check_all(&models);
    let checked = checked(&models, &reports);
    assert!(reports[0].findings.len() > 500);
    let mut out = Vec::new();
    report::sarif(&checked, &mut out).expect("writing to memory");
    assert_eq!(
        String::from_utf8(out).expect("UTF-8"),
        sarif_built_whole(&checked)
    );
}
