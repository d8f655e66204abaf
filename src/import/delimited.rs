//! Delimited text (CSV, `;`- or tab-separated) as records with the byte offset each starts at,
//! and the span of one field for a message. Shared by `import csv` and `import raci`.

use std::ops::Range;

/// The separator of the first line: the most frequent of `,` `;` and tab outside quotes
/// (spreadsheet tools in many locales write `;`); `,` on a tie.
pub fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for byte in text.bytes() {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(count) = counts.iter_mut().find(|(d, _)| *d == byte) {
                    count.1 += 1;
                }
            }
            _ => {}
        }
    }
    counts
        .iter()
        .fold(
            (b',', 0),
            |best, &(d, n)| if n > best.1 { (d, n) } else { best },
        )
        .0
}

/// Records of `text` in order, each with the byte offset where it starts. Blank lines are no
/// records; a record may have any number of fields.
pub struct Records<'a> {
    text: &'a [u8],
    reader: csv::Reader<&'a [u8]>,
    record: csv::StringRecord,
}

impl<'a> Records<'a> {
    pub fn new(text: &'a str, delimiter: u8) -> Records<'a> {
        Records {
            text: text.as_bytes(),
            reader: csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter)
                .from_reader(text.as_bytes()),
            record: csv::StringRecord::new(),
        }
    }

    /// The next record and its start; `None` at the end. The input is valid UTF-8 already, so
    /// reading cannot fail.
    pub fn next_record(&mut self) -> Option<(usize, &csv::StringRecord)> {
        match self.reader.read_record(&mut self.record) {
            Ok(true) => {
                // The reader's position may sit on the line end before the record.
                let mut start = self.record.position().map_or(0, |p| p.byte() as usize);
                while matches!(self.text.get(start), Some(b'\r' | b'\n')) {
                    start += 1;
                }
                Some((start, &self.record))
            }
            _ => None,
        }
    }
}

/// The bytes of every field of the record that starts at `start`, in one pass.
pub fn field_spans(text: &str, start: usize, delimiter: u8) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let (mut spans, mut field_start, mut quoted) = (Vec::new(), start, false);
    let mut at = start;
    while at < bytes.len() {
        match bytes[at] {
            b'"' => quoted = !quoted,
            b if b == delimiter && !quoted => {
                spans.push(field_start..at);
                field_start = at + 1;
            }
            b'\n' | b'\r' if !quoted => break,
            _ => {}
        }
        at += 1;
    }
    spans.push(field_start..at);
    spans
}

/// The bytes of field `index` of the record that starts at `start` (its quotes included); an
/// empty range at the record's end when it has fewer fields.
pub fn field_span(text: &str, start: usize, delimiter: u8, index: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let (mut field, mut field_start, mut quoted) = (0, start, false);
    let mut at = start;
    while at < bytes.len() {
        match bytes[at] {
            b'"' => quoted = !quoted,
            b if b == delimiter && !quoted => {
                if field == index {
                    return field_start..at;
                }
                field += 1;
                field_start = at + 1;
            }
            b'\n' | b'\r' if !quoted => break,
            _ => {}
        }
        at += 1;
    }
    if field == index {
        field_start..at
    } else {
        at..at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_line_says_the_delimiter() {
        assert_eq!(sniff_delimiter("id;name;\"a,b,c\"\n1,2,3,4,5"), b';');
        assert_eq!(sniff_delimiter("id\tname\n"), b'\t');
        assert_eq!(sniff_delimiter("id\n"), b',');
    }

    #[test]
    fn records_know_where_they_start() {
        let text = "id,title\r\n1,\"a\nb\"\r\n\r\n2,c";
        let mut records = Records::new(text, b',');
        let mut seen = Vec::new();
        while let Some((start, record)) = records.next_record() {
            seen.push((start, record.iter().map(str::to_string).collect::<Vec<_>>()));
        }
        assert_eq!(seen[1], (10, vec!["1".to_string(), "a\nb".to_string()]));
        assert_eq!(seen[2].0, 21);
        assert_eq!(seen.len(), 3);
        assert_eq!(&text[field_span(text, 10, b',', 1)], "\"a\nb\"");
        assert_eq!(&text[field_span(text, 21, b',', 1)], "c");
        assert_eq!(field_span(text, 21, b',', 5), 24..24);
    }
}
