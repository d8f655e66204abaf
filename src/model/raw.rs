//! The raw model: a model file as written, ids and references still strings with their spans.
//! [`read`] turns one file's text into it, one function per section of the file; `extends`
//! merges raw models and `resolve` turns the result into a [`Model`](super::Model).

use super::reader::{Reader, Spanned, did_you_mean, parse_source, unshown};
use super::syntax::{Format, Node, Value};
use super::{CheckLevel, Company, Level, Track};
use crate::diag::Diagnostic;
use crate::registry::Check;
use crate::source::{FileId, Sources, Span};
use rustc_hash::FxHashMap;

#[derive(Default)]
pub(super) struct RawPolicy {
    pub required: Option<Vec<Spanned<String>>>,
    pub max_span: Option<usize>,
    pub max_depth: Option<usize>,
    pub max_hats: Option<usize>,
    pub max_owned: Option<usize>,
    pub max_consulted: Option<usize>,
}

pub(super) struct RawKind {
    pub id: Spanned<String>,
    pub description: Option<String>,
}

pub(super) struct RawScope {
    pub id: Spanned<String>,
    pub name: Option<String>,
    pub description: Option<String>,
}

pub(super) struct RawRole {
    pub id: Spanned<String>,
    pub title: String,
    pub description: Option<String>,
    pub archetype: Option<Spanned<String>>,
    pub track: Option<Track>,
    pub reports_to: Option<Spanned<String>>,
    pub dotted_to: Vec<Spanned<String>>,
    pub team: Option<String>,
    /// `external = true`, where it is written; `None` when absent or false.
    pub external: Option<Span>,
    pub entries: Vec<(Level, Spanned<String>)>,
}

pub(super) struct RawPerson {
    pub id: Spanned<String>,
    pub name: Option<String>,
    pub fills: Vec<Spanned<String>>,
}

/// A model file as written, before references are resolved; after `extends`, the merged result.
pub(super) struct RawModel {
    pub root: Span,
    pub name: Option<String>,
    pub description: Option<String>,
    pub company: Option<Company>,
    pub policy: RawPolicy,
    pub checks: Vec<(Spanned<String>, CheckLevel)>,
    pub kinds: Vec<RawKind>,
    pub scopes: Vec<RawScope>,
    pub roles: Vec<RawRole>,
    pub people: Vec<RawPerson>,
    /// Inherited roles that `remove` dropped, to explain a reference that still names one.
    pub removed: Vec<Spanned<String>>,
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
    // The file's JSON Schema, for editors (`orgraph schema`).
    "$schema",
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

/// One file read: its raw model, and the `extends` and `remove` the loader applies.
pub(super) struct RawFile {
    pub model: RawModel,
    pub extends: Option<Spanned<String>>,
    pub remove: Vec<Spanned<String>>,
}

/// The reader stage for one file: its text to a raw model, every problem a diagnostic in
/// `errors`. `None` when the file is no model at all (a syntax error, not a table).
///
/// A file reached through `extends` (`extended_from` is the entry) must read as a model before
/// any of its lines is shown: a syntax error, or a top level that is not a model's, is said at
/// the entry without the file's text (see [`unshown`]).
pub(super) fn read(
    sources: &Sources,
    file: FileId,
    format: Format,
    extended_from: Option<Span>,
    errors: &mut Vec<Diagnostic>,
) -> Option<RawFile> {
    let unshown = |error: Diagnostic| match extended_from {
        Some(from) => unshown(sources, from, error),
        None => error,
    };
    let node = match parse_source(sources, file, format) {
        Ok(node) => node,
        Err(error) => {
            errors.push(unshown(error));
            return None;
        }
    };
    if extended_from.is_some()
        && let Some(error) = not_model_shaped(sources, file, &node)
    {
        errors.push(unshown(error));
        return None;
    }
    let read = read_file(&mut Reader { file, errors }, &node)?;
    report_duplicates(&read.model, errors);
    Some(read)
}

/// Why a parsed file is not a model: its top level is no table, or has a field no model has
/// (named by place only: the field's name is the file's text).
fn not_model_shaped(sources: &Sources, file: FileId, node: &Node<'_>) -> Option<Diagnostic> {
    let name = sources.name(file);
    let Value::Table(entries) = &node.value else {
        return Some(Diagnostic::error(format!(
            "`{name}` is not an orgraph model: its top level is not a table"
        )));
    };
    let unknown = entries
        .iter()
        .find(|entry| !MODEL_FIELDS.contains(&entry.key.as_ref()))?;
    Some(
        Diagnostic::error(format!(
            "`{name}` is not an orgraph model: its top level has a field no model has"
        ))
        .at(
            Span::new(file, unknown.key_span.clone()),
            "not a model field",
        ),
    )
}

/// The model's tree to a raw model, section by section.
fn read_file(reader: &mut Reader, node: &Node<'_>) -> Option<RawFile> {
    let fields = reader.table(node, "the model", MODEL_FIELDS)?;
    let extends = fields
        .get("extends")
        .and_then(|n| reader.string(n, "extends"));
    let remove = reader.opt_list(&fields, "remove");
    if let Some(schema) = fields.get("$schema") {
        reader.string(schema, "$schema");
    }
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
        .and_then(|n| reader.choice(n, "company", &["product", "service"], Company::parse));
    let policy = match fields.get("policy") {
        Some(node) => read_policy(reader, node),
        None => RawPolicy::default(),
    };
    let checks = match fields.get("checks") {
        Some(node) => read_checks(reader, node),
        None => Vec::new(),
    };
    let kinds = reader.tables(&fields, "kind", read_kind);
    let scopes = reader.tables(&fields, "scope", read_scope);
    let roles = reader.tables(&fields, "role", read_role);
    let people = reader.tables(&fields, "person", read_person);
    let model = RawModel {
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
    Some(RawFile {
        model,
        extends,
        remove,
    })
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

fn read_checks(reader: &mut Reader, node: &Node<'_>) -> Vec<(Spanned<String>, CheckLevel)> {
    let Value::Table(entries) = &node.value else {
        reader.type_error(node, "`checks`", "a table of check levels");
        return Vec::new();
    };
    let mut checks: Vec<(Spanned<String>, CheckLevel)> = Vec::new();
    for entry in entries {
        let code = Spanned {
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

fn read_kind(reader: &mut Reader, node: &Node<'_>) -> Option<RawKind> {
    let fields = reader.table(node, "a kind", KIND_FIELDS)?;
    Some(RawKind {
        id: reader.id(&fields, "kind")?,
        description: reader.opt_string(&fields, "description"),
    })
}

fn read_scope(reader: &mut Reader, node: &Node<'_>) -> Option<RawScope> {
    let fields = reader.table(node, "a scope", SCOPE_FIELDS)?;
    Some(RawScope {
        id: reader.id(&fields, "scope")?,
        name: reader.opt_string(&fields, "name"),
        description: reader.opt_string(&fields, "description"),
    })
}

fn read_role(reader: &mut Reader, node: &Node<'_>) -> Option<RawRole> {
    let fields = reader.table(node, "a role", ROLE_FIELDS)?;
    let id = reader.id(&fields, "role");
    let title = reader.required_string(&fields, "title", "role");
    let track = fields
        .get("track")
        .and_then(|n| reader.choice(n, "track", &["ic", "manager"], Track::parse));
    let lists = Level::ALL.map(|level| (level, reader.opt_list(&fields, level.field())));
    // Sized exactly: a million roles keep these until they are resolved.
    let mut entries = Vec::with_capacity(lists.iter().map(|(_, list)| list.len()).sum());
    for (level, list) in lists {
        entries.extend(list.into_iter().map(|entry| (level, entry)));
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

fn read_person(reader: &mut Reader, node: &Node<'_>) -> Option<RawPerson> {
    let fields = reader.table(node, "a person", PERSON_FIELDS)?;
    let person = RawPerson {
        id: reader.id(&fields, "person")?,
        name: reader.opt_string(&fields, "name"),
        fills: reader.opt_list(&fields, "fills"),
    };
    report_repeated_fills(&person, reader.errors);
    Some(person)
}

/// A role in `fills` twice is one hat written twice: an error, once per role, so that no
/// command counts the hat twice.
fn report_repeated_fills(person: &RawPerson, errors: &mut Vec<Diagnostic>) {
    if person.fills.len() < 2 {
        return;
    }
    // Each role's first entry, its second, and how many times it is named.
    let mut seen: FxHashMap<&str, (Span, Option<Span>, usize)> = FxHashMap::default();
    let mut repeated = Vec::new();
    for fill in &person.fills {
        let entry = seen.entry(&fill.value).or_insert((fill.span, None, 0));
        entry.2 += 1;
        if entry.2 == 2 {
            entry.1 = Some(fill.span);
            repeated.push(fill.value.as_str());
        }
    }
    for role in repeated {
        let (first, Some(again), times) = seen[role] else {
            continue;
        };
        let times = match times {
            2 => "twice".to_string(),
            n => format!("{n} times"),
        };
        errors.push(
            Diagnostic::error(format!(
                "person `{}` fills role `{role}` {times}",
                person.id.value
            ))
            .at(again, "named again here")
            .also(first, "first named here")
            .help("name each role once in `fills`: a person wears a hat once"),
        );
    }
}

/// Ids are unique within their section of one file.
fn report_duplicates(raw: &RawModel, errors: &mut Vec<Diagnostic>) {
    let sections: [(Vec<&Spanned<String>>, &str); 4] = [
        (raw.kinds.iter().map(|k| &k.id).collect(), "kind"),
        (raw.scopes.iter().map(|s| &s.id).collect(), "scope"),
        (raw.roles.iter().map(|r| &r.id).collect(), "role"),
        (raw.people.iter().map(|p| &p.id).collect(), "person"),
    ];
    for (ids, what) in sections {
        // A fast hash: a large model has a million ids; order never depends on it.
        let mut first: FxHashMap<&str, Span> =
            FxHashMap::with_capacity_and_hasher(ids.len(), Default::default());
        for id in ids {
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
    }
}
