//! The JSON Schema of the model file (`orgraph schema`, committed as
//! `schema/orgraph.schema.json`): it is the generated one, every model orgraph loads is valid
//! against it, and it rejects what the loader rejects for its shape.

mod common;

use orgraph::Canon;
use orgraph::model::{Format, load_str};
use proptest::prelude::*;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

const COMMITTED: &str = "schema/orgraph.schema.json";

fn generated() -> String {
    let (code, stdout, stderr) = common::run(&["schema"]);
    assert_eq!(code, 0, "{stderr}");
    stdout
}

/// The generated schema, built once: building it also checks it against draft 7's meta-schema.
static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let schema: Value = serde_json::from_str(&generated()).expect("the schema is JSON");
    jsonschema::draft7::new(&schema).expect("a valid draft 7 schema")
});

/// A model file's content as the JSON value the schema describes, whatever its syntax.
fn as_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    match path.extension().and_then(|e| e.to_str()) {
        Some("toml") => toml::from_str(&text).unwrap(),
        Some("json") => serde_json::from_str(&text).unwrap(),
        _ => serde_saphyr::from_str(&text).unwrap(),
    }
}

fn errors(validator: &jsonschema::Validator, model: &Value) -> Vec<String> {
    validator
        .iter_errors(model)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Model files under `dir` and its subfolders, sorted.
fn model_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = common::models_in(dir);
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for sub in dirs {
        files.extend(model_files(&sub));
    }
    files
}

#[test]
fn committed_schema_is_the_generated_one() {
    let committed = std::fs::read_to_string(common::root().join(COMMITTED)).unwrap_or_default();
    assert!(
        committed == generated(),
        "{COMMITTED} is stale: regenerate it with `cargo run -- schema > {COMMITTED}`"
    );
}

/// The shipped models and the `orgraph init` templates.
fn shipped() -> Vec<PathBuf> {
    let mut shipped = common::models_in(&common::root().join("models"));
    shipped.extend(common::models_in(&common::root().join("templates")));
    assert!(shipped.len() >= 6, "{shipped:?}");
    shipped
}

#[test]
fn every_shipped_model_is_valid() {
    let validator = &*VALIDATOR;
    for path in shipped() {
        let errors = errors(validator, &as_json(&path));
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

/// Every fixture the loader accepts, in any syntax, the schema accepts too. (Fixtures the loader
/// refuses may still fit the schema: an unknown role id is beyond what a schema can see.)
#[test]
fn every_fixture_that_loads_is_valid() {
    let validator = &*VALIDATOR;
    let canon = Canon::builtin();
    let mut loaded = 0;
    for path in model_files(&common::root().join("tests/fixtures")) {
        if orgraph::load(&path, &canon).is_err() {
            continue;
        }
        loaded += 1;
        let errors = errors(validator, &as_json(&path));
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
    assert!(loaded >= 30, "only {loaded} fixtures load");
}

/// What `orgraph import` writes is valid, in each syntax it writes: every input the import tests
/// ship that imports (HR exports, Backstage catalogs, RACI matrices), imports with title rules,
/// and each model of a `--split` RACI import.
#[test]
fn every_imported_model_is_valid() {
    let validator = &*VALIDATOR;
    let root = common::root();
    let arg = |path: &Path| path.display().to_string();
    // The arguments after `import`, and whether the import must succeed: some fixtures are bad
    // input on purpose, and a CSV file is either an HR export or a RACI matrix.
    let mut imports: Vec<(Vec<String>, bool)> = Vec::new();
    for dir in ["tests/fixtures/import", "tests/fixtures/real"] {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .flatten()
            .map(|entry| entry.path())
            .collect();
        entries.sort();
        for path in entries {
            let kinds: &[&str] = match path.extension().and_then(|e| e.to_str()) {
                Some("csv") => &["csv", "raci"],
                Some("md") => &["raci"],
                Some("yaml") => &["backstage"],
                _ => &[],
            };
            for kind in kinds {
                imports.push((vec![kind.to_string(), arg(&path)], false));
            }
        }
    }
    for (csv, rules) in [
        (
            "tests/fixtures/real/gitlab-team-2022-11-11.csv",
            "models/rules/gitlab-stage-group.toml",
        ),
        (
            "tests/fixtures/import/products.csv",
            "tests/fixtures/import/rules/product.toml",
        ),
    ] {
        let args = [
            "csv",
            &arg(&root.join(csv)),
            "--rules",
            &arg(&root.join(rules)),
        ];
        imports.push((args.map(String::from).to_vec(), true));
    }
    let mut imported = 0;
    let mut validate = |path: &Path, args: &[String]| {
        imported += 1;
        let errors = errors(validator, &as_json(path));
        assert!(
            errors.is_empty(),
            "import {args:?} as {}: {errors:#?}",
            path.display()
        );
    };
    for (args, must) in imports {
        let dir = tempfile::tempdir().unwrap();
        for output in ["model.toml", "model.json", "model.yaml"] {
            let run = common::orgraph(dir.path())
                .arg("import")
                .args(&args)
                .args(["-o", output])
                .output()
                .unwrap();
            if run.status.success() {
                validate(&dir.path().join(output), &args);
            } else {
                assert!(!must, "import {args:?}: {run:?}");
            }
        }
    }
    let split = [
        "raci",
        &arg(&root.join("tests/fixtures/real/msft-caf-raci-alignment-tables.csv")),
        "--split",
        "structure",
        "-o",
        "split",
    ]
    .map(String::from);
    let dir = tempfile::tempdir().unwrap();
    let run = common::orgraph(dir.path())
        .arg("import")
        .args(&split)
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    let models = common::models_in(&dir.path().join("split"));
    assert!(models.len() >= 2, "{models:?}");
    for model in models {
        validate(&model, &split);
    }
    assert!(imported >= 3 * 20, "only {imported} imports succeeded");
}

/// A model whose shape the schema and the loader must both refuse, with the reason.
fn refused() -> Vec<(&'static str, Value)> {
    let role = |extra: Value| {
        let mut role = json!({"id": "pm", "title": "Product Manager"});
        for (key, value) in extra.as_object().unwrap() {
            role[key] = value.clone();
        }
        json!({"name": "Acme", "role": [role]})
    };
    vec![
        (
            "an unknown top-level field",
            json!({"name": "Acme", "nmae": "x"}),
        ),
        ("an unknown role field", role(json!({"reports": "ceo"}))),
        (
            "a role without id",
            json!({"name": "Acme", "role": [{"title": "Product Manager"}]}),
        ),
        (
            "a role without title",
            json!({"name": "Acme", "role": [{"id": "pm"}]}),
        ),
        ("a model without name", json!({"role": []})),
        ("an id with a space", role(json!({"id": "product manager"}))),
        ("an empty id", role(json!({"id": ""}))),
        (
            "a track that is not ic or manager",
            role(json!({"track": "lead"})),
        ),
        ("an entry with two @", role(json!({"owns": ["what@a@b"]}))),
        ("an entry that is not a string", role(json!({"owns": [1]}))),
        ("a null description", role(json!({"description": null}))),
        (
            "external that is not a boolean",
            role(json!({"external": "yes"})),
        ),
        (
            "a company that is not product or service",
            json!({"name": "Acme", "company": "agency"}),
        ),
        (
            "a check level that is not allow, warn or deny",
            json!({"name": "Acme", "checks": {"gap": "error"}}),
        ),
        (
            "an unknown check",
            json!({"name": "Acme", "checks": {"gaps": "allow"}}),
        ),
        (
            "a max_span of 0",
            json!({"name": "Acme", "policy": {"max_span": 0}}),
        ),
        (
            "an unknown policy field",
            json!({"name": "Acme", "policy": {"max_width": 3}}),
        ),
        (
            "a $schema that is not a string",
            json!({"name": "Acme", "$schema": 7}),
        ),
        (
            "a person's fills that is not a list",
            json!({"name": "Acme", "person": [{"id": "a", "fills": "pm"}]}),
        ),
    ]
}

#[test]
fn schema_and_loader_refuse_the_same_shapes() {
    let validator = &*VALIDATOR;
    let canon = Canon::builtin();
    for (what, model) in refused() {
        assert!(!validator.is_valid(&model), "the schema accepts {what}");
        let text = model.to_string();
        assert!(
            load_str("model.json", Format::Json, &text, &canon).is_err(),
            "the loader accepts {what}"
        );
    }
}

#[test]
fn schema_accepts_what_users_write_beyond_the_export() {
    let validator = &*VALIDATOR;
    let model = json!({
        "$schema": "../schema/orgraph.schema.json",
        "name": "Acme",
        "extends": "base.toml",
        "remove": ["cto"],
        "policy": {"max_span": 7},
        "checks": {"narrow-span": "allow"},
        "role": [{"id": "vp", "title": "VP", "external": true},
                 {"id": "pm", "title": "PM", "reports_to": "vp", "owns": ["what", "how@checkout"]}]
    });
    assert_eq!(errors(validator, &model), Vec::<String>::new());
}

proptest! {
    /// The schema's id pattern and the loader's id rule agree on any string.
    #[test]
    fn id_pattern_agrees_with_the_loader(id in "[a-zA-Z0-9_.@ é/-]{0,6}") {
        let validator = &*VALIDATOR;
        let model = json!({"name": "Acme", "role": [{"id": id, "title": "T"}]});
        let loads = load_str("model.json", Format::Json, &model.to_string(), &Canon::builtin()).is_ok();
        prop_assert_eq!(validator.is_valid(&model), loads, "id {:?}", id);
    }
}

/// The shipped models name the committed schema on their first line, for taplo-based editors.
#[test]
fn shipped_models_carry_the_schema_directive() {
    for path in shipped() {
        let text = std::fs::read_to_string(&path).unwrap();
        let first = text.lines().next().unwrap_or_default();
        let target = first
            .strip_prefix("#:schema ")
            .unwrap_or_else(|| panic!("{} does not start with `#:schema`", path.display()));
        let schema = path.parent().unwrap().join(target);
        assert_eq!(
            schema.canonicalize().ok(),
            common::root().join(COMMITTED).canonicalize().ok(),
            "{}: `{first}` does not name {COMMITTED}",
            path.display()
        );
    }
}
