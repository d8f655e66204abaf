//! Where results go: stdout, or a file through [`orgraph::output`], which writes it whole and
//! never over an input. Every command that writes a file goes through here.

use super::{Failure, print, stream};
use orgraph::output::{Inputs, WriteError, Written, write, write_with};
use std::io::{self, ErrorKind, Write};
use std::path::Path;

/// Where `-o` sends text: `None` or `-` is stdout.
pub fn write_output(output: Option<&Path>, inputs: &Inputs, text: &str) -> Result<u8, Failure> {
    match output.filter(|p| *p != Path::new("-")) {
        None => print(text),
        Some(path) => write_file(path, inputs, text.as_bytes()).map(|_| 0),
    }
}

/// Writes `bytes` to `path` (or stdout for `-`); on success, names the file written on stdout,
/// as `export` does for a default path.
pub fn write_and_name(path: &Path, inputs: &Inputs, bytes: &[u8]) -> Result<u8, Failure> {
    stream_and_name(path, inputs, |out| out.write_all(bytes))
}

/// [`write_and_name`] for output made as it is written: `write` gets a buffered writer.
pub fn stream_and_name(
    path: &Path,
    inputs: &Inputs,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<u8, Failure> {
    if path == Path::new("-") {
        return stream(|out| write(out));
    }
    match written(write_with(path, inputs, write))? {
        Written::File(_) => print(&format!("{}\n", path.display())),
        // The bytes went to a pipe, device or descriptor: a file name after them would be noise.
        Written::Stream => Ok(0),
    }
}

/// Writes `bytes` to the file `path`, never over one of `inputs`.
pub fn write_file(path: &Path, inputs: &Inputs, bytes: &[u8]) -> Result<Written, Failure> {
    written(write(path, inputs, bytes))
}

/// How writing a file ended.
fn written(result: Result<Written, WriteError>) -> Result<Written, Failure> {
    match result {
        // A pipe given as a path (`-o /dev/stdout | head`) that closes ends quietly, as stdout.
        Err(WriteError::Io { error, .. }) if error.kind() == ErrorKind::BrokenPipe => {
            Ok(Written::Stream)
        }
        written => written.map_err(|error| Failure::input(format!("error: {error}\n"))),
    }
}
