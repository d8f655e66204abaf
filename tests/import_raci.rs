//! `orgraph import raci` on every real RACI file in tests/fixtures/real/ (the figures computed
//! here from the raw files, with the csv crate or a plain split of the Markdown lines), on small
//! hand-made matrices, and on every malformed class (exit 2, a location, nothing written).

mod import;

use import::{arg, check_and_export, fixture, import, real, refused};
use orgraph::model::schema::ModelFile;
use std::collections::{BTreeMap, BTreeSet};

/// A cell's levels as letters, read by hand: `A/R`, `A, R`, `Accountable` -> "AR", "A".
fn letters(cell: &str) -> String {
    let head = cell.split('(').next().unwrap_or("");
    let mut out = String::new();
    for token in head
        .split([',', '/', '+', ' '])
        .filter(|t| !t.trim().is_empty())
    {
        let letter = token.trim().chars().next().unwrap().to_ascii_uppercase();
        assert!("ARCI".contains(letter), "{cell:?}");
        if !out.contains(letter) {
            out.push(letter);
        }
    }
    out
}

/// (role title, item description) -> the letters of the cell, from the written model.
fn cells(file: &ModelFile) -> BTreeMap<(String, String), String> {
    let items: BTreeMap<&str, &str> = file
        .kind
        .iter()
        .map(|k| (k.id.as_str(), k.description.as_deref().unwrap_or("")))
        .collect();
    let mut out: BTreeMap<(String, String), String> = BTreeMap::new();
    for role in &file.role {
        for (letter, list) in [
            ('A', &role.owns),
            ('R', &role.responsible),
            ('C', &role.consulted),
            ('I', &role.informed),
        ] {
            for kind in list {
                let key = (role.title.clone(), items[kind.as_str()].to_string());
                out.entry(key).or_default().push(letter);
            }
        }
    }
    out
}

/// The same cells, letters sorted, for comparing with a raw file's.
fn sorted(cells: BTreeMap<(String, String), String>) -> BTreeMap<(String, String), String> {
    cells
        .into_iter()
        .map(|(key, letters)| {
            let mut l: Vec<char> = letters.chars().collect();
            l.sort_unstable();
            (key, l.into_iter().collect())
        })
        .collect()
}

fn records(name: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(real(name))
        .expect("the real file")
        .records()
        .map(|r| {
            r.expect("a record")
                .iter()
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

const WORDS: [&str; 4] = ["Accountable", "Responsible", "Consulted", "Informed"];

/// The cells of a CAF template sheet: the rows whose `width` cells from `first` on are all
/// RACI words, under the header row `header`; `transposed`: the rows are roles.
fn caf_cells(
    name: &str,
    header: usize,
    first: usize,
    width: usize,
    transposed: bool,
) -> BTreeMap<(String, String), String> {
    let rows = records(name);
    let is_matrix_row = |row: &Vec<String>| {
        row.len() >= first + width
            && row[first..first + width]
                .iter()
                .all(|c| WORDS.contains(&c.as_str()))
    };
    let data: Vec<&Vec<String>> = rows.iter().filter(|r| is_matrix_row(r)).collect();
    let header = &rows[header];
    let mut out = BTreeMap::new();
    for row in data {
        for (c, cell) in row.iter().enumerate().skip(first).take(width) {
            if cell.is_empty() || header[c].is_empty() {
                continue;
            }
            let (role, item) = if transposed {
                (row[first - 1].clone(), header[c].clone())
            } else {
                (
                    header[c].split_whitespace().collect::<Vec<_>>().join(" "),
                    row[first - 1].clone(),
                )
            };
            out.insert((role, item), letters(cell));
        }
    }
    out
}

#[test]
fn caf_fully_staffed_is_transposed() {
    let expected = caf_cells(
        "msft-caf-raci-template--Fully-staffed-Best-Practice.csv",
        2,
        2,
        8,
        true,
    );
    assert_eq!(expected.len(), 6 * 8);
    let written = import(&[
        "raci",
        arg(&real(
            "msft-caf-raci-template--Fully-staffed-Best-Practice.csv",
        )),
    ]);
    assert_eq!(sorted(cells(&written.file)), sorted(expected));
    assert_eq!((written.file.role.len(), written.file.kind.len()), (6, 8));
    // One A per function: the functions are the items.
    assert_eq!(
        written
            .file
            .role
            .iter()
            .map(|r| r.owns.len())
            .sum::<usize>(),
        8
    );
    assert_eq!(written.file.policy.required.len(), 8);
    for skipped in [
        "a title row above the matrix: skipped (`RACI Chart for the Fully-staffed Best Practice`)",
        "a row below the matrix without RACI cells (a legend or notes): skipped (`Aligned cloud capability`)",
        "a row below the matrix without RACI cells (a legend or notes): skipped (`Accountable:`)",
        "the first column is empty: skipped",
    ] {
        assert!(
            written.stderr.contains(skipped),
            "{skipped}\n{}",
            written.stderr
        );
    }
    check_and_export(&written);
}

#[test]
fn caf_mvp() {
    let expected = caf_cells(
        "msft-caf-raci-template--MVP-Best-Practice.csv",
        2,
        2,
        8,
        true,
    );
    assert_eq!(expected.len(), 2 * 8);
    let written = import(&[
        "raci",
        arg(&real("msft-caf-raci-template--MVP-Best-Practice.csv")),
    ]);
    assert_eq!(sorted(cells(&written.file)), sorted(expected));
    insta::assert_snapshot!(written.text);
    check_and_export(&written);
}

#[test]
fn caf_example_has_items_as_rows_and_free_text_around() {
    let expected = caf_cells(
        "msft-caf-raci-template--Example-Fully-staffed-BP.csv",
        0,
        1,
        6,
        false,
    );
    assert_eq!(expected.len(), 8 * 6);
    let written = import(&[
        "raci",
        arg(&real(
            "msft-caf-raci-template--Example-Fully-staffed-BP.csv",
        )),
    ]);
    assert_eq!(sorted(cells(&written.file)), sorted(expected));
    let ids: Vec<&str> = written.file.role.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "cloud-strategy-team",
            "cloud-adoption-team",
            "cloud-operations-team",
            "cloud-governance-team",
            "cloud-platform-team",
            "cloud-automation-team"
        ]
    );
    for skipped in [
        "a row between the header and the RACI cells: skipped (`Skills/Roles`)",
        "column H `Aligned cloud capability`, right of the matrix without RACI cells: skipped",
        "column K `Sample Azure Tools, CAF Templates and Assessments`, right of the matrix",
    ] {
        assert!(
            written.stderr.contains(skipped),
            "{skipped}\n{}",
            written.stderr
        );
    }
    check_and_export(&written);
}

#[test]
fn caf_org_alignment_holds_no_matrix() {
    let stderr = refused(&[
        "raci",
        arg(&real("msft-caf-raci-template--Org-Alignment.csv")),
    ]);
    assert!(
        stderr.contains("error: no RACI matrix found: no cell holds a RACI value"),
        "{stderr}"
    );
}

/// The long form's rows: (split value, role, item) -> letters, and the rows that repeat one.
fn long_cells(
    name: &str,
    split: usize,
    role: usize,
    item: usize,
    level: usize,
) -> (BTreeMap<(String, String, String), String>, usize) {
    let rows = records(name);
    let mut out: BTreeMap<(String, String, String), String> = BTreeMap::new();
    let mut repeats = 0;
    for row in &rows[1..] {
        let letters = letters(&row[level]);
        if letters.is_empty() {
            continue;
        }
        let cell = out
            .entry((row[split].clone(), row[role].clone(), row[item].clone()))
            .or_default();
        for l in letters.chars() {
            if cell.contains(l) {
                repeats += 1;
            } else {
                cell.push(l);
            }
        }
    }
    (out, repeats)
}

#[test]
fn caf_alignment_tables_split_by_structure() {
    let (expected, repeats) = long_cells("msft-caf-raci-alignment-tables.csv", 0, 1, 2, 3);
    assert_eq!(repeats, 0, "each structure names each cell once");
    let structures: Vec<String> = {
        let mut seen = Vec::new();
        for row in &records("msft-caf-raci-alignment-tables.csv")[1..] {
            if !seen.contains(&row[0]) {
                seen.push(row[0].clone());
            }
        }
        seen
    };
    assert_eq!(structures.len(), 6);
    let dir = tempfile::tempdir().expect("a directory");
    let run = import::orgraph(
        dir.path(),
        &[
            "import",
            "raci",
            arg(&real("msft-caf-raci-alignment-tables.csv")),
            "--split",
            "structure",
            "-o",
            "caf",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut files: Vec<String> = std::fs::read_dir(dir.path().join("caf"))
        .expect("the directory")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    files.sort();
    let mut slugs: Vec<String> = structures
        .iter()
        .map(|s| format!("{}.toml", slug(s)))
        .collect();
    slugs.sort();
    assert_eq!(files, slugs);
    let mut sizes = Vec::new();
    for structure in &structures {
        let path = dir
            .path()
            .join("caf")
            .join(format!("{}.toml", slug(structure)));
        let model = orgraph::load(&path, &orgraph::Canon::builtin())
            .unwrap_or_else(|e| panic!("{}", e.render(false)));
        let file = model.to_file();
        assert_eq!(&file.name, structure);
        let mine: BTreeMap<(String, String), String> = expected
            .iter()
            .filter(|((s, _, _), _)| s == structure)
            .map(|((_, role, item), l)| ((role.clone(), item.clone()), l.clone()))
            .collect();
        assert_eq!(sorted(cells(&file)), sorted(mine), "{structure}");
        sizes.push(file.role.len());
    }
    // Small to large, as the source orders them.
    assert_eq!(sizes.first(), Some(&1));
    assert!(sizes.last() > sizes.first());
    let run = import::orgraph(
        dir.path(),
        &[
            "compare",
            "caf/cloud-adoption-team-only.toml",
            "caf/cloud-center-of-excellence-ccoe.toml",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[test]
fn caf_alignment_tables_without_split_merge_and_say_how_to_split() {
    let written = import(&["raci", arg(&real("msft-caf-raci-alignment-tables.csv"))]);
    assert!(written.stderr.contains(
        "column `structure` is not read; its 6 values may be variants of the matrix: `--split structure` writes one model per value"
    ), "{}", written.stderr);
    check_and_export(&written);
}

#[test]
fn gitlab_channel_long_form() {
    let (expected, repeats) = long_cells("gitlab-channel-raci.csv", 0, 2, 1, 3);
    let written = import(&["raci", arg(&real("gitlab-channel-raci.csv"))]);
    // Without --split the two tables merge; a cell both give is one cell, with a warning.
    let mut merged: BTreeMap<(String, String), String> = BTreeMap::new();
    for ((_, role, item), l) in &expected {
        let cell = merged.entry((role.clone(), item.clone())).or_default();
        for c in l.chars() {
            if !cell.contains(c) {
                cell.push(c);
            }
        }
    }
    assert_eq!(sorted(cells(&written.file)), sorted(merged.clone()));
    let table_repeats: usize = expected.values().map(String::len).sum::<usize>()
        - merged.values().map(String::len).sum::<usize>();
    assert_eq!(
        written.stderr.matches("again: one cell").count(),
        table_repeats + repeats
    );
    assert_eq!(
        written
            .stderr
            .matches("the note `(prelim vetting)` after the level is dropped")
            .count(),
        2
    );
    check_and_export(&written);
}

/// The first HTML table of the GitLab handbook page holds the same cells as the long CSV's
/// first table.
#[test]
fn gitlab_channel_markdown_html_tables() {
    let (expected, _) = long_cells("gitlab-channel-raci.csv", 0, 2, 1, 3);
    let first_table = "RACI-Master Services Agreement (MSA)";
    let mine: BTreeMap<(String, String), String> = expected
        .iter()
        .filter(|((t, _, _), _)| t == first_table)
        .map(|((_, role, item), l)| ((role.clone(), item.clone()), l.clone()))
        .collect();
    let written = import(&[
        "raci",
        arg(&real("gitlab-channel-programs-ops-raci-excerpt.md")),
    ]);
    assert_eq!(sorted(cells(&written.file)), sorted(mine));
    assert!(
        written
            .stderr
            .contains("another RACI table: only the first table of a Markdown file is imported")
    );
    assert!(
        written
            .stderr
            .contains("gitlab-channel-programs-ops-raci-excerpt.md:114:3"),
        "{}",
        written.stderr
    );
    insta::assert_snapshot!(written.text);
    check_and_export(&written);
}

/// The matrix of an ALGOSUP file, read by splitting its lines on `|`.
fn algosup_cells(name: &str) -> (BTreeSet<String>, BTreeMap<(String, String), String>) {
    let text = std::fs::read_to_string(real(name)).expect("the real file");
    let lines: Vec<&str> = text.lines().collect();
    let header = lines
        .iter()
        .position(|l| l.starts_with("| Name"))
        .expect("the matrix");
    let split = |line: &str| -> Vec<String> {
        line.trim()
            .trim_matches('|')
            .split('|')
            .map(|c| c.trim().to_string())
            .collect()
    };
    let roles = split(lines[header]);
    let mut out = BTreeMap::new();
    for line in lines[header + 2..]
        .iter()
        .take_while(|l| l.starts_with('|'))
    {
        let row = split(line);
        for (c, cell) in row.iter().enumerate().skip(1) {
            if !cell.is_empty() {
                out.insert((roles[c].clone(), row[0].clone()), letters(cell));
            }
        }
    }
    (roles[1..].iter().cloned().collect(), out)
}

#[test]
fn algosup_team7_markdown() {
    let (roles, expected) = algosup_cells("algosup-team7-RACIMatrix.md");
    assert_eq!(roles.len(), 7);
    let written = import(&["raci", arg(&real("algosup-team7-RACIMatrix.md"))]);
    assert_eq!(sorted(cells(&written.file)), sorted(expected));
    let titles: BTreeSet<String> = written.file.role.iter().map(|r| r.title.clone()).collect();
    assert_eq!(titles, roles);
    assert_eq!(written.file.kind.len(), 10);
    insta::assert_snapshot!(written.text);
    check_and_export(&written);
}

#[test]
fn algosup_team8_has_a_row_with_one_cell_too_many() {
    let stderr = refused(&["raci", arg(&real("algosup-team8-Racii.md"))]);
    assert!(
        stderr.contains("error: this row has 9 cells, the header has 8"),
        "{stderr}"
    );
    // Line 27 is the last row; the extra cell is the `I` after the empty Stakeholders cell.
    let text = std::fs::read_to_string(real("algosup-team8-Racii.md")).expect("the file");
    let line = text.lines().nth(26).expect("line 27");
    assert!(line.starts_with("| Test plan"));
    let column = line.rfind("|I").expect("the extra cell") + 2;
    assert!(
        stderr.contains(&format!("algosup-team8-Racii.md:27:{column}")),
        "{stderr}"
    );
}

#[test]
fn a_transposed_markdown_matrix_with_notes_and_dashes() {
    let written = import(&["raci", arg(&fixture("transposed.md"))]);
    // PM is accountable for two columns, every column has one A: the items are the columns.
    let kinds: Vec<&str> = written.file.kind.iter().map(|k| k.id.as_str()).collect();
    assert_eq!(kinds, ["roadmap", "delivery", "launch"]);
    let owners: Vec<(&str, &[String])> = written
        .file
        .role
        .iter()
        .map(|r| (r.id.as_str(), r.owns.as_slice()))
        .collect();
    assert_eq!(
        owners[0],
        (
            "pm",
            ["roadmap".to_string(), "launch".to_string()].as_slice()
        )
    );
    assert!(
        written
            .stderr
            .contains("the note `(with sales)` after the level is dropped")
    );
    let text = std::fs::read_to_string(fixture("transposed.md")).expect("the file");
    let column = text
        .lines()
        .nth(6)
        .expect("line 7")
        .find("R (with")
        .expect("the cell")
        + 1;
    assert!(
        written
            .stderr
            .contains(&format!("transposed.md:7:{column}")),
        "{}",
        written.stderr
    );
}

#[test]
fn unknown_cell_text_is_located() {
    let stderr = refused(&["raci", arg(&fixture("unknown-cell.csv"))]);
    assert!(
        stderr.contains("error: `X` is not a RACI value"),
        "{stderr}"
    );
    // `Delivery plan,C,A/R,X`: the X is the 21st character.
    assert!(stderr.contains("unknown-cell.csv:3:21"), "{stderr}");
}

#[test]
fn a_ragged_row_is_located() {
    let stderr = refused(&["raci", arg(&fixture("ragged-raci.csv"))]);
    assert!(
        stderr.contains("error: this row has 4 cells, the header has 3"),
        "{stderr}"
    );
    assert!(stderr.contains("ragged-raci.csv:3:21"), "{stderr}");
}

#[test]
fn non_utf8_is_located() {
    let stderr = refused(&["raci", arg(&fixture("latin1.csv"))]);
    assert!(stderr.contains("is not UTF-8: line 3"), "{stderr}");
    assert!(stderr.contains("--encoding"), "{stderr}");
}

#[test]
fn flags_that_do_not_fit_the_input() {
    let stderr = refused(&[
        "raci",
        arg(&fixture("unknown-cell.csv")),
        "--sheet",
        "Sheet1",
    ]);
    assert!(stderr.contains("`--sheet` is for workbooks"), "{stderr}");
    let stderr = refused(&["raci", arg(&fixture("transposed.md")), "--split", "Role"]);
    assert!(
        stderr.contains("`--split Role` needs a long form"),
        "{stderr}"
    );
    let stderr = refused(&[
        "raci",
        arg(&real("gitlab-channel-raci.csv")),
        "--split",
        "nothing",
    ]);
    assert!(
        stderr.contains("`--split nothing`: the header has no such column"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the header has: `table`, `deliverable`, `party`, `cell`"),
        "{stderr}"
    );
    let stderr = refused(&[
        "raci",
        arg(&real("gitlab-channel-raci.csv")),
        "--split",
        "table",
        "-o",
        "-",
    ]);
    assert!(
        stderr.contains("`--split` writes several models"),
        "{stderr}"
    );
}

#[test]
fn a_split_directory_never_replaces_an_input() {
    let dir = tempfile::tempdir().expect("a directory");
    let input = dir.path().join("cloud-adoption-team-only.toml");
    std::fs::copy(real("msft-caf-raci-alignment-tables.csv"), &input).expect("a copy");
    let run = import::orgraph(
        dir.path(),
        &[
            "import",
            "raci",
            "cloud-adoption-team-only.toml",
            "--split",
            "structure",
            "-o",
            ".",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("refusing to write over"),
        "{}",
        run.stderr
    );
}

// The workbook the CAF CSVs were saved from: each sheet must give the cells of its CSV.

const WORKBOOK: &str = "msft-caf-raci-template.xlsx";

#[test]
fn xlsx_the_first_sheet_with_a_matrix_is_the_default() {
    // `Org Alignment`, the first sheet, has no RACI cell; `MVP Best Practice` is next.
    let written = import(&["raci", arg(&real(WORKBOOK))]);
    assert_eq!(
        written.file.name,
        "msft-caf-raci-template (MVP Best Practice)"
    );
    let expected = caf_cells(
        "msft-caf-raci-template--MVP-Best-Practice.csv",
        2,
        2,
        8,
        true,
    );
    assert_eq!(sorted(cells(&written.file)), sorted(expected));
    assert!(
        written.stderr.contains(
            "a title row above the matrix: skipped (`RACI Chart for the MVP Best Practice`)\n  --> "
        ),
        "{}",
        written.stderr
    );
    assert!(
        written
            .stderr
            .contains("msft-caf-raci-template.xlsx: sheet `MVP Best Practice`, cell B2: this row"),
        "{}",
        written.stderr
    );
    check_and_export(&written);
}

#[test]
fn xlsx_every_sheet_by_name() {
    for (sheet, csv, header, first, width, transposed) in [
        (
            "Fully-staffed Best Practice",
            "msft-caf-raci-template--Fully-staffed-Best-Practice.csv",
            2,
            2,
            8,
            true,
        ),
        (
            "Example Fully staffed BP",
            "msft-caf-raci-template--Example-Fully-staffed-BP.csv",
            0,
            1,
            6,
            false,
        ),
        (
            "mvp best practice",
            "msft-caf-raci-template--MVP-Best-Practice.csv",
            2,
            2,
            8,
            true,
        ),
    ] {
        let written = import(&["raci", arg(&real(WORKBOOK)), "--sheet", sheet]);
        let expected = caf_cells(csv, header, first, width, transposed);
        assert_eq!(sorted(cells(&written.file)), sorted(expected), "{sheet}");
        check_and_export(&written);
    }
    let written = import(&[
        "raci",
        arg(&real(WORKBOOK)),
        "--sheet",
        "Example Fully staffed BP",
    ]);
    assert!(
        written.stderr.contains(
            "column H `Aligned cloud capability`, right of the matrix without RACI cells: skipped"
        ),
        "{}",
        written.stderr
    );
}

#[test]
fn xlsx_a_sheet_without_a_matrix_or_a_missing_sheet() {
    let stderr = refused(&["raci", arg(&real(WORKBOOK)), "--sheet", "Org Alignment"]);
    assert!(stderr.contains("no RACI matrix found"), "{stderr}");
    let stderr = refused(&["raci", arg(&real(WORKBOOK)), "--sheet", "Nope"]);
    assert!(stderr.contains("has no sheet `Nope`"), "{stderr}");
    assert!(
        stderr.contains("its sheets: `Org Alignment`, `MVP Best Practice`, `Fully-staffed Best Practice`, `Example Fully staffed BP`"),
        "{stderr}"
    );
}

#[test]
fn xlsx_that_is_no_workbook() {
    let dir = tempfile::tempdir().expect("a directory");
    let fake = dir.path().join("fake.xlsx");
    std::fs::copy(fixture("unknown-cell.csv"), &fake).expect("a copy");
    let run = import::orgraph(dir.path(), &["import", "raci", "fake.xlsx"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`fake.xlsx` is not a workbook calamine can read"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("output").exists());
}
