//! The reader stage: typed values and their spans out of a parsed file (see [`super::syntax`]),
//! with a diagnostic for every value of the wrong shape. Shared by models and canons.

use super::syntax::{self, Entry, Format, Node, Value};
use crate::diag::Diagnostic;
use crate::source::{FileId, ReadError, Sources, Span, Text};
use std::path::Path;

/// A value and where the user wrote it.
#[derive(Clone, Debug)]
pub(crate) struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

/// The closest candidate to a misspelled word, if one is close enough to suggest.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(word, candidate), candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

pub(crate) fn list(items: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    items
        .into_iter()
        .map(|item| item.as_ref().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The fields of one table, checked for unknown and repeated keys.
pub(crate) struct Fields<'n> {
    entries: Vec<&'n Entry<'n>>,
    pub span: Span,
}

impl<'n> Fields<'n> {
    pub fn get(&self, key: &str) -> Option<&'n Node<'n>> {
        self.entries
            .iter()
            .find(|entry| entry.key == key)
            .map(|entry| &entry.value)
    }
}

/// Reads typed values out of a parsed tree, collecting a diagnostic for every problem.
pub(crate) struct Reader<'s> {
    pub file: FileId,
    pub errors: &'s mut Vec<Diagnostic>,
}

impl Reader<'_> {
    pub fn span(&self, range: &std::ops::Range<usize>) -> Span {
        Span::new(self.file, range.clone())
    }

    /// `subject` is what the message is about, as it reads in a sentence ("`title`", "a role").
    pub fn type_error(&mut self, node: &Node<'_>, subject: &str, expected: &str) {
        let found = node.value.type_name();
        self.errors.push(
            Diagnostic::error(format!("{subject} must be {expected}, found {found}"))
                .at(self.span(&node.span), format!("expected {expected}")),
        );
    }

    /// The fields of a table; `what` names it in messages ("a role").
    pub fn table<'n>(
        &mut self,
        node: &'n Node<'n>,
        what: &str,
        known: &[&str],
    ) -> Option<Fields<'n>> {
        let Value::Table(entries) = &node.value else {
            self.type_error(node, what, "a table");
            return None;
        };
        let mut fields: Vec<&Entry<'n>> = Vec::with_capacity(entries.len());
        for entry in entries {
            if !known.contains(&entry.key.as_ref()) {
                let mut error =
                    Diagnostic::error(format!("unknown field `{}` in {what}", entry.key))
                        .at(self.span(&entry.key_span), "unknown field");
                error = match did_you_mean(&entry.key, known.iter().copied()) {
                    Some(suggestion) => error.help(format!("did you mean `{suggestion}`?")),
                    None => error.help(format!("known fields: {}", list(known))),
                };
                self.errors.push(error);
                continue;
            }
            // Only known fields get here, so this scan is over a dozen entries at most.
            if let Some(first) = fields.iter().find(|field| field.key == entry.key) {
                self.errors.push(
                    Diagnostic::error(format!("field `{}` is given twice", entry.key))
                        .at(self.span(&entry.key_span), "given again here")
                        .also(self.span(&first.key_span), "first given here")
                        .help("keep one of the two"),
                );
                continue;
            }
            fields.push(entry);
        }
        Some(Fields {
            entries: fields,
            span: self.span(&node.span),
        })
    }

    pub fn string(&mut self, node: &Node<'_>, field: &str) -> Option<Spanned<String>> {
        match &node.value {
            Value::Str(s) => Some(Spanned {
                value: s.to_string(),
                span: self.span(&node.span),
            }),
            _ => {
                self.type_error(node, &format!("`{field}`"), "a string");
                None
            }
        }
    }

    pub fn opt_string(&mut self, fields: &Fields, field: &str) -> Option<String> {
        let node = fields.get(field)?;
        self.string(node, field).map(|s| s.value)
    }

    /// A required string field; `what` and `example` shape the help.
    pub fn required_string(
        &mut self,
        fields: &Fields,
        field: &str,
        what: &str,
    ) -> Option<Spanned<String>> {
        match fields.get(field) {
            Some(node) => self.string(node, field),
            None => {
                self.errors.push(
                    Diagnostic::error(format!("{what} is missing the required field `{field}`"))
                        .at(fields.span, format!("this {what} has no `{field}`"))
                        .help(format!("add `{field} = \"...\"`")),
                );
                None
            }
        }
    }

    pub fn id(&mut self, fields: &Fields, what: &str) -> Option<Spanned<String>> {
        let id = self.required_string(fields, "id", what)?;
        if is_valid_id(&id.value) {
            Some(id)
        } else {
            self.errors.push(
                Diagnostic::error(format!("invalid id {:?}", id.value))
                    .at(id.span, "not a valid id")
                    .help("ids are non-empty and use only letters, digits, `-`, `_` and `.`"),
            );
            None
        }
    }

    pub fn string_list(&mut self, node: &Node<'_>, field: &str) -> Vec<Spanned<String>> {
        match &node.value {
            Value::Array(items) => items
                .iter()
                .filter_map(|item| self.list_entry(item, field))
                .collect(),
            Value::JsonTables(items) => items
                .nodes()
                .filter_map(|item| self.list_entry(&item, field))
                .collect(),
            _ => {
                self.type_error(node, &format!("`{field}`"), "an array of strings");
                Vec::new()
            }
        }
    }

    /// One entry of a list of strings.
    fn list_entry(&mut self, item: &Node<'_>, field: &str) -> Option<Spanned<String>> {
        if let Value::Str(_) = item.value {
            return self.string(item, field);
        }
        self.type_error(item, &format!("each entry of `{field}`"), "a string");
        None
    }

    pub fn opt_list(&mut self, fields: &Fields, field: &str) -> Vec<Spanned<String>> {
        fields
            .get(field)
            .map(|node| self.string_list(node, field))
            .unwrap_or_default()
    }

    /// An array of tables (`[[role]]`), each read by `read`.
    pub fn tables<T>(
        &mut self,
        fields: &Fields,
        field: &str,
        mut read: impl FnMut(&mut Self, &Node<'_>) -> Option<T>,
    ) -> Vec<T> {
        let Some(node) = fields.get(field) else {
            return Vec::new();
        };
        match &node.value {
            Value::Array(items) => items.iter().filter_map(|item| read(self, item)).collect(),
            Value::JsonTables(tables) => {
                // Sized up front: growing a vector of a million roles copies it many times.
                let mut read_all = Vec::with_capacity(tables.len());
                read_all.extend(tables.nodes().filter_map(|item| read(self, &item)));
                read_all
            }
            _ => {
                self.type_error(node, &format!("`{field}`"), "an array of tables");
                Vec::new()
            }
        }
    }

    /// One of a few words (`track`, `company`, a check level).
    pub fn choice<T>(
        &mut self,
        node: &Node<'_>,
        field: &str,
        choices: &[&str],
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let text = self.string(node, field)?;
        let parsed = parse(&text.value);
        if parsed.is_none() {
            let quoted: Vec<String> = choices.iter().map(|c| format!("\"{c}\"")).collect();
            self.errors.push(
                Diagnostic::error(format!("invalid {field} {:?}", text.value))
                    .at(text.span, format!("expected one of {}", quoted.join(", ")))
                    .help(format!("use {}", quoted.join(" or "))),
            );
        }
        parsed
    }

    /// An optional `true`/`false` field, with where it is written.
    pub fn opt_bool(&mut self, fields: &Fields, field: &str) -> Option<Spanned<bool>> {
        let node = fields.get(field)?;
        match node.value {
            Value::Bool(value) => Some(Spanned {
                value,
                span: self.span(&node.span),
            }),
            _ => {
                self.type_error(node, &format!("`{field}`"), "true or false");
                None
            }
        }
    }

    pub fn positive(&mut self, fields: &Fields, field: &str) -> Option<usize> {
        let node = fields.get(field)?;
        match node.value {
            Value::Int(n) if n >= 1 => usize::try_from(n).ok(),
            Value::Int(n) => {
                self.errors.push(
                    Diagnostic::error(format!("`{field}` must be at least 1, found {n}"))
                        .at(self.span(&node.span), "must be a positive number")
                        .help(format!(
                            "remove `{field}` to use the default, or set a number of 1 or more"
                        )),
                );
                None
            }
            _ => {
                self.type_error(node, &format!("`{field}`"), "a positive integer");
                None
            }
        }
    }
}

/// Reads a file into `sources`, or explains why it cannot be used as a model or canon.
pub(crate) fn read_source(
    sources: &mut Sources,
    path: &Path,
    from: Option<Span>,
) -> Result<(FileId, Format), Diagnostic> {
    let shown = path.display();
    let refer = |error: Diagnostic| match from {
        Some(span) => error.at(span, "referenced here"),
        None => error,
    };
    let input = crate::source::read_input(path).map_err(|error| {
        let diagnostic = match &error {
            ReadError::Directory { .. } => {
                Diagnostic::error(format!("`{shown}` is a directory, not a model file"))
                    .help("give the path of a .toml, .json or .yaml file")
            }
            ReadError::Io { .. } => Diagnostic::error(error.to_string())
                .help("check the path; models are .toml, .json or .yaml files"),
            _ => Diagnostic::error(error.to_string()),
        };
        refer(match error.help() {
            Some(help) => diagnostic.help(help),
            None => diagnostic,
        })
    })?;
    let Some(format) = Format::from_path(path) else {
        return Err(refer(
            Diagnostic::error(format!("`{shown}` has an unsupported extension")).help(
                "name the file .toml, .json, .yaml or .yml; the extension chooses the syntax",
            ),
        ));
    };
    let text = match Text::new(input) {
        Ok(text) => text,
        Err(bytes) => {
            let offset = std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), |_| 0);
            let text = String::from_utf8_lossy(&bytes).into_owned();
            // Lossy decoding keeps the valid prefix's length, so the offset still points right.
            let file = sources.add(shown.to_string(), text);
            let error = Diagnostic::error(format!("`{shown}` is not UTF-8 text"))
                .at(Span::new(file, offset..offset + 1), "invalid UTF-8 here")
                .help("is this a binary file? Models are UTF-8 text files");
            return Err(match from {
                Some(from) => unshown(sources, from, error),
                None => error,
            });
        }
    };
    if let Some(offset) = crate::source::first_nul(text.as_str()) {
        // No snippet: a terminal cannot show the line around a NUL byte usefully.
        let file = sources.add_text(shown.to_string(), text);
        let at = sources.location(Span::new(file, offset..offset + 1));
        return Err(refer(
            Diagnostic::error(format!(
                "`{shown}` contains a NUL byte (line {}, column {})",
                at.line, at.column
            ))
            .help("is this a binary file? Models are UTF-8 text files"),
        ));
    }
    if text.as_str().trim().is_empty() {
        return Err(refer(
            Diagnostic::error(format!("`{shown}` is empty"))
                .help("a model needs at least `name = \"...\"` and usually some `[[role]]` tables"),
        ));
    }
    Ok((sources.add_text(shown.to_string(), text), format))
}

/// A problem in a file that `extends` reached and that is not (yet) known to be a model, said at
/// the `extends` entry with the line and column but none of the file's lines: the path may name
/// any file, secrets included, and the error would print them into a CI log.
pub(crate) fn unshown(sources: &Sources, extended_from: Span, problem: Diagnostic) -> Diagnostic {
    let at = problem.primary_span().map_or(String::new(), |span| {
        let (line, column) = sources.line_column(span);
        format!(" at {}:{line}:{column}", sources.name(span.file))
    });
    Diagnostic::error(format!("{}{at}", problem.message))
        .at(extended_from, "extended here")
        .help("orgraph shows no line of a file that `extends` names unless it reads as a model: it may be any file")
}

/// Parses a file's text into a tree, or a diagnostic at the syntax error.
pub(crate) fn parse_source(
    sources: &Sources,
    file: FileId,
    format: Format,
) -> Result<Node<'_>, Diagnostic> {
    syntax::parse(format, sources.text(file)).map_err(|error| {
        let text = sources.text(file);
        let mut start = error.span.start.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let end = error.span.end.clamp(start, text.len());
        let syntax = match format {
            Format::Toml => "TOML",
            Format::Json => "JSON",
            Format::Yaml => "YAML",
        };
        Diagnostic::error(format!("invalid {syntax}: {}", error.message))
            .at(Span::new(file, start..end), "here")
    })
}
