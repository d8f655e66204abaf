//! What to draw: the view, `--focus`, `--depth` and `--kinds`, resolved against a model.

use super::{ExportError, View};
use crate::model::{KindId, Model, RoleId};

/// What to draw, resolved against a model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// What to draw.
    pub view: View,
    /// That role, its chain of managers and its subtree.
    pub focus: Option<RoleId>,
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
            focus: None,
            depth: None,
            kinds: None,
            findings: true,
        }
    }

    /// Resolves `--focus` and `--kinds` ids against the model.
    pub fn resolve(
        model: &Model,
        view: View,
        focus: Option<&str>,
        depth: Option<usize>,
        kinds: &[String],
    ) -> Result<Options, ExportError> {
        let focus = focus
            .map(|id| {
                model
                    .roles
                    .id_of(id)
                    .ok_or_else(|| ExportError::UnknownRole {
                        id: id.to_string(),
                        suggestion: suggestion(id, model.roles.keys()),
                    })
            })
            .transpose()?;
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

/// The id of `ids` closest to `id`, for a "did you mean" hint.
fn suggestion<'a>(id: &str, ids: impl Iterator<Item = &'a String>) -> Option<String> {
    crate::model::did_you_mean(id, ids.map(String::as_str)).map(str::to_string)
}
