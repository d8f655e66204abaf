//! One cell of a RACI matrix: `A`, `R`, `C`, `I`, their words, and combinations (`A/R`,
//! `A, R`, `R,A,C,I`); a note in parentheses after the levels (`R (prelim vetting)`).

use crate::model::Level;

/// What a cell says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Parsed {
    /// Nothing: empty, or a dash (`-`, `–`, `—`) for "not involved".
    Empty,
    /// The levels in the order written, each once, and a note in parentheses that was dropped.
    Levels(Vec<Level>, Option<String>),
    /// Text that is no RACI value.
    Other,
}

impl Parsed {
    pub fn is_raci(&self) -> bool {
        matches!(self, Parsed::Levels(..))
    }
}

pub fn parse(text: &str) -> Parsed {
    let text = text.trim();
    if text.is_empty() || matches!(text, "-" | "–" | "—") {
        return Parsed::Empty;
    }
    let (head, note) = match text.find('(') {
        Some(open) if text.ends_with(')') && open > 0 => {
            (&text[..open], Some(text[open..].to_string()))
        }
        Some(_) => return Parsed::Other,
        None => (text, None),
    };
    let mut levels = Vec::new();
    for token in head
        .split(|c: char| matches!(c, ',' | '/' | '+') || c.is_whitespace())
        .filter(|t| !t.is_empty())
    {
        let Some(level) = level(token) else {
            return Parsed::Other;
        };
        if !levels.contains(&level) {
            levels.push(level);
        }
    }
    if levels.is_empty() {
        Parsed::Other
    } else {
        Parsed::Levels(levels, note)
    }
}

fn level(token: &str) -> Option<Level> {
    match token.to_lowercase().as_str() {
        "a" | "accountable" => Some(Level::Accountable),
        "r" | "responsible" => Some(Level::Responsible),
        "c" | "consulted" | "consult" => Some(Level::Consulted),
        "i" | "informed" | "inform" => Some(Level::Informed),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Level::*;

    fn levels(text: &str) -> Vec<Level> {
        match parse(text) {
            Parsed::Levels(levels, _) => levels,
            other => panic!("{text:?}: {other:?}"),
        }
    }

    #[test]
    fn every_spelling_seen_in_real_matrices() {
        assert_eq!(levels("A/R"), [Accountable, Responsible]);
        assert_eq!(levels("A / R"), [Accountable, Responsible]);
        assert_eq!(levels("A, R"), [Accountable, Responsible]);
        assert_eq!(levels("R, A"), [Responsible, Accountable]);
        assert_eq!(
            levels("R,A,C,I"),
            [Responsible, Accountable, Consulted, Informed]
        );
        assert_eq!(levels("Accountable"), [Accountable]);
        assert_eq!(levels("informed"), [Informed]);
        assert_eq!(levels("C + I"), [Consulted, Informed]);
        assert_eq!(levels("A, C "), [Accountable, Consulted]);
        assert_eq!(
            parse("R (prelim vetting)"),
            Parsed::Levels(vec![Responsible], Some("(prelim vetting)".into()))
        );
    }

    #[test]
    fn empty_and_other_text() {
        assert_eq!(parse("  "), Parsed::Empty);
        assert_eq!(parse("-"), Parsed::Empty);
        assert_eq!(parse("X"), Parsed::Other);
        assert_eq!(parse("Accountable:"), Parsed::Other);
        assert_eq!(parse("cloud strategy"), Parsed::Other);
        assert_eq!(parse("(R)"), Parsed::Other);
        assert_eq!(parse("R (open"), Parsed::Other);
    }
}
