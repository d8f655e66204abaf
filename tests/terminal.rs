//! Issue 8 item 9: text from a model never reaches a terminal raw. Titles, names, unknown keys,
//! references, file names and source lines with control characters are escaped (`\u{1b}`) in
//! every human output, with colour on (a terminal) as well as off.

mod common;

use std::path::Path;

/// Sequences a model could use to retitle the window, clear the screen, recolour text or
/// overwrite a line; none may appear in the output.
const ATTACKS: [&str; 6] = [
    "\u{1b}]0;",
    "\u{1b}[2J",
    "\u{1b}[7m",
    "\u{7}",
    "\r",
    "\u{202e}",
];

/// A model whose every user-written string carries an attack; the twins share a title so that
/// a finding quotes it.
const EVIL: &str = r#"name = "Evil \u001b]0;pwned\u0007 org"

[[role]]
id = "ceo"
title = "Chief\u001b[2J\r evil.toml: no findings"
owns = ["what"]

[[role]]
id = "a"
title = "Sales\u001b[7m\u202e"
reports_to = "ceo"

[[role]]
id = "b"
title = "Sales\u001b[7m\u202e"
reports_to = "ceo"

[[person]]
id = "p"
name = "Mallory\u009b"
fills = ["ceo"]
"#;

fn write(dir: &Path, name: &str, text: &[u8]) -> String {
    std::fs::write(dir.join(name), text).unwrap();
    name.to_string()
}

/// Runs orgraph in `dir` with colour forced on (as on a terminal); returns stdout + stderr.
fn run_in_colour(dir: &Path, args: &[&str]) -> String {
    let output = common::orgraph(dir)
        .env_remove("NO_COLOR")
        .arg("--color")
        .arg("always")
        .args(args)
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr)
}

fn assert_no_attack(output: &str, args: &[&str]) {
    for attack in ATTACKS {
        assert!(
            !output.contains(attack),
            "`orgraph {}` wrote {attack:?} raw:\n{output}",
            args.join(" ")
        );
    }
}

fn assert_safe(output: &str, args: &[&str]) {
    assert_no_attack(output, args);
    assert!(
        output.contains("\\u{1b}"),
        "`orgraph {}` does not show the escape:\n{output}",
        args.join(" ")
    );
}

#[test]
fn no_human_output_writes_a_control_character_from_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let evil = write(dir, "evil.toml", EVIL.as_bytes());
    let key = write(dir, "key.json", b"{\"name\": \"x\", \"\\u001b[2Jx\": 1}\n");
    let raw = write(
        dir,
        "raw.toml",
        b"name = \"x\"\ntitle = \x1b[2J\x07\r oops\n",
    );
    let reference = write(
        dir,
        "ref.toml",
        b"name = \"x\"\n[[role]]\nid = \"a\"\ntitle = \"A\"\nreports_to = \"b\\u001b[2J\"\n",
    );
    let named = write(dir, "evil\u{1b}[2J.toml", b"name = \"x\"\n[[role]]\n");
    let canon = common::run(&["archetypes", "--format", "toml"]).1.replacen(
        "title = \"",
        "title = \"\\u001b[2J",
        1,
    );
    let canon = write(dir, "canon.toml", canon.as_bytes());
    let runs: [&[&str]; 9] = [
        &["check", &evil],
        &[
            "check",
            &evil,
            "--format",
            "human",
            "--warn",
            "too-many-consulted",
        ],
        &["stats", &evil],
        &["check", &key],
        &["check", &raw],
        &["check", &reference],
        &["check", &named],
        &["stats", &named],
        &["archetypes", "--canon", &canon],
    ];
    for args in runs {
        assert_safe(&run_in_colour(dir, args), args);
    }
}

#[test]
fn without_colour_the_human_reports_hold_no_escape_character_at_all() {
    let options = orgraph::check::CheckOptions::default();
    let model = orgraph::model::load_str(
        "evil.toml",
        orgraph::model::Format::Toml,
        EVIL,
        &options.canon,
    )
    .unwrap();
    let report = orgraph::check(&model, &options);
    // Messages are sentences for people in every format (JSON, SARIF, JUnit too).
    let quoted: Vec<String> = report
        .findings
        .iter()
        .map(|f| f.message(&model).to_string())
        .filter(|m| m.contains("Sales"))
        .collect();
    assert!(!quoted.is_empty());
    for message in quoted {
        assert!(
            !message.chars().any(orgraph::terminal::is_unsafe),
            "{message}"
        );
        assert!(message.contains("Sales\\u{1b}[7m\\u{202e}"), "{message}");
    }
    let mut human = Vec::new();
    orgraph::report::human(
        &[orgraph::report::Checked::new(&model, &report)],
        false,
        &mut human,
    )
    .expect("writing to memory");
    let human = String::from_utf8(human).expect("UTF-8");
    let stats = orgraph::stats::render_human(&orgraph::stats::stats(&model));
    for text in [human, stats] {
        let raw = |c: char| c != '\n' && orgraph::terminal::is_unsafe(c);
        assert!(!text.chars().any(raw), "{text}");
        assert!(text.contains("\\u{1b}"), "{text}");
    }
}

#[test]
fn compare_for_people_escapes_the_model_on_the_terminal_and_in_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let evil = write(dir, "evil.toml", EVIL.as_bytes());
    let other = write(dir, "other.toml", EVIL.replace("\"b\"", "\"c\"").as_bytes());
    // Markdown's own escaper shows a control character as U+FFFD; human output as `\u{1b}`.
    for (format, check) in [
        ("human", assert_safe as fn(&str, &[&str])),
        ("markdown", assert_no_attack),
    ] {
        let args = ["compare", &evil, &other, "--format", format];
        check(&run_in_colour(dir, &args), &args);
        let file = format!("compare.{format}.txt");
        let args = ["compare", &evil, &other, "--format", format, "-o", &file];
        run_in_colour(dir, &args);
        let written = std::fs::read_to_string(dir.join(&file)).unwrap();
        check(&written, &args);
    }
}

#[test]
fn the_library_compare_for_people_escapes_the_model_too() {
    let canon = orgraph::Canon::builtin();
    let load = |name: &str, text: &str| {
        orgraph::model::load_str(name, orgraph::model::Format::Toml, text, &canon).unwrap()
    };
    let models = [
        load("evil.toml", EVIL),
        load("other.toml", &EVIL.replace("\"b\"", "\"c\"")),
    ];
    let comparison = orgraph::compare::compare(&models, &canon).unwrap();
    let show = orgraph::compare::Show::Everything;
    assert_safe(
        &orgraph::compare::human(&comparison, show),
        &["compare::human"],
    );
    assert_no_attack(
        &orgraph::compare::markdown(&comparison, show),
        &["compare::markdown"],
    );
}
