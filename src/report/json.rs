//! `check --format json`: SPEC section 4's report, pretty-printed as serde_json prints it and
//! written as it is made. A large model's findings are made on two threads, a batch at a time
//! ([`parallel::in_halves`]), and written in order: the bytes one serializer would write.

use super::Checked;
use crate::check::{Finding, Summary};
use crate::model::{Id, Model, PersonId, RoleId, Section};
use crate::parallel;
use serde::Serialize;
use serde_json::ser::Formatter;
use std::io::{self, Write};

/// One JSON object for one model, an array of them for several, written to `out` as it is
/// made: a million findings never exist as one string. Wrap `out` in a buffer.
pub fn json(checked: &[Checked], out: &mut impl Write) -> io::Result<()> {
    write_json(checked, out, BATCH)
}

/// Findings made at a time, half on each thread: enough that starting a thread costs little
/// beside them, few enough that half a batch's text (a megabyte) is all that is held.
const BATCH: usize = 8192;

fn write_json(checked: &[Checked], out: &mut impl Write, batch: usize) -> io::Result<()> {
    match checked {
        [one] => report(one, 0, out, batch)?,
        [] => out.write_all(b"[]")?,
        many => {
            for (at, one) in many.iter().enumerate() {
                out.write_all(if at == 0 { b"[\n" } else { b",\n" })?;
                indent(out, 1)?;
                report(one, 1, out, batch)?;
            }
            out.write_all(b"\n]")?;
        }
    }
    out.write_all(b"\n")
}

/// Two spaces a level, as serde_json's pretty printer indents.
fn indent(out: &mut (impl Write + ?Sized), depth: usize) -> io::Result<()> {
    (0..depth).try_for_each(|_| out.write_all(b"  "))
}

/// One model's report, an object at `depth`: its path, its findings, and their summary.
fn report(checked: &Checked, depth: usize, out: &mut impl Write, batch: usize) -> io::Result<()> {
    out.write_all(b"{\n")?;
    indent(out, depth + 1)?;
    out.write_all(b"\"model\": ")?;
    serde_json::to_writer(&mut *out, checked.model.path())?;
    out.write_all(b",\n")?;
    indent(out, depth + 1)?;
    out.write_all(b"\"findings\": ")?;
    findings(checked, depth + 1, out, batch)?;
    out.write_all(b",\n")?;
    indent(out, depth + 1)?;
    out.write_all(b"\"summary\": ")?;
    pretty(&mut *out, depth + 1, &Summary::of(checked.findings))?;
    out.write_all(b"\n")?;
    indent(out, depth)?;
    out.write_all(b"}")
}

/// The findings' array at `depth`.
fn findings(checked: &Checked, depth: usize, out: &mut impl Write, batch: usize) -> io::Result<()> {
    let all = checked.findings;
    if all.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    parallel::in_halves(
        out,
        all.len(),
        batch,
        |out, range| some_findings(out, checked, depth + 1, range),
        |range, text| {
            // A finding is about 450 bytes of pretty JSON: room made once, not by doubling.
            text.reserve(range.len() * 450);
            some_findings(text, checked, depth + 1, range)
        },
        |out, text| out.write_all(text),
    )?;
    out.write_all(b"\n")?;
    indent(out, depth)?;
    out.write_all(b"]")
}

/// The findings in `range`, array elements at `depth`, each after its separator (the first
/// right after the bracket).
fn some_findings(
    out: &mut impl Write,
    checked: &Checked,
    depth: usize,
    range: std::ops::Range<usize>,
) -> io::Result<()> {
    for at in range {
        out.write_all(if at == 0 { b"\n" } else { b",\n" })?;
        indent(out, depth)?;
        pretty(
            &mut *out,
            depth,
            &json_finding(checked.model, &checked.findings[at]),
        )?;
    }
    Ok(())
}

/// `value` pretty-printed as serde_json prints it nested `depth` levels deep.
fn pretty(out: impl Write, depth: usize, value: &impl Serialize) -> io::Result<()> {
    let formatter = Nested {
        depth,
        has_value: false,
    };
    Ok(value.serialize(&mut serde_json::Serializer::with_formatter(out, formatter))?)
}

/// serde_json's `PrettyFormatter`, starting `depth` levels deep: the same bytes it writes for
/// a value at that depth of a larger one.
struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    fn open(&mut self, out: &mut (impl Write + ?Sized), bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close(&mut self, out: &mut (impl Write + ?Sized), bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            out.write_all(b"\n")?;
            indent(out, self.depth)?;
        }
        out.write_all(bracket)
    }

    fn next(&mut self, out: &mut (impl Write + ?Sized), first: bool) -> io::Result<()> {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        indent(out, self.depth)
    }
}

impl Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.next(out, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.next(out, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// A finding as SPEC section 4's JSON gives it; ids and location are written as they are
/// serialized, not collected first.
#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'static str,
    level: &'static str,
    message: Text<'a>,
    roles: Ids<'a, RoleId, crate::model::Role>,
    scope: Option<&'a str>,
    kind: Option<&'a str>,
    people: Ids<'a, PersonId, crate::model::Person>,
    location: Option<JsonLocation<'a>>,
}

fn json_finding<'a>(model: &'a Model, f: &'a Finding) -> JsonFinding<'a> {
    JsonFinding {
        code: f.check.code(),
        level: f.level.name(),
        message: Text(f.message(model)),
        roles: Ids {
            indexes: &f.roles,
            items: &model.roles,
        },
        scope: f.scope.map(|s| model.scopes[s].id.as_str()),
        kind: f.kind.map(|k| model.kinds[k].id.as_str()),
        people: Ids {
            indexes: &f.people,
            items: &model.people,
        },
        location: f.span.map(|span| {
            let (line, column) = model.sources.line_column(span);
            JsonLocation {
                file: model.sources.name(span.file),
                line,
                column,
            }
        }),
    }
}

/// A finding's text, written into the output as it is serialized.
struct Text<'a>(crate::check::Text<'a>);

impl Serialize for Text<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// Items of a model section, serialized as their string ids.
struct Ids<'a, I, T> {
    indexes: &'a [I],
    items: &'a Section<I, T>,
}

impl<I: Id, T> Serialize for Ids<'_, I, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.indexes.iter().map(|&id| self.items.key(id)))
    }
}

/// [`Location`](crate::source::Location) with the file's name borrowed.
#[derive(Serialize)]
struct JsonLocation<'a> {
    file: &'a str,
    line: usize,
    column: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::CheckOptions;
    use crate::model::{Format, load_str};

    fn written(checked: &[Checked], batch: usize) -> String {
        let mut out = Vec::new();
        write_json(checked, &mut out, batch).expect("writing to memory");
        String::from_utf8(out).expect("UTF-8")
    }

    /// Batches of any size, made on one thread or two, give the bytes of one batch; and those
    /// are what serde_json pretty-prints for the parsed value.
    #[test]
    fn batches_write_the_bytes_of_one_batch() {
        let options = CheckOptions::default();
        let text = include_str!("../../models/enterprise.toml");
        let model = load_str("enterprise.toml", Format::Toml, text, &options.canon)
            .expect("the enterprise model loads");
        let report = crate::check(&model, &options);
        // Enough findings for several batches of the sizes below.
        assert!(report.findings.len() >= 6, "{}", report.findings.len());
        let clean = load_str(
            "clean.toml",
            Format::Toml,
            "name = \"Clean\"\n[[role]]\nid = \"a\"\ntitle = \"A\"\n",
            &options.canon,
        )
        .expect("a one-role model loads");
        let none = crate::check(&clean, &options);
        assert!(none.findings.is_empty(), "{:?}", none.findings);
        let one = [Checked::new(&model, &report)];
        let two = [Checked::new(&model, &report), Checked::new(&clean, &none)];
        for checked in [&one[..], &two[..], &[]] {
            let whole = written(checked, usize::MAX);
            let value: serde_json::Value = serde_json::from_str(&whole).expect("JSON");
            let pretty = serde_json::to_string_pretty(&value).expect("JSON") + "\n";
            assert_eq!(whole, pretty);
            for batch in [1, 2, 3, 7] {
                assert_eq!(written(checked, batch), whole, "batch {batch}");
            }
        }
    }
}
