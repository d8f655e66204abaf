//! One object of a validated JSON array of tables read field by field, with no tree: the fast
//! path for the roles and people of a large model. It reads only what most items are made of:
//! strings without escapes, `true`/`false` and arrays of such strings. Anything else gives
//! `None`, and the caller reads the item through its tree, which says what is wrong with it.

use std::ops::Range;

/// A cursor in one object of validated JSON text.
pub(crate) struct Flat<'a> {
    text: &'a str,
    pos: usize,
    first: bool,
}

impl<'a> Flat<'a> {
    /// The object that starts at `start`, if it is one.
    pub fn new(text: &'a str, start: usize) -> Option<Self> {
        let mut object = Flat {
            text,
            pos: start,
            first: true,
        };
        object.whitespace();
        object.byte(b'{')?;
        Some(object)
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn whitespace(&mut self) {
        self.pos = super::past_blanks(self.text.as_bytes(), self.pos);
    }

    /// Moves past `byte` at the cursor; `None` if it is not there.
    fn byte(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.pos += 1)
    }

    /// The next key, the cursor then at its value; `Some(None)` at the end of the object.
    pub fn key(&mut self) -> Option<Option<&'a str>> {
        self.whitespace();
        if self.peek()? == b'}' {
            return Some(None);
        }
        if !std::mem::take(&mut self.first) {
            self.byte(b',')?;
            self.whitespace();
        }
        let (key, _) = self.string()?;
        self.whitespace();
        self.byte(b':')?;
        self.whitespace();
        Some(Some(key))
    }

    /// The string at the cursor and its span, quotes included; `None` if it has an escape.
    pub fn string(&mut self) -> Option<(&'a str, Range<usize>)> {
        let start = self.pos;
        self.byte(b'"')?;
        let rest = self.text.as_bytes().get(self.pos..)?;
        let length = rest.iter().position(|&b| b == b'"' || b == b'\\')?;
        let end = self.pos + length;
        let text = self.text.get(self.pos..end)?;
        self.pos = end;
        self.byte(b'"')?;
        Some((text, start..self.pos))
    }

    /// `true` or `false` at the cursor, and its span.
    pub fn bool(&mut self) -> Option<(bool, Range<usize>)> {
        let start = self.pos;
        let rest = self.text.as_bytes().get(start..)?;
        let value = if rest.starts_with(b"true") {
            true
        } else if rest.starts_with(b"false") {
            false
        } else {
            return None;
        };
        self.pos += if value { 4 } else { 5 };
        Some((value, start..self.pos))
    }

    /// Each string of the array of strings at the cursor, with its span.
    pub fn strings(&mut self, mut each: impl FnMut(&'a str, Range<usize>)) -> Option<()> {
        self.byte(b'[')?;
        self.whitespace();
        if self.byte(b']').is_some() {
            return Some(());
        }
        loop {
            self.whitespace();
            let (text, span) = self.string()?;
            each(text, span);
            self.whitespace();
            if self.byte(b']').is_some() {
                return Some(());
            }
            self.byte(b',')?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_fields_are_read_with_their_spans() {
        let text = r#" { "id" : "a", "on": true, "list": [ "x" , "y" ], "none": [] } "#;
        let mut object = Flat::new(text, 0).unwrap();
        assert_eq!(object.key(), Some(Some("id")));
        let (id, span) = object.string().unwrap();
        assert_eq!((id, &text[span]), ("a", "\"a\""));
        assert_eq!(object.key(), Some(Some("on")));
        let (on, span) = object.bool().unwrap();
        assert_eq!((on, &text[span]), (true, "true"));
        assert_eq!(object.key(), Some(Some("list")));
        let mut items = Vec::new();
        object
            .strings(|item, span| items.push((item, &text[span])))
            .unwrap();
        assert_eq!(items, [("x", "\"x\""), ("y", "\"y\"")]);
        assert_eq!(object.key(), Some(Some("none")));
        object.strings(|_, _| panic!("empty")).unwrap();
        assert_eq!(object.key(), Some(None));
    }

    #[test]
    fn anything_else_is_left_to_the_tree() {
        let escaped = r#"{"id": "a\"b"}"#;
        let mut object = Flat::new(escaped, 0).unwrap();
        assert_eq!(object.key(), Some(Some("id")));
        assert_eq!(object.string(), None);
        let number = r#"{"id": 1}"#;
        let mut object = Flat::new(number, 0).unwrap();
        object.key();
        assert_eq!(object.string(), None);
        assert!(Flat::new("[1]", 0).is_none());
        let nested = r#"{"id": [["a"]]}"#;
        let mut object = Flat::new(nested, 0).unwrap();
        object.key();
        assert_eq!(object.strings(|_, _| {}), None);
    }
}
