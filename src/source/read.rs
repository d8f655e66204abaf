//! Reading an input file: the one reader for every file orgraph reads (models, the bases they
//! extend, `--canon`, import inputs). It reads regular files only and at most a set size, so
//! that no input can hang it (a FIFO with no writer) or exhaust memory (`/dev/zero`, a sparse
//! file of terabytes):
//!
//! - A directory, FIFO, socket or device is refused before it is opened (opening some devices
//!   has effects of its own). The file is then opened without blocking and checked again, in
//!   case the path was swapped in between.
//! - A file larger than the limit is refused before it is read, and the read stops one byte past
//!   the limit whatever the file claims its size is (files in `/proc` claim 0).
//!
//! The limit is [`DEFAULT_MAX_INPUT`] (1 GiB), or the size in the environment variable
//! [`MAX_INPUT_VAR`] (`ORGRAPH_MAX_INPUT`): bytes, or a number with `K`, `M` or `G` (powers of
//! 1024), e.g. `ORGRAPH_MAX_INPUT=4G`; never more than [`MAX_READABLE`].
//!
//! ```
//! use orgraph::source::{ReadError, read_limited};
//! let dir = tempfile::tempdir()?;
//! let model = dir.path().join("model.toml");
//! std::fs::write(&model, "name = \"Acme\"\n")?;
//! assert_eq!(read_limited(&model, 1024)?, b"name = \"Acme\"\n");
//! assert!(matches!(read_limited(&model, 4), Err(ReadError::TooLarge { .. })));
//! assert!(matches!(read_limited(dir.path(), 1024), Err(ReadError::Directory { .. })));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The most bytes read from one input unless [`MAX_INPUT_VAR`] says otherwise: 1 GiB, far
/// beyond any organization's model (a million roles is about 200 MB).
pub const DEFAULT_MAX_INPUT: u64 = 1 << 30;

/// The most bytes read from one input whatever the limit says: positions in a file are 32-bit
/// (a [`Span`](super::Span)'s offsets), so a larger file's would wrap.
pub const MAX_READABLE: u64 = u32::MAX as u64;

/// The environment variable that sets the most bytes read from one input.
pub const MAX_INPUT_VAR: &str = "ORGRAPH_MAX_INPUT";

/// Why an input could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// Opening or reading failed (no such file, permission denied, ...).
    Io {
        /// The path as given.
        path: PathBuf,
        /// What the system said.
        error: io::Error,
    },
    /// The path is a directory.
    Directory {
        /// The path as given.
        path: PathBuf,
    },
    /// The path is a FIFO, socket or device: not read, as it may never end or never answer.
    Special {
        /// The path as given.
        path: PathBuf,
        /// What it is, with an article: "a FIFO", "a character device".
        what: &'static str,
    },
    /// The file is larger than the limit.
    TooLarge {
        /// The path as given (`-` for standard input).
        path: PathBuf,
        /// Its size, when it said so before it was read.
        size: Option<u64>,
        /// The limit in force.
        limit: u64,
    },
    /// [`MAX_INPUT_VAR`] is set to something that is not a size.
    BadLimit {
        /// The variable's value.
        value: String,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io { path, error } => {
                write!(f, "cannot read `{}`: {}", path.display(), reason(error))
            }
            ReadError::Directory { path } => write!(f, "`{}` is a directory", path.display()),
            ReadError::Special { path, what } => {
                write!(f, "`{}` is {what}, not a regular file", path.display())
            }
            ReadError::TooLarge { path, size, limit } => match size {
                Some(size) => write!(
                    f,
                    "`{}` is {}, more than the {} orgraph reads",
                    path.display(),
                    human_size(*size),
                    human_size(*limit)
                ),
                None => write!(
                    f,
                    "`{}` is larger than the {} orgraph reads",
                    path.display(),
                    human_size(*limit)
                ),
            },
            ReadError::BadLimit { value } => {
                write!(f, "{MAX_INPUT_VAR} is `{value}`, which is not a size")
            }
        }
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReadError::Io { error, .. } => Some(error),
            _ => None,
        }
    }
}

impl ReadError {
    /// What the user can do about it, where that does not depend on what the file was for.
    pub fn help(&self) -> Option<String> {
        match self {
            ReadError::Special { .. } => {
                Some("orgraph reads regular files only; save the input to a file first".into())
            }
            ReadError::TooLarge { limit, .. } if *limit >= MAX_READABLE => Some(format!(
                "orgraph reads at most {} from one file: split the model into files joined by `extends`",
                human_size(MAX_READABLE)
            )),
            ReadError::TooLarge { size, limit, .. } => Some(format!(
                "to read it anyway, raise the limit: {MAX_INPUT_VAR}={}",
                suggested_limit(size.unwrap_or(*limit).saturating_add(1))
            )),
            ReadError::BadLimit { .. } => Some(format!(
                "set {MAX_INPUT_VAR} to a number of bytes, or one with K, M or G (e.g. {MAX_INPUT_VAR}=4G)"
            )),
            ReadError::Io { .. } | ReadError::Directory { .. } => None,
        }
    }
}

/// Reads the regular file at `path` whole, at most the limit [`max_input`] gives.
pub fn read(path: &Path) -> Result<Vec<u8>, ReadError> {
    read_limited(path, max_input()?)
}

/// Reads the regular file at `path` whole, at most `limit` bytes (and [`MAX_READABLE`]).
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let limit = limit.min(MAX_READABLE);
    let (file, size) = open_regular(path, limit)?;
    read_capped(file, path, limit, size)
}

/// Opens the regular file at `path` if it is at most `limit` bytes, with the size it says it is.
fn open_regular(path: &Path, limit: u64) -> Result<(File, u64), ReadError> {
    let io_error = |error| ReadError::Io {
        path: path.to_path_buf(),
        error,
    };
    let before = std::fs::metadata(path).map_err(io_error)?;
    refuse_unless_regular(path, &before, limit)?;
    let file = open_without_blocking(path).map_err(io_error)?;
    let opened = file.metadata().map_err(io_error)?;
    refuse_unless_regular(path, &opened, limit)?;
    Ok((file, opened.len()))
}

/// A file's bytes, as [`read_input`] got them.
pub(crate) enum Input {
    Read(Vec<u8>),
    #[cfg(unix)]
    Mapped(super::map::Mapped),
}

/// The regular file at `path` whole, as [`read`] refuses or reads it, but mapped into memory
/// where the system allows ([`map`](super::map)): a model's text is read once, not copied.
pub(crate) fn read_input(path: &Path) -> Result<Input, ReadError> {
    let limit = max_input()?.min(MAX_READABLE);
    let (file, size) = open_regular(path, limit)?;
    // `size` is within the limit; a file that says it is empty (as those in `/proc` do) is read.
    #[cfg(unix)]
    if let Some(mapped) = super::map::Mapped::new(&file, size as usize) {
        return Ok(Input::Mapped(mapped));
    }
    read_capped(file, path, limit, size).map(Input::Read)
}

/// Reads standard input whole (what `-` names where a command takes it), at most the limit
/// [`max_input`] gives.
pub fn read_stdin() -> Result<Vec<u8>, ReadError> {
    let limit = max_input()?.min(MAX_READABLE);
    read_capped(io::stdin().lock(), Path::new("-"), limit, 0)
}

/// The most bytes read from one input: [`MAX_INPUT_VAR`] if it is set, else
/// [`DEFAULT_MAX_INPUT`].
pub fn max_input() -> Result<u64, ReadError> {
    match std::env::var_os(MAX_INPUT_VAR) {
        None => Ok(DEFAULT_MAX_INPUT),
        Some(value) => {
            let value = value.to_string_lossy();
            parse_size(&value).ok_or_else(|| ReadError::BadLimit {
                value: value.into_owned(),
            })
        }
    }
}

/// `1048576`, `512K`, `64M`, `2G` (powers of 1024; case and a trailing `B` or `iB` ignored).
fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let upper = text.to_ascii_uppercase();
    let number = upper
        .strip_suffix("IB")
        .or_else(|| upper.strip_suffix('B'))
        .unwrap_or(&upper);
    let (digits, shift) = match number.chars().last()? {
        'K' => (&number[..number.len() - 1], 10),
        'M' => (&number[..number.len() - 1], 20),
        'G' => (&number[..number.len() - 1], 30),
        'T' => (&number[..number.len() - 1], 40),
        _ => (number, 0),
    };
    let value: u64 = digits.trim().parse().ok()?;
    value.checked_mul(1 << shift)
}

fn refuse_unless_regular(path: &Path, meta: &Metadata, limit: u64) -> Result<(), ReadError> {
    let path = path.to_path_buf();
    if meta.is_dir() {
        return Err(ReadError::Directory { path });
    }
    if !meta.is_file() {
        return Err(ReadError::Special {
            path,
            what: special_kind(meta),
        });
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            path,
            size: Some(meta.len()),
            limit,
        });
    }
    Ok(())
}

/// Reads at most `limit` bytes; one more means the input is too large.
fn read_capped(
    input: impl Read,
    path: &Path,
    limit: u64,
    size_hint: u64,
) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::with_capacity(usize::try_from(size_hint.min(limit)).unwrap_or(0));
    input
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|error| ReadError::Io {
            path: path.to_path_buf(),
            error,
        })?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            size: None,
            limit,
        });
    }
    Ok(bytes)
}

/// Opens for reading; a FIFO swapped in after the check opens at once instead of waiting for a
/// writer, and is then refused.
#[cfg(unix)]
fn open_without_blocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

#[cfg(unix)]
fn special_kind(meta: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_meta: &Metadata) -> &'static str {
    "a special file"
}

fn reason(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}

/// `3.0 GiB`, `12.5 MiB`, `640 bytes`.
fn human_size(bytes: u64) -> String {
    const UNITS: [(&str, u32); 4] = [("TiB", 40), ("GiB", 30), ("MiB", 20), ("KiB", 10)];
    for (unit, shift) in UNITS {
        if bytes >= 1 << shift {
            return format!("{:.1} {unit}", bytes as f64 / (1u64 << shift) as f64);
        }
    }
    format!("{bytes} bytes")
}

/// A round limit that lets a file of `size` bytes through: the next power of two, as `4G`
/// (a power of two at least a unit is a whole number of it).
fn suggested_limit(size: u64) -> String {
    let limit = size.checked_next_power_of_two().unwrap_or(u64::MAX);
    for (unit, shift) in [("T", 40), ("G", 30), ("M", 20), ("K", 10)] {
        if limit >= 1 << shift {
            return format!("{}{unit}", limit >> shift);
        }
    }
    limit.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapped_file_reads_as_a_read_one_and_again_once_released() {
        use crate::source::{FileId, Sources, Text};
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("model.toml");
        let text = "name = \"Acmé\"\n[[role]]\nid = \"pm\"\n";
        std::fs::write(&path, text).expect("a model file");
        let input = read_input(&path).expect("read");
        #[cfg(unix)]
        assert!(matches!(input, Input::Mapped(_)));
        let mut sources = Sources::default();
        let file = sources.add_text("model.toml".into(), Text::new(input).expect("UTF-8"));
        sources.release();
        assert_eq!(sources.text(file), text);
        assert_eq!(file, FileId(0));
        std::fs::write(&path, b"name = \"\xff\"\n").expect("a file that is not UTF-8");
        let bytes = Text::new(read_input(&path).expect("read")).err();
        assert_eq!(bytes.as_deref(), Some(&b"name = \"\xff\"\n"[..]));
        std::fs::write(&path, "").expect("an empty file");
        assert!(matches!(read_input(&path), Ok(Input::Read(bytes)) if bytes.is_empty()));
    }

    #[test]
    fn sizes_parse_with_binary_suffixes() {
        assert_eq!(parse_size("1048576"), Some(1 << 20));
        assert_eq!(parse_size("512K"), Some(512 << 10));
        assert_eq!(parse_size("64m"), Some(64 << 20));
        assert_eq!(parse_size("2G"), Some(2 << 30));
        assert_eq!(parse_size("2GiB"), Some(2 << 30));
        assert_eq!(parse_size(" 3 MB "), Some(3 << 20));
        assert_eq!(parse_size("lots"), None);
        assert_eq!(parse_size(""), None);
        assert_eq!(parse_size("-1"), None);
        assert_eq!(parse_size("99999999999T"), None);
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_size(640), "640 bytes");
        assert_eq!(human_size(3 << 30), "3.0 GiB");
        assert_eq!(human_size((25 << 20) / 2), "12.5 MiB");
        assert_eq!(suggested_limit(3 << 30), "4G");
        assert_eq!(suggested_limit(10 << 20), "16M");
        assert_eq!(suggested_limit(1 << 30), "1G");
    }

    #[test]
    fn no_limit_lets_in_a_file_whose_positions_would_wrap() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("huge.json");
        // Sparse: five GiB on paper, nothing on disk, refused before a byte is read.
        File::create(&path)
            .and_then(|file| file.set_len(5 << 30))
            .expect("a sparse file");
        let error = read_limited(&path, u64::MAX).expect_err("refused");
        assert!(
            matches!(
                error,
                ReadError::TooLarge {
                    limit: MAX_READABLE,
                    ..
                }
            ),
            "{error:?}"
        );
        assert_eq!(
            error.help().as_deref(),
            Some(
                "orgraph reads at most 4.0 GiB from one file: split the model into files joined by `extends`"
            )
        );
    }
}
