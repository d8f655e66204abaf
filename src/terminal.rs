//! Text from a model, made safe to show a person: every human output (check findings, load
//! errors, stats, compare) passes titles, names and paths through [`escape`] and its own
//! multi-line messages through [`escape_text`], so that a model cannot move the cursor, recolour
//! the terminal, retitle its window, overwrite a line or reorder text.
//!
//! A control character (C0 but not tab, DEL, C1) or a bidirectional override is shown as the
//! escape Rust would write for it: ESC as `\u{1b}`, a newline as `\n`.
//!
//! ```
//! use orgraph::terminal::escape;
//! assert_eq!(escape("Sales\u{1b}[2J"), "Sales\\u{1b}[2J");
//! assert_eq!(escape("line\r\nnext"), "line\\r\\nnext");
//! assert_eq!(escape("Directeur, Ventes\tÉ"), "Directeur, Ventes\tÉ");
//! ```

use std::borrow::Cow;
use std::fmt;

/// Whether `c` must not reach a terminal as it is: it moves the cursor, starts an escape
/// sequence, or reorders the text around it (the "Trojan Source" bidi controls).
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every unsafe character ([`is_unsafe`]) escaped; borrowed when there is none. For
/// a value shown on one line: a title, a name, a file name.
pub fn escape(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_unsafe) {
        Cow::Owned(Escaped(text).to_string())
    } else {
        Cow::Borrowed(text)
    }
}

/// `text` escaped as [`escape`] does, except that its line breaks stay: for a message that is
/// ours and may span lines, with values from the model in it.
pub fn escape_text(text: &str) -> Cow<'_, str> {
    if text.chars().any(|c| c != '\n' && is_unsafe(c)) {
        Cow::Owned(
            text.split('\n')
                .map(|line| Escaped(line).to_string())
                .collect::<Vec<_>>()
                .join("\n"),
        )
    } else {
        Cow::Borrowed(text)
    }
}

/// `text`, escaped as [`escape`] does, when formatted: `format!("{}", Escaped(title))`.
#[derive(Clone, Copy, Debug)]
pub struct Escaped<'a>(pub &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Printable ASCII (most titles) needs no look at each character: every unsafe one is an
        // ASCII control or not ASCII.
        if self
            .0
            .bytes()
            .all(|b| (b' '..=b'~').contains(&b) || b == b'\t')
        {
            return f.write_str(self.0);
        }
        let mut rest = self.0;
        while let Some(at) = rest.find(is_unsafe) {
            f.write_str(&rest[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            match c {
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                _ => write!(f, "\\u{{{:x}}}", c as u32)?,
            }
            rest = &rest[at + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_and_bidi_override_is_escaped_and_nothing_else() {
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            let text = c.to_string();
            let escaped = escape(&text);
            if is_unsafe(c) {
                assert!(escaped.starts_with('\\'), "{c:?} -> {escaped:?}");
                assert!(!escaped.chars().any(is_unsafe));
            } else {
                assert_eq!(escaped, text);
            }
        }
        assert_eq!(
            escape("a\u{7}b\u{9b}c\u{202e}d"),
            "a\\u{7}b\\u{9b}c\\u{202e}d"
        );
        assert_eq!(escape("\u{7f}"), "\\u{7f}");
        assert_eq!(escape_text("one\u{1b}\ntwo\r"), "one\\u{1b}\ntwo\\r");
    }
}
