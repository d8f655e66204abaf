//! Checks over items (a kind on a scope): who owns, who is consulted, who holds what twice.
//! They read [`Holdings`], where an entry without `@SCOPE` is one holding of the kind on every
//! scope: a finding about such an entry is one finding, with no scope.

use super::holdings::{Holdings, Item};
use super::{Check, Context, Finding, MAX_RELATED, Rule, Writer, no_related, role_list, role_name};
use crate::model::items::{Holding, holders};
use crate::model::{Level, Model, RoleId, ScopeId};
use crate::source::Span;
use std::fmt;

fn roles_of(holders: &[Holding]) -> Vec<RoleId> {
    holders.iter().map(|h| h.role).collect()
}

/// An item for a message: `` `what@checkout` ``, or `` `what` on every scope ``.
fn item_phrase(model: &Model, item: Item) -> ItemText<'_> {
    ItemText {
        model,
        item,
        phrase: true,
    }
}

/// An item as a model file writes it: `what@checkout`, or `what`.
fn entry(model: &Model, item: Item) -> ItemText<'_> {
    ItemText {
        model,
        item,
        phrase: false,
    }
}

/// [`item_phrase`] or [`entry`], written straight into the message that names it.
struct ItemText<'m> {
    model: &'m Model,
    item: Item,
    /// As a message phrase ([`item_phrase`]), not as an entry ([`entry`]).
    phrase: bool,
}

impl fmt::Display for ItemText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, scope) = self.item;
        let kind = &self.model.kinds[kind].id;
        match (scope, self.phrase) {
            (Some(scope), true) => write!(f, "`{kind}@{}`", self.model.scopes[scope].id),
            (Some(scope), false) => write!(f, "{kind}@{}", self.model.scopes[scope].id),
            (None, true) => write!(f, "`{kind}` on every scope"),
            (None, false) => f.write_str(kind),
        }
    }
}

/// The holders at `level` of an item named by an entry, unless they are exactly the holders on
/// every scope and there are more than `limit` of those: then the finding about every scope
/// already says it.
fn more_than(
    holdings: &Holdings,
    (kind, scope): Item,
    item: &[Holding],
    level: Level,
    limit: usize,
) -> Option<Vec<Holding>> {
    let found = holders(item, level);
    if found.len() <= limit {
        return None;
    }
    if scope.is_some() {
        let every = holders(holdings.every(kind), level);
        if every.len() > limit && every.len() == found.len() {
            return None;
        }
    }
    Some(found)
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
    writer: None,
};

fn gap(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    for &kind in &model.policy.required {
        if !holders(cx.holdings().every(kind), Level::Accountable).is_empty() {
            continue;
        }
        for (scope_index, scope) in model.scopes.iter() {
            let holdings = cx.holdings().at(kind, scope_index);
            if !holders(&holdings, Level::Accountable).is_empty() {
                continue;
            }
            let item = model.item_name(kind, scope_index);
            let kind_id = &model.kinds[kind].id;
            let mut message = format!("nobody is accountable for `{kind_id}` on `{}`", scope.id);
            let responsible = roles_of(&holders(&holdings, Level::Responsible));
            let consulted = roles_of(&holders(&holdings, Level::Consulted));
            let mut who = Vec::new();
            if !responsible.is_empty() {
                who.push(format!("{} responsible", role_list(model, &responsible)));
            }
            if !consulted.is_empty() {
                who.push(format!("{} consulted", role_list(model, &consulted)));
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
    writer: None,
};

fn duplicate_owner(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    for (item, holdings) in cx.holdings().items() {
        let Some(owners) = more_than(cx.holdings(), item, &holdings, Level::Accountable, 1) else {
            continue;
        };
        let roles = roles_of(&owners);
        let entry_span = |h: &Holding| model.roles[h.role].responsibilities[h.entry].span;
        let mut finding = Finding::new(
            Check::DuplicateOwner,
            format!(
                "{} has {} accountable roles: {}",
                item_phrase(model, item),
                owners.len(),
                role_list(model, &roles)
            ),
            "keep one accountable role; make the others responsible or consulted",
        )
        .roles(roles)
        .item(item.0, item.1)
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
    writer: None,
};

fn too_many_consulted(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    let limit = model.policy.max_consulted;
    for (item, holdings) in cx.holdings().items() {
        let Some(consulted) = more_than(cx.holdings(), item, &holdings, Level::Consulted, limit)
        else {
            continue;
        };
        let roles = roles_of(&consulted);
        let first = &consulted[0];
        out.push(
            Finding::new(
                Check::TooManyConsulted,
                format!(
                    "{} has {} consulted roles, more than max_consulted {limit}: {}",
                    item_phrase(model, item),
                    consulted.len(),
                    role_list(model, &roles)
                ),
                "consult fewer roles; keep the rest informed",
            )
            .roles(roles)
            .item(item.0, item.1)
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
RACI levels (say accountable and consulted). Accountable and responsible together are one cell,
RACI's "A/R" (the owner also does the work), and are not reported. Two entries without `@SCOPE`
are one finding, not one per scope.

Why it matters: a role has one relation to each item. Two levels make the RACI matrix
contradict itself, and usually hide an edit that was half done.

How to fix it: keep one entry for the item, at the level that is true.

Example:
    [[role]]
    id = "pm"
    owns = ["what"]
    consulted = ["market"]     # was also: "what@checkout"
"#,
    writer: Some(CONFLICT_TEXT),
};

/// A/R: owning an item and doing the work on it is one RACI cell, not a conflict.
fn is_accountable_and_responsible(levels: [Level; 2]) -> bool {
    matches!(
        levels,
        [Level::Accountable, Level::Responsible] | [Level::Responsible, Level::Accountable]
    )
}

fn conflicting_levels(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    // In a model with one scope, an entry without `@SCOPE` is an entry for that scope.
    let single = (model.scopes.len() == 1).then(|| ScopeId::new(0));
    // Each entry as (kind, scope or every scope, entry), never expanded per scope.
    let mut held: Vec<(crate::model::KindId, Option<ScopeId>, usize)> = Vec::new();
    let mut group: Vec<usize> = Vec::new();
    for (role_index, role) in model.roles.iter() {
        held.clear();
        held.extend(
            role.responsibilities
                .iter()
                .enumerate()
                .map(|(entry, r)| (r.kind, r.scope.or(single), entry)),
        );
        if held.len() < 2 {
            continue;
        }
        held.sort_unstable();
        for of_kind in held.chunk_by(|a, b| a.0 == b.0) {
            let kind = of_kind[0].0;
            // `None` sorts first: the entries for every scope, then each named scope's.
            let every = of_kind.partition_point(|e| e.1.is_none());
            let (on_every, named) = of_kind.split_at(every);
            let every_scope = (on_every.len() > 1).then_some((None, &[][..]));
            let each_scope = named
                .chunk_by(|a, b| a.1 == b.1)
                .map(|entries| (entries[0].1, entries));
            for (scope, entries) in every_scope.into_iter().chain(each_scope) {
                group.clear();
                group.extend(on_every.iter().chain(entries).map(|e| e.2));
                group.sort_unstable();
                if group.len() > 1
                    && let Some(finding) = conflict(model, role_index, (kind, scope), &group)
                {
                    out.push(finding);
                }
            }
        }
    }
}

/// The finding about `role` holding `item` through `entries` (two or more, in file order),
/// unless they are one A/R cell. Its text is written from these ([`CONFLICT_TEXT`]).
fn conflict(model: &Model, role: RoleId, item: Item, entries: &[usize]) -> Option<Finding> {
    let responsibilities = &model.roles[role].responsibilities;
    if let [a, b] = entries
        && is_accountable_and_responsible([responsibilities[*a].level, responsibilities[*b].level])
    {
        return None;
    }
    // Entry positions fit in 32 bits: inputs are under 4 GiB.
    let entries: Vec<u32> = entries.iter().map(|&e| e as u32).collect();
    Some(
        Finding::data(Check::ConflictingLevels, &entries)
            .roles(vec![role])
            .item(item.0, item.1)
            .at(Some(responsibilities[entries[1] as usize].span)),
    )
}

/// The role, item and entries (positions in the role's responsibilities) of a
/// `conflicting-levels` finding.
fn conflict_of(finding: &Finding) -> Option<(RoleId, Item, impl Iterator<Item = usize> + '_)> {
    let role = *finding.roles.first()?;
    let entries = finding.numbers().iter().map(|&e| e as usize);
    Some((role, (finding.kind?, finding.scope), entries))
}

const CONFLICT_TEXT: Writer = Writer {
    message: |model, finding, f| {
        let Some((role, item, entries)) = conflict_of(finding) else {
            return Ok(());
        };
        let responsibilities = &model.roles[role].responsibilities;
        let names: Vec<&str> = entries.map(|e| responsibilities[e].level.name()).collect();
        if names.windows(2).all(|w| w[0] == w[1]) {
            write!(
                f,
                "{} holds {} {} times as {}",
                role_name(model, role),
                item_phrase(model, item),
                names.len(),
                names.first().unwrap_or(&"")
            )
        } else {
            write!(
                f,
                "{} holds {} at several levels: {}",
                role_name(model, role),
                item_phrase(model, item),
                names.join(", ")
            )
        }
    },
    help: |model, finding, f| {
        let Some((_, item, _)) = conflict_of(finding) else {
            return Ok(());
        };
        write!(
            f,
            "keep one entry for \"{}\": a role holds an item at one RACI level (accountable and responsible together are fine)",
            entry(model, item)
        )
    },
    related: |model, finding| {
        let Some((role, _, entries)) = conflict_of(finding) else {
            return Vec::new();
        };
        let responsibilities = &model.roles[role].responsibilities;
        let spans: Vec<Span> = entries.map(|e| responsibilities[e].span).collect();
        let first = spans.first().map(|&span| (span, "first held here"));
        let again = spans.iter().skip(2).map(|&span| (span, "held again here"));
        first.into_iter().chain(again).take(MAX_RELATED).collect()
    },
};

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
    writer: Some(OVERLOADED_ROLE_TEXT),
};

fn overloaded_role(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    let limit = model.policy.max_owned;
    let mut owned: Vec<(crate::model::KindId, Option<ScopeId>)> = Vec::new();
    for (role_index, role) in model.roles.iter() {
        owned.clear();
        owned.extend(
            role.responsibilities
                .iter()
                .filter(|r| r.level == Level::Accountable)
                .map(|r| (r.kind, r.scope)),
        );
        owned.sort_unstable();
        owned.dedup();
        // Counted per kind, not expanded: an entry for every scope owns every scope's item.
        let items: usize = owned
            .chunk_by(|a, b| a.0 == b.0)
            .map(|of_kind| match of_kind[0].1 {
                None => model.scopes.len(),
                Some(_) => of_kind.len(),
            })
            .sum();
        if items > limit {
            // Counts fit in 32 bits: inputs are under 4 GiB.
            out.push(
                Finding::data(Check::OverloadedRole, &[items as u32])
                    .roles(vec![role_index])
                    .at(Some(role.span)),
            );
        }
    }
}

const OVERLOADED_ROLE_TEXT: Writer = Writer {
    message: |model, finding, f| {
        write!(
            f,
            "{} is accountable for {} items, more than max_owned {}",
            role_name(model, finding.roles[0]),
            finding.numbers().first().unwrap_or(&0),
            model.policy.max_owned
        )
    },
    help: |_, _, f| {
        f.write_str("hand some items to other roles: one role deciding everything is a bottleneck")
    },
    related: no_related,
};

pub(super) const NO_RESPONSIBLE: Rule = Rule {
    check: Check::NoResponsible,
    run: no_responsible,
    explain: r#"What it looks for: an item (a kind on a scope) with an accountable role but no
responsible one. A role that is both accountable and responsible (RACI "A/R") counts as
responsible. Allowed by default: turn it on with `--warn no-responsible` or in `[checks]`. It does
not run on a plain org chart (a model where no role holds any responsibility).

Why it matters: RACI asks for at least one R on every item: someone who does the work. An owner
with nobody responsible either does it alone, unrecorded, or it is not done.

How to fix it: make a role responsible for the item; or, when the owner does the work, say so
with the owner holding it as responsible too.

Example:
    [[role]]
    id = "pm"
    owns = ["what"]
    responsible = ["what"]      # A/R: the product manager writes the requirements
"#,
    writer: None,
};

fn no_responsible(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    for (item, holdings) in cx.holdings().items() {
        let owners = roles_of(&holders(&holdings, Level::Accountable));
        if owners.is_empty() || !holders(&holdings, Level::Responsible).is_empty() {
            continue;
        }
        let (kind, scope) = item;
        let mut message = format!(
            "{} has an accountable role, {}, but no responsible one",
            item_phrase(model, item),
            role_list(model, &owners)
        );
        match scope {
            None => {
                // Scopes whose own entries name a responsible role are not part of it.
                let covered = cx.holdings().scopes_with(kind, Level::Responsible);
                if covered == model.scopes.len() {
                    continue;
                }
                if covered > 0 {
                    message.push_str(&format!(
                        " on {} of {} scopes",
                        model.scopes.len() - covered,
                        model.scopes.len()
                    ));
                }
            }
            // An owner on every scope: the finding about every scope says it.
            Some(_) if !holders(cx.holdings().every(kind), Level::Accountable).is_empty() => {
                continue;
            }
            Some(_) => {}
        }
        let first = holdings
            .iter()
            .find(|h| h.level == Level::Accountable)
            .map(|h| model.roles[h.role].responsibilities[h.entry].span);
        out.push(
            Finding::new(
                Check::NoResponsible,
                message,
                format!(
                    "add \"{}\" to the `responsible` of the role that does the work (the owner may hold both: A/R)",
                    entry(model, item)
                ),
            )
            .roles(owners)
            .item(kind, scope)
            .at(first),
        );
    }
}
