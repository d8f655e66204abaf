//! Checks over items (a kind on a scope): who owns, who is consulted, who holds what twice.

use super::{Check, Context, Finding, id_list};
use crate::model::{Level, Model};

/// One role holding one item at one level, through one entry of its responsibilities.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Holding {
    pub role: usize,
    pub level: Level,
    pub entry: usize,
}

/// The holdings of every item, bucketed by item (`kind * scopes + scope`), roles in file order.
pub(crate) struct ItemTable {
    pub buckets: Vec<Vec<Holding>>,
    scopes: usize,
}

impl ItemTable {
    pub fn build(model: &Model) -> ItemTable {
        let scopes = model.scopes.len();
        let mut buckets = vec![Vec::new(); model.kinds.len() * scopes];
        for (role, r) in model.roles.values().enumerate() {
            for (entry, responsibility) in r.responsibilities.iter().enumerate() {
                for scope in model.scopes_of(responsibility) {
                    buckets[responsibility.kind * scopes + scope].push(Holding {
                        role,
                        level: responsibility.level,
                        entry,
                    });
                }
            }
        }
        ItemTable { buckets, scopes }
    }

    /// Every item as (kind, scope, holdings).
    pub fn items(&self) -> impl Iterator<Item = (usize, usize, &[Holding])> {
        self.buckets
            .iter()
            .enumerate()
            .map(|(i, holdings)| (i / self.scopes, i % self.scopes, holdings.as_slice()))
    }

    pub fn holdings(&self, kind: usize, scope: usize) -> &[Holding] {
        &self.buckets[kind * self.scopes + scope]
    }
}

/// The distinct roles holding an item at `level`, each with its first entry; in file order.
pub(crate) fn holders(holdings: &[Holding], level: Level) -> Vec<Holding> {
    let mut holders: Vec<Holding> = Vec::new();
    for holding in holdings.iter().filter(|h| h.level == level) {
        // Holdings come role by role, so a role naming the item twice is adjacent.
        if holders.last().is_none_or(|last| last.role != holding.role) {
            holders.push(*holding);
        }
    }
    holders
}

fn roles_of(holders: &[Holding]) -> Vec<usize> {
    holders.iter().map(|h| h.role).collect()
}

/// Role ids for a message.
fn named(model: &Model, roles: &[usize]) -> String {
    id_list(roles.iter().map(|&r| model.roles[r].id.as_str()))
}

pub(crate) fn gap(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    for (scope_index, scope) in model.scopes.values().enumerate() {
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

pub(crate) fn duplicate_owner(cx: &Context, out: &mut Vec<Finding>) {
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

pub(crate) fn too_many_consulted(cx: &Context, out: &mut Vec<Finding>) {
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

pub(crate) fn conflicting_levels(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    let mut held: Vec<(usize, usize, usize)> = Vec::new();
    for (role_index, role) in model.roles.values().enumerate() {
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

pub(crate) fn overloaded_role(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    let limit = model.policy.max_owned;
    let mut owned: Vec<(usize, usize)> = Vec::new();
    for (role_index, role) in model.roles.values().enumerate() {
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
