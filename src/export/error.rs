//! Why an export could not be made.

use std::fmt;

/// Why an export could not be made.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportError {
    /// `--focus` names no role.
    UnknownRole {
        /// The id given.
        id: String,
        /// The closest role id, if one is close.
        suggestion: Option<String>,
    },
    /// `--kinds` names no kind.
    UnknownKind {
        /// The id given.
        id: String,
        /// The closest kind id, if one is close.
        suggestion: Option<String>,
        /// Every kind of the model.
        known: Vec<String>,
    },
    /// `--focus` matches the titles of several roles.
    AmbiguousFocus {
        /// What was given.
        given: String,
        /// The roles it matches: id and title.
        matches: Vec<(String, String)>,
    },
    /// Graphviz is needed (asked for, or for PDF) and `dot` is not on the PATH.
    NeedsGraphviz {
        /// The format's name.
        format: &'static str,
    },
    /// `--engine builtin --format pdf`: the built-in engine draws SVG and PNG only.
    NoBuiltinPdf,
    /// Graphviz ran and failed.
    Graphviz(String),
    /// The built-in SVG could not be rasterized.
    Png(String),
    /// A PNG whose text would be too small to read at the scale that fits the pixel cap.
    UnreadablePng {
        /// The page's width and height, in SVG pixels.
        page: (f64, f64),
        /// The scale at which the page fits the cap.
        scale: f64,
    },
    /// The responsibilities view of a model in which no role holds a responsibility.
    NoResponsibilities {
        /// The format asked for.
        format: &'static str,
    },
    /// A Mermaid diagram beyond what GitHub renders.
    MermaidTooLarge {
        /// Its characters.
        characters: usize,
        /// Its links (lines between boxes).
        links: usize,
    },
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hint = |suggestion: &Option<String>| match suggestion {
            Some(s) => format!(" (did you mean `{s}`?)"),
            None => String::new(),
        };
        match self {
            ExportError::UnknownRole { id, suggestion } => {
                write!(
                    f,
                    "no role with the id, title or team `{id}` in the model{}",
                    hint(suggestion)
                )
            }
            ExportError::UnknownKind {
                id,
                suggestion,
                known,
            } => write!(
                f,
                "no kind `{id}` in the model{}; known kinds: {}",
                hint(suggestion),
                known.join(", ")
            ),
            ExportError::AmbiguousFocus { given, matches } => {
                write!(
                    f,
                    "`{given}` is the title of {} roles; focus on one by its id:",
                    matches.len()
                )?;
                for (id, title) in matches {
                    write!(f, "\n  {id}  ({title})")?;
                }
                Ok(())
            }
            ExportError::NeedsGraphviz { format: "pdf" } => write!(
                f,
                "pdf output needs Graphviz `dot` on the PATH: install Graphviz (apt-get install graphviz, brew install graphviz), or draw svg or png with the built-in engine"
            ),
            ExportError::NeedsGraphviz { format } => write!(
                f,
                "--engine graphviz needs Graphviz `dot` on the PATH: install Graphviz (apt-get install graphviz, brew install graphviz), or leave out --engine: the built-in engine draws {format} without it"
            ),
            ExportError::NoBuiltinPdf => write!(
                f,
                "the built-in engine draws svg and png, not pdf: use --engine graphviz for pdf (needs Graphviz `dot`), or --format png or svg"
            ),
            ExportError::Graphviz(message) => {
                write!(f, "Graphviz `dot` failed: {}", message.trim())
            }
            ExportError::Png(message) => write!(f, "could not render the PNG: {message}"),
            ExportError::UnreadablePng { page, scale } => write!(
                f,
                "the chart is {:.0} x {:.0} pixels: a PNG within {} million pixels would draw it at scale {scale:.2}, its text {:.1} pixels high, too small to read; use --format svg (zoomable), or --focus ROLE or --depth N to draw part of the org",
                page.0,
                page.1,
                super::png::MAX_PIXELS / 1e6,
                scale * super::layout::metrics::FONT_SIZE
            ),
            ExportError::NoResponsibilities { format } => write!(
                f,
                "no role holds a responsibility in this model (a plain org chart), so {} would be empty: draw --view org, or give roles `owns`, `responsible`, `consulted` or `informed` (`orgraph import csv --rules` adds them from titles)",
                if format.starts_with("raci") {
                    "a RACI table"
                } else {
                    "the responsibilities view"
                }
            ),
            ExportError::MermaidTooLarge { characters, links } => write!(
                f,
                "the Mermaid diagram would have {characters} characters and {links} links; GitHub renders at most {} characters and {} links: draw part of the org (--focus ROLE, --depth N, --kinds K) or use another format (--format svg)",
                super::mermaid::MAX_CHARACTERS,
                super::mermaid::MAX_LINKS
            ),
        }
    }
}

impl std::error::Error for ExportError {}
