use super::Checked;
use crate::check::Summary;
use crate::diag::{self, Diagnostic, Severity};
use crate::model::CheckLevel;
use crate::terminal::Escaped;

/// Compiler-style diagnostics for every finding, then one summary line per model.
pub fn human(checked: &[Checked], color: bool) -> String {
    let mut out = String::new();
    for report in checked {
        let model = report.model;
        for finding in report.findings {
            let mut diagnostic = Diagnostic {
                severity: match finding.level {
                    CheckLevel::Deny => Severity::Error,
                    _ => Severity::Warning,
                },
                code: Some(finding.check.code().to_string()),
                message: finding.message.clone(),
                labels: Vec::new(),
                help: vec![finding.help.clone()],
            };
            if let Some(span) = finding.span {
                diagnostic = diagnostic.at(span, "");
            }
            for (span, label) in &finding.related {
                diagnostic = diagnostic.also(*span, label.clone());
            }
            let rendered = diag::render(&model.sources, &[diagnostic], color);
            if finding.span.is_none() {
                // No place in the file to show: still say which file, the way rustc does.
                let (header, rest) = rendered.split_once('\n').unwrap_or((&rendered, ""));
                out.push_str(&format!(
                    "{header}\n  --> {}\n{rest}",
                    Escaped(model.path())
                ));
            } else {
                out.push_str(&rendered);
            }
        }
        out.push_str(&summary_line(model.path(), Summary::of(report.findings)));
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
