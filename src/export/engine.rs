//! Who lays out SVG, PNG and PDF: the built-in engine or Graphviz `dot`, if it is installed.

/// Who lays out SVG: the built-in tidy-tree layout or Graphviz `dot`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// The built-in tidy-tree layout (SVG only).
    Builtin,
    /// Graphviz `dot`, which must be on the PATH.
    Graphviz,
}

impl Engine {
    /// Graphviz when `dot` is on the PATH, the built-in layout otherwise.
    pub fn detect() -> Engine {
        if graphviz_available() {
            Engine::Graphviz
        } else {
            Engine::Builtin
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
