//! The checks: small named functions over a model that return findings as data. One registry
//! ([`Check`]) lists every check with its stable code, default level and explanation.

use crate::model::CheckLevel;

macro_rules! checks {
    ($($variant:ident = $code:literal, $level:ident, $summary:literal;)*) => {
        /// Every check, by its stable kebab-case code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Check {
            $($variant,)*
        }

        impl Check {
            pub const ALL: &'static [Check] = &[$(Check::$variant,)*];

            pub fn code(self) -> &'static str {
                match self {
                    $(Check::$variant => $code,)*
                }
            }

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
    DuplicateRole = "duplicate-role", Warn, "two roles share a title, or hold exactly the same responsibilities";
    IdleRole = "idle-role", Warn, "a role holds no responsibility and has no direct reports";
    MultipleRoots = "multiple-roots", Warn, "more than one role reports to nobody";
    WideSpan = "wide-span", Warn, "a role has more than `max_span` direct reports";
    NarrowSpan = "narrow-span", Warn, "a role has exactly one direct report";
    DeepHierarchy = "deep-hierarchy", Warn, "a reporting chain is longer than `max_depth`";
    IcWithReports = "ic-with-reports", Warn, "a role on the individual-contributor track has direct reports";
    ManagerWithoutReports = "manager-without-reports", Warn, "a role on the manager track has no direct reports";
    OverloadedPerson = "overloaded-person", Warn, "a person fills more than `max_hats` roles";
    UnfilledRole = "unfilled-role", Warn, "people are declared, and nobody fills this role";
    ArchetypeDrift = "archetype-drift", Warn, "a role owns a kind its archetype does not, or lacks one it should own";
    ConflictingLevels = "conflicting-levels", Warn, "one role holds the same item twice, or at two RACI levels";
    OverloadedRole = "overloaded-role", Warn, "a role is accountable for more than `max_owned` items";
    TooManyConsulted = "too-many-consulted", Allow, "an item has more than `max_consulted` consulted roles";
}

impl Check {
    pub fn from_code(code: &str) -> Option<Check> {
        Check::ALL
            .iter()
            .copied()
            .find(|check| check.code() == code)
    }
}

/// One problem a check found: data only; reporters decide how it looks.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub check: Check,
    /// The level in force for this model and command line.
    pub level: CheckLevel,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What would fix it.
    pub help: String,
    /// Indexes into the model's roles; the role the finding is about first.
    pub roles: Vec<usize>,
    /// Indexes into the model's people; the person the finding is about first.
    pub people: Vec<usize>,
    pub scope: Option<usize>,
    pub kind: Option<usize>,
    /// Where the finding points in the model file.
    pub span: Option<crate::source::Span>,
    /// Related places ("also owned here").
    pub related: Vec<(crate::source::Span, String)>,
}
