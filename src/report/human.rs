use super::Checked;
use crate::check::{Check, NEED_RESPONSIBILITIES, Summary, is_plain_chart};
use crate::diag::{self, Diagnostic, Severity};
use crate::model::CheckLevel;
use crate::terminal::Escaped;
use std::io::Write;

/// More findings than this, and the summary line is followed by a table of counts per check.
const TABLE_AFTER: usize = 20;

/// Compiler-style diagnostics for every finding, then per model: a note if it is a plain org
/// chart, one summary line, and past 20 findings a table of counts per check. Written to `out` a
/// finding at a time; wrap `out` in a buffer.
pub fn human(checked: &[Checked], color: bool, out: &mut impl Write) -> std::io::Result<()> {
    for report in checked {
        let model = report.model;
        for finding in report.findings {
            let mut diagnostic = Diagnostic {
                severity: match finding.level {
                    CheckLevel::Deny => Severity::Error,
                    _ => Severity::Warning,
                },
                code: Some(finding.check.code().to_string()),
                message: finding.message(model).to_string(),
                labels: Vec::new(),
                help: vec![finding.help(model).to_string()],
            };
            if let Some(span) = finding.span {
                diagnostic = diagnostic.at(span, "");
            }
            for (span, label) in finding.related(model) {
                diagnostic = diagnostic.also(span, label.into_owned());
            }
            let rendered = diag::render(&model.sources, &[diagnostic], color);
            if finding.span.is_none() {
                // No place in the file to show: still say which file, the way rustc does.
                let (header, rest) = rendered.split_once('\n').unwrap_or((&rendered, ""));
                write!(out, "{header}\n  --> {}\n{rest}", Escaped(model.path()))?;
            } else {
                out.write_all(rendered.as_bytes())?;
            }
        }
        if is_plain_chart(model) {
            out.write_all(plain_chart_note(report).as_bytes())?;
        }
        out.write_all(summary_line(model.path(), Summary::of(report.findings)).as_bytes())?;
        if report.findings.len() > TABLE_AFTER {
            out.write_all(count_table(report).as_bytes())?;
        }
    }
    Ok(())
}

/// Said once per plain org chart: which checks did not run, and how to make them run. Nothing
/// when none of them was on.
fn plain_chart_note(report: &Checked) -> String {
    let on = |check: Check| report.levels.get(check) != CheckLevel::Allow;
    let mut skipped: Vec<String> = NEED_RESPONSIBILITIES
        .into_iter()
        .filter(|&check| on(check))
        .map(|check| format!("`{}`", check.code()))
        .collect();
    if on(Check::ArchetypeDrift) {
        skipped.push("the missing-kinds half of `archetype-drift`".into());
    }
    let Some((last, init)) = skipped.split_last() else {
        return String::new();
    };
    let skipped = match init {
        [] => last.clone(),
        _ => format!("{} and {last}", init.join(", ")),
    };
    format!(
        "note: {} is a plain org chart (no role holds a responsibility): {skipped} did not run, only the structural checks\n  = help: add what roles own and do (`owns = [\"what\"]`, `responsible = [\"how\"]`) to run them; `orgraph explain gap` says more\n\n",
        Escaped(report.model.path())
    )
}

/// Findings counted per check and level, the most first, then by code.
fn count_table(report: &Checked) -> String {
    let mut counts: Vec<(usize, CheckLevel, Check)> = Vec::new();
    for finding in report.findings {
        match counts
            .iter_mut()
            .find(|(_, level, check)| (*check, *level) == (finding.check, finding.level))
        {
            Some((count, _, _)) => *count += 1,
            None => counts.push((1, finding.level, finding.check)),
        }
    }
    counts.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.code().cmp(b.2.code())));
    let width = counts
        .first()
        .map_or(0, |c| c.0.to_string().len())
        .max("count".len());
    let mut out = format!("  {:>width$}  level  check\n", "count");
    for (count, level, check) in counts {
        out.push_str(&format!(
            "  {count:>width$}  {:<5}  {}\n",
            level.name(),
            check.code()
        ));
    }
    out
}

fn summary_line(path: &str, summary: Summary) -> String {
    let path = Escaped(path);
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if summary.deny + summary.warn == 0 {
        format!("{path}: no findings\n")
    } else {
        format!(
            "{path}: {}, {}\n",
            plural(summary.deny, "error"),
            plural(summary.warn, "warning")
        )
    }
}
