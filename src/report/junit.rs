use super::Checked;
use crate::check::{Check, NEED_RESPONSIBILITIES, is_plain_chart};
use crate::export::escape::xml_lines as escape;
use crate::model::CheckLevel;
use std::fmt::Write;

/// JUnit XML: a test suite per model, a test case per check; findings at level deny fail it,
/// warnings are printed in its output, checks at level allow are skipped, and so are the
/// checks about responsibilities on a plain org chart.
pub fn junit(checked: &[Checked]) -> String {
    let mut suites = String::new();
    let (mut tests, mut failures) = (0, 0);
    for report in checked {
        let path = escape(report.model.path());
        let plain_chart = is_plain_chart(report.model);
        let mut cases = String::new();
        let mut suite_failures = 0;
        for &check in Check::ALL {
            let level = report.levels.get(check);
            let found: Vec<String> = report
                .findings
                .iter()
                .filter(|f| f.check == check)
                .map(|f| {
                    let at = report.location(f).map_or_else(
                        || report.model.path().to_string(),
                        |l| format!("{}:{}:{}", l.file, l.line, l.column),
                    );
                    format!("{at}: {}\n  help: {}", f.message, f.help)
                })
                .collect();
            let _ = write!(
                cases,
                "    <testcase classname=\"{path}\" name=\"{}\"",
                check.code()
            );
            if level == CheckLevel::Allow {
                cases.push_str(">\n      <skipped message=\"allowed\"/>\n    </testcase>\n");
            } else if plain_chart && NEED_RESPONSIBILITIES.contains(&check) {
                cases.push_str(">\n      <skipped message=\"a plain org chart: no role holds a responsibility\"/>\n    </testcase>\n");
            } else if found.is_empty() {
                cases.push_str("/>\n");
            } else if level == CheckLevel::Deny {
                suite_failures += 1;
                let _ = write!(
                    cases,
                    ">\n      <failure type=\"{}\" message=\"{} finding(s)\">{}</failure>\n    </testcase>\n",
                    check.code(),
                    found.len(),
                    escape(&found.join("\n"))
                );
            } else {
                let _ = write!(
                    cases,
                    ">\n      <system-out>{}</system-out>\n    </testcase>\n",
                    escape(&found.join("\n"))
                );
            }
        }
        let _ = write!(
            suites,
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{suite_failures}\">\n{cases}  </testsuite>\n",
            Check::ALL.len()
        );
        tests += Check::ALL.len();
        failures += suite_failures;
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"orgraph\" tests=\"{tests}\" failures=\"{failures}\">\n{suites}</testsuites>\n"
    )
}
