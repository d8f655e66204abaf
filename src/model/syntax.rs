//! The three syntaxes of a model file, parsed into one tree of values that keeps byte spans.

mod json;

pub(crate) use json::{Flat, JsonTables};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::ops::Range;

/// A parsed value and the bytes it came from.
/// Strings borrow from the file's text where they can: a large model is mostly strings.
#[derive(Debug)]
pub(crate) struct Node<'a> {
    pub span: Range<usize>,
    pub value: Value<'a>,
}

#[derive(Debug)]
pub(crate) enum Value<'a> {
    Str(Cow<'a, str>),
    Int(i64),
    Float,
    Bool(bool),
    Null,
    /// A value of a type models never use (a TOML datetime).
    Other(&'static str),
    Array(Vec<Node<'a>>),
    Table(Vec<Entry<'a>>),
    /// A JSON array of objects (`role`, `person`), read one item at a time: a large model's
    /// tree never exists whole.
    JsonTables(JsonTables<'a>),
}

#[derive(Debug)]
pub(crate) struct Entry<'a> {
    pub key: Cow<'a, str>,
    pub key_span: Range<usize>,
    pub value: Node<'a>,
}

impl Value<'_> {
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Str(_) => "a string",
            Value::Int(_) => "an integer",
            Value::Float => "a float",
            Value::Bool(_) => "a boolean",
            Value::Null => "null",
            Value::Other(name) => name,
            Value::Array(_) | Value::JsonTables(_) => "an array",
            Value::Table(_) => "a table",
        }
    }
}

/// The syntax of a model (or canon) file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `.toml`, the main one.
    Toml,
    /// `.json`.
    Json,
    /// `.yaml` or `.yml`.
    Yaml,
}

impl Format {
    /// The syntax a file's extension names, if it names one.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()? {
            "toml" => Some(Format::Toml),
            "json" => Some(Format::Json),
            "yaml" | "yml" => Some(Format::Yaml),
            _ => None,
        }
    }
}

/// A syntax error: what the parser said and where.
#[derive(Debug)]
pub(crate) struct SyntaxError {
    pub message: String,
    pub span: Range<usize>,
}

pub(crate) fn parse(format: Format, text: &str) -> Result<Node<'_>, SyntaxError> {
    match format {
        Format::Toml => parse_toml(text),
        Format::Json => json::parse(text),
        Format::Yaml => parse_yaml(text),
    }
}

fn parse_toml(text: &str) -> Result<Node<'_>, SyntaxError> {
    use toml::de::{DeTable, DeValue};
    fn convert(value: toml::Spanned<DeValue<'_>>) -> Node<'_> {
        let span = value.span();
        let value = match value.into_inner() {
            DeValue::String(s) => Value::Str(s),
            DeValue::Integer(i) => {
                let digits = i.as_str().replace('_', "");
                match i64::from_str_radix(&digits, i.radix()) {
                    Ok(n) => Value::Int(n),
                    Err(_) => Value::Other("an integer out of range"),
                }
            }
            DeValue::Float(_) => Value::Float,
            DeValue::Boolean(b) => Value::Bool(b),
            DeValue::Datetime(_) => Value::Other("a datetime"),
            DeValue::Array(items) => Value::Array(items.into_iter().map(convert).collect()),
            DeValue::Table(table) => Value::Table(
                table
                    .into_iter()
                    .map(|(key, value)| Entry {
                        key_span: key.span(),
                        key: key.into_inner(),
                        value: convert(value),
                    })
                    .collect(),
            ),
        };
        Node { span, value }
    }
    let table = DeTable::parse(text).map_err(|error| SyntaxError {
        message: error.message().trim_end().to_string(),
        span: error.span().unwrap_or_else(|| toml_unplaced_error(text)),
    })?;
    let span = table.span();
    let mut node = convert(toml::Spanned::new(span, DeValue::Table(table.into_inner())));
    // The root table spans the whole file, so that "missing field" points at line 1.
    node.span = 0..0;
    Ok(node)
}

/// Where a TOML error that the parser gives without a place (its recursion limit, on a dotted key
/// of hundreds of parts) is: the first line up to which the file fails the same way, found by
/// bisection. Only an error pays for the few parses this takes.
fn toml_unplaced_error(text: &str) -> Range<usize> {
    let line_ends: Vec<usize> = text
        .match_indices('\n')
        .map(|(at, _)| at + 1)
        .chain(std::iter::once(text.len()))
        .collect();
    let fails_unplaced = |lines: usize| {
        toml::de::DeTable::parse(&text[..line_ends[lines - 1]])
            .is_err_and(|error| error.span().is_none())
    };
    // The whole file fails unplaced: the answer is in low..=high.
    let (mut low, mut high) = (1, line_ends.len());
    while low < high {
        let middle = (low + high) / 2;
        if fails_unplaced(middle) {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    let line_start = if high > 1 { line_ends[high - 2] } else { 0 };
    let line = &text[line_start..];
    let start = line_start + line.len() - line.trim_start_matches([' ', '\t']).len();
    start..start + 1
}

/// A YAML node as serde-saphyr sees it; children carry their own locations.
struct YamlNode(Value<'static>);

type SpannedYaml = serde_saphyr::Spanned<YamlNode>;

fn yaml_span(location: &serde_saphyr::Location) -> Range<usize> {
    let span = location.span();
    let start = span.byte_offset().unwrap_or(0) as usize;
    start..start + span.byte_len().unwrap_or(0) as usize
}

fn yaml_node(spanned: SpannedYaml) -> Node<'static> {
    Node {
        span: yaml_span(&spanned.referenced),
        value: spanned.value.0,
    }
}

impl<'de> Deserialize<'de> for YamlNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(YamlVisitor)
    }
}

struct YamlVisitor;

impl<'de> Visitor<'de> for YamlVisitor {
    type Value = YamlNode;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<YamlNode, E> {
        Ok(YamlNode(Value::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<YamlNode, E> {
        Ok(YamlNode(Value::Int(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<YamlNode, E> {
        Ok(YamlNode(i64::try_from(v).map_or(
            Value::Other("an integer out of range"),
            Value::Int,
        )))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<YamlNode, E> {
        Ok(YamlNode(Value::Float))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<YamlNode, E> {
        Ok(YamlNode(Value::Str(Cow::Owned(v.to_string()))))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<YamlNode, E> {
        Ok(YamlNode(Value::Str(Cow::Owned(v))))
    }
    fn visit_unit<E: de::Error>(self) -> Result<YamlNode, E> {
        Ok(YamlNode(Value::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<YamlNode, E> {
        Ok(YamlNode(Value::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<YamlNode, D::Error> {
        YamlNode::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<YamlNode, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<SpannedYaml>()? {
            items.push(yaml_node(item));
        }
        Ok(YamlNode(Value::Array(items)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<YamlNode, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<serde_saphyr::Spanned<YamlKey>>()? {
            let value = map.next_value::<SpannedYaml>()?;
            entries.push(Entry {
                key_span: yaml_span(&key.referenced),
                key: Cow::Owned(key.value.0),
                value: yaml_node(value),
            });
        }
        Ok(YamlNode(Value::Table(entries)))
    }
}

/// A mapping key: any scalar, as text.
struct YamlKey(String);

impl<'de> Deserialize<'de> for YamlKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match YamlNode::deserialize(deserializer)?.0 {
            Value::Str(s) => Ok(YamlKey(s.into_owned())),
            Value::Int(i) => Ok(YamlKey(i.to_string())),
            Value::Bool(b) => Ok(YamlKey(b.to_string())),
            other => Err(de::Error::custom(format!(
                "a mapping key must be a string, found {}",
                other.type_name()
            ))),
        }
    }
}

fn parse_yaml(text: &str) -> Result<Node<'static>, SyntaxError> {
    // Repeated keys reach the model reader, which reports both places as for TOML and JSON.
    // The budget against bombs grows with the file: a node, an event or a byte of scalar takes
    // at least a byte of text, so a real model of any size fits, while alias expansion (text
    // that expands into far more nodes) stays under serde-saphyr's own limits.
    let default = serde_saphyr::Budget::default();
    let options = serde_saphyr::options! {
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
        budget: serde_saphyr::budget! {
            max_nodes: default.max_nodes.max(text.len()),
            max_events: default.max_events.max(2 * text.len()),
            max_total_scalar_bytes: default.max_total_scalar_bytes.max(text.len()),
        },
    };
    match serde_saphyr::from_str_with_options::<SpannedYaml>(text, options) {
        Ok(root) => {
            let mut node = yaml_node(root);
            node.span = 0..0;
            Ok(node)
        }
        Err(error) => {
            let span = error.location().map_or(0..0, |location| {
                let start = offset_of(text, location.line() as usize, location.column() as usize);
                start..start + 1
            });
            // The message alone: the diagnostic shows the location already.
            let message = serde_saphyr::MessageFormatter::format_message(
                &serde_saphyr::UserMessageFormatter,
                &error,
            )
            .trim()
            .to_string();
            Err(SyntaxError { message, span })
        }
    }
}

/// Byte offset of a 1-based line and character column, clamped to the text.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let rest = &text[line_start..];
    line_start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(offset, _)| offset)
}
