//! `extends`: a child model over its base. Same ids replace, new ids append, `remove` drops;
//! and the errors: a missing base, a cycle, a `remove` naming nothing, locations in the right file.

mod common;

use common::run as orgraph;
use orgraph::model::Canon;
use std::path::Path;

#[test]
fn a_child_overrides_adds_and_removes_roles_over_its_base() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extends/child.toml");
    let model = orgraph::load(&path, &Canon::builtin()).unwrap_or_else(|error| panic!("{error}"));

    assert_eq!(model.name, "Acme, proposed");
    // Inherited, since the child does not set them.
    assert_eq!(
        model.description.as_deref(),
        Some("The organization as it is")
    );
    assert_eq!(model.policy.max_span, 6);
    let ids: Vec<&str> = model.roles.keys().map(String::as_str).collect();
    // The overridden role keeps its place; the new one comes last; the removed one is gone.
    assert_eq!(
        ids,
        ["cpo", "pm-checkout", "project-manager", "program-manager"]
    );
    let project = &model.roles["project-manager"];
    assert_eq!(project.title, "Project Manager, Checkout");
    assert_eq!(project.reports_to, model.roles.id_of("program-manager"));
    // The merged model as a file: everything at once, reviewed in the snapshot.
    insta::assert_json_snapshot!(model.to_file());
}

const DIR: &str = "tests/fixtures/extends";

#[test]
fn a_child_inherits_overrides_by_id_and_removes() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(DIR)
        .join("hires.toml");
    let model = orgraph::load(&path, &Canon::builtin()).unwrap();
    assert_eq!(model.name, "Child: first hires");
    // Inherited from the base, not restated by the child.
    assert_eq!(
        model.description.as_deref(),
        Some("The base a child extends")
    );
    assert_eq!(model.policy.max_hats, 3);
    let roles: Vec<&str> = model.roles.keys().map(String::as_str).collect();
    // Base order first (`eng` removed, `pmm` replaced in place), then the child's new roles.
    assert_eq!(roles, ["ceo", "pm", "pmm", "cto", "delivery", "marketing"]);
    assert_eq!(model.roles["pmm"].title, "Product Marketing Manager");
    assert_eq!(model.roles["pmm"].responsibilities.len(), 1);
    // The replaced role points into the child's file, inherited ones into the base's.
    let file = |role: &str| model.sources.location(model.roles[role].span).file;
    assert_eq!(
        file("pmm"),
        format!("{}/hires.toml", path.parent().unwrap().display())
    );
    assert!(file("ceo").ends_with("founders.toml"));

    let fills = |person: &str| -> Vec<&str> {
        model.people[person]
            .fills
            .iter()
            .map(|&r| model.roles[r].id.as_str())
            .collect()
    };
    assert_eq!(fills("ana"), ["ceo", "pm"]);
    // Ben filled only the removed role: the hat is gone, the person stays.
    assert!(fills("ben").is_empty());
    assert_eq!(fills("cleo"), ["pmm", "marketing"]);
}

#[test]
fn stats_check_and_compare_accept_a_model_that_extends() {
    let child = format!("{DIR}/hires.toml");
    let base = format!("{DIR}/founders.toml");
    let (code, stdout, _) = orgraph(&["stats", &child]);
    assert_eq!(code, 0);
    assert!(stdout.contains("roles             6"), "{stdout}");
    let (code, stdout, _) = orgraph(&["check", &child]);
    assert_eq!(code, 0);
    assert!(stdout.contains("0 errors, 3 warnings"), "{stdout}");
    let (code, stdout, _) = orgraph(&["compare", &base, &child]);
    assert_eq!(code, 0);
    assert!(stdout.contains("It resolves 1 finding:"), "{stdout}");
}

/// Loading the fixture fails with exit 2, nothing on stdout, and this message.
fn load_error(name: &str) -> String {
    let (code, stdout, stderr) = orgraph(&["check", &format!("{DIR}/{name}")]);
    assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
    stderr
}

#[test]
fn a_missing_base_points_at_extends() {
    insta::assert_snapshot!(load_error("missing-base.toml"));
}

#[test]
fn an_extends_cycle_is_an_error_with_the_chain() {
    insta::assert_snapshot!(load_error("cycle-a.toml"));
}

#[test]
fn remove_naming_no_inherited_role_is_an_error() {
    insta::assert_snapshot!(load_error("remove-nothing.toml"));
}

#[test]
fn an_error_in_the_base_points_into_the_base() {
    let stderr = load_error("extends-bad-base.toml");
    assert!(
        stderr.contains("--> tests/fixtures/extends/bad-base.toml:6:14"),
        "{stderr}"
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn removing_a_role_others_report_to_points_at_both_files() {
    let stderr = load_error("remove-manager.toml");
    assert!(
        stderr.contains("--> tests/fixtures/extends/founders.toml:17:14"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--> tests/fixtures/extends/remove-manager.toml:3:11"),
        "{stderr}"
    );
    insta::assert_snapshot!(stderr);
}

/// Writes a chain of `files` models in `dir`: `m0.toml` extends `m1.toml`, ..., each adding
/// one role that reports to the role of its base.
fn write_chain(dir: &Path, files: usize) {
    for i in 0..files {
        let mut text = format!("name = \"model {i}\"\n");
        if i + 1 < files {
            text.push_str(&format!("extends = \"m{}.toml\"\n", i + 1));
        }
        text.push_str(&format!(
            "\n[[role]]\nid = \"r{i}\"\ntitle = \"Role {i}\"\n"
        ));
        if i + 1 < files {
            text.push_str(&format!("reports_to = \"r{}\"\n", i + 1));
        }
        std::fs::write(dir.join(format!("m{i}.toml")), text).expect("a model is written");
    }
}

#[test]
fn a_chain_of_max_extends_files_loads() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    write_chain(dir.path(), orgraph::model::MAX_EXTENDS);
    let model = orgraph::load(&dir.path().join("m0.toml"), &Canon::builtin())
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(model.name, "model 0");
    assert_eq!(model.roles.len(), orgraph::model::MAX_EXTENDS);
    // The outermost base's role comes first, the child's last.
    assert_eq!(model.roles.keys().next().map(String::as_str), Some("r63"));
    assert_eq!(model.roles["r0"].reports_to, model.roles.id_of("r1"));
}

/// A chain of 2,500 files once overflowed the stack of the recursive reader; now the loader
/// stops at the cap and points at the `extends` that goes past it.
#[test]
fn a_chain_longer_than_the_cap_is_refused_at_the_extends_past_it() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    write_chain(dir.path(), 2_500);
    let output = common::orgraph(dir.path())
        .args(["check", "m0.toml"])
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(output.stdout.is_empty());
    insta::assert_snapshot!(stderr);
}

/// `remove` of 100,000 ids the base does not have: one set lookup each, suggestions only for
/// the errors shown, then a count of the rest.
#[test]
fn remove_of_many_unknown_ids_is_linear_and_capped() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let roles = 20_000;
    let mut base = String::from("name = \"base\"\n");
    for i in 0..roles {
        base.push_str(&format!(
            "\n[[role]]\nid = \"role-{i}\"\ntitle = \"Role {i}\"\n"
        ));
    }
    std::fs::write(dir.path().join("base.toml"), base).expect("the base is written");
    let unknown: Vec<String> = (0..100_000).map(|i| format!("\"gone-{i}\"")).collect();
    let child = format!(
        "name = \"child\"\nextends = \"base.toml\"\nremove = [\"role-7\", {}, \"role-8\"]\n",
        unknown.join(", ")
    );
    std::fs::write(dir.path().join("child.toml"), child).expect("the child is written");

    let error = orgraph::load(&dir.path().join("child.toml"), &Canon::builtin())
        .expect_err("unknown ids in `remove` are errors");
    let max = orgraph::model::MAX_DIAGNOSTICS;
    assert_eq!(error.diagnostics.len(), max + 1);
    for diagnostic in &error.diagnostics[..max] {
        assert!(
            diagnostic.message.starts_with("`remove` names `gone-"),
            "{}",
            diagnostic.message
        );
    }
    assert_eq!(
        error.diagnostics[0].message,
        "`remove` names `gone-0`, which the base model does not have"
    );
    assert_eq!(
        error.diagnostics[max].message,
        format!("{} more errors not shown", 100_000 - max)
    );
}
