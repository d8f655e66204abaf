//! The three syntaxes of a model file, parsed into one tree of values that keeps byte spans.

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
pub(crate) struct JsonTables<'a> {
    text: &'a str,
    items: Vec<&'a serde_json::value::RawValue>,
}

impl<'a> JsonTables<'a> {
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn nodes(&self) -> impl Iterator<Item = Node<'a>> + '_ {
        self.items.iter().map(|item| json_node(self.text, item))
    }
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
        Format::Json => parse_json(text),
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
        span: error.span().unwrap_or(0..0),
    })?;
    let span = table.span();
    let mut node = convert(toml::Spanned::new(span, DeValue::Table(table.into_inner())));
    // The root table spans the whole file, so that "missing field" points at line 1.
    node.span = 0..0;
    Ok(node)
}

/// JSON through serde_json: every value is first taken raw (`RawValue` borrows the input), so
/// its byte span is its offset in the text; then its children are read the same way. The first
/// pass over the whole text checks its syntax, so reading a part again cannot fail.
fn parse_json(text: &str) -> Result<Node<'_>, SyntaxError> {
    if let Some(offset) = json_nesting_beyond(text, MAX_JSON_DEPTH) {
        return Err(SyntaxError {
            message: format!("nested more than {MAX_JSON_DEPTH} levels deep"),
            span: offset..offset + 1,
        });
    }
    match serde_json::from_str::<JsonEntries>(text) {
        Ok(JsonEntries(entries)) => Ok(Node {
            span: 0..0,
            value: json_entries(text, entries),
        }),
        Err(error) => {
            let offset = offset_of(text, error.line(), error.column().max(1));
            let message = error.to_string();
            // serde_json appends " at line L column C", which the diagnostic shows already.
            let message = match message.rfind(" at line ") {
                Some(end) => message[..end].to_string(),
                None => message,
            };
            Err(SyntaxError {
                message,
                span: offset..offset + 1,
            })
        }
    }
}

/// As deep as serde_json itself nests values. Raw values skip its check, and the tree is built
/// recursively, so deeper input would overflow the stack.
const MAX_JSON_DEPTH: usize = 128;

/// Offset of the first `[` or `{` nested deeper than `max`, outside strings.
fn json_nesting_beyond(text: &str, max: usize) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (offset, byte) in text.bytes().enumerate() {
        match byte {
            _ if escaped => escaped = false,
            b'\\' if in_string => escaped = true,
            b'"' => in_string = !in_string,
            b'[' | b'{' if !in_string => {
                depth += 1;
                if depth > max {
                    return Some(offset);
                }
            }
            b']' | b'}' if !in_string => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn json_entries<'a>(
    text: &'a str,
    entries: Vec<(CowStr<'a>, &'a serde_json::value::RawValue)>,
) -> Value<'a> {
    Value::Table(
        entries
            .into_iter()
            .map(|(key, value)| {
                let value = json_node(text, value);
                Entry {
                    key_span: json_key_span(text, value.span.start, &key.0),
                    key: key.0,
                    value,
                }
            })
            .collect(),
    )
}

fn json_node<'a>(text: &'a str, raw: &'a serde_json::value::RawValue) -> Node<'a> {
    let json = raw.get();
    let start = json.as_ptr() as usize - text.as_ptr() as usize;
    let span = start..start + json.len();
    let value = match json.as_bytes().first() {
        Some(b'{') => match serde_json::from_str::<JsonEntries>(json) {
            Ok(JsonEntries(entries)) => json_entries(text, entries),
            Err(_) => Value::Null,
        },
        Some(b'[') => match serde_json::from_str::<Vec<&serde_json::value::RawValue>>(json) {
            Ok(items)
                if items
                    .first()
                    .is_some_and(|item| item.get().starts_with('{')) =>
            {
                Value::JsonTables(JsonTables { text, items })
            }
            Ok(items) => Value::Array(
                items
                    .into_iter()
                    .map(|item| json_node(text, item))
                    .collect(),
            ),
            Err(_) => Value::Null,
        },
        // Validated already: without escapes the string is the text between its quotes.
        Some(b'"') if !json.contains('\\') => Value::Str(Cow::Borrowed(&json[1..json.len() - 1])),
        Some(b'"') => serde_json::from_str::<CowStr>(json).map_or(Value::Null, |s| Value::Str(s.0)),
        Some(b't') => Value::Bool(true),
        Some(b'f') => Value::Bool(false),
        Some(b'n') | None => Value::Null,
        Some(_) => match json.parse::<i64>() {
            Ok(n) => Value::Int(n),
            Err(_) if json.bytes().all(|b| b.is_ascii_digit() || b == b'-') => {
                Value::Other("an integer out of range")
            }
            Err(_) => Value::Float,
        },
    };
    Node { span, value }
}

/// The span of the key whose value starts at `value_start`: back over `:` and blanks to the
/// closing quote, then over the key's text as written.
fn json_key_span(text: &str, value_start: usize, key: &str) -> Range<usize> {
    let before = text[..value_start].trim_end();
    let before = before.strip_suffix(':').unwrap_or(before).trim_end();
    let end = before.len();
    // A key written with escapes is longer than its value; fall back to the closing quote.
    let start = before[..end.saturating_sub(1)]
        .rfind('"')
        .filter(|&open| text.get(open + 1..end - 1) == Some(key))
        .unwrap_or(end.saturating_sub(1));
    start..end
}

/// A JSON object's entries in file order, repeated keys kept (the model reader reports them).
struct JsonEntries<'a>(Vec<(CowStr<'a>, &'a serde_json::value::RawValue)>);

/// A JSON string, borrowed from the text unless it has escapes.
struct CowStr<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for CowStr<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StrVisitor;
        impl<'de> Visitor<'de> for StrVisitor {
            type Value = CowStr<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(CowStr(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(StrVisitor)
    }
}

impl<'de> Deserialize<'de> for JsonEntries<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = JsonEntries<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) =
                    map.next_entry::<CowStr<'de>, &'de serde_json::value::RawValue>()?
                {
                    entries.push(entry);
                }
                Ok(JsonEntries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor)
    }
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
    let options = serde_saphyr::options! {
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
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
