//! Title rules (`--rules FILE`): a regex on a role's title gives it an archetype, a track and
//! responsibilities, on a scope made from the title's named captures. The first matching rule
//! wins.

use super::slug;
use crate::diag::Diagnostic;
use crate::model::{BUILTIN_KINDS, Canon, Company, Level, Track, did_you_mean};
use crate::source::{FileId, Sources, Span};
use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

/// Compiled rules, in file order.
#[derive(Debug)]
pub struct Rules {
    rules: Vec<Rule>,
    file: FileId,
}

#[derive(Debug)]
struct Rule {
    regex: Regex,
    archetype: Option<String>,
    track: Option<Track>,
    scope: Option<Vec<Piece>>,
    entries: Vec<(Level, String)>,
    /// The rule's `match`, for warnings about it.
    span: Span,
}

/// A part of a `scope` template: text as written, or a named capture.
#[derive(Debug)]
enum Piece {
    Text(String),
    Capture(String),
}

/// What a rule gives a role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    /// The archetype the title maps onto.
    pub archetype: Option<String>,
    /// Manager or individual contributor.
    pub track: Option<Track>,
    /// The scope's id (slugged) and name (as the title has it); `None`: every scope.
    pub scope: Option<(String, String)>,
    /// The responsibilities: a level and a kind id each.
    pub entries: Vec<(Level, String)>,
}

/// A rule matched, but its scope came out empty (`{group}` captured only punctuation).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmptyScope {
    /// The rule's place in the rules file.
    pub rule: Span,
    /// The scope name the rule made, which slugs to nothing.
    pub text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    rule: Vec<RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    #[serde(rename = "match")]
    pattern: Spanned<String>,
    archetype: Option<Spanned<String>>,
    track: Option<Spanned<String>>,
    scope: Option<Spanned<String>>,
    owns: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    responsible: Vec<Spanned<String>>,
    #[serde(default)]
    consulted: Vec<Spanned<String>>,
    #[serde(default)]
    informed: Vec<Spanned<String>>,
}

/// The largest compiled regex a rule may make: far beyond any title pattern, small enough that
/// a pathological one fails to compile instead of eating memory.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

impl Rules {
    /// Reads the rules at `path` into `sources`; every problem is a diagnostic there.
    pub fn load(
        sources: &mut Sources,
        path: &Path,
        canon: &Canon,
    ) -> Result<Rules, Vec<Diagnostic>> {
        let file = super::read_text(sources, path, None).map_err(|error| vec![error])?;
        Rules::parse(sources, file, canon)
    }

    /// Compiles the rules in `file` of `sources`, checking archetypes against `canon`.
    pub fn parse(sources: &Sources, file: FileId, canon: &Canon) -> Result<Rules, Vec<Diagnostic>> {
        let at = |range: std::ops::Range<usize>| Span::new(file, range);
        let raw: RawFile = toml::from_str(sources.text(file)).map_err(|error| {
            vec![
                Diagnostic::error(format!("invalid rules file: {}", error.message().trim_end()))
                    .at(at(error.span().unwrap_or(0..0)), "here")
                    .help("a rules file is `[[rule]]` tables with `match`, and optionally `archetype`, `track`, `scope`, `owns`, `responsible`, `consulted`, `informed`"),
            ]
        })?;
        if raw.rule.is_empty() {
            return Err(vec![
                Diagnostic::error(format!("`{}` has no `[[rule]]`", sources.name(file)))
                    .help("add `[[rule]]` tables with `match = '...'` (a regex on the title)"),
            ]);
        }
        let mut errors = Vec::new();
        let mut rules = Vec::new();
        for raw in raw.rule {
            match compile(raw, &at, canon) {
                Ok(rule) => rules.push(rule),
                Err(mut problems) => errors.append(&mut problems),
            }
        }
        if errors.is_empty() {
            Ok(Rules { rules, file })
        } else {
            Err(errors)
        }
    }

    /// The rules file in the sources it was read into.
    pub fn file(&self) -> FileId {
        self.file
    }

    /// What the first rule matching `title` gives; `None` when none matches.
    pub fn assign(&self, title: &str) -> Option<Result<Assignment, EmptyScope>> {
        let (rule, captures) = self
            .rules
            .iter()
            .find_map(|rule| Some((rule, rule.regex.captures(title)?)))?;
        let scope = match &rule.scope {
            None => None,
            Some(pieces) => {
                let mut name = String::new();
                for piece in pieces {
                    match piece {
                        Piece::Text(text) => name.push_str(text),
                        Piece::Capture(capture) => {
                            name.push_str(captures.name(capture).map_or("", |m| m.as_str()));
                        }
                    }
                }
                let name = name.trim().to_string();
                let id = slug(&name);
                if id.is_empty() {
                    return Some(Err(EmptyScope {
                        rule: rule.span,
                        text: name,
                    }));
                }
                Some((id, name))
            }
        };
        Some(Ok(Assignment {
            archetype: rule.archetype.clone(),
            track: rule.track,
            scope,
            entries: rule.entries.clone(),
        }))
    }

    /// The kinds the rules make accountable, in rule order: the model's `[policy] required`.
    pub fn required(&self) -> Vec<String> {
        self.kinds(|level| level == Level::Accountable)
    }

    /// Every kind the rules name that is not built in: the model declares them.
    pub fn declared_kinds(&self) -> Vec<String> {
        let mut kinds = self.kinds(|_| true);
        kinds.retain(|kind| !BUILTIN_KINDS.iter().any(|(id, _)| id == kind));
        kinds
    }

    fn kinds(&self, wanted: impl Fn(Level) -> bool) -> Vec<String> {
        let mut kinds: Vec<String> = Vec::new();
        for (level, kind) in self.rules.iter().flat_map(|rule| &rule.entries) {
            if wanted(*level) && !kinds.contains(kind) {
                kinds.push(kind.clone());
            }
        }
        kinds
    }
}

fn compile(
    raw: RawRule,
    at: &impl Fn(std::ops::Range<usize>) -> Span,
    canon: &Canon,
) -> Result<Rule, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let pattern_span = at(raw.pattern.span());
    let regex = RegexBuilder::new(raw.pattern.get_ref())
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|error| {
            errors.push(
                Diagnostic::error("this rule's `match` is not a valid regex")
                    .at(pattern_span, "here")
                    .help(error.to_string())
                    .help("the syntax is the Rust `regex` crate's: https://docs.rs/regex/#syntax"),
            );
        })
        .ok();
    let archetype = raw.archetype.and_then(|archetype| {
        let span = at(archetype.span());
        let archetype = archetype.into_inner();
        if canon.archetypes.contains_key(&archetype) {
            return Some(archetype);
        }
        let known = canon.archetypes.keys().map(String::as_str);
        let mut error = Diagnostic::error(format!("unknown archetype `{archetype}`"))
            .at(span, "not in the canon");
        if let Some(close) = did_you_mean(&archetype, known) {
            error = error.help(format!("did you mean `{close}`?"));
        }
        errors.push(error.help("`orgraph archetypes` lists the canon's archetypes"));
        None
    });
    let track = raw.track.and_then(|track| match track.get_ref().as_str() {
        "ic" => Some(Track::Ic),
        "manager" => Some(Track::Manager),
        other => {
            errors.push(
                Diagnostic::error(format!("unknown track `{other}`"))
                    .at(at(track.span()), "here")
                    .help("a track is \"ic\" or \"manager\""),
            );
            None
        }
    });
    let owns = match raw.owns {
        Some(owns) => owns,
        // Without `owns`, the archetype's kinds in the canon; spans point at the archetype.
        None => archetype
            .as_ref()
            .map(|a| canon.archetypes[a].owns_in(Company::Product))
            .unwrap_or_default()
            .iter()
            .map(|kind| Spanned::new(0..0, kind.clone()))
            .collect(),
    };
    let mut entries = Vec::new();
    for (level, kinds) in [
        (Level::Accountable, owns),
        (Level::Responsible, raw.responsible),
        (Level::Consulted, raw.consulted),
        (Level::Informed, raw.informed),
    ] {
        for kind in kinds {
            if super::is_model_id(kind.get_ref()) {
                entries.push((level, kind.into_inner()));
            } else {
                errors.push(
                    Diagnostic::error(format!("`{}` is not a kind id", kind.get_ref()))
                        .at(at(kind.span()), "here")
                        .help("a kind is an id (`what`, `how`, or one of your own such as `resources`); the rule's `scope` says on which scope"),
                );
            }
        }
    }
    let scope = raw.scope.and_then(|scope| {
        let span = at(scope.span());
        match template(scope.get_ref(), regex.as_ref()) {
            Ok(pieces) => Some(pieces),
            Err(error) => {
                errors.push(error.at(span, "here"));
                None
            }
        }
    });
    match regex {
        Some(regex) if errors.is_empty() => Ok(Rule {
            regex,
            archetype,
            track,
            scope,
            entries,
            span: pattern_span,
        }),
        _ => Err(errors),
    }
}

/// Parses a `scope` template: text and `{capture}`s, each a named capture of `regex`.
fn template(text: &str, regex: Option<&Regex>) -> Result<Vec<Piece>, Diagnostic> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            pieces.push(Piece::Text(rest[..open].to_string()));
        }
        let Some(close) = rest[open..].find('}') else {
            return Err(Diagnostic::error("this scope has a `{` without its `}`")
                .help("write captures as `{name}`, e.g. scope = \"{stage}-{group}\""));
        };
        let name = &rest[open + 1..open + close];
        if let Some(regex) = regex
            && !regex.capture_names().flatten().any(|n| n == name)
        {
            let names: Vec<String> = regex
                .capture_names()
                .flatten()
                .map(|n| format!("`{n}`"))
                .collect();
            return Err(Diagnostic::error(format!(
                "the scope names the capture `{name}`, which this rule's regex does not have"
            ))
            .help(if names.is_empty() {
                format!("name a capture in `match`: `(?P<{name}>...)`")
            } else {
                format!("the regex's named captures: {}", names.join(", "))
            }));
        }
        pieces.push(Piece::Capture(name.to_string()));
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest.to_string()));
    }
    Ok(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(text: &str) -> Result<Rules, String> {
        let mut sources = Sources::default();
        let file = sources.add("rules.toml", text.to_string());
        Rules::parse(&sources, file, &Canon::builtin())
            .map_err(|errors| crate::diag::render(&sources, &errors, false))
    }

    #[test]
    fn the_first_matching_rule_assigns() {
        let rules = rules(
            r#"
[[rule]]
match = '(?i)\bproduct manager\b.*, (?P<stage>[^,:]+):(?P<group>[^,]+)$'
archetype = "product-manager"
scope = "{stage}:{group}"

[[rule]]
match = '(?i)manager'
track = "manager"
owns = ["resources"]
informed = ["what"]
"#,
        )
        .unwrap();
        let pm = rules
            .assign("Senior Product Manager, Plan:Product Planning")
            .unwrap()
            .unwrap();
        assert_eq!(pm.archetype.as_deref(), Some("product-manager"));
        assert_eq!(
            pm.scope,
            Some((
                "plan-product-planning".to_string(),
                "Plan:Product Planning".to_string()
            ))
        );
        assert_eq!(
            pm.entries,
            [
                (Level::Accountable, "what".to_string()),
                (Level::Accountable, "strategy".to_string())
            ]
        );
        let em = rules.assign("Engineering Manager").unwrap().unwrap();
        assert_eq!((em.track, em.scope), (Some(Track::Manager), None));
        assert!(rules.assign("Engineer").is_none());
        assert_eq!(rules.required(), ["what", "strategy", "resources"]);
        assert_eq!(rules.declared_kinds(), ["resources"]);
    }

    #[test]
    fn an_empty_scope_is_reported() {
        let rules = rules("[[rule]]\nmatch = 'x(?P<s>[-]*)'\nscope = '{s}'\n").unwrap();
        assert!(matches!(rules.assign("x--"), Some(Err(EmptyScope { .. }))));
    }

    #[test]
    fn mistakes_are_located() {
        let error = rules("[[rule]]\nmatch = '(unclosed'\n").unwrap_err();
        assert!(error.contains("not a valid regex"), "{error}");
        assert!(error.contains("rules.toml:2:9"), "{error}");
        let error = rules("[[rule]]\nmatch = '(?P<stage>x)'\nscope = '{group}'\n").unwrap_err();
        assert!(error.contains("the capture `group`"), "{error}");
        assert!(error.contains("rules.toml:3:9"), "{error}");
        assert!(error.contains("`stage`"), "{error}");
        let error = rules("[[rule]]\nmatch = 'x'\narchetype = 'product-manger'\n").unwrap_err();
        assert!(error.contains("did you mean `product-manager`?"), "{error}");
        let error = rules("[[rule]]\nmatch = 'x'\nowns = ['what@x']\n").unwrap_err();
        assert!(error.contains("not a kind id"), "{error}");
        let error = rules("[[rule]]\nmatc = 'x'\n").unwrap_err();
        assert!(error.contains("unknown field `matc`"), "{error}");
        let error = rules("[[rule]]\nmatch = 'x'\ntrack = 'boss'\n").unwrap_err();
        assert!(error.contains("unknown track `boss`"), "{error}");
        assert!(rules("").unwrap_err().contains("has no `[[rule]]`"));
    }
}
