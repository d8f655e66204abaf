//! Workbooks (XLSX, and the XLS, XLSB and ODS that calamine also reads): one sheet as a grid.

use super::cell::{self, Parsed};
use super::grid::{At, Cell, Grid, collapse};
use crate::diag::Diagnostic;
use calamine::{Data, Reader};
use std::io::Cursor;

/// The extensions read as workbooks.
pub const EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// The sheet `wanted` of the workbook `bytes` (`name` in messages), or the first sheet with a
/// RACI cell; the grid and the sheet's name.
pub fn sheet(
    bytes: Vec<u8>,
    name: &str,
    wanted: Option<&str>,
) -> Result<(Grid, String), Diagnostic> {
    let mut workbook =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|error| {
            Diagnostic::error(format!(
                "`{name}` is not a workbook calamine can read: {error}"
            ))
            .help("save it as .xlsx, or export the sheet as CSV")
        })?;
    let names = workbook.sheet_names();
    let listed = || {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut read = |sheet: &str| -> Result<Grid, Diagnostic> {
        let range = workbook.worksheet_range(sheet).map_err(|error| {
            Diagnostic::error(format!(
                "cannot read the sheet `{sheet}` of `{name}`: {error}"
            ))
        })?;
        Ok(grid(&range, name, sheet))
    };
    match wanted {
        Some(wanted) => {
            let sheet = names
                .iter()
                .find(|n| *n == wanted)
                .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(wanted)))
                .ok_or_else(|| {
                    Diagnostic::error(format!("`{name}` has no sheet `{wanted}`"))
                        .help(format!("its sheets: {}", listed()))
                })?
                .clone();
            Ok((read(&sheet)?, sheet))
        }
        None => {
            for sheet in &names {
                let grid = read(sheet)?;
                let has_raci = grid
                    .rows
                    .iter()
                    .flatten()
                    .any(|c| matches!(cell::parse(&c.text), Parsed::Levels(..)));
                if has_raci {
                    return Ok((grid, sheet.clone()));
                }
            }
            Err(
                Diagnostic::error(format!("no sheet of `{name}` holds a RACI matrix")).help(
                    format!(
                        "its sheets: {}; RACI cells are A, R, C, I or their words",
                        listed()
                    ),
                ),
            )
        }
    }
}

fn grid(range: &calamine::Range<Data>, file: &str, sheet: &str) -> Grid {
    let (top, left) = range.start().unwrap_or((0, 0));
    let at = |row: usize, column: usize| At::Cell {
        file: file.to_string(),
        sheet: sheet.to_string(),
        row: top + row as u32,
        column: left + column as u32,
    };
    let mut grid = Grid {
        first_column: left,
        ..Grid::default()
    };
    for (r, row) in range.rows().enumerate() {
        grid.rows.push(
            row.iter()
                .enumerate()
                .map(|(c, data)| Cell {
                    text: match data {
                        Data::Empty => String::new(),
                        other => collapse(&other.to_string()),
                    },
                    at: at(r, c),
                })
                .collect(),
        );
        grid.row_at.push(at(r, 0));
    }
    grid
}
