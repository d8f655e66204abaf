//! The parse stage on inputs the error fixtures cannot hold: byte order marks, a large YAML
//! model, and the same model in the three syntaxes.

#[path = "common/generate.rs"]
mod generate;

use orgraph::model::{Canon, Format, LoadError, Model};

fn load(format: Format, text: &str) -> Model {
    orgraph::model::load_str("model", format, text, &Canon::builtin())
        .unwrap_or_else(|error| panic!("{}", error.render(false)))
}

/// The messages of a load's diagnostics, in the order reported.
fn messages(error: &LoadError) -> Vec<&str> {
    error
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect()
}

/// A UTF-8 byte order mark (Windows editors write one) is skipped in every syntax.
#[test]
fn a_byte_order_mark_is_accepted_in_every_syntax() {
    let models = [
        (Format::Toml, "\u{feff}name = \"Acme\"\n"),
        (Format::Json, "\u{feff}{\"name\": \"Acme\"}\n"),
        (Format::Yaml, "\u{feff}name: Acme\n"),
    ];
    for (format, text) in models {
        assert_eq!(load(format, text).name, "Acme", "{format:?}");
    }
    // Spans stay byte offsets into the file as read, mark included.
    let error = orgraph::model::load_str(
        "model.json",
        Format::Json,
        "\u{feff}{\"name\": \"Acme\", \"nope\": 1}",
        &Canon::builtin(),
    )
    .map(|_| ())
    .unwrap_err();
    let span = error.diagnostics[0].primary_span().expect("a location");
    assert_eq!(error.sources.slice(span), "\"nope\"");
}

/// The YAML budget against bombs grows with the file: a real model of 40,000 roles (about
/// 300,000 YAML nodes, past serde-saphyr's default budget) loads as its JSON twin does.
#[test]
fn a_large_yaml_model_loads_like_its_json_twin() {
    let file = generate::model(40_000, 8);
    let yaml = serde_saphyr::to_string(&file).expect("YAML");
    let json = serde_json::to_string(&file).expect("JSON");
    let from_yaml = load(Format::Yaml, &yaml).to_file();
    let from_json = load(Format::Json, &json).to_file();
    assert_eq!(from_yaml.role.len(), 40_000);
    assert!(from_yaml == from_json, "the YAML and JSON models differ");
}

/// A large model's last roles and its people are read on a second thread, with symbols of
/// their own: the model is the one written, and problems are reported in file order.
#[test]
fn roles_and_people_read_on_two_threads_give_the_model_written() {
    let mut file = generate::model(30_000, 8);
    // Names only the second thread's symbols hold: a role near the end reports to another
    // that nobody else names, whom a person fills too. Roles from 20,625 on are read there.
    file.role[29_000].reports_to = Some(file.role[29_999].id.clone());
    file.role[29_000].dotted_to = vec![file.role[29_998].id.clone()];
    file.person[12_000].fills.push(file.role[29_999].id.clone());
    let model = load(Format::Json, &serde_json::to_string(&file).expect("JSON"));
    assert_eq!((model.roles.len(), model.people.len()), (30_000, 15_000));
    assert!(model.to_file() == file, "the loaded model differs");

    let mut text = serde_json::to_string_pretty(&file).expect("JSON");
    // A field no item has, in a role read on each thread and in a person after them.
    for (written, wrong) in [
        (
            "\"name\": \"Person 14000\"",
            "\"nmae\": 1, \"name\": \"Person 14000\"",
        ),
        (
            "\"title\": \"Role 25000 ",
            "\"tilte\": 1, \"title\": \"Role 25000 ",
        ),
        (
            "\"title\": \"Role 20000 ",
            "\"titel\": 1, \"title\": \"Role 20000 ",
        ),
    ] {
        text = text.replacen(written, wrong, 1);
    }
    let error =
        orgraph::model::load_str("model.json", Format::Json, &text, &Canon::builtin()).unwrap_err();
    let wrong: Vec<&str> = error
        .diagnostics
        .iter()
        .map(|d| error.sources.slice(d.primary_span().expect("a location")))
        .collect();
    assert_eq!(wrong, ["\"titel\"", "\"tilte\"", "\"nmae\""]);

    // A role without an id is not read: each thread reads fewer roles than it has room for.
    let mut text = serde_json::to_string(&file).expect("JSON");
    for id in ["\"id\":\"role-100\",", "\"id\":\"role-25100\","] {
        assert!(text.contains(id), "{id}");
        text = text.replacen(id, "", 1);
    }
    let error =
        orgraph::model::load_str("model.json", Format::Json, &text, &Canon::builtin()).unwrap_err();
    let missing = "role is missing the required field `id`";
    // Role 100's eight reports name it, and the people who fill the two.
    let mut expected = vec![missing];
    expected.extend(["unknown role `role-100`"; 8]);
    expected.push(missing);
    expected.extend(["unknown role `role-100`", "unknown role `role-25100`"]);
    assert_eq!(messages(&error), expected);
}

/// A large model's duplicate role and person ids are looked for on two threads: every one is
/// reported, roles before people, each with the first of its id.
#[test]
fn duplicate_ids_of_a_large_model_are_all_reported_in_order() {
    let mut file = generate::model(30_000, 8);
    file.role[20_000].id = file.role[5].id.clone();
    file.role[29_000].id = file.role[25_000].id.clone();
    file.person[14_000].id = file.person[3].id.clone();
    let text = serde_json::to_string(&file).expect("JSON");
    let error =
        orgraph::model::load_str("model.json", Format::Json, &text, &Canon::builtin()).unwrap_err();
    // Each: the message, the id where it is defined again and where first, in file order.
    let duplicates: Vec<(&str, &str, &str, bool)> = error
        .diagnostics
        .iter()
        .filter(|d| d.message.starts_with("duplicate"))
        .map(|d| {
            let again = d.primary_span().expect("a location");
            let first = d
                .labels
                .iter()
                .find(|label| !label.primary)
                .expect("the first")
                .span;
            let text = |span| error.sources.slice(span);
            (
                d.message.as_str(),
                text(again),
                text(first),
                first.start < again.start,
            )
        })
        .collect();
    assert_eq!(
        duplicates,
        [
            (
                "duplicate role id `role-5`",
                "\"role-5\"",
                "\"role-5\"",
                true
            ),
            (
                "duplicate role id `role-25000`",
                "\"role-25000\"",
                "\"role-25000\"",
                true
            ),
            (
                "duplicate person id `person-3`",
                "\"person-3\"",
                "\"person-3\"",
                true
            ),
        ]
    );
}

/// A large model's responsibilities are resolved in two halves at once: problems in both are
/// reported, in file order.
#[test]
fn responsibilities_resolved_in_halves_report_problems_in_file_order() {
    let mut file = generate::model(30_000, 8);
    // Roles from 15,000 on are the second half's.
    file.role[100].consulted.push("what@nowhere".to_string());
    file.role[20_000].archetype = Some("wizard".to_string());
    file.role[29_000].informed.push("how@@line-0".to_string());
    file.role[14_999].consulted.push("nothing".to_string());
    let text = serde_json::to_string(&file).expect("JSON");
    let error =
        orgraph::model::load_str("model.json", Format::Json, &text, &Canon::builtin()).unwrap_err();
    let problems: Vec<(&str, &str)> = error
        .diagnostics
        .iter()
        .map(|d| {
            let at = d.primary_span().expect("a location");
            (d.message.as_str(), error.sources.slice(at))
        })
        .collect();
    assert_eq!(
        problems,
        [
            ("unknown scope `nowhere`", "nowhere"),
            ("unknown kind `nothing`", "nothing"),
            ("unknown archetype `wizard`", "\"wizard\""),
            (
                "responsibility \"how@@line-0\" has more than one `@`",
                "\"how@@line-0\""
            ),
        ]
    );
}

/// A large JSON model's arrays of tables are read in two halves at once: a syntax error in
/// either is found where it is, with serde_json's message.
#[test]
fn syntax_errors_in_either_half_of_a_large_json_model_are_found_where_they_are() {
    let text = serde_json::to_string(&generate::model(30_000, 8)).expect("JSON");
    let after = |id: &str| text.find(&format!("\"{id}\"")).expect("the id") + id.len() + 2;
    for (id, damage) in [("role-100", "x"), ("role-25000", "x"), ("role-29999", "]")] {
        let at = after(id);
        let damaged = format!("{}{damage}{}", &text[..at], &text[at..]);
        let error =
            orgraph::model::load_str("model.json", Format::Json, &damaged, &Canon::builtin())
                .unwrap_err();
        let found = &error.diagnostics[0];
        let span = found.primary_span().expect("a location");
        assert_eq!(
            (found.message.as_str(), span.start as usize),
            ("invalid JSON: expected `,` or `}`", at),
            "{id}"
        );
    }
}

/// A role that only references read on the second thread name (its reports past the middle,
/// the person who fills it) is still known as removed by a model that extends the file: the
/// references are reported as naming a removed role.
#[test]
fn a_role_named_only_on_the_second_thread_can_be_removed() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let base = generate::model(30_000, 8);
    std::fs::write(
        dir.path().join("base.json"),
        serde_json::to_string(&base).expect("JSON"),
    )
    .expect("written");
    let proposal = dir.path().join("proposal.toml");
    std::fs::write(
        &proposal,
        "extends = \"base.json\"\nremove = [\"role-3000\"]\n",
    )
    .expect("written");
    let error = orgraph::load(&proposal, &Canon::builtin()).unwrap_err();
    // Its eight reports, roles 24,001 to 24,008, read on the second thread.
    let removed = "role `role-3000` is removed with `remove`, but is still referred to";
    assert_eq!(messages(&error), [removed; 8]);
    let text = &std::fs::read_to_string(dir.path().join("base.json")).expect("read");
    let first = error.diagnostics[0].primary_span().expect("a location");
    let before = &text[..first.start as usize];
    assert!(
        before.ends_with("{\"id\":\"role-24001\",\"title\":\"Role 24001 of line 1\",\"track\":\"ic\",\"reports_to\":"),
        "{}",
        &before[before.len() - 80..]
    );
}
