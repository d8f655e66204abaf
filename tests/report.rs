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
    // One responsibility, so that the chart is not a plain org chart and every individual
    // contributor is an `idle-role`: over 500 findings of one check.
    let model =
        common::d3::sample_with(|json| json["role"][0]["owns"] = serde_json::json!(["what"]));
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

/// The text of the page's `changes` section, one line per heading, paragraph, list item and
/// `<summary>`, with the entities maud writes decoded.
fn changes_text(html: &str) -> Vec<String> {
    let start = html
        .find("<section class=\"changes\"")
        .expect("a changes section");
    let section = &html[start..start + html[start..].find("</section>").expect("its end")];
    let mut text = String::new();
    for piece in section.split('<').skip(1) {
        let (tag, rest) = piece.split_once('>').expect("a closed tag");
        if ["/h3", "/h4", "/p", "/li", "/summary"].contains(&tag) {
            text.push('\n');
        }
        text.push_str(rest);
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn two_snapshots_show_every_change_by_title() {
    let html = page(&[
        "tests/fixtures/compare/changes-before.toml",
        "tests/fixtures/compare/changes-after.toml",
    ]);
    assert!(html.contains("<li><a href=\"#changes\">Changes</a></li>"));
    assert_eq!(
        changes_text(&html),
        [
            "Changes from changes-before to changes-after, by id",
            "People: 2 joined, 1 left, 2 moved to another manager, 2 retitled. Roles: 3 added, \
             1 removed, 2 moved to another manager, 1 retitled. Spans of control: 3 changed.",
            "2 people joined",
            "ki, VP Product, reports to Chief Executive Officer ceo",
            "nu, Account Executive, reports to VP Sales vp-sales",
            "1 person left",
            "gu, Operations, reports to Chief Executive Officer ceo",
            "2 people moved to another manager",
            "jo, Engineer: VP Engineering vp-eng → VP Product vp-product",
            "ha, Designer: VP Engineering vp-eng → VP Product vp-product",
            "2 people retitled",
            "di: Engineer → Senior Engineer",
            "ik: QA Engineer → Test Engineer",
            "3 roles added",
            "VP Product vp-product, reports to Chief Executive Officer ceo",
            "Senior Engineer senior-eng, reports to VP Engineering vp-eng",
            "Engineer eng-platform, reports to VP Product vp-product",
            "1 role removed",
            "Operations ops, reports to Chief Executive Officer ceo",
            "2 roles moved to another manager",
            "Advisor advisor: Chief Executive Officer ceo → no manager",
            "Designer designer: VP Engineering vp-eng → VP Product vp-product",
            "1 role retitled",
            "qa: QA Engineer → Test Engineer",
            "3 spans changed (direct reports, in seats), largest change first",
            "VP Engineering vp-eng: 6 → 3 (-3)",
            "Chief Executive Officer ceo: 4 → 3 (-1)",
            "VP Sales vp-sales: 2 → 3 (+1)",
        ]
    );
    // A model against itself: the section says nothing changed; three models have none.
    let same = page(&[
        "tests/fixtures/compare/changes-before.toml",
        "tests/fixtures/compare/changes-before.toml",
    ]);
    assert_eq!(
        changes_text(&same)[1],
        "Nothing changed: the same people and roles, with the same managers, titles and spans."
    );
    let three = page(&[
        "models/startup.toml",
        "models/scaleup.toml",
        "models/enterprise.toml",
    ]);
    assert!(!three.contains("id=\"changes\""));
}

#[test]
fn long_change_lists_show_20_then_fold_the_rest() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let roles = "[[role]]\nid = \"ceo\"\ntitle = \"CEO\"\n\n[[role]]\nid = \"eng\"\n\
                 title = \"<b>Engineer</b>\"\nreports_to = \"ceo\"\n";
    let people = |count: usize| -> String {
        (0..count)
            .map(|i| format!("\n[[person]]\nid = \"p{i:03}\"\nfills = [\"eng\"]\n"))
            .collect()
    };
    let write = |name: &str, count: usize| {
        let path = dir.path().join(format!("{name}.toml"));
        std::fs::write(
            &path,
            format!("name = \"{name}\"\n{roles}{}", people(count)),
        )
        .expect("a model");
        path.to_str().expect("a UTF-8 path").to_string()
    };
    // 25 joined: 20 shown, 5 folded.
    let html = page(&[&write("before", 2), &write("after", 27)]);
    let text = changes_text(&html);
    let joined = text
        .iter()
        .position(|l| l == "25 people joined")
        .expect("joined");
    assert_eq!(
        text[joined + 1],
        "p002, <b>Engineer</b>, reports to CEO ceo"
    );
    assert_eq!(
        text[joined + 20],
        "p021, <b>Engineer</b>, reports to CEO ceo"
    );
    assert_eq!(text[joined + 21], "and 5 more");
    assert_eq!(
        text[joined + 26],
        "p026, <b>Engineer</b>, reports to CEO ceo"
    );
    assert_eq!(
        text[joined + 27],
        "1 span changed (direct reports, in seats), largest change first"
    );
    assert!(!html.contains("<b>Engineer"), "a title became markup");
    // 600 joined: 20 shown, 480 folded, 100 counted with the command that lists them.
    let html = page(&[&write("small", 2), &write("big", 602)]);
    let text = changes_text(&html);
    let joined = text
        .iter()
        .position(|l| l == "600 people joined")
        .expect("joined");
    assert_eq!(text[joined + 21], "and 580 more");
    assert_eq!(
        text[joined + 501],
        "p501, <b>Engineer</b>, reports to CEO ceo"
    );
    assert!(
        text[joined + 502].starts_with("and 100 more, not listed here: orgraph compare "),
        "{}",
        text[joined + 502]
    );
    assert!(text[joined + 502].ends_with("big.toml --changes-only --format json lists them all."));
    assert_eq!(
        text[joined + 503],
        "1 span changed (direct reports, in seats), largest change first"
    );
}
