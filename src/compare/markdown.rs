//! The comparison as Markdown for a pull request or a wiki: one table per section. Unlike the
//! terminal, it lists every item: a document can be searched.

use super::sections::{Block, sections};
use super::{Comparison, Show};
use crate::export::escape;

/// The comparison as Markdown tables, one per section, with every control character from a
/// model escaped ([`crate::terminal::escape_text`]): the file is read in terminals too.
pub fn markdown(comparison: &Comparison, show: Show) -> String {
    let labels: Vec<String> = comparison
        .sides
        .iter()
        .map(|side| format!("`{}`", code(side.model.path())))
        .collect();
    let mut out = format!("# Comparing {}\n", labels.join(", "));
    for section in sections(comparison, show) {
        out.push_str(&format!("\n## {}\n", escape(&section.title)));
        for block in &section.blocks {
            out.push('\n');
            match block {
                Block::Text(text) => out.push_str(&format!("{}\n", escape(text))),
                Block::List(items) => {
                    for item in items {
                        out.push_str(&format!("- {}\n", escape(item)));
                    }
                }
                Block::Table(table) => {
                    let line = |cells: &[String]| {
                        let cells: Vec<String> = cells.iter().map(|c| escape(c)).collect();
                        format!("| {} |\n", cells.join(" | "))
                    };
                    out.push_str(&line(&table.header));
                    let rule: Vec<&str> = (0..table.header.len())
                        .map(|c| if c < table.lead { "---" } else { ":---" })
                        .collect();
                    out.push_str(&format!("| {} |\n", rule.join(" | ")));
                    for row in &table.rows {
                        out.push_str(&line(row));
                    }
                }
            }
        }
    }
    crate::terminal::escape_text(&out).into_owned()
}

/// Text in a Markdown paragraph or table cell, through the one Markdown escaper; leading
/// spaces (indented labels) stay visible.
fn escape(text: &str) -> String {
    let body = text.trim_start_matches(' ');
    format!(
        "{}{}",
        "&nbsp;".repeat(text.len() - body.len()),
        escape::markdown(body)
    )
}

/// Text inside a code span: backticks cannot be escaped there, so they become quotes.
fn code(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '`' => '\'',
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}
