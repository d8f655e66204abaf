//! Escaping for every output format, in one place: each user string (names, titles,
//! descriptions, team and scope names) reaches a diagram or table only through these functions.

use std::borrow::Cow;

/// What a character XML cannot carry (controls but newline and tab, U+FFFE, U+FFFF) becomes.
const REPLACEMENT: char = '\u{FFFD}';

/// The one way text reaches DOT: text for an HTML-like label (`label=<...>`) that Graphviz
/// shows exactly as `text`.
///
/// Graphviz reads HTML-like labels as XML, so `&`, `<`, `>` and `"` become entities; it then
/// expands `\N`, `\G`, ... in them, so a backslash is doubled. A newline becomes `<br/>`.
pub fn dot(text: &str) -> String {
    let mut out = String::new();
    push_dot(&mut out, text);
    out
}

/// [`dot`], added to `out`.
pub fn push_dot(out: &mut String, text: &str) {
    push_markup(out, text, "<br/>", "\\\\");
}

/// The longest text a DOT quoted string carries here: Graphviz refuses any string past 16,384
/// characters, and escaping may double the length.
const DOT_STRING_MAX: usize = 4_000;

/// A DOT quoted string (a tooltip), quotes included: backslashes and quotes escaped, newlines
/// as `\n`, cut at 4,000 characters with an ellipsis (well under Graphviz's limit).
pub fn dot_string(text: &str) -> String {
    let mut out = String::new();
    push_dot_string(&mut out, text);
    out
}

/// [`dot_string`], added to `out`.
pub fn push_dot_string(out: &mut String, text: &str) {
    out.push('"');
    let (mut rest, mut chars) = (text, 0);
    loop {
        // Runs of printable ASCII but `\` and `"` are copied whole: a tooltip is mostly that.
        let run = rest
            .bytes()
            .take(DOT_STRING_MAX - chars)
            .take_while(|&b| matches!(b, b' '..=b'~') && !matches!(b, b'\\' | b'"'))
            .count();
        out.push_str(&rest[..run]);
        (rest, chars) = (&rest[run..], chars + run);
        let Some(c) = rest.chars().next() else {
            break;
        };
        if chars == DOT_STRING_MAX {
            out.push('…');
            break;
        }
        match shown_char(c) {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
        (rest, chars) = (&rest[c.len_utf8()..], chars + 1);
    }
    out.push('"');
}

/// XML-escaped text; `newline` and `backslash` are what those two characters become.
fn markup(text: &str, newline: &str, backslash: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_markup(&mut out, text, newline, backslash);
    out
}

/// [`markup`], added to `out`.
fn push_markup(out: &mut String, text: &str, newline: &str, backslash: &str) {
    // Most titles and names are printable ASCII with nothing to escape: copied whole, not char
    // by char (the SVG of 100,000 roles holds about 300,000 of them).
    if text.bytes().all(plain) {
        out.push_str(text);
    } else {
        escaped(out, text, newline, backslash);
    }
}

/// A byte that stands for itself in every markup: printable ASCII but `&<>"'` and backslash.
fn plain(byte: u8) -> bool {
    matches!(byte, b' '..=b'~') && !matches!(byte, b'&' | b'<' | b'>' | b'"' | b'\'' | b'\\')
}

/// [`markup`], char by char.
fn escaped(out: &mut String, text: &str, newline: &str, backslash: &str) {
    for c in text.chars() {
        match shown_char(c) {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\\' => out.push_str(backslash),
            '\n' => out.push_str(newline),
            c => out.push(c),
        }
    }
}

/// The text as a diagram shows it: tabs become spaces, and characters XML cannot carry become
/// U+FFFD; newlines stay.
pub fn shown(text: &str) -> Cow<'_, str> {
    // Printable ASCII and newlines, most text, are shown as they are: no char to decode.
    let plain = |b: &u8| (b' '..=b'~').contains(b) || *b == b'\n';
    if text.as_bytes().iter().all(plain) || text.chars().all(|c| shown_char(c) == c) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().map(shown_char).collect())
    }
}

fn shown_char(c: char) -> char {
    match c {
        '\t' => ' ',
        '\n' => '\n',
        '\u{FFFE}' | '\u{FFFF}' => REPLACEMENT,
        c if c.is_control() => REPLACEMENT,
        c => c,
    }
}

/// Text inside XML elements and attribute values (the built-in SVG), on one line.
pub fn xml(text: &str) -> String {
    markup(text, " ", "\\")
}

/// XML text that keeps its lines (JUnit failure messages).
pub fn xml_lines(text: &str) -> String {
    markup(text, "\n", "\\")
}

/// A Mermaid label, to go between double quotes: anything but letters, digits and plain
/// punctuation becomes an entity code (`#35;`), so no text can end the label or start markup.
pub fn mermaid(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in shown(text).chars() {
        match c {
            '\n' => out.push_str("<br>"),
            c if c.is_alphanumeric()
                || matches!(
                    c,
                    ' ' | ',' | '.' | '-' | '_' | ':' | '/' | '(' | ')' | '\'' | '?' | '!' | '@'
                ) =>
            {
                out.push(c)
            }
            c => out.push_str(&format!("#{};", u32::from(c))),
        }
    }
    out
}

/// A cell of a Markdown table: markup characters are backslash-escaped, lines joined.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in shown(text).chars() {
        match c {
            '\n' => out.push(' '),
            c if c.is_ascii_punctuation()
                && !matches!(c, ',' | '.' | '-' | ':' | '/' | '\'' | '@' | '?') =>
            {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A CSV field (RFC 4180): quoted when it holds a separator, quote or line break. A field
/// that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return) starts with `'`, as OWASP advises, so it stays text.
pub fn csv(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_escapes_what_graphviz_reads() {
        assert_eq!(
            dot(r#"a "b" \N & <c>"#),
            r#"a &quot;b&quot; \\N &amp; &lt;c&gt;"#
        );
        assert_eq!(
            dot("two\nlines\u{7}\u{FFFF}"),
            "two<br/>lines\u{FFFD}\u{FFFD}"
        );
        assert_eq!(dot("ends with \\"), r"ends with \\");
    }

    #[test]
    fn dot_strings_are_quoted_and_bounded() {
        assert_eq!(dot_string("a \"b\" \\N\nc"), r#""a \"b\" \\N\nc""#);
        assert_eq!(dot_string("tab\there\u{7}é"), "\"tab here\u{FFFD}é\"");
        let long = dot_string(&"x".repeat(20_000));
        assert!(long.chars().count() < 16_384 && long.ends_with("…\""));
        // The cut counts characters, escaped or not, ASCII or not.
        let at_most = "é".repeat(10) + &"x".repeat(DOT_STRING_MAX - 10);
        assert_eq!(dot_string(&at_most), format!("\"{at_most}\""));
        let kept = "\"".repeat(10) + &"x".repeat(DOT_STRING_MAX - 11) + "é";
        assert_eq!(
            dot_string(&(kept.clone() + "é")),
            format!("\"{}…\"", kept.replace('"', "\\\""))
        );
    }

    proptest::proptest! {
        #[test]
        fn plain_text_is_copied_as_the_escaper_would_write_it(text in "[ -~\t\n\u{7f}é]{0,40}") {
            for (newline, backslash) in [("<br/>", "\\\\"), (" ", "\\")] {
                let mut char_by_char = String::new();
                escaped(&mut char_by_char, &text, newline, backslash);
                proptest::prop_assert_eq!(markup(&text, newline, backslash), char_by_char);
            }
        }

        /// Shown text is each character shown, whatever the bytes.
        #[test]
        fn text_is_shown_char_by_char(text in "[ -~\t\n\r\u{0}\u{7f}\u{85}\u{fffe}é]{0,40}") {
            let char_by_char: String = text.chars().map(shown_char).collect();
            proptest::prop_assert_eq!(shown(&text), char_by_char);
        }
    }

    #[test]
    fn other_formats() {
        assert_eq!(xml("<a & 'b'>"), "&lt;a &amp; &apos;b&apos;&gt;");
        assert_eq!(mermaid("A \"B\" #1 <x>"), "A #34;B#34; #35;1 #60;x#62;");
        assert_eq!(markdown("a|b *c*"), "a\\|b \\*c\\*");
        assert_eq!(csv("a,b"), "\"a,b\"");
        assert_eq!(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv("plain"), "plain");
        assert_eq!(csv("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv("@SUM(A1)"), "'@SUM(A1)");
    }
}
