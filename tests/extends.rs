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
    assert_eq!(
        project.reports_to,
        model.roles.get_index_of("program-manager")
    );
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
