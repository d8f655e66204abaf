//! Compiler-style diagnostics: a message, labelled spans and help, rendered by codespan-reporting.

use crate::source::{FileId, Sources, Span};
use crate::terminal::{Escaped, escape, escape_text, is_unsafe};
use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, termcolor::Ansi};
use std::borrow::Cow;
use std::ops::Range;

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// `error`: the input cannot be used, or a check at level deny.
    Error,
    /// `warning`: a check at level warn, or something an import guessed.
    Warning,
}

/// A place in a file that a diagnostic points at, with a short label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// The bytes pointed at.
    pub span: Span,
    /// What is there ("defined again here").
    pub message: String,
    /// The main place (`^^^`) rather than a related one (`---`).
    pub primary: bool,
}

/// One message about the input: what is wrong, where, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A check's code, shown as `error[gap]`.
    pub code: Option<String>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where: the main place first, then related ones.
    pub labels: Vec<Label>,
    /// How to fix it, one line each.
    pub help: Vec<String>,
}

impl Diagnostic {
    /// An error with `message` and nothing else yet.
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code: None,
            message: message.into(),
            labels: Vec::new(),
            help: Vec::new(),
        }
    }

    /// The main location, with a short label.
    pub fn at(mut self, span: Span, label: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: label.into(),
            primary: true,
        });
        self
    }

    /// A related location ("first defined here").
    pub fn also(mut self, span: Span, label: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: label.into(),
            primary: false,
        });
        self
    }

    /// A line of help: how to fix it.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }

    /// Where the main label points, if it has one.
    pub fn primary_span(&self) -> Option<Span> {
        self.labels
            .iter()
            .find(|label| label.primary)
            .map(|label| label.span)
    }
}

/// Renders diagnostics the rustc way; with `color`, as ANSI escapes (the binary strips them when
/// its output is no terminal). Text from the input (messages, file names, source lines) never
/// reaches the terminal raw: control characters are escaped ([`crate::terminal`]), and a source
/// line that holds one is not shown.
pub fn render(sources: &Sources, diagnostics: &[Diagnostic], color: bool) -> String {
    let config = term::Config {
        chars: term::Chars::ascii(),
        ..term::Config::default()
    };
    let mut out = Vec::new();
    for diagnostic in diagnostics {
        if diagnostic
            .labels
            .iter()
            .any(|label| !showable(sources, label.span))
        {
            out.extend_from_slice(render_without_snippet(sources, diagnostic).as_bytes());
            continue;
        }
        let severity = match diagnostic.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
        };
        let mut rendered = cs::Diagnostic::new(severity)
            .with_message(escape_text(&diagnostic.message))
            .with_labels(
                diagnostic
                    .labels
                    .iter()
                    .map(|label| {
                        let style = if label.primary {
                            cs::LabelStyle::Primary
                        } else {
                            cs::LabelStyle::Secondary
                        };
                        cs::Label::new(style, label.span.file, label.span.range())
                            .with_message(escape_text(&label.message))
                    })
                    .collect(),
            )
            .with_notes(
                diagnostic
                    .help
                    .iter()
                    .map(|help| format!("help: {}", escape_text(help)))
                    .collect(),
            );
        if let Some(code) = &diagnostic.code {
            rendered = rendered.with_code(escape(code));
        }
        // Rendering into memory fails only for a span outside its file, which the loader never makes.
        let result = if color {
            term::emit_to_write_style(
                &mut Ansi::new(&mut out),
                &config,
                &Shown(sources),
                &rendered,
            )
        } else {
            term::emit_to_io_write(&mut out, &config, &Shown(sources), &rendered)
        };
        if result.is_err() {
            out.extend_from_slice(
                format!("error: {}\n", escape_text(&diagnostic.message)).as_bytes(),
            );
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Longest source line shown as a snippet. A minified JSON model is one line of megabytes; a
/// snippet of it would bury the message.
const MAX_SNIPPET_LINE: usize = 300;

/// Whether the source lines a label covers can be shown as a snippet: none too long, none with
/// a character a terminal would act on (a line's own `\r\n` ending aside).
fn showable(sources: &Sources, span: Span) -> bool {
    let line_of = |offset: u32| sources.line_index(span.file, offset as usize);
    let (Ok(first), Ok(last)) = (line_of(span.start), line_of(span.end)) else {
        return true;
    };
    let text = sources.text(span.file);
    // Each line is sliced by its range, not found by scanning: a one-line file of megabytes
    // is refused by its length, however many findings point into it.
    (first..=last).all(|line| {
        let Ok(range) = sources.line_range(span.file, line) else {
            return true;
        };
        let line = text.get(range).unwrap_or_default();
        let line = line.strip_suffix('\n').unwrap_or(line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        line.len() <= MAX_SNIPPET_LINE && !line.chars().any(is_unsafe)
    })
}

/// [`Sources`] as diagnostics show them: file names escaped.
struct Shown<'s>(&'s Sources);

impl<'a> Files<'a> for Shown<'_> {
    type FileId = FileId;
    type Name = Cow<'a, str>;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<Cow<'a, str>, FilesError> {
        Files::name(self.0, id).map(escape)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        Files::source(self.0, id)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, FilesError> {
        Files::line_index(self.0, id, byte_index)
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, FilesError> {
        Files::line_range(self.0, id, line_index)
    }
}

/// The rustc layout with the source line, escaped, and no carets: message,
/// `--> FILE:LINE:COL: label` and the line (unless it is too long to read), help.
fn render_without_snippet(sources: &Sources, diagnostic: &Diagnostic) -> String {
    let severity = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let code = diagnostic
        .code
        .as_ref()
        .map_or(String::new(), |code| format!("[{code}]"));
    let mut out = format!(
        "{severity}{}: {}\n",
        Escaped(&code),
        escape_text(&diagnostic.message)
    );
    for label in &diagnostic.labels {
        let (line, column) = sources.line_column(label.span);
        out.push_str(&format!(
            "  --> {}:{line}:{column}",
            Escaped(sources.name(label.span.file))
        ));
        if !label.message.is_empty() {
            out.push_str(&format!(": {}", escape_text(&label.message)));
        }
        out.push('\n');
        let text = sources
            .line_range(label.span.file, line - 1)
            .ok()
            .and_then(|range| sources.text(label.span.file).get(range))
            .unwrap_or_default();
        let text = text.trim_end_matches(['\n', '\r']);
        if text.len() <= MAX_SNIPPET_LINE {
            out.push_str(&format!("{line:>3} | {}\n", Escaped(text)));
        }
    }
    for help in &diagnostic.help {
        out.push_str(&format!("  = help: {}\n", escape_text(help)));
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_too_long_to_show_is_pointed_at_without_a_snippet() {
        let mut sources = Sources::default();
        let text = format!("{{\"roles\": [{}]}}", "{\"id\": \"a\"}, ".repeat(100));
        let file = sources.add("big.json", text);
        let diagnostic = Diagnostic::error("two owners")
            .at(Span::new(file, 12..23), "")
            .also(Span::new(file, 26..37), "first held here")
            .help("keep one");
        assert_eq!(
            render(&sources, &[diagnostic], false),
            "error: two owners\n  --> big.json:1:13\n  --> big.json:1:27: first held here\n  = help: keep one\n\n"
        );
    }
}
