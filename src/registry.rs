//! The registry of checks: every check's stable kebab-case code, its default level and a
//! one-line summary. A leaf of the crate (it imports none of its modules), so that the model
//! (validating a file's `[checks]`), the checks, the reporters and the command line all read the
//! same list. What each check does and its long explanation live beside its function in
//! [`mod@crate::check`].

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A check's level as a model or the command line sets it.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum CheckLevel {
    /// Not run.
    Allow,
    /// Reported; exit code 0 unless `--deny warnings`.
    Warn,
    /// Reported as an error: `orgraph check` exits 1.
    Deny,
}

impl CheckLevel {
    /// Every level, the lowest first.
    pub const ALL: [CheckLevel; 3] = [CheckLevel::Allow, CheckLevel::Warn, CheckLevel::Deny];

    /// The level as a model file and the command line write it.
    pub fn name(self) -> &'static str {
        match self {
            CheckLevel::Allow => "allow",
            CheckLevel::Warn => "warn",
            CheckLevel::Deny => "deny",
        }
    }

    /// The level named `text` (`allow`, `warn`, `deny`), if it is one.
    pub fn parse(text: &str) -> Option<CheckLevel> {
        CheckLevel::ALL
            .into_iter()
            .find(|level| level.name() == text)
    }
}

macro_rules! checks {
    ($($variant:ident = $code:literal, $level:ident, $summary:literal;)*) => {
        /// Every check, by its stable kebab-case code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Check {
            $(#[doc = concat!("`", $code, "`: ", $summary, ".")] $variant,)*
        }

        impl Check {
            /// Every check, in the order they run and are listed.
            pub const ALL: &'static [Check] = &[$(Check::$variant,)*];

            /// The stable code: `orgraph explain CODE`, `--deny CODE`, `[checks]` keys.
            pub fn code(self) -> &'static str {
                match self {
                    $(Check::$variant => $code,)*
                }
            }

            /// The level a check has unless a model or the command line sets another.
            pub fn default_level(self) -> CheckLevel {
                match self {
                    $(Check::$variant => CheckLevel::$level,)*
                }
            }

            /// What the check fires on, in one line.
            pub fn summary(self) -> &'static str {
                match self {
                    $(Check::$variant => $summary,)*
                }
            }
        }
    };
}

checks! {
    Gap = "gap", Deny, "a required kind on a scope has no accountable role";
    DuplicateOwner = "duplicate-owner", Deny, "a kind on a scope has two or more accountable roles";
    ReportingCycle = "reporting-cycle", Deny, "reporting lines form a cycle";
    DuplicateRole = "duplicate-role", Warn, "two roles with the same manager share a title, or two roles hold exactly the same responsibilities";
    IdleRole = "idle-role", Warn, "a role holds no responsibility and has no direct reports";
    MultipleRoots = "multiple-roots", Warn, "more than one role reports to nobody";
    WideSpan = "wide-span", Warn, "a role has more than `max_span` direct reports, counted in seats";
    NarrowSpan = "narrow-span", Warn, "a role has exactly one direct report, counted in seats";
    DeepHierarchy = "deep-hierarchy", Warn, "a reporting chain is longer than `max_depth` layers";
    IcWithReports = "ic-with-reports", Warn, "a role on the individual-contributor track has direct reports";
    ManagerWithoutReports = "manager-without-reports", Warn, "a role on the manager track has no direct reports";
    OverloadedPerson = "overloaded-person", Warn, "a person fills more than `max_hats` roles";
    UnfilledRole = "unfilled-role", Warn, "people are declared, and nobody fills this role";
    ArchetypeDrift = "archetype-drift", Warn, "a role owns a kind its archetype does not, or lacks one it should own";
    ConflictingLevels = "conflicting-levels", Warn, "one role holds the same item twice, or at two RACI levels other than A/R";
    OverloadedRole = "overloaded-role", Warn, "a role is accountable for more than `max_owned` items";
    TooManyConsulted = "too-many-consulted", Allow, "an item has more than `max_consulted` consulted roles";
    NoResponsible = "no-responsible", Allow, "an item has an accountable role but no responsible one";
    ExternalManager = "external-manager", Warn, "roles report to roles outside the modelled organization";
}

impl Check {
    /// The check with this code, if there is one.
    pub fn from_code(code: &str) -> Option<Check> {
        Check::ALL
            .iter()
            .copied()
            .find(|check| check.code() == code)
    }
}
