//! The `changes` section for people: who joined, left, moved and was retitled, which roles
//! were added, removed, moved and retitled, and whose span changed, named by title.

use super::{Block, Section, plural};
use crate::compare::{Changes, Comparison, PersonChange};
use crate::model::{Model, PersonId, RoleId};

/// A role for people: `Title (id)`.
pub(crate) fn role_name(model: &Model, role: RoleId) -> String {
    format!("{} ({})", model.roles[role].title, model.roles[role].id)
}

/// A role's manager for people, or `no manager`.
fn manager_name(model: &Model, role: RoleId) -> String {
    model.roles[role]
        .reports_to
        .map_or_else(|| "no manager".to_string(), |m| role_name(model, m))
}

/// A person for people: their name (and id, when it differs), then their first role's title.
fn person_name(model: &Model, person: PersonId) -> String {
    let p = &model.people[person];
    let mut name = p.display_name().to_string();
    if name != p.id {
        name.push_str(&format!(" ({})", p.id));
    }
    if let Some(&role) = p.fills.first() {
        name.push_str(&format!(", {}", model.roles[role].title));
    }
    name
}

/// `Title (id), reports to Manager (id)`, for a person or role that joined or left.
fn placed(model: &Model, name: String, role: Option<RoleId>) -> String {
    match role.and_then(|r| model.roles[r].reports_to) {
        Some(manager) => format!("{name}, reports to {}", role_name(model, manager)),
        None if role.is_some() => format!("{name}, with no manager"),
        None => name,
    }
}

/// With two models, what changed from the first to the second: one section.
pub(super) fn changes(comparison: &Comparison) -> Option<Section> {
    let changes = comparison.changes.as_ref()?;
    let [before, after] = [0, 1].map(|side| comparison.sides[side].model);
    let [from, to] = [0, 1].map(|side| &comparison.sides[side].label);
    let mut blocks = vec![Block::Text(summary(changes, before, after))];
    let mut list = |heading: String, items: Vec<String>| {
        if !items.is_empty() {
            blocks.push(Block::Text(heading));
            blocks.push(Block::List(items));
        }
    };
    let people = &changes.people;
    list(
        format!("{} joined:", people_count(people.joined.len())),
        people
            .joined
            .iter()
            .map(|&p| {
                placed(
                    after,
                    person_name(after, p),
                    after.people[p].fills.first().copied(),
                )
            })
            .collect(),
    );
    list(
        format!("{} left:", people_count(people.left.len())),
        people
            .left
            .iter()
            .map(|&p| {
                placed(
                    before,
                    person_name(before, p),
                    before.people[p].fills.first().copied(),
                )
            })
            .collect(),
    );
    let moved = |change: &PersonChange| {
        format!(
            "{}: {} -> {}",
            person_name(after, change.person.after),
            manager_name(before, change.role.before),
            manager_name(after, change.role.after)
        )
    };
    list(
        format!(
            "{} moved to another manager:",
            people_count(people.moved.len())
        ),
        people.moved.iter().map(moved).collect(),
    );
    list(
        format!("{} retitled:", people_count(people.retitled.len())),
        people
            .retitled
            .iter()
            .map(|change| {
                let p = &after.people[change.person.after];
                format!(
                    "{}: {} -> {}",
                    p.display_name(),
                    before.roles[change.role.before].title,
                    after.roles[change.role.after].title
                )
            })
            .collect(),
    );
    let roles = &changes.roles;
    list(
        format!("{} added:", plural(roles.added.len(), "role")),
        roles
            .added
            .iter()
            .map(|&r| placed(after, role_name(after, r), Some(r)))
            .collect(),
    );
    list(
        format!("{} removed:", plural(roles.removed.len(), "role")),
        roles
            .removed
            .iter()
            .map(|&r| placed(before, role_name(before, r), Some(r)))
            .collect(),
    );
    list(
        format!(
            "{} moved to another manager:",
            plural(roles.moved.len(), "role")
        ),
        roles
            .moved
            .iter()
            .map(|both| {
                format!(
                    "{}: {} -> {}",
                    role_name(after, both.after),
                    manager_name(before, both.before),
                    manager_name(after, both.after)
                )
            })
            .collect(),
    );
    list(
        format!("{} retitled:", plural(roles.retitled.len(), "role")),
        roles
            .retitled
            .iter()
            .map(|both| {
                format!(
                    "{}: {} -> {}",
                    after.roles[both.after].id,
                    before.roles[both.before].title,
                    after.roles[both.after].title
                )
            })
            .collect(),
    );
    list(
        format!(
            "{} changed (direct reports, in seats), largest change first:",
            plural(changes.spans.len(), "span")
        ),
        changes
            .spans
            .iter()
            .map(|span| {
                format!(
                    "{}: {} -> {} ({:+})",
                    role_name(after, span.role.after),
                    span.from,
                    span.to,
                    span.delta()
                )
            })
            .collect(),
    );
    Some(Section {
        title: format!("Changes from {from} to {to}, by id"),
        blocks,
    })
}

fn people_count(n: usize) -> String {
    format!("{n} {}", if n == 1 { "person" } else { "people" })
}

/// One paragraph of counts.
fn summary(changes: &Changes, before: &Model, after: &Model) -> String {
    if changes.none() {
        return "Nothing changed: the same people and roles, with the same managers, titles and \
                spans."
            .into();
    }
    let people = &changes.people;
    let roles = &changes.roles;
    let mut text = if before.people.is_empty() && after.people.is_empty() {
        "Neither model declares people. ".to_string()
    } else {
        format!(
            "People: {} joined, {} left, {} moved to another manager, {} retitled. ",
            people.joined.len(),
            people.left.len(),
            people.moved.len(),
            people.retitled.len()
        )
    };
    text.push_str(&format!(
        "Roles: {} added, {} removed, {} moved to another manager, {} retitled. \
         Spans of control: {} changed.",
        roles.added.len(),
        roles.removed.len(),
        roles.moved.len(),
        roles.retitled.len(),
        changes.spans.len()
    ));
    text
}
