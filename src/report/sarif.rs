use super::Checked;
use crate::check::{Check, Finding};
use crate::model::CheckLevel;
use serde::Serialize;
use serde_json::{Value, json};
use std::io::Write;

fn sarif_level(level: CheckLevel) -> &'static str {
    match level {
        CheckLevel::Deny => "error",
        CheckLevel::Warn => "warning",
        CheckLevel::Allow => "none",
    }
}

/// The SARIF log, its fields in the order they are written.
#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
struct Run<'a> {
    tool: Value,
    results: Results<'a>,
}

/// Every model's findings, each turned into a result as it is written.
struct Results<'a>(&'a [Checked<'a>]);

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().flat_map(|report| {
            report
                .findings
                .iter()
                .map(move |finding| result(report, finding))
        }))
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: Option<usize>,
    level: &'static str,
    message: Message<'a>,
    locations: [PhysicalLocation<'a>; 1],
}

#[derive(Serialize)]
struct Message<'a> {
    text: MessageText<'a>,
}

/// `message (help: help)`, written straight into the output.
struct MessageText<'a>(&'a Finding, &'a crate::model::Model);

impl Serialize for MessageText<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!(
            "{} (help: {})",
            self.0.message(self.1),
            self.0.help(self.1)
        ))
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    physical_location: Physical<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical<'a> {
    artifact_location: Artifact<'a>,
    region: Region,
}

#[derive(Serialize)]
struct Artifact<'a> {
    uri: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
}

fn result<'a>(report: &'a Checked, finding: &'a Finding) -> SarifResult<'a> {
    let (line, column) = finding
        .span
        .map_or((1, 1), |span| report.model.sources.line_column(span));
    SarifResult {
        rule_id: finding.check.code(),
        rule_index: Check::ALL.iter().position(|c| *c == finding.check),
        level: sarif_level(finding.level),
        message: Message {
            text: MessageText(finding, report.model),
        },
        locations: [PhysicalLocation {
            physical_location: Physical {
                artifact_location: Artifact {
                    uri: report.model.path(),
                },
                region: Region {
                    start_line: line,
                    start_column: column,
                },
            },
        }],
    }
}

/// SARIF 2.1.0: one run, one rule per check code, one result per finding; written to `out` as
/// it is serialized, so that a million results never exist as one string. Wrap `out` in a
/// buffer.
pub fn sarif(checked: &[Checked], out: &mut impl Write) -> std::io::Result<()> {
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
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: json!({"driver": {
                "name": "orgraph",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }}),
            results: Results(checked),
        }],
    };
    log.serialize(&mut serde_json::Serializer::pretty(&mut *out))?;
    out.write_all(b"\n")
}
