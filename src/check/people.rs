//! Checks over people: hats and vacancies.

use super::{Check, Context, Finding, id_list};

pub(crate) fn overloaded_person(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    let limit = model.policy.max_hats;
    for (index, person) in model.people.values().enumerate() {
        let mut roles: Vec<usize> = Vec::with_capacity(person.fills.len());
        for &role in &person.fills {
            if !roles.contains(&role) {
                roles.push(role);
            }
        }
        if roles.len() > limit {
            out.push(
                Finding::new(
                    Check::OverloadedPerson,
                    format!(
                        "`{}` fills {} roles, more than max_hats {limit}: {}",
                        person.id,
                        roles.len(),
                        id_list(roles.iter().map(|&r| model.roles[r].id.as_str()))
                    ),
                    "hire or hand over some of these roles, or raise `max_hats` while the company is small".into(),
                )
                .people(vec![index])
                .at(Some(person.span)),
            );
        }
    }
}

pub(crate) fn unfilled_role(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    if model.people.is_empty() {
        return;
    }
    for (index, (role, fillers)) in model.roles.values().zip(model.fillers()).enumerate() {
        if fillers.is_empty() {
            out.push(
                Finding::new(
                    Check::UnfilledRole,
                    format!("nobody fills `{}`", role.id),
                    format!(
                        "add \"{}\" to someone's `fills`, or remove the role if it is not needed",
                        role.id
                    ),
                )
                .roles(vec![index])
                .at(Some(role.span)),
            );
        }
    }
}
