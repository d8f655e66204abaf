//! `import backstage`: Backstage catalog files (multi-document YAML) to a model. Each `Group` is
//! a role reporting to its `spec.parent`; each `User` a person filling the roles of the groups in
//! `spec.memberOf`. Other kinds are ignored.

use super::{ImportError, Imported, count, failed, is_model_id, policy, read_text, warning};
use crate::diag::Diagnostic;
use crate::model::schema::{ModelFile, PersonFile, RoleFile};
use crate::model::syntax::{self, Node, Value};
use crate::model::{Format, MAX_DIAGNOSTICS};
use crate::source::{FileId, Sources, Span};
use indexmap::IndexMap;
use std::path::Path;

/// The title of a parent group that no file declares.
pub const EXTERNAL_TITLE: &str = "(not in the catalog)";

const DEFAULT_NAMESPACE: &str = "default";

/// One `Group` or `User` entity, as read.
struct Entity {
    kind: EntityKind,
    /// The model id: the name, with the namespace before it when it is not `default`.
    id: String,
    name: String,
    namespace: String,
    /// `metadata.name` in the file.
    span: Span,
    display_name: Option<String>,
    description: Option<String>,
    group_type: Option<String>,
    parent: Option<Reference>,
    children: Vec<Reference>,
    member_of: Vec<Reference>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum EntityKind {
    Group,
    User,
}

/// An entity reference (`team-a`, `group:team-a`, `group:default/team-a`) resolved to an id.
struct Reference {
    id: String,
    span: Span,
}

/// Imports the catalog `paths` (see the module doc).
pub fn import(paths: &[&Path]) -> Result<Imported, ImportError> {
    let mut sources = Sources::default();
    let mut errors = Vec::new();
    let mut files = Vec::new();
    for path in paths {
        match read_text(&mut sources, path, None) {
            Ok(file) => files.push(file),
            Err(error) => errors.push(error),
        }
    }
    let mut entities = Vec::new();
    let mut ignored = 0;
    for &file in &files {
        read_entities(&sources, file, &mut entities, &mut ignored, &mut errors);
    }
    let mut groups: IndexMap<String, usize> = IndexMap::new();
    let mut users: IndexMap<String, usize> = IndexMap::new();
    for (index, entity) in entities.iter().enumerate() {
        let seen = match entity.kind {
            EntityKind::Group => &mut groups,
            EntityKind::User => &mut users,
        };
        if let Some(&first) = seen.get(&entity.id) {
            errors.push(
                Diagnostic::error(format!("two entities are `{}`", entity.id))
                    .at(entity.span, "declared again here")
                    .also(entities[first].span, "first declared here")
                    .help("an entity's kind, namespace and name are unique in a catalog"),
            );
        } else {
            seen.insert(entity.id.clone(), index);
        }
    }
    if !errors.is_empty() {
        errors.truncate(MAX_DIAGNOSTICS);
        return Err(failed(sources, errors));
    }
    let mut warnings = Vec::new();
    let model = build(&sources, &entities, &groups, &users, &mut warnings);
    if ignored > 0 {
        warnings.push(warning(format!(
            "{} of other kinds than Group and User ignored",
            count(ignored, "entity", "entities")
        )));
    }
    Ok(Imported::one(model, warnings, sources))
}

/// The documents of a YAML stream: each one's text and where it starts. A line that is `---`
/// (or starts with `--- `) starts a document; `...` ends one.
fn documents(text: &str) -> Vec<(usize, &str)> {
    let mut documents = Vec::new();
    let (mut start, mut offset) = (0, 0);
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end();
        let marker = bare == "---" || bare.starts_with("--- ") || bare == "...";
        if marker {
            documents.push((start, &text[start..offset]));
            start = offset
                + if bare.starts_with("--- ") {
                    4
                } else {
                    line.len()
                };
        }
        offset += line.len();
    }
    documents.push((start, &text[start..]));
    documents.retain(|(_, doc)| {
        doc.lines()
            .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
    });
    documents
}

fn read_entities(
    sources: &Sources,
    file: FileId,
    entities: &mut Vec<Entity>,
    ignored: &mut usize,
    errors: &mut Vec<Diagnostic>,
) {
    let text = sources.text(file);
    for (start, document) in documents(text) {
        let span = |range: &std::ops::Range<usize>| {
            Span::new(file, start + range.start..start + range.end)
        };
        let root = match syntax::parse(Format::Yaml, document) {
            Ok(root) => root,
            Err(error) => {
                errors.push(
                    Diagnostic::error(format!("invalid YAML: {}", error.message))
                        .at(span(&error.span), "here"),
                );
                continue;
            }
        };
        let kind = match text_of(get(&root, &["kind"])) {
            Some("Group") => EntityKind::Group,
            Some("User") => EntityKind::User,
            _ => {
                *ignored += 1;
                continue;
            }
        };
        let Some(name_node) = get(&root, &["metadata", "name"]) else {
            errors.push(
                Diagnostic::error("this entity has no `metadata.name`")
                    .at(
                        span(&(0..document.trim_end().len().min(1))),
                        "this document",
                    )
                    .help("every Backstage entity has a name"),
            );
            continue;
        };
        let name = text_of(Some(name_node)).unwrap_or("");
        let namespace = text_of(get(&root, &["metadata", "namespace"]))
            .unwrap_or(DEFAULT_NAMESPACE)
            .to_string();
        let id = entity_id(&namespace, name);
        if !is_model_id(&id) {
            errors.push(
                Diagnostic::error(format!("`{name}` cannot be an id"))
                    .at(span(&name_node.span), "this name")
                    .help("Backstage names are letters, digits, `-`, `_` and `.`"),
            );
            continue;
        }
        let references = |path: &[&str]| -> Vec<Reference> {
            let items: Vec<&Node> = match get(&root, path).map(|n| &n.value) {
                Some(Value::Array(items)) => items.iter().collect(),
                Some(Value::Str(_)) => get(&root, path).into_iter().collect(),
                _ => Vec::new(),
            };
            items
                .into_iter()
                .filter_map(|item| {
                    Some(Reference {
                        id: reference(text_of(Some(item))?, &namespace),
                        span: span(&item.span),
                    })
                })
                .collect()
        };
        let entity = Entity {
            kind,
            span: span(&name_node.span),
            display_name: text_of(get(&root, &["spec", "profile", "displayName"]))
                .map(str::to_string),
            description: text_of(get(&root, &["metadata", "description"])).map(str::to_string),
            group_type: text_of(get(&root, &["spec", "type"])).map(str::to_string),
            parent: references(&["spec", "parent"]).into_iter().next(),
            children: references(&["spec", "children"]),
            member_of: references(&["spec", "memberOf"]),
            id,
            name: name.to_string(),
            namespace,
        };
        entities.push(entity);
    }
}

fn get<'n, 'a>(node: &'n Node<'a>, path: &[&str]) -> Option<&'n Node<'a>> {
    path.iter().try_fold(node, |node, key| match &node.value {
        Value::Table(entries) => entries
            .iter()
            .find(|entry| entry.key == *key)
            .map(|entry| &entry.value),
        _ => None,
    })
}

fn text_of<'n>(node: Option<&'n Node<'_>>) -> Option<&'n str> {
    match &node?.value {
        Value::Str(text) => Some(text.trim()).filter(|t| !t.is_empty()),
        _ => None,
    }
}

fn entity_id(namespace: &str, name: &str) -> String {
    if namespace == DEFAULT_NAMESPACE {
        name.to_string()
    } else {
        format!("{namespace}.{name}")
    }
}

/// `name`, `kind:name` or `kind:namespace/name` to an id; a reference without a namespace is in
/// the namespace of the entity that makes it, as Backstage reads it.
fn reference(text: &str, namespace: &str) -> String {
    let rest = text.split_once(':').map_or(text, |(_, rest)| rest);
    match rest.split_once('/') {
        Some((namespace, name)) => entity_id(namespace, name),
        None => entity_id(namespace, rest),
    }
}

fn build(
    sources: &Sources,
    entities: &[Entity],
    groups: &IndexMap<String, usize>,
    users: &IndexMap<String, usize>,
    warnings: &mut Vec<Diagnostic>,
) -> ModelFile {
    let group = |id: &str| groups.get(id).map(|&i| &entities[i]);
    let mut external: IndexMap<&str, Span> = IndexMap::new();
    let mut roles = Vec::new();
    for &index in groups.values() {
        let entity = &entities[index];
        if let Some(parent) = &entity.parent {
            match group(&parent.id) {
                Some(manager) => {
                    if !manager.children.is_empty()
                        && !manager.children.iter().any(|c| c.id == entity.id)
                    {
                        warnings.push(
                            warning(format!(
                                "`{}` names `{}` as its parent, but `{}` does not list it among its children; the parent wins",
                                entity.id, manager.id, manager.id
                            ))
                            .at(parent.span, "the parent")
                            .also(manager.span, "the group whose children leave it out"),
                        );
                    }
                }
                None => {
                    external.entry(&parent.id).or_insert(parent.span);
                }
            }
        }
        for child in &entity.children {
            match group(&child.id) {
                None => warnings.push(
                    warning(format!(
                        "`{}` lists the child `{}`, which no file declares; it is left out",
                        entity.id, child.id
                    ))
                    .at(child.span, "this child"),
                ),
                Some(c) if c.parent.as_ref().map(|p| p.id.as_str()) != Some(entity.id.as_str()) => {
                    warnings.push(
                        warning(format!(
                            "`{}` lists `{}` as a child, but `{}` has {}; the parent wins",
                            entity.id,
                            c.id,
                            c.id,
                            match &c.parent {
                                Some(p) => format!("the parent `{}`", p.id),
                                None => "no parent".to_string(),
                            }
                        ))
                        .at(child.span, "the child")
                        .also(c.span, "the group"),
                    );
                }
                Some(_) => {}
            }
        }
        let name = entity
            .display_name
            .clone()
            .unwrap_or_else(|| entity.name.clone());
        roles.push(RoleFile {
            id: entity.id.clone(),
            title: match &entity.group_type {
                Some(kind) => format!("{name} ({kind})"),
                None => name,
            },
            description: entity.description.clone(),
            reports_to: entity.parent.as_ref().map(|p| p.id.clone()),
            team: (entity.namespace != DEFAULT_NAMESPACE).then(|| entity.namespace.clone()),
            ..RoleFile::default()
        });
    }
    if let Some((first, span)) = external.first() {
        warnings.push(
            warning(match external.len() {
                1 => format!("the parent group `{first}` is not in the catalog; it becomes an external role titled `{EXTERNAL_TITLE}`"),
                n => format!("{n} parent groups are not in the catalog; each becomes an external role titled `{EXTERNAL_TITLE}` (the first: `{first}`)"),
            })
            .at(*span, "named here"),
        );
    }
    roles.extend(external.keys().map(|id| RoleFile {
        id: id.to_string(),
        title: EXTERNAL_TITLE.to_string(),
        external: true,
        ..RoleFile::default()
    }));
    let mut people = Vec::new();
    for &index in users.values() {
        let user = &entities[index];
        let mut fills = Vec::new();
        for membership in &user.member_of {
            if group(&membership.id).is_some() {
                fills.push(membership.id.clone());
            } else {
                warnings.push(
                    warning(format!(
                        "`{}` is a member of `{}`, which no file declares; the membership is left out",
                        user.id, membership.id
                    ))
                    .at(membership.span, "this group"),
                );
            }
        }
        people.push(PersonFile {
            id: user.id.clone(),
            name: user.display_name.clone(),
            fills,
        });
    }
    let first = sources.name(FileId(0));
    ModelFile {
        name: Path::new(first)
            .file_stem()
            .map_or(first.to_string(), |s| s.to_string_lossy().into_owned()),
        description: Some(format!(
            "Imported from {} by `orgraph import backstage`: {}, {}",
            sources
                .names()
                .map(|name| Path::new(name)
                    .file_name()
                    .map_or(name.to_string(), |s| s.to_string_lossy().into_owned()))
                .collect::<Vec<_>>()
                .join(", "),
            count(groups.len(), "group", "groups"),
            count(users.len(), "user", "users")
        )),
        policy: policy(Vec::new()),
        role: roles,
        person: people,
        ..ModelFile::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_in_all_three_spellings() {
        assert_eq!(reference("team-a", "default"), "team-a");
        assert_eq!(reference("group:team-a", "default"), "team-a");
        assert_eq!(reference("group:default/team-a", "development"), "team-a");
        assert_eq!(reference("team-a", "development"), "development.team-a");
        assert_eq!(reference("group:ops/sre", "default"), "ops.sre");
    }

    #[test]
    fn a_stream_splits_into_documents() {
        let text = "# a comment\n---\nkind: Group\n---\n\n--- \nkind: User\n...\n";
        let docs: Vec<_> = documents(text)
            .into_iter()
            .map(|(s, d)| (s, d.trim()))
            .collect();
        assert_eq!(docs, [(16, "kind: Group"), (38, "kind: User")]);
    }
}
