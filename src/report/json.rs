//! `check --format json`: SPEC section 4's report, pretty-printed as serde_json prints it and
//! written as it is made. A large model's findings are made on two threads, a batch at a time
//! ([`parallel::in_halves`]), and written in order: the bytes one serializer would write.

use super::Checked;
use crate::check::{Finding, Summary};
use crate::model::Model;
use crate::parallel;
use serde::Serialize;
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
    key(out, true, b"\"model\": ", depth + 1)?;
    string(out, checked.model.path())?;
    key(out, false, b"\"findings\": ", depth + 1)?;
    findings(checked, depth + 1, out, batch)?;
    key(out, false, b"\"summary\": ", depth + 1)?;
    pretty(&mut *out, depth + 1, &Summary::of(checked.findings))?;
    close(out, b"}", depth)
}

/// An object's next field at `depth`, after its separator (the first after the brace), up to
/// its value: `name` is the quoted key and `": "`. Laid out as serde_json's pretty printer.
fn key(out: &mut impl Write, first: bool, name: &[u8], depth: usize) -> io::Result<()> {
    out.write_all(if first { b"{\n" } else { b",\n" })?;
    indent(out, depth)?;
    out.write_all(name)
}

/// The end of an object or array at `depth`, its last item on the line before.
fn close(out: &mut impl Write, bracket: &[u8], depth: usize) -> io::Result<()> {
    out.write_all(b"\n")?;
    indent(out, depth)?;
    out.write_all(bracket)
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
    close(out, b"]", depth)
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
fn finding(
    out: &mut impl Write,
    model: &Model,
    f: &Finding,
    depth: usize,
    message: &mut String,
) -> io::Result<()> {
    let field = depth + 1;
    key(out, true, b"\"code\": ", field)?;
    string(out, f.check.code())?;
    key(out, false, b"\"level\": ", field)?;
    string(out, f.level.name())?;
    message.clear();
    // Writing to a `String` cannot fail.
    let _ = write!(message, "{}", f.message(model));
    key(out, false, b"\"message\": ", field)?;
    string(out, message)?;
    key(out, false, b"\"roles\": ", field)?;
    ids(out, f.roles.iter().map(|&r| model.roles.key(r)), field)?;
    key(out, false, b"\"scope\": ", field)?;
    optional(out, f.scope.map(|s| model.scopes[s].id.as_str()))?;
    key(out, false, b"\"kind\": ", field)?;
    optional(out, f.kind.map(|k| model.kinds[k].id.as_str()))?;
    key(out, false, b"\"people\": ", field)?;
    ids(out, f.people.iter().map(|&p| model.people.key(p)), field)?;
    key(out, false, b"\"location\": ", field)?;
    match f.span {
        None => out.write_all(b"null")?,
        Some(span) => {
            let (line, column) = model.sources.line_column(span);
            key(out, true, b"\"file\": ", field + 1)?;
            string(out, model.sources.name(span.file))?;
            key(out, false, b"\"line\": ", field + 1)?;
            write!(out, "{line}")?;
            key(out, false, b"\"column\": ", field + 1)?;
            write!(out, "{column}")?;
            close(out, b"}", field)?;
        }
    }
    close(out, b"}", depth)
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
    match none {
        true => out.write_all(b"[]"),
        false => close(out, b"]", depth),
    }
}

/// `value` pretty-printed as serde_json prints it nested `depth` levels deep: its lines after
/// the first indented `depth` more (a JSON string holds no raw line break).
fn pretty(out: &mut impl Write, depth: usize, value: &impl Serialize) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    for (at, line) in text.split('\n').enumerate() {
        if at > 0 {
            out.write_all(b"\n")?;
            indent(out, depth)?;
        }
        out.write_all(line.as_bytes())?;
    }
    Ok(())
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
