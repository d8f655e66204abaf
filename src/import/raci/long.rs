//! The long form: one row per cell, with columns for the role, the item and the RACI value
//! (`team,function,raci`; `party,deliverable,cell`).

use super::cell::{self, Parsed};
use super::grid::Grid;
use super::{Matrix, cell_error};
use crate::diag::Diagnostic;
use crate::import::warning;

const ROLE: &[&str] = &["team", "party", "role", "responsible party", "owner"];
const ITEM: &[&str] = &[
    "function",
    "deliverable",
    "task",
    "item",
    "activity",
    "responsibility",
];
const LEVEL: &[&str] = &["raci", "cell", "level", "raci level", "assignment"];

/// Header text compared with case, spaces, `_` and `-` ignored.
pub fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The columns of a long form: role, item, level; `None` when the header lacks one.
pub struct Columns {
    pub role: usize,
    pub item: usize,
    pub level: usize,
}

pub fn columns(grid: &Grid) -> Option<Columns> {
    let header = grid.rows.first()?;
    let find = |names: &[&str]| {
        header
            .iter()
            .position(|cell| names.iter().any(|n| normalize(n) == normalize(&cell.text)))
    };
    Some(Columns {
        role: find(ROLE)?,
        item: find(ITEM)?,
        level: find(LEVEL)?,
    })
}

/// The cells of the rows `rows` (indexes into `grid`, after its header).
pub fn read(
    grid: &Grid,
    rows: &[usize],
    columns: &Columns,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Matrix, Vec<Diagnostic>> {
    let width = grid.rows[0].len();
    let mut matrix = Matrix::default();
    let mut errors = Vec::new();
    for &r in rows {
        let row = &grid.rows[r];
        if let Some(extra) = (width..row.len()).find(|&c| !grid.text(r, c).is_empty()) {
            errors.push(
                row[extra].at.locate(
                    Diagnostic::error(format!(
                        "this row has {} cells, the header has {width}",
                        row.len()
                    ))
                    .help("quote a value that holds the separator, or remove the extra cell"),
                    "a cell beyond the header's last column",
                ),
            );
            continue;
        }
        let levels = match grid
            .cell(r, columns.level)
            .map(|c| (c, cell::parse(&c.text)))
        {
            None | Some((_, Parsed::Empty)) => continue,
            Some((cell, Parsed::Other)) => {
                errors.push(cell_error(cell));
                continue;
            }
            Some((cell, Parsed::Levels(levels, note))) => {
                if let Some(note) = note {
                    warnings.push(cell.at.locate(
                        warning(format!("the note `{note}` after the level is dropped")),
                        "this cell",
                    ));
                }
                (cell, levels)
            }
        };
        let (Some(role), Some(item)) = (grid.cell(r, columns.role), grid.cell(r, columns.item))
        else {
            errors.push(grid.row_at[r].locate(
                Diagnostic::error("this row has a RACI value but no role or no item"),
                "this row",
            ));
            continue;
        };
        if role.text.is_empty() || item.text.is_empty() {
            let empty = if role.text.is_empty() { role } else { item };
            errors.push(
                empty.at.locate(
                    Diagnostic::error("this row has a RACI value but no role or no item")
                        .help("fill in the role and the item of every row that has a RACI value"),
                    "empty",
                ),
            );
            continue;
        }
        let role = matrix.role(role);
        let item = matrix.item(item);
        for &level in &levels.1 {
            matrix.add(role, item, level, levels.0.at.clone());
        }
    }
    if errors.is_empty() {
        Ok(matrix)
    } else {
        Err(errors)
    }
}
