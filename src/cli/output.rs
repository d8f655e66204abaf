//! Writing results: stdout, or a file written whole (temporary file, then rename) that is
//! never one of the inputs. `export` and `compare` both write through here.

use super::{Failure, print};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where `-o` sends text: `None` or `-` is stdout.
pub fn write_output(output: Option<&Path>, inputs: &[PathBuf], text: &str) -> Result<u8, Failure> {
    match output.filter(|p| *p != Path::new("-")) {
        None => print(text),
        Some(path) => write_file(path, inputs, text.as_bytes()).map(|()| 0),
    }
}

/// Writes `bytes` to `path` atomically, refusing when `path` is one of `inputs`.
pub fn write_file(path: &Path, inputs: &[PathBuf], bytes: &[u8]) -> Result<(), Failure> {
    let fail = |message: String| Failure::input(format!("error: {message}\n"));
    if inputs.iter().any(|input| same_file(input, path)) {
        return Err(fail(format!(
            "refusing to write over the input file `{}`; choose another path with -o",
            path.display()
        )));
    }
    write_atomic(path, bytes).map_err(|e| fail(format!("cannot write `{}`: {e}", path.display())))
}

/// Whether two paths name one file; the second may not exist yet.
fn same_file(existing: &Path, other: &Path) -> bool {
    let canonical = |path: &Path| {
        std::fs::canonicalize(path).ok().or_else(|| {
            let parent = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            Some(std::fs::canonicalize(parent).ok()?.join(path.file_name()?))
        })
    };
    match (canonical(existing), canonical(other)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// Writes a file whole or not at all: a temporary file beside it, then a rename.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    // tempfile makes 0600 files; an output is an ordinary file: 0666 less the umask, as the
    // system applies it when the file is created.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut file = builder.tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}
