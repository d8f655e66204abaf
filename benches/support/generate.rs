//! A generated model of any size, for benchmarks: a reporting tree `span` wide, roles cycling
//! through the canon's archetypes (each owning its archetype's kinds on one of three product
//! lines), one person per role. Swap for the shared generator (`tests/support/generate.rs`)
//! once it is on main.

/// Archetype, the kinds it owns, a kind it is consulted on.
const ROLES: [(&str, &[&str], &str); 5] = [
    ("product-manager", &["what", "strategy"], "market"),
    ("project-manager", &["how"], "what"),
    ("program-manager", &["execution"], "how"),
    ("product-marketing-manager", &["market"], "what"),
    ("marketing-manager", &["customers"], "market"),
];
const SCOPES: [&str; 3] = ["payments", "lending", "insights"];

/// Role `index`'s id: every third role has a fresh id per seed, so that two seeds give two
/// models whose roles match partly by id, partly by archetype or title.
fn role_id(index: usize, seed: usize) -> String {
    if index % 3 == 2 {
        format!("r{index}-s{seed}")
    } else {
        format!("r{index}")
    }
}

/// A TOML model of `roles` roles.
pub fn toml(roles: usize, span: usize, seed: usize) -> String {
    let mut text = format!("name = \"Generated, {roles} roles, seed {seed}\"\n");
    for scope in SCOPES {
        text.push_str(&format!("\n[[scope]]\nid = \"{scope}\"\n"));
    }
    for index in 0..roles {
        let id = role_id(index, seed);
        let (archetype, owns, consulted) = ROLES[(index + seed) % ROLES.len()];
        let scope = SCOPES[index % SCOPES.len()];
        let owns: Vec<String> = owns.iter().map(|k| format!("\"{k}@{scope}\"")).collect();
        text.push_str(&format!(
            "\n[[role]]\nid = \"{id}\"\ntitle = \"Role {index}\"\nowns = [{}]\nconsulted = [\"{consulted}@{scope}\"]\n",
            owns.join(", ")
        ));
        // Every fifth role has no archetype: those with fresh ids match by title.
        if index % 5 != 0 {
            text.push_str(&format!("archetype = \"{archetype}\"\n"));
        }
        if index > 0 {
            text.push_str(&format!(
                "reports_to = \"{}\"\n",
                role_id((index - 1) / span, seed)
            ));
        }
        text.push_str(&format!(
            "\n[[person]]\nid = \"p{index}\"\nfills = [\"{id}\"]\n"
        ));
    }
    text
}
