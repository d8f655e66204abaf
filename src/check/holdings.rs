//! Who holds each item, as the checks read it: an entry without `@SCOPE` is kept once, as a
//! holding of the kind on every scope, never copied to each scope. So the checks' work, memory
//! and findings grow with the entries a model has, not with roles × scopes (a finding about an
//! unscoped entry is one finding, with no scope).

use crate::model::items::Holding;
use crate::model::{IdVec, KindId, Level, Model, ScopeId};

/// An item as the checks report it: a kind on one scope, or on every scope (`None`).
pub(super) type Item = (KindId, Option<ScopeId>);

/// The holdings of every kind: on every scope, and on each scope an entry names.
pub(crate) struct Holdings {
    /// Holdings from entries without `@SCOPE`, per kind, roles in file order.
    every: IdVec<KindId, Vec<Holding>>,
    /// Holdings from entries with `@SCOPE`, sorted by kind, scope, then role and entry.
    scoped: Vec<(KindId, ScopeId, Holding)>,
}

impl Holdings {
    /// Indexes `model`'s entries. In a model with one scope an entry without `@SCOPE` is an entry
    /// for that scope, so its findings name the scope as every other model's do.
    pub(super) fn of(model: &Model) -> Holdings {
        let single = (model.scopes.len() == 1).then(|| ScopeId::new(0));
        let mut every = IdVec::filled(Vec::new(), model.kinds.len());
        // Counted first: at a million roles, growing by doubling would copy tens of MB.
        let scoped_entries = model
            .roles
            .values()
            .flat_map(|r| &r.responsibilities)
            .filter(|r| r.scope.or(single).is_some())
            .count();
        let mut scoped = Vec::with_capacity(scoped_entries);
        for (role, r) in model.roles.iter() {
            for (entry, responsibility) in r.responsibilities.iter().enumerate() {
                let holding = Holding {
                    role,
                    level: responsibility.level,
                    entry,
                };
                match responsibility.scope.or(single) {
                    Some(scope) => scoped.push((responsibility.kind, scope, holding)),
                    None => every[responsibility.kind].push(holding),
                }
            }
        }
        // Pushed in (role, entry) order, which a stable sort keeps within each item.
        scoped.sort_by_key(|&(kind, scope, _)| (kind, scope));
        Holdings { every, scoped }
    }

    /// Who holds `kind` on every scope.
    pub(super) fn every(&self, kind: KindId) -> &[Holding] {
        &self.every[kind]
    }

    /// Every holding of `kind` on `scope`, through either kind of entry, roles in file order.
    pub(super) fn at(&self, kind: KindId, scope: ScopeId) -> Vec<Holding> {
        let start = self.scoped.partition_point(|e| (e.0, e.1) < (kind, scope));
        let end = self.scoped.partition_point(|e| (e.0, e.1) <= (kind, scope));
        merge(
            &self.every[kind],
            self.scoped[start..end].iter().map(|e| e.2),
        )
    }

    /// On how many scopes an entry that names the scope holds `kind` at `level`.
    pub(super) fn scopes_with(&self, kind: KindId, level: Level) -> usize {
        let start = self.scoped.partition_point(|e| e.0 < kind);
        let end = self.scoped.partition_point(|e| e.0 <= kind);
        let mut scopes: Vec<ScopeId> = self.scoped[start..end]
            .iter()
            .filter(|e| e.2.level == level)
            .map(|e| e.1)
            .collect();
        scopes.dedup();
        scopes.len()
    }

    /// Every item that an entry names, with its holdings: `(kind, None)` for each kind held on
    /// every scope, then `(kind, Some(scope))` for each scope an entry names, with the holdings
    /// on every scope merged in. A scope no entry names holds what every scope holds, so it is
    /// not listed again.
    pub(super) fn items(&self) -> impl Iterator<Item = (Item, Vec<Holding>)> + '_ {
        let every = self
            .every
            .iter_enumerated()
            .filter(|(_, holdings)| !holdings.is_empty())
            .map(|(kind, holdings)| ((kind, None), holdings.clone()));
        let named = self
            .scoped
            .chunk_by(|a, b| (a.0, a.1) == (b.0, b.1))
            .map(|group| {
                let (kind, scope, _) = group[0];
                let holdings = merge(&self.every[kind], group.iter().map(|e| e.2));
                ((kind, Some(scope)), holdings)
            });
        every.chain(named)
    }
}

/// Holdings on every scope and on one scope, in file order (roles, then entries): both come in
/// that order and never share an entry, so one pass merges them.
fn merge(every: &[Holding], named: impl ExactSizeIterator<Item = Holding>) -> Vec<Holding> {
    let mut all = Vec::with_capacity(every.len() + named.len());
    let mut every = every.iter().copied().peekable();
    for holding in named {
        while let Some(first) = every.next_if(|e| (e.role, e.entry) < (holding.role, holding.entry))
        {
            all.push(first);
        }
        all.push(holding);
    }
    all.extend(every);
    all
}
