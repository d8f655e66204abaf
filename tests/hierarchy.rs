//! The reporting tree's shape (`Model::hierarchy`): cycles and where each is cut, layers,
//! subtree sizes and seats; and walks that stay iterative on chains and cycles of 200,000 roles
//! (a recursive cycle search once overflowed the stack at about 87,000, and inside `compare`,
//! whose threads have small stacks, at about 25,000).

use orgraph::check::{self, Check};
use orgraph::model::{Format, Model, RoleId};
use orgraph::{Canon, compare};

fn load(format: Format, text: &str) -> Model {
    orgraph::model::load_str("model", format, text, &Canon::builtin())
        .unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn the_hierarchy_of_a_small_model_with_a_cycle_and_people() {
    let model = load(
        Format::Toml,
        r#"name = "Shapes"

[[role]]
id = "ceo"
title = "CEO"

[[role]]
id = "cto"
title = "CTO"
reports_to = "ceo"

[[role]]
id = "eng1"
title = "Engineer 1"
reports_to = "cto"

[[role]]
id = "eng2"
title = "Engineer 2"
reports_to = "cto"

[[role]]
id = "a"
title = "A"
reports_to = "b"

[[role]]
id = "b"
title = "B"
reports_to = "c"

[[role]]
id = "c"
title = "C"
reports_to = "a"

[[role]]
id = "d"
title = "D"
reports_to = "a"

[[role]]
id = "lone"
title = "Lone"

[[person]]
id = "p1"
fills = ["eng1"]

[[person]]
id = "p2"
fills = ["eng1"]

[[person]]
id = "p3"
fills = ["cto"]
"#,
    );
    let h = model.hierarchy();
    let id = |role: RoleId| model.roles[role].id.as_str();
    let ids = |roles: &[RoleId]| roles.iter().map(|&r| id(r)).collect::<Vec<_>>();
    let reports: Vec<Vec<&str>> = h.reports.iter().map(|r| ids(r)).collect();
    let none: Vec<&str> = Vec::new();
    assert_eq!(
        reports,
        [
            vec!["cto"],
            vec!["eng1", "eng2"],
            none.clone(),
            none.clone(),
            vec!["c", "d"],
            vec!["a"],
            vec!["b"],
            none.clone(),
            none
        ]
    );
    assert_eq!(ids(&h.roots), ["ceo", "lone"]);
    // a -> b -> c -> a, from its first role in the file; the tree drops a's line to b.
    assert_eq!(h.cycles.len(), 1);
    assert_eq!(ids(&h.cycles[0]), ["a", "b", "c"]);
    assert_eq!(ids(&h.cuts().collect::<Vec<_>>()), ["a"]);
    let parents: Vec<Option<&str>> = h.tree_parent.iter().map(|p| p.map(id)).collect();
    assert_eq!(
        parents,
        [
            None,
            Some("ceo"),
            Some("cto"),
            Some("cto"),
            None,
            Some("c"),
            Some("a"),
            Some("a"),
            None
        ]
    );
    assert_eq!(h.subtree.as_slice(), [4, 3, 1, 1, 4, 1, 2, 1, 1]);
    let (one, two, three) = (Some(1), Some(2), Some(3));
    assert_eq!(
        h.layer.as_slice(),
        [one, two, three, three, None, None, None, None, one]
    );
    assert_eq!(h.layers(), 3);
    // eng1 has two people, the vacant eng2 and ceo count one each.
    assert_eq!(h.seats.as_slice(), [1, 1, 2, 1, 1, 1, 1, 1, 1]);
    let role = |id: &str| model.roles.id_of(id).expect("the role exists");
    assert_eq!(h.span(role("cto")), 3);
    assert_eq!(h.span(role("ceo")), 1);
    // Computed once: the same hierarchy every time it is asked for.
    assert!(std::ptr::eq(h, model.hierarchy()));
}

#[test]
fn without_people_every_role_is_one_seat() {
    let model = load(
        Format::Toml,
        "name = \"x\"\n[[role]]\nid = \"a\"\ntitle = \"A\"\n[[role]]\nid = \"b\"\ntitle = \"B\"\nreports_to = \"a\"\n",
    );
    assert_eq!(model.hierarchy().seats.as_slice(), [1, 1]);
    assert_eq!(model.hierarchy().span(RoleId::new(0)), 1);
}

const ROLES: usize = 200_000;

/// `count` roles as JSON; role `i` reports to `manager(i)`, written in index order.
fn roles_json(count: usize, manager: impl Fn(usize) -> Option<usize>) -> String {
    let roles: Vec<String> = (0..count)
        .map(|i| match manager(i) {
            Some(m) => format!(r#"{{"id": "r{i}", "title": "Role {i}", "reports_to": "r{m}"}}"#),
            None => format!(r#"{{"id": "r{i}", "title": "Role {i}"}}"#),
        })
        .collect();
    format!(r#"{{"name": "x", "role": [{}]}}"#, roles.join(",\n"))
}

/// A chain written bottom-up: each role before its manager, the root last.
fn chain() -> Model {
    load(
        Format::Json,
        &roles_json(ROLES, |i| (i + 1 < ROLES).then_some(i + 1)),
    )
}

/// One cycle through every role.
fn cycle() -> Model {
    load(Format::Json, &roles_json(ROLES, |i| Some((i + 1) % ROLES)))
}

fn findings(model: &Model, only: Check) -> Vec<check::Finding> {
    orgraph::check(model, &Default::default())
        .findings
        .into_iter()
        .filter(|finding| finding.check == only)
        .collect()
}

#[test]
fn a_chain_of_200000_roles_written_bottom_up_is_checked() {
    let model = chain();
    let h = model.hierarchy();
    assert_eq!(h.layers(), ROLES);
    assert_eq!(h.roots, [RoleId::new(ROLES - 1)]);
    assert!(h.cycles.is_empty());
    assert_eq!(h.subtree[RoleId::new(ROLES - 1)], ROLES);
    let deep = findings(&model, Check::DeepHierarchy);
    assert_eq!(deep.len(), 1);
    // Layer 9 counts down from the root, the last role in the file.
    assert_eq!(
        deep[0].roles,
        [RoleId::new(ROLES - 1 - model.policy.max_depth)]
    );
}

#[test]
fn a_cycle_of_200000_roles_is_one_finding() {
    let model = cycle();
    let h = model.hierarchy();
    assert_eq!(h.cycles.len(), 1);
    assert_eq!(h.cycles[0], (0..ROLES).map(RoleId::new).collect::<Vec<_>>());
    assert_eq!(h.layers(), 0);
    // Cut at its first role, the cycle is a tree of the whole model under it.
    assert_eq!(h.subtree[RoleId::new(0)], ROLES);
    let cycles = findings(&model, Check::ReportingCycle);
    assert_eq!(cycles.len(), 1);
    assert_eq!(cycles[0].roles.len(), ROLES);
}

#[test]
fn compare_checks_a_long_chain_and_a_long_cycle_on_its_threads() {
    let models = [chain(), cycle()];
    let comparison = compare::compare(&models, &Canon::builtin()).expect("two models compare");
    assert_eq!(comparison.sides[0].stats.layers, ROLES);
    assert_eq!(comparison.sides[1].stats.layers, 0);
    let cycle_found = |side: usize| {
        comparison.sides[side]
            .findings
            .iter()
            .any(|f| f.check == Check::ReportingCycle)
    };
    assert!(!cycle_found(0));
    assert!(cycle_found(1));
}
