//! The library's enums as command-line values. clap stays in `cli/`: each value enum here
//! mirrors one of the library, with the help `--help` shows, and converts to it.

use clap::ValueEnum;
use orgraph::export::{Engine, Format, View};

/// `--view`: [`View`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ViewArg {
    /// The reporting tree.
    Org,
    /// Roles and the scopes they hold responsibilities on.
    Responsibilities,
    /// Both together.
    Full,
}

impl From<ViewArg> for View {
    fn from(view: ViewArg) -> View {
        match view {
            ViewArg::Org => View::Org,
            ViewArg::Responsibilities => View::Responsibilities,
            ViewArg::Full => View::Full,
        }
    }
}

/// `export --format`: [`Format`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Graphviz DOT text.
    Dot,
    /// SVG, by the built-in engine or Graphviz.
    Svg,
    /// PNG, by the built-in engine (no Graphviz needed) or Graphviz.
    Png,
    /// PDF, through Graphviz.
    Pdf,
    /// A Mermaid flowchart, as GitHub renders it.
    Mermaid,
    /// The RACI matrix as a Markdown table.
    RaciMd,
    /// The RACI matrix as CSV.
    RaciCsv,
    /// The resolved model in the file schema.
    Json,
}

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Format {
        match format {
            FormatArg::Dot => Format::Dot,
            FormatArg::Svg => Format::Svg,
            FormatArg::Png => Format::Png,
            FormatArg::Pdf => Format::Pdf,
            FormatArg::Mermaid => Format::Mermaid,
            FormatArg::RaciMd => Format::RaciMd,
            FormatArg::RaciCsv => Format::RaciCsv,
            FormatArg::Json => Format::Json,
        }
    }
}

/// `--engine`: [`Engine`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EngineArg {
    /// The built-in layout (svg, png): no Graphviz needed; the default
    Builtin,
    /// Graphviz `dot`, which must be on the PATH (svg, png, pdf)
    Graphviz,
}

impl From<EngineArg> for Engine {
    fn from(engine: EngineArg) -> Engine {
        match engine {
            EngineArg::Builtin => Engine::Builtin,
            EngineArg::Graphviz => Engine::Graphviz,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The command line names each value as the library does (file names use the library's).
    #[test]
    fn values_are_named_as_the_library_names_them() {
        let name = |value: Option<clap::builder::PossibleValue>| {
            value.map(|v| v.get_name().to_string()).unwrap_or_default()
        };
        assert_eq!(ViewArg::value_variants().len(), View::ALL.len());
        for &view in ViewArg::value_variants() {
            assert_eq!(name(view.to_possible_value()), View::from(view).name());
        }
        for &format in FormatArg::value_variants() {
            assert_eq!(
                name(format.to_possible_value()),
                Format::from(format).name()
            );
        }
    }
}
