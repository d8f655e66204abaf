//! The legend: what a view draws, as entries each format draws its own way.

use super::Diagram;
use crate::model::{KindId, Model};

/// One entry of a diagram's legend; each format draws it its own way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegendEntry {
    /// A manager's box.
    Manager,
    /// An individual contributor's box.
    IndividualContributor,
    /// A reporting line.
    ReportsTo,
    /// A dotted-line manager.
    DottedLine,
    /// Hats and vacancies, when people are declared.
    People,
    /// A scope's ellipse.
    Scope,
    /// A kind's colour.
    Kind(KindId),
    /// What the RACI letters and line widths mean.
    Levels,
    /// A gap's placeholder.
    Gap,
    /// Red lines and borders.
    Finding,
}

impl LegendEntry {
    /// What the entry says, in the model's words (a kind's description).
    pub fn text(self, model: &Model) -> String {
        match self {
            LegendEntry::Manager => "Manager".to_string(),
            LegendEntry::IndividualContributor => "Individual contributor".to_string(),
            LegendEntry::ReportsTo => "reports to".to_string(),
            LegendEntry::DottedLine => {
                "dotted line: TITLE, in a box: a second manager (matrix)".to_string()
            }
            LegendEntry::People => "Name (N hats): one person in N roles\nvacant: nobody fills the role".to_string(),
            LegendEntry::Scope => "Scope".to_string(),
            LegendEntry::Kind(kind) => match &model.kinds[kind].description {
                Some(description) => format!("{}: {description}", model.kinds[kind].id),
                None => model.kinds[kind].id.clone(),
            },
            LegendEntry::Levels => {
                "line label: kind · RACI level\nA accountable (bold), R responsible,\nC consulted, I informed".to_string()
            }
            LegendEntry::Gap => "nobody owns: KIND @ SCOPE".to_string(),
            LegendEntry::Finding => "red: duplicate owner or reporting cycle".to_string(),
        }
    }
}

impl Diagram<'_> {
    /// The legend: what this view draws, and only that.
    pub fn legend(&self) -> Vec<LegendEntry> {
        let mut entries = vec![LegendEntry::Manager, LegendEntry::IndividualContributor];
        if self.view.shows_reporting() {
            entries.push(LegendEntry::ReportsTo);
        }
        if self.roles.iter().any(|role| !role.dotted.is_empty()) {
            entries.push(LegendEntry::DottedLine);
        }
        if self.has_people {
            entries.push(LegendEntry::People);
        }
        if self.view.shows_responsibilities() || !self.gaps.is_empty() {
            entries.push(LegendEntry::Scope);
        }
        if self.view.shows_responsibilities() {
            entries.extend(self.kinds.iter().map(|&kind| LegendEntry::Kind(kind)));
            entries.push(LegendEntry::Levels);
        }
        if !self.gaps.is_empty() {
            entries.push(LegendEntry::Gap);
        }
        if self.lines.iter().any(|l| l.flagged)
            || self.reporting.iter().any(|r| r.flagged)
            || self.roles.iter().any(|r| r.flagged)
        {
            entries.push(LegendEntry::Finding);
        }
        entries
    }
}
