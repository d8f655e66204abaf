//! Who lays out SVG, PNG and PDF: the built-in engine (the default for SVG and PNG) or Graphviz
//! `dot` (asked for, and needed for PDF).

use super::{ExportError, Format};

/// Who lays out SVG, PNG and PDF.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// The built-in layout (SVG, and PNG rendered in-process): no Graphviz needed.
    Builtin,
    /// Graphviz `dot`, which must be on the PATH (SVG, PNG, PDF).
    Graphviz,
}

impl Engine {
    /// The engine that draws `format`: the one asked for, else the built-in one for SVG and
    /// PNG and Graphviz for PDF. `None` for formats no engine lays out (DOT, Mermaid, tables).
    pub fn choose(asked: Option<Engine>, format: Format) -> Result<Option<Engine>, ExportError> {
        match (format, asked) {
            (Format::Svg | Format::Png, asked) => Ok(Some(asked.unwrap_or(Engine::Builtin))),
            (Format::Pdf, Some(Engine::Builtin)) => Err(ExportError::NoBuiltinPdf),
            (Format::Pdf, _) => Ok(Some(Engine::Graphviz)),
            _ => Ok(None),
        }
    }
}

/// Whether Graphviz `dot` is an executable file on the PATH.
pub fn graphviz_available() -> bool {
    let Some(path) = std::env::var_os("PATH") else {
        return false;
    };
    std::env::split_paths(&path).any(|dir| {
        ["dot", "dot.exe"].iter().any(|name| {
            let file = dir.join(name);
            file.is_file() && is_executable(&file)
        })
    })
}

#[cfg(unix)]
fn is_executable(path: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(_path: &std::path::Path) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_engine_is_the_default_and_pdf_needs_graphviz() {
        let builtin = Some(Engine::Builtin);
        let graphviz = Some(Engine::Graphviz);
        assert_eq!(Engine::choose(None, Format::Svg), Ok(builtin));
        assert_eq!(Engine::choose(None, Format::Png), Ok(builtin));
        assert_eq!(Engine::choose(graphviz, Format::Png), Ok(graphviz));
        assert_eq!(Engine::choose(None, Format::Pdf), Ok(graphviz));
        assert_eq!(
            Engine::choose(builtin, Format::Pdf),
            Err(ExportError::NoBuiltinPdf)
        );
        assert_eq!(Engine::choose(graphviz, Format::Dot), Ok(None));
    }
}
