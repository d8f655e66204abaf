//! Compiler-style diagnostics: a message, labelled spans and help, rendered by codespan-reporting.

use crate::source::{Sources, Span};
use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::Files;
use codespan_reporting::term::{self, termcolor::Ansi};

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
/// its output is no terminal).
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
            .any(|label| line_length(sources, label.span) > MAX_SNIPPET_LINE)
        {
            out.extend_from_slice(render_without_snippet(sources, diagnostic).as_bytes());
            continue;
        }
        let severity = match diagnostic.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
        };
        let mut rendered = cs::Diagnostic::new(severity)
            .with_message(&diagnostic.message)
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
                            .with_message(&label.message)
                    })
                    .collect(),
            )
            .with_notes(
                diagnostic
                    .help
                    .iter()
                    .map(|help| format!("help: {help}"))
                    .collect(),
            );
        if let Some(code) = &diagnostic.code {
            rendered = rendered.with_code(code);
        }
        // Rendering into memory fails only for a span outside its file, which the loader never makes.
        let result = if color {
            term::emit_to_write_style(&mut Ansi::new(&mut out), &config, sources, &rendered)
        } else {
            term::emit_to_io_write(&mut out, &config, sources, &rendered)
        };
        if result.is_err() {
            out.extend_from_slice(format!("error: {}\n", diagnostic.message).as_bytes());
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Longest source line shown as a snippet. A minified JSON model is one line of megabytes; a
/// snippet of it would bury the message.
const MAX_SNIPPET_LINE: usize = 300;

fn line_length(sources: &Sources, span: Span) -> usize {
    sources
        .line_index(span.file, span.start as usize)
        .and_then(|line| sources.line_range(span.file, line))
        .map_or(0, |range| range.len())
}

/// The rustc layout without the source line: message, `--> FILE:LINE:COL: label`, help.
fn render_without_snippet(sources: &Sources, diagnostic: &Diagnostic) -> String {
    let severity = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let code = diagnostic
        .code
        .as_ref()
        .map_or(String::new(), |code| format!("[{code}]"));
    let mut out = format!("{severity}{code}: {}\n", diagnostic.message);
    for label in &diagnostic.labels {
        let at = sources.location(label.span);
        out.push_str(&format!(
            "  --> {}:{}:{}: {}\n",
            at.file, at.line, at.column, label.message
        ));
    }
    for help in &diagnostic.help {
        out.push_str(&format!("  = help: {help}\n"));
    }
    out.push('\n');
    out
}
