//! `orgraph init`: every template writes a model that `orgraph check` passes; an existing file is
//! never overwritten; `--list` shows the templates.

mod common;

use std::path::Path;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn orgraph(dir: &Path, args: &[&str]) -> Run {
    let output = common::orgraph(dir).args(args).output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

const TEMPLATES: [&str; 4] = ["product-org", "startup", "enterprise", "service-company"];

#[test]
fn list_shows_each_template_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let run = orgraph(dir.path(), &["init", "--list"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "\
product-org      The source document's seven roles, one to one
startup          Five people, one product, founders with several hats (default)
enterprise       Three product lines, CPO, CMO, COO and CTO organizations, a matrix
service-company  A services firm: a business analyst owns each client's requirements
"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "--list wrote a file"
    );
}

#[test]
fn every_template_writes_a_model_that_passes_check() {
    for template in TEMPLATES {
        let dir = tempfile::tempdir().unwrap();
        let run = orgraph(dir.path(), &["init", "--template", template, "org.toml"]);
        assert_eq!(run.code, 0, "{template}: {}", run.stderr);
        assert_eq!(
            run.stdout,
            format!(
                "wrote org.toml from the `{template}` template; next: orgraph check org.toml\n"
            )
        );
        let check = orgraph(dir.path(), &["check", "org.toml"]);
        assert_eq!(
            check.code, 0,
            "{template}: {}{}",
            check.stdout, check.stderr
        );
        assert_eq!(check.stderr, "", "{template}");
    }
}

/// The templates are the shipped models (under a comment), not copies that could drift; the
/// enterprise one is its own file, as the shipped enterprise model has deliberate flaws.
#[test]
fn templates_are_the_shipped_models_under_a_comment() {
    for (template, file) in [
        ("product-org", "models/product-org.toml"),
        ("startup", "models/startup.toml"),
        ("enterprise", "templates/enterprise.toml"),
        ("service-company", "models/service-company.toml"),
    ] {
        let run = orgraph(common::root(), &["init", "--template", template, "-"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let shipped = std::fs::read_to_string(common::root().join(file)).unwrap();
        let (directive, model) = shipped.split_once('\n').unwrap();
        assert!(directive.starts_with("#:schema "), "{file}");
        assert!(run.stdout.ends_with(model), "{template} is not {file}");
        let header = &run.stdout[..run.stdout.len() - model.len()];
        assert!(
            header.starts_with(&format!(
                "# An orgraph model, started from the `{template}` template"
            )),
            "{header}"
        );
        assert!(
            header
                .lines()
                .all(|line| line.is_empty() || line.starts_with('#')),
            "the header is not all comments:\n{header}"
        );
        assert!(!header.contains("#:schema ../"), "a repository path leaked");
    }
}

#[test]
fn default_is_the_startup_template_in_orgraph_toml() {
    let dir = tempfile::tempdir().unwrap();
    let run = orgraph(dir.path(), &["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = std::fs::read_to_string(dir.path().join("orgraph.toml")).unwrap();
    let other = tempfile::tempdir().unwrap();
    let run = orgraph(
        other.path(),
        &["init", "--template", "startup", "orgraph.toml"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let startup = std::fs::read_to_string(other.path().join("orgraph.toml")).unwrap();
    assert_eq!(written, startup);
    assert!(written.contains("name = \"Lumen, seed stage (5 people)\""));
}

#[test]
fn a_directory_gets_orgraph_toml_inside() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("org")).unwrap();
    let run = orgraph(dir.path(), &["init", "org"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(dir.path().join("org/orgraph.toml").is_file());
}

#[test]
fn an_existing_file_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("orgraph.toml");
    std::fs::write(&path, "keep me\n").unwrap();
    for args in [
        &["init"][..],
        &["init", "orgraph.toml"],
        &["init", "--template", "enterprise", "."],
    ] {
        let run = orgraph(dir.path(), args);
        assert_eq!(run.code, 2, "{args:?}");
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(
            run.stderr.starts_with("error: `")
                && run.stderr.contains("orgraph.toml` already exists; `orgraph init` never overwrites a file: give another path"),
            "{args:?}: {}",
            run.stderr
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me\n");
    }
}

#[cfg(unix)]
#[test]
fn a_dangling_symlink_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("elsewhere.toml", dir.path().join("org.toml")).unwrap();
    let run = orgraph(dir.path(), &["init", "org.toml"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!dir.path().join("elsewhere.toml").exists());
}

#[test]
fn only_toml_is_written() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["org.json", "org.yaml", "org", "org.TOML"] {
        let run = orgraph(dir.path(), &["init", name]);
        assert_eq!(run.code, 2, "{name}");
        assert!(
            run.stderr.contains("is not a .toml file") && run.stderr.contains("name it .toml"),
            "{}",
            run.stderr
        );
        assert!(!dir.path().join(name).exists(), "{name}");
    }
}

#[test]
fn dash_prints_the_model_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let run = orgraph(dir.path(), &["init", "--template", "service-company", "-"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    let model = orgraph::model::load_str(
        "MODEL.toml",
        orgraph::model::Format::Toml,
        &run.stdout,
        &orgraph::Canon::builtin(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        model.name,
        "Brightwork Consulting (service company, three clients)"
    );
}

#[test]
fn bad_usage_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["init", "--template", "agency"][..],
        &["init", "--list", "--template", "startup"],
        &["init", "--list", "org.toml"],
    ] {
        let run = orgraph(dir.path(), args);
        assert_eq!(run.code, 2, "{args:?}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
    let run = orgraph(dir.path(), &["init", "--template", "agency"]);
    assert!(
        run.stderr
            .contains("[possible values: product-org, startup, enterprise, service-company]"),
        "{}",
        run.stderr
    );
}
