//! `check --format json` is streamed to its writer (issue 14); the bytes stay exactly those of
//! the report built whole in memory and pretty-printed, as before.

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
                        "message": f.message,
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

fn streamed(checked: &[Checked]) -> String {
    let mut out = Vec::new();
    report::json(checked, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn streamed_json_is_byte_identical_to_the_report_built_whole() {
    let models = [model(3_000, "first.json"), model(500, "second.json")];
    let options = CheckOptions::default();
    let reports: Vec<Report> = models.iter().map(|m| orgraph::check(m, &options)).collect();
    let checked: Vec<Checked> = models
        .iter()
        .zip(&reports)
        .map(|(model, report)| Checked::new(model, report))
        .collect();
    assert!(reports[0].findings.len() > 1_000);
    assert!(reports[0].findings.iter().any(|f| f.scope.is_none()));
    // One model: an object; several: an array.
    assert_eq!(streamed(&checked[..1]), built_whole(&checked[..1]));
    assert_eq!(streamed(&checked), built_whole(&checked));
}
