//! Reading an input file as text: a UTF-8 BOM skipped, UTF-16 with a BOM decoded, any other
//! encoding only when the user names it; otherwise the first line that is not UTF-8 is an error.

use crate::diag::Diagnostic;
use crate::source::{FileId, Sources, Span};
use encoding_rs::Encoding;
use std::path::Path;

/// Reads `path` whole through the one input reader: regular files only, at most its size limit.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    crate::source::read(path).map_err(|error| {
        let help = error
            .help()
            .unwrap_or_else(|| "check the path; give the exported file".to_string());
        Diagnostic::error(error.to_string()).help(help)
    })
}

/// Reads `path` as text (see the module doc) into `sources`, so that warnings and errors can
/// point into it; `encoding` is a WHATWG label such as `windows-1252` or `latin1`. On an error,
/// `sources` holds what the error points into.
pub fn read_text(
    sources: &mut Sources,
    path: &Path,
    encoding: Option<&str>,
) -> Result<FileId, Diagnostic> {
    let bytes = read_bytes(path)?;
    decode(sources, &path.display().to_string(), bytes, encoding)
}

fn decode(
    sources: &mut Sources,
    name: &str,
    bytes: Vec<u8>,
    encoding: Option<&str>,
) -> Result<FileId, Diagnostic> {
    let text = match (Encoding::for_bom(&bytes), encoding) {
        (Some((encoding, bom)), _) => decode_strict(encoding, &bytes[bom..]),
        (None, Some(label)) => match Encoding::for_label(label.trim().as_bytes()) {
            Some(encoding) => decode_strict(encoding, &bytes),
            None => {
                return Err(
                    Diagnostic::error(format!("unknown encoding `{label}`")).help(
                        "use a WHATWG label: windows-1252, latin1, iso-8859-15, utf-16le, \
                         utf-16be, shift_jis, gbk, ...",
                    ),
                );
            }
        },
        (None, None) => String::from_utf8(bytes).map_err(|error| error.into_bytes()),
    };
    let text = match text {
        Ok(text) => text,
        Err(bytes) => return Err(not_text(sources, name, &bytes, encoding)),
    };
    if let Some(offset) = text.find('\0') {
        let file = sources.add(name, text);
        return Err(Diagnostic::error(format!("`{name}` contains a NUL byte"))
            .at(Span::new(file, offset..offset + 1), "here")
            .help(
                "is it UTF-16 without a byte-order mark? Say so with \
                 `--encoding utf-16le` (or utf-16be); is it a binary file?",
            ));
    }
    Ok(sources.add(name, text))
}

/// Decodes `bytes` as `encoding`; the bytes back when some do not decode.
fn decode_strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, Vec<u8>> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| text.into_owned())
        .ok_or_else(|| bytes.to_vec())
}

/// The error for bytes that are not text in the expected encoding, at the first bad line.
fn not_text(sources: &mut Sources, name: &str, bytes: &[u8], encoding: Option<&str>) -> Diagnostic {
    let valid = match std::str::from_utf8(bytes) {
        Ok(_) => bytes.len(),
        Err(error) => error.valid_up_to(),
    };
    // Lossy decoding keeps the valid prefix, so `valid` still points at the bad byte.
    let file = sources.add(name, String::from_utf8_lossy(bytes).into_owned());
    let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
    match encoding {
        None => Diagnostic::error(format!(
            "`{name}` is not UTF-8: line {line} has the byte 0x{:02X}",
            bytes.get(valid).copied().unwrap_or(0)
        ))
        .at(Span::new(file, valid..valid + 1), "not UTF-8")
        .help(
            "spreadsheet exports are often Windows-1252 or Latin-1: say which with \
             `--encoding windows-1252` (or `--encoding latin1`, ...)",
        ),
        Some(label) => Diagnostic::error(format!("`{name}` is not valid `{label}` text"))
            .help("check the file's encoding and the `--encoding` flag"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8], encoding: Option<&str>) -> Result<String, String> {
        let mut sources = Sources::default();
        match decode(&mut sources, "in.csv", bytes.to_vec(), encoding) {
            Ok(file) => Ok(sources.text(file).to_string()),
            Err(error) => Err(crate::diag::render(&sources, &[error], false)),
        }
    }

    #[test]
    fn boms_are_skipped_or_decoded() {
        assert_eq!(text(b"\xEF\xBB\xBFid,x\n", None).unwrap(), "id,x\n");
        assert_eq!(text(b"\xFF\xFEi\0d\0", None).unwrap(), "id");
        assert_eq!(text(b"\xFE\xFF\0i\0d", None).unwrap(), "id");
    }

    #[test]
    fn named_encodings_decode() {
        assert_eq!(text(b"caf\xE9", Some("windows-1252")).unwrap(), "café");
        assert_eq!(text(b"caf\xE9", Some("latin1")).unwrap(), "café");
        assert!(
            text(b"x", Some("klingon"))
                .unwrap_err()
                .contains("unknown encoding")
        );
    }

    #[test]
    fn other_bytes_name_the_line_and_the_flag() {
        let error = text(b"id,name\n1,ok\n2,caf\xE9\n", None).unwrap_err();
        assert!(error.contains("line 3 has the byte 0xE9"), "{error}");
        assert!(error.contains("in.csv:3:6"), "{error}");
        assert!(error.contains("--encoding windows-1252"), "{error}");
    }

    #[test]
    fn nul_bytes_suggest_utf16() {
        let error = text(b"i\0d\0", None).unwrap_err();
        assert!(error.contains("--encoding utf-16le"), "{error}");
    }
}
