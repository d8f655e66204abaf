//! DOT text written straight to a writer as it is made, laid out as graphviz-rust's printer laid
//! it out before (and as the snapshots hold it): one statement a line, two spaces of indent a
//! level, `id[a="b" c=<d>]` for a node and `a -> b [c="d"]` for an edge. The whole graph is never
//! held in memory: printing 100,000 roles through nested `format!`s took 2.5 s and 550 MB.

use crate::export::decimal::{Hundredths, digits_ending_at};
use crate::parallel;
use std::io::{self, Write};
use std::ops::Range;

/// A name we generate for a node, a subgraph or a `group`; never user text.
#[derive(Clone, Copy, Debug)]
pub(super) enum Name {
    /// `r3`: the role with index 3 in the model.
    Role(usize),
    /// `s0`: a scope.
    Scope(usize),
    /// `g1`: a gap placeholder.
    Gap(usize),
    /// `c2_5`: the trunk point of column 2's sixth box.
    Trunk(usize, usize),
    /// `cluster_c2_5`: the frameless cluster that keeps column 2's sixth box beside its trunk
    /// point.
    TrunkCluster(usize, usize),
    /// `c2`: column 2's trunk, as a `group`.
    Group(usize),
    /// `row1`: the anchor that puts a row of the forest below the last.
    Row(usize),
    /// `col1`: the anchor of a column of the responsibilities view.
    Anchor(usize),
    /// `column1`: the subgraph that puts a column's roles on its anchor's rank.
    Column(usize),
    /// `cluster_t4`: a team's frame.
    Cluster(usize),
    /// `scopes`: the subgraph of scopes, on the last rank.
    Scopes,
    /// The `n`th hole of a [`Stamp`], which a name fills when it is stamped out; never
    /// written to a graph.
    Hole(usize),
}

impl Name {
    /// How the name is written: a prefix, a number, and a second number after `_`.
    fn parts(self) -> (&'static str, Option<usize>, Option<usize>) {
        match self {
            Name::Role(i) => ("r", Some(i), None),
            Name::Scope(i) => ("s", Some(i), None),
            Name::Gap(i) => ("g", Some(i), None),
            Name::Trunk(k, i) => ("c", Some(k), Some(i)),
            Name::TrunkCluster(k, i) => ("cluster_c", Some(k), Some(i)),
            Name::Group(k) => ("c", Some(k), None),
            Name::Row(k) => ("row", Some(k), None),
            Name::Anchor(k) => ("col", Some(k), None),
            Name::Column(k) => ("column", Some(k), None),
            Name::Cluster(i) => ("cluster_t", Some(i), None),
            Name::Scopes => ("scopes", None, None),
            Name::Hole(n) => (HOLE, Some(n), None),
        }
    }
}

/// An attribute's value, by where it comes from: only [`Value::Html`] and [`Value::Quoted`]
/// carry user text, and only once [`escape`](crate::export::escape) made it safe.
#[derive(Clone, Copy, Debug)]
pub(super) enum Value<'a> {
    /// A fixed value, written in quotes.
    Fixed(&'static str),
    /// A value made here from fixed pieces (a list of colours), written in quotes.
    Made(&'a str),
    /// A generated name, written in quotes.
    Name(Name),
    /// A count, written in quotes.
    Count(usize),
    /// A length we computed, written in quotes with two decimals.
    Number(f64),
    /// HTML-like markup, written between `<` and `>`; user text in it went through
    /// [`escape::dot`](crate::export::escape::dot).
    Html(&'a str),
    /// A DOT string quoted by [`escape::dot_string`](crate::export::escape::dot_string),
    /// written as it is.
    Quoted(&'a str),
}

/// An attribute: its key and value.
pub(super) type Attribute<'a> = (&'static str, Value<'a>);

/// Writes DOT statements at the current depth. Statements are put together in `buf` and
/// handed to `out` in blocks: a call through `dyn Write` for every piece of a million lines
/// cost more than making them.
pub(super) struct DotWriter<'w> {
    out: &'w mut dyn Write,
    buf: Vec<u8>,
    depth: usize,
    /// How much `buf` holds before it goes to `out`.
    block: usize,
}

/// Two spaces a level, deep enough for every subgraph we nest.
const INDENT: &[u8] = b"                ";

/// What marks a hole in a stamp's text (then its number): a byte no statement of fixed values
/// and names has.
const HOLE: &str = "\0";

/// Statements with holes for their names, made once ([`DotWriter::stamp`]) and written many
/// times ([`DotWriter::stamp_out`]): the same few statements written thousands of times (a
/// trunk point and its frameless cluster, 98,000 times at 100,000 roles) cost a copy of their
/// text each, not a statement.
pub(super) struct Stamp<const N: usize> {
    /// The text around the holes: one piece more than there are holes.
    pieces: Vec<Vec<u8>>,
    /// The name that fills each hole, by its place among the `N` given (a name may fill
    /// several).
    holes: Vec<usize>,
    /// The depth the statements were written at.
    depth: usize,
}

/// How much a writer's `buf` holds before it goes to the writer.
const BLOCK: usize = 64 * 1024;

impl DotWriter<'_> {
    /// Writes `digraph orgraph { ... }` round what `body` writes.
    pub fn digraph(
        out: &mut dyn Write,
        body: impl FnOnce(&mut DotWriter) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut dot = DotWriter {
            out,
            buf: Vec::with_capacity(BLOCK + 4096),
            depth: 1,
            block: BLOCK,
        };
        dot.put(b"digraph orgraph {\n");
        body(&mut dot)?;
        dot.put(b"}\n");
        dot.out.write_all(&dot.buf)
    }

    /// Writes `subgraph NAME { ... }` round what `body` writes, one level deeper. Every block
    /// we write has a statement, so there is no empty-block case to match.
    pub fn subgraph(
        &mut self,
        name: Name,
        body: impl FnOnce(&mut DotWriter) -> io::Result<()>,
    ) -> io::Result<()> {
        self.indent();
        self.put(b"subgraph ");
        self.name(name);
        self.put(b" {\n");
        self.depth += 1;
        body(self)?;
        self.depth -= 1;
        self.indent();
        self.put(b"}\n");
        self.end_statement()
    }

    /// `graph[...]`, `node[...]` or `edge[...]`: the defaults of what follows.
    pub fn defaults(&mut self, of: &'static str, attributes: &[Attribute]) -> io::Result<()> {
        self.indent();
        self.put(of.as_bytes());
        self.attributes(attributes)
    }

    /// `key=value` on a line of its own: an attribute of the enclosing graph.
    pub fn attribute(&mut self, (key, value): Attribute) -> io::Result<()> {
        self.indent();
        self.pair(key, value);
        self.put(b"\n");
        self.end_statement()
    }

    /// `name[...]`, or the bare name.
    pub fn node(&mut self, name: Name, attributes: &[Attribute]) -> io::Result<()> {
        self.indent();
        self.name(name);
        self.attributes(attributes)
    }

    /// `from -> to [...]`, or without attributes.
    pub fn edge(&mut self, from: Name, to: Name, attributes: &[Attribute]) -> io::Result<()> {
        self.indent();
        self.name(from);
        self.put(b" -> ");
        self.name(to);
        if !attributes.is_empty() {
            self.put(b" ");
        }
        self.attributes(attributes)
    }

    /// Writes what `write` writes for `0..count`, the same bytes as `write(self, 0..count)`,
    /// on two threads past one `batch` ([`parallel::in_halves`]).
    pub fn in_halves(
        &mut self,
        count: usize,
        batch: usize,
        write: impl Fn(&mut DotWriter, Range<usize>) -> io::Result<()> + Sync,
    ) -> io::Result<()> {
        let depth = self.depth;
        parallel::in_halves(
            self,
            count,
            batch,
            &write,
            |range, text| {
                // Kept whole, never handed on: the writer is only there to be one.
                let mut dot = DotWriter {
                    out: &mut io::sink(),
                    buf: std::mem::take(text),
                    depth,
                    block: usize::MAX,
                };
                let written = write(&mut dot, range);
                *text = dot.buf;
                written
            },
            |dot, made| {
                dot.out.write_all(&dot.buf)?;
                dot.buf.clear();
                dot.out.write_all(made)
            },
        )
    }

    fn put(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Hands a full block to the writer, between statements.
    fn end_statement(&mut self) -> io::Result<()> {
        if self.buf.len() >= self.block {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Statements written once with holes for their names ([`Stamp`]): `write` gets a hole
    /// for each of its `N` names and writes at this writer's depth, fixed values and names
    /// only.
    pub fn stamp<const N: usize>(
        &self,
        write: impl FnOnce(&mut DotWriter, [Name; N]) -> io::Result<()>,
    ) -> io::Result<Stamp<N>> {
        let mut dot = DotWriter {
            out: &mut io::sink(),
            buf: Vec::new(),
            depth: self.depth,
            block: usize::MAX,
        };
        write(&mut dot, std::array::from_fn(Name::Hole))?;
        let mut stamp = Stamp {
            pieces: Vec::new(),
            holes: Vec::new(),
            depth: self.depth,
        };
        // A hole is its mark and its number: no name is followed by a digit, which would
        // have been part of it.
        let mark = HOLE.as_bytes()[0];
        let mut rest = dot.buf.as_slice();
        while let Some(at) = rest.iter().position(|&byte| byte == mark) {
            stamp.pieces.push(rest[..at].to_vec());
            let number = &rest[at + 1..];
            let digits = number.iter().take_while(|b| b.is_ascii_digit()).count();
            let hole = number[..digits]
                .iter()
                .fold(0, |n, digit| n * 10 + usize::from(digit - b'0'));
            stamp.holes.push(hole);
            rest = &number[digits..];
        }
        stamp.pieces.push(rest.to_vec());
        Ok(stamp)
    }

    /// Writes `stamp`'s statements with `names` in its holes: the bytes its statements would
    /// have written with them.
    pub fn stamp_out<const N: usize>(
        &mut self,
        stamp: &Stamp<N>,
        names: [Name; N],
    ) -> io::Result<()> {
        debug_assert_eq!(
            stamp.depth, self.depth,
            "a stamp is written at its own depth"
        );
        for (piece, &hole) in stamp.pieces.iter().zip(&stamp.holes) {
            self.put(piece);
            self.name(names[hole]);
        }
        if let Some(last) = stamp.pieces.last() {
            self.put(last);
        }
        self.end_statement()
    }

    /// Written by hand, not through `fmt`, and put whole: a DOT of 100,000 roles has a million
    /// names.
    fn name(&mut self, name: Name) {
        let (prefix, first, second) = name.parts();
        // The longest prefix, two `u64`s and the `_` between them.
        let mut text = [0u8; 64];
        let mut end = text.len();
        if let Some(second) = second {
            end = digits_ending_at(&mut text, end, second as u64) - 1;
            text[end] = b'_';
        }
        if let Some(first) = first {
            end = digits_ending_at(&mut text, end, first as u64);
        }
        end -= prefix.len();
        text[end..end + prefix.len()].copy_from_slice(prefix.as_bytes());
        self.put(&text[end..]);
    }

    fn number(&mut self, number: usize) {
        // The most digits a `u64` has.
        let mut digits = [0u8; 20];
        let start = digits_ending_at(&mut digits, 20, number as u64);
        self.put(&digits[start..]);
    }

    fn indent(&mut self) {
        let mut spaces = 2 * self.depth;
        while spaces > 0 {
            let chunk = spaces.min(INDENT.len());
            self.put(&INDENT[..chunk]);
            spaces -= chunk;
        }
    }

    /// `[a b c]` (nothing for no attributes), then the end of the line.
    fn attributes(&mut self, attributes: &[Attribute]) -> io::Result<()> {
        for (i, &(key, value)) in attributes.iter().enumerate() {
            self.put(if i == 0 { b"[" } else { b" " });
            self.pair(key, value);
        }
        self.put(if attributes.is_empty() { b"\n" } else { b"]\n" });
        self.end_statement()
    }

    fn pair(&mut self, key: &'static str, value: Value) {
        self.put(key.as_bytes());
        match value {
            Value::Fixed(text) | Value::Made(text) => self.quoted(text),
            Value::Name(name) => {
                self.put(b"=\"");
                self.name(name);
                self.put(b"\"");
            }
            Value::Count(count) => {
                self.put(b"=\"");
                self.number(count);
                self.put(b"\"");
            }
            Value::Number(number) => {
                // Writing to a `Vec` cannot fail.
                let _ = write!(self.buf, "=\"{}\"", Hundredths(number));
            }
            Value::Html(markup) => {
                self.put(b"=<");
                self.put(markup.as_bytes());
                self.put(b">");
            }
            Value::Quoted(text) => {
                self.put(b"=");
                self.put(text.as_bytes());
            }
        }
    }

    fn quoted(&mut self, text: &str) {
        self.put(b"=\"");
        self.put(text.as_bytes());
        self.put(b"\"");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_made_in_halves_are_the_statements_made_in_turn() {
        let statements = |dot: &mut DotWriter, range: Range<usize>| {
            for i in range {
                dot.subgraph(Name::Column(i), |dot| {
                    dot.node(Name::Role(i), &[("width", Value::Number(i as f64 / 7.0))])
                })?;
            }
            Ok(())
        };
        let write = |batch: usize| {
            let mut out = Vec::new();
            DotWriter::digraph(&mut out, |dot| {
                dot.subgraph(Name::Scopes, |dot| dot.in_halves(5_000, batch, statements))
            })
            .expect("a Vec takes every write");
            out
        };
        let in_turn = write(5_000);
        assert!(in_turn.len() > 2 * BLOCK);
        for batch in [2, 3, 1_000, 4_999] {
            assert!(write(batch) == in_turn, "batch {batch}");
        }
    }

    #[test]
    fn a_stamp_writes_what_its_statements_write() {
        // Twelve names, so that holes past 9 take two digits; a name used twice, one as a value.
        let statements = |dot: &mut DotWriter, names: [Name; 12]| -> io::Result<()> {
            dot.node(
                names[0],
                &[
                    ("shape", Value::Fixed("point")),
                    ("group", Value::Name(names[11])),
                ],
            )?;
            dot.subgraph(names[1], |dot| {
                dot.attribute(("rank", Value::Fixed("same")))?;
                names[2..11]
                    .iter()
                    .try_for_each(|&name| dot.node(name, &[]))
            })?;
            dot.edge(names[0], names[10], &[])
        };
        let names = |n: usize| {
            [
                Name::Trunk(n, n + 1),
                Name::TrunkCluster(n, 1_000_000 + n),
                Name::Role(n),
                Name::Scope(0),
                Name::Gap(12),
                Name::Row(n),
                Name::Anchor(3),
                Name::Column(n * 7),
                Name::Cluster(n),
                Name::Scopes,
                Name::Role(usize::MAX),
                Name::Group(n),
            ]
        };
        let mut direct = Vec::new();
        let mut stamped = Vec::new();
        DotWriter::digraph(&mut direct, |dot| {
            dot.subgraph(Name::Scopes, |dot| {
                (0..3).try_for_each(|n| statements(dot, names(n)))
            })
        })
        .expect("a Vec takes every write");
        DotWriter::digraph(&mut stamped, |dot| {
            dot.subgraph(Name::Scopes, |dot| {
                let stamp = dot.stamp(statements)?;
                (0..3).try_for_each(|n| dot.stamp_out(&stamp, names(n)))
            })
        })
        .expect("a Vec takes every write");
        assert!(!direct.contains(&0));
        assert_eq!(String::from_utf8(stamped), String::from_utf8(direct));
    }

    #[test]
    fn statements_are_laid_out_as_graphviz_rust_printed_them() {
        let mut out = Vec::new();
        DotWriter::digraph(&mut out, |dot| {
            dot.defaults("node", &[("shape", Value::Fixed("box"))])?;
            dot.node(
                Name::Role(3),
                &[
                    ("label", Value::Html("<b>x</b>")),
                    ("tooltip", Value::Quoted("\"x\\n\"")),
                    ("width", Value::Number(1.005)),
                ],
            )?;
            dot.subgraph(Name::TrunkCluster(0, 1), |dot| {
                dot.attribute(("rank", Value::Fixed("same")))?;
                dot.node(Name::Trunk(0, 1), &[])?;
                dot.subgraph(Name::Cluster(2), |dot| dot.node(Name::Gap(0), &[]))
            })?;
            dot.edge(Name::Role(3), Name::Scope(0), &[])?;
            dot.edge(
                Name::Trunk(0, 0),
                Name::Trunk(0, 1),
                &[
                    ("minlen", Value::Count(2)),
                    ("group", Value::Name(Name::Group(0))),
                ],
            )
        })
        .expect("a Vec takes every write");
        assert_eq!(
            String::from_utf8(out).expect("UTF-8"),
            "digraph orgraph {\n  node[shape=\"box\"]\n  r3[label=<<b>x</b>> tooltip=\"x\\n\" width=\"1.00\"]\n  subgraph cluster_c0_1 {\n    rank=\"same\"\n    c0_1\n    subgraph cluster_t2 {\n      g0\n    }\n  }\n  r3 -> s0\n  c0_0 -> c0_1 [minlen=\"2\" group=\"c0\"]\n}\n"
        );
    }
}
