//! Checks over items (a kind on a scope): who owns, who is consulted, who holds what twice.

use super::{Check, Context, Finding, Rule, id_list};
use crate::model::items::{Holding, holders};
use crate::model::{KindId, Level, Model, RoleId, ScopeId};

fn roles_of(holders: &[Holding]) -> Vec<RoleId> {
    holders.iter().map(|h| h.role).collect()
}

/// Role ids for a message.
fn named(model: &Model, roles: &[RoleId]) -> String {
    id_list(roles.iter().map(|&r| model.roles[r].id.as_str()))
}

pub(super) const GAP: Rule = Rule {
    check: Check::Gap,
    run: gap,
    explain: r#"What it looks for: a kind listed in `[policy] required` (by default what, how,
strategy, execution, market, customers) that no role is accountable for on a scope. An entry
without `@SCOPE` covers every scope. Responsible or consulted roles do not close a gap.

Why it matters: the source document is a list of ownerships: the Product Manager defines the
what, the Project Manager the how, Product Marketing talks to the market, Marketing to the
customers. A responsibility nobody owns is decided by whoever shouts loudest, or by nobody.

How to fix it: make exactly one role accountable for the item. If someone is already responsible
for it (the message says who), that role is often the natural owner.

Example:
    [[role]]
    id = "pmm-checkout"
    title = "Product Marketing Manager, Checkout"
    owns = ["market@checkout"]
"#,
};

fn gap(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    for (scope_index, scope) in model.scopes.iter() {
        for &kind in &model.policy.required {
            let holdings = cx.items.holdings(kind, scope_index);
            if !holders(holdings, Level::Accountable).is_empty() {
                continue;
            }
            let item = model.item_name(kind, scope_index);
            let kind_id = &model.kinds[kind].id;
            let mut message = format!("nobody is accountable for `{kind_id}` on `{}`", scope.id);
            let responsible = roles_of(&holders(holdings, Level::Responsible));
            let consulted = roles_of(&holders(holdings, Level::Consulted));
            let mut who = Vec::new();
            if !responsible.is_empty() {
                who.push(format!("{} responsible", named(model, &responsible)));
            }
            if !consulted.is_empty() {
                who.push(format!("{} consulted", named(model, &consulted)));
            }
            if !who.is_empty() {
                message.push_str(&format!(" ({})", who.join("; ")));
            }
            let help = match responsible.first() {
                Some(&role) => format!(
                    "make `{}` accountable: move \"{item}\" to its `owns`",
                    model.roles[role].id
                ),
                None => {
                    format!("add \"{item}\" to the `owns` of the one role that should decide it")
                }
            };
            out.push(
                Finding::new(Check::Gap, message, help)
                    .item(kind, Some(scope_index))
                    .at(scope.span),
            );
        }
    }
}

pub(super) const DUPLICATE_OWNER: Rule = Rule {
    check: Check::DuplicateOwner,
    run: duplicate_owner,
    explain: r#"What it looks for: a kind on a scope with two or more accountable roles (`owns`).
A role that names the same item twice still counts once.

Why it matters: accountability is the one RACI level that must not be shared. The source
document exists because companies confuse roles; two owners of the what (a product manager and a
product marketing manager, say) means two versions of the requirements and no one to settle them.

How to fix it: keep one owner; make the others responsible (they do the work) or consulted (they
are asked before the decision).

Example:
    [[role]]
    id = "pm-checkout"
    owns = ["what@checkout"]

    [[role]]
    id = "pmm-checkout"
    consulted = ["what@checkout"]    # was: owns
"#,
};

fn duplicate_owner(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    for (kind, scope, holdings) in cx.items.items() {
        let owners = holders(holdings, Level::Accountable);
        if owners.len() < 2 {
            continue;
        }
        let roles = roles_of(&owners);
        let entry_span = |h: &Holding| model.roles[h.role].responsibilities[h.entry].span;
        let mut finding = Finding::new(
            Check::DuplicateOwner,
            format!(
                "`{}` has {} accountable roles: {}",
                model.item_name(kind, scope),
                owners.len(),
                named(model, &roles)
            ),
            "keep one accountable role; make the others responsible or consulted".into(),
        )
        .roles(roles)
        .item(kind, Some(scope))
        .at(Some(entry_span(&owners[0])));
        for owner in &owners[1..] {
            finding = finding.also(
                entry_span(owner),
                format!("also owned by `{}`", model.roles[owner.role].id),
            );
        }
        out.push(finding);
    }
}

pub(super) const TOO_MANY_CONSULTED: Rule = Rule {
    check: Check::TooManyConsulted,
    run: too_many_consulted,
    explain: r#"What it looks for: an item with more than `[policy] max_consulted` consulted roles
(default 4). Allowed by default: turn it on with `--warn too-many-consulted` or in `[checks]`.

Why it matters: every consulted role is a conversation before a decision; past a handful, the
decision is made by committee and slowly.

How to fix it: consult the roles whose input changes the decision; keep the others informed.

Example:
    [[role]]
    id = "support-lead"
    informed = ["what@checkout"]    # was: consulted
"#,
};

fn too_many_consulted(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    let limit = model.policy.max_consulted;
    for (kind, scope, holdings) in cx.items.items() {
        let consulted = holders(holdings, Level::Consulted);
        if consulted.len() <= limit {
            continue;
        }
        let roles = roles_of(&consulted);
        let first = &consulted[0];
        out.push(
            Finding::new(
                Check::TooManyConsulted,
                format!(
                    "`{}` has {} consulted roles, more than max_consulted {limit}: {}",
                    model.item_name(kind, scope),
                    consulted.len(),
                    named(model, &roles)
                ),
                "consult fewer roles; keep the rest informed".into(),
            )
            .roles(roles)
            .item(kind, Some(scope))
            .at(Some(
                model.roles[first.role].responsibilities[first.entry].span,
            )),
        );
    }
}

pub(super) const CONFLICTING_LEVELS: Rule = Rule {
    check: Check::ConflictingLevels,
    run: conflicting_levels,
    explain: r#"What it looks for: one role that holds the same item (kind on a scope) twice:
the same entry twice, an entry for every scope and one for a single scope, or the item at two
RACI levels (say accountable and consulted).

Why it matters: a role has one relation to each item. Two levels make the RACI matrix
contradict itself, and usually hide an edit that was half done.

How to fix it: keep one entry for the item, at the level that is true.

Example:
    [[role]]
    id = "pm"
    owns = ["what"]
    consulted = ["market"]     # was also: "what@checkout"
"#,
};

fn conflicting_levels(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    let mut held: Vec<(KindId, ScopeId, usize)> = Vec::new();
    for (role_index, role) in model.roles.iter() {
        held.clear();
        for (entry, responsibility) in role.responsibilities.iter().enumerate() {
            for scope in model.scopes_of(responsibility) {
                held.push((responsibility.kind, scope, entry));
            }
        }
        if held.len() < 2 {
            continue;
        }
        held.sort_unstable();
        for group in held.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
            if group.len() < 2 {
                continue;
            }
            let (kind, scope, _) = group[0];
            let entries: Vec<&crate::model::Responsibility> = group
                .iter()
                .map(|&(_, _, e)| &role.responsibilities[e])
                .collect();
            let levels: Vec<&str> = entries.iter().map(|r| r.level.name()).collect();
            let item = model.item_name(kind, scope);
            let message = if levels.windows(2).all(|w| w[0] == w[1]) {
                format!(
                    "`{}` holds `{item}` {} times as {}",
                    role.id,
                    levels.len(),
                    levels[0]
                )
            } else {
                format!(
                    "`{}` holds `{item}` at several levels: {}",
                    role.id,
                    levels.join(", ")
                )
            };
            let mut finding = Finding::new(
                Check::ConflictingLevels,
                message,
                "keep one entry for the item: a role holds an item at one RACI level".into(),
            )
            .roles(vec![role_index])
            .item(kind, Some(scope))
            .at(Some(entries[1].span))
            .also(entries[0].span, "first held here");
            for entry in &entries[2..] {
                finding = finding.also(entry.span, "held again here");
            }
            out.push(finding);
        }
    }
}

pub(super) const OVERLOADED_ROLE: Rule = Rule {
    check: Check::OverloadedRole,
    run: overloaded_role,
    explain: r#"What it looks for: a role accountable for more than `[policy] max_owned` items
(default 6), counting each kind on each scope once.

Why it matters: one owner of everything is a bottleneck: every decision waits for the same role,
and the org chart hides that the company really has one decision-maker.

How to fix it: hand some items to other roles (a product manager per product line, product
marketing for the market), or raise `max_owned` while the company is small.

Example:
    [[role]]
    id = "pm-payments"
    owns = ["what@payments", "strategy@payments"]
"#,
};

fn overloaded_role(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    let limit = model.policy.max_owned;
    let mut owned: Vec<(KindId, ScopeId)> = Vec::new();
    for (role_index, role) in model.roles.iter() {
        owned.clear();
        for responsibility in role
            .responsibilities
            .iter()
            .filter(|r| r.level == Level::Accountable)
        {
            owned.extend(
                model
                    .scopes_of(responsibility)
                    .map(|scope| (responsibility.kind, scope)),
            );
        }
        owned.sort_unstable();
        owned.dedup();
        if owned.len() > limit {
            out.push(
                Finding::new(
                    Check::OverloadedRole,
                    format!(
                        "`{}` is accountable for {} items, more than max_owned {limit}",
                        role.id,
                        owned.len()
                    ),
                    "hand some items to other roles: one role deciding everything is a bottleneck"
                        .into(),
                )
                .roles(vec![role_index])
                .at(Some(role.span)),
            );
        }
    }
}
