//! DOT text written straight to a writer as it is made, laid out as graphviz-rust's printer laid
//! it out before (and as the snapshots hold it): one statement a line, two spaces of indent a
//! level, `id[a="b" c=<d>]` for a node and `a -> b [c="d"]` for an edge. The whole graph is never
//! held in memory: printing 100,000 roles through nested `format!`s took 2.5 s and 550 MB.

use std::fmt;
use std::io::{self, Write};

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
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Name::Role(i) => write!(f, "r{i}"),
            Name::Scope(i) => write!(f, "s{i}"),
            Name::Gap(i) => write!(f, "g{i}"),
            Name::Trunk(k, i) => write!(f, "c{k}_{i}"),
            Name::TrunkCluster(k, i) => write!(f, "cluster_c{k}_{i}"),
            Name::Group(k) => write!(f, "c{k}"),
            Name::Row(k) => write!(f, "row{k}"),
            Name::Anchor(k) => write!(f, "col{k}"),
            Name::Column(k) => write!(f, "column{k}"),
            Name::Cluster(i) => write!(f, "cluster_t{i}"),
            Name::Scopes => f.write_str("scopes"),
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

/// Writes DOT statements at the current depth.
pub(super) struct DotWriter<'w> {
    out: &'w mut dyn Write,
    depth: usize,
}

/// Two spaces a level, deep enough for every subgraph we nest.
const INDENT: &[u8] = b"                ";

impl DotWriter<'_> {
    /// Writes `digraph orgraph { ... }` round what `body` writes.
    pub fn digraph(
        out: &mut dyn Write,
        body: impl FnOnce(&mut DotWriter) -> io::Result<()>,
    ) -> io::Result<()> {
        out.write_all(b"digraph orgraph {\n")?;
        let mut dot = DotWriter { out, depth: 1 };
        body(&mut dot)?;
        dot.out.write_all(b"}\n")
    }

    /// Writes `subgraph NAME { ... }` round what `body` writes, one level deeper. Every block
    /// we write has a statement, so there is no empty-block case to match.
    pub fn subgraph(
        &mut self,
        name: Name,
        body: impl FnOnce(&mut DotWriter) -> io::Result<()>,
    ) -> io::Result<()> {
        self.indent()?;
        writeln!(self.out, "subgraph {name} {{")?;
        self.depth += 1;
        body(self)?;
        self.depth -= 1;
        self.indent()?;
        self.out.write_all(b"}\n")
    }

    /// `graph[...]`, `node[...]` or `edge[...]`: the defaults of what follows.
    pub fn defaults(&mut self, of: &'static str, attributes: &[Attribute]) -> io::Result<()> {
        self.indent()?;
        self.out.write_all(of.as_bytes())?;
        self.attributes(attributes)
    }

    /// `key=value` on a line of its own: an attribute of the enclosing graph.
    pub fn attribute(&mut self, (key, value): Attribute) -> io::Result<()> {
        self.indent()?;
        self.pair(key, value)?;
        self.out.write_all(b"\n")
    }

    /// `name[...]`, or the bare name.
    pub fn node(&mut self, name: Name, attributes: &[Attribute]) -> io::Result<()> {
        self.indent()?;
        write!(self.out, "{name}")?;
        self.attributes(attributes)
    }

    /// `from -> to [...]`, or without attributes.
    pub fn edge(&mut self, from: Name, to: Name, attributes: &[Attribute]) -> io::Result<()> {
        self.indent()?;
        write!(self.out, "{from} -> {to}")?;
        if !attributes.is_empty() {
            self.out.write_all(b" ")?;
        }
        self.attributes(attributes)
    }

    fn indent(&mut self) -> io::Result<()> {
        let mut spaces = 2 * self.depth;
        while spaces > 0 {
            let chunk = spaces.min(INDENT.len());
            self.out.write_all(&INDENT[..chunk])?;
            spaces -= chunk;
        }
        Ok(())
    }

    /// `[a b c]` (nothing for no attributes), then the end of the line.
    fn attributes(&mut self, attributes: &[Attribute]) -> io::Result<()> {
        for (i, &(key, value)) in attributes.iter().enumerate() {
            self.out.write_all(if i == 0 { b"[" } else { b" " })?;
            self.pair(key, value)?;
        }
        self.out
            .write_all(if attributes.is_empty() { b"\n" } else { b"]\n" })
    }

    fn pair(&mut self, key: &'static str, value: Value) -> io::Result<()> {
        self.out.write_all(key.as_bytes())?;
        match value {
            Value::Fixed(text) | Value::Made(text) => self.quoted(text),
            Value::Name(name) => write!(self.out, "=\"{name}\""),
            Value::Count(count) => write!(self.out, "=\"{count}\""),
            Value::Number(number) => write!(self.out, "=\"{number:.2}\""),
            Value::Html(markup) => {
                self.out.write_all(b"=<")?;
                self.out.write_all(markup.as_bytes())?;
                self.out.write_all(b">")
            }
            Value::Quoted(text) => {
                self.out.write_all(b"=")?;
                self.out.write_all(text.as_bytes())
            }
        }
    }

    fn quoted(&mut self, text: &str) -> io::Result<()> {
        self.out.write_all(b"=\"")?;
        self.out.write_all(text.as_bytes())?;
        self.out.write_all(b"\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
