//! One schema, three syntaxes: a model written as TOML, JSON or YAML loads to the same model.
//! Checked on every shipped model and, as a property, on random valid models.

#[path = "common/generate.rs"]
mod generate;

use orgraph::check::Check;
use orgraph::model::schema::{KindFile, ModelFile, PersonFile, PolicyFile, RoleFile, ScopeFile};
use orgraph::model::{BUILTIN_KINDS, Canon, CheckLevel, Company, DEFAULT_SCOPE, Format, Track};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use std::path::Path;

const FORMATS: [(Format, &str); 3] = [
    (Format::Toml, "toml"),
    (Format::Json, "json"),
    (Format::Yaml, "yaml"),
];

fn write(file: &ModelFile, format: Format) -> String {
    match format {
        Format::Toml => toml::to_string(file).expect("a model file serializes to TOML"),
        Format::Json => {
            serde_json::to_string_pretty(file).expect("a model file serializes to JSON")
        }
        Format::Yaml => serde_saphyr::to_string(file).expect("a model file serializes to YAML"),
    }
}

/// Writes `file` in every syntax, loads each back, and returns what failed to match.
fn round_trip_errors(file: &ModelFile, canon: &Canon) -> Vec<String> {
    let mut errors = Vec::new();
    for (format, extension) in FORMATS {
        let text = write(file, format);
        let name = format!("model.{extension}");
        match orgraph::model::load_str(&name, format, &text, canon) {
            Ok(model) if model.to_file() == *file => {}
            Ok(model) => errors.push(format!(
                "{extension}: loaded differently\n{text}\nloaded: {:#?}",
                model.to_file()
            )),
            Err(error) => errors.push(format!("{extension}: does not load\n{text}\n{error}")),
        }
    }
    errors
}

#[test]
fn every_shipped_model_loads_the_same_in_every_syntax() {
    let canon = Canon::builtin();
    let mut models: Vec<_> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("models"))
            .expect("models/ exists")
            .map(|entry| entry.expect("a readable entry").path())
            // models/rules/ holds import title rules, not models.
            .filter(|path| path.is_file())
            .collect();
    models.sort();
    assert!(models.len() >= 4, "{models:?}");
    for path in models {
        let model = orgraph::load(&path, &canon).unwrap_or_else(|error| panic!("{error}"));
        let errors = round_trip_errors(&model.to_file(), &canon);
        assert!(
            errors.is_empty(),
            "{}:\n{}",
            path.display(),
            errors.join("\n")
        );
    }
}

#[test]
fn a_generated_model_loads_the_same_in_every_syntax() {
    let canon = Canon::builtin();
    let text = generate::json(500, 8);
    let model = orgraph::model::load_str("generated.json", Format::Json, &text, &canon)
        .unwrap_or_else(|error| panic!("{error}"));
    let file = model.to_file();
    assert_eq!(file, generate::model(500, 8));
    let errors = round_trip_errors(&file, &canon);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// `count` ids, unique, from the whole id alphabet.
fn ids(prefix: &'static str, count: std::ops::Range<usize>) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[A-Za-z0-9_.-]{0,6}", count).prop_map(move |ids| {
        ids.into_iter()
            .enumerate()
            .map(|(i, id)| format!("{prefix}{i}{id}"))
            .collect()
    })
}

/// Free text, including what YAML and TOML must quote.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[^\\p{C}]{0,16}",
        "[ -~\\n\\t]{0,16}",
        select(vec![
            "",
            "yes",
            "no",
            "null",
            "~",
            "1.5",
            "0x10",
            "- a",
            "a: b",
            "#x",
            "'",
            "\"",
            "\\",
            "@",
            "[a]",
            "{}",
            "\u{FEFF}x",
            "2024-01-01"
        ])
        .prop_map(str::to_string),
    ]
}

fn level() -> impl Strategy<Value = CheckLevel> {
    prop_oneof![
        Just(CheckLevel::Allow),
        Just(CheckLevel::Warn),
        Just(CheckLevel::Deny)
    ]
}

/// A role whose references all resolve among the given ids.
fn role(
    id: String,
    roles: Vec<String>,
    entries: Vec<String>,
    archetypes: Vec<String>,
) -> impl Strategy<Value = RoleFile> {
    let reference = if roles.is_empty() {
        Just(None).boxed()
    } else {
        prop::option::of(select(roles.clone())).boxed()
    };
    let list = move || prop::collection::vec(select(entries.clone()), 0..3);
    (
        (
            text(),
            prop::option::of(text()),
            prop::option::of(select(archetypes)),
        ),
        prop::option::of(prop_oneof![Just(Track::Ic), Just(Track::Manager)]),
        reference,
        subsequence(roles.clone(), 0..=roles.len().min(2)),
        (prop::option::of(text()), any::<bool>()),
        (list(), list(), list(), list()),
    )
        .prop_map(
            move |(
                (title, description, archetype),
                track,
                reports_to,
                dotted_to,
                (team, external),
                (owns, responsible, consulted, informed),
            )| {
                // An external role holds no responsibility (a load error otherwise).
                let held = |list: Vec<String>| if external { Vec::new() } else { list };
                RoleFile {
                    id: id.clone(),
                    title,
                    description,
                    archetype,
                    track,
                    reports_to,
                    dotted_to,
                    team,
                    external,
                    owns: held(owns),
                    responsible: held(responsible),
                    consulted: held(consulted),
                    informed: held(informed),
                }
            },
        )
}

/// A valid model: unique ids, every reference resolvable.
fn model_file() -> impl Strategy<Value = ModelFile> {
    (
        ids("k", 0..3),
        ids("s", 0..4),
        ids("r", 0..8),
        ids("p", 0..4),
    )
        .prop_flat_map(|(kinds, scopes, roles, people)| {
            let all_kinds: Vec<String> = BUILTIN_KINDS
                .iter()
                .map(|(id, _)| id.to_string())
                .chain(kinds.iter().cloned())
                .collect();
            let scope_ids = if scopes.is_empty() {
                vec![DEFAULT_SCOPE.to_string()]
            } else {
                scopes.clone()
            };
            let entries: Vec<String> = all_kinds
                .iter()
                .flat_map(|kind| {
                    std::iter::once(kind.clone())
                        .chain(scope_ids.iter().map(move |scope| format!("{kind}@{scope}")))
                })
                .collect();
            let archetypes: Vec<String> = Canon::builtin().archetypes.keys().cloned().collect();
            let codes: Vec<String> = Check::ALL
                .iter()
                .map(|check| check.code().to_string())
                .collect();
            let kind_files = kinds
                .iter()
                .map(|id| (Just(id.clone()), prop::option::of(text())))
                .collect::<Vec<_>>();
            let scope_files = scopes
                .iter()
                .map(|id| {
                    (
                        Just(id.clone()),
                        prop::option::of(text()),
                        prop::option::of(text()),
                    )
                })
                .collect::<Vec<_>>();
            let role_files = roles
                .iter()
                .map(|id| {
                    role(
                        id.clone(),
                        roles.clone(),
                        entries.clone(),
                        archetypes.clone(),
                    )
                })
                .collect::<Vec<_>>();
            let person_files = people
                .iter()
                .map(|id| {
                    (
                        Just(id.clone()),
                        prop::option::of(text()),
                        subsequence(roles.clone(), 0..=roles.len().min(3)),
                    )
                })
                .collect::<Vec<_>>();
            let policy = (
                subsequence(all_kinds.clone(), 0..=all_kinds.len()),
                prop::array::uniform5(1..=100_000usize),
            );
            (
                (
                    text(),
                    prop::option::of(text()),
                    prop_oneof![Just(Company::Product), Just(Company::Service)],
                ),
                policy,
                prop::collection::vec((select(codes), level()), 0..4),
                (kind_files, scope_files, role_files, person_files),
            )
                .prop_map(
                    |(
                        (name, description, company),
                        (required, [max_span, max_depth, max_hats, max_owned, max_consulted]),
                        checks,
                        (kinds, scopes, roles, people),
                    )| ModelFile {
                        name,
                        description,
                        company,
                        policy: PolicyFile {
                            required,
                            max_span,
                            max_depth,
                            max_hats,
                            max_owned,
                            max_consulted,
                        },
                        checks: checks.into_iter().collect(),
                        kind: kinds
                            .into_iter()
                            .map(|(id, description)| KindFile { id, description })
                            .collect(),
                        scope: scopes
                            .into_iter()
                            .map(|(id, name, description)| ScopeFile {
                                id,
                                name,
                                description,
                            })
                            .collect(),
                        role: roles,
                        person: people
                            .into_iter()
                            .map(|(id, name, fills)| PersonFile { id, name, fills })
                            .collect(),
                    },
                )
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_valid_models_load_the_same_in_every_syntax(file in model_file()) {
        let errors = round_trip_errors(&file, &Canon::builtin());
        prop_assert!(errors.is_empty(), "{}", errors.join("\n"));
    }
}

#[test]
fn an_external_role_is_kept_through_every_syntax_and_the_json_export() {
    let text = r#"name = "Acme"

[[role]]
id = "parent-ceo"
title = "CEO, parent company"
external = true

[[role]]
id = "gm"
title = "General Manager"
reports_to = "parent-ceo"
external = false
"#;
    let canon = Canon::builtin();
    let model = orgraph::model::load_str("model.toml", Format::Toml, text, &canon)
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(model.roles["parent-ceo"].external);
    assert!(!model.roles["gm"].external);
    let file = model.to_file();
    let json = serde_json::to_value(&file).expect("a model file serializes");
    assert_eq!(json["role"][0]["external"], serde_json::Value::Bool(true));
    // `false` is the default, left out as the other defaults are.
    assert!(json["role"][1].get("external").is_none(), "{json}");
    let errors = round_trip_errors(&file, &canon);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}
