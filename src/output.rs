//! Writing output files, for every command that writes one (`export -o`, `compare -o`,
//! `import -o`, `report -o`, `init PATH`, `man -o`): a file is written whole or not at all, and
//! never over one of the command's inputs.
//!
//! - The output path is resolved first, creating nothing: every part that exists is followed
//!   (symlinks included), and a `..` after a missing directory is applied to the path's text, as
//!   no directory is made just to step out of it (`nosuch/../model.toml` is `model.toml`, and
//!   `nosuch/` is not created). The file is written where that resolution says.
//! - If the resolved path is an input (the same canonical path, or the same file through a hard
//!   link), nothing is written.
//! - A regular file (or a new one) is written to a temporary file beside it, then renamed over
//!   it, with mode 0666 less the umask. Missing parent directories are created, and removed
//!   again if the write fails.
//! - A FIFO, a device or a descriptor path (`/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`) is
//!   written to directly: replacing it with a regular file would break the pipe, device or
//!   redirection it stands for. A descriptor that leads to a regular file is appended to, as a
//!   shell's `>` or `>>` opened it.
//! - A directory, or a path that ends in `/`, is refused with a message saying so.
//!
//! ```
//! use orgraph::output::{Inputs, Written, write};
//! let dir = tempfile::tempdir()?;
//! let model = dir.path().join("model.toml");
//! std::fs::write(&model, "name = \"Acme\"\n")?;
//! let mut inputs = Inputs::new();
//! inputs.add(&model);
//!
//! // Stepping out of a directory that does not exist still finds the input.
//! let sneaky = dir.path().join("nosuch/../model.toml");
//! assert!(write(&sneaky, &inputs, b"<svg/>").is_err());
//! assert!(!dir.path().join("nosuch").exists());
//!
//! let svg = dir.path().join("out/model.svg");
//! assert!(matches!(write(&svg, &inputs, b"<svg/>")?, Written::File(_)));
//! assert_eq!(std::fs::read(&svg)?, b"<svg/>");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::model::Model;
use std::fmt;
use std::fs::{self, Metadata};
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// The files a command read, which no output may replace.
#[derive(Debug, Default)]
pub struct Inputs {
    files: Vec<Input>,
}

#[derive(Debug)]
struct Input {
    /// As the user gave it, for messages.
    shown: PathBuf,
    canonical: PathBuf,
    identity: Option<Identity>,
}

impl Inputs {
    /// No inputs yet.
    pub fn new() -> Inputs {
        Inputs::default()
    }

    /// Adds a file the command read. Its identity is taken now, so that the output can be
    /// matched against it however either path is written.
    pub fn add(&mut self, path: impl AsRef<Path>) {
        let path = path.as_ref();
        self.files.push(Input {
            shown: path.to_path_buf(),
            canonical: fs::canonicalize(path).unwrap_or_else(|_| absolute(path)),
            identity: fs::metadata(path).ok().map(|m| Identity::of(&m)),
        });
    }

    /// Adds every file a model was loaded from: the model and each base it `extends`.
    pub fn add_model(&mut self, model: &Model) {
        for name in model.sources.names() {
            self.add(name);
        }
    }

    /// The input that `target` (resolved, with its metadata if it exists) is, if any.
    fn find(&self, target: &Path, meta: Option<&Metadata>) -> Option<&Input> {
        let identity = meta.map(Identity::of);
        self.files.iter().find(|input| {
            input.canonical == target || (identity.is_some() && input.identity == identity)
        })
    }
}

impl<P: AsRef<Path>> Extend<P> for Inputs {
    fn extend<I: IntoIterator<Item = P>>(&mut self, paths: I) {
        for path in paths {
            self.add(path);
        }
    }
}

/// What makes two paths one file: device and inode where the system has them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Identity {
    #[cfg(unix)]
    device: u64,
    #[cfg(unix)]
    inode: u64,
}

impl Identity {
    #[cfg(unix)]
    fn of(meta: &Metadata) -> Identity {
        use std::os::unix::fs::MetadataExt;
        Identity {
            device: meta.dev(),
            inode: meta.ino(),
        }
    }

    /// Without inodes, only canonical paths identify a file.
    #[cfg(not(unix))]
    fn of(_meta: &Metadata) -> Identity {
        Identity {}
    }
}

/// How an output was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Written {
    /// A regular file, written whole at this (resolved) path.
    File(PathBuf),
    /// A FIFO, a device or an open descriptor, written to directly.
    Stream,
}

/// Why an output was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The output is one of the inputs: nothing was written.
    Input {
        /// The output path as given.
        path: PathBuf,
        /// The input it is, as given.
        input: PathBuf,
    },
    /// The output path names a directory: nothing was written.
    Directory {
        /// The output path as given.
        path: PathBuf,
    },
    /// The system refused; a file that existed is unchanged.
    Io {
        /// The output path as given.
        path: PathBuf,
        /// What the system said.
        error: io::Error,
    },
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Input { path, input } if path == input => write!(
                f,
                "refusing to write over the input file `{}`; choose another output path",
                input.display()
            ),
            WriteError::Input { path, input } => write!(
                f,
                "refusing to write over the input file `{}` (`{}` is the same file); choose another output path",
                input.display(),
                path.display()
            ),
            WriteError::Directory { path } => write!(
                f,
                "`{}` is a directory, not a file: give the path of the file to write (a name inside it)",
                path.display()
            ),
            WriteError::Io { path, error } => {
                write!(f, "cannot write `{}`: {error}", path.display())
            }
        }
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Io { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// Writes `bytes` to `path` as this module describes; never over one of `inputs`.
pub fn write(path: &Path, inputs: &Inputs, bytes: &[u8]) -> Result<Written, WriteError> {
    write_with(path, inputs, |out| out.write_all(bytes))
}

/// [`write()`] for output made as it is written: `write` gets a buffered writer, to the
/// temporary file that replaces `path` once `write` has succeeded (nothing is left of it if
/// `write` fails), or to the FIFO, device or descriptor `path` names.
pub fn write_with(
    path: &Path,
    inputs: &Inputs,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Written, WriteError> {
    let io_error = |error| WriteError::Io {
        path: path.to_path_buf(),
        error,
    };
    if ends_in_separator(path) {
        return Err(WriteError::Directory {
            path: path.to_path_buf(),
        });
    }
    let target = resolve(path).map_err(io_error)?;
    let meta = fs::metadata(&target).ok();
    if let Some(input) = inputs.find(&target, meta.as_ref()) {
        return Err(WriteError::Input {
            path: path.to_path_buf(),
            input: input.shown.clone(),
        });
    }
    match &meta {
        Some(meta) if meta.is_dir() => Err(WriteError::Directory {
            path: path.to_path_buf(),
        }),
        Some(meta) if !meta.is_file() || names_descriptor(path) => {
            write_stream(path, write).map_err(io_error)?;
            Ok(Written::Stream)
        }
        _ => {
            write_replacing(&target, write).map_err(io_error)?;
            Ok(Written::File(target))
        }
    }
}

/// `out/` or `out/.`: a directory, whatever is there.
fn ends_in_separator(path: &Path) -> bool {
    let text = path.as_os_str().to_string_lossy();
    // By the text: `Path::components` drops a trailing `/` and `.`.
    let last = text.rsplit(std::path::is_separator).next();
    matches!(last, Some("" | "." | ".."))
}

/// `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/PID/fd/N`: an already open descriptor,
/// whatever it leads to.
fn names_descriptor(path: &Path) -> bool {
    let path = normalize(&absolute(path));
    let parts: Vec<&str> = path.iter().filter_map(|p| p.to_str()).collect();
    matches!(
        parts.as_slice(),
        ["/", "dev", "stdout" | "stderr"] | ["/", "dev", "fd", _] | ["/", "proc", _, "fd", _]
    )
}

/// The path made absolute, without touching the file system.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// `.` and `..` applied to the text of an absolute path.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Where writing `path` puts the file, creating nothing: each part that exists is resolved
/// on disk (symlinks followed), and a `..` after a part that does not exist steps back in
/// the text, since no directory will be made only to be left.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut resolved = if path.is_absolute() {
        PathBuf::new()
    } else {
        fs::canonicalize(std::env::current_dir()?)?
    };
    for component in path.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => resolved.push(component.as_os_str()),
            Component::CurDir => {}
            // `resolved` is canonical where it exists, so its parent is the real one.
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                let next = resolved.join(name);
                // A dangling symlink stays as it is: the rename replaces the link.
                resolved = match fs::symlink_metadata(&next) {
                    Ok(_) => fs::canonicalize(&next).unwrap_or(next),
                    Err(_) => next,
                };
            }
        }
    }
    Ok(resolved)
}

/// Writes straight into a FIFO, a device or an open descriptor (appending, as the shell's
/// `>` or `>>` positioned it).
fn write_stream(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let file = fs::OpenOptions::new().append(true).open(path)?;
    let mut out = io::BufWriter::with_capacity(BUFFER, file);
    write(&mut out)?;
    out.flush()
}

/// The write buffer: large enough that a big output costs few system calls.
const BUFFER: usize = 1 << 16;

/// Writes a file whole or not at all: a temporary file beside it, then a rename. The
/// directories made for it are removed again if that fails.
fn write_replacing(
    target: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = target.parent().unwrap_or(Path::new("/"));
    let first_missing = dir
        .ancestors()
        .take_while(|d| fs::symlink_metadata(d).is_err())
        .last()
        .map(Path::to_path_buf);
    fs::create_dir_all(dir)?;
    let written = write_temporary(dir, target, write);
    if written.is_err()
        && let Some(first) = first_missing
    {
        for made in dir.ancestors().take_while(|d| d.starts_with(&first)) {
            let _ = fs::remove_dir(made);
        }
    }
    written
}

fn write_temporary(
    dir: &Path,
    target: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut builder = tempfile::Builder::new();
    // tempfile makes 0600 files; an output is an ordinary file: 0666 less the umask, as the
    // system applies it when the file is created.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut file = builder.tempfile_in(dir)?;
    let mut out = io::BufWriter::with_capacity(BUFFER, file.as_file_mut());
    write(&mut out)?;
    out.flush()?;
    drop(out);
    file.as_file().sync_all()?;
    file.persist(target).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_resolved_without_creating_anything() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let base = fs::canonicalize(dir.path()).expect("canonical");
        assert_eq!(
            resolve(&base.join("nosuch/../deeper/./x/../out.svg")).expect("resolves"),
            base.join("deeper/out.svg")
        );
        assert!(fs::read_dir(&base).expect("listed").next().is_none());
    }

    #[test]
    fn an_output_that_fails_half_way_leaves_nothing() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let target = dir.path().join("new/out.dot");
        let written = write_with(&target, &Inputs::new(), |out| {
            out.write_all(b"digraph orgraph {\n")?;
            Err(io::Error::other("stopped half way"))
        });
        assert!(matches!(written, Err(WriteError::Io { .. })));
        // Neither the file, nor its temporary file, nor the directory made for it.
        assert!(fs::read_dir(dir.path()).expect("listed").next().is_none());

        let old = dir.path().join("old.dot");
        fs::write(&old, "before").expect("written");
        let written = write_with(&old, &Inputs::new(), |out| {
            out.write_all(&[b'x'; 100_000])?;
            Err(io::Error::other("stopped half way"))
        });
        assert!(written.is_err());
        assert_eq!(fs::read_to_string(&old).expect("read"), "before");
        assert_eq!(fs::read_dir(dir.path()).expect("listed").count(), 1);
    }

    #[test]
    fn descriptor_paths_are_recognised_by_name() {
        for path in [
            "/dev/stdout",
            "/dev/stderr",
            "/dev/fd/1",
            "/proc/self/fd/1",
            "/proc/42/fd/3",
            "/dev/./stdout",
        ] {
            assert!(names_descriptor(Path::new(path)), "{path}");
        }
        for path in [
            "/dev/shm/out.svg",
            "/dev/null",
            "out/stdout",
            "/proc/self/status",
        ] {
            assert!(!names_descriptor(Path::new(path)), "{path}");
        }
    }

    #[test]
    fn a_trailing_separator_names_a_directory() {
        for path in ["out/", "out/.", "out/..", "./", ".", ".."] {
            assert!(ends_in_separator(Path::new(path)), "{path}");
        }
        for path in ["out", "out/file.svg", "./file.svg", "../x.svg", "out/.svg"] {
            assert!(!ends_in_separator(Path::new(path)), "{path}");
        }
    }
}
