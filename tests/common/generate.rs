//! Generates large valid models for benches and tests. Included by path (`#[path]`) from the
//! benches and tests that need it, so there is one copy.
// Each bench or test that includes this file uses only part of it.
#![allow(dead_code)]

use orgraph::model::Track;
use orgraph::model::schema::{ModelFile, PersonFile, PolicyFile, RoleFile, ScopeFile};

const KINDS: [&str; 6] = [
    "what",
    "how",
    "strategy",
    "execution",
    "market",
    "customers",
];
const SCOPES: usize = 4;

/// A reporting tree of `roles` roles, each manager with `span` reports, over four product lines.
/// The first roles own every kind on every line once; the rest are responsible, consulted or
/// informed; managers and individual contributors are on their tracks; half the roles are filled
/// by a person, some people wear two hats.
pub fn model(roles: usize, span: usize) -> ModelFile {
    let scope = |i: usize| format!("line-{}", i % SCOPES);
    let role_id = |i: usize| format!("role-{i}");
    let role = (0..roles)
        .map(|i| {
            let item = |offset: usize| {
                format!(
                    "{}@{}",
                    KINDS[(i + offset) % KINDS.len()],
                    scope(i / KINDS.len())
                )
            };
            let owns_one = i < KINDS.len() * SCOPES;
            RoleFile {
                id: role_id(i),
                title: format!("Role {i} of line {}", i % SCOPES),
                reports_to: (i > 0).then(|| role_id((i - 1) / span)),
                track: Some(if i * span + 1 < roles {
                    Track::Manager
                } else {
                    Track::Ic
                }),
                team: Some(format!("team-{}", i / (span * span))),
                owns: if owns_one { vec![item(0)] } else { Vec::new() },
                responsible: if owns_one { Vec::new() } else { vec![item(0)] },
                consulted: vec![item(1)],
                informed: if i % 3 == 0 {
                    vec![KINDS[i % KINDS.len()].to_string()]
                } else {
                    Vec::new()
                },
                ..RoleFile::default()
            }
        })
        .collect();
    let person = (0..roles / 2)
        .map(|i| PersonFile {
            id: format!("person-{i}"),
            name: Some(format!("Person {i}")),
            fills: if i % 10 == 0 && 2 * i + 1 < roles {
                vec![role_id(2 * i), role_id(2 * i + 1)]
            } else {
                vec![role_id(2 * i)]
            },
        })
        .collect();
    ModelFile {
        name: format!("Generated, {roles} roles"),
        description: Some(format!("A reporting tree with {span} reports per manager")),
        policy: PolicyFile {
            required: KINDS.iter().map(|k| k.to_string()).collect(),
            max_span: 10,
            max_depth: 8,
            max_hats: 3,
            max_owned: 6,
            max_consulted: 4,
        },
        scope: (0..SCOPES)
            .map(|i| ScopeFile {
                id: scope(i),
                name: Some(format!("Product line {i}")),
                description: None,
            })
            .collect(),
        role,
        person,
        ..ModelFile::default()
    }
}

/// [`model`] as JSON text, the way a large export would arrive.
pub fn json(roles: usize, span: usize) -> String {
    serde_json::to_string(&model(roles, span)).expect("a generated model serializes")
}
