//! Checks over roles against each other and against the canon.

use super::{Check, Context, Finding, Rule, id_list, role_list, role_name};
use crate::model::{KindId, Level, Model, RoleId, ScopeId};
use crate::terminal::Escaped;
use rustc_hash::FxBuildHasher;
use std::collections::HashSet;
use std::hash::{BuildHasher, Hash};

/// Roles that share a key, in groups of two or more ordered by their first role. `key` writes a
/// role's key into a buffer and says whether it has one; one buffer serves every role, and only
/// the key's hash is kept. Keys are written again, and compared, only within a run of equal
/// hashes: no allocation per role. `alike` says, without writing them, that two roles' keys are
/// equal because what they are made from is (it may say no when they are).
fn twins<K: Default + Hash + Ord>(
    roles: impl Iterator<Item = RoleId>,
    mut key: impl FnMut(RoleId, &mut K) -> bool,
    alike: impl Fn(RoleId, RoleId) -> bool,
) -> Vec<Vec<RoleId>> {
    let mut buffer = K::default();
    let mut hashed: Vec<(u64, RoleId)> = Vec::with_capacity(roles.size_hint().1.unwrap_or(0));
    for role in roles {
        if key(role, &mut buffer) {
            hashed.push((FxBuildHasher.hash_one(&buffer), role));
        }
    }
    hashed.sort_unstable();
    let mut groups: Vec<Vec<RoleId>> = Vec::new();
    for same_hash in hashed.chunk_by(|a, b| a.0 == b.0) {
        if same_hash.len() < 2 {
            continue;
        }
        // Mostly one key (a generated org has runs of 40,000 roles alike): its roles, already
        // in order, without a key kept per role or a sort.
        let mut first = K::default();
        let first_role = same_hash[0].1;
        key(first_role, &mut first);
        if same_hash[1..].iter().all(|&(_, role)| {
            alike(first_role, role) || {
                key(role, &mut buffer);
                buffer == first
            }
        }) {
            groups.push(same_hash.iter().map(|&(_, role)| role).collect());
            continue;
        }
        let mut keyed: Vec<(K, RoleId)> = same_hash
            .iter()
            .map(|&(_, role)| {
                let mut k = K::default();
                key(role, &mut k);
                (k, role)
            })
            .collect();
        // Two keys may share a hash: a stable sort keeps each key's roles in order.
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        groups.extend(
            keyed
                .chunk_by(|a, b| a.0 == b.0)
                .filter(|same| same.len() > 1)
                .map(|same| same.iter().map(|&(_, role)| role).collect()),
        );
    }
    groups.sort_unstable();
    groups
}

pub(super) const DUPLICATE_ROLE: Rule = Rule {
    check: Check::DuplicateRole,
    run: duplicate_role,
    explain: r#"What it looks for: two or more roles with the same manager (or two roles that
report to nobody) and the same title, ignoring case and spaces; or two or more roles anywhere with
exactly the same non-empty set of responsibilities (kind, scope and level). The same title in
different teams (a Technical Account Manager in each sales region) is not a duplicate.

Why it matters: twin roles are how role confusion starts: two "Product Manager" roles under one
manager, or with the same remit, will each assume the other decides. Several people doing one job
should fill one role.

How to fix it: merge the twins into one role filled by several people, or give each a title and a
set of responsibilities that say how it differs.

Example:
    [[role]]
    id = "pm"
    title = "Product Manager"
    owns = ["what", "strategy"]

    [[person]]
    id = "ana"
    fills = ["pm"]

    [[person]]
    id = "ben"
    fills = ["pm"]
"#,
    writer: None,
};

/// What a role holds, for comparing roles, written into `key`: each (kind, level) once, on
/// every scope (`None`) or on the scopes it names. An entry without `@SCOPE` stays one element
/// however many scopes the model has, so that the key is as large as the role's entries. False
/// if the role holds nothing.
fn holdings_key(
    model: &Model,
    role: RoleId,
    key: &mut Vec<(KindId, Level, Option<ScopeId>)>,
) -> bool {
    key.clear();
    key.extend(
        model.roles[role]
            .responsibilities
            .iter()
            .map(|r| (r.kind, r.level, r.scope)),
    );
    key.sort_unstable();
    key.dedup();
    for group in key.chunk_by_mut(|a, b| (a.0, a.1) == (b.0, b.1)) {
        // `None` sorts first: an entry for every scope covers the ones named beside it, and so
        // do entries naming every scope.
        if group[0].2.is_none() || group.len() == model.scopes.len() {
            group.iter_mut().for_each(|entry| entry.2 = None);
        }
    }
    key.dedup();
    !key.is_empty()
}

fn duplicate_role(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    let roles = &model.roles;
    let push = |out: &mut Vec<Finding>, group: Vec<RoleId>, message: String, help: &'static str| {
        let mut finding = Finding::new(Check::DuplicateRole, message, help)
            .at(Some(roles[group[1]].span))
            .also(roles[group[0]].span, "first defined here");
        for &role in &group[2..] {
            finding = finding.also(roles[role].span, "and here");
        }
        out.push(finding.roles(group));
    };
    let modelled = || roles.ids().filter(|&role| !roles[role].external);
    // Siblings only: the same title in two teams is two jobs, not a duplicate.
    let by_title = twins(
        modelled(),
        |role, (manager, title): &mut (_, String)| {
            *manager = roles[role].reports_to;
            title.clear();
            roles[role].push_normalized_title(title);
            true
        },
        |a, b| (roles[a].reports_to, &roles[a].title) == (roles[b].reports_to, &roles[b].title),
    );
    // Roles alike are mostly written alike: the same entries in the same order.
    let entries = |role: RoleId| {
        let held = roles[role].responsibilities.iter();
        held.map(|held| (held.kind, held.level, held.scope))
    };
    let by_responsibilities = twins(
        modelled(),
        |role, key| holdings_key(model, role, key),
        |a, b| entries(a).eq(entries(b)),
    );
    let title_groups: HashSet<&[RoleId]> = by_title.iter().map(Vec::as_slice).collect();
    for group in by_responsibilities {
        if title_groups.contains(group.as_slice()) {
            continue;
        }
        let message = format!(
            "{} hold exactly the same responsibilities",
            role_list(model, &group)
        );
        push(
            out,
            group,
            message,
            "merge them into one role filled by several people, or split the responsibilities",
        );
    }
    for group in by_title {
        let manager = match roles[group[0]].reports_to {
            Some(manager) => format!("report to {}", role_name(model, manager)),
            None => "report to nobody".to_string(),
        };
        let message = format!(
            "{} {manager} and share the title \"{}\"",
            id_list(group.iter().map(|&r| roles[r].id.as_str())),
            Escaped(&roles[group[0]].title)
        );
        push(
            out,
            group,
            message,
            "give each role a title that says how it differs, or merge them",
        );
    }
}

pub(super) const ARCHETYPE_DRIFT: Rule = Rule {
    check: Check::ArchetypeDrift,
    run: archetype_drift,
    explain: r#"What it looks for: a role with an `archetype` that owns a kind the canon gives to
another archetype, or that owns none of a kind its own archetype should own. The canon is the
built-in one (`orgraph archetypes`) or `--canon FILE`; a service company (`company = "service"`)
uses the archetypes' `service_owns`, and each archetype's `may_own` lists the kinds companies
legitimately move (the how may sit with engineering or a program manager). On a plain org chart
(no role holds any responsibility) only the first half runs.

Why it matters: this is the confusion the source document is about: a product manager who owns
the market, a project manager who owns the what. Every company may draw the lines its own way,
but it should do so on purpose: with its own canon.

How to fix it: move the kind to the role whose archetype owns it, change the role's archetype, or
write your company's canon and pass it with `--canon`.

Example:
    [[role]]
    id = "pm"
    archetype = "product-manager"
    owns = ["what", "strategy"]     # not "market": that is product marketing's
"#,
    writer: None,
};

fn archetype_drift(cx: &Context, out: &mut Vec<Finding>) {
    let model = cx.model;
    let company = model.company;
    for (index, role) in model.roles.iter().filter(|(_, role)| !role.external) {
        let Some(archetype) = role
            .archetype
            .as_ref()
            .and_then(|a| cx.canon.archetypes.get(a))
        else {
            continue;
        };
        // Each kind the role owns, once, with the first entry that owns it.
        let mut owned: Vec<(KindId, crate::source::Span)> = Vec::new();
        for r in role
            .responsibilities
            .iter()
            .filter(|r| r.level == Level::Accountable)
        {
            if !owned.iter().any(|(kind, _)| *kind == r.kind) {
                owned.push((r.kind, r.span));
            }
        }
        for &(kind, span) in &owned {
            let kind_id = &model.kinds[kind].id;
            if archetype.fits(kind_id, company) {
                continue;
            }
            let owners: Vec<&str> = cx
                .canon
                .owners_of(kind_id, company)
                .filter(|a| a.id != archetype.id)
                .map(|a| a.id.as_str())
                .collect();
            if owners.is_empty() {
                continue;
            }
            out.push(
                Finding::new(
                    Check::ArchetypeDrift,
                    format!(
                        "{}, a {}, owns `{kind_id}`, which the canon gives to {}",
                        role_name(model, index),
                        archetype.id,
                        owners.join(" or ")
                    ),
                    format!(
                        "move `{kind_id}` to a {} role, or change this role's archetype if it is really one",
                        owners[0]
                    ),
                )
                .roles(vec![index])
                .item(kind, None)
                .at(Some(span)),
            );
        }
        // On a plain org chart every role owns nothing: the missing half would say nothing.
        if cx.plain_chart {
            continue;
        }
        for kind_id in archetype.owns_in(company) {
            let Some(kind) = model.kinds.id_of(kind_id) else {
                continue;
            };
            if owned.iter().any(|(k, _)| *k == kind) {
                continue;
            }
            out.push(
                Finding::new(
                    Check::ArchetypeDrift,
                    format!(
                        "{}, a {}, owns no `{kind_id}`, which the canon gives to its archetype",
                        role_name(model, index),
                        archetype.id
                    ),
                    format!("add \"{kind_id}\" to its `owns`, or choose the archetype that fits what it does"),
                )
                .roles(vec![index])
                .item(kind, None)
                .at(Some(role.span)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::twins;
    use crate::model::RoleId;
    use std::hash::{Hash, Hasher};

    /// A key whose every value has one hash, so that `twins` must tell keys apart by value.
    #[derive(Default, PartialEq, Eq, PartialOrd, Ord)]
    struct Colliding(u8);

    impl Hash for Colliding {
        fn hash<H: Hasher>(&self, _: &mut H) {}
    }

    #[test]
    fn twins_with_one_hash_are_grouped_by_key_with_roles_in_order() {
        // Each case with keys always written, and with roles of equal keys taken as alike: the
        // same groups.
        let twins_of = |keys: &[u8]| {
            let key = |role: RoleId, key: &mut Colliding| {
                *key = Colliding(keys[role.index()]);
                true
            };
            let roles = || (0..keys.len()).map(RoleId::new);
            let written = twins(roles(), key, |a, b| a == b);
            let alike = twins(roles(), key, |a, b| keys[a.index()] == keys[b.index()]);
            assert_eq!(written, alike, "{keys:?}");
            written
        };
        let ids = |group: &[usize]| group.iter().map(|&i| RoleId::new(i)).collect::<Vec<_>>();
        assert_eq!(
            twins_of(&[2, 1, 2, 3, 1, 2]),
            [ids(&[0, 2, 5]), ids(&[1, 4])]
        );
        // One key all along, and a key that differs only at the end.
        assert_eq!(twins_of(&[4, 4, 4]), [ids(&[0, 1, 2])]);
        assert_eq!(twins_of(&[4, 4, 5]), [ids(&[0, 1])]);
    }
}
