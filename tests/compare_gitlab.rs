//! The two GitLab team-page snapshots a month apart (tests/fixtures/real/, see its README):
//! the figures of `orgraph compare --format json` against the same figures computed here from
//! the CSVs with the csv crate, without orgraph's importer.

mod common;
mod compare_support;

use compare_support::{NOVEMBER, OCTOBER, import_gitlab, import_gitlab_with};

use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// One CSV row: a person's seat.
struct Seat {
    title: String,
    manager: String,
}

/// Rows by id, in file order.
fn snapshot(path: &str) -> (Vec<String>, HashMap<String, Seat>) {
    let mut reader = csv::Reader::from_path(common::root().join(path)).unwrap();
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (id, title, manager) = (column("id"), column("title"), column("reports_to"));
    let mut order = Vec::new();
    let mut seats = HashMap::new();
    for record in reader.records() {
        let record = record.unwrap();
        order.push(record[id].to_string());
        seats.insert(
            record[id].to_string(),
            Seat {
                title: record[title].trim().to_string(),
                manager: record[manager].to_string(),
            },
        );
    }
    (order, seats)
}

/// Direct reports of each manager id: one per row that names it.
fn reports(seats: &HashMap<String, Seat>) -> HashMap<&str, usize> {
    let mut reports = HashMap::new();
    for seat in seats.values().filter(|s| !s.manager.is_empty()) {
        *reports.entry(seat.manager.as_str()).or_default() += 1;
    }
    reports
}

/// Ids that are a role of their own (SPEC section 7): every seat, except seats without reports
/// that share their manager and title (case and spaces ignored) with another such seat, which
/// become one role under another id; and every manager id that has no row (an external role).
fn own_roles(seats: &HashMap<String, Seat>) -> HashSet<&str> {
    let reports = reports(seats);
    let normalized = |t: &str| -> String {
        t.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let mut group: HashMap<(&str, String), usize> = HashMap::new();
    for seat in seats
        .iter()
        .filter(|(id, _)| !reports.contains_key(id.as_str()))
        .map(|(_, s)| s)
    {
        *group
            .entry((seat.manager.as_str(), normalized(&seat.title)))
            .or_default() += 1;
    }
    let mut own: HashSet<&str> = seats
        .iter()
        .filter(|(id, seat)| {
            reports.contains_key(id.as_str())
                || group[&(seat.manager.as_str(), normalized(&seat.title))] == 1
        })
        .map(|(id, _)| id.as_str())
        .collect();
    own.extend(reports.keys().filter(|m| !seats.contains_key(**m)));
    own
}

/// `orgraph compare --match id --format json` of the two snapshots as `orgraph import csv`
/// writes them by default, imported into a scratch directory.
fn compare_json() -> Value {
    let dir = tempfile::tempdir().unwrap();
    let models = import_gitlab(dir.path());
    let (code, stdout, stderr) = common::run(&[
        "compare", &models[0], &models[1], "--match", "id", "--format", "json",
    ]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    serde_json::from_str(&stdout).unwrap()
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

#[test]
fn people_joined_left_moved_and_retitled_as_in_the_csvs() {
    let (october_order, october) = snapshot(OCTOBER);
    let (november_order, november) = snapshot(NOVEMBER);
    let joined: Vec<&str> = november_order
        .iter()
        .filter(|id| !october.contains_key(*id))
        .map(String::as_str)
        .collect();
    let left: Vec<&str> = october_order
        .iter()
        .filter(|id| !november.contains_key(*id))
        .map(String::as_str)
        .collect();
    let stayed = || {
        november_order
            .iter()
            .filter_map(|id| Some((id.as_str(), october.get(id)?, &november[id])))
    };
    let moved: Vec<(&str, &str, &str)> = stayed()
        .filter(|(_, old, new)| old.manager != new.manager)
        .map(|(id, old, new)| (id, old.manager.as_str(), new.manager.as_str()))
        .collect();
    let retitled: Vec<(&str, &str, &str)> = stayed()
        .filter(|(_, old, new)| old.title != new.title)
        .map(|(id, old, new)| (id, old.title.as_str(), new.title.as_str()))
        .collect();
    // The issue's figures.
    assert_eq!(
        (joined.len(), left.len(), moved.len(), retitled.len()),
        (164, 12, 72, 107)
    );

    let report = compare_json();
    let people = &report["changes"]["people"];
    assert_eq!(strings(&people["joined"]), joined);
    assert_eq!(strings(&people["left"]), left);
    let triples = |list: &Value| -> Vec<(String, String, String)> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let text = |key: &str| c[key].as_str().unwrap_or_default().to_string();
                (text("person"), text("from"), text("to"))
            })
            .collect()
    };
    let owned = |list: Vec<(&str, &str, &str)>| -> Vec<(String, String, String)> {
        list.into_iter()
            .map(|(a, b, c)| (a.into(), b.into(), c.into()))
            .collect()
    };
    // A person's role may be a role shared by several seats: its manager is the seats' manager
    // and its title theirs, so the figures are the same.
    assert_eq!(triples(&people["moved"]), owned(moved));
    assert_eq!(triples(&people["retitled"]), owned(retitled));
}

#[test]
fn spans_are_the_direct_reports_of_the_csvs() {
    let (_, october) = snapshot(OCTOBER);
    let (_, november) = snapshot(NOVEMBER);
    let (before, after) = (reports(&october), reports(&november));
    let (own_before, own_after) = (own_roles(&october), own_roles(&november));
    let mut expected: Vec<(&str, usize, usize)> = own_after
        .intersection(&own_before)
        .map(|&id| {
            let count = |reports: &HashMap<&str, usize>| reports.get(id).copied().unwrap_or(0);
            (id, count(&before), count(&after))
        })
        .filter(|(_, from, to)| from != to)
        .collect();
    expected.sort();

    let report = compare_json();
    let spans = report["changes"]["spans"].as_array().unwrap();
    // Largest change first.
    let deltas: Vec<u64> = spans
        .iter()
        .map(|s| {
            s["from"]
                .as_u64()
                .unwrap()
                .abs_diff(s["to"].as_u64().unwrap())
        })
        .collect();
    assert!(deltas.windows(2).all(|w| w[0] >= w[1]), "{deltas:?}");
    // The issue's manager who went from 15 to 22 direct reports, first.
    assert_eq!(
        spans[0],
        serde_json::json!({"role": "gl-895c78", "from": 15, "to": 22})
    );
    let mut actual: Vec<(&str, usize, usize)> = spans
        .iter()
        .map(|s| {
            let number = |key: &str| s[key].as_u64().unwrap() as usize;
            (s["role"].as_str().unwrap(), number("from"), number("to"))
        })
        .collect();
    actual.sort();
    assert_eq!(actual, expected);
    // Every change of direct reports in the CSVs is there but one: `gl-b917ad` had no reports
    // in October and shared its manager and title with another seat, so it was part of a
    // shared role then, with no role of its own to compare.
    let ids = |seats: &HashMap<String, Seat>, reports: &HashMap<&str, usize>| -> HashSet<String> {
        seats
            .keys()
            .cloned()
            .chain(reports.keys().map(|k| k.to_string()))
            .collect()
    };
    let (ids_before, ids_after) = (ids(&october, &before), ids(&november, &after));
    let missing: Vec<(&str, usize, usize)> = ids_before
        .intersection(&ids_after)
        .map(|id| {
            let count =
                |reports: &HashMap<&str, usize>| reports.get(id.as_str()).copied().unwrap_or(0);
            (id.as_str(), count(&before), count(&after))
        })
        .filter(|(id, from, to)| from != to && !actual.iter().any(|a| a.0 == *id))
        .collect();
    assert_eq!(missing, [("gl-b917ad", 0, 1)]);
}

/// The README's worked example on the two snapshots is real output: the block between
/// `<!-- compare-example: gitlab-changes -->` and `<!-- /compare-example -->` is an excerpt of
/// the command the README shows, each run of lines between `...` lines found whole and in order.
#[test]
fn readme_worked_example_is_real_output() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let open = "<!-- compare-example: gitlab-changes -->\n```text\n";
    let start = readme.find(open).expect("the README's GitLab comparison") + open.len();
    let end = start
        + readme[start..]
            .find("```\n<!-- /compare-example -->")
            .unwrap();
    let excerpt = &readme[start..end];

    let dir = tempfile::tempdir().unwrap();
    let rules = ["--rules", "models/rules/gitlab-stage-group.toml"];
    let [october, november] = import_gitlab_with(dir.path(), &rules);
    let (code, stdout, stderr) = common::run(&[
        "compare",
        &october,
        &november,
        "--match",
        "id",
        "--changes-only",
    ]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    let mut rest = stdout.as_str();
    let mut runs = 0;
    for run in excerpt.split("...\n").filter(|run| !run.is_empty()) {
        let at = rest.find(run).unwrap_or_else(|| {
            panic!("README excerpt not in the output (or out of order):\n{run}\n---\n{stdout}")
        });
        // A run starts at a line's start.
        assert!(at == 0 || rest[..at].ends_with('\n'), "{run}");
        rest = &rest[at + run.len()..];
        runs += 1;
    }
    assert!(runs >= 5, "the excerpt shows the changes");
    assert!(excerpt.starts_with("Changes from gitlab-team-2022-10-15 to gitlab-team-2022-11-11"));
}
