//! For two models, what changed from the first to the second, on ids alone (SPEC section 6):
//! people who joined, left, moved or were retitled, roles added, removed, moved or retitled,
//! and spans of control, largest change first. The lists come from `compare`'s [`Changes`];
//! this module only draws them.

use super::role_name;
use crate::compare::{Changes, Comparison, PersonChange};
use crate::model::{Model, PersonId, RoleId};
use maud::{Markup, html};

/// Items shown in each list before the rest are folded, as the terminal output does.
const SHOWN: usize = 20;
/// Items a list holds in all, so two big snapshots still make a page that opens; the rest are
/// counted with the command that lists them.
const LISTED: usize = 500;

pub(super) fn section(comparison: &Comparison) -> Markup {
    let Some(changes) = &comparison.changes else {
        return html! {};
    };
    let [before, after] = [0, 1].map(|side| comparison.sides[side].model);
    let [from, to] = [0, 1].map(|side| comparison.sides[side].label.as_str());
    let command = format!(
        "orgraph compare {} {} --changes-only --format json",
        before.path(),
        after.path()
    );
    let people = &changes.people;
    let roles = &changes.roles;
    let person_moved = |c: &PersonChange| {
        html! {
            (person_name(after, c.person.after)) ": "
            (manager_name(before, c.role.before)) " → " (manager_name(after, c.role.after))
        }
    };
    let person_retitled = |c: &PersonChange| {
        html! {
            (after.people[c.person.after].display_name()) ": "
            (before.roles[c.role.before].title) " → " (after.roles[c.role.after].title)
        }
    };
    html! {
        section.changes id="changes" aria-labelledby="changes-title" {
            h3 id="changes-title" { "Changes from " (from) " to " (to) ", by id" }
            (summary(changes, before, after))
            (list(&command, &people_count(people.joined.len(), "joined"), &people.joined,
                |&p| placed(after, person_name(after, p), after.people[p].fills.first().copied())))
            (list(&command, &people_count(people.left.len(), "left"), &people.left,
                |&p| placed(before, person_name(before, p), before.people[p].fills.first().copied())))
            (list(&command, &people_count(people.moved.len(), "moved to another manager"),
                &people.moved, person_moved))
            (list(&command, &people_count(people.retitled.len(), "retitled"), &people.retitled,
                person_retitled))
            (list(&command, &roles_count(roles.added.len(), "added"), &roles.added,
                |&r| placed(after, role_name(after, r), Some(r))))
            (list(&command, &roles_count(roles.removed.len(), "removed"), &roles.removed,
                |&r| placed(before, role_name(before, r), Some(r))))
            (list(&command, &roles_count(roles.moved.len(), "moved to another manager"), &roles.moved,
                |both| html! {
                    (role_name(after, both.after)) ": "
                    (manager_name(before, both.before)) " → " (manager_name(after, both.after))
                }))
            (list(&command, &roles_count(roles.retitled.len(), "retitled"), &roles.retitled,
                |both| html! {
                    code { (after.roles[both.after].id) } ": "
                    (before.roles[both.before].title) " → " (after.roles[both.after].title)
                }))
            (list(&command,
                &format!("{} changed (direct reports, in seats), largest change first",
                    plural(changes.spans.len(), "span", "spans")),
                &changes.spans,
                |span| html! {
                    (role_name(after, span.role.after)) ": " (span.from) " → " (span.to)
                    " (" (format!("{:+}", span.delta())) ")"
                }))
        }
    }
}

/// One paragraph of counts, or that nothing changed.
fn summary(changes: &Changes, before: &Model, after: &Model) -> Markup {
    if changes.none() {
        return html! { p { "Nothing changed: the same people and roles, with the same managers, titles and spans." } };
    }
    let (people, roles) = (&changes.people, &changes.roles);
    html! {
        p.lead {
            @if before.people.is_empty() && after.people.is_empty() {
                "Neither model declares people. "
            } @else {
                "People: " (people.joined.len()) " joined, " (people.left.len()) " left, "
                (people.moved.len()) " moved to another manager, " (people.retitled.len()) " retitled. "
            }
            "Roles: " (roles.added.len()) " added, " (roles.removed.len()) " removed, "
            (roles.moved.len()) " moved to another manager, " (roles.retitled.len()) " retitled. "
            "Spans of control: " (changes.spans.len()) " changed."
        }
    }
}

/// A titled list: the first [`SHOWN`] items, the next ones up to [`LISTED`] in a closed
/// `<details>`, and a count of any beyond with the command that lists them all.
fn list<T>(command: &str, title: &str, items: &[T], item: impl Fn(&T) -> Markup) -> Markup {
    if items.is_empty() {
        return html! {};
    }
    let listed = items.len().min(LISTED);
    html! {
        h4 { (title) }
        ul.changes { @for i in &items[..listed.min(SHOWN)] { li { (item(i)) } } }
        @if listed > SHOWN {
            details.more {
                summary { "and " (items.len() - SHOWN) " more" }
                ul.changes { @for i in &items[SHOWN..listed] { li { (item(i)) } } }
                @if items.len() > listed {
                    p.note { "and " (items.len() - listed) " more, not listed here: "
                             code { (command) } " lists them all." }
                }
            }
        }
    }
}

/// A person: their name (and id when it differs), then the title of the first role they fill.
fn person_name(model: &Model, person: PersonId) -> Markup {
    let p = &model.people[person];
    html! {
        span.person-name {
            (p.display_name())
            @if p.display_name() != p.id { " " code { (p.id) } }
        }
        @if let Some(&role) = p.fills.first() { ", " (model.roles[role].title) }
    }
}

/// A role's manager, or `no manager`.
fn manager_name(model: &Model, role: RoleId) -> Markup {
    match model.roles[role].reports_to {
        Some(manager) => role_name(model, manager),
        None => html! { span.none { "no manager" } },
    }
}

/// Someone or some role that joined or left, with where it sits: `…, reports to Manager id`.
fn placed(model: &Model, name: Markup, role: Option<RoleId>) -> Markup {
    html! {
        (name)
        @match role.map(|r| model.roles[r].reports_to) {
            Some(Some(manager)) => { ", reports to " (role_name(model, manager)) }
            Some(None) => { ", with no manager" }
            None => {}
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn people_count(n: usize, what: &str) -> String {
    format!("{} {what}", plural(n, "person", "people"))
}

fn roles_count(n: usize, what: &str) -> String {
    format!("{} {what}", plural(n, "role", "roles"))
}
