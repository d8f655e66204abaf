//! `import csv`: an HR system's export, one row per person, to a model. Columns are found by
//! header name; each row is a seat; seats with one title and one manager and no reports of their
//! own share a role; managers without a row become external roles.

use super::delimited::{Records, field_span, sniff_delimiter};
use super::rules::{Assignment, Rules};
use super::{
    ImportError, Imported, Progress, count, failed, is_model_id, policy, read_text, short_slug,
    warning,
};
use crate::diag::Diagnostic;
use crate::model::schema::{KindFile, ModelFile, PersonFile, RoleFile, ScopeFile};
use crate::model::{Canon, Level, MAX_DIAGNOSTICS};
use crate::source::{FileId, Sources, Span};
use indexmap::IndexMap;
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};
use std::path::Path;

/// Columns named on the command line (`--id COL`, ...), by header text.
#[derive(Clone, Debug, Default)]
pub struct Columns {
    /// `--id`: the person's unique id.
    pub id: Option<String>,
    /// `--manager`: the manager's id.
    pub manager: Option<String>,
    /// `--title`: the job title.
    pub title: Option<String>,
    /// `--name`: the person's name.
    pub name: Option<String>,
    /// `--team`: the department or team.
    pub team: Option<String>,
}

/// How `import csv` reads an export.
#[derive(Debug, Default)]
pub struct Options<'a> {
    /// Columns named on the command line; the rest are detected by header.
    pub columns: Columns,
    /// `false` with `--no-group`: one role per row.
    pub group: bool,
    /// The input's encoding when it is not UTF-8 (`--encoding`).
    pub encoding: Option<&'a str>,
    /// Title rules (`--rules`).
    pub rules: Option<&'a Path>,
    /// Where to count rows for a progress line.
    pub progress: Option<&'a Progress>,
}

/// The title of a manager that has no row.
pub const EXTERNAL_TITLE: &str = "(not in the export)";
/// The title of a row whose title is empty.
pub const NO_TITLE: &str = "(no title)";

// Header names per column, compared with case, spaces, `_` and `-` ignored (`parentId`).
const ID: &[&str] = &[
    "id",
    "employee id",
    "employee number",
    "emp id",
    "user id",
    "worker id",
];
const MANAGER: &[&str] = &[
    "manager",
    "manager id",
    "reports to",
    "parent id",
    "supervisor id",
    "line manager id",
];
const TITLE: &[&str] = &[
    "title",
    "job title",
    "position",
    "position name",
    "role",
    "job",
];
const NAME: &[&str] = &["name", "full name", "employee name", "display name"];
const FIRST_NAME: &[&str] = &["first name", "given name"];
const LAST_NAME: &[&str] = &["last name", "surname", "family name"];
const TEAM: &[&str] = &[
    "team",
    "department",
    "departments",
    "department name",
    "area",
    "division",
];

fn normalize(header: &str) -> String {
    header
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Where each column is in a row.
struct Layout {
    width: usize,
    id: usize,
    manager: usize,
    title: Option<usize>,
    name: Vec<usize>,
    team: Option<usize>,
}

/// One row: a seat held by one person.
struct Seat {
    id: String,
    manager: Option<String>,
    title: String,
    name: Option<String>,
    team: Option<String>,
    /// Byte offset of the row in the input.
    start: usize,
}

struct Reader<'t> {
    text: &'t str,
    file: FileId,
    delimiter: u8,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn field(&self, start: usize, index: usize) -> Span {
        Span::new(
            self.file,
            field_span(self.text, start, self.delimiter, index),
        )
    }
}

/// Imports the CSV export at `path` (see the module doc); rule archetypes come from `canon`.
pub fn import(path: &Path, options: &Options, canon: &Canon) -> Result<Imported, ImportError> {
    let mut sources = Sources::default();
    let file = match read_text(&mut sources, path, options.encoding) {
        Ok(file) => file,
        Err(error) => return Err(failed(sources, vec![error])),
    };
    let rules = match options.rules {
        Some(path) => match Rules::load(&mut sources, path, canon) {
            Ok(rules) => Some(rules),
            Err(errors) => return Err(failed(sources, errors)),
        },
        None => None,
    };
    let text = sources.text(file);
    let mut reader = Reader {
        text,
        file,
        delimiter: sniff_delimiter(text),
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    let mut records = Records::new(text, reader.delimiter);
    let Some((_, header)) = records.next_record() else {
        let error = Diagnostic::error(format!("`{}` is empty", sources.name(file)))
            .help("an HR export has a header row, then one row per person");
        return Err(failed(sources, vec![error]));
    };
    let headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let layout = match layout(&headers, &options.columns) {
        Ok(layout) => layout,
        Err(error) => {
            let error = error.at(
                Span::new(file, 0..text.find(['\r', '\n']).unwrap_or(text.len())),
                "the header row",
            );
            return Err(failed(sources, vec![error]));
        }
    };
    let seats = read_seats(&mut reader, &mut records, &layout, options.progress);
    if !reader.errors.is_empty() {
        let mut errors = reader.errors;
        cap(&mut errors);
        return Err(failed(sources, errors));
    }
    let model = build(
        &mut reader,
        &sources,
        seats,
        &layout,
        options.group,
        rules.as_ref(),
    );
    let warnings = reader.warnings;
    Ok(Imported::one(model, warnings, sources))
}

/// Keeps the first diagnostics and says how many more there were.
fn cap(errors: &mut Vec<Diagnostic>) {
    if errors.len() > MAX_DIAGNOSTICS {
        let more = errors.len() - MAX_DIAGNOSTICS;
        errors.truncate(MAX_DIAGNOSTICS);
        errors.push(Diagnostic::error(format!(
            "{more} more errors like these are not shown"
        )));
    }
}

fn layout(headers: &[String], columns: &Columns) -> Result<Layout, Diagnostic> {
    let normalized: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    let seen = || {
        headers
            .iter()
            .map(|h| format!("`{h}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // A column the user named: its exact header, else the header it normalizes to.
    let named = |given: &str, flag: &str| -> Result<usize, Diagnostic> {
        headers
            .iter()
            .position(|h| h == given)
            .or_else(|| normalized.iter().position(|h| *h == normalize(given)))
            .ok_or_else(|| {
                Diagnostic::error(format!("{flag} `{given}`: the header has no such column"))
                    .help(format!("the header has: {}", seen()))
            })
    };
    // A column found by name; an id-like header (`manager id`) before a name-like one.
    let found = |names: &[&str]| -> Option<usize> {
        let matches: Vec<usize> = (0..headers.len())
            .filter(|&i| names.iter().any(|name| normalize(name) == normalized[i]))
            .collect();
        matches
            .iter()
            .copied()
            .find(|&i| normalized[i].ends_with("id"))
            .or(matches.first().copied())
    };
    let find =
        |given: &Option<String>, names: &[&str], flag: &str| -> Result<Option<usize>, Diagnostic> {
            match given {
                Some(given) => named(given, flag).map(Some),
                None => Ok(found(names)),
            }
        };
    let required = |given: &Option<String>, names: &[&str], what: &str, flag: &str| {
        find(given, names, flag)?.ok_or_else(|| {
            Diagnostic::error(format!("no {what} column in the header"))
                .help(format!("the header has: {}", seen()))
                .help(format!(
                    "name the column with `{flag} COLUMN`; it is found without the flag when its header is one of: {}",
                    names.join(", ")
                ))
        })
    };
    let id = required(&columns.id, ID, "id", "--id")?;
    let manager = required(&columns.manager, MANAGER, "manager", "--manager")?;
    let title = find(&columns.title, TITLE, "--title")?;
    let team = find(&columns.team, TEAM, "--team")?;
    let name = match &columns.name {
        Some(given) => vec![named(given, "--name")?],
        None => {
            let first = found(FIRST_NAME).or_else(|| found(NAME));
            match (first, found(LAST_NAME)) {
                (Some(first), Some(last)) => vec![first, last],
                (first, _) => first.into_iter().collect(),
            }
        }
    };
    Ok(Layout {
        width: headers.len(),
        id,
        manager,
        title,
        name,
        team,
    })
}

fn read_seats(
    reader: &mut Reader,
    records: &mut Records,
    layout: &Layout,
    progress: Option<&Progress>,
) -> Vec<Seat> {
    let mut seats: Vec<Seat> = Vec::new();
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    let mut renamed: Vec<(String, String, usize)> = Vec::new();
    let mut rows = 0;
    while let Some((start, record)) = records.next_record() {
        rows += 1;
        if rows % 4096 == 0
            && let Some(progress) = progress
        {
            progress.set(rows);
        }
        if reader.errors.len() > MAX_DIAGNOSTICS {
            break;
        }
        if record.len() > layout.width {
            reader.errors.push(
                Diagnostic::error(format!(
                    "this row has {} cells, the header has {}",
                    record.len(),
                    layout.width
                ))
                .at(reader.field(start, layout.width), "a cell beyond the header's last column")
                .help("quote a value that holds the separator (\"Sales, EMEA\"), or remove the extra cell"),
            );
            continue;
        }
        let cell = |i: usize| record.get(i).map_or("", str::trim);
        let text = |i: usize| collapse(cell(i));
        if record.iter().all(|c| c.trim().is_empty()) {
            reader
                .warnings
                .push(warning("an empty row is skipped").at(reader.field(start, 0), "empty row"));
            continue;
        }
        if record.len() < layout.width {
            reader.warnings.push(
                warning(format!(
                    "this row has {} cells, the header has {}: the missing cells are read as empty",
                    record.len(),
                    layout.width
                ))
                .at(
                    reader.field(start, record.len().saturating_sub(1)),
                    "the row ends here",
                ),
            );
        }
        let raw_id = cell(layout.id);
        if raw_id.is_empty() {
            reader.errors.push(
                Diagnostic::error("this row has no id")
                    .at(reader.field(start, layout.id), "empty id")
                    .help("every row needs an id; fill it in, or choose the id column with `--id`"),
            );
            continue;
        }
        let id = model_id(raw_id);
        if id != raw_id {
            renamed.push((raw_id.to_string(), id.clone(), start));
        }
        if let Some(&first) = index.get(&id) {
            let first = seats[first].start;
            reader.errors.push(
                Diagnostic::error(format!("duplicate id `{raw_id}`"))
                    .at(reader.field(start, layout.id), "this row has the id")
                    .also(reader.field(first, layout.id), "of this row")
                    .help("ids are unique: one row per person; fix the export or choose another id column with `--id`"),
            );
            continue;
        }
        let manager = Some(cell(layout.manager))
            .filter(|m| !m.is_empty())
            .map(model_id);
        let title = match layout.title.map(text).filter(|t| !t.is_empty()) {
            Some(title) => title,
            None => {
                if let Some(column) = layout.title {
                    reader.warnings.push(
                        warning(format!("empty title: the role is titled `{NO_TITLE}`"))
                            .at(reader.field(start, column), "empty"),
                    );
                }
                NO_TITLE.to_string()
            }
        };
        let name = layout
            .name
            .iter()
            .map(|&i| text(i))
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let team = layout
            .team
            .and_then(|i| cell(i).split(';').map(collapse).find(|t| !t.is_empty()));
        index.insert(id.clone(), seats.len());
        seats.push(Seat {
            id,
            manager,
            title,
            name: Some(name).filter(|n| !n.is_empty()),
            team,
            start,
        });
    }
    if let Some(progress) = progress {
        progress.set(rows);
        progress.build();
    }
    if let Some((raw, id, start)) = renamed.first() {
        reader.warnings.push(
            warning(format!(
                "{} characters a model id cannot hold; each such character became `_` (`{raw}` is `{id}`)",
                count(renamed.len(), "id has", "ids have")
            ))
            .at(reader.field(*start, layout.id), "the first")
            .help("model ids are letters, digits, `-`, `_` and `.`; a manager's id is changed the same way"),
        );
    }
    seats
}

/// Text with every run of whitespace (newlines included) as one space, trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `raw` as a model id: every character a model id cannot hold becomes `_`.
fn model_id(raw: &str) -> String {
    if is_model_id(raw) {
        raw.to_string()
    } else {
        raw.chars()
            .map(|c| {
                if c.is_alphanumeric() || matches!(c, '-' | '.') {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    }
}

/// The role each seat fills: seats grouped by manager and title when they have no reports.
/// For every seat, the first seat of the role it fills (itself unless grouped).
fn roles_of(seats: &[Seat], index: &FxHashMap<&str, usize>, group: bool) -> Vec<usize> {
    let mut has_reports = vec![false; seats.len()];
    for seat in seats {
        if let Some(&manager) = seat.manager.as_deref().and_then(|m| index.get(m)) {
            has_reports[manager] = true;
        }
    }
    let mut first_of_group: FxHashMap<(Option<&str>, String), usize> = FxHashMap::default();
    seats
        .iter()
        .enumerate()
        .map(|(i, seat)| {
            if !group || has_reports[i] {
                return i;
            }
            let key = (seat.manager.as_deref(), normalized_title(&seat.title));
            *first_of_group.entry(key).or_insert(i)
        })
        .collect()
}

fn normalized_title(title: &str) -> String {
    title
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

fn build(
    reader: &mut Reader,
    sources: &Sources,
    seats: Vec<Seat>,
    layout: &Layout,
    group: bool,
    rules: Option<&Rules>,
) -> ModelFile {
    let index: FxHashMap<&str, usize> = seats
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let owner = roles_of(&seats, &index, group);
    let mut members = vec![0usize; seats.len()];
    for &o in &owner {
        members[o] += 1;
    }
    // Managers without a row, in the order they are first named.
    let mut external: IndexMap<&str, usize, FxBuildHasher> = IndexMap::default();
    for (i, seat) in seats.iter().enumerate() {
        if let Some(manager) = seat.manager.as_deref()
            && !index.contains_key(manager)
        {
            external.entry(manager).or_insert(i);
        }
    }
    let mut taken: FxHashSet<String> = seats.iter().map(|s| s.id.clone()).collect();
    taken.extend(external.keys().map(|k| k.to_string()));
    let mut role_ids: Vec<String> = Vec::with_capacity(seats.len());
    let mut assigner = rules.map(Assigner::new);
    let mut scopes: IndexMap<String, String, FxBuildHasher> = IndexMap::default();
    let mut roles = Vec::with_capacity(seats.len() + external.len());
    for (i, seat) in seats.iter().enumerate() {
        if owner[i] != i {
            let id = role_ids[owner[i]].clone();
            role_ids.push(id);
            continue;
        }
        let id = if members[i] > 1 {
            group_id(seat, &mut taken)
        } else {
            seat.id.clone()
        };
        let mut role = RoleFile {
            id: id.clone(),
            title: seat.title.clone(),
            reports_to: seat.manager.clone(),
            team: seat.team.clone(),
            ..RoleFile::default()
        };
        if let Some(assignment) = assigner.as_mut().and_then(|a| a.assign(&seat.title)) {
            match assignment {
                Ok(assignment) => give(&mut role, &assignment, &mut scopes),
                Err(empty) => reader.warnings.push(
                    warning(format!(
                        "the rule matches this title, but its scope `{}` is empty: the rule is not applied",
                        empty.text
                    ))
                    .at(reader.field(seat.start, layout.title.unwrap_or(0)), "this title")
                    .also(empty.rule, "this rule"),
                ),
            }
        }
        roles.push(role);
        role_ids.push(id);
    }
    if let Some((first, &seat)) = external.first() {
        let span = reader.field(seats[seat].start, layout.manager);
        reader.warnings.push(
            warning(match external.len() {
                1 => format!("the manager `{first}` has no row; it becomes an external role titled `{EXTERNAL_TITLE}`"),
                n => format!("{n} managers have no row; each becomes an external role titled `{EXTERNAL_TITLE}` (the first: `{first}`)"),
            })
            .at(span, "the first row that names one")
            .help("an export of part of a company names managers outside it; the ids are kept so that two exports compare"),
        );
    }
    for manager in external.keys() {
        roles.push(RoleFile {
            id: manager.to_string(),
            title: EXTERNAL_TITLE.to_string(),
            external: true,
            ..RoleFile::default()
        });
    }
    let person = seats
        .iter()
        .zip(&role_ids)
        .map(|(seat, role)| PersonFile {
            id: seat.id.clone(),
            name: seat.name.clone(),
            fills: vec![role.clone()],
        })
        .collect();
    let name = sources.name(reader.file);
    let kind = rules
        .map(Rules::declared_kinds)
        .unwrap_or_default()
        .into_iter()
        .map(|id| KindFile {
            id,
            description: None,
        })
        .collect();
    let scope = scopes
        .into_iter()
        .map(|(id, name)| ScopeFile {
            id,
            name: Some(name),
            description: None,
        })
        .collect();
    ModelFile {
        name: Path::new(name)
            .file_stem()
            .map_or(name.to_string(), |s| s.to_string_lossy().into_owned()),
        description: Some(format!(
            "Imported from {} by `orgraph import csv`{}: {} rows",
            file_name(name),
            rules.map_or(String::new(), |rules| format!(
                " with the title rules of {}",
                file_name(sources.name(rules.file()))
            )),
            seats.len()
        )),
        policy: policy(rules.map(Rules::required).unwrap_or_default()),
        kind,
        scope,
        role: roles,
        person,
        ..ModelFile::default()
    }
}

/// Rules applied to titles, each distinct title matched once.
struct Assigner<'r> {
    rules: &'r Rules,
    seen: FxHashMap<String, Option<Result<Assignment, super::rules::EmptyScope>>>,
}

impl<'r> Assigner<'r> {
    fn new(rules: &'r Rules) -> Assigner<'r> {
        Assigner {
            rules,
            seen: FxHashMap::default(),
        }
    }

    fn assign(&mut self, title: &str) -> Option<Result<Assignment, super::rules::EmptyScope>> {
        if let Some(known) = self.seen.get(title) {
            return known.clone();
        }
        let assigned = self.rules.assign(title);
        self.seen.insert(title.to_string(), assigned.clone());
        assigned
    }
}

/// Gives `role` what a rule assigns; the rule's scope joins `scopes`.
fn give(
    role: &mut RoleFile,
    assignment: &Assignment,
    scopes: &mut IndexMap<String, String, FxBuildHasher>,
) {
    role.archetype.clone_from(&assignment.archetype);
    role.track = assignment.track;
    let scope = assignment.scope.as_ref().map(|(id, name)| {
        scopes.entry(id.clone()).or_insert_with(|| name.clone());
        id.as_str()
    });
    for (level, kind) in &assignment.entries {
        let entry = match scope {
            Some(scope) => format!("{kind}@{scope}"),
            None => kind.clone(),
        };
        let list = match level {
            Level::Accountable => &mut role.owns,
            Level::Responsible => &mut role.responsible,
            Level::Consulted => &mut role.consulted,
            Level::Informed => &mut role.informed,
        };
        list.push(entry);
    }
}

/// The last part of a path as given.
fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map_or(path.to_string(), |s| s.to_string_lossy().into_owned())
}

/// The id of a role that several seats share: the manager's id and the title, made unique.
fn group_id(seat: &Seat, taken: &mut FxHashSet<String>) -> String {
    let title = match short_slug(&seat.title, 40) {
        slug if slug.is_empty() => "untitled".to_string(),
        slug => slug,
    };
    let base = match &seat.manager {
        Some(manager) => format!("{manager}-{title}"),
        None => title,
    };
    let mut id = base.clone();
    let mut n = 1;
    while !taken.insert(id.clone()) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}
