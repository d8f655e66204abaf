//! Checks over people: hats and vacancies.

use super::{Check, Context, Finding, Rule, Writer, no_related, person_name, role_list, role_name};
use crate::model::{IdVec, RoleId};

pub(super) const OVERLOADED_PERSON: Rule = Rule {
    check: Check::OverloadedPerson,
    run: overloaded_person,
    explain: r#"What it looks for: a person who fills more than `[policy] max_hats` roles
(default 3).

Why it matters: in small companies one person wears several hats (the source document's comments
say so); past a few, the hats stop getting worn. The roles stay on the chart while the work
quietly stops.

How to fix it: hire for one of the roles or hand it to someone else; while the company is small
and this is deliberate, raise `max_hats`.

Example:
    [policy]
    max_hats = 4
"#,
    writer: None,
};

fn overloaded_person(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    let limit = model.policy.max_hats;
    for (index, person) in model.people.iter() {
        let mut roles: Vec<RoleId> = Vec::with_capacity(person.fills.len());
        for &role in &person.fills {
            // An external role is outside the model: not a hat worn in it.
            if !roles.contains(&role) && !model.roles[role].external {
                roles.push(role);
            }
        }
        if roles.len() > limit {
            out.push(
                Finding::new(
                    Check::OverloadedPerson,
                    format!(
                        "{} fills {} roles, more than max_hats {limit}: {}",
                        person_name(model, index),
                        roles.len(),
                        role_list(model, &roles)
                    ),
                    "hire or hand over some of these roles, or raise `max_hats` while the company is small",
                )
                .people(vec![index])
                .at(Some(person.span)),
            );
        }
    }
}

pub(super) const UNFILLED_ROLE: Rule = Rule {
    check: Check::UnfilledRole,
    run: unfilled_role,
    explain: r#"What it looks for: a role that no person fills, in a model that declares people.
Models without any `[[person]]` are about roles alone and never get this finding.

Why it matters: responsibilities held by a vacant role are gaps in practice: nobody does the work
until the role is filled.

How to fix it: add the role to someone's `fills`, or remove it if it is not needed.

Example:
    [[person]]
    id = "carol"
    fills = ["pmm"]
"#,
    writer: Some(UNFILLED_ROLE_TEXT),
};

fn unfilled_role(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    if model.people.is_empty() {
        return;
    }
    // Whether a role is filled, not by whom: a flag per role, not a list of people per role.
    let mut filled = IdVec::filled(false, model.roles.len());
    for person in model.people.values() {
        for &role in &person.fills {
            filled[role] = true;
        }
    }
    for ((index, role), &filled) in model.roles.iter().zip(filled.iter()) {
        if !filled && !role.external {
            out.push(
                Finding::data(Check::UnfilledRole, &[])
                    .roles(vec![index])
                    .at(Some(role.span)),
            );
        }
    }
}

const UNFILLED_ROLE_TEXT: Writer = Writer {
    message: |model, finding, f| write!(f, "nobody fills {}", role_name(model, finding.roles[0])),
    help: |model, finding, f| {
        write!(
            f,
            "add \"{}\" to someone's `fills`, or remove the role if it is not needed",
            model.roles[finding.roles[0]].id
        )
    },
    related: no_related,
};
