//! The D3 sample org chart (1,516 people, `tests/fixtures/real/d3-sample-org.csv`) as a model,
//! until `orgraph import csv` exists: one role per row, `parentId` as `reports_to`, `area` as
//! the team.

use orgraph::model::{Format, Model};
use std::collections::HashMap;
use std::path::Path;

pub fn sample() -> Model {
    sample_with(|_| {})
}

/// The sample, changed by `edit` (given the model file as JSON) before it is loaded.
pub fn sample_with(edit: impl FnOnce(&mut serde_json::Value)) -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real/d3-sample-org.csv");
    let mut reader = csv::Reader::from_path(&path)
        .unwrap_or_else(|e| panic!("the sample org chart {}: {e}", path.display()));
    let mut roles = Vec::new();
    for record in reader.deserialize::<HashMap<String, String>>() {
        let row = record.expect("a row");
        let mut role = serde_json::json!({
            "id": row["id"],
            "title": format!("{} ({})", row["positionName"].trim(), row["name"].trim()),
            "team": row["area"],
        });
        if !row["parentId"].is_empty() {
            role["reports_to"] = row["parentId"].clone().into();
        }
        roles.push(role);
    }
    let mut json = serde_json::json!({"name": "D3 sample org", "role": roles});
    edit(&mut json);
    orgraph::model::load_str(
        "d3-sample-org.json",
        Format::Json,
        &json.to_string(),
        &orgraph::Canon::builtin(),
    )
    .unwrap_or_else(|e| panic!("{}", e.render(false)))
}
