//! `orgraph import csv` on the real HR exports in tests/fixtures/real/ (figures computed here
//! from the raw file with the csv crate, independently of the importer), on small hand-made
//! files for each feature, and on every malformed class (exit 2, a location, nothing written).

mod import;

use import::{Written, arg, check_and_export, fixture, import, import_to, real, refused, root};
use std::collections::{BTreeSet, HashMap, HashSet};

/// What the raw file says, read with the csv crate by header name.
struct Raw {
    rows: usize,
    /// Non-external roles the importer must make: every manager alone, leaf seats grouped by
    /// manager and title (case and whitespace ignored).
    roles: usize,
    /// Rows with no manager.
    roots: usize,
    /// Managers named that have no row.
    external: BTreeSet<String>,
    /// Each row's id, title (whitespace collapsed) and manager.
    seats: Vec<(String, String, Option<String>)>,
}

fn raw(file: &str, id: &str, manager: &str, title: &str) -> Raw {
    let mut reader = csv::Reader::from_path(real(file)).expect("the real file");
    let headers = reader.headers().expect("a header").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (id, manager, title) = (column(id), column(manager), column(title));
    let seats: Vec<(String, String, Option<String>)> = reader
        .records()
        .map(|r| r.expect("a record"))
        .map(|r| {
            let title = r[title].split_whitespace().collect::<Vec<_>>().join(" ");
            let manager = Some(r[manager].trim().to_string()).filter(|m| !m.is_empty());
            (r[id].trim().to_string(), title, manager)
        })
        .collect();
    let ids: HashSet<&str> = seats.iter().map(|s| s.0.as_str()).collect();
    let managers: HashSet<&str> = seats.iter().filter_map(|s| s.2.as_deref()).collect();
    let external = managers
        .iter()
        .filter(|m| !ids.contains(*m))
        .map(|m| m.to_string())
        .collect();
    let mut groups = HashSet::new();
    let mut roles = 0;
    for (id, title, manager) in &seats {
        if managers.contains(id.as_str()) {
            roles += 1;
        } else {
            let key: String = title
                .chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect();
            groups.insert((manager.clone(), key));
        }
    }
    Raw {
        rows: seats.len(),
        roles: roles + groups.len(),
        roots: seats.iter().filter(|s| s.2.is_none()).count(),
        external,
        seats,
    }
}

/// The written model against the raw figures: counts, external managers, and every row as a
/// person filling a role with the row's title and manager.
fn assert_matches(written: &Written, raw: &Raw) {
    let file = &written.file;
    assert_eq!(file.person.len(), raw.rows, "one person per row");
    let external: BTreeSet<String> = file
        .role
        .iter()
        .filter(|r| r.external)
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(external, raw.external, "external managers");
    assert!(
        file.role
            .iter()
            .filter(|r| r.external)
            .all(|r| r.title == "(not in the export)" && r.reports_to.is_none())
    );
    assert_eq!(file.role.len() - external.len(), raw.roles, "roles");
    let roots = file
        .role
        .iter()
        .filter(|r| !r.external && r.reports_to.is_none())
        .count();
    assert!(
        roots <= raw.roots,
        "roots: {roots} roles for {} rows",
        raw.roots
    );
    let roles: HashMap<&str, _> = file.role.iter().map(|r| (r.id.as_str(), r)).collect();
    for (person, (id, title, manager)) in file.person.iter().zip(&raw.seats) {
        assert_eq!(&person.id, id);
        let role = roles[person.fills[0].as_str()];
        let expected = if title.is_empty() {
            "(no title)"
        } else {
            title
        };
        assert_eq!(role.title.to_lowercase(), expected.to_lowercase(), "{id}");
        assert_eq!(&role.reports_to, manager, "{id}");
    }
    assert!(
        file.role.iter().all(|r| r.owns.is_empty()
            && r.responsible.is_empty()
            && r.consulted.is_empty()
            && r.informed.is_empty()),
        "without rules, a plain org chart"
    );
}

#[test]
fn oracle_hr_sample() {
    let raw = raw("oracle-hr-sample.csv", "id", "parentId", "position");
    assert_eq!((raw.rows, raw.roots, raw.external.len()), (107, 1, 0));
    let written = import(&["csv", arg(&real("oracle-hr-sample.csv"))]);
    assert_matches(&written, &raw);
    // `name` and `lastName` make the full name; `department_name` the team.
    let king = &written.file.person[0];
    assert_eq!(king.name.as_deref(), Some("Steven King"));
    assert_eq!(written.file.role[0].team.as_deref(), Some("Executive"));
    insta::assert_snapshot!(written.text);
    check_and_export(&written);
}

#[test]
fn d3_sample_org() {
    let raw = raw("d3-sample-org.csv", "id", "parentId", "positionName");
    assert_eq!((raw.rows, raw.roots, raw.external.len()), (1516, 1, 0));
    let written = import(&["csv", arg(&real("d3-sample-org.csv"))]);
    assert_matches(&written, &raw);
    // Names and titles lose their leading and trailing spaces; `area` is the team.
    let people: HashMap<&str, _> = written
        .file
        .person
        .iter()
        .map(|p| (p.id.as_str(), p))
        .collect();
    assert_eq!(people["O-6068"].name.as_deref(), Some("Leverling Janet"));
    assert_eq!(written.file.role[0].title, "Chief Executive Officer");
    assert_eq!(written.file.role[0].team.as_deref(), Some("Corporate"));
    check_and_export(&written);
}

#[test]
fn gitlab_team_pages() {
    for (file, rows, external) in [
        ("gitlab-team-2022-10-15.csv", 1184, 154),
        ("gitlab-team-2022-11-11.csv", 1336, 140),
    ] {
        let raw = raw(file, "id", "reports_to", "title");
        assert_eq!(
            (raw.rows, raw.roots, raw.external.len()),
            (rows, 0, external)
        );
        let written = import(&["csv", arg(&real(file))]);
        assert_matches(&written, &raw);
        // The first of the `;`-separated departments is the team.
        let people: HashMap<&str, _> = written
            .file
            .person
            .iter()
            .map(|p| (p.id.as_str(), p))
            .collect();
        let roles: HashMap<&str, _> = written
            .file
            .role
            .iter()
            .map(|r| (r.id.as_str(), r))
            .collect();
        let geo = roles[people["gl-ca7780"].fills[0].as_str()];
        assert_eq!(geo.team.as_deref(), Some("Engineering Function"));
        assert!(written.stderr.contains(&format!(
            "{external} managers have no row; each becomes an external role"
        )));
        check_and_export(&written);
    }
}

#[test]
fn two_exports_of_one_company_compare_by_id() {
    let before = import(&["csv", arg(&real("gitlab-team-2022-10-15.csv"))]);
    let after = import(&["csv", arg(&real("gitlab-team-2022-11-11.csv"))]);
    let run = import::orgraph(
        root(),
        &[
            "compare",
            arg(&before.path),
            arg(&after.path),
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let by_id = json["roles"]
        .as_array()
        .expect("roles")
        .iter()
        .filter(|r| r["match"] == "id")
        .count();
    let ids = |model: &Written| -> HashSet<String> {
        model.file.role.iter().map(|r| r.id.clone()).collect()
    };
    assert_eq!(by_id, ids(&before).intersection(&ids(&after)).count());
}

#[test]
fn a_messy_export_imports() {
    // UTF-8 BOM, CRLF, spaces around cells, a quoted title with a comma and a line break, `;`
    // departments with an empty first, an empty title, a manager outside the export, a blank line.
    let written = import(&["csv", arg(&fixture("export.csv"))]);
    insta::assert_snapshot!(written.text);
    insta::assert_snapshot!(
        written
            .stderr
            .replace(arg(root()), "[ROOT]")
            .replace(arg(written.dir.path()), "[OUT]")
    );
}

#[test]
fn hr_system_headers_and_semicolons() {
    let written = import(&["csv", arg(&fixture("hr-system.csv"))]);
    let file = &written.file;
    let names: Vec<_> = file
        .person
        .iter()
        .map(|p| p.name.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(
        names,
        ["Steven King", "Neena Kochhar", "Lex De Haan", "Bruce Ernst"]
    );
    let roles: Vec<_> = file
        .role
        .iter()
        .map(|r| (r.id.as_str(), r.reports_to.as_deref(), r.team.as_deref()))
        .collect();
    // The two programmers share one role under their manager.
    assert_eq!(
        roles,
        [
            ("100", None, Some("Executive")),
            ("101", Some("100"), Some("Executive")),
            ("101-programmer", Some("101"), Some("IT")),
        ]
    );
    let fills: Vec<_> = file.person.iter().map(|p| p.fills[0].as_str()).collect();
    assert_eq!(fills, ["100", "101", "101-programmer", "101-programmer"]);
}

#[test]
fn no_group_makes_one_role_per_row() {
    let written = import(&["csv", arg(&fixture("hr-system.csv")), "--no-group"]);
    let ids: Vec<_> = written.file.role.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["100", "101", "102", "103"]);
}

#[test]
fn columns_named_on_the_command_line() {
    let written = import(&[
        "csv",
        arg(&fixture("no-id-column.csv")),
        "--id",
        "person",
        "--manager",
        "Boss",
    ]);
    let roles: Vec<_> = written
        .file
        .role
        .iter()
        .map(|r| (r.id.as_str(), r.reports_to.as_deref(), r.title.as_str()))
        .collect();
    assert_eq!(roles, [("ann", None, "CEO"), ("bob", Some("ann"), "CTO")]);
    let stderr = refused(&["csv", arg(&fixture("no-id-column.csv")), "--id", "nobody"]);
    assert!(
        stderr.contains("--id `nobody`: the header has no such column"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the header has: `person`, `boss`, `title`"),
        "{stderr}"
    );
}

#[test]
fn encodings() {
    let written = import(&["csv", arg(&fixture("utf16.csv"))]);
    assert_eq!(written.file.role[0].title, "Geschäftsführer");
    assert_eq!(written.file.person[1].name.as_deref(), Some("Zoë"));
    let written = import(&["csv", arg(&fixture("latin1.csv")), "--encoding", "latin1"]);
    assert_eq!(written.file.person[1].name.as_deref(), Some("Renée"));
    let written = import(&[
        "csv",
        arg(&fixture("latin1.csv")),
        "--encoding",
        "windows-1252",
    ]);
    assert_eq!(written.file.person[1].name.as_deref(), Some("Renée"));
    let stderr = refused(&["csv", arg(&fixture("latin1.csv")), "--encoding", "klingon"]);
    assert!(stderr.contains("unknown encoding `klingon`"), "{stderr}");
}

#[test]
fn ids_a_model_cannot_hold_are_changed_the_same_way_everywhere() {
    let written = import(&["csv", arg(&fixture("odd-ids.csv"))]);
    let roles: Vec<_> = written
        .file
        .role
        .iter()
        .map(|r| (r.id.as_str(), r.reports_to.as_deref()))
        .collect();
    assert_eq!(
        roles,
        [
            ("ann_example.com", None),
            ("bob_smith", Some("ann_example.com"))
        ]
    );
    assert!(
        written
            .stderr
            .contains("2 ids have characters a model id cannot hold")
    );
}

#[test]
fn a_reporting_cycle_is_kept_for_check_to_report() {
    let written = import(&["csv", arg(&fixture("cycle.csv"))]);
    let run = import::orgraph(root(), &["check", arg(&written.path)]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("error[reporting-cycle]"),
        "{}",
        run.stdout
    );
}

#[test]
fn output_syntax_follows_the_extension() {
    let input = fixture("hr-system.csv");
    let toml = import(&["csv", arg(&input)]);
    for output in ["model.json", "model.yaml", "model.yml"] {
        let written = import_to(&["csv", arg(&input)], output);
        assert_eq!(written.file, toml.file, "{output}");
    }
    let run = import::orgraph(root(), &["import", "csv", arg(&input), "-o", "-"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, toml.text, "`-o -` writes TOML to stdout");
    let stderr = refused(&["csv", arg(&input), "-o", "model.txt"]);
    assert!(stderr.contains("name it .toml, .json or .yaml"), "{stderr}");
}

#[test]
fn the_default_output_is_output_slash_the_input_stem() {
    let dir = tempfile::tempdir().expect("a directory");
    let run = import::orgraph(
        dir.path(),
        &["import", "csv", arg(&fixture("hr-system.csv"))],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(dir.path().join("output/hr-system.toml").is_file());
    assert!(
        run.stderr
            .contains("wrote output/hr-system.toml: 3 roles, 4 people"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_input_is_never_overwritten() {
    let dir = tempfile::tempdir().expect("a directory");
    let input = dir.path().join("people.toml");
    std::fs::copy(fixture("hr-system.csv"), &input).expect("a copy");
    let before = std::fs::read(&input).expect("the input");
    let run = import::orgraph(
        dir.path(),
        &["import", "csv", "people.toml", "-o", "people.toml"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("refusing to write over the input"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(&input).expect("the input"), before);
}

// Every malformed class: exit 2, the file and line (and column), nothing written.

#[test]
fn duplicate_ids_name_both_lines() {
    let stderr = refused(&["csv", arg(&fixture("duplicate-id.csv"))]);
    assert!(stderr.contains("error: duplicate id `2`"), "{stderr}");
    assert!(stderr.contains("duplicate-id.csv:5:1"), "{stderr}");
    assert!(
        stderr.contains("3 | 2,1,CTO\n  | - of this row"),
        "{stderr}"
    );
}

#[test]
fn no_id_column_lists_the_headers_and_the_flag() {
    let stderr = refused(&["csv", arg(&fixture("no-id-column.csv"))]);
    assert!(
        stderr.contains("error: no id column in the header"),
        "{stderr}"
    );
    assert!(stderr.contains("no-id-column.csv:1:1"), "{stderr}");
    assert!(
        stderr.contains("the header has: `person`, `boss`, `title`"),
        "{stderr}"
    );
    assert!(stderr.contains("`--id COLUMN`"), "{stderr}");
    // A real file that is no org chart: the Kubernetes leadership list.
    let stderr = refused(&["csv", arg(&real("k8s-leadership-eeac3ac.csv"))]);
    assert!(
        stderr.contains("error: no id column in the header"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`group_type`, `group_dir`, `group_name`, `role`, `person`, `company`"),
        "{stderr}"
    );
}

#[test]
fn a_maintainers_list_is_no_org_chart() {
    // CNCF's maintainers list: a fill-down table of projects and people, no ids, no managers.
    let stderr = refused(&["csv", arg(&real("cncf-project-maintainers.csv"))]);
    assert!(
        stderr.contains("error: no id column in the header"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "the header has: ``, `Project`, `Maintainer Name`, `Company`, `Github Name`, `OWNERS/MAINTAINERS`"
        ),
        "{stderr}"
    );
    let stderr = refused(&["raci", arg(&real("cncf-project-maintainers.csv"))]);
    assert!(stderr.contains("error: no RACI matrix found"), "{stderr}");
}

#[test]
fn no_manager_column_names_the_flag() {
    let stderr = refused(&["csv", arg(&fixture("no-id-column.csv")), "--id", "person"]);
    assert!(
        stderr.contains("error: no manager column in the header"),
        "{stderr}"
    );
    assert!(stderr.contains("`--manager COLUMN`"), "{stderr}");
}

#[test]
fn non_utf8_names_the_line_and_the_flag() {
    let stderr = refused(&["csv", arg(&fixture("latin1.csv"))]);
    assert!(
        stderr.contains("is not UTF-8: line 3 has the byte 0xE9"),
        "{stderr}"
    );
    assert!(stderr.contains("latin1.csv:3:28"), "{stderr}");
    assert!(stderr.contains("--encoding windows-1252"), "{stderr}");
}

#[test]
fn a_ragged_row_points_at_the_extra_cell() {
    let stderr = refused(&["csv", arg(&fixture("ragged-row.csv"))]);
    assert!(
        stderr.contains("error: this row has 4 cells, the header has 3"),
        "{stderr}"
    );
    assert!(stderr.contains("ragged-row.csv:3:19"), "{stderr}");
}

#[test]
fn unreadable_inputs() {
    let stderr = refused(&["csv", "no-such-file.csv"]);
    assert!(
        stderr.contains("cannot read `no-such-file.csv`: no such file"),
        "{stderr}"
    );
    let stderr = refused(&["csv", arg(root())]);
    assert!(stderr.contains("is a directory"), "{stderr}");
}
