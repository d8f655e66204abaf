use super::Checked;
use crate::check::{Check, NEED_RESPONSIBILITIES, is_plain_chart};
use crate::export::escape::xml_lines as escape;
use crate::model::CheckLevel;
use std::io::Write;

/// How a check's test case ends in one model's suite.
enum Case {
    /// Not run: at level allow, or about responsibilities on a plain org chart.
    Skipped(&'static str),
    /// Run, with no finding.
    Passed,
    /// Findings at level deny: the case fails.
    Failed(usize),
    /// Findings at level warn: printed in the case's output.
    Warned,
}

/// How `check`'s case ends in `report`.
fn case(report: &Checked, check: Check) -> Case {
    let level = report.levels.get(check);
    if level == CheckLevel::Allow {
        return Case::Skipped("allowed");
    }
    if NEED_RESPONSIBILITIES.contains(&check) && is_plain_chart(report.model) {
        return Case::Skipped("a plain org chart: no role holds a responsibility");
    }
    match report.findings.iter().filter(|f| f.check == check).count() {
        0 => Case::Passed,
        found if level == CheckLevel::Deny => Case::Failed(found),
        _ => Case::Warned,
    }
}

/// JUnit XML: a test suite per model, a test case per check; findings at level deny fail it,
/// warnings are printed in its output, checks at level allow are skipped, and so are the
/// checks about responsibilities on a plain org chart. Written to `out` a finding at a time;
/// wrap `out` in a buffer.
pub fn junit(checked: &[Checked], out: &mut impl Write) -> std::io::Result<()> {
    // The counts head the XML, so the cases are decided first; the findings are written after.
    let cases: Vec<Vec<Case>> = checked
        .iter()
        .map(|report| Check::ALL.iter().map(|&c| case(report, c)).collect())
        .collect();
    let failures = |cases: &[Case]| {
        cases
            .iter()
            .filter(|c| matches!(c, Case::Failed(_)))
            .count()
    };
    let tests = checked.len() * Check::ALL.len();
    let all_failures: usize = cases.iter().map(|c| failures(c)).sum();
    writeln!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"orgraph\" tests=\"{tests}\" failures=\"{all_failures}\">"
    )?;
    for (report, cases) in checked.iter().zip(&cases) {
        let path = escape(report.model.path());
        writeln!(
            out,
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{}\">",
            Check::ALL.len(),
            failures(cases)
        )?;
        for (&check, case) in Check::ALL.iter().zip(cases) {
            write!(
                out,
                "    <testcase classname=\"{path}\" name=\"{}\"",
                check.code()
            )?;
            match case {
                Case::Skipped(why) => writeln!(
                    out,
                    ">\n      <skipped message=\"{why}\"/>\n    </testcase>"
                )?,
                Case::Passed => out.write_all(b"/>\n")?,
                Case::Failed(found) => {
                    write!(
                        out,
                        ">\n      <failure type=\"{}\" message=\"{found} finding(s)\">",
                        check.code()
                    )?;
                    findings(report, check, out)?;
                    out.write_all(b"</failure>\n    </testcase>\n")?;
                }
                Case::Warned => {
                    out.write_all(b">\n      <system-out>")?;
                    findings(report, check, out)?;
                    out.write_all(b"</system-out>\n    </testcase>\n")?;
                }
            }
        }
        out.write_all(b"  </testsuite>\n")?;
    }
    out.write_all(b"</testsuites>\n")
}

/// `check`'s findings in `report`, one a line with its location and help, escaped (a character
/// at a time, so escaping each finding is escaping them joined).
fn findings(report: &Checked, check: Check, out: &mut impl Write) -> std::io::Result<()> {
    let found = report.findings.iter().filter(|f| f.check == check);
    for (i, f) in found.enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        let at = report.location(f).map_or_else(
            || report.model.path().to_string(),
            |l| format!("{}:{}:{}", l.file, l.line, l.column),
        );
        let text = format!(
            "{at}: {}\n  help: {}",
            f.message(report.model),
            f.help(report.model)
        );
        out.write_all(escape(&text).as_bytes())?;
    }
    Ok(())
}
