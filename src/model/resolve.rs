//! The resolve stage: the merged raw model to a [`Model`] whose references are all indexes
//! that exist, one function per section. Every reference that does not resolve is a
//! diagnostic with the closest id as a suggestion.

use super::load::MAX_DIAGNOSTICS;
use super::raw::{RawKind, RawModel, RawPerson, RawPolicy, RawRole, RawScope};
use super::reader::{Spanned, did_you_mean, is_valid_id, list};
use super::*;
use crate::diag::Diagnostic;
use crate::source::{Sources, Span};
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// Resolves `raw`; `None` when it has no usable shape, and then `errors` says why.
pub(super) fn resolve(
    raw: RawModel,
    canon: &Canon,
    sources: &Sources,
    errors: &mut Vec<Diagnostic>,
) -> Option<Model> {
    let mut resolver = Resolver {
        canon,
        sources,
        errors,
    };
    let name = resolver.name(raw.name, raw.root);
    let kinds = kinds(raw.kinds);
    let scopes = scopes(raw.scopes);
    let policy = resolver.policy(raw.policy, &kinds);
    let (mut roles, lines) = resolver.roles(raw.roles, &kinds, &scopes);
    // A reference to a role that `remove` dropped gets its own message.
    let removed: HashMap<&str, Span> = raw
        .removed
        .iter()
        .rev()
        .map(|removed| (removed.value.as_str(), removed.span))
        .collect();
    let lines = resolver.lines(lines, &roles, &removed);
    let people = resolver.people(raw.people, &roles, &removed);
    // With a duplicate id (an error already) the zip may misalign; that model is discarded.
    for (role, (reports_to, dotted_to)) in roles.values_mut().zip(lines) {
        role.reports_to = reports_to;
        role.dotted_to = dotted_to;
    }
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

/// A role's reporting lines as written: `reports_to` and `dotted_to`.
type Lines = (Option<Spanned<String>>, Vec<Spanned<String>>);

struct Resolver<'a> {
    canon: &'a Canon,
    sources: &'a Sources,
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

    /// Roles with their archetypes and responsibilities resolved; their reporting lines are
    /// returned as written, to resolve once every role exists.
    fn roles(
        &mut self,
        raw: Vec<RawRole>,
        kinds: &Section<KindId, Kind>,
        scopes: &Section<ScopeId, Scope>,
    ) -> (Section<RoleId, Role>, Vec<Lines>) {
        let mut roles = Section::with_capacity(raw.len());
        let mut lines = Vec::with_capacity(raw.len());
        // Responsibilities already resolved, by their text; an error is never kept, so that
        // each occurrence is reported.
        let mut known: FxHashMap<String, (KindId, Option<ScopeId>)> = FxHashMap::default();
        for role in raw {
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
                // A large model names the same few items a million times: each is parsed once.
                let item = match known.get(entry.value.as_str()) {
                    Some(&item) => Some(item),
                    None => self.entry(entry, kinds, scopes).inspect(|&item| {
                        known.insert(entry.value.clone(), item);
                    }),
                };
                if let Some((kind, scope)) = item {
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
                id: role.id.value,
            };
            roles.insert(resolved);
        }
        (roles, lines)
    }

    /// `reports_to` and `dotted_to` of every role, in role order.
    fn lines(
        &mut self,
        lines: Vec<Lines>,
        roles: &Section<RoleId, Role>,
        removed: &HashMap<&str, Span>,
    ) -> Vec<(Option<RoleId>, Vec<RoleId>)> {
        lines
            .into_iter()
            .map(|(reports_to, dotted_to)| {
                (
                    reports_to.and_then(|r| self.role(&r, roles, removed)),
                    dotted_to
                        .iter()
                        .filter_map(|r| self.role(r, roles, removed))
                        .collect(),
                )
            })
            .collect()
    }

    fn people(
        &mut self,
        raw: Vec<RawPerson>,
        roles: &Section<RoleId, Role>,
        removed: &HashMap<&str, Span>,
    ) -> Section<PersonId, Person> {
        let mut people = Section::with_capacity(raw.len());
        for person in raw {
            let fills = person
                .fills
                .iter()
                .filter_map(|r| self.role(r, roles, removed))
                .collect();
            let resolved = Person {
                name: person.name,
                fills,
                span: person.id.span,
                id: person.id.value,
            };
            people.insert(resolved);
        }
        people
    }

    /// A reference to a role (`reports_to`, `dotted_to`, `fills`) to its index.
    fn role(
        &mut self,
        reference: &Spanned<String>,
        roles: &Section<RoleId, Role>,
        removed: &HashMap<&str, Span>,
    ) -> Option<RoleId> {
        let found = roles.id_of(&reference.value);
        if found.is_some() {
            return found;
        }
        match removed.get(reference.value.as_str()) {
            Some(&removed) => self.errors.push(
                Diagnostic::error(format!(
                    "role `{}` is removed with `remove`, but is still referred to",
                    reference.value
                ))
                .at(reference.span, "refers to the removed role")
                .also(removed, "removed here")
                .help("redeclare the role that refers to it with another `reports_to`, or keep the role"),
            ),
            None => self.unresolved(
                "role",
                &reference.value,
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
        entry: &Spanned<String>,
        kinds: &Section<KindId, Kind>,
        scopes: &Section<ScopeId, Scope>,
    ) -> Option<(KindId, Option<ScopeId>)> {
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
