//! The wide form: one row per item and one column per role, or the transpose. The matrix is
//! found by where its RACI cells are; its header is the fullest row above them, its names the
//! nearest filled column to their left. What lies around it (title rows, an empty first column,
//! free-text columns, legend rows) is skipped with a warning.

use super::cell::{self, Parsed};
use super::grid::{Grid, column_letters};
use super::{Matrix, cell_error, named};
use crate::diag::Diagnostic;
use crate::import::warning;
use crate::model::Level;

/// Reads the matrix of `grid`; warnings name what was skipped around it.
pub fn read(grid: &Grid, warnings: &mut Vec<Diagnostic>) -> Result<Matrix, Vec<Diagnostic>> {
    let parsed: Vec<Vec<Parsed>> = grid
        .rows
        .iter()
        .map(|row| row.iter().map(|c| cell::parse(&c.text)).collect())
        .collect();
    let is_raci = |r: usize, c: usize| parsed[r].get(c).is_some_and(Parsed::is_raci);
    let filled = |r: usize, c: usize| !grid.text(r, c).is_empty();
    let width = grid.width();
    let rows_with = |columns: &[usize]| -> Vec<usize> {
        (0..grid.rows.len())
            .filter(|&r| columns.iter().any(|&c| is_raci(r, c)))
            .collect()
    };
    let every_column: Vec<usize> = (0..width).collect();
    let raci_rows = rows_with(&every_column);
    let (Some(&first), Some(&last)) = (raci_rows.first(), raci_rows.last()) else {
        return Err(vec![no_matrix()]);
    };
    // Columns where RACI cells outnumber other text, between the first and last RACI rows.
    let raci_columns = |columns: std::ops::Range<usize>, first: usize, last: usize| -> Vec<usize> {
        columns
            .filter(|&c| {
                let raci = (first..=last).filter(|&r| is_raci(r, c)).count();
                let other = (first..=last)
                    .filter(|&r| filled(r, c) && !is_raci(r, c))
                    .count();
                raci > 0 && raci >= other
            })
            .collect()
    };
    let provisional = raci_columns(0..width, first, last);
    let header = (0..first)
        .map(|r| (r, provisional.iter().filter(|&&c| filled(r, c)).count()))
        .fold(None, |best: Option<(usize, usize)>, (r, n)| match best {
            Some((_, most)) if most >= n => best,
            _ if n > 0 => Some((r, n)),
            _ => best,
        })
        .map(|(r, _)| r);
    let Some(header) = header else {
        let at = &grid.row_at[first];
        return Err(vec![
            at.locate(
                Diagnostic::error("the RACI cells have no header row above them")
                    .help("a matrix needs a row of role (or item) names above its cells"),
                "the first row of RACI cells",
            ),
        ]);
    };
    let header_len = grid.rows[header].len();
    let mut errors = Vec::new();
    for r in header + 1..=last {
        if let Some(extra) = (header_len..grid.rows[r].len()).find(|&c| filled(r, c)) {
            errors.push(
                grid.rows[r][extra].at.locate(
                    Diagnostic::error(format!(
                        "this row has {} cells, the header has {header_len}",
                        grid.rows[r].len()
                    ))
                    .help("remove the extra cell, or add its column to the header"),
                    "a cell beyond the header's last column",
                ),
            );
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let columns = raci_columns(0..header_len.min(width), first, last);
    let (Some(&min_c), Some(&max_c)) = (columns.first(), columns.last()) else {
        return Err(vec![no_matrix()]);
    };
    let matrix_rows = rows_with(&columns);
    let (first, last) = (matrix_rows[0], matrix_rows[matrix_rows.len() - 1]);
    // The names: the nearest column left of the cells that most matrix rows fill.
    let span = last - first + 1;
    let Some(names) = (0..min_c)
        .rev()
        .find(|&c| (first..=last).filter(|&r| filled(r, c)).count() * 2 >= span)
    else {
        return Err(vec![
            grid.rows[first][min_c].at.locate(
                Diagnostic::error("the RACI cells have no column of names on their left")
                    .help("a matrix needs a column of item (or role) names left of its cells"),
                "the first RACI cell",
            ),
        ]);
    };
    let column_name = |c: usize| {
        let header_text = grid.text(header, c);
        if header_text.is_empty() {
            format!("column {}", column_letters(grid.first_column + c as u32))
        } else {
            format!(
                "column {} `{header_text}`",
                column_letters(grid.first_column + c as u32)
            )
        }
    };
    // What is skipped around the matrix, each with a warning.
    let skip_row = |r: usize, why: &str, warnings: &mut Vec<Diagnostic>| {
        if let Some(c) = (0..grid.rows[r].len()).find(|&c| filled(r, c)) {
            warnings.push(grid.rows[r][c].at.locate(
                warning(format!("{why}: skipped (`{}`)", shorten(grid.text(r, c)))),
                "this row",
            ));
        }
    };
    for r in 0..header {
        skip_row(r, "a title row above the matrix", warnings);
    }
    for r in header + 1..first {
        skip_row(r, "a row between the header and the RACI cells", warnings);
    }
    for r in last + 1..grid.rows.len() {
        skip_row(
            r,
            "a row below the matrix without RACI cells (a legend or notes)",
            warnings,
        );
    }
    let mut in_matrix_column = vec![false; width];
    for &c in &columns {
        in_matrix_column[c] = true;
    }
    let in_matrix = |c: usize| in_matrix_column[c];
    for c in (0..width).filter(|&c| c != names && !in_matrix(c)) {
        let Some(r) = (header..=last).find(|&r| filled(r, c)) else {
            if c == 0 && names > 0 && grid.first_column == 0 {
                warnings.push(grid.row_at[header].locate(
                    warning("the first column is empty: skipped"),
                    "the header row",
                ));
            }
            continue;
        };
        let why = if c < names {
            "left of the names"
        } else if c < max_c {
            "inside the matrix without RACI cells"
        } else {
            "right of the matrix without RACI cells"
        };
        warnings.push(grid.rows[r][c].at.locate(
            warning(format!("{}, {why}: skipped", column_name(c))),
            "this column",
        ));
    }
    // The cells, row by row; any other text in the matrix is an error.
    let mut rows = Vec::new();
    for (r, row) in parsed.iter().enumerate().take(last + 1).skip(first) {
        let label = grid.text(r, names);
        let mut cells = Vec::new();
        for &c in &columns {
            match &row.get(c) {
                Some(Parsed::Levels(levels, note)) => {
                    let at = &grid.rows[r][c].at;
                    if let Some(note) = note {
                        warnings.push(at.locate(
                            warning(format!("the note `{note}` after the level is dropped")),
                            "this cell",
                        ));
                    }
                    cells.push((c, levels.clone(), at.clone()));
                }
                Some(Parsed::Other) => errors.push(cell_error(&grid.rows[r][c])),
                _ => {}
            }
        }
        if label.is_empty() {
            if let Some((c, _, at)) = cells.first() {
                errors.push(at.locate(
                    Diagnostic::error("this row has RACI cells but no name").help(format!(
                        "write the item's (or role's) name in {}",
                        column_name(names)
                    )),
                    &format!("a cell of {}", column_name(*c)),
                ));
            }
            continue;
        }
        rows.push((r, cells));
    }
    // A column without a header that holds cells: its first cell.
    let mut first_cell: Vec<Option<&super::grid::At>> = vec![None; width];
    for (_, cells) in &rows {
        for (c, _, at) in cells {
            first_cell[*c].get_or_insert(at);
        }
    }
    for &c in &columns {
        if let Some(at) = first_cell[c].filter(|_| grid.text(header, c).is_empty()) {
            errors.push(
                at.locate(
                    Diagnostic::error(format!(
                        "{} holds RACI cells but has no header",
                        column_name(c)
                    ))
                    .help("write the role's (or item's) name above its cells"),
                    "a cell of it",
                ),
            );
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let columns: Vec<usize> = columns
        .into_iter()
        .filter(|&c| !grid.text(header, c).is_empty())
        .collect();
    // Items are the rows unless that gives an item two A while the transpose gives none.
    let accountable = |levels: &[Level]| levels.contains(&Level::Accountable);
    let row_has_two = rows.iter().any(|(_, cells)| {
        cells
            .iter()
            .filter(|(_, levels, _)| accountable(levels))
            .count()
            >= 2
    });
    let mut column_accountable = vec![0usize; width];
    for (_, cells) in &rows {
        for (c, levels, _) in cells {
            column_accountable[*c] += usize::from(accountable(levels));
        }
    }
    let column_at_most_one = column_accountable.iter().all(|&n| n <= 1);
    let items_are_columns = row_has_two && column_at_most_one;
    let row_names: Vec<_> = rows
        .iter()
        .map(|(r, _)| named(&grid.rows[*r][names]))
        .collect();
    let column_names: Vec<_> = columns
        .iter()
        .map(|&c| named(&grid.rows[header][c]))
        .collect();
    let mut matrix = if items_are_columns {
        Matrix::new(row_names, column_names)
    } else {
        Matrix::new(column_names, row_names)
    };
    let mut position = vec![None; width];
    for (index, &c) in columns.iter().enumerate() {
        position[c] = Some(index);
    }
    for (row, (_, cells)) in rows.iter().enumerate() {
        for (c, levels, at) in cells {
            let Some(column) = position[*c] else {
                continue;
            };
            let (role, item) = if items_are_columns {
                (row, column)
            } else {
                (column, row)
            };
            for &level in levels {
                matrix.add(role, item, level, at.clone());
            }
        }
    }
    Ok(matrix)
}

fn no_matrix() -> Diagnostic {
    Diagnostic::error("no RACI matrix found: no cell holds a RACI value").help(
        "RACI cells are A, R, C, I, their words (Accountable, ...) or combinations such as A/R; \
         a long form needs columns for the role, the item and the RACI value",
    )
}

/// At most 60 characters of `text`, for a message.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text.to_string(),
    }
}
