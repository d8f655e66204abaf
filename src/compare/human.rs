//! The comparison for a terminal: sections of aligned columns, one per model, that fit in
//! 100 characters while they can (long cells wrap inside their column).

use super::Comparison;
use super::sections::{Block, Table, sections};

const WIDTH: usize = 100;
const INDENT: &str = "  ";
const GAP: &str = "  ";
/// The narrowest a column gets before the table outgrows `WIDTH`.
const MIN_COLUMN: usize = 10;
/// The widest a leading (label) column gets.
const MAX_LEAD: usize = 26;

/// The comparison as aligned text tables for a terminal.
pub fn human(comparison: &Comparison) -> String {
    let mut out = String::new();
    for (index, section) in sections(comparison).iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        out.push_str(&section.title);
        out.push('\n');
        for block in &section.blocks {
            match block {
                Block::Table(table) => out.push_str(&table_text(table)),
                Block::Text(text) => {
                    for line in wrap(text, WIDTH - INDENT.len(), ' ') {
                        out.push_str(&format!("{INDENT}{line}\n"));
                    }
                }
                Block::List(items) => {
                    for item in items {
                        for (i, line) in wrap(item, WIDTH - 6, ' ').iter().enumerate() {
                            let bullet = if i == 0 { "- " } else { "  " };
                            out.push_str(&format!("{INDENT}{INDENT}{bullet}{line}\n"));
                        }
                    }
                }
            }
        }
    }
    out
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

/// Column widths: leading columns as wide as their text (capped), the model columns sharing
/// what is left, none wider than its widest cell.
fn widths(table: &Table) -> Vec<usize> {
    let columns = table.header.len();
    let natural: Vec<usize> = (0..columns)
        .map(|c| {
            std::iter::once(&table.header)
                .chain(&table.rows)
                .filter_map(|row| row.get(c))
                .map(|cell| chars(cell))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut widths: Vec<usize> = natural
        .iter()
        .take(table.lead)
        .map(|&w| w.min(MAX_LEAD))
        .collect();
    let used = INDENT.len() + widths.iter().sum::<usize>() + GAP.len() * (columns - 1);
    let mut left = WIDTH.saturating_sub(used);
    // Narrow columns take what they need, narrowest first; the rest share what remains.
    let mut order: Vec<usize> = (table.lead..columns).collect();
    order.sort_by_key(|&c| natural[c]);
    widths.resize(columns, 0);
    for (done, &column) in order.iter().enumerate() {
        let share = (left / (order.len() - done)).max(MIN_COLUMN);
        widths[column] = natural[column].clamp(1, share);
        left = left.saturating_sub(widths[column]);
    }
    widths
}

fn table_text(table: &Table) -> String {
    let widths = widths(table);
    let mut out = String::new();
    for row in std::iter::once(&table.header).chain(&table.rows) {
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
/// Leading spaces (an indented label) stay on the first line.
fn wrap(text: &str, width: usize, separator: char) -> Vec<String> {
    let body = text.trim_start_matches(' ');
    let indent = &text[..text.len() - body.len()];
    let mut lines = wrap_words(body, width.saturating_sub(indent.len()), separator);
    lines[0].insert_str(0, indent);
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
        if !line.is_empty() && chars(line.trim_end()) + chars(word.trim_end()) > width {
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
            // Inside an id, after a `-` if one is close enough to keep the pieces readable.
            let split = match line[..limit].rfind('-') {
                Some(dash) if dash + 1 > limit / 2 => dash + 1,
                _ => limit,
            };
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
    use super::wrap;

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
    }
}
