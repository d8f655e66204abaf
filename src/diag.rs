//! Compiler-style diagnostics: a message, labelled spans and help, rendered by codespan-reporting.

use crate::source::{Sources, Span};
use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::Files;
use codespan_reporting::term::{self, termcolor::Ansi};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
    pub primary: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Option<String>,
    pub message: String,
    pub labels: Vec<Label>,
    pub help: Vec<String>,
}

impl Diagnostic {
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

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help.push(help.into());
        self
    }

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
