//! Drawing a model: the views (`org`, `responsibilities`, `full`) as DOT through graphviz-rust,
//! SVG with the built-in engine ([`layout`] + [`svg`]) or Graphviz, PNG/PDF through Graphviz,
//! Mermaid, RACI matrices and the resolved model as JSON.
//!
//! Every diagram format draws from one [`Diagram`]: what a view shows once `--focus`, `--depth`
//! and `--kinds` are applied, with the findings to highlight; every one takes its colours from
//! [`palette`] and its escaping from [`escape`].

mod diagram;
pub mod dot;
mod engine;
mod error;
pub mod escape;
mod format;
pub mod layout;
mod legend;
pub mod mermaid;
mod options;
pub mod palette;
pub mod raci;
pub mod svg;

pub use diagram::{Diagram, Line, Reporting, RoleBox, gap_label, line_label};
pub use engine::{Engine, graphviz_available};
pub use error::ExportError;
pub use format::{Format, View};
pub use legend::LegendEntry;
pub use options::Options;

use crate::check::Finding;
use crate::model::Model;

/// Renders a model in a format. PNG and PDF need Graphviz; SVG uses it with
/// [`Engine::Graphviz`] and the built-in layout with [`Engine::Builtin`].
pub fn export(
    model: &Model,
    findings: &[Finding],
    options: &Options,
    format: Format,
    engine: Engine,
) -> Result<Vec<u8>, ExportError> {
    let text = match format {
        Format::Dot => dot::render(&Diagram::new(model, findings, options)),
        Format::Svg if engine == Engine::Builtin => {
            svg::render(&Diagram::new(model, findings, options))
        }
        Format::Svg | Format::Png | Format::Pdf => {
            if engine == Engine::Builtin || !graphviz_available() {
                return Err(ExportError::NeedsGraphviz {
                    format: format.name(),
                });
            }
            return dot::run_graphviz(&Diagram::new(model, findings, options), format);
        }
        Format::Mermaid => mermaid::render(&Diagram::new(model, findings, options)),
        Format::RaciMd => raci::markdown(&raci::Matrix::new(model, options)),
        Format::RaciCsv => raci::csv(&raci::Matrix::new(model, options)),
        Format::Json => {
            // Plain data with string keys: serializing it cannot fail.
            let mut json = serde_json::to_string_pretty(&model.to_file()).unwrap_or_default();
            json.push('\n');
            json
        }
    };
    Ok(text.into_bytes())
}
