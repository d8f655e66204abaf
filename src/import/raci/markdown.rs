//! The tables of a Markdown file: pipe tables (`| a | b |` over a `|---|---|` row) and HTML
//! `<table>`s, which Markdown carries as they are (GitLab's handbook writes its RACI tables so).

use super::grid::{At, Cell, Grid, collapse};
use crate::source::{FileId, Span};

/// Every table in `text`, in order, with the line each starts on (as a span).
pub fn tables(text: &str, file: FileId) -> Vec<Grid> {
    let mut tables: Vec<(usize, Grid)> = pipe_tables(text, file);
    tables.extend(html_tables(text, file));
    tables.sort_by_key(|(start, _)| *start);
    tables.into_iter().map(|(_, grid)| grid).collect()
}

/// Lines with their byte offsets, outside fenced code blocks.
fn lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let (mut offset, mut fenced) = (0, false);
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
        } else if !fenced {
            out.push((offset, line.trim_end_matches(['\n', '\r'])));
        }
        offset += line.len();
    }
    out
}

fn is_delimiter_row(line: &str) -> bool {
    let cells = split_row(line, 0);
    !cells.is_empty()
        && cells.iter().all(|(range, _)| {
            let cell = line[range.clone()].trim();
            let dashes = cell.trim_start_matches(':').trim_end_matches(':');
            !dashes.is_empty() && dashes.chars().all(|c| c == '-')
        })
}

/// The cells of a pipe-table row: byte ranges (relative to `base`) of each trimmed cell, and
/// its text with `\|` unescaped. The outer pipes are optional.
fn split_row(line: &str, base: usize) -> Vec<(std::ops::Range<usize>, String)> {
    let mut bounds = Vec::new();
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'|' => {
                bounds.push(start..i);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    bounds.push(start..line.len());
    // A leading `|` leaves an empty first piece, a trailing one an empty last piece.
    if line.trim_start().starts_with('|') && !bounds.is_empty() {
        bounds.remove(0);
    }
    if line.trim_end().ends_with('|') && !line.trim_end().ends_with("\\|") && !bounds.is_empty() {
        bounds.pop();
    }
    bounds
        .into_iter()
        .map(|range| {
            let raw = &line[range.clone()];
            let lead = raw.len() - raw.trim_start().len();
            let trimmed = raw.trim();
            let start = range.start + lead;
            (
                base + start..base + start + trimmed.len(),
                trimmed.replace("\\|", "|"),
            )
        })
        .collect()
}

fn pipe_tables(text: &str, file: FileId) -> Vec<(usize, Grid)> {
    let lines = lines(text);
    let mut tables = Vec::new();
    let mut i = 0;
    while i + 1 < lines.len() {
        let (start, header) = lines[i];
        if !header.contains('|') || !is_delimiter_row(lines[i + 1].1) {
            i += 1;
            continue;
        }
        let mut grid = Grid::default();
        let mut push = |offset: usize, line: &str| {
            grid.rows.push(
                split_row(line, offset)
                    .into_iter()
                    .map(|(range, text)| Cell {
                        text: collapse(&text),
                        at: At::Span(Span::new(file, range)),
                    })
                    .collect(),
            );
            grid.row_at.push(At::Span(Span::new(file, offset..offset)));
        };
        push(start, header);
        i += 2;
        while i < lines.len() && lines[i].1.contains('|') && !lines[i].1.trim().is_empty() {
            push(lines[i].0, lines[i].1);
            i += 1;
        }
        tables.push((start, grid));
    }
    tables
}

/// Case-insensitive find of an ASCII `needle` from `from`.
fn find(text: &str, needle: &str, from: usize) -> Option<usize> {
    let hay = text.as_bytes();
    let needle = needle.as_bytes();
    (from..hay.len().saturating_sub(needle.len() - 1))
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The end of the tag that starts at `open` (after its `>`).
fn tag_end(text: &str, open: usize) -> usize {
    text[open..].find('>').map_or(text.len(), |i| open + i + 1)
}

/// The next place of one tag in a text, for searches that only move forward: each place is
/// found once, so reading a page of tags stays linear however they nest or fail to close.
struct Next<'t> {
    text: &'t str,
    needle: &'static str,
    /// The last place found; `None` inside: no place after it.
    found: Option<Option<usize>>,
}

impl<'t> Next<'t> {
    fn new(text: &'t str, needle: &'static str) -> Next<'t> {
        Next {
            text,
            needle,
            found: None,
        }
    }

    fn from(&mut self, from: usize) -> Option<usize> {
        match self.found {
            Some(Some(at)) if at >= from => Some(at),
            Some(None) => None,
            _ => {
                let at = find(self.text, self.needle, from);
                self.found = Some(at);
                at
            }
        }
    }
}

fn html_tables(text: &str, file: FileId) -> Vec<(usize, Grid)> {
    let mut tables = Vec::new();
    let [
        mut table,
        mut table_end,
        mut tr,
        mut tr_end,
        mut td,
        mut td_end,
        mut th,
        mut th_end,
    ] = [
        "<table", "</table", "<tr", "</tr", "<td", "</td", "<th", "</th",
    ]
    .map(|n| Next::new(text, n));
    let mut from = 0;
    while let Some(open) = table.from(from) {
        let end = [table_end.from(open), table.from(open + 1)]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(text.len());
        let mut grid = Grid::default();
        let mut row_from = open;
        while let Some(row) = tr.from(row_from).filter(|&row| row < end) {
            let row_end = [tr_end.from(row), tr.from(row + 3), Some(end)]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(end);
            let mut cells = Vec::new();
            let mut cell_from = row;
            while let Some(cell) = [td.from(cell_from), th.from(cell_from)]
                .into_iter()
                .flatten()
                .min()
                .filter(|&cell| cell < row_end)
            {
                let content = tag_end(text, cell);
                let close = [
                    td_end.from(content),
                    th_end.from(content),
                    td.from(content),
                    th.from(content),
                    Some(row_end),
                ]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(row_end)
                .max(content);
                let raw = &text[content..close];
                let lead = raw.len() - raw.trim_start().len();
                let span = content + lead..content + raw.trim_end().len();
                cells.push(Cell {
                    text: collapse(&html_text(raw)),
                    at: At::Span(Span::new(file, span.start..span.end.max(span.start))),
                });
                cell_from = close + 1;
            }
            grid.rows.push(cells);
            grid.row_at.push(At::Span(Span::new(file, row..row)));
            row_from = row_end.max(row + 1);
        }
        tables.push((open, grid));
        from = end.max(open + 1);
    }
    tables
}

/// The text of HTML cell content: tags dropped (`<br>` a space), common entities decoded.
fn html_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            out.push(' ');
            rest = &rest[end..];
        } else {
            let end = rest.find(';').filter(|&e| e <= 10);
            let entity = end.map(|e| &rest[1..e]);
            let decoded = match entity {
                Some("amp") => Some('&'),
                Some("lt") => Some('<'),
                Some("gt") => Some('>'),
                Some("quot") => Some('"'),
                Some("apos") | Some("#39") => Some('\''),
                Some("nbsp") => Some(' '),
                Some(number) if number.starts_with("#x") || number.starts_with("#X") => {
                    u32::from_str_radix(&number[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                Some(number) if number.starts_with('#') => {
                    number[1..].parse().ok().and_then(char::from_u32)
                }
                _ => None,
            };
            match (decoded, end) {
                (Some(c), Some(e)) => {
                    out.push(c);
                    rest = &rest[e + 1..];
                }
                _ => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(grid: &Grid) -> Vec<Vec<&str>> {
        grid.rows
            .iter()
            .map(|row| row.iter().map(|c| c.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn pipe_tables_with_and_without_outer_pipes() {
        let text = "# T\n\n| Task | PM | Dev |\n|---|:--:|---|\n| Spec | A/R | C |\n| Code \\| review | | A |\n\nTask | PM\n--- | ---\nShip | A\n";
        let tables = tables(text, FileId(0));
        assert_eq!(tables.len(), 2);
        assert_eq!(
            texts(&tables[0]),
            [
                vec!["Task", "PM", "Dev"],
                vec!["Spec", "A/R", "C"],
                vec!["Code | review", "", "A"]
            ]
        );
        assert_eq!(texts(&tables[1]), [vec!["Task", "PM"], vec!["Ship", "A"]]);
        let span = tables[0].rows[1][1].at.span().unwrap();
        assert_eq!(&text[span.range()], "A/R");
    }

    #[test]
    fn a_row_keeps_its_extra_cells() {
        let text = "| a | b |\n|---|---|\n| x | A | |I |\n";
        assert_eq!(texts(&tables(text, FileId(0))[0])[1], ["x", "A", "", "I"]);
    }

    #[test]
    fn html_tables_in_markdown() {
        let text = "<table>\n <tr>\n  <td><strong>Task</strong>\n  </td>\n  <td>Team &amp; Co</td>\n </tr>\n <tr>\n  <td>Vetting</td>\n  <td>R\n\n  <br>(prelim vetting)\n  </td>\n </tr>\n</table>\n";
        let tables = tables(text, FileId(0));
        assert_eq!(
            texts(&tables[0]),
            [
                vec!["Task", "Team & Co"],
                vec!["Vetting", "R (prelim vetting)"]
            ]
        );
        let span = tables[0].rows[1][0].at.span().unwrap();
        assert_eq!(&text[span.range()], "Vetting");
    }

    #[test]
    fn code_fences_hold_no_tables() {
        let text = "```\n| a | b |\n|---|---|\n```\n";
        assert!(tables(text, FileId(0)).is_empty());
    }
}
