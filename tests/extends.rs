//! `extends`: a child model over its base. Same ids replace, new ids append, `remove` drops.

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
