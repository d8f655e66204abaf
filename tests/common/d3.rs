//! The D3 sample org chart (1,516 people) as a model, until `orgraph import csv` exists:
//! one role per row, `parentId` as `reports_to`, `area` as the team.

use orgraph::model::{Format, Model};
use std::collections::HashMap;
use std::path::PathBuf;

pub fn sample() -> Model {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/org-charts/d3-sample-org.csv");
    let path = if shared.exists() {
        shared
    } else {
        PathBuf::from("/work/shared/data/org-charts/d3-sample-org.csv")
    };
    let mut reader = csv::Reader::from_path(&path).expect("the sample org chart");
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
    let json = serde_json::json!({"name": "D3 sample org", "role": roles}).to_string();
    orgraph::model::load_str(
        "d3-sample-org.json",
        Format::Json,
        &json,
        &orgraph::Canon::builtin(),
    )
    .unwrap_or_else(|e| panic!("{}", e.render(false)))
}
