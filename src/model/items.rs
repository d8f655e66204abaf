//! The index of items: for every item (a kind on a scope), the roles that hold it and at what
//! level. Built once per model ([`Model::items`]) for the checks and the comparison.

use super::{KindId, Level, Model, RoleId, ScopeId};

/// One role holding one item at one level, through one entry of its responsibilities.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Holding {
    /// The role.
    pub role: RoleId,
    /// The level it holds the item at.
    pub level: Level,
    /// The entry of [`Role::responsibilities`](super::Role::responsibilities) that says so.
    pub entry: usize,
}

/// The holdings of every item, bucketed by item (`kind * scopes + scope`), roles in file order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemIndex {
    buckets: Vec<Vec<Holding>>,
    scopes: usize,
}

impl ItemIndex {
    /// Indexes every responsibility of `model`; [`Model::items`] keeps the result.
    pub(super) fn of(model: &Model) -> ItemIndex {
        let scopes = model.scopes.len();
        let mut buckets = vec![Vec::new(); model.kinds.len() * scopes];
        for (role, r) in model.roles.iter() {
            for (entry, responsibility) in r.responsibilities.iter().enumerate() {
                for scope in model.scopes_of(responsibility) {
                    buckets[responsibility.kind.index() * scopes + scope.index()].push(Holding {
                        role,
                        level: responsibility.level,
                        entry,
                    });
                }
            }
        }
        ItemIndex { buckets, scopes }
    }

    /// Every item as (kind, scope, holdings).
    pub fn items(&self) -> impl Iterator<Item = (KindId, ScopeId, &[Holding])> {
        self.buckets.iter().enumerate().map(|(i, holdings)| {
            (
                KindId::new(i / self.scopes),
                ScopeId::new(i % self.scopes),
                holdings.as_slice(),
            )
        })
    }

    /// Who holds `kind` on `scope`, at any level, roles in file order.
    pub fn holdings(&self, kind: KindId, scope: ScopeId) -> &[Holding] {
        &self.buckets[kind.index() * self.scopes + scope.index()]
    }
}

/// The distinct roles holding an item at `level`, each with its first entry; in file order.
pub fn holders(holdings: &[Holding], level: Level) -> Vec<Holding> {
    let mut holders: Vec<Holding> = Vec::new();
    for holding in holdings.iter().filter(|h| h.level == level) {
        // Holdings come role by role, so a role naming the item twice is adjacent.
        if holders.last().is_none_or(|last| last.role != holding.role) {
            holders.push(*holding);
        }
    }
    holders
}
