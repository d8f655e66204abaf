//! `orgraph schema`: the JSON Schema of the model file, generated from the model's file types so
//! that it cannot drift from them. Editors use it for completion and validation.

use orgraph::check::Check;
use orgraph::model::schema::{ID_PATTERN, ModelFile};
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema};
use serde_json::{Map, Value, json};

// The file as users write it: what `export --format json` writes (`ModelFile`) and the keys that
// only a hand-written file has.
/// An orgraph model: roles, the responsibilities they hold, reporting lines and the people who
/// fill them.
#[derive(JsonSchema)]
#[schemars(title = "orgraph model", deny_unknown_fields, transform = name_the_checks)]
#[expect(dead_code, reason = "only its schema is used")]
struct ModelDocument {
    /// The JSON Schema of this file, for editors; orgraph ignores it.
    #[serde(rename = "$schema")]
    schema: Option<String>,
    /// A model to start from: a path relative to this file. Roles, scopes, kinds and people with
    /// the same id replace the base's; everything else is inherited.
    extends: Option<String>,
    /// Ids of inherited roles to drop (needs `extends`).
    #[serde(default)]
    #[schemars(inner(pattern(ID_PATTERN)))]
    remove: Vec<String>,
    #[serde(flatten)]
    model: ModelFile,
}

/// The schema as pretty-printed JSON, ending with a newline.
pub fn json_schema() -> String {
    // Draft 7: the newest draft that taplo (Even Better TOML), yaml-language-server and VS Code
    // all read.
    let mut settings = SchemaSettings::draft07();
    // Before draft 7's own transforms, which rewrite the `$ref`s this one may leave bare.
    settings
        .transforms
        .insert(0, Box::new(RecursiveTransform(as_written)));
    let schema = settings
        .into_generator()
        .into_root_schema_for::<ModelDocument>();
    super::json(&schema)
}

/// `[checks]` lists every check by code, with its summary and default level, so that editors
/// complete the codes and reject unknown ones.
fn name_the_checks(schema: &mut Schema) {
    let Some(checks) = schema.pointer_mut("/properties/checks") else {
        return;
    };
    let level = checks
        .pointer("/additionalProperties")
        .cloned()
        .unwrap_or(Value::Bool(true));
    let properties: Map<String, Value> = Check::ALL
        .iter()
        .map(|check| {
            let mut property = Map::new();
            property.insert("description".into(), check.summary().into());
            property.insert("default".into(), check.default_level().name().into());
            merge(&mut property, &level);
            (check.code().to_string(), Value::Object(property))
        })
        .collect();
    if let Some(checks) = checks.as_object_mut() {
        checks.insert("properties".into(), Value::Object(properties));
        checks.insert("additionalProperties".into(), Value::Bool(false));
    }
}

/// Fits one (sub)schema to files people write: an optional field is left out, never `null` (the
/// loader rejects `null`), and a description is one line per paragraph, as editors show it.
fn as_written(schema: &mut Schema) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    if let Some(Value::Array(types)) = object.get_mut("type") {
        types.retain(|t| t != "null");
        if let [only] = types.as_slice() {
            let only = only.clone();
            object.insert("type".into(), only);
        }
    }
    if let Some(Value::Array(alternatives)) = object.get("anyOf") {
        let not_null: Vec<&Value> = alternatives
            .iter()
            .filter(|alternative| **alternative != json!({"type": "null"}))
            .collect();
        if let [only] = not_null.as_slice() {
            let only = (*only).clone();
            object.remove("anyOf");
            merge(object, &only);
        }
    }
    if let Some(Value::String(description)) = object.get_mut("description") {
        *description = description
            .split("\n\n")
            .map(|paragraph| paragraph.split('\n').collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n\n");
    }
}

/// Adds the keys of `from` (an object) to `into`, keeping `into`'s own.
fn merge(into: &mut Map<String, Value>, from: &Value) {
    for (key, value) in from.as_object().into_iter().flatten() {
        into.entry(key.clone()).or_insert_with(|| value.clone());
    }
}
