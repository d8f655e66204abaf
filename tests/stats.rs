//! `orgraph stats` on every shipped model, as a person and a script read it.

use assert_cmd::Command;

fn stats(args: &[&str]) -> String {
    let output = Command::cargo_bin("orgraph")
        .expect("the binary is built")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("stats")
        .args(args)
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(0),
        "orgraph stats {args:?}:\n{stderr}"
    );
    assert!(stderr.is_empty(), "{stderr}");
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}

#[test]
fn stats_of_every_shipped_model() {
    let mut models: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/models"))
        .expect("models/ exists")
        .map(|entry| entry.expect("a readable entry"))
        // models/rules/ holds import title rules, not models.
        .filter(|entry| entry.path().is_file())
        .map(|entry| format!("models/{}", entry.file_name().to_string_lossy()))
        .collect();
    models.sort();
    for model in &models {
        let name = model
            .trim_start_matches("models/")
            .trim_end_matches(".toml");
        insta::assert_snapshot!(
            format!("{name}-human"),
            stats(&[model]),
            &format!("orgraph stats {model}")
        );
        let json = stats(&[model, "--format", "json"]);
        let value: serde_json::Value =
            serde_json::from_str(&json).expect("stats --format json is JSON");
        insta::assert_json_snapshot!(
            format!("{name}-json"),
            value,
            &format!("orgraph stats {model} --format json")
        );
    }
}
