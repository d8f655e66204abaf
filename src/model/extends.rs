//! The `extends` stage: a model file and the chain of bases it extends, read one after the
//! other (a loop, never recursion: a chain is as long as a user makes it) and merged, each
//! child over its base, one function per section.

use super::load::MAX_DIAGNOSTICS;
use super::raw::{self, RawFile, RawModel, RawPolicy, RoleRefs};
use super::reader::{Spanned, did_you_mean, read_source};
use super::symbols::{Ref, Symbols};
use super::syntax::Format;
use super::{CheckLevel, Person, Role};
use crate::diag::Diagnostic;
use crate::source::{FileId, Sources, Span};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The most files one `extends` chain may have, the model itself included. Real chains are a
/// few files long; a longer one is a mistake (or an input made to exhaust the loader).
pub const MAX_EXTENDS: usize = 64;

/// Where a chain starts: a file to read, or text already in [`Sources`].
pub(super) enum Start<'p> {
    Path(&'p Path),
    Loaded {
        file: FileId,
        format: Format,
        /// What `extends` paths are relative to.
        path: &'p Path,
    },
}

/// One file of the chain and the roles it removes from its base.
struct Link {
    model: RawModel,
    remove: Vec<Spanned<String>>,
}

/// Reads the chain that starts at `start`, then merges it from the outermost base down; every
/// file's references are in `symbols`. A file that cannot be read ends the chain there (its
/// error is in `errors`).
pub(super) fn read_chain(
    sources: &mut Sources,
    symbols: &mut Symbols,
    errors: &mut Vec<Diagnostic>,
    start: Start,
) -> Option<RawModel> {
    let mut links: Vec<Link> = Vec::new();
    // Files read so far: canonical paths to find a cycle, and paths as the user wrote them.
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut chain: Vec<(PathBuf, String)> = Vec::new();
    let (mut path, mut loaded, mut from) = match start {
        Start::Path(path) => (path.to_path_buf(), None, None),
        Start::Loaded { file, format, path } => (path.to_path_buf(), Some((file, format)), None),
    };
    loop {
        let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen.contains(&canonical) {
            errors.push(cycle_error(&chain, &canonical, &path, from));
            break;
        }
        let read = match loaded.take() {
            Some(read) => Ok(read),
            None => read_source(sources, &path, from),
        };
        let (file, format) = match read {
            Ok(read) => read,
            Err(error) => {
                errors.push(error);
                break;
            }
        };
        let Some(RawFile {
            model,
            extends,
            remove,
        }) = raw::read(sources, file, format, from, symbols, errors)
        else {
            break;
        };
        seen.insert(canonical.clone());
        chain.push((canonical, sources.name(file).to_string()));
        links.push(Link { model, remove });
        let Some(base) = extends else {
            if let Some(first) = links.last().and_then(|link| link.remove.first()) {
                errors.push(
                    Diagnostic::error("`remove` without `extends`")
                        .at(first.span, "nothing is inherited to remove")
                        .help("delete `remove`, or add `extends = \"base.toml\"`"),
                );
            }
            break;
        };
        if links.len() == MAX_EXTENDS {
            errors.push(
                Diagnostic::error(format!(
                    "the `extends` chain is longer than {MAX_EXTENDS} files"
                ))
                .at(base.span, format!("file {} of the chain", MAX_EXTENDS + 1))
                .help(format!(
                    "a chain has at most {MAX_EXTENDS} files; merge some of the bases into one file"
                )),
            );
            break;
        }
        path = path.parent().unwrap_or(Path::new("")).join(&base.value);
        from = Some(base.span);
    }
    // The innermost file read is the base of all; a `remove` it names had nothing to apply to.
    let mut links = links.into_iter().rev();
    let mut merged = links.next()?.model;
    for link in links {
        merged = merge(merged, link.model, &link.remove, symbols, errors);
    }
    Some(merged)
}

/// `extends` came back to a file of the chain: the error names the chain as written.
fn cycle_error(
    chain: &[(PathBuf, String)],
    canonical: &Path,
    path: &Path,
    from: Option<Span>,
) -> Diagnostic {
    let position = chain
        .iter()
        .position(|(seen, _)| seen == canonical)
        .unwrap_or_default();
    let shown = path.display().to_string();
    let cycle: Vec<&str> = chain[position..]
        .iter()
        .map(|(_, shown)| shown.as_str())
        .chain(std::iter::once(shown.as_str()))
        .collect();
    let error = Diagnostic::error("`extends` forms a cycle").help(format!(
        "the chain is {}; remove one `extends`",
        cycle.join(" -> ")
    ));
    match from {
        Some(span) => error.at(span, "extended again here"),
        None => error,
    }
}

/// The child over its base: same ids replace, new ids append, `remove` drops inherited roles.
fn merge(
    parent: RawModel,
    child: RawModel,
    remove: &[Spanned<String>],
    symbols: &Symbols,
    errors: &mut Vec<Diagnostic>,
) -> RawModel {
    let child_roles = zip(child.roles, child.role_refs);
    let (roles, removed) = remove_roles(zip(parent.roles, parent.role_refs), remove, errors);
    let people = take_off_removed(
        zip(parent.people, parent.fills),
        removed,
        &child_roles,
        symbols,
    );
    let (roles, role_refs) = by_id(roles, child_roles, |(r, _)| &r.id)
        .into_iter()
        .unzip();
    let (people, fills) = by_id(people, zip(child.people, child.fills), |(p, _)| &p.id)
        .into_iter()
        .unzip();
    RawModel {
        root: child.root,
        name: child.name.or(parent.name),
        description: child.description.or(parent.description),
        company: child.company.or(parent.company),
        policy: merge_policy(parent.policy, child.policy),
        checks: merge_checks(parent.checks, child.checks),
        kinds: by_id(parent.kinds, child.kinds, |k| &k.id.value),
        scopes: by_id(parent.scopes, child.scopes, |s| &s.id.value),
        roles,
        role_refs,
        people,
        fills,
        removed: parent
            .removed
            .into_iter()
            .chain(remove.iter().cloned())
            .collect(),
        role_positions: None,
        people_positions: None,
    }
}

/// A section's items with what is beside each, as one vector to merge by id.
fn zip<T, U>(items: Vec<T>, beside: Vec<U>) -> Vec<(T, U)> {
    items.into_iter().zip(beside).collect()
}

/// The base's items with the child's over them: same ids replace in place, new ids append.
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

/// The inherited roles without those `remove` names, and the ids removed. Naming a role the
/// base does not have (or naming one twice) is an error.
fn remove_roles(
    roles: Vec<(Role, RoleRefs)>,
    remove: &[Spanned<String>],
    errors: &mut Vec<Diagnostic>,
) -> (Vec<(Role, RoleRefs)>, HashSet<String>) {
    let index: HashMap<&str, usize> = roles
        .iter()
        .enumerate()
        .map(|(i, (role, _))| (role.id.as_str(), i))
        .collect();
    let mut dropped = vec![false; roles.len()];
    let mut removed: HashSet<String> = HashSet::new();
    for entry in remove {
        match index.get(entry.value.as_str()) {
            Some(&i) if !dropped[i] => {
                dropped[i] = true;
                removed.insert(entry.value.clone());
            }
            _ => {
                let mut error = Diagnostic::error(format!(
                    "`remove` names `{}`, which the base model does not have",
                    entry.value
                ))
                .at(entry.span, "no inherited role has this id");
                // A suggestion scans every role: past what is shown it would only cost time.
                let left = || {
                    roles
                        .iter()
                        .zip(&dropped)
                        .filter(|(_, dropped)| !**dropped)
                        .map(|((role, _), _)| role.id.as_str())
                };
                if errors.len() < MAX_DIAGNOSTICS
                    && let Some(close) = did_you_mean(&entry.value, left())
                {
                    error = error.help(format!("did you mean `{close}`?"));
                }
                errors.push(error);
            }
        }
    }
    let roles = roles
        .into_iter()
        .zip(dropped)
        .filter(|(_, dropped)| !dropped)
        .map(|(role, _)| role)
        .collect();
    (roles, removed)
}

/// A removed role is a hat taken off: inherited people stop filling it, unless the child
/// declares a role with that id again.
fn take_off_removed(
    mut people: Vec<(Person, Vec<Ref>)>,
    mut removed: HashSet<String>,
    child_roles: &[(Role, RoleRefs)],
    symbols: &Symbols,
) -> Vec<(Person, Vec<Ref>)> {
    for (role, _) in child_roles {
        removed.remove(role.id.as_str());
    }
    if !removed.is_empty() {
        for (_, fills) in &mut people {
            fills.retain(|role| !removed.contains(symbols.get(role.sym)));
        }
    }
    people
}

/// The child's levels over the base's; a check the child sets moves to the end.
fn merge_checks(
    mut checks: Vec<(Spanned<String>, CheckLevel)>,
    child: Vec<(Spanned<String>, CheckLevel)>,
) -> Vec<(Spanned<String>, CheckLevel)> {
    for (code, level) in child {
        checks.retain(|(c, _)| c.value != code.value);
        checks.push((code, level));
    }
    checks
}

fn merge_policy(parent: RawPolicy, child: RawPolicy) -> RawPolicy {
    RawPolicy {
        required: child.required.or(parent.required),
        max_span: child.max_span.or(parent.max_span),
        max_depth: child.max_depth.or(parent.max_depth),
        max_hats: child.max_hats.or(parent.max_hats),
        max_owned: child.max_owned.or(parent.max_owned),
        max_consulted: child.max_consulted.or(parent.max_consulted),
    }
}
