//! Reporters: findings of one or more models as text for a person or a machine.
//! They only format; the checks decided everything.

mod human;
mod json;
mod junit;
mod sarif;

pub use human::human;
pub use json::json;
pub use junit::junit;
pub use sarif::sarif;

use crate::check::{Finding, Levels, Report};
use crate::model::Model;
use crate::source::Location;

/// One checked model: what the reporters format.
pub struct Checked<'a> {
    /// The model.
    pub model: &'a Model,
    /// Its findings, sorted.
    pub findings: &'a [Finding],
    /// The level each check ran at.
    pub levels: &'a Levels,
}

impl<'a> Checked<'a> {
    /// `model` with what [`check`](crate::check()) reported on it.
    pub fn new(model: &'a Model, report: &'a Report) -> Checked<'a> {
        Checked {
            model,
            findings: &report.findings,
            levels: &report.levels,
        }
    }

    /// Where `finding` points, as file, line and column.
    pub fn location(&self, finding: &Finding) -> Option<Location> {
        finding.span.map(|span| self.model.sources.location(span))
    }
}
