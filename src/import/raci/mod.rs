//! `import raci`: a RACI matrix (CSV, Markdown, XLSX) to a model. Roles become roles, items
//! (tasks, deliverables, functions) become kinds on one scope; A is `owns`, R `responsible`,
//! C `consulted`, I `informed`. Wide matrices (either orientation) and long forms (one row per
//! cell) are read; `--split COL` makes one model per value of a long form's column.

mod cell;
mod grid;
mod long;
mod markdown;
mod wide;
mod xlsx;

use super::{
    ImportError, Imported, Named, failed, policy, read_bytes, read_text, short_slug, warning,
};
use crate::check::Check;
use crate::diag::Diagnostic;
use crate::model::schema::{KindFile, ModelFile, RoleFile};
use crate::model::{CheckLevel, Level};
use crate::source::Sources;
use grid::{At, Cell, Grid};
use indexmap::IndexMap;
use std::collections::HashMap;
use std::path::Path;

/// How `import raci` reads a matrix.
#[derive(Debug, Default)]
pub struct Options<'a> {
    /// The workbook sheet to read (`--sheet`); default: the first that holds a matrix.
    pub sheet: Option<&'a str>,
    /// A long form's column whose values each make a model (`--split`).
    pub split: Option<&'a str>,
    /// The input's encoding when it is not UTF-8 (`--encoding`).
    pub encoding: Option<&'a str>,
}

/// A role or an item as the matrix names it.
#[derive(Clone, Debug)]
struct Name {
    text: String,
    at: At,
}

fn named(cell: &Cell) -> Name {
    Name {
        text: cell.text.clone(),
        at: cell.at.clone(),
    }
}

/// One level a role holds on an item, and the cell that says so.
#[derive(Debug)]
struct Assigned {
    role: usize,
    item: usize,
    level: Level,
    at: At,
}

/// What a matrix says, whatever its form: its roles and items in order, and its cells.
#[derive(Debug, Default)]
struct Matrix {
    roles: Vec<Name>,
    items: Vec<Name>,
    cells: Vec<Assigned>,
    /// Indexes by name, for a long form that names them again on every row.
    role_index: HashMap<String, usize>,
    item_index: HashMap<String, usize>,
}

impl Matrix {
    fn new(roles: Vec<Name>, items: Vec<Name>) -> Matrix {
        Matrix {
            roles,
            items,
            ..Matrix::default()
        }
    }

    fn add(&mut self, role: usize, item: usize, level: Level, at: At) {
        self.cells.push(Assigned {
            role,
            item,
            level,
            at,
        });
    }

    /// The index of the role named in `cell`, added when new.
    fn role(&mut self, cell: &Cell) -> usize {
        index_of(&mut self.roles, &mut self.role_index, cell)
    }

    fn item(&mut self, cell: &Cell) -> usize {
        index_of(&mut self.items, &mut self.item_index, cell)
    }
}

fn index_of(names: &mut Vec<Name>, index: &mut HashMap<String, usize>, cell: &Cell) -> usize {
    *index.entry(cell.text.clone()).or_insert_with(|| {
        names.push(named(cell));
        names.len() - 1
    })
}

/// The error for text in a RACI cell that is no RACI value.
fn cell_error(cell: &Cell) -> Diagnostic {
    cell.at.locate(
        Diagnostic::error(format!("`{}` is not a RACI value", cell.text)).help(
            "a cell is A, R, C or I, their words (Accountable, Responsible, Consulted, Informed), \
             or several separated by `,` `/` `+` or spaces (`A/R`); empty or `-` means none; a \
             note may follow in parentheses (`R (prelim vetting)`)",
        ),
        "this cell",
    )
}

/// Imports the RACI matrix at `path` (see the module doc).
pub fn import(path: &Path, options: &Options) -> Result<Imported, ImportError> {
    let mut sources = Sources::default();
    let mut warnings = Vec::new();
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase);
    let workbook = extension
        .as_deref()
        .is_some_and(|e| xlsx::EXTENSIONS.contains(&e));
    let markdown = matches!(extension.as_deref(), Some("md" | "markdown"));
    let mut sheet = None;
    let grid = if workbook {
        let name = path.display().to_string();
        let read = read_bytes(path).and_then(|bytes| xlsx::sheet(bytes, &name, options.sheet));
        match read {
            Ok((grid, name)) => {
                sheet = Some(name);
                grid
            }
            Err(error) => return Err(failed(sources, vec![error])),
        }
    } else {
        if options.sheet.is_some() {
            return Err(failed(
                sources,
                vec![
                    Diagnostic::error("`--sheet` is for workbooks (.xlsx)")
                        .help("a CSV or Markdown file has one table; drop `--sheet`"),
                ],
            ));
        }
        let file = match read_text(&mut sources, path, options.encoding) {
            Ok(file) => file,
            Err(error) => return Err(failed(sources, vec![error])),
        };
        if markdown {
            match markdown_matrix(&sources, file, &mut warnings) {
                Ok(grid) => grid,
                Err(error) => return Err(failed(sources, vec![error])),
            }
        } else {
            grid::from_delimited(&sources, file)
        }
    };
    let stem = path
        .file_stem()
        .map_or("raci".into(), |s| s.to_string_lossy().into_owned());
    let mut origin = path
        .file_name()
        .map_or(stem.clone(), |s| s.to_string_lossy().into_owned());
    let stem = match &sheet {
        Some(sheet) => {
            origin.push_str(&format!(", sheet `{sheet}`"));
            format!("{stem} ({sheet})")
        }
        None => stem,
    };
    match models(&grid, &stem, &origin, options, &mut warnings) {
        Ok(models) => Ok(Imported {
            models,
            warnings,
            sources,
        }),
        Err(errors) => Err(failed(sources, errors)),
    }
}

/// The first table of a Markdown file whose cells are RACI values; later ones are warned about.
fn markdown_matrix(
    sources: &Sources,
    file: crate::source::FileId,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Grid, Diagnostic> {
    let mut matrices = markdown::tables(sources.text(file), file)
        .into_iter()
        .filter(looks_like_a_matrix);
    let Some(first) = matrices.next() else {
        return Err(Diagnostic::error(format!(
            "`{}` has no table of RACI values",
            sources.name(file)
        ))
        .help("a matrix is a pipe table (`| Task | PM |` over `|---|---|`) or an HTML <table> whose cells are A, R, C, I"));
    };
    for other in matrices {
        warnings.push(other.row_at[0].locate(
            warning("another RACI table: only the first table of a Markdown file is imported"),
            "this table",
        ));
    }
    Ok(first)
}

/// Whether a table's body is mostly RACI values and its first column mostly not (a legend
/// table of letters and their meanings is no matrix).
fn looks_like_a_matrix(grid: &Grid) -> bool {
    let body = grid.rows.iter().skip(1);
    let (mut raci, mut other, mut names_raci, mut names) = (0, 0, 0, 0);
    for row in body {
        for (c, cell) in row.iter().enumerate() {
            let parsed = cell::parse(&cell.text);
            match (c, &parsed) {
                (_, cell::Parsed::Empty) => {}
                (0, parsed) => {
                    names += 1;
                    names_raci += usize::from(parsed.is_raci());
                }
                (_, parsed) if parsed.is_raci() => raci += 1,
                _ => other += 1,
            }
        }
    }
    raci > other && names_raci * 2 <= names
}

/// The model (or, with `--split`, the models) the grid holds.
fn models(
    grid: &Grid,
    stem: &str,
    origin: &str,
    options: &Options,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<Named>, Vec<Diagnostic>> {
    let Some(columns) = long::columns(grid) else {
        if let Some(split) = options.split {
            return Err(vec![Diagnostic::error(format!(
                "`--split {split}` needs a long form: this file is a wide matrix"
            ))
            .help("a long form has one row per cell, with columns for the role, the item and the RACI value")]);
        }
        let matrix = wide::read(grid, warnings)?;
        return Ok(vec![Named {
            split: None,
            model: model(&matrix, stem, origin, None, warnings),
        }]);
    };
    let header = &grid.rows[0];
    let body: Vec<usize> = (1..grid.rows.len()).collect();
    let Some(split) = options.split else {
        suggest_split(grid, &columns, warnings);
        let matrix = long::read(grid, &body, &columns, warnings)?;
        return Ok(vec![Named {
            split: None,
            model: model(&matrix, stem, origin, None, warnings),
        }]);
    };
    let Some(column) = header.iter().position(|c| c.text == split).or_else(|| {
        header
            .iter()
            .position(|c| long::normalize(&c.text) == long::normalize(split))
    }) else {
        let seen: Vec<String> = header.iter().map(|c| format!("`{}`", c.text)).collect();
        return Err(vec![
            Diagnostic::error(format!("`--split {split}`: the header has no such column"))
                .help(format!("the header has: {}", seen.join(", "))),
        ]);
    };
    let mut groups: IndexMap<&str, Vec<usize>> = IndexMap::new();
    let mut errors = Vec::new();
    for &r in &body {
        if grid.rows[r].iter().all(|c| c.text.is_empty()) {
            continue;
        }
        match grid.cell(r, column).filter(|c| !c.text.is_empty()) {
            Some(cell) => groups.entry(cell.text.as_str()).or_default().push(r),
            None => errors.push(
                grid.row_at[r].locate(
                    Diagnostic::error(format!("this row has no `{split}`"))
                        .help("every row needs a value in the column that splits the models"),
                    "this row",
                ),
            ),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut models = Vec::new();
    for (value, rows) in groups {
        let matrix = long::read(grid, &rows, &columns, warnings)?;
        models.push(Named {
            split: Some(value.to_string()),
            model: model(&matrix, value, origin, Some((split, value)), warnings),
        });
    }
    Ok(models)
}

/// A long form's other column with a few distinct values is likely variants: say how to split.
fn suggest_split(grid: &Grid, columns: &long::Columns, warnings: &mut Vec<Diagnostic>) {
    let used = [columns.role, columns.item, columns.level];
    for (c, header) in grid.rows[0].iter().enumerate() {
        if used.contains(&c) || header.text.is_empty() {
            continue;
        }
        let mut values: Vec<&str> = grid.rows[1..]
            .iter()
            .filter_map(|row| row.get(c))
            .map(|cell| cell.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        values.sort_unstable();
        values.dedup();
        if (2..=50).contains(&values.len()) {
            warnings.push(header.at.locate(
                warning(format!(
                    "column `{}` is not read; its {} values may be variants of the matrix: `--split {}` writes one model per value",
                    header.text,
                    values.len(),
                    header.text
                )),
                "this column",
            ));
        }
    }
}

/// The id a name gives: its slug (before a ` - ` that starts a description), at most 40
/// characters, made unique by `-2`, `-3` when two names give one.
fn ids(names: &[Name], fallback: &str, warnings: &mut Vec<Diagnostic>) -> Vec<String> {
    let mut taken: IndexMap<String, &str> = IndexMap::new();
    let mut ids = Vec::new();
    for (index, name) in names.iter().enumerate() {
        let short = name.text.split(" - ").next().unwrap_or(&name.text);
        let mut base = short_slug(short, 40);
        if base.is_empty() {
            base = format!("{fallback}-{}", index + 1);
            warnings.push(name.at.locate(
                warning(format!(
                    "`{}` has no letter or digit of a-z, 0-9 for an id: it is `{base}`",
                    name.text
                )),
                "this name",
            ));
        }
        let mut id = base.clone();
        let mut n = 1;
        while taken.contains_key(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        taken.insert(id.clone(), &name.text);
        ids.push(id);
    }
    ids
}

/// The check levels a RACI model sets: every item should have an R, and a matrix has no
/// reporting lines, so every role is a root.
const CHECKS: [(&str, CheckLevel); 2] = [
    ("no-responsible", CheckLevel::Warn),
    ("multiple-roots", CheckLevel::Allow),
];

/// The model a matrix makes (SPEC 7): roles, items as kinds on one scope, every item required.
fn model(
    matrix: &Matrix,
    name: &str,
    origin: &str,
    split: Option<(&str, &str)>,
    warnings: &mut Vec<Diagnostic>,
) -> ModelFile {
    let role_ids = ids(&matrix.roles, "role", warnings);
    let kind_ids = ids(&matrix.items, "item", warnings);
    let mut roles: Vec<RoleFile> = matrix
        .roles
        .iter()
        .zip(&role_ids)
        .map(|(name, id)| RoleFile {
            id: id.clone(),
            title: name.text.clone(),
            ..RoleFile::default()
        })
        .collect();
    let mut seen: IndexMap<(usize, usize, Level), &At> = IndexMap::new();
    for cell in &matrix.cells {
        if let Some(first) = seen.get(&(cell.role, cell.item, cell.level)) {
            let mut repeated = cell.at.locate(
                warning(format!(
                    "`{}` is {} for `{}` again: one cell",
                    matrix.roles[cell.role].text,
                    cell.level.name(),
                    matrix.items[cell.item].text
                )),
                "again here",
            );
            if let Some(span) = first.span() {
                repeated = repeated.also(span, "first here");
            }
            warnings.push(repeated);
            continue;
        }
        seen.insert((cell.role, cell.item, cell.level), &cell.at);
        let role = &mut roles[cell.role];
        let list = match cell.level {
            Level::Accountable => &mut role.owns,
            Level::Responsible => &mut role.responsible,
            Level::Consulted => &mut role.consulted,
            Level::Informed => &mut role.informed,
        };
        list.push(kind_ids[cell.item].clone());
    }
    let kind = matrix
        .items
        .iter()
        .zip(&kind_ids)
        .map(|(name, id)| KindFile {
            id: id.clone(),
            description: Some(name.text.clone()),
        })
        .collect();
    let mut description = format!("Imported from {origin} by `orgraph import raci`");
    if let Some((column, value)) = split {
        description.push_str(&format!(" ({column} = {value})"));
    }
    description.push_str(&format!(
        ": {} roles, {} items",
        matrix.roles.len(),
        matrix.items.len()
    ));
    ModelFile {
        name: name.to_string(),
        description: Some(description),
        policy: policy(kind_ids),
        checks: CHECKS
            .iter()
            // A check this build does not know would make the model fail to load.
            .filter(|(code, _)| Check::from_code(code).is_some())
            .map(|&(code, level)| (code.to_string(), level))
            .collect(),
        kind,
        role: roles,
        ..ModelFile::default()
    }
}
