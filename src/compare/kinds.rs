//! Who holds each kind in each model, over all scopes and per scope.

use crate::model::items;
use crate::model::{IdVec, KindId, Level, Model, RoleId};
use indexmap::IndexMap;

/// The roles of one model holding a kind, each list in file order without repeats.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Holders {
    /// Accountable on at least one scope.
    pub accountable: Vec<RoleId>,
    /// Responsible on at least one scope.
    pub responsible: Vec<RoleId>,
    /// Consulted on at least one scope.
    pub consulted: Vec<RoleId>,
    /// Whether the model's `[policy] required` lists the kind: only then is nobody a gap.
    pub required: bool,
}

/// Who is accountable for a kind on one scope; `None` where a model lacks the kind or scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopeHolders {
    /// The scope's id.
    pub scope: String,
    /// Per model, the accountable roles, or `None`.
    pub accountable: Vec<Option<Vec<RoleId>>>,
}

/// One kind across the models.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindRow {
    /// The kind's id.
    pub kind: String,
    /// Per model; `None` where the model does not have the kind.
    pub holders: Vec<Option<Holders>>,
    /// Every scope any model has, in order of first appearance.
    pub scopes: Vec<ScopeHolders>,
}

/// Who holds each kind in each model, per scope and over all scopes.
pub(super) fn kinds(models: &[Model]) -> Vec<KindRow> {
    let mut kind_ids: IndexMap<&str, ()> = IndexMap::new();
    let mut scope_ids: IndexMap<&str, ()> = IndexMap::new();
    for model in models {
        kind_ids.extend(model.kinds.keys().map(|k| (k.as_str(), ())));
        scope_ids.extend(model.scopes.keys().map(|s| (s.as_str(), ())));
    }
    let held: Vec<IdVec<KindId, Holders>> = models.iter().map(holders_by_kind).collect();
    kind_ids
        .keys()
        .map(|&kind| {
            let index: Vec<Option<KindId>> = models.iter().map(|m| m.kinds.id_of(kind)).collect();
            let holders = index
                .iter()
                .zip(&held)
                .map(|(k, held)| k.map(|k| held[k].clone()))
                .collect();
            let scopes = scope_ids
                .keys()
                .map(|&scope| ScopeHolders {
                    scope: scope.to_string(),
                    accountable: models
                        .iter()
                        .zip(&index)
                        .map(|(model, kind)| {
                            let scope = model.scopes.id_of(scope)?;
                            let holdings = model.items().holdings((*kind)?, scope);
                            let owners = items::holders(holdings, Level::Accountable);
                            Some(owners.iter().map(|h| h.role).collect())
                        })
                        .collect(),
                })
                .collect();
            KindRow {
                kind: kind.to_string(),
                holders,
                scopes,
            }
        })
        .collect()
}

/// For every kind of the model, the roles holding it at each level that compare shows.
fn holders_by_kind(model: &Model) -> IdVec<KindId, Holders> {
    let mut held = IdVec::filled(Holders::default(), model.kinds.len());
    for &kind in &model.policy.required {
        held[kind].required = true;
    }
    for (role, r) in model.roles.iter() {
        for responsibility in &r.responsibilities {
            let holders = &mut held[responsibility.kind];
            let list = match responsibility.level {
                Level::Accountable => &mut holders.accountable,
                Level::Responsible => &mut holders.responsible,
                Level::Consulted => &mut holders.consulted,
                Level::Informed => continue,
            };
            // Roles come in file order, so a role holding the kind twice is adjacent.
            if list.last() != Some(&role) {
                list.push(role);
            }
        }
    }
    held
}
