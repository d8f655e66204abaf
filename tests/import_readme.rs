//! The README's import worked examples are real output: each block between
//! `<!-- import-example: NAME -->` and `<!-- /import-example -->` is made again here from the
//! commands the README shows, and must be equal. `IMPORT_README_BLESS=1 cargo test --test
//! import_readme` writes them after a deliberate change.

mod import;

use import::root;
use std::collections::{BTreeMap, BTreeSet};

const GITLAB_IMPORT: &[&str] = &[
    "import",
    "csv",
    "tests/fixtures/real/gitlab-team-2022-11-11.csv",
    "--rules",
    "models/rules/gitlab-stage-group.toml",
    "-o",
    "output/gitlab-team-2022-11-11.toml",
];
const GITLAB_MODEL: &str = "output/gitlab-team-2022-11-11.toml";
const CAF_IMPORT: &[&str] = &[
    "import",
    "raci",
    "tests/fixtures/real/msft-caf-raci-alignment-tables.csv",
    "--split",
    "structure",
    "-o",
    "output/caf-alignment",
];
const CAF_MODELS: [&str; 6] = [
    "output/caf-alignment/cloud-adoption-team-only.toml",
    "output/caf-alignment/best-practice-minimum-viable-product-mvp.toml",
    "output/caf-alignment/central-it-team.toml",
    "output/caf-alignment/strategic-alignment.toml",
    "output/caf-alignment/operational-alignment.toml",
    "output/caf-alignment/cloud-center-of-excellence-ccoe.toml",
];

fn readme_block(name: &str) -> String {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("the README");
    let open = format!("<!-- import-example: {name} -->\n");
    let start = readme
        .find(&open)
        .unwrap_or_else(|| panic!("no block {name}"))
        + open.len();
    let end = start
        + readme[start..]
            .find("<!-- /import-example -->")
            .expect("the block's end");
    readme[start..end].to_string()
}

fn run(args: &[&str]) -> import::Run {
    let run = import::orgraph(root(), args);
    assert!(run.code == 0 || run.code == 1, "{args:?}: {}", run.stderr);
    run
}

/// Compares a README block with the real output; with `IMPORT_README_BLESS=1`, writes the real
/// output into the README instead.
fn assert_block(name: &str, real: String) {
    if std::env::var_os("IMPORT_README_BLESS").is_some() {
        let path = root().join("README.md");
        let readme = std::fs::read_to_string(&path).expect("the README");
        let open = format!("<!-- import-example: {name} -->\n");
        let start = readme.find(&open).expect("the block") + open.len();
        let end = start
            + readme[start..]
                .find("<!-- /import-example -->")
                .expect("its end");
        let blessed = format!("{}{real}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, blessed).expect("the README is written");
        return;
    }
    assert_eq!(
        readme_block(name),
        real,
        "README block `{name}` is stale; the real output is above (right)"
    );
}

#[test]
fn gitlab_worked_example() {
    let imported = run(GITLAB_IMPORT);
    assert_eq!(imported.code, 0);
    assert_block(
        "gitlab-import",
        format!("```text\n{}```\n", imported.stderr),
    );

    let check = run(&["check", GITLAB_MODEL, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&check.stdout).expect("JSON");
    let findings = json["findings"].as_array().expect("findings");
    let model = orgraph::load(&root().join(GITLAB_MODEL), &orgraph::Canon::builtin())
        .unwrap_or_else(|e| panic!("{}", e.render(false)));
    let names: BTreeMap<&str, &str> = model
        .scopes
        .values()
        .map(|s| (s.id.as_str(), s.display_name()))
        .collect();
    let mut gaps: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut doubled = BTreeSet::new();
    for finding in findings {
        let scope = finding["scope"].as_str().unwrap_or_default();
        match finding["code"].as_str() {
            Some("gap") => {
                gaps.entry(scope)
                    .or_default()
                    .insert(finding["kind"].as_str().expect("a kind"));
            }
            Some("duplicate-owner") => {
                doubled.insert(scope);
            }
            _ => {}
        }
    }
    let list = |scopes: Vec<&str>| -> String {
        let mut named: Vec<&str> = scopes.iter().map(|s| names[s]).collect();
        named.sort_unstable();
        format!("{} | {}", named.len(), named.join(", "))
    };
    let with = |kinds: &[&str]| -> Vec<&str> {
        gaps.iter()
            .filter(|(_, k)| k.iter().copied().eq(kinds.iter().copied()))
            .map(|(s, _)| *s)
            .collect()
    };
    let covered: Vec<&str> = names
        .keys()
        .filter(|s| !gaps.contains_key(*s) && !doubled.contains(*s))
        .copied()
        .collect();
    let table = format!(
        "| what `orgraph check` finds | groups | which |\n|---|---|---|\n\
         | no product manager, no engineering manager: `gap` on `what`, `strategy` and `how` | {} |\n\
         | an engineering manager but no product manager: `gap` on `what` and `strategy` | {} |\n\
         | a product manager but no engineering manager: `gap` on `how` | {} |\n\
         | two engineering managers: `duplicate-owner` on `how` | {} |\n\
         | a product manager and one engineering manager | {} |\n",
        list(with(&["how", "strategy", "what"])),
        list(with(&["strategy", "what"])),
        list(with(&["how"])),
        list(doubled.iter().copied().collect()),
        list(covered),
    );
    assert_block("gitlab-gaps", table);

    let human = run(&["check", GITLAB_MODEL]);
    let duplicates: String = human
        .stdout
        .split("\n\n")
        .filter(|block| block.starts_with("error[duplicate-owner]"))
        .map(|block| format!("{block}\n\n"))
        .collect();
    assert_block(
        "gitlab-duplicates",
        format!("```text\n{}```\n", duplicates.trim_end().to_string() + "\n"),
    );
}

#[test]
fn caf_worked_example() {
    let imported = run(CAF_IMPORT);
    assert_eq!(imported.code, 0);
    assert_block("caf-import", format!("```text\n{}```\n", imported.stderr));
    let mut args = vec!["compare"];
    args.extend(CAF_MODELS);
    args.extend(["--format", "markdown"]);
    let compare = run(&args);
    // The comparison as the README shows it: under the README's own heading, a level deeper.
    let body: String = compare
        .stdout
        .lines()
        .skip(1)
        .map(|line| match line.strip_prefix("## ") {
            Some(heading) => format!("##### {heading}\n"),
            None => format!("{line}\n"),
        })
        .collect();
    assert_block("caf-compare", body.trim_start().to_string());
}
