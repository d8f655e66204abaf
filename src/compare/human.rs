//! The comparison for a terminal: sections of aligned columns, one per model, that fit in
//! 100 characters while they can (long cells wrap inside their column), and long lists cut
//! to their first 20 items with a count of the rest.

use super::sections::{Block, Table, sections};
use super::{Comparison, Show};

const WIDTH: usize = 100;
const INDENT: &str = "  ";
const GAP: &str = "  ";
/// The narrowest a column gets before the table outgrows `WIDTH`.
const MIN_COLUMN: usize = 10;
/// The most items of a list, or rows of a long table, a terminal shows.
pub const SHOWN: usize = 20;

/// The comparison as aligned text tables for a terminal, with every control character from a
/// model escaped ([`crate::terminal::escape_text`]).
pub fn human(comparison: &Comparison, show: Show) -> String {
    let mut out = String::new();
    for (index, section) in sections(comparison, show).iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        out.push_str(&section.title);
        out.push('\n');
        for block in &section.blocks {
            match block {
                Block::Table(table) => {
                    out.push_str(&table_text(table));
                    if table.long && table.rows.len() > SHOWN {
                        out.push_str(&format!("{INDENT}{}\n", more(table.rows.len())));
                    }
                }
                Block::Text(text) => {
                    for line in wrap(text, WIDTH - INDENT.len(), ' ') {
                        out.push_str(&format!("{INDENT}{line}\n"));
                    }
                }
                Block::List(items) => {
                    for item in items.iter().take(SHOWN) {
                        for (i, line) in wrap(item, WIDTH - 6, ' ').iter().enumerate() {
                            let bullet = if i == 0 { "- " } else { "  " };
                            out.push_str(&format!("{INDENT}{INDENT}{bullet}{line}\n"));
                        }
                    }
                    if items.len() > SHOWN {
                        out.push_str(&format!("{INDENT}{INDENT}- {}\n", more(items.len())));
                    }
                }
            }
        }
    }
    crate::terminal::escape_text(&out).into_owned()
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

/// `and 144 more`, after the first [`SHOWN`] of `count`.
fn more(count: usize) -> String {
    format!(
        "and {} more (--format json or markdown lists them all)",
        count - SHOWN
    )
}

/// Column widths: each column as wide as its widest cell when the table fits in `WIDTH`;
/// else the widest columns are narrowed to one shared width, no narrower than `MIN_COLUMN`.
fn widths(table: &Table) -> Vec<usize> {
    let columns = table.header.len();
    let natural: Vec<usize> = (0..columns)
        .map(|c| {
            std::iter::once(&table.header)
                .chain(shown_rows(table))
                .filter_map(|row| row.get(c))
                .map(|cell| chars(cell).max(1))
                .max()
                .unwrap_or(1)
        })
        .collect();
    let room = WIDTH.saturating_sub(INDENT.len() + GAP.len() * (columns - 1));
    let total = |cap: usize| natural.iter().map(|&w| w.min(cap)).sum::<usize>();
    let widest = natural.iter().copied().max().unwrap_or(1);
    // The widest cap that fits: the sum only grows with the cap.
    let (mut low, mut high) = (MIN_COLUMN, widest);
    while low < high {
        let mid = (low + high).div_ceil(2);
        if total(mid) <= room {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    natural.iter().map(|&w| w.min(low)).collect()
}

/// The rows a terminal shows.
fn shown_rows(table: &Table) -> impl Iterator<Item = &Vec<String>> {
    let shown = if table.long { SHOWN } else { usize::MAX };
    table.rows.iter().take(shown)
}

fn table_text(table: &Table) -> String {
    let widths = widths(table);
    let mut out = String::new();
    for row in std::iter::once(&table.header).chain(shown_rows(table)) {
        let cells: Vec<Vec<String>> = row
            .iter()
            .zip(&widths)
            .map(|(cell, &width)| wrap(cell, width, ' '))
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for line in 0..height {
            let mut text = String::from(INDENT);
            for (column, (cell, &width)) in cells.iter().zip(&widths).enumerate() {
                let part = cell.get(line).map_or("", String::as_str);
                if column + 1 == cells.len() {
                    text.push_str(part);
                } else {
                    text.push_str(part);
                    text.push_str(&" ".repeat(width.saturating_sub(chars(part))));
                    text.push_str(GAP);
                }
            }
            out.push_str(text.trim_end());
            out.push('\n');
        }
    }
    out
}

/// Breaks `text` into lines of at most `width` characters, after `separator`s where it can,
/// inside a word only when the word alone is too long.
/// Leading spaces (an indented label) indent every line, so a wrapped label stays under its
/// parent row.
fn wrap(text: &str, width: usize, separator: char) -> Vec<String> {
    let body = text.trim_start_matches(' ');
    let indent = &text[..text.len() - body.len()];
    let mut lines = wrap_words(body, width.saturating_sub(indent.len()), separator);
    for line in &mut lines {
        line.insert_str(0, indent);
    }
    lines
}

fn wrap_words(text: &str, width: usize, separator: char) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_inclusive(separator) {
        let word = if line.is_empty() {
            word.trim_start()
        } else {
            word
        };
        // `line` ends with the separator that the word follows.
        if !line.is_empty() && chars(&line) + chars(word.trim_end()) > width {
            lines.push(line.trim_end().to_string());
            line = word.trim_start().to_string();
        } else {
            line.push_str(word);
        }
        while chars(line.trim_end()) > width {
            let limit = line
                .char_indices()
                .nth(width)
                .map_or(line.len(), |(i, _)| i);
            // A word longer than the line (a list of ids): after a `,`, else inside an id after
            // a `-`, if one is close enough to keep the pieces readable.
            let after = |c: char| {
                line[..limit]
                    .rfind(c)
                    .map(|i| i + 1)
                    .filter(|&i| i > limit / 2)
            };
            let split = after(',').or_else(|| after('-')).unwrap_or(limit);
            lines.push(line[..split].to_string());
            line = line[split..].to_string();
        }
    }
    if !line.trim_end().is_empty() || lines.is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::{Table, WIDTH, table_text, widths, wrap};

    fn table(lead: &str, cells: &[&str]) -> Table {
        let mut header = vec!["finding".to_string()];
        header.extend(cells.iter().map(|_| "model".to_string()));
        let mut row = vec![lead.to_string()];
        row.extend(cells.iter().map(|c| c.to_string()));
        Table {
            lead: 1,
            header,
            rows: vec![row],
            long: false,
        }
    }

    #[test]
    fn a_table_that_fits_in_100_columns_is_not_wrapped() {
        // 57 characters of label and two short columns: 2 + 57 + 2 + 5 + 2 + 5 = 73.
        let label = "x".repeat(57);
        let t = table(&label, &["warn", "-"]);
        assert_eq!(widths(&t), [57, 5, 5]);
        assert_eq!(table_text(&t).lines().count(), 2);
        // Exactly 100 columns wide still fits.
        let label = "y".repeat(100 - 2 - 2 - 5 - 2 - 5);
        let t = table(&label, &["warn", "-"]);
        assert!(table_text(&t).lines().all(|l| l.chars().count() <= WIDTH));
        assert_eq!(table_text(&t).lines().count(), 2);
    }

    #[test]
    fn a_wide_table_narrows_its_widest_columns_first() {
        let t = table(&"a".repeat(60), &[&"b".repeat(60), "warn"]);
        let w = widths(&t);
        assert_eq!(w[2], 5, "the narrow column keeps its width");
        assert_eq!(w[0], w[1]);
        assert!(table_text(&t).lines().all(|l| l.chars().count() <= WIDTH));
    }

    #[test]
    fn a_code_span_that_fits_on_a_line_is_not_split() {
        let text = "`gl-3a2fb8-senior-legal-counsel`, `gl-08478e` and `gl-88a858-senior-legal-counsel` share";
        for width in 34..60 {
            for line in wrap(text, width, ' ') {
                assert_eq!(line.matches('`').count() % 2, 0, "{width}: {line}");
                assert!(line.chars().count() <= width, "{width}: {line}");
            }
        }
        // The separator counts: "abc def" is 7 characters.
        assert_eq!(wrap("abc def", 6, ' '), ["abc", "def"]);
    }

    #[test]
    fn a_list_of_ids_breaks_after_commas() {
        assert_eq!(
            wrap("gl-043f08,gl-049212,gl-0c5b29", 21, ' '),
            ["gl-043f08,gl-049212,", "gl-0c5b29"]
        );
    }

    #[test]
    fn wraps_after_spaces_and_long_ids_after_dashes() {
        assert_eq!(wrap("a, bb, ccc", 6, ' '), ["a, bb,", "ccc"]);
        assert_eq!(wrap("abcdefgh", 3, ' '), ["abc", "def", "gh"]);
        assert_eq!(
            wrap("pm-payments-platform", 16, ' '),
            ["pm-payments-", "platform"]
        );
        assert_eq!(wrap("", 5, ' '), [""]);
        assert_eq!(wrap("naïve café", 5, ' '), ["naïve", "café"]);
        assert_eq!(wrap("  @lending", 20, ' '), ["  @lending"]);
        assert_eq!(
            wrap("  @fulfillment-platform", 16, ' '),
            ["  @fulfillment-", "  platform"]
        );
    }
}
