//! JSON to [`Node`]s in one pass over the bytes, every span exact. The arrays of tables that make
//! a large model (`role`, `person`) are validated in that pass but built one item at a time when
//! the reader asks ([`JsonTables`]), so a million roles never exist as one tree.
//!
//! The grammar is RFC 8259's, as serde_json reads it. Its messages stay those of serde_json: on a
//! syntax error the text is read again by serde_json for the message (an error is rare; its
//! cost does not matter), except for what serde_json does not see (a lone surrogate).

mod flat;
mod tables;

pub(crate) use flat::Flat;
pub(crate) use tables::JsonTables;
use tables::TWO_THREADS_FROM;

use super::{Entry, Node, SyntaxError, Value};
use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use std::borrow::Cow;
use std::ops::Range;

/// As deep as serde_json itself nests values; the tree is built recursively.
const MAX_DEPTH: usize = 128;

const BOM: &str = "\u{feff}";

/// JSON's blanks between tokens.
fn is_blank(byte: &u8) -> bool {
    matches!(byte, b' ' | b'\n' | b'\r' | b'\t')
}

/// Where the blanks from `at` end: the next token, or the end of the text.
fn past_blanks(bytes: &[u8], at: usize) -> usize {
    at + bytes
        .get(at..)
        .map_or(0, |rest| rest.iter().take_while(|b| is_blank(b)).count())
}

/// The model's JSON: its root object, with a span of `0..0` so that "missing field" points at
/// the start of the file. A UTF-8 byte order mark is skipped, as TOML and YAML do.
pub(super) fn parse(text: &str) -> Result<Node<'_>, SyntaxError> {
    parse_with(text, TWO_THREADS_FROM)
}

/// [`parse`], an array of tables read on two threads when `two_threads_from` bytes are left.
fn parse_with(text: &str, two_threads_from: usize) -> Result<Node<'_>, SyntaxError> {
    let start = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let mut parser = Parser::new(text, start);
    parser.two_threads_from = two_threads_from;
    parser.whitespace();
    let root = match parser.peek() {
        Some(b'{') => parser.object(1, true).and_then(|entries| {
            parser.whitespace();
            match parser.peek() {
                None => Ok(entries),
                Some(_) => Err(parser.fail()),
            }
        }),
        _ => Err(parser.fail()),
    };
    match root {
        Ok(entries) => Ok(Node {
            span: 0..0,
            value: Value::Table(entries),
        }),
        Err(failure) => Err(explain(text, start, failure)),
    }
}

/// Where the parser stopped, and why when serde_json would not say it.
struct Failure {
    span: Range<usize>,
    message: Option<String>,
}

/// The message for a syntax error: serde_json's, at its position; ours where serde_json finds
/// nothing wrong.
fn explain(text: &str, start: usize, failure: Failure) -> SyntaxError {
    let at = |offset: usize| offset..offset + 1;
    if let Some(message) = failure.message {
        return SyntaxError {
            message,
            span: failure.span,
        };
    }
    match serde_json::from_str::<Object>(&text[start..]) {
        Err(error) => {
            let message = error.to_string();
            // serde_json appends " at line L column C", which the diagnostic shows already.
            let message = match message.rfind(" at line ") {
                Some(end) => message[..end].to_string(),
                None => message,
            };
            SyntaxError {
                message,
                span: at(start + byte_offset(&text[start..], error.line(), error.column())),
            }
        }
        Ok(Object) => SyntaxError {
            message: "not valid JSON".into(),
            span: failure.span,
        },
    }
}

/// Byte offset of serde_json's 1-based line and column; its columns count bytes.
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut offset = (line_start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A JSON object of anything: serde_json's syntax check, with its messages.
struct Object;

impl<'de> Deserialize<'de> for Object {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor;
        impl<'de> Visitor<'de> for ObjectVisitor {
            type Value = Object;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Object, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Object)
            }
        }
        deserializer.deserialize_map(ObjectVisitor)
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// See [`TWO_THREADS_FROM`].
    two_threads_from: usize,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str, pos: usize) -> Self {
        Parser {
            text,
            bytes: text.as_bytes(),
            pos,
            two_threads_from: TWO_THREADS_FROM,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn whitespace(&mut self) {
        self.pos = past_blanks(self.bytes, self.pos);
    }

    fn fail(&self) -> Failure {
        Failure {
            span: self.pos..self.pos + 1,
            message: None,
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), Failure> {
        self.whitespace();
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.fail())
        }
    }

    /// The value at the cursor (after blanks), `depth` containers deep. With `lazy`, an array
    /// whose first item is an object becomes [`JsonTables`].
    fn value(&mut self, depth: usize, lazy: bool) -> Result<Node<'a>, Failure> {
        self.whitespace();
        let start = self.pos;
        let value = match self.peek() {
            Some(b'{') => Value::Table(self.object(depth + 1, false)?),
            Some(b'[') => {
                self.nest(depth + 1)?;
                let after = past_blanks(self.bytes, self.pos + 1);
                if lazy && self.bytes.get(after) == Some(&b'{') {
                    Value::JsonTables(self.tables(depth + 1)?)
                } else {
                    Value::Array(self.array(depth + 1)?)
                }
            }
            Some(b'"') => Value::Str(self.string()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            _ => return Err(self.fail()),
        };
        Ok(Node {
            span: start..self.pos,
            value,
        })
    }

    fn nest(&self, depth: usize) -> Result<(), Failure> {
        if depth > MAX_DEPTH {
            return Err(Failure {
                span: self.pos..self.pos + 1,
                message: Some(format!("nested more than {MAX_DEPTH} levels deep")),
            });
        }
        Ok(())
    }

    /// With `lazy`, values that are arrays of objects become [`JsonTables`].
    fn object(&mut self, depth: usize, lazy: bool) -> Result<Vec<Entry<'a>>, Failure> {
        self.nest(depth)?;
        self.pos += 1;
        let mut entries = Vec::new();
        self.whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(entries);
        }
        loop {
            self.whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.fail());
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = key_start..self.pos;
            self.expect(b':')?;
            let value = self.value(depth, lazy)?;
            entries.push(Entry {
                key,
                key_span,
                value,
            });
            if self.separator(b'}')? {
                return Ok(entries);
            }
        }
    }

    /// After an item: `true` at the closing bracket, `false` at a comma.
    fn separator(&mut self, close: u8) -> Result<bool, Failure> {
        self.whitespace();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(false)
            }
            Some(byte) if byte == close => {
                self.pos += 1;
                Ok(true)
            }
            _ => Err(self.fail()),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Vec<Node<'a>>, Failure> {
        self.pos += 1;
        let mut items = Vec::new();
        self.whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(items);
        }
        loop {
            items.push(self.value(depth, false)?);
            if self.separator(b']')? {
                return Ok(items);
            }
        }
    }

    /// Validates the value at the cursor without building it: containers by a depth count.
    fn skip(&mut self, depth: usize) -> Result<(), Failure> {
        // The closing byte of every container open at this point.
        let mut open: Vec<u8> = Vec::new();
        loop {
            self.whitespace();
            match self.peek() {
                Some(b'{') => {
                    self.nest(depth + open.len() + 1)?;
                    self.pos += 1;
                    self.whitespace();
                    if self.peek() == Some(b'}') {
                        self.pos += 1;
                    } else {
                        open.push(b'}');
                        self.skip_key()?;
                        continue;
                    }
                }
                Some(b'[') => {
                    self.nest(depth + open.len() + 1)?;
                    self.pos += 1;
                    self.whitespace();
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                    } else {
                        open.push(b']');
                        continue;
                    }
                }
                Some(b'"') => {
                    self.scan_string()?;
                }
                Some(b't') => self.literal("true", ())?,
                Some(b'f') => self.literal("false", ())?,
                Some(b'n') => self.literal("null", ())?,
                Some(b'-' | b'0'..=b'9') => {
                    self.scan_number()?;
                }
                _ => return Err(self.fail()),
            }
            // A value is done: close containers until one has a next item.
            loop {
                let Some(&close) = open.last() else {
                    return Ok(());
                };
                if self.separator(close)? {
                    open.pop();
                } else {
                    if close == b'}' {
                        self.skip_key()?;
                    }
                    break;
                }
            }
        }
    }

    /// An object's key and its colon, before the value.
    fn skip_key(&mut self) -> Result<(), Failure> {
        self.whitespace();
        if self.peek() != Some(b'"') {
            return Err(self.fail());
        }
        self.scan_string()?;
        self.expect(b':')
    }

    fn literal<T>(&mut self, word: &str, value: T) -> Result<T, Failure> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.fail())
        }
    }

    /// The string at the cursor, borrowed unless it has escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, Failure> {
        let start = self.pos + 1;
        let escaped = self.scan_string()?;
        let raw = &self.text[start..self.pos - 1];
        Ok(if escaped {
            Cow::Owned(unescape(raw))
        } else {
            Cow::Borrowed(raw)
        })
    }

    /// Moves past the string at the cursor, checking its escapes; whether it has any.
    fn scan_string(&mut self) -> Result<bool, Failure> {
        self.pos += 1;
        let mut escaped = false;
        loop {
            let Some(&byte) = self.bytes.get(self.pos) else {
                return Err(self.fail());
            };
            match byte {
                b'"' => {
                    self.pos += 1;
                    return Ok(escaped);
                }
                b'\\' => {
                    escaped = true;
                    self.scan_escape()?;
                }
                0..=0x1f => return Err(self.fail()),
                _ => self.pos += 1,
            }
        }
    }

    fn scan_escape(&mut self) -> Result<(), Failure> {
        let start = self.pos;
        match self.bytes.get(self.pos + 1) {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                self.pos += 2;
                Ok(())
            }
            Some(b'u') => {
                self.pos += 2;
                let unit = self.hex4()?;
                if (0xDC00..0xE000).contains(&unit) {
                    return Err(lone_surrogate(self.text, start));
                }
                if (0xD800..0xDC00).contains(&unit) {
                    let low = self.bytes[self.pos..].starts_with(b"\\u")
                        && hex4_at(self.bytes, self.pos + 2)
                            .is_some_and(|low| (0xDC00..0xE000).contains(&low));
                    if !low {
                        return Err(lone_surrogate(self.text, start));
                    }
                    self.pos += 6;
                }
                Ok(())
            }
            _ => {
                self.pos += 1;
                Err(self.fail())
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, Failure> {
        match hex4_at(self.bytes, self.pos) {
            Some(unit) => {
                self.pos += 4;
                Ok(unit)
            }
            None => Err(self.fail()),
        }
    }

    fn number(&mut self) -> Result<Value<'a>, Failure> {
        let start = self.pos;
        let integer = self.scan_number()?;
        let text = &self.text[start..self.pos];
        Ok(match (integer, text.parse::<i64>()) {
            (true, Ok(n)) => Value::Int(n),
            (true, Err(_)) => Value::Other("an integer out of range"),
            (false, _) => Value::Float,
        })
    }

    /// Moves past the number at the cursor; whether it is an integer (no fraction, no exponent).
    fn scan_number(&mut self) -> Result<bool, Failure> {
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.fail()),
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            integer = false;
            self.pos += 1;
            self.required_digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            integer = false;
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            self.required_digits()?;
        }
        Ok(integer)
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
    }

    fn required_digits(&mut self) -> Result<(), Failure> {
        if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
            return Err(self.fail());
        }
        self.digits();
        Ok(())
    }
}

fn hex4_at(bytes: &[u8], at: usize) -> Option<u32> {
    let hex = std::str::from_utf8(bytes.get(at..at + 4)?).ok()?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(hex, 16).ok()
}

/// A `\u` escape of half a UTF-16 surrogate pair without its other half: no character at all.
fn lone_surrogate(text: &str, escape: usize) -> Failure {
    let span = escape..(escape + 6).min(text.len());
    let written = text.get(span.clone()).unwrap_or("\\u");
    Failure {
        span,
        message: Some(format!(
            "`{written}` is half of a UTF-16 surrogate pair, without its other half: no character"
        )),
    }
}

/// The text of a validated string with escapes, decoded.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let escape = &rest[at..];
        let (decoded, used) = match escape.as_bytes().get(1) {
            Some(b'b') => ('\u{8}', 2),
            Some(b'f') => ('\u{c}', 2),
            Some(b'n') => ('\n', 2),
            Some(b'r') => ('\r', 2),
            Some(b't') => ('\t', 2),
            Some(b'u') => decode_unit(escape),
            Some(&other) => (char::from(other), 2),
            None => ('\\', 1),
        };
        out.push(decoded);
        rest = escape.get(used..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// A validated `\uXXXX` escape, or a pair of them: the character and the bytes used.
fn decode_unit(escape: &str) -> (char, usize) {
    let bytes = escape.as_bytes();
    let high = hex4_at(bytes, 2).unwrap_or(0xFFFD);
    if (0xD800..0xDC00).contains(&high)
        && let Some(low) = hex4_at(bytes, 8)
    {
        let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
        return (char::from_u32(code).unwrap_or('\u{FFFD}'), 12);
    }
    (char::from_u32(high).unwrap_or('\u{FFFD}'), 6)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(text: &str) -> Vec<Entry<'_>> {
        match parse(text).map(|node| node.value) {
            Ok(Value::Table(entries)) => entries,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn spans_are_exact_and_strings_decoded() {
        let text = r#"{"name": "A\u00e9\ud83d\ude00\n", "n": -12, "x": [1.5, true, null]}"#;
        let entries = root(text);
        assert_eq!(&text[entries[0].key_span.clone()], r#""name""#);
        assert!(matches!(&entries[0].value.value, Value::Str(s) if s == "Aé😀\n"));
        assert_eq!(&text[entries[1].value.span.clone()], "-12");
        assert!(matches!(entries[1].value.value, Value::Int(-12)));
        assert_eq!(&text[entries[2].value.span.clone()], "[1.5, true, null]");
    }

    #[test]
    fn arrays_of_tables_are_built_item_by_item() {
        let text = r#"{"role": [ {"id": "a"}, {"id": "b", "owns": ["what"]} ]}"#;
        let entries = root(text);
        let Value::JsonTables(tables) = &entries[0].value.value else {
            panic!("{:?}", entries[0].value);
        };
        let spans: Vec<&str> = tables.nodes().map(|n| &text[n.span]).collect();
        assert_eq!(
            spans,
            [r#"{"id": "a"}"#, r#"{"id": "b", "owns": ["what"]}"#]
        );
    }

    #[test]
    fn errors_inside_arrays_of_tables_are_found_in_the_one_pass() {
        for text in [
            r#"{"role": [{"id": "a"}, {"id": "b",}]}"#,
            r#"{"role": [{"id": "a"}, {"id": [1, {"x": tru}]}]}"#,
            r#"{"role": [{"id": "a"} {"id": "b"}]}"#,
            r#"{"role": [{"id": "\x"}]}"#,
        ] {
            assert!(parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn a_lone_surrogate_is_named() {
        let error = parse(r#"{"name": "a\ud800b"}"#).map(|_| ()).unwrap_err();
        assert_eq!(error.span, 11..17);
        assert!(
            error
                .message
                .starts_with("`\\ud800` is half of a UTF-16 surrogate pair")
        );
    }
}
