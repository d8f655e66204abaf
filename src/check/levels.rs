//! The level each check runs at: its default, then the model's `[checks]`, then the command
//! line.

use super::Check;
use crate::model::Model;
use crate::registry::CheckLevel;
use std::collections::HashMap;

/// The level of every check: defaults, then the model's `[checks]`, then the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Levels {
    levels: HashMap<Check, CheckLevel>,
}

/// Level overrides from the command line, applied in the order allow, warn,
/// deny, then `--only`, then `--deny warnings`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overrides {
    /// Checks not to run (`--allow`).
    pub allow: Vec<Check>,
    /// Checks to report as warnings (`--warn`).
    pub warn: Vec<Check>,
    /// Checks to report as errors (`--deny`).
    pub deny: Vec<Check>,
    /// `--deny warnings` / `--strict`: every warning becomes an error.
    pub deny_warnings: bool,
    /// `--only`: when not empty, every other check is not run, so that the findings and the
    /// exit code come from these alone; one of these that is at allow runs as a warning.
    pub only: Vec<Check>,
}

impl Levels {
    /// Each check's default, then `model`'s `[checks]`, then `overrides`.
    pub fn new(model: &Model, overrides: &Overrides) -> Levels {
        let mut levels: HashMap<Check, CheckLevel> =
            Check::ALL.iter().map(|&c| (c, c.default_level())).collect();
        for setting in &model.checks {
            if let Some(check) = Check::from_code(&setting.code) {
                levels.insert(check, setting.level);
            }
        }
        let cli = [
            (&overrides.allow, CheckLevel::Allow),
            (&overrides.warn, CheckLevel::Warn),
            (&overrides.deny, CheckLevel::Deny),
        ];
        for (checks, level) in cli {
            for &check in checks {
                levels.insert(check, level);
            }
        }
        for (check, level) in &mut levels {
            if overrides.only.contains(check) {
                *level = (*level).max(CheckLevel::Warn);
            } else if !overrides.only.is_empty() {
                *level = CheckLevel::Allow;
            }
            if overrides.deny_warnings && *level == CheckLevel::Warn {
                *level = CheckLevel::Deny;
            }
        }
        Levels { levels }
    }

    /// The level `check` runs at.
    pub fn get(&self, check: Check) -> CheckLevel {
        self.levels
            .get(&check)
            .copied()
            .unwrap_or(check.default_level())
    }
}
