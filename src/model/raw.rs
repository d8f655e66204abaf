//! The raw model: a model file as written, references still unresolved, with their spans.
//! [`read`] turns one file's text into it, one function per section of the file; `extends`
//! merges raw models and `resolve` turns the result into a [`Model`](super::Model).
//!
//! Roles and people are read into their final [`Role`] and [`Person`] at once, beside their
//! references as written ([`RoleRefs`], `fills`): one representation, not a copy per stage.

use super::direct;
use super::ids::Positions;
use super::reader::{Fields, Reader, Spanned, did_you_mean, parse_source, unshown};
use super::symbols::{Ref, Sym, Symbols};
use super::syntax::{Format, Node, Value};
use super::{CheckLevel, Company, Level, Person, Role, Track};
use crate::diag::Diagnostic;
use crate::parallel::Room;
use crate::registry::Check;
use crate::source::{FileId, Sources, Span};
use rustc_hash::FxHashMap;
use std::ops::Range;

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

/// What of a role `resolve` still has to check or resolve, beside the [`Role`] itself (whose
/// `reports_to`, `dotted_to` and `responsibilities` are empty until then). A million roles
/// keep these until they are resolved: no room to spare, and what few roles have is boxed.
pub(super) struct RoleRefs {
    pub reports_to: Option<Ref>,
    /// In file order: owns, then responsible, consulted, informed.
    pub entries: Box<[(Level, Ref)]>,
    rare: Option<Box<RareRefs>>,
}

struct RareRefs {
    archetype: Option<Span>,
    external: Option<Span>,
    dotted_to: Vec<Ref>,
}

impl RoleRefs {
    pub fn new(
        reports_to: Option<Ref>,
        entries: Vec<(Level, Ref)>,
        archetype: Option<Span>,
        external: Option<Span>,
        dotted_to: Vec<Ref>,
    ) -> Self {
        let rare =
            (archetype.is_some() || external.is_some() || !dotted_to.is_empty()).then(|| {
                Box::new(RareRefs {
                    archetype,
                    external,
                    dotted_to,
                })
            });
        RoleRefs {
            reports_to,
            entries: entries.into_boxed_slice(),
            rare,
        }
    }

    /// Where the archetype is written, to check it against the canon.
    pub fn archetype(&self) -> Option<Span> {
        self.rare.as_ref()?.archetype
    }

    /// `external = true`, where it is written; `None` when absent or false.
    pub fn external(&self) -> Option<Span> {
        self.rare.as_ref()?.external
    }

    pub fn dotted_to(&self) -> &[Ref] {
        self.rare.as_ref().map_or(&[], |rare| &rare.dotted_to)
    }

    /// Every reference, to renumber its symbol.
    fn refs_mut(&mut self) -> impl Iterator<Item = &mut Ref> {
        let dotted = self.rare.as_mut().map(|rare| rare.dotted_to.iter_mut());
        self.reports_to
            .iter_mut()
            .chain(self.entries.iter_mut().map(|(_, entry)| entry))
            .chain(dotted.into_iter().flatten())
    }
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
    /// Every role, its references beside it in `role_refs` (a vector each, of the same length).
    pub roles: Vec<Role>,
    pub role_refs: Vec<RoleRefs>,
    /// Every person (`fills` empty), the roles they fill as written beside them in `fills`.
    pub people: Vec<Person>,
    pub fills: Vec<Vec<Ref>>,
    /// Inherited roles that `remove` dropped, to explain a reference that still names one.
    pub removed: Vec<Spanned<String>>,
    /// Where each role and person is by id, when one file's ids are all unique: found when
    /// looking for duplicates, and kept for the model's sections. A merge drops them.
    pub role_positions: Option<Positions>,
    pub people_positions: Option<Positions>,
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
pub(super) const ROLE_FIELDS: &[&str] = &[
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
pub(super) const PERSON_FIELDS: &[&str] = &["id", "name", "fills"];

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
    symbols: &mut Symbols,
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
    let mut read = read_file(&mut Reader { file, errors }, &node, symbols)?;
    report_duplicates(&mut read.model, errors);
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
fn read_file(reader: &mut Reader, node: &Node<'_>, symbols: &mut Symbols) -> Option<RawFile> {
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
    // A large JSON file's roles and people are read on two threads, the first roles here and
    // the others with the people on a second thread, with symbols of their own that are then
    // added to these in the order they were first named: the numbering of one thread. Its
    // problems come after these, as they come after them in the file.
    let (role_count, person_count) = (count(&fields, "role"), count(&fields, "person"));
    let two_threads = role_count + person_count >= ITEMS_ON_TWO_THREADS;
    // A person takes about three quarters of a role's time to read (a half at 100,000 roles,
    // four fifths at a million, where its references miss the cache more): split by items,
    // the first thread waited 9 and 30 ms for the second.
    let split = match fields.get("role").map(|node| &node.value) {
        Some(Value::JsonTables(_)) if two_threads => {
            role_count.min((role_count + person_count * 3 / 4) / 2)
        }
        _ => role_count,
    };
    let file = reader.file;
    // The roles past `split` go into the vectors' room after the first thread's.
    let read_rest = |rooms: &mut (Room<Role>, Room<RoleRefs>)| {
        let (mut errors, mut symbols) = (Vec::new(), Symbols::default());
        symbols.reserve(role_count - split + person_count);
        let mut reader = Reader {
            file,
            errors: &mut errors,
        };
        if split < role_count {
            ROLES.read(&mut reader, &fields, split..role_count, rooms, &mut symbols);
        }
        let mut people = (
            Vec::with_capacity(person_count),
            Vec::with_capacity(person_count),
        );
        PEOPLE.read(
            &mut reader,
            &fields,
            0..person_count,
            &mut people,
            &mut symbols,
        );
        (people, symbols, errors)
    };
    let read_first = |rooms: &mut (Room<Role>, Room<RoleRefs>)| {
        symbols.reserve(split);
        ROLES.read(reader, &fields, 0..split, rooms, symbols);
        rooms.1.len()
    };
    let (mut roles, mut role_refs) = (Vec::new(), Vec::new());
    let (first_refs, ((people, mut fills), more, errors)) = crate::parallel::extend_in_halves(
        (&mut roles, &mut role_refs),
        role_count,
        split,
        two_threads,
        read_first,
        read_rest,
    );
    reader.errors.extend(errors);
    let by = symbols.append(&more);
    let refs = role_refs[first_refs..]
        .iter_mut()
        .flat_map(RoleRefs::refs_mut);
    for name in refs.chain(fills.iter_mut().flatten()) {
        name.sym = name.sym.after(by);
    }
    for (person, fills) in people.iter().zip(&fills) {
        report_repeated_fills(person, fills, symbols, reader.errors);
    }
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
        role_refs,
        people,
        fills,
        removed: Vec::new(),
        role_positions: None,
        people_positions: None,
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

/// How many items the array of tables `field` has, to size what is read from it.
fn count(fields: &Fields, field: &str) -> usize {
    match fields.get(field).map(|node| &node.value) {
        Some(Value::Array(items)) => items.len(),
        Some(Value::JsonTables(tables)) => tables.len(),
        _ => 0,
    }
}

/// Roles and people a file has before they are read on two threads (and before the load's
/// other work over them, or over their references' symbols, is split in two): fewer take less
/// time than starting a thread.
pub(super) const ITEMS_ON_TWO_THREADS: usize = 10_000;

/// What reads one item of an array of tables, with the symbols of its references.
type ReadItem<T> = fn(&mut Reader, &Node<'_>, &mut Symbols) -> Option<T>;
/// What reads one JSON item without a tree: its text, where it starts and its file.
type ReadDirect<T> = fn(&str, usize, FileId, &mut Symbols) -> Option<T>;

/// An array of tables whose items are read with what they name beside them: roles and their
/// references, people and the roles they fill.
struct Table<A, B> {
    field: &'static str,
    direct: ReadDirect<(A, B)>,
    read: ReadItem<(A, B)>,
}

const ROLES: Table<Role, RoleRefs> = Table {
    field: "role",
    direct: direct::role,
    read: read_role,
};

const PEOPLE: Table<Person, Vec<Ref>> = Table {
    field: "person",
    direct: direct::person,
    read: read_person,
};

impl<A, B> Table<A, B> {
    /// The `items` read, added to `read` (at most one each). A JSON item is read by `direct`
    /// when it is plain, else (and for TOML and YAML) by `read` over its tree, which reports
    /// what is wrong: `direct` reads only items in which `read` finds nothing wrong. `items`
    /// are the JSON items to read; a TOML or YAML array is read whole.
    fn read(
        &self,
        reader: &mut Reader,
        fields: &Fields,
        items: Range<usize>,
        read: &mut (impl Extend<A>, impl Extend<B>),
        symbols: &mut Symbols,
    ) {
        match fields.get(self.field).map(|node| &node.value) {
            Some(Value::JsonTables(tables)) => {
                let starts = tables.starts().skip(items.start).take(items.len());
                read.extend(starts.filter_map(|start| {
                    (self.direct)(tables.text(), start, reader.file, symbols)
                        .or_else(|| (self.read)(reader, &tables.node(start), symbols))
                }));
            }
            _ => read.extend(reader.tables(fields, self.field, |reader, node| {
                (self.read)(reader, node, symbols)
            })),
        }
    }
}

fn references(list: Vec<Spanned<String>>, symbols: &mut Symbols) -> Vec<Ref> {
    list.into_iter()
        .map(|item| symbols.reference(&item.value, item.span))
        .collect()
}

fn read_role(
    reader: &mut Reader,
    node: &Node<'_>,
    symbols: &mut Symbols,
) -> Option<(Role, RoleRefs)> {
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
        entries.extend(
            list.into_iter()
                .map(|entry| (level, symbols.reference(&entry.value, entry.span))),
        );
    }
    // The rest of a role without a usable id is not read (nor reported).
    let id = id?;
    let description = reader.opt_string(&fields, "description");
    let archetype = fields
        .get("archetype")
        .and_then(|n| reader.string(n, "archetype"));
    let reports_to = fields
        .get("reports_to")
        .and_then(|n| reader.string(n, "reports_to"))
        .map(|to| symbols.reference(&to.value, to.span));
    let dotted_to = references(reader.opt_list(&fields, "dotted_to"), symbols);
    let team = reader.opt_string(&fields, "team");
    let external = reader
        .opt_bool(&fields, "external")
        .filter(|external| external.value)
        .map(|external| external.span);
    let archetype_span = archetype.as_ref().map(|a| a.span);
    let refs = RoleRefs::new(reports_to, entries, archetype_span, external, dotted_to);
    let role = Role {
        id: id.value,
        title: title.map(|t| t.value).unwrap_or_default(),
        description,
        archetype: archetype.map(|a| a.value),
        track,
        reports_to: None,
        dotted_to: Vec::new(),
        team,
        external: external.is_some(),
        responsibilities: Vec::new(),
        span: id.span,
    };
    Some((role, refs))
}

fn read_person(
    reader: &mut Reader,
    node: &Node<'_>,
    symbols: &mut Symbols,
) -> Option<(Person, Vec<Ref>)> {
    let fields = reader.table(node, "a person", PERSON_FIELDS)?;
    let id = reader.id(&fields, "person")?;
    let person = Person {
        id: id.value,
        name: reader.opt_string(&fields, "name"),
        fills: Vec::new(),
        span: id.span,
    };
    let fills = references(reader.opt_list(&fields, "fills"), symbols);
    Some((person, fills))
}

/// A role in `fills` twice is one hat written twice: an error, once per role, so that no
/// command counts the hat twice.
fn report_repeated_fills(
    person: &Person,
    fills: &[Ref],
    symbols: &Symbols,
    errors: &mut Vec<Diagnostic>,
) {
    if fills.len() < 2 {
        return;
    }
    // Each role's first entry, its second, and how many times it is named.
    let mut seen: FxHashMap<Sym, (Span, Option<Span>, usize)> = FxHashMap::default();
    let mut repeated = Vec::new();
    for fill in fills {
        let entry = seen.entry(fill.sym).or_insert((fill.span, None, 0));
        entry.2 += 1;
        if entry.2 == 2 {
            entry.1 = Some(fill.span);
            repeated.push(fill.sym);
        }
    }
    for sym in repeated {
        let (first, Some(again), times) = seen[&sym] else {
            continue;
        };
        let role = symbols.get(sym);
        let times = match times {
            2 => "twice".to_string(),
            n => format!("{n} times"),
        };
        errors.push(
            Diagnostic::error(format!(
                "person `{}` fills role `{role}` {times}",
                person.id
            ))
            .at(again, "named again here")
            .also(first, "first named here")
            .help("name each role once in `fills`: a person wears a hat once"),
        );
    }
}

/// Ids are unique within their section of one file. A large model's roles and people are
/// looked at on two threads.
fn report_duplicates(raw: &mut RawModel, errors: &mut Vec<Diagnostic>) {
    duplicates(&raw.kinds, |k| spanned(&k.id), "kind", errors);
    duplicates(&raw.scopes, |s| spanned(&s.id), "scope", errors);
    let roles = || {
        let mut errors = Vec::new();
        let positions = duplicates(&raw.roles, |r| (&r.id, r.span), "role", &mut errors);
        (positions, errors)
    };
    let people = || {
        let mut errors = Vec::new();
        let positions = duplicates(&raw.people, |p| (&p.id, p.span), "person", &mut errors);
        (positions, errors)
    };
    let two_threads = raw.roles.len() + raw.people.len() >= ITEMS_ON_TWO_THREADS;
    let ((role_positions, role_errors), (people_positions, people_errors)) =
        crate::parallel::join_if(two_threads, roles, people);
    errors.extend(role_errors.into_iter().chain(people_errors));
    raw.role_positions = role_positions;
    raw.people_positions = people_positions;
}

fn spanned(id: &Spanned<String>) -> (&str, Span) {
    (id.value.as_str(), id.span)
}

/// Every item of `items` whose id (and its span, by `id`) an earlier one has, as a `what`;
/// the items' positions when there is none.
fn duplicates<'a, T>(
    items: &'a [T],
    id: impl Fn(&'a T) -> (&'a str, Span),
    what: &str,
    errors: &mut Vec<Diagnostic>,
) -> Option<Positions> {
    let before = errors.len();
    let positions = Positions::of(
        items,
        |item| id(item).0,
        |earlier, again| {
            let ((key, span), (_, first)) = (id(&items[again]), id(&items[earlier]));
            errors.push(
                Diagnostic::error(format!("duplicate {what} id `{key}`"))
                    .at(span, "defined again here")
                    .also(first, "first defined here")
                    .help(format!(
                        "{what} ids must be unique; rename or merge one of them"
                    )),
            );
        },
    );
    (errors.len() == before).then_some(positions)
}
