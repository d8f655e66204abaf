//! Why an export could not be made.

use std::fmt;

/// Why an export could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// PNG or PDF asked for, and Graphviz is missing or not chosen.
    NeedsGraphviz {
        /// The format's name.
        format: &'static str,
    },
    /// Graphviz ran and failed.
    Graphviz(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hint = |suggestion: &Option<String>| match suggestion {
            Some(s) => format!(" (did you mean `{s}`?)"),
            None => String::new(),
        };
        match self {
            ExportError::UnknownRole { id, suggestion } => {
                write!(f, "no role `{id}` in the model{}", hint(suggestion))
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
            ExportError::NeedsGraphviz { format } => write!(
                f,
                "{format} output needs Graphviz `dot` on the PATH: install Graphviz (apt-get install graphviz, brew install graphviz)"
            ),
            ExportError::Graphviz(message) => write!(f, "Graphviz failed: {}", message.trim()),
        }
    }
}

impl std::error::Error for ExportError {}
