//! `orgraph import backstage` on the real Backstage example catalog (figures read here with a
//! plain YAML parse, independently of the importer), on a small catalog for each feature, and on
//! malformed catalogs (exit 2, a location, nothing written).

mod import;

use import::{arg, check_and_export, fixture, import, real, refused};
use std::collections::BTreeMap;

#[test]
fn the_acme_catalog() {
    let text = std::fs::read_to_string(real("backstage-acme-org.yaml")).expect("the real file");
    let documents: Vec<serde_json::Value> =
        serde_saphyr::from_multiple(&text).expect("the catalog is YAML");
    let of_kind = |kind: &str| -> Vec<&serde_json::Value> {
        documents.iter().filter(|d| d["kind"] == kind).collect()
    };
    let (groups, users) = (of_kind("Group"), of_kind("User"));
    assert_eq!((groups.len(), users.len()), (9, 17));
    let parents: BTreeMap<String, Option<String>> = groups
        .iter()
        .map(|g| {
            (
                g["metadata"]["name"].as_str().expect("a name").to_string(),
                g["spec"]["parent"].as_str().map(str::to_string),
            )
        })
        .collect();

    let written = import(&["backstage", arg(&real("backstage-acme-org.yaml"))]);
    let file = &written.file;
    let roles: BTreeMap<String, Option<String>> = file
        .role
        .iter()
        .map(|r| (r.id.clone(), r.reports_to.clone()))
        .collect();
    assert_eq!(
        roles, parents,
        "one role per group, reporting to its parent"
    );
    assert_eq!(file.person.len(), users.len());
    // The two `guest` users: one in the default namespace, one in `development`, whose
    // membership is written `group:default/team-a`.
    let guests: Vec<_> = file
        .person
        .iter()
        .filter(|p| p.id.ends_with("guest"))
        .map(|p| (p.id.as_str(), p.fills.as_slice()))
        .collect();
    assert_eq!(
        guests,
        [
            ("guest", ["team-a".to_string()].as_slice()),
            ("development.guest", ["team-a".to_string()].as_slice())
        ]
    );
    let box_office = file
        .role
        .iter()
        .find(|r| r.id == "boxoffice")
        .expect("boxoffice");
    assert_eq!(box_office.title, "Box Office (sub-department)");
    // team-e names boxoffice as its parent; boxoffice does not list it: one warning, both named.
    assert!(
        written.stderr.contains(
            "warning: `team-e` names `boxoffice` as its parent, but `boxoffice` does not list it among its children; the parent wins"
        ),
        "{}",
        written.stderr
    );
    assert!(
        written.stderr.contains("backstage-acme-org.yaml:288:11"),
        "{}",
        written.stderr
    );
    assert_eq!(
        written.stderr.matches("warning:").count(),
        1,
        "{}",
        written.stderr
    );
    insta::assert_snapshot!(written.text);
    check_and_export(&written);
}

#[test]
fn references_namespaces_and_what_is_missing() {
    let written = import(&["backstage", arg(&fixture("catalog.yaml"))]);
    insta::assert_snapshot!(written.text);
    let stderr = &written.stderr;
    for expected in [
        "`platform` lists `ops.oncall` as a child, but `ops.oncall` has no parent; the parent wins",
        "the parent group `engineering` is not in the catalog; it becomes an external role",
        "`ada` is a member of `ghost-team`, which no file declares; the membership is left out",
        "catalog.yaml:37:37",
        "1 entity of other kinds than Group and User ignored",
    ] {
        assert!(stderr.contains(expected), "{expected}\n{stderr}");
    }
    check_and_export(&written);
}

#[test]
fn several_files_make_one_catalog() {
    let written = import(&[
        "backstage",
        arg(&fixture("catalog.yaml")),
        arg(&real("backstage-acme-org.yaml")),
    ]);
    assert_eq!(written.file.role.len(), 3 + 1 + 9);
    assert_eq!(written.file.name, "catalog");
}

#[test]
fn a_duplicate_entity_names_both() {
    let stderr = refused(&["backstage", arg(&fixture("catalog-duplicate.yaml"))]);
    assert!(stderr.contains("error: two entities are `sre`"), "{stderr}");
    assert!(stderr.contains("catalog-duplicate.yaml:7:9"), "{stderr}");
    assert!(stderr.contains("first declared here"), "{stderr}");
    // The same file twice declares everything twice.
    let stderr = refused(&[
        "backstage",
        arg(&real("backstage-acme-org.yaml")),
        arg(&real("backstage-acme-org.yaml")),
    ]);
    assert!(
        stderr.contains("error: two entities are `acme-corp`"),
        "{stderr}"
    );
}

#[test]
fn invalid_yaml_is_located() {
    let stderr = refused(&["backstage", arg(&fixture("catalog-invalid.yaml"))]);
    assert!(stderr.contains("error: invalid YAML"), "{stderr}");
    assert!(stderr.contains("catalog-invalid.yaml:3:9"), "{stderr}");
}
