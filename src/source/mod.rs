//! Inputs: the one reader every file goes through ([`read`]: regular files only, of a bounded
//! size), the store of loaded files, and the byte spans that point into them.

use codespan_reporting::files::{Error as FilesError, Files};
use std::ops::Range;

#[cfg(unix)]
mod map;
mod read;

pub use read::{
    DEFAULT_MAX_INPUT, MAX_INPUT_VAR, MAX_READABLE, ReadError, max_input, read, read_limited,
    read_stdin,
};
pub(crate) use read::{Input, read_input};

/// Index of a file in [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A byte range in one loaded file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// The file it is in.
    pub file: FileId,
    /// Its first byte.
    pub start: u32,
    /// One past its last byte.
    pub end: u32,
}

impl Span {
    /// The bytes `range` of `file`.
    pub fn new(file: FileId, range: Range<usize>) -> Self {
        Span {
            file,
            start: range.start as u32,
            end: range.end as u32,
        }
    }

    /// The bytes it covers.
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A resolved position: file name, 1-based line and column (in characters).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Location {
    /// The file's name, as it was given.
    pub file: String,
    /// The line, counting from 1.
    pub line: usize,
    /// The column in characters, counting from 1.
    pub column: usize,
}

/// A file's text: read into memory, or mapped and checked to be UTF-8 ([`Input`]).
pub(crate) enum Text {
    Read(String),
    #[cfg(unix)]
    Mapped(map::Mapped),
}

impl Text {
    /// `input` as text, or its bytes if they are not UTF-8.
    pub(crate) fn new(input: Input) -> Result<Text, Vec<u8>> {
        match input {
            Input::Read(bytes) => String::from_utf8(bytes)
                .map(Text::Read)
                .map_err(|error| error.into_bytes()),
            #[cfg(unix)]
            Input::Mapped(mapped) => match is_utf8(mapped.bytes(), TEXT_ON_TWO_THREADS) {
                true => Ok(Text::Mapped(mapped)),
                false => Err(mapped.bytes().to_vec()),
            },
        }
    }

    pub(crate) fn as_str(&self) -> &str {
        match self {
            Text::Read(text) => text,
            // SAFETY: checked to be UTF-8 in `Text::new` (see `map` on files written meanwhile).
            #[cfg(unix)]
            Text::Mapped(mapped) => unsafe { std::str::from_utf8_unchecked(mapped.bytes()) },
        }
    }
}

/// Bytes past which a file's text is looked through in two halves at once.
const TEXT_ON_TWO_THREADS: usize = 1 << 20;

/// Near the middle of `bytes`, where a character starts: no UTF-8 character spans a split there.
fn middle(bytes: &[u8]) -> usize {
    let mut middle = bytes.len() / 2;
    // Continuation bytes are 0b10xxxxxx; in UTF-8 at most three follow a character's start.
    while bytes.get(middle).is_some_and(|&b| (b as i8) < -0x40) {
        middle += 1;
    }
    middle
}

/// Whether `bytes` are UTF-8; past `halves` bytes, two halves on two threads, split at
/// [`middle`]: the whole is UTF-8 exactly when both halves are (a sequence cut short at the end
/// of the first half is an error in it).
fn is_utf8(bytes: &[u8], halves: usize) -> bool {
    if bytes.len() < halves {
        return std::str::from_utf8(bytes).is_ok();
    }
    let (first, second) = bytes.split_at(middle(bytes));
    let (first, second) = crate::parallel::join(
        || std::str::from_utf8(first).is_ok(),
        || std::str::from_utf8(second).is_ok(),
    );
    first && second
}

/// What `look` finds in `text`, given where its part starts: past `halves` bytes in two
/// halves split at [`middle`], on two threads (the second's result then `Some`).
fn in_halves<T: Send>(
    text: &str,
    halves: usize,
    look: impl Fn(&str, usize) -> T + Sync,
) -> (T, Option<T>) {
    if text.len() < halves {
        return (look(text, 0), None);
    }
    let at = middle(text.as_bytes());
    let (first, second) = text.split_at(at);
    let (first, second) = crate::parallel::join(|| look(first, 0), || look(second, at));
    (first, Some(second))
}

/// Where `text` has its first NUL byte, if any.
pub(crate) fn first_nul(text: &str) -> Option<usize> {
    first_nul_in(text, TEXT_ON_TWO_THREADS)
}

fn first_nul_in(text: &str, halves: usize) -> Option<usize> {
    let nul = |part: &str, start: usize| part.find('\0').map(|at| start + at);
    let (first, second) = in_halves(text, halves, nul);
    first.or(second.flatten())
}

/// Where each line of `text` starts, and whether it is all ASCII; past `halves` bytes, in two
/// halves at once.
fn lines_and_ascii(text: &str, halves: usize) -> (Vec<u32>, bool) {
    let look = |part: &str, start: usize| {
        // Offsets are `u32`, as in [`Span`].
        let starts: Vec<u32> = part
            .match_indices('\n')
            .map(|(at, _)| (start + at) as u32 + 1)
            .collect();
        (starts, part.is_ascii())
    };
    let ((mut starts, ascii), second) = in_halves(text, halves, look);
    starts.insert(0, 0);
    match second {
        Some((more, more_ascii)) => {
            starts.extend(more);
            (starts, ascii && more_ascii)
        }
        None => (starts, ascii),
    }
}

struct SourceFile {
    name: String,
    text: Text,
    /// Where each line starts. `u32`, as in [`Span`]: a file of millions of lines keeps this.
    line_starts: Vec<u32>,
    /// Characters before every `CHUNK`-th byte, so that columns on very long lines (a JSON
    /// model on one line) cost a bounded count instead of a scan from the line's start. Empty
    /// for ASCII text (most files), which has one character per byte.
    chars_before_chunk: Vec<u32>,
}

const CHUNK: usize = 512;

/// Characters that start in `bytes` (UTF-8 continuation bytes start none).
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl SourceFile {
    fn chars_before(&self, offset: usize) -> usize {
        if self.chars_before_chunk.is_empty() {
            return offset;
        }
        let chunk = offset / CHUNK;
        self.chars_before_chunk[chunk] as usize
            + count_chars(&self.text.as_str().as_bytes()[chunk * CHUNK..offset])
    }
}

/// Every file a model was loaded from (the model itself, the bases it extends).
#[derive(Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl std::fmt::Debug for Sources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.files.iter().map(|file| &file.name))
            .finish()
    }
}

impl Sources {
    /// Stores a file's text under `name` (what messages call it) and returns its id.
    pub fn add(&mut self, name: impl Into<String>, text: String) -> FileId {
        self.add_text(name.into(), Text::Read(text))
    }

    /// [`Sources::add`] of text read or mapped.
    pub(crate) fn add_text(&mut self, name: String, text: Text) -> FileId {
        let content = text.as_str();
        // Telling ASCII apart is a fast scan; counting characters a chunk at a time is not.
        let (line_starts, ascii) = lines_and_ascii(content, TEXT_ON_TWO_THREADS);
        let chars_before_chunk = if ascii {
            Vec::new()
        } else {
            std::iter::once(0)
                .chain(content.as_bytes().chunks(CHUNK).scan(0, |total, chunk| {
                    *total += count_chars(chunk) as u32;
                    Some(*total)
                }))
                .collect()
        };
        self.files.push(SourceFile {
            name,
            text,
            line_starts,
            chars_before_chunk,
        });
        FileId(self.files.len() as u32 - 1)
    }

    /// Lets go of the memory of mapped files' text once it has been read (a loaded model keeps
    /// none of it): a part read again, for a diagnostic, comes back from the system's cache.
    pub(crate) fn release(&self) {
        #[cfg(unix)]
        for file in &self.files {
            if let Text::Mapped(mapped) = &file.text {
                mapped.release();
            }
        }
    }

    /// The names of every loaded file, the model's own first.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|file| file.name.as_str())
    }

    /// What messages call `file`.
    pub fn name(&self, file: FileId) -> &str {
        &self.files[file.0 as usize].name
    }

    /// The whole text of `file`.
    pub fn text(&self, file: FileId) -> &str {
        self.files[file.0 as usize].text.as_str()
    }

    /// The source text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        self.text(span.file).get(span.range()).unwrap_or_default()
    }

    /// Where `span` starts, as file, line and column.
    pub fn location(&self, span: Span) -> Location {
        let (line, column) = self.line_column(span);
        Location {
            file: self.name(span.file).to_string(),
            line,
            column,
        }
    }

    /// Where `span` starts: line and column (in characters), counting from 1. A binary search
    /// over the file's line starts; nothing is allocated.
    pub fn line_column(&self, span: Span) -> (usize, usize) {
        let file = &self.files[span.file.0 as usize];
        let offset = (span.start as usize).min(file.text.as_str().len());
        let line = file
            .line_starts
            .partition_point(|&start| start as usize <= offset)
            - 1;
        let column =
            file.chars_before(offset) - file.chars_before(file.line_starts[line] as usize) + 1;
        (line + 1, column)
    }
}

impl<'a> Files<'a> for Sources {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        self.files
            .get(id.0 as usize)
            .map(|file| file.name.as_str())
            .ok_or(FilesError::FileMissing)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        self.files
            .get(id.0 as usize)
            .map(|file| file.text.as_str())
            .ok_or(FilesError::FileMissing)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, FilesError> {
        let file = self
            .files
            .get(id.0 as usize)
            .ok_or(FilesError::FileMissing)?;
        Ok(file
            .line_starts
            .partition_point(|&start| start as usize <= byte_index)
            - 1)
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, FilesError> {
        let file = self
            .files
            .get(id.0 as usize)
            .ok_or(FilesError::FileMissing)?;
        let start = *file
            .line_starts
            .get(line_index)
            .ok_or(FilesError::LineTooLarge {
                given: line_index,
                max: file.line_starts.len() - 1,
            })? as usize;
        let end = file
            .line_starts
            .get(line_index + 1)
            .map_or(file.text.as_str().len(), |&end| end as usize);
        Ok(start..end)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// Valid text with bytes dropped, changed or added anywhere, split anywhere near the
        /// middle: the halves agree with one pass.
        #[test]
        fn utf8_in_halves_is_utf8_in_one_pass(
            text in "[a-zé€😀\n]{0,40}",
            edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..3),
        ) {
            let mut bytes = text.into_bytes();
            for (at, byte) in edits {
                if bytes.is_empty() {
                    bytes.push(byte);
                } else {
                    let at = at.index(bytes.len());
                    match byte % 3 {
                        0 => { bytes.remove(at); }
                        1 => bytes[at] = byte,
                        _ => bytes.insert(at, byte),
                    }
                }
            }
            prop_assert_eq!(super::is_utf8(&bytes, 0), std::str::from_utf8(&bytes).is_ok());
        }

        /// Lines, ASCII and the first NUL found in two halves are those of one pass.
        #[test]
        fn text_in_halves_is_text_in_one_pass(text in "[a\n\0é😀]{0,40}") {
            prop_assert_eq!(super::lines_and_ascii(&text, 0), super::lines_and_ascii(&text, usize::MAX));
            let starts: Vec<u32> = std::iter::once(0)
                .chain(text.match_indices('\n').map(|(at, _)| at as u32 + 1))
                .collect();
            prop_assert_eq!(super::lines_and_ascii(&text, 0), (starts, text.is_ascii()));
            prop_assert_eq!(super::first_nul_in(&text, 0), text.find('\0'));
        }
    }
}
