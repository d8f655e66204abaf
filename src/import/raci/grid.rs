//! A table as read from any input: rows of cells, each knowing where it is (a span in a text
//! file, or a sheet and cell of a workbook), so that every message can point at it.

use crate::diag::Diagnostic;
use crate::import::delimited::{Records, field_spans, sniff_delimiter};
use crate::source::{FileId, Sources, Span};

/// Where a cell is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum At {
    /// In a text input (CSV, Markdown).
    Span(Span),
    /// In a workbook: the file, the sheet, and the 0-based row and column.
    Cell {
        file: String,
        sheet: String,
        row: u32,
        column: u32,
    },
}

impl At {
    /// `diagnostic` pointed here, with `label`. A workbook has no text to show, so its cell is
    /// named in the message.
    pub fn locate(&self, diagnostic: Diagnostic, label: &str) -> Diagnostic {
        match self {
            At::Span(span) => diagnostic.at(*span, label),
            At::Cell {
                file,
                sheet,
                row,
                column,
            } => {
                let message = format!(
                    "{}\n  --> {file}: sheet `{sheet}`, cell {}{}: {label}",
                    diagnostic.message,
                    column_letters(*column),
                    row + 1
                );
                Diagnostic {
                    message,
                    ..diagnostic
                }
            }
        }
    }

    /// The span, for a second label; `None` in a workbook.
    pub fn span(&self) -> Option<Span> {
        match self {
            At::Span(span) => Some(*span),
            At::Cell { .. } => None,
        }
    }
}

/// `0` -> `A`, `25` -> `Z`, `26` -> `AA`: columns as spreadsheets name them.
pub fn column_letters(column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8_lossy(&letters).into_owned()
}

#[derive(Clone, Debug)]
pub struct Cell {
    /// The text with runs of whitespace as one space, trimmed.
    pub text: String,
    pub at: At,
}

/// Rows of cells; rows may differ in length.
#[derive(Debug, Default)]
pub struct Grid {
    pub rows: Vec<Vec<Cell>>,
    /// Where each row starts, for a message about the whole row.
    pub row_at: Vec<At>,
    /// The sheet column of the grid's first column (a workbook's used range may start at B).
    pub first_column: u32,
}

impl Grid {
    /// The cell at `row`, `column`, if the row is that long.
    pub fn cell(&self, row: usize, column: usize) -> Option<&Cell> {
        self.rows.get(row)?.get(column)
    }

    /// The text at `row`, `column`; empty where the row is shorter.
    pub fn text(&self, row: usize, column: usize) -> &str {
        self.cell(row, column).map_or("", |c| c.text.as_str())
    }

    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// Runs of whitespace as one space, trimmed.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The delimited text `file` (CSV, `;` or tab separated) as a grid.
pub fn from_delimited(sources: &Sources, file: FileId) -> Grid {
    let text = sources.text(file);
    let delimiter = sniff_delimiter(text);
    let mut records = Records::new(text, delimiter);
    let mut grid = Grid::default();
    while let Some((start, record)) = records.next_record() {
        let spans = field_spans(text, start, delimiter);
        let row = record
            .iter()
            .enumerate()
            .map(|(index, field)| Cell {
                text: collapse(field),
                at: At::Span(Span::new(
                    file,
                    spans.get(index).cloned().unwrap_or(start..start),
                )),
            })
            .collect();
        grid.rows.push(row);
        grid.row_at.push(At::Span(Span::new(file, start..start)));
    }
    grid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}
