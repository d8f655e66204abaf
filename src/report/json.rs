//! `check --format json`: SPEC section 4's report, pretty-printed as serde_json prints it and
//! written as it is made. A large model's findings are made on two threads, a batch at a time
//! ([`parallel::in_halves`]), and written in order: the bytes one serializer would write.

use super::Checked;
use crate::check::{Finding, Summary};
use crate::model::Model;
use crate::parallel;
use serde::Serialize;
use serde_json::ser::Formatter;
use std::fmt::Write as _;
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
    let mut message = String::new();
    for at in range {
        out.write_all(if at == 0 { b"\n" } else { b",\n" })?;
        indent(out, depth)?;
        finding(
            out,
            checked.model,
            &checked.findings[at],
            depth,
            &mut message,
        )?;
    }
    Ok(())
}

/// A finding as SPEC section 4's JSON gives it, an object at `depth`: the bytes serde_json's
/// pretty printer writes for it, written straight: through serde's machinery, escaping text
/// that needs none, a million findings took 0.37 to 0.47 s to write instead of 0.26 s.
/// `message` is room for the message, kept from one finding to the next.
fn finding<W: Write>(
    out: &mut W,
    model: &Model,
    f: &Finding,
    depth: usize,
    message: &mut String,
) -> io::Result<()> {
    // Each field after its separator, as serde_json's pretty printer writes them.
    let key = |out: &mut W, first: bool, name: &[u8]| -> io::Result<()> {
        out.write_all(if first { b"{\n" } else { b",\n" })?;
        indent(out, depth + 1)?;
        out.write_all(name)
    };
    key(out, true, b"\"code\": ")?;
    string(out, f.check.code())?;
    key(out, false, b"\"level\": ")?;
    string(out, f.level.name())?;
    message.clear();
    // Writing to a `String` cannot fail.
    let _ = write!(message, "{}", f.message(model));
    key(out, false, b"\"message\": ")?;
    string(out, message)?;
    key(out, false, b"\"roles\": ")?;
    ids(out, f.roles.iter().map(|&r| model.roles.key(r)), depth + 1)?;
    key(out, false, b"\"scope\": ")?;
    optional(out, f.scope.map(|s| model.scopes[s].id.as_str()))?;
    key(out, false, b"\"kind\": ")?;
    optional(out, f.kind.map(|k| model.kinds[k].id.as_str()))?;
    key(out, false, b"\"people\": ")?;
    ids(
        out,
        f.people.iter().map(|&p| model.people.key(p)),
        depth + 1,
    )?;
    key(out, false, b"\"location\": ")?;
    match f.span {
        None => out.write_all(b"null")?,
        Some(span) => {
            let (line, column) = model.sources.line_column(span);
            out.write_all(b"{\n")?;
            indent(out, depth + 2)?;
            out.write_all(b"\"file\": ")?;
            string(out, model.sources.name(span.file))?;
            out.write_all(b",\n")?;
            indent(out, depth + 2)?;
            writeln!(out, "\"line\": {line},")?;
            indent(out, depth + 2)?;
            writeln!(out, "\"column\": {column}")?;
            indent(out, depth + 1)?;
            out.write_all(b"}")?;
        }
    }
    out.write_all(b"\n")?;
    indent(out, depth)?;
    out.write_all(b"}")
}

/// `text` as a JSON string: as it is between quotes when nothing in it needs escaping (ids,
/// codes and most messages), else as serde_json escapes it.
fn string(out: &mut impl Write, text: &str) -> io::Result<()> {
    if text.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.write_all(b"\"")?;
        out.write_all(text.as_bytes())?;
        out.write_all(b"\"")
    } else {
        Ok(serde_json::to_writer(out, text)?)
    }
}

fn optional(out: &mut impl Write, text: Option<&str>) -> io::Result<()> {
    match text {
        Some(text) => string(out, text),
        None => out.write_all(b"null"),
    }
}

/// An array of ids at `depth`, one per line; `[]` when there is none.
fn ids<'a>(
    out: &mut impl Write,
    ids: impl Iterator<Item = &'a str>,
    depth: usize,
) -> io::Result<()> {
    let mut none = true;
    for id in ids {
        out.write_all(if none { b"[\n" } else { b",\n" })?;
        none = false;
        indent(out, depth + 1)?;
        string(out, id)?;
    }
    if none {
        return out.write_all(b"[]");
    }
    out.write_all(b"\n")?;
    indent(out, depth)?;
    out.write_all(b"]")
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
    /// are what serde_json pretty-prints for the parsed value, escapes included.
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
        // Text that must be escaped: quotes, backslashes, a tab, markup.
        let text = include_str!("../../tests/fixtures/nasty.toml");
        let nasty = load_str("nasty.toml", Format::Toml, text, &options.canon)
            .expect("the nasty model loads");
        let escaped = crate::check(&nasty, &options);
        assert!(escaped.findings.iter().any(|f| {
            let message = f.message(&nasty).to_string();
            message.contains('\\') && message.contains('\t')
        }));
        let one = [Checked::new(&model, &report)];
        let two = [Checked::new(&model, &report), Checked::new(&clean, &none)];
        let three = [Checked::new(&nasty, &escaped)];
        for checked in [&one[..], &two[..], &three[..], &[]] {
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
