//! Loading never panics: shipped models, damaged at random in each syntax, load or are refused.

use orgraph::model::{Canon, Format};
use proptest::prelude::*;

fn sources() -> Vec<(Format, String)> {
    let canon = Canon::builtin();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/models/startup.toml");
    let model = orgraph::load(std::path::Path::new(path), &canon).unwrap_or_else(|e| panic!("{e}"));
    let file = model.to_file();
    vec![
        (
            Format::Toml,
            model.sources.text(orgraph::source::FileId(0)).to_string(),
        ),
        (
            Format::Json,
            serde_json::to_string_pretty(&file).expect("JSON"),
        ),
        (Format::Yaml, serde_saphyr::to_string(&file).expect("YAML")),
    ]
}

/// Replaces a few character ranges with text that syntaxes treat specially.
fn damage(text: &str, edits: &[(usize, usize, &str)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for &(at, len, insert) in edits {
        let start = at % (chars.len() + 1);
        let end = (start + len).min(chars.len());
        chars.splice(start..end, insert.chars());
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn damaged_models_never_panic(
        syntax in 0usize..3,
        edits in prop::collection::vec(
            (any::<usize>(), 0usize..8, prop::sample::select(vec![
                "", "\"", "'", "[", "]", "{", "}", ",", ":", "=", "@", "@@", "\n", "\t", " ", "#",
                "&a", "*a", "<<: *a", "- ", "---", "\\", "\\u00", "é", "\u{0}", "\u{FEFF}", "1e999",
                "-1", "99999999999999999999", "1979-05-27", "true", "null", "[[role]]", "id = \"x\"",
                "reports_to = \"ceo\"", "\"id\": \"ceo\"", "[policy]", "max_span = 0",
            ])),
            1..4,
        ),
    ) {
        let sources = sources();
        let (format, text) = &sources[syntax];
        let damaged = damage(text, &edits);
        // Either outcome is fine; a panic fails the test. A refusal must say something.
        if let Err(error) = orgraph::model::load_str("damaged", *format, &damaged, &Canon::builtin()) {
            prop_assert!(!error.diagnostics.is_empty());
            prop_assert!(error.render(false).starts_with("error"));
        }
    }
}
