//! What to draw: the view, `--focus`, `--depth` and `--kinds`, resolved against a model.

use super::{ExportError, View};
use crate::model::{KindId, Model, RoleId};

/// What to draw, resolved against a model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// What to draw.
    pub view: View,
    /// These roles (one, or a team's), their chains of managers and their subtrees; empty
    /// for the whole org.
    pub focus: Vec<RoleId>,
    /// Levels shown below the focus (or below the roots).
    pub depth: Option<usize>,
    /// Kinds to show, sorted; `None` for all.
    pub kinds: Option<Vec<KindId>>,
    /// Draw the findings (gaps, duplicate owners, reporting cycles).
    pub findings: bool,
}

impl Options {
    /// The whole view, findings drawn.
    pub fn new(view: View) -> Options {
        Options {
            view,
            focus: Vec::new(),
            depth: None,
            kinds: None,
            findings: true,
        }
    }

    /// Resolves `--focus` (a role id, else a title, else a team, each exact but for case) and
    /// `--kinds` ids against the model.
    pub fn resolve(
        model: &Model,
        view: View,
        focus: Option<&str>,
        depth: Option<usize>,
        kinds: &[String],
    ) -> Result<Options, ExportError> {
        let focus = match focus {
            Some(given) => focus_roles(model, given)?,
            None => Vec::new(),
        };
        let kinds = if kinds.is_empty() {
            None
        } else {
            let mut indexes = kinds
                .iter()
                .map(|id| {
                    model
                        .kinds
                        .id_of(id)
                        .ok_or_else(|| ExportError::UnknownKind {
                            id: id.clone(),
                            suggestion: suggestion(id, model.kinds.keys()),
                            known: model.kinds.keys().cloned().collect(),
                        })
                })
                .collect::<Result<Vec<_>, _>>()?;
            indexes.sort_unstable();
            indexes.dedup();
            Some(indexes)
        };
        Ok(Options {
            view,
            focus,
            depth,
            kinds,
            findings: true,
        })
    }

    /// Whether `--kinds` keeps this kind.
    pub(crate) fn shows_kind(&self, kind: KindId) -> bool {
        self.kinds
            .as_ref()
            .is_none_or(|kinds| kinds.contains(&kind))
    }
}

/// The roles `--focus` names: the role with that id; else the one with that title (several
/// are an error that lists them); else the roles of that team.
fn focus_roles(model: &Model, given: &str) -> Result<Vec<RoleId>, ExportError> {
    if let Some(role) = model.roles.id_of(given) {
        return Ok(vec![role]);
    }
    let wanted = given.to_lowercase();
    let titled: Vec<RoleId> = model
        .roles
        .ids()
        .filter(|&r| model.roles[r].title.to_lowercase() == wanted)
        .collect();
    match titled.len() {
        1 => return Ok(titled),
        0 => {}
        _ => {
            return Err(ExportError::AmbiguousFocus {
                given: given.to_string(),
                matches: titled
                    .iter()
                    .map(|&r| (model.roles[r].id.clone(), model.roles[r].title.clone()))
                    .collect(),
            });
        }
    }
    let team: Vec<RoleId> = model
        .roles
        .ids()
        .filter(|&r| {
            model.roles[r]
                .team
                .as_deref()
                .is_some_and(|team| team.to_lowercase() == wanted)
        })
        .collect();
    if team.is_empty() {
        Err(ExportError::UnknownRole {
            id: given.to_string(),
            suggestion: suggestion(given, model.roles.keys()),
        })
    } else {
        Ok(team)
    }
}

/// The id of `ids` closest to `id`, for a "did you mean" hint.
fn suggestion<'a>(id: &str, ids: impl Iterator<Item = &'a String>) -> Option<String> {
    crate::model::did_you_mean(id, ids.map(String::as_str)).map(str::to_string)
}
