//! `orgraph report` without a browser: where it writes, exit codes, determinism, and that no
//! model text can become markup or script (tests/browser.rs drives the page in Chromium).

mod common;

use std::path::Path;

/// Runs `orgraph report ARGS` in `dir`; returns (exit code, stdout, stderr).
fn report(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = common::orgraph(dir)
        .arg("report")
        .args(args)
        .output()
        .expect("runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn page(models: &[&str]) -> String {
    let paths: Vec<_> = models.iter().map(|m| common::root().join(m)).collect();
    let models: Vec<_> = paths.iter().map(|p| common::load(p)).collect();
    orgraph::html::report(&models, &orgraph::Canon::builtin()).expect("a report")
}

#[test]
fn default_paths_are_in_output() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for model in ["startup.toml", "scaleup.toml"] {
        std::fs::copy(
            common::root().join("models").join(model),
            dir.path().join(model),
        )
        .expect("copied");
    }
    let (code, stdout, stderr) = report(dir.path(), &["startup.toml"]);
    assert_eq!(
        (code, stdout.as_str()),
        (0, "output/startup-report.html\n"),
        "{stderr}"
    );
    let (code, stdout, _) = report(dir.path(), &["startup.toml", "scaleup.toml"]);
    assert_eq!((code, stdout.as_str()), (0, "output/report.html\n"));
    let several = std::fs::read_to_string(dir.path().join("output/report.html")).expect("written");
    assert!(several.contains("id=\"comparison\""));
    let (code, stdout, _) = report(dir.path(), &["startup.toml", "-o", "-"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("<!DOCTYPE html>"));
}

#[test]
fn bad_input_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(
        dir.path().join("bad.toml"),
        "name = \"x\"\n[[role]]\nid = \"a\"\n",
    )
    .expect("written");
    let (code, _, stderr) = report(dir.path(), &["bad.toml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("bad.toml:"), "{stderr}");
    assert!(!dir.path().join("output").exists());
    // Never over an input.
    std::fs::copy(
        common::root().join("models/startup.toml"),
        dir.path().join("s.toml"),
    )
    .expect("copied");
    let (code, _, stderr) = report(dir.path(), &["s.toml", "-o", "s.toml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("refusing to write over the input file"),
        "{stderr}"
    );
}

#[test]
fn same_input_same_bytes() {
    let models = ["models/enterprise.toml", "models/scaleup.toml"];
    assert_eq!(page(&models), page(&models));
    assert_eq!(page(&models[..1]), page(&models[..1]));
}

/// The page's own `<script>` elements: the data of each chart and the one script at the end.
fn script_tags(html: &str) -> usize {
    html.matches("<script").count()
}

#[test]
fn model_text_never_becomes_markup() {
    for fixture in [
        "tests/fixtures/nasty.toml",
        "tests/fixtures/report/script.toml",
    ] {
        let html = page(&[fixture]);
        // One chart's data and the page's script; nothing else opens or closes a script.
        assert_eq!(script_tags(&html), 2, "{fixture}");
        assert_eq!(
            html.to_lowercase().matches("</script").count(),
            2,
            "{fixture}"
        );
        assert!(!html.contains("<!--"), "{fixture}: a comment opens");
        // Harmless in HTML text, but no script may hold a raw line or paragraph separator.
        let (data, _) = chart_data(&html);
        assert!(!data.contains(['\u{2028}', '\u{2029}']), "{fixture}");
        for raw in [
            "<b>co</b>",
            "<i>Checkout</i>",
            "<img",
            "onerror=\"",
            "<br/>",
        ] {
            assert!(
                !html.contains(raw),
                "{fixture}: {raw} is in the page as markup"
            );
        }
    }
    let html = page(&["tests/fixtures/nasty.toml"]);
    assert!(html.contains("Nasty &quot;titles&quot; ]; x -&gt; y; [ &amp; &lt;b&gt;co&lt;/b&gt;"));
    // Inside the chart's JSON the same title is escaped for a script element, and still JSON.
    let (data, json) = chart_data(&html);
    assert_eq!(
        json["title"][1],
        "Product \\N Manager \\\\ <i>Checkout</i> &amp; {more}"
    );
    assert!(data.contains("\\u003ci\\u003eCheckout\\u003c/i\\u003e"));
}

/// The first chart's data: its text in the page, and as JSON.
fn chart_data(html: &str) -> (&str, serde_json::Value) {
    let start = html
        .find("<script class=\"chart-data\" type=\"application/json\">")
        .expect("chart data");
    let data = &html[start..];
    let data = &data[data.find('>').expect("tag") + 1..data.find("</script>").expect("end")];
    (data, serde_json::from_str(data).expect("valid JSON"))
}

#[test]
fn every_finding_and_role_is_in_the_page() {
    let path = common::root().join("models/enterprise.toml");
    let model = common::load(&path);
    let html = page(&["models/enterprise.toml"]);
    let findings = orgraph::check::check(&model, &Default::default()).findings;
    assert_eq!(html.matches("<tr data-check=").count(), findings.len());
    for finding in &findings {
        assert!(html.contains(&format!("data-check=\"{}\"", finding.check.code())));
    }
    let (_, json) = chart_data(&html);
    let ids: Vec<&str> = model.roles.keys().map(String::as_str).collect();
    let titles: Vec<&str> = model.roles.values().map(|r| r.title.as_str()).collect();
    assert_eq!(json["id"], serde_json::json!(ids));
    assert_eq!(json["title"], serde_json::json!(titles));
}

#[test]
fn content_security_policy_allows_no_request() {
    let html = page(&["models/startup.toml"]);
    let policy = html
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a policy");
    assert!(
        policy.starts_with("default-src 'none'; style-src 'sha256-"),
        "{policy}"
    );
    assert!(!policy.contains("unsafe"), "{policy}");
    // Nothing that loads: no src, no stylesheet link, no url(), no @import, no address but
    // the SVG namespace's name.
    let html = html.replace("http://www.w3.org/2000/svg", "");
    for loads in [" src=", "<link", "url(", "@import", "http://", "https://"] {
        assert!(!html.contains(loads), "{loads}");
    }
}

#[test]
fn a_check_lists_at_most_500_rows_and_counts_the_rest() {
    let model = common::d3::sample();
    let findings = orgraph::check::check(&model, &Default::default()).findings;
    let html = orgraph::html::report(std::slice::from_ref(&model), &orgraph::Canon::builtin())
        .expect("a report");
    let mut counts = std::collections::BTreeMap::new();
    for finding in &findings {
        *counts.entry(finding.check.code()).or_insert(0usize) += 1;
    }
    assert!(counts.values().any(|&n| n > 500), "{counts:?}");
    for (code, count) in counts {
        let rows = html.matches(&format!("<tr data-check=\"{code}\"")).count();
        assert_eq!(rows, count.min(500), "{code}");
        let more = format!(
            "… and {} more <code>{code}</code> findings",
            count.saturating_sub(500)
        );
        assert_eq!(html.contains(&more), count > 500, "{code}");
    }
}
