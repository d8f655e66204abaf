//! RACI tables (`raci-md`, `raci-csv`): only what someone holds, `@scope` only where a model has
//! several scopes, one header per column (the title, with the id where titles repeat), every
//! label escaped.

mod common;

use orgraph::export::{Format, Options, View, export};
use orgraph::model::{Format as Syntax, load_str};

fn tables(name: &str, text: &str) -> (String, String) {
    let model = load_str(name, Syntax::Toml, text, &orgraph::Canon::builtin())
        .unwrap_or_else(|e| panic!("{}", e.render(false)));
    let table = |format| {
        let bytes = export(
            &model,
            &[],
            &Options::new(View::Org),
            format,
            orgraph::export::Engine::Builtin,
        )
        .expect("a table");
        String::from_utf8(bytes).expect("text")
    };
    (table(Format::RaciMd), table(Format::RaciCsv))
}

/// Two roles titled alike, one role holding nothing, a kind nobody holds, titles that would be
/// markup or a spreadsheet formula.
const REPEATED: &str = r#"
name = "Repeated | titles"

[[kind]]
id = "budget"

[[role]]
id = "pm-a"
title = "Product Manager"
owns = ["what"]
consulted = ["how"]

[[role]]
id = "pm-b"
title = "Product Manager"
responsible = ["what"]

[[role]]
id = "idle"
title = "Nobody's role"

[[role]]
id = "eng"
title = "=HYPERLINK(\"x\") *lead* | <b>"
owns = ["how", "strategy"]
"#;

#[test]
fn one_scope_repeated_titles_and_markup() {
    let (md, csv) = tables("repeated.toml", REPEATED);
    insta::assert_snapshot!("raci_repeated_md", md);
    insta::assert_snapshot!("raci_repeated_csv", csv);
}

#[test]
fn several_scopes_keep_their_suffix() {
    let model = common::load(&common::root().join("models/enterprise.toml"));
    let bytes = export(
        &model,
        &[],
        &Options::new(View::Org),
        Format::RaciMd,
        orgraph::export::Engine::Builtin,
    )
    .expect("a table");
    let md = String::from_utf8(bytes).expect("text");
    insta::assert_snapshot!("raci_enterprise_md", md);
}

/// A plain org chart has nothing to tabulate or to draw in the responsibilities view: exit 2,
/// saying why and what to do, and nothing written.
#[test]
fn a_model_without_responsibilities_is_refused_with_a_reason() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(
        dir.path().join("plain.toml"),
        "name = \"Plain\"\n[[role]]\nid = \"ceo\"\ntitle = \"CEO\"\n",
    )
    .expect("write");
    for (args, what) in [
        (&["--format", "raci-md"][..], "a RACI table"),
        (&["--format", "raci-csv"][..], "a RACI table"),
        (
            &["--view", "responsibilities"][..],
            "the responsibilities view",
        ),
        (
            &["--view", "responsibilities", "--format", "mermaid"][..],
            "the responsibilities view",
        ),
    ] {
        let output = common::orgraph(dir.path())
            .args(["export", "plain.toml"])
            .args(args)
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            format!(
                "error: no role holds a responsibility in this model (a plain org chart), so \
                 {what} would be empty: draw --view org, or give roles `owns`, `responsible`, \
                 `consulted` or `informed` (`orgraph import csv --rules` adds them from titles)\n"
            )
        );
    }
    assert!(!dir.path().join("output").exists(), "nothing is written");
    // The org view of the same model is drawn.
    common::orgraph(dir.path())
        .args(["export", "plain.toml", "-o", "-"])
        .assert()
        .success();
}
