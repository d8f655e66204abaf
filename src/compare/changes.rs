//! What changed between two snapshots of one organization, on ids alone (SPEC section 6):
//! people who joined, left, moved or were retitled; roles added, removed, moved or retitled;
//! spans of control that changed.

use crate::model::{Model, PersonId, RoleId};
use std::cmp::Reverse;

/// One thing in both snapshots: its index in the first (`before`) and the second (`after`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Both<T> {
    /// In the first model.
    pub before: T,
    /// In the second model.
    pub after: T,
}

/// A person in both snapshots, with the role compared: the first role they fill in each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PersonChange {
    /// The person.
    pub person: Both<PersonId>,
    /// Their first role.
    pub role: Both<RoleId>,
}

/// Changes to people; empty lists when the models declare none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PeopleChanges {
    /// People only in the second model, in its file order.
    pub joined: Vec<PersonId>,
    /// People only in the first model, in its file order.
    pub left: Vec<PersonId>,
    /// People whose role's manager changed (by id).
    pub moved: Vec<PersonChange>,
    /// People whose role's title changed.
    pub retitled: Vec<PersonChange>,
}

/// Changes to roles.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoleChanges {
    /// Roles only in the second model, in its file order.
    pub added: Vec<RoleId>,
    /// Roles only in the first model, in its file order.
    pub removed: Vec<RoleId>,
    /// Roles whose manager changed (by id).
    pub moved: Vec<Both<RoleId>>,
    /// Roles whose title changed.
    pub retitled: Vec<Both<RoleId>>,
}

/// A role whose span of control (in seats) changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpanChange {
    /// The role.
    pub role: Both<RoleId>,
    /// Its span in the first model.
    pub from: usize,
    /// Its span in the second model.
    pub to: usize,
}

impl SpanChange {
    /// How much the span grew (negative: shrank).
    pub fn delta(&self) -> i64 {
        self.to as i64 - self.from as i64
    }
}

/// Everything that changed from one snapshot to the next; lists of things in both models
/// follow the second model's file order, except `spans`, largest change first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// People joined, left, moved and retitled.
    pub people: PeopleChanges,
    /// Roles added, removed, moved and retitled.
    pub roles: RoleChanges,
    /// Spans of control that changed.
    pub spans: Vec<SpanChange>,
}

impl Changes {
    /// Whether nothing changed.
    pub fn none(&self) -> bool {
        *self == Changes::default()
    }
}

/// The id of the manager of `role`, if it has one.
pub fn manager(model: &Model, role: RoleId) -> Option<&str> {
    model.roles[role].reports_to.map(|m| model.roles.key(m))
}

/// What changed from `before` to `after`, matching people and roles by id alone.
pub fn changes(before: &Model, after: &Model) -> Changes {
    Changes {
        people: people(before, after),
        roles: roles(before, after),
        spans: spans(before, after),
    }
}

fn people(before: &Model, after: &Model) -> PeopleChanges {
    let mut changes = PeopleChanges {
        left: before
            .people
            .iter()
            .filter(|(_, p)| after.people.id_of(&p.id).is_none())
            .map(|(id, _)| id)
            .collect(),
        ..PeopleChanges::default()
    };
    for (id, person) in after.people.iter() {
        let Some(was) = before.people.id_of(&person.id) else {
            changes.joined.push(id);
            continue;
        };
        // A person who fills no role in one of the snapshots has no manager or title to compare.
        let (Some(&old), Some(&new)) = (before.people[was].fills.first(), person.fills.first())
        else {
            continue;
        };
        let change = PersonChange {
            person: Both {
                before: was,
                after: id,
            },
            role: Both {
                before: old,
                after: new,
            },
        };
        if manager(before, old) != manager(after, new) {
            changes.moved.push(change);
        }
        if before.roles[old].title != after.roles[new].title {
            changes.retitled.push(change);
        }
    }
    changes
}

fn roles(before: &Model, after: &Model) -> RoleChanges {
    let mut changes = RoleChanges {
        removed: before
            .roles
            .iter()
            .filter(|(_, r)| after.roles.id_of(&r.id).is_none())
            .map(|(id, _)| id)
            .collect(),
        ..RoleChanges::default()
    };
    for (role, in_after) in after.roles.iter() {
        let Some(was) = before.roles.id_of(&in_after.id) else {
            changes.added.push(role);
            continue;
        };
        let both = Both {
            before: was,
            after: role,
        };
        if manager(before, was) != manager(after, role) {
            changes.moved.push(both);
        }
        if before.roles[was].title != in_after.title {
            changes.retitled.push(both);
        }
    }
    changes
}

/// Roles in both models whose span (seats of their direct reports) changed, largest change
/// first, ties in the second model's file order.
fn spans(before: &Model, after: &Model) -> Vec<SpanChange> {
    let (old, new) = (before.hierarchy(), after.hierarchy());
    let mut spans: Vec<SpanChange> = after
        .roles
        .iter()
        .filter_map(|(role, r)| {
            let was = before.roles.id_of(&r.id)?;
            let (from, to) = (old.span(was), new.span(role));
            (from != to).then_some(SpanChange {
                role: Both {
                    before: was,
                    after: role,
                },
                from,
                to,
            })
        })
        .collect();
    spans.sort_by_key(|span| Reverse(span.delta().unsigned_abs()));
    spans
}
