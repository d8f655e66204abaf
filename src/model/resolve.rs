//! The resolve stage: the merged raw model to a [`Model`] whose references are all indexes
//! that exist, one function per section. Every reference that does not resolve is a
//! diagnostic with the closest id as a suggestion.

use super::ids::Positions;
use super::load::MAX_DIAGNOSTICS;
use super::raw::{ITEMS_ON_TWO_THREADS, RawKind, RawModel, RawPolicy, RawScope, RoleRefs};
use super::reader::{Spanned, did_you_mean, is_valid_id, list};
use super::symbols::{Ref, Sym, Symbols};
use super::*;
use crate::diag::Diagnostic;
use crate::source::{Sources, Span};
use rustc_hash::FxHashMap;

/// Resolves `raw`, whose references are `symbols`; `None` when it has no usable shape, and
/// then `errors` says why.
pub(super) fn resolve(
    raw: RawModel,
    canon: &Canon,
    sources: &Sources,
    symbols: &Symbols,
    errors: &mut Vec<Diagnostic>,
) -> Option<Model> {
    let mut resolver = Resolver {
        canon,
        sources,
        symbols,
        errors,
    };
    let name = resolver.name(raw.name, raw.root);
    let kinds = kinds(raw.kinds);
    let scopes = scopes(raw.scopes);
    let policy = resolver.policy(raw.policy, &kinds);
    let mut roles = raw.roles;
    let mut role_refs = raw.role_refs;
    resolver.responsibilities_in_halves(&mut roles, &mut role_refs, &kinds, &scopes);
    let mut roles = section(roles, raw.role_positions);
    // Each symbol's role, and where `remove` dropped it (a reference to it gets its own
    // message): one lookup per distinct string (half of them on a second thread in a large
    // model), then none per reference.
    let targets = Targets {
        roles: crate::parallel::map(symbols.len(), ITEMS_ON_TWO_THREADS, |at| {
            roles.id_of(symbols.text(at))
        }),
        removed: removed(&raw.removed, symbols),
    };
    resolver.lines(&mut roles, role_refs, &targets);
    let mut people = raw.people;
    for (person, fills) in people.iter_mut().zip(raw.fills) {
        person.fills = fills
            .iter()
            .filter_map(|fill| resolver.role(fill, &roles, &targets))
            .collect();
    }
    let people = section(people, raw.people_positions);
    Some(Model {
        name,
        description: raw.description,
        company: raw.company.unwrap_or_default(),
        policy,
        checks: checks(raw.checks),
        kinds,
        scopes,
        roles,
        people,
        sources: Sources::default(),
        derived: Default::default(),
    })
}

/// A section over `items`, with their positions when the reader found them.
fn section<I: Id, T: Keyed>(items: Vec<T>, positions: Option<Positions>) -> Section<I, T> {
    match positions {
        Some(positions) => Section::indexed(items, positions),
        None => Section::from_vec(items),
    }
}

/// The built-in kinds, then the model's; a declared kind with a built-in id replaces it.
fn kinds(declared: Vec<RawKind>) -> Section<KindId, Kind> {
    let mut kinds = Section::with_capacity(BUILTIN_KINDS.len() + declared.len());
    for (id, description) in BUILTIN_KINDS {
        kinds.insert(Kind {
            id: id.to_string(),
            description: Some(description.to_string()),
            span: None,
        });
    }
    for kind in declared {
        kinds.insert(Kind {
            id: kind.id.value,
            description: kind.description,
            span: Some(kind.id.span),
        });
    }
    kinds
}

/// The model's scopes, or the one implicit scope `product` when it declares none.
fn scopes(declared: Vec<RawScope>) -> Section<ScopeId, Scope> {
    let mut scopes = Section::with_capacity(declared.len().max(1));
    for scope in declared {
        scopes.insert(Scope {
            id: scope.id.value,
            name: scope.name,
            description: scope.description,
            span: Some(scope.id.span),
        });
    }
    if scopes.is_empty() {
        scopes.insert(Scope {
            id: DEFAULT_SCOPE.to_string(),
            name: None,
            description: None,
            span: None,
        });
    }
    scopes
}

fn checks(raw: Vec<(Spanned<String>, CheckLevel)>) -> Vec<CheckSetting> {
    raw.into_iter()
        .map(|(code, level)| CheckSetting {
            code: code.value,
            level,
            span: code.span,
        })
        .collect()
}

/// Where `remove` dropped each symbol's role, if it did; the first `remove` that names it. By
/// text: a string can have two symbols ([`Symbols::append`]).
fn removed(removed: &[Spanned<String>], symbols: &Symbols) -> Vec<Option<Span>> {
    if removed.is_empty() {
        return Vec::new();
    }
    let mut first: FxHashMap<&str, Span> = FxHashMap::default();
    for removed in removed {
        first.entry(&removed.value).or_insert(removed.span);
    }
    symbols
        .iter()
        .map(|text| first.get(text).copied())
        .collect()
}

/// What each symbol names as a role, by [`Sym::index`].
struct Targets {
    roles: Vec<Option<RoleId>>,
    removed: Vec<Option<Span>>,
}

struct Resolver<'a> {
    canon: &'a Canon,
    sources: &'a Sources,
    symbols: &'a Symbols,
    errors: &'a mut Vec<Diagnostic>,
}

impl Resolver<'_> {
    fn name(&mut self, name: Option<String>, root: Span) -> String {
        name.unwrap_or_else(|| {
            self.errors.push(
                Diagnostic::error("the model has no `name`")
                    .at(root, "expected `name` at the top of the file")
                    .help("add `name = \"Acme\"` before the first table"),
            );
            String::new()
        })
    }

    fn policy(&mut self, raw: RawPolicy, kinds: &Section<KindId, Kind>) -> Policy {
        let mut required = Vec::new();
        for kind in raw.required.iter().flatten() {
            match kinds.id_of(&kind.value) {
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
        Policy {
            required: match raw.required {
                Some(_) => required,
                None => (0..BUILTIN_KINDS.len()).map(KindId::new).collect(),
            },
            max_span: raw.max_span.unwrap_or(DEFAULT_MAX_SPAN),
            max_depth: raw.max_depth.unwrap_or(DEFAULT_MAX_DEPTH),
            max_hats: raw.max_hats.unwrap_or(DEFAULT_MAX_HATS),
            max_owned: raw.max_owned.unwrap_or(DEFAULT_MAX_OWNED),
            max_consulted: raw.max_consulted.unwrap_or(DEFAULT_MAX_CONSULTED),
        }
    }

    /// [`Resolver::responsibilities`] in two halves, at once past [`ITEMS_ON_TWO_THREADS`]
    /// roles; the second half's errors follow the first's, as in one pass.
    fn responsibilities_in_halves(
        &mut self,
        roles: &mut [Role],
        refs: &mut [RoleRefs],
        kinds: &Section<KindId, Kind>,
        scopes: &Section<ScopeId, Scope>,
    ) {
        let two_threads = roles.len() >= ITEMS_ON_TWO_THREADS;
        let half = roles.len() / 2;
        let (roles, more_roles) = roles.split_at_mut(half);
        let (refs, more_refs) = refs.split_at_mut(half);
        let mut errors = Vec::new();
        let mut second = Resolver {
            canon: self.canon,
            sources: self.sources,
            symbols: self.symbols,
            errors: &mut errors,
        };
        crate::parallel::join_if(
            two_threads,
            || self.responsibilities(roles, refs, kinds, scopes),
            || second.responsibilities(more_roles, more_refs, kinds, scopes),
        );
        self.errors.extend(errors);
    }

    /// Each role's archetype checked and responsibilities resolved; each role's entries are
    /// dropped once read, so that they and the responsibilities are not all alive at once.
    fn responsibilities(
        &mut self,
        roles: &mut [Role],
        refs: &mut [RoleRefs],
        kinds: &Section<KindId, Kind>,
        scopes: &Section<ScopeId, Scope>,
    ) {
        // Responsibilities already resolved, by their symbol; an error is never kept, so that
        // each occurrence is reported.
        let mut known: FxHashMap<Sym, (KindId, Option<ScopeId>)> = FxHashMap::default();
        for (role, refs) in roles.iter_mut().zip(refs) {
            if let (Some(archetype), Some(span)) = (&role.archetype, refs.archetype())
                && !self.canon.archetypes.contains_key(archetype)
            {
                let known: Vec<&str> = self.canon.archetypes.keys().map(String::as_str).collect();
                self.unresolved(
                    "archetype",
                    archetype,
                    span,
                    known.into_iter(),
                    "archetypes come from the canon: `orgraph archetypes` lists them",
                );
            }
            let entries = std::mem::take(&mut refs.entries);
            if let (Some(external), Some((_, first))) = (refs.external(), entries.first()) {
                self.errors.push(
                    Diagnostic::error(format!(
                        "external role `{}` holds {} responsibilit{}",
                        role.id,
                        entries.len(),
                        if entries.len() == 1 { "y" } else { "ies" }
                    ))
                    .at(first.span, "an external role holds no responsibility")
                    .also(external, "declared external here")
                    .help("an external role stands for someone outside the model; give these responsibilities to a role inside it, or remove `external = true`"),
                );
            }
            let mut responsibilities = Vec::with_capacity(entries.len());
            for &(level, entry) in &entries {
                // A large model names the same few items a million times: each is parsed once.
                let item = match known.get(&entry.sym) {
                    Some(&item) => Some(item),
                    None => self.entry(entry, kinds, scopes).inspect(|&item| {
                        known.insert(entry.sym, item);
                    }),
                };
                if let Some((kind, scope)) = item {
                    responsibilities.push(Responsibility {
                        kind,
                        scope,
                        level,
                        span: entry.span,
                    });
                }
            }
            role.responsibilities = responsibilities;
        }
    }

    /// `reports_to` and `dotted_to` of every role, in role order.
    fn lines(&mut self, roles: &mut Section<RoleId, Role>, refs: Vec<RoleRefs>, targets: &Targets) {
        // With a repeated id (an error already) the section has fewer roles than `refs`, and
        // the model is discarded; every reference is still resolved, to report it.
        let count = roles.len();
        for (at, refs) in refs.into_iter().enumerate() {
            let reports_to = refs
                .reports_to
                .and_then(|to| self.role(&to, roles, targets));
            let dotted_to: Vec<RoleId> = refs
                .dotted_to()
                .iter()
                .filter_map(|to| self.role(to, roles, targets))
                .collect();
            if at < count {
                let role = roles.get_mut(RoleId::new(at));
                role.reports_to = reports_to;
                role.dotted_to = dotted_to;
            }
        }
    }

    /// A reference to a role (`reports_to`, `dotted_to`, `fills`) to its index.
    fn role(
        &mut self,
        reference: &Ref,
        roles: &Section<RoleId, Role>,
        targets: &Targets,
    ) -> Option<RoleId> {
        let at = reference.sym.index();
        let found = targets.roles.get(at).copied().flatten();
        if found.is_some() {
            return found;
        }
        let name = self.symbols.get(reference.sym);
        match targets.removed.get(at).copied().flatten() {
            Some(removed) => self.errors.push(
                Diagnostic::error(format!(
                    "role `{name}` is removed with `remove`, but is still referred to"
                ))
                .at(reference.span, "refers to the removed role")
                .also(removed, "removed here")
                .help("redeclare the role that refers to it with another `reports_to`, or keep the role"),
            ),
            None => self.unresolved(
                "role",
                name,
                reference.span,
                roles.keys().map(String::as_str),
                "declare it with a [[role]] table, or fix the id",
            ),
        }
        None
    }

    /// `KIND` or `KIND@SCOPE` to indexes; `None` scope means every scope.
    fn entry(
        &mut self,
        entry: Ref,
        kinds: &Section<KindId, Kind>,
        scopes: &Section<ScopeId, Scope>,
    ) -> Option<(KindId, Option<ScopeId>)> {
        let text = self.symbols.get(entry.sym);
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
        let kind_index = kinds.id_of(kind);
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
                let index = scopes.id_of(scope);
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
}
