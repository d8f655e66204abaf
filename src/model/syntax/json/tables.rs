//! The arrays of tables that make a large model (`role`, `person`): validated item by item in
//! the one pass, each item's start kept to build it when the reader asks, and the second half of
//! a large one read on a second thread at the same time.

use super::{Failure, Node, Parser, Value, is_blank, past_blanks};
use std::sync::atomic::{AtomicBool, Ordering};

/// Bytes left after an array of tables opens from which a second thread reads its second half
/// (a megabyte takes about a millisecond; starting a thread, a fraction of that). The unit tests
/// send every array through both threads.
pub(super) const TWO_THREADS_FROM: usize = if cfg!(test) { 16 } else { 1 << 20 };

/// How far past the middle a second thread looks for an item to start at.
const SEARCH: usize = 1 << 20;

/// A JSON array of tables, validated, each item built when iterated.
#[derive(Debug)]
pub(crate) struct JsonTables<'a> {
    text: &'a str,
    /// Where each item starts.
    items: Vec<u32>,
}

impl<'a> JsonTables<'a> {
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn nodes(&self) -> impl Iterator<Item = Node<'a>> + '_ {
        self.starts().map(|start| self.node(start))
    }

    /// The text the items are in.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Where each item starts in [`JsonTables::text`], to read it without a tree ([`Flat`](super::Flat)).
    pub fn starts(&self) -> impl Iterator<Item = usize> + '_ {
        self.items.iter().map(|&start| start as usize)
    }

    /// The item that starts at `start`, built.
    pub fn node(&self, start: usize) -> Node<'a> {
        let mut parser = Parser::new(self.text, start);
        // The item was validated with the whole file: building it cannot fail.
        parser.value(0, false).unwrap_or(Node {
            span: start..start,
            value: Value::Null,
        })
    }
}

/// How reading an array's items stopped.
enum Items {
    /// At its closing bracket.
    Closed,
    /// At the start of an item, where the caller asked.
    Stopped,
}

impl<'a> Parser<'a> {
    /// An array validated item by item, each item's start kept to build it later; a large one's
    /// second half on a second thread.
    pub(super) fn tables(&mut self, depth: usize) -> Result<JsonTables<'a>, Failure> {
        self.pos += 1;
        let mut items = Vec::new();
        match self.second_half() {
            Some(at) => self.items_in_halves(depth, at, &mut items)?,
            None => {
                self.items(depth, &mut items, |_| false)?;
            }
        }
        Ok(JsonTables {
            text: self.text,
            items,
        })
    }

    /// Validates items from the cursor, each start added to `starts`, until the array closes
    /// or `stop` says so at the start of an item.
    fn items(
        &mut self,
        depth: usize,
        starts: &mut Vec<u32>,
        stop: impl Fn(usize) -> bool,
    ) -> Result<Items, Failure> {
        loop {
            self.whitespace();
            if stop(self.pos) {
                return Ok(Items::Stopped);
            }
            starts.push(self.pos as u32);
            self.skip(depth)?;
            if self.separator(b']')? {
                return Ok(Items::Closed);
            }
        }
    }

    /// [`Parser::items`] to the end of the array, those from `at` read by a second thread at
    /// the same time. `at` is a guess ([`Parser::second_half`]): the second thread's work is
    /// kept only if this one finds an item starting there, and then it is what this one would
    /// have done from there, errors included. Otherwise the second thread is told to stop and
    /// this one reads on.
    fn items_in_halves(
        &mut self,
        depth: usize,
        at: usize,
        items: &mut Vec<u32>,
    ) -> Result<(), Failure> {
        let stop = AtomicBool::new(false);
        let text = self.text;
        let (mine, (theirs, result, end)) = crate::parallel::join(
            || {
                let mine = self.items(depth, items, |pos| pos >= at);
                if !matches!(mine, Ok(Items::Stopped)) || self.pos != at {
                    stop.store(true, Ordering::Relaxed);
                }
                mine
            },
            || {
                let mut parser = Parser::new(text, at);
                let mut starts = Vec::new();
                let result = parser.items(depth, &mut starts, |_| stop.load(Ordering::Relaxed));
                (starts, result, parser.pos)
            },
        );
        match (mine?, result) {
            (Items::Closed, _) => Ok(()),
            (Items::Stopped, Ok(Items::Closed)) if self.pos == at => {
                items.extend(theirs);
                self.pos = end;
                Ok(())
            }
            (Items::Stopped, Err(failure)) if self.pos == at => Err(failure),
            // The guess fell inside an item: this thread went past it.
            (Items::Stopped, _) => self.items(depth, items, |_| false).map(drop),
        }
    }

    /// Where a second thread may start reading the items of a large array of tables whose
    /// first item is at the cursor: the first object past the middle of what is left that
    /// follows `}` and `,` and opens with the first item's first key (`{"id":` in a model).
    /// Only a guess (it may be an object nested in an item): see [`Parser::items_in_halves`].
    fn second_half(&self) -> Option<usize> {
        let bytes = self.bytes;
        let left = bytes.len() - self.pos;
        if left < self.two_threads_from {
            return None;
        }
        // The first key with its quotes; one with an escape is not worth the trouble.
        let key_start = past_blanks(bytes, past_blanks(bytes, self.pos) + 1);
        let key_length = bytes
            .get(key_start + 1..)?
            .iter()
            .position(|&b| b == b'"')?;
        let key = &bytes[key_start..key_start + key_length + 2];
        if key.first() != Some(&b'"') || key.contains(&b'\\') {
            return None;
        }
        let middle = self.pos + left / 2;
        let window = &bytes[middle..bytes.len().min(middle + SEARCH)];
        let follows_an_item = |at: usize| {
            let mut before = bytes[..at].iter().rev().skip_while(|b| is_blank(b));
            before.next() == Some(&b',') && before.find(|b| !is_blank(b)) == Some(&b'}')
        };
        let opens_with_key = |at: usize| {
            let key_at = past_blanks(bytes, at + 1);
            bytes[key_at..].starts_with(key)
                && bytes.get(past_blanks(bytes, key_at + key.len())) == Some(&b':')
        };
        window
            .iter()
            .enumerate()
            .filter(|&(_, &b)| b == b'{')
            .map(|(offset, _)| middle + offset)
            .find(|&at| follows_an_item(at) && opens_with_key(at))
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse_with;
    use super::*;

    /// A model-like text made from `seed`: items whose fields nest objects that open with the
    /// same key as the items, blanks between tokens, strings that look like item boundaries.
    fn model_like(seed: u64) -> String {
        let mut state = seed | 1;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        let blanks = ["", " ", "\n  ", "\t"];
        let values = [
            r#""x""#,
            r#""},{\"id\": \"y\"""#,
            "12",
            "true",
            r#"[{"id": "n"}, {"id": "m", "k": []}]"#,
            r#"{"id": {"id": "z"}}"#,
        ];
        let mut text = String::from(r#"{"scope": [{"id": "s"}], "role": ["#);
        for item in 0..next(40) + 1 {
            let blank = blanks[next(4) as usize];
            if item > 0 {
                text.push_str(&format!("{blank},{blank}"));
            }
            text.push_str(&format!(r#"{{{blank}"id"{blank}:{blank}"r{item}""#));
            for _ in 0..next(3) {
                text.push_str(&format!(r#", "f": {}"#, values[next(6) as usize]));
            }
            text.push('}');
        }
        text.push_str(r#"], "person": [{"id": "p"}]}"#);
        text
    }

    proptest::proptest! {
        #[test]
        fn arrays_read_on_two_threads_are_read_as_on_one(
            seed: u64,
            damage in proptest::option::of((0.0..1.0f64, proptest::sample::select(
                vec![b'}', b',', b'{', b'"', b'x', b' ', b']', b'\\'],
            ))),
        ) {
            let mut text = model_like(seed).into_bytes();
            if let Some((at, byte)) = damage {
                let at = (at * text.len() as f64) as usize;
                text[at] = byte;
            }
            let text = String::from_utf8(text).expect("ASCII");
            let on_one = format!("{:?}", parse_with(&text, usize::MAX));
            for from in [0, 16, text.len() / 2] {
                proptest::prop_assert_eq!(&format!("{:?}", parse_with(&text, from)), &on_one);
            }
        }
    }

    #[test]
    fn the_second_thread_starts_at_an_item_past_the_middle() {
        let text = r#"[ {"id": "a", "f": [{"id": "n"}, {"id": "m"}]}, {"id": "b"},
            {"id": "c"} ]"#;
        let mut parser = Parser::new(text, 1);
        parser.two_threads_from = 0;
        let at = parser.second_half().expect("a start");
        // The middle of what follows the opening bracket.
        let middle = 1 + (text.len() - 1) / 2;
        assert!(at >= middle, "{at}");
        assert!(text[at..].starts_with(r#"{"id": "b"}"#), "{}", &text[at..]);
    }
}
