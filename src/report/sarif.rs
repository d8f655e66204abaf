use super::Checked;
use crate::check::Check;
use crate::model::CheckLevel;
use serde_json::{Value, json};

fn sarif_level(level: CheckLevel) -> &'static str {
    match level {
        CheckLevel::Deny => "error",
        CheckLevel::Warn => "warning",
        CheckLevel::Allow => "none",
    }
}

/// SARIF 2.1.0: one run, one rule per check code, one result per finding.
pub fn sarif(checked: &[Checked]) -> String {
    let rules: Vec<Value> = Check::ALL
        .iter()
        .map(|check| {
            json!({
                "id": check.code(),
                "shortDescription": {"text": check.summary()},
                "fullDescription": {"text": check.summary()},
                "help": {"text": crate::check::explanation(*check)},
                "defaultConfiguration": {"level": sarif_level(check.default_level())},
            })
        })
        .collect();
    let mut results = Vec::new();
    for report in checked {
        for finding in report.findings {
            let location = report.location(finding);
            let (line, column) = location.as_ref().map_or((1, 1), |l| (l.line, l.column));
            let rule_index = Check::ALL.iter().position(|c| *c == finding.check);
            results.push(json!({
                "ruleId": finding.check.code(),
                "ruleIndex": rule_index,
                "level": sarif_level(finding.level),
                "message": {"text": format!("{} (help: {})", finding.message, finding.help)},
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
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
    text.push('\n');
    text
}
