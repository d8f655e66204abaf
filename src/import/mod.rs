//! Importing what people already have: an HR system's CSV export, a Backstage catalog, a RACI
//! matrix. Each reader returns model documents ([`ModelFile`]) and the warnings it has for the
//! user, with the input's locations; the caller writes the files. Nothing here prints.

pub mod backstage;
pub mod csv;
mod delimited;
pub mod raci;
pub mod rules;
mod text;

pub use text::{read_bytes, read_text};

use crate::diag::{Diagnostic, Severity};
use crate::model::schema::{ModelFile, PolicyFile};
use crate::model::{
    DEFAULT_MAX_CONSULTED, DEFAULT_MAX_DEPTH, DEFAULT_MAX_HATS, DEFAULT_MAX_OWNED,
    DEFAULT_MAX_SPAN, LoadError,
};
use crate::source::Sources;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// What an import made: one model (or one per value of `--split`), the warnings, and the
/// inputs the warnings point into.
#[derive(Debug)]
pub struct Imported {
    /// The models made, in the order of the `--split` values (one without `--split`).
    pub models: Vec<Named>,
    /// What was dropped or guessed, each with its place in the input.
    pub warnings: Vec<Diagnostic>,
    /// The inputs, for rendering the warnings.
    pub sources: Sources,
}

/// One imported model; `split` is the value of the `--split` column it holds, if any.
#[derive(Debug)]
pub struct Named {
    /// The `--split` value, if any.
    pub split: Option<String>,
    /// The model, in the file schema.
    pub model: ModelFile,
}

impl Imported {
    fn one(model: ModelFile, warnings: Vec<Diagnostic>, sources: Sources) -> Imported {
        Imported {
            models: vec![Named { split: None, model }],
            warnings,
            sources,
        }
    }
}

/// Why an input cannot be imported: the same shape as a model that cannot be loaded.
pub type ImportError = LoadError;

/// How far an import is, for a progress line while a large input is read on another thread:
/// the rows read, then whether the model is being built.
#[derive(Debug, Default)]
pub struct Progress {
    rows: AtomicUsize,
    building: AtomicBool,
}

impl Progress {
    /// How many rows are read so far.
    pub fn rows(&self) -> usize {
        self.rows.load(Ordering::Relaxed)
    }

    /// Whether every row is read and the model is being made.
    pub fn building(&self) -> bool {
        self.building.load(Ordering::Relaxed)
    }

    fn set(&self, rows: usize) {
        self.rows.store(rows, Ordering::Relaxed);
    }

    fn build(&self) {
        self.building.store(true, Ordering::Relaxed);
    }
}

fn warning(message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        severity: Severity::Warning,
        ..Diagnostic::error(message)
    }
}

fn failed(sources: Sources, diagnostics: Vec<Diagnostic>) -> ImportError {
    ImportError {
        sources,
        diagnostics,
    }
}

/// `1 group`, `2 groups`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The default policy with `required` kinds.
fn policy(required: Vec<String>) -> PolicyFile {
    PolicyFile {
        required,
        max_span: DEFAULT_MAX_SPAN,
        max_depth: DEFAULT_MAX_DEPTH,
        max_hats: DEFAULT_MAX_HATS,
        max_owned: DEFAULT_MAX_OWNED,
        max_consulted: DEFAULT_MAX_CONSULTED,
    }
}

/// An id from free text: lowercase, every run of characters other than `a-z` and `0-9` one
/// `-`, no `-` at either end (`Plan:Product Planning` -> `plan-product-planning`).
pub fn slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    if slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// A slug cut to at most `max` bytes at a `-`, for ids made from long text.
fn short_slug(text: &str, max: usize) -> String {
    let mut slug = slug(text);
    if slug.len() > max {
        let cut = slug[..=max].rfind('-').filter(|&i| i > 0).unwrap_or(max);
        slug.truncate(cut);
    }
    slug
}

/// Whether a model accepts `id` as it is: letters, digits, `-`, `_`, `.`.
fn is_model_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_as_the_spec_says() {
        assert_eq!(slug("Plan:Product Planning"), "plan-product-planning");
        assert_eq!(slug("  --Cloud Adoption (CCoE)-- "), "cloud-adoption-ccoe");
        assert_eq!(slug("Ünïcode only"), "n-code-only");
        assert_eq!(slug("***"), "");
    }

    #[test]
    fn short_slugs_cut_at_a_dash() {
        assert_eq!(
            short_slug("Cloud strategy team - leads", 14),
            "cloud-strategy"
        );
        assert_eq!(short_slug("abcdefghij", 4), "abcd");
    }
}
