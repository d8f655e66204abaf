//! Loading a model: the pipeline of stages, each in its own file. [`reader`](super::reader)
//! reads typed values with spans out of a parsed file, [`raw`](super::raw) turns one file into a
//! raw model, [`extends`](super::extends) reads and merges the chain of bases, and
//! [`resolve`](super::resolve) turns references into indexes. Every problem becomes a
//! diagnostic; loading never panics on any input.

use super::extends::{self, Start};
use super::symbols::Symbols;
use super::syntax::Format;
use super::{Canon, Model, resolve};
use crate::diag::{self, Diagnostic};
use crate::source::Sources;
use std::path::Path;

/// The most diagnostics one load reports: a file with thousands of the same mistake gets the
/// first ones and a count of the rest.
pub const MAX_DIAGNOSTICS: usize = 50;

/// Why a model (or canon) could not be loaded: one or more diagnostics over the files read.
#[derive(Debug)]
pub struct LoadError {
    /// The files read, so that the diagnostics can show their lines.
    pub sources: Sources,
    /// What went wrong, in file order, at most [`MAX_DIAGNOSTICS`] and a count of the rest.
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    /// The diagnostics the compiler way; `color` adds ANSI colours.
    pub fn render(&self, color: bool) -> String {
        diag::render(&self.sources, &self.diagnostics, color)
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for LoadError {}

/// Loads and resolves the model at `path`, with archetypes checked against `canon`.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("acme.toml");
/// std::fs::write(&path, "name = \"Acme\"\n[[role]]\nid = \"ceo\"\ntitle = \"CEO\"\n")?;
/// let model = orgraph::load(&path, &orgraph::Canon::builtin())?;
/// assert_eq!(model.roles["ceo"].title, "CEO");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn load(path: &Path, canon: &Canon) -> Result<Model, LoadError> {
    let mut sources = Sources::default();
    let mut symbols = Symbols::default();
    let mut errors = Vec::new();
    let raw = extends::read_chain(&mut sources, &mut symbols, &mut errors, Start::Path(path));
    finish(sources, &symbols, errors, raw, canon)
}

/// Loads a model from text already in memory; `name` is what diagnostics call the file.
///
/// A model that cannot be used is an error with every problem located:
///
/// ```
/// use orgraph::model::{Format, load_str};
/// let text = "name = \"Acme\"\n[[role]]\nid = \"pm\"\ntitle = \"PM\"\nreports_to = \"cpo\"\n";
/// let error = load_str("acme.toml", Format::Toml, text, &orgraph::Canon::builtin())
///     .unwrap_err();
/// assert_eq!(error.diagnostics[0].message, "unknown role `cpo`");
/// assert!(error.render(false).contains("--> acme.toml:5:14"));
/// ```
pub fn load_str(name: &str, format: Format, text: &str, canon: &Canon) -> Result<Model, LoadError> {
    let mut sources = Sources::default();
    let mut errors = Vec::new();
    let file = sources.add(name, text.to_string());
    let start = Start::Loaded {
        file,
        format,
        path: Path::new(name),
    };
    let mut symbols = Symbols::default();
    let raw = extends::read_chain(&mut sources, &mut symbols, &mut errors, start);
    finish(sources, &symbols, errors, raw, canon)
}

/// Resolves the merged model; any diagnostic makes the load fail, with them all in file order.
fn finish(
    sources: Sources,
    symbols: &Symbols,
    mut errors: Vec<Diagnostic>,
    raw: Option<super::raw::RawModel>,
    canon: &Canon,
) -> Result<Model, LoadError> {
    let model = raw.and_then(|raw| resolve::resolve(raw, canon, &sources, symbols, &mut errors));
    match model {
        Some(mut model) if errors.is_empty() => {
            // The model keeps what it needs of the text; a million roles' file need not stay in
            // memory beside it.
            sources.release();
            model.sources = sources;
            Ok(model)
        }
        _ => Err(LoadError {
            sources,
            diagnostics: capped(errors),
        }),
    }
}

/// Diagnostics in file order, the way a compiler reports, at most [`MAX_DIAGNOSTICS`] of them.
fn capped(mut errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    errors.sort_by_key(|error| error.primary_span());
    if errors.len() > MAX_DIAGNOSTICS {
        let hidden = errors.len() - MAX_DIAGNOSTICS;
        errors.truncate(MAX_DIAGNOSTICS);
        errors.push(
            Diagnostic::error(format!("{hidden} more errors not shown"))
                .help("fix the errors above first: the rest are often the same mistake"),
        );
    }
    errors
}
