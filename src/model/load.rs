//! Loading a model file: read, parse, convert with spans, merge `extends`, resolve references.
//! Every problem becomes a diagnostic; loading never panics on any input.

use super::syntax::{self, Entry, Format, Node, Value};
use super::*;
use crate::check::Check;
use crate::diag::{self, Diagnostic};
use crate::source::{FileId, Sources, Span};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The most diagnostics one load reports: a file with thousands of the same mistake gets the
/// first ones and a count of the rest.
pub const MAX_DIAGNOSTICS: usize = 50;

/// Why a model (or canon) could not be loaded: one or more diagnostics over the files read.
#[derive(Debug)]
pub struct LoadError {
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    pub fn render(&self, color: bool) -> String {
        diag::render(&self.sources, &self.diagnostics, color)
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for LoadError {}

/// Loads and resolves the model at `path`, with archetypes checked against `canon`.
pub fn load(path: &Path, canon: &Canon) -> Result<Model, LoadError> {
    let mut loader = Loader::new(canon);
    let raw = loader.read_model(path, None);
    loader.finish(raw)
}

/// Loads a model from text already in memory; `name` is what diagnostics call the file.
pub fn load_str(name: &str, format: Format, text: &str, canon: &Canon) -> Result<Model, LoadError> {
    let mut loader = Loader::new(canon);
    let file = loader.sources.add(name, text.to_string());
    let raw = loader.parse_model(file, format, Path::new(name), None);
    loader.finish(raw)
}

/// A value and where the user wrote it.
#[derive(Clone, Debug)]
pub(crate) struct Sp<T> {
    pub value: T,
    pub span: Span,
}

#[derive(Default)]
struct RawPolicy {
    required: Option<Vec<Sp<String>>>,
    max_span: Option<usize>,
    max_depth: Option<usize>,
    max_hats: Option<usize>,
    max_owned: Option<usize>,
    max_consulted: Option<usize>,
}

struct RawKind {
    id: Sp<String>,
    description: Option<String>,
}

struct RawScope {
    id: Sp<String>,
    name: Option<String>,
    description: Option<String>,
}

struct RawRole {
    id: Sp<String>,
    title: String,
    description: Option<String>,
    archetype: Option<Sp<String>>,
    track: Option<Track>,
    reports_to: Option<Sp<String>>,
    dotted_to: Vec<Sp<String>>,
    team: Option<String>,
    /// `external = true`, where it is written; `None` when absent or false.
    external: Option<Span>,
    entries: Vec<(Level, Sp<String>)>,
}

struct RawPerson {
    id: Sp<String>,
    name: Option<String>,
    fills: Vec<Sp<String>>,
}

/// A model file as written, before references are resolved; after `extends`, the merged result.
struct RawModel {
    root: Span,
    name: Option<String>,
    description: Option<String>,
    company: Option<Company>,
    policy: RawPolicy,
    checks: Vec<(Sp<String>, CheckLevel)>,
    kinds: Vec<RawKind>,
    scopes: Vec<RawScope>,
    roles: Vec<RawRole>,
    people: Vec<RawPerson>,
    /// Inherited roles that `remove` dropped, to explain a reference that still names one.
    removed: Vec<Sp<String>>,
}

const MODEL_FIELDS: &[&str] = &[
    "name",
    "description",
    "company",
    "extends",
    "remove",
    "policy",
    "checks",
    "kind",
    "scope",
    "role",
    "person",
];
const POLICY_FIELDS: &[&str] = &[
    "required",
    "max_span",
    "max_depth",
    "max_hats",
    "max_owned",
    "max_consulted",
];
const KIND_FIELDS: &[&str] = &["id", "description"];
const SCOPE_FIELDS: &[&str] = &["id", "name", "description"];
const ROLE_FIELDS: &[&str] = &[
    "id",
    "title",
    "description",
    "archetype",
    "track",
    "reports_to",
    "dotted_to",
    "team",
    "external",
    "owns",
    "responsible",
    "consulted",
    "informed",
];
const PERSON_FIELDS: &[&str] = &["id", "name", "fills"];

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

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn list(items: impl IntoIterator<Item = impl AsRef<str>>) -> String {
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
    fn type_error(&mut self, node: &Node<'_>, subject: &str, expected: &str) {
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

    pub fn string(&mut self, node: &Node<'_>, field: &str) -> Option<Sp<String>> {
        match &node.value {
            Value::Str(s) => Some(Sp {
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
    ) -> Option<Sp<String>> {
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

    pub fn id(&mut self, fields: &Fields, what: &str) -> Option<Sp<String>> {
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

    pub fn string_list(&mut self, node: &Node<'_>, field: &str) -> Vec<Sp<String>> {
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
    fn list_entry(&mut self, item: &Node<'_>, field: &str) -> Option<Sp<String>> {
        if let Value::Str(_) = item.value {
            return self.string(item, field);
        }
        self.type_error(item, &format!("each entry of `{field}`"), "a string");
        None
    }

    pub fn opt_list(&mut self, fields: &Fields, field: &str) -> Vec<Sp<String>> {
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
    pub fn opt_bool(&mut self, fields: &Fields, field: &str) -> Option<Sp<bool>> {
        let node = fields.get(field)?;
        match node.value {
            Value::Bool(value) => Some(Sp {
                value,
                span: self.span(&node.span),
            }),
            _ => {
                self.type_error(node, &format!("`{field}`"), "true or false");
                None
            }
        }
    }

    fn positive(&mut self, fields: &Fields, field: &str) -> Option<usize> {
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

fn parse_track(text: &str) -> Option<Track> {
    match text {
        "ic" => Some(Track::Ic),
        "manager" => Some(Track::Manager),
        _ => None,
    }
}

fn parse_company(text: &str) -> Option<Company> {
    match text {
        "product" => Some(Company::Product),
        "service" => Some(Company::Service),
        _ => None,
    }
}

struct Loader<'c> {
    sources: Sources,
    errors: Vec<Diagnostic>,
    canon: &'c Canon,
    /// Canonical paths of the files being loaded, outermost first, to find `extends` cycles.
    chain: Vec<(PathBuf, String)>,
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
    let bytes = match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(refer(
                Diagnostic::error(format!("`{shown}` is a directory, not a model file"))
                    .help("give the path of a .toml, .json or .yaml file"),
            ));
        }
        Ok(_) => std::fs::read(path),
        Err(error) => Err(error),
    };
    let bytes = bytes.map_err(|error| {
        refer(
            Diagnostic::error(format!("cannot read `{shown}`: {}", io_reason(&error)))
                .help("check the path; models are .toml, .json or .yaml files"),
        )
    })?;
    let Some(format) = Format::from_path(path) else {
        return Err(refer(
            Diagnostic::error(format!("`{shown}` has an unsupported extension")).help(
                "name the file .toml, .json, .yaml or .yml; the extension chooses the syntax",
            ),
        ));
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            // Lossy decoding keeps the valid prefix's length, so the offset still points right.
            let file = sources.add(shown.to_string(), text);
            return Err(Diagnostic::error(format!("`{shown}` is not UTF-8 text"))
                .at(Span::new(file, offset..offset + 1), "invalid UTF-8 here")
                .help("is this a binary file? Models are UTF-8 text files"));
        }
    };
    if let Some(offset) = text.find('\0') {
        // No snippet: a terminal cannot show the line around a NUL byte usefully.
        let file = sources.add(shown.to_string(), text);
        let at = sources.location(Span::new(file, offset..offset + 1));
        return Err(Diagnostic::error(format!(
            "`{shown}` contains a NUL byte (line {}, column {})",
            at.line, at.column
        ))
        .help("is this a binary file? Models are UTF-8 text files"));
    }
    if text.trim().is_empty() {
        return Err(refer(
            Diagnostic::error(format!("`{shown}` is empty"))
                .help("a model needs at least `name = \"...\"` and usually some `[[role]]` tables"),
        ));
    }
    Ok((sources.add(shown.to_string(), text), format))
}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
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

impl<'c> Loader<'c> {
    fn new(canon: &'c Canon) -> Self {
        Loader {
            sources: Sources::default(),
            errors: Vec::new(),
            canon,
            chain: Vec::new(),
        }
    }

    /// Reads the model at `path`; `from` is the `extends` entry that names it, if any.
    fn read_model(&mut self, path: &Path, from: Option<Span>) -> Option<RawModel> {
        let (file, format) = match read_source(&mut self.sources, path, from) {
            Ok(read) => read,
            Err(error) => {
                self.errors.push(error);
                return None;
            }
        };
        self.parse_model(file, format, path, from)
    }

    fn parse_model(
        &mut self,
        file: FileId,
        format: Format,
        path: &Path,
        from: Option<Span>,
    ) -> Option<RawModel> {
        let node = match parse_source(&self.sources, file, format) {
            Ok(node) => node,
            Err(error) => {
                self.errors.push(error);
                return None;
            }
        };
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if let Some(position) = self.chain.iter().position(|(p, _)| *p == canonical) {
            // Shown as the user wrote the paths, not canonical (absolute) ones.
            let cycle: Vec<&str> = self.chain[position..]
                .iter()
                .map(|(_, shown)| shown.as_str())
                .chain(std::iter::once(self.sources.name(file)))
                .collect();
            let error = Diagnostic::error("`extends` forms a cycle").help(format!(
                "the chain is {}; remove one `extends`",
                cycle.join(" -> ")
            ));
            self.errors.push(match from {
                Some(span) => error.at(span, "extended again here"),
                None => error,
            });
            return None;
        }
        let mut reader = Reader {
            file,
            errors: &mut self.errors,
        };
        let converted = convert(&mut reader, &node);
        // The tree borrows the file's text; it goes before bases are read into `sources`.
        drop(node);
        let (mut raw, extends, remove) = converted?;
        self.report_duplicates(&raw);
        self.chain
            .push((canonical, self.sources.name(file).to_string()));
        if let Some(base) = extends {
            let base_path = path.parent().unwrap_or(Path::new("")).join(&base.value);
            if let Some(parent) = self.read_model(&base_path, Some(base.span)) {
                raw = self.merge(parent, raw, &remove);
            }
        } else if let Some(first) = remove.first() {
            self.errors.push(
                Diagnostic::error("`remove` without `extends`")
                    .at(first.span, "nothing is inherited to remove")
                    .help("delete `remove`, or add `extends = \"base.toml\"`"),
            );
        }
        self.chain.pop();
        Some(raw)
    }

    fn report_duplicates(&mut self, raw: &RawModel) {
        let ids = |items: Vec<&Sp<String>>, what: &str, errors: &mut Vec<Diagnostic>| {
            let mut first: HashMap<&str, Span> = HashMap::with_capacity(items.len());
            for id in items {
                if let Some(span) = first.insert(&id.value, id.span) {
                    first.insert(&id.value, span);
                    errors.push(
                        Diagnostic::error(format!("duplicate {what} id `{}`", id.value))
                            .at(id.span, "defined again here")
                            .also(span, "first defined here")
                            .help(format!(
                                "{what} ids must be unique; rename or merge one of them"
                            )),
                    );
                }
            }
        };
        let sections: [(Vec<&Sp<String>>, &str); 4] = [
            (raw.kinds.iter().map(|k| &k.id).collect(), "kind"),
            (raw.scopes.iter().map(|s| &s.id).collect(), "scope"),
            (raw.roles.iter().map(|r| &r.id).collect(), "role"),
            (raw.people.iter().map(|p| &p.id).collect(), "person"),
        ];
        for (items, what) in sections {
            ids(items, what, &mut self.errors);
        }
    }

    /// The child over its base: same ids replace, new ids append, `remove` drops inherited roles.
    fn merge(&mut self, parent: RawModel, child: RawModel, remove: &[Sp<String>]) -> RawModel {
        fn by_id<T>(parent: Vec<T>, child: Vec<T>, id: impl Fn(&T) -> &str) -> Vec<T> {
            let mut merged = parent;
            let positions: HashMap<String, usize> = merged
                .iter()
                .enumerate()
                .map(|(i, item)| (id(item).to_string(), i))
                .collect();
            for item in child {
                match positions.get(id(&item)) {
                    Some(&i) => merged[i] = item,
                    None => merged.push(item),
                }
            }
            merged
        }
        let mut roles = parent.roles;
        let mut removed_ids: HashSet<&str> = HashSet::new();
        for removed in remove {
            let before = roles.len();
            roles.retain(|role| role.id.value != removed.value);
            if roles.len() == before {
                let mut error = Diagnostic::error(format!(
                    "`remove` names `{}`, which the base model does not have",
                    removed.value
                ))
                .at(removed.span, "no inherited role has this id");
                if let Some(close) =
                    did_you_mean(&removed.value, roles.iter().map(|r| r.id.value.as_str()))
                {
                    error = error.help(format!("did you mean `{close}`?"));
                }
                self.errors.push(error);
            } else {
                removed_ids.insert(&removed.value);
            }
        }
        // A removed role is a hat taken off: inherited people stop filling it, unless the
        // child declares a role with that id again.
        for role in &child.roles {
            removed_ids.remove(role.id.value.as_str());
        }
        let mut parent_people = parent.people;
        for person in &mut parent_people {
            person
                .fills
                .retain(|role| !removed_ids.contains(role.value.as_str()));
        }
        let mut checks = parent.checks;
        for (code, level) in child.checks {
            checks.retain(|(c, _)| c.value != code.value);
            checks.push((code, level));
        }
        let policy = RawPolicy {
            required: child.policy.required.or(parent.policy.required),
            max_span: child.policy.max_span.or(parent.policy.max_span),
            max_depth: child.policy.max_depth.or(parent.policy.max_depth),
            max_hats: child.policy.max_hats.or(parent.policy.max_hats),
            max_owned: child.policy.max_owned.or(parent.policy.max_owned),
            max_consulted: child.policy.max_consulted.or(parent.policy.max_consulted),
        };
        RawModel {
            root: child.root,
            name: child.name.or(parent.name),
            description: child.description.or(parent.description),
            company: child.company.or(parent.company),
            policy,
            checks,
            kinds: by_id(parent.kinds, child.kinds, |k| &k.id.value),
            scopes: by_id(parent.scopes, child.scopes, |s| &s.id.value),
            roles: by_id(roles, child.roles, |r| &r.id.value),
            people: by_id(parent_people, child.people, |p| &p.id.value),
            removed: parent
                .removed
                .into_iter()
                .chain(remove.iter().cloned())
                .collect(),
        }
    }

    fn finish(mut self, raw: Option<RawModel>) -> Result<Model, LoadError> {
        let model = raw.and_then(|raw| self.resolve(raw));
        match model {
            Some(mut model) if self.errors.is_empty() => {
                model.sources = self.sources;
                Ok(model)
            }
            _ => {
                // In file order, the way a compiler reports.
                self.errors.sort_by_key(|error| error.primary_span());
                if self.errors.len() > MAX_DIAGNOSTICS {
                    let hidden = self.errors.len() - MAX_DIAGNOSTICS;
                    self.errors.truncate(MAX_DIAGNOSTICS);
                    self.errors.push(
                        Diagnostic::error(format!("{hidden} more errors not shown")).help(
                            "fix the errors above first: the rest are often the same mistake",
                        ),
                    );
                }
                Err(LoadError {
                    sources: self.sources,
                    diagnostics: self.errors,
                })
            }
        }
    }

    /// Span of `part` inside the string entry at `span`, when the entry is written plainly.
    fn sub_span(&self, span: Span, value: &str, offset: usize, len: usize) -> Span {
        let written = self.sources.slice(span);
        let quote = if written.len() == value.len() + 2
            && written.get(1..written.len() - 1) == Some(value)
        {
            1
        } else if written == value {
            0
        } else {
            return span;
        };
        let start = span.start as usize + quote + offset;
        Span::new(span.file, start..start + len)
    }

    fn unresolved<'a>(
        &mut self,
        what: &str,
        id: &str,
        span: Span,
        known: impl Iterator<Item = &'a str> + Clone,
        how_to_add: &str,
    ) {
        let mut error = Diagnostic::error(format!("unknown {what} `{id}`"))
            .at(span, format!("no {what} has this id"));
        // A suggestion scans every known id: past what is shown it would only cost time.
        if self.errors.len() < MAX_DIAGNOSTICS
            && let Some(close) = did_you_mean(id, known.clone())
        {
            error = error.help(format!("did you mean `{close}`?"));
        }
        let known: Vec<&str> = known.take(12).collect();
        if !known.is_empty() {
            error = error.help(format!(
                "known {what}s: {}{}",
                list(&known),
                if known.len() == 12 { ", ..." } else { "" }
            ));
        }
        self.errors.push(error.help(how_to_add.to_string()));
    }

    fn resolve(&mut self, raw: RawModel) -> Option<Model> {
        let name = match raw.name {
            Some(name) => name,
            None => {
                self.errors.push(
                    Diagnostic::error("the model has no `name`")
                        .at(raw.root, "expected `name` at the top of the file")
                        .help("add `name = \"Acme\"` before the first table"),
                );
                String::new()
            }
        };

        let mut kinds: IdMap<Kind> = BUILTIN_KINDS
            .iter()
            .map(|(id, description)| {
                let kind = Kind {
                    id: id.to_string(),
                    description: Some(description.to_string()),
                    span: None,
                };
                (kind.id.clone(), kind)
            })
            .collect();
        for kind in raw.kinds {
            let declared = Kind {
                id: kind.id.value.clone(),
                description: kind.description,
                span: Some(kind.id.span),
            };
            kinds.insert(kind.id.value, declared);
        }

        let mut scopes: IdMap<Scope> = raw
            .scopes
            .into_iter()
            .map(|scope| {
                let declared = Scope {
                    id: scope.id.value.clone(),
                    name: scope.name,
                    description: scope.description,
                    span: Some(scope.id.span),
                };
                (scope.id.value, declared)
            })
            .collect();
        if scopes.is_empty() {
            scopes.insert(
                DEFAULT_SCOPE.to_string(),
                Scope {
                    id: DEFAULT_SCOPE.to_string(),
                    name: None,
                    description: None,
                    span: None,
                },
            );
        }

        let mut required = Vec::new();
        for kind in raw.policy.required.iter().flatten() {
            match kinds.get_index_of(&kind.value) {
                Some(index) => required.push(index),
                None => self.unresolved(
                    "kind",
                    &kind.value,
                    kind.span,
                    kinds.keys().map(String::as_str),
                    "declare it with a [[kind]] table",
                ),
            }
        }
        let policy = Policy {
            required: match raw.policy.required {
                Some(_) => required,
                None => (0..BUILTIN_KINDS.len()).collect(),
            },
            max_span: raw.policy.max_span.unwrap_or(DEFAULT_MAX_SPAN),
            max_depth: raw.policy.max_depth.unwrap_or(DEFAULT_MAX_DEPTH),
            max_hats: raw.policy.max_hats.unwrap_or(DEFAULT_MAX_HATS),
            max_owned: raw.policy.max_owned.unwrap_or(DEFAULT_MAX_OWNED),
            max_consulted: raw.policy.max_consulted.unwrap_or(DEFAULT_MAX_CONSULTED),
        };

        // Roles move out of the raw model first; their reporting lines resolve once all exist.
        let mut roles: IdMap<Role> =
            IdMap::with_capacity_and_hasher(raw.roles.len(), Default::default());
        let mut lines = Vec::with_capacity(raw.roles.len());
        for role in raw.roles {
            if let Some(archetype) = &role.archetype
                && !self.canon.archetypes.contains_key(&archetype.value)
            {
                let known: Vec<&str> = self.canon.archetypes.keys().map(String::as_str).collect();
                self.unresolved(
                    "archetype",
                    &archetype.value,
                    archetype.span,
                    known.into_iter(),
                    "archetypes come from the canon: `orgraph archetypes` lists them",
                );
            }
            if let (Some(external), Some((_, first))) = (role.external, role.entries.first()) {
                self.errors.push(
                    Diagnostic::error(format!(
                        "external role `{}` holds {} responsibilit{}",
                        role.id.value,
                        role.entries.len(),
                        if role.entries.len() == 1 { "y" } else { "ies" }
                    ))
                    .at(first.span, "an external role holds no responsibility")
                    .also(external, "declared external here")
                    .help("an external role stands for someone outside the model; give these responsibilities to a role inside it, or remove `external = true`"),
                );
            }
            let mut responsibilities = Vec::with_capacity(role.entries.len());
            for (level, entry) in &role.entries {
                if let Some((kind, scope)) = self.resolve_entry(entry, &kinds, &scopes) {
                    responsibilities.push(Responsibility {
                        kind,
                        scope,
                        level: *level,
                        span: entry.span,
                    });
                }
            }
            lines.push((role.reports_to, role.dotted_to));
            let resolved = Role {
                title: role.title,
                description: role.description,
                archetype: role.archetype.map(|a| a.value),
                track: role.track,
                reports_to: None,
                dotted_to: Vec::new(),
                team: role.team,
                external: role.external.is_some(),
                responsibilities,
                span: role.id.span,
                id: role.id.value.clone(),
            };
            roles.insert(role.id.value, resolved);
        }
        let removed = &raw.removed;
        let resolve_role = |this: &mut Self, reference: &Sp<String>| -> Option<usize> {
            let found = roles.get_index_of(&reference.value);
            let removed = || removed.iter().find(|r| r.value == reference.value);
            if let Some(removed) = found.is_none().then(removed).flatten() {
                this.errors.push(
                    Diagnostic::error(format!(
                        "role `{}` is removed with `remove`, but is still referred to",
                        reference.value
                    ))
                    .at(reference.span, "refers to the removed role")
                    .also(removed.span, "removed here")
                    .help("redeclare the role that refers to it with another `reports_to`, or keep the role"),
                );
            } else if found.is_none() {
                this.unresolved(
                    "role",
                    &reference.value,
                    reference.span,
                    roles.keys().map(String::as_str),
                    "declare it with a [[role]] table, or fix the id",
                );
            }
            found
        };
        let lines: Vec<(Option<usize>, Vec<usize>)> = lines
            .into_iter()
            .map(|(reports_to, dotted_to)| {
                (
                    reports_to.and_then(|r| resolve_role(self, &r)),
                    dotted_to
                        .iter()
                        .filter_map(|r| resolve_role(self, r))
                        .collect(),
                )
            })
            .collect();
        let mut people = IdMap::with_capacity_and_hasher(raw.people.len(), Default::default());
        for person in raw.people {
            let fills = person
                .fills
                .iter()
                .filter_map(|r| resolve_role(self, r))
                .collect();
            let resolved = Person {
                name: person.name,
                fills,
                span: person.id.span,
                id: person.id.value.clone(),
            };
            people.insert(person.id.value, resolved);
        }
        // With a duplicate id (an error already) the zip may misalign; that model is discarded.
        for (role, (reports_to, dotted_to)) in roles.values_mut().zip(lines) {
            role.reports_to = reports_to;
            role.dotted_to = dotted_to;
        }

        let checks = raw
            .checks
            .into_iter()
            .map(|(code, level)| CheckSetting {
                code: code.value,
                level,
                span: code.span,
            })
            .collect();

        Some(Model {
            name,
            description: raw.description,
            company: raw.company.unwrap_or_default(),
            policy,
            checks,
            kinds,
            scopes,
            roles,
            people,
            sources: Sources::default(),
        })
    }

    /// `KIND` or `KIND@SCOPE` to indexes; `None` scope means every scope.
    fn resolve_entry(
        &mut self,
        entry: &Sp<String>,
        kinds: &IdMap<Kind>,
        scopes: &IdMap<Scope>,
    ) -> Option<(usize, Option<usize>)> {
        let text = entry.value.as_str();
        let (kind, scope) = match text.split_once('@') {
            None => (text, None),
            Some((kind, scope)) => (kind, Some(scope)),
        };
        let malformed = if text.matches('@').count() > 1 {
            Some("has more than one `@`")
        } else if kind.is_empty() {
            Some("has no kind before `@`")
        } else if scope == Some("") {
            Some("has no scope after `@`")
        } else if !is_valid_id(kind) || !scope.is_none_or(is_valid_id) {
            Some("is not `KIND` or `KIND@SCOPE`")
        } else {
            None
        };
        if let Some(problem) = malformed {
            self.errors.push(
                Diagnostic::error(format!("responsibility {text:?} {problem}"))
                    .at(entry.span, "malformed responsibility")
                    .help("write `KIND` for every scope or `KIND@SCOPE` for one, e.g. \"what@checkout\""),
            );
            return None;
        }
        let kind_index = kinds.get_index_of(kind);
        if kind_index.is_none() {
            let span = self.sub_span(entry.span, text, 0, kind.len());
            self.unresolved(
                "kind",
                kind,
                span,
                kinds.keys().map(String::as_str),
                "declare it with a [[kind]] table",
            );
        }
        let scope_index = match scope {
            None => None,
            Some(scope) => {
                let index = scopes.get_index_of(scope);
                if index.is_none() {
                    let span = self.sub_span(entry.span, text, kind.len() + 1, scope.len());
                    self.unresolved(
                        "scope",
                        scope,
                        span,
                        scopes.keys().map(String::as_str),
                        "declare it with a [[scope]] table",
                    );
                    return None;
                }
                index
            }
        };
        Some((kind_index?, scope_index))
    }
}

fn read_policy(reader: &mut Reader, node: &Node<'_>) -> RawPolicy {
    let Some(fields) = reader.table(node, "[policy]", POLICY_FIELDS) else {
        return RawPolicy::default();
    };
    RawPolicy {
        required: fields
            .get("required")
            .map(|n| reader.string_list(n, "required")),
        max_span: reader.positive(&fields, "max_span"),
        max_depth: reader.positive(&fields, "max_depth"),
        max_hats: reader.positive(&fields, "max_hats"),
        max_owned: reader.positive(&fields, "max_owned"),
        max_consulted: reader.positive(&fields, "max_consulted"),
    }
}

fn read_checks(reader: &mut Reader, node: &Node<'_>) -> Vec<(Sp<String>, CheckLevel)> {
    let Value::Table(entries) = &node.value else {
        reader.type_error(node, "`checks`", "a table of check levels");
        return Vec::new();
    };
    let mut checks: Vec<(Sp<String>, CheckLevel)> = Vec::new();
    for entry in entries {
        let code = Sp {
            value: entry.key.to_string(),
            span: reader.span(&entry.key_span),
        };
        if let Some((first, _)) = checks.iter().find(|(c, _)| c.value == code.value) {
            reader.errors.push(
                Diagnostic::error(format!("check `{}` is given twice", code.value))
                    .at(code.span, "given again here")
                    .also(first.span, "first given here")
                    .help("keep one of the two"),
            );
            continue;
        }
        if Check::from_code(&code.value).is_none() {
            let mut error = Diagnostic::error(format!("unknown check `{}`", code.value))
                .at(code.span, "no check has this code");
            if let Some(close) = did_you_mean(&code.value, Check::ALL.iter().map(|c| c.code())) {
                error = error.help(format!("did you mean `{close}`?"));
            }
            reader
                .errors
                .push(error.help("`orgraph explain` lists every check"));
            continue;
        }
        if let Some(level) = reader.choice(
            &entry.value,
            &format!("checks.{}", entry.key),
            &["allow", "warn", "deny"],
            CheckLevel::parse,
        ) {
            checks.push((code, level));
        }
    }
    checks
}

fn read_role(reader: &mut Reader, node: &Node<'_>) -> Option<RawRole> {
    let fields = reader.table(node, "a role", ROLE_FIELDS)?;
    let id = reader.id(&fields, "role");
    let title = reader.required_string(&fields, "title", "role");
    let track = fields
        .get("track")
        .and_then(|n| reader.choice(n, "track", &["ic", "manager"], parse_track));
    let mut entries = Vec::new();
    for level in Level::ALL {
        for entry in reader.opt_list(&fields, level.field()) {
            entries.push((level, entry));
        }
    }
    let role = RawRole {
        id: id?,
        title: title.map(|t| t.value).unwrap_or_default(),
        description: reader.opt_string(&fields, "description"),
        archetype: fields
            .get("archetype")
            .and_then(|n| reader.string(n, "archetype")),
        track,
        reports_to: fields
            .get("reports_to")
            .and_then(|n| reader.string(n, "reports_to")),
        dotted_to: reader.opt_list(&fields, "dotted_to"),
        team: reader.opt_string(&fields, "team"),
        external: reader
            .opt_bool(&fields, "external")
            .filter(|external| external.value)
            .map(|external| external.span),
        entries,
    };
    Some(role)
}

type Converted = (RawModel, Option<Sp<String>>, Vec<Sp<String>>);

/// The model's tree to a raw model, with its `extends` and `remove` for the loader to apply.
fn convert(reader: &mut Reader, node: &Node<'_>) -> Option<Converted> {
    let fields = reader.table(node, "the model", MODEL_FIELDS)?;
    let extends = fields
        .get("extends")
        .and_then(|n| reader.string(n, "extends"));
    let remove = reader.opt_list(&fields, "remove");
    // A `name` of the wrong type is reported here; the empty placeholder keeps `resolve` from
    // also reporting it missing.
    let name = fields.get("name").map(|n| {
        reader
            .string(n, "name")
            .map(|s| s.value)
            .unwrap_or_default()
    });
    let description = reader.opt_string(&fields, "description");
    let company = fields
        .get("company")
        .and_then(|n| reader.choice(n, "company", &["product", "service"], parse_company));
    let policy = match fields.get("policy") {
        Some(node) => read_policy(reader, node),
        None => RawPolicy::default(),
    };
    let checks = match fields.get("checks") {
        Some(node) => read_checks(reader, node),
        None => Vec::new(),
    };
    let kinds = reader.tables(&fields, "kind", |r, node| {
        let f = r.table(node, "a kind", KIND_FIELDS)?;
        Some(RawKind {
            id: r.id(&f, "kind")?,
            description: r.opt_string(&f, "description"),
        })
    });
    let scopes = reader.tables(&fields, "scope", |r, node| {
        let f = r.table(node, "a scope", SCOPE_FIELDS)?;
        Some(RawScope {
            id: r.id(&f, "scope")?,
            name: r.opt_string(&f, "name"),
            description: r.opt_string(&f, "description"),
        })
    });
    let roles = reader.tables(&fields, "role", read_role);
    let people = reader.tables(&fields, "person", |r, node| {
        let f = r.table(node, "a person", PERSON_FIELDS)?;
        Some(RawPerson {
            id: r.id(&f, "person")?,
            name: r.opt_string(&f, "name"),
            fills: r.opt_list(&f, "fills"),
        })
    });
    let raw = RawModel {
        root: fields.span,
        name,
        description,
        company,
        policy,
        checks,
        kinds,
        scopes,
        roles,
        people,
        removed: Vec::new(),
    };
    Some((raw, extends, remove))
}
