//! `docs/schema/`: the JSON Schema (draft 2020-12) of every public report and document, generated
//! from the core's own types (`hrid`'s feature `schema`, schemars), one file per type, plus the
//! README that lists them. The bindings' types are generated from these files
//! (`bindings-wasm/scripts/generate-types.mjs` for TypeScript).

use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::Value;

/// One schema file: its type name (the file is `<name>.schema.json`), the Rust type it is
/// generated from, and the schema.
struct Entry {
    name: String,
    rust: &'static str,
    schema: Value,
}

/// The schema of `T` as it serialises (schemars' serialize contract: fields skipped when empty
/// are optional, `Option` fields without `skip_serializing_if` are required and nullable).
/// Every object is closed (`additionalProperties: false`): a field the schema does not list is
/// a change of the format, and the validation test (`tests/schema_validates.rs`) finds it.
fn entry<T: JsonSchema>(rust: &'static str) -> Entry {
    let generator = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let mut schema = Value::from(generator.into_root_schema_for::<T>());
    close_objects(&mut schema);
    optional_is_never_null(&mut schema);
    plain_descriptions(&mut schema);
    Entry {
        name: T::schema_name().into_owned(),
        rust,
        schema,
    }
}

/// Add `additionalProperties: false` to every object schema that lists its properties and says
/// nothing about others.
fn close_objects(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.contains_key("properties")
                && !map.contains_key("additionalProperties")
                && !map.contains_key("unevaluatedProperties")
            {
                map.insert("additionalProperties".to_owned(), Value::Bool(false));
            }
            map.values_mut().for_each(close_objects);
        }
        Value::Array(items) => items.iter_mut().for_each(close_objects),
        _ => {}
    }
}

/// A property that may be absent is never `null`: the core skips an `Option` field when it is
/// `None` (`skip_serializing_if = "Option::is_none"`, the only skip condition it uses), and
/// schemars cannot see that the predicate is exactly the `None` case. So `null` is dropped from
/// the type of every property outside `required`.
fn optional_is_never_null(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let required: Vec<String> = map
                .get("required")
                .and_then(Value::as_array)
                .map(|r| {
                    r.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default();
            if let Some(Value::Object(properties)) = map.get_mut("properties") {
                for (name, property) in properties.iter_mut() {
                    if !required.contains(name) {
                        drop_null(property);
                    }
                }
            }
            map.values_mut().for_each(optional_is_never_null);
        }
        Value::Array(items) => items.iter_mut().for_each(optional_is_never_null),
        _ => {}
    }
}

/// `{"type": [T, "null"]}` becomes `{"type": T}`; `{"anyOf": [S, {"type": "null"}]}` becomes S
/// (keeping the property's description).
fn drop_null(schema: &mut Value) {
    let Value::Object(map) = schema else { return };
    if let Some(Value::Array(types)) = map.get_mut("type") {
        types.retain(|t| t != "null");
        if let [single] = types.as_slice() {
            let single = single.clone();
            map.insert("type".to_owned(), single);
        }
    }
    if let Some(Value::Array(options)) = map.get_mut("anyOf") {
        options.retain(|o| o.get("type").and_then(Value::as_str) != Some("null"));
        if let [Value::Object(single)] = options.as_slice() {
            let single = single.clone();
            map.remove("anyOf");
            for (k, v) in single {
                map.entry(k).or_insert(v);
            }
        }
    }
}

/// Descriptions come from the Rust doc comments: unwrap their lines within a paragraph and drop
/// rustdoc's link brackets (`` [`Verifier`] `` and `` [`x`](path) `` become `` `Verifier` ``,
/// `` `x` ``), so they read well in any language.
fn plain_descriptions(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(text)) = map.get_mut("description") {
                *text = plain(text);
            }
            map.values_mut().for_each(plain_descriptions);
        }
        Value::Array(items) => items.iter_mut().for_each(plain_descriptions),
        _ => {}
    }
}

fn plain(text: &str) -> String {
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| p.lines().map(str::trim).collect::<Vec<_>>().join(" "))
        .collect();
    let mut text = paragraphs.join("\n\n");
    // [`name`](target) and [`name`] to `name`.
    while let Some(start) = text.find("[`") {
        let Some(len) = text[start..].find("`]") else {
            break;
        };
        let end = start + len + 2;
        let name = text[start + 1..end - 1].to_owned();
        let mut after = end;
        if text[end..].starts_with('(') {
            if let Some(close) = text[end..].find(')') {
                after = end + close + 1;
            }
        }
        text.replace_range(start..after, &name);
    }
    text
}

fn entries() -> Vec<Entry> {
    use hrid::{
        access, attestation, audit, code, history, passport, reason, recall, report, status, trust,
        verify,
    };
    // One line per module: each type's schema is named by its Rust path.
    macro_rules! entries {
        ($($ty:path),* $(,)?) => { vec![$(entry::<$ty>(concat!("hrid::", stringify!($ty)))),*] };
    }
    entries! {
        verify::VerificationReport, verify::VerifiedAttestation,
        attestation::Attestation, attestation::LifecycleEvent,
        history::HistoryReport, history::HealthSummary, history::CustodyReport,
        recall::RecallReport, recall::VerifiedRecall, recall::RecallNotice,
        passport::PassportReport, passport::VerifiedPassport, passport::PassportReading,
        access::AccessDecision, audit::AuditReport, status::StatusFeedReport, status::StatusFeed,
        trust::TrustList,
        code::CodeReport, code::report::SuggestionInfo, code::Scan, code::Found, code::NearMiss,
        report::Finding, report::Findings, report::Verdict, reason::ReasonCode,
    }
}

/// Every file of `docs/schema/`: its name and its exact contents.
#[must_use]
pub fn files() -> Vec<(String, String)> {
    let entries = entries();
    let mut files: Vec<(String, String)> = entries
        .iter()
        .map(|e| (format!("{}.schema.json", e.name), crate::pretty(&e.schema)))
        .collect();
    files.push(("README.md".to_owned(), readme(&entries)));
    files
}

fn readme(entries: &[Entry]) -> String {
    let mut rows = String::new();
    for e in entries {
        let summary = e
            .schema
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .split("\n\n")
            .next()
            .unwrap_or_default()
            .replace('\n', " ")
            .replace('|', "\\|");
        rows.push_str(&format!(
            "| [`{0}`]({0}.schema.json) | `{1}` | {2} |\n",
            e.name, e.rust, summary
        ));
    }
    format!(
        "# JSON Schemas of hrid's reports and documents

Generated by `cargo xtask schema` from the core's types (`hrid` with the cargo feature `schema`,
which derives `schemars::JsonSchema` beside each type's `serde::Serialize`); do not edit. The
`drift` test of xtask fails when these files differ from what the generator writes, and
`schema_validates` validates every report the core produces for the test vectors
(`test-vectors/*.json`) against them.

Regenerate after changing a serialised type, and commit the result:

```sh
cargo xtask schema            # write docs/schema/
cargo xtask schema --check    # exit 1 when a file is out of date
```

Each file is a JSON Schema (draft 2020-12) of the JSON the core writes: what the CLI prints with
`--json`, what `to_json()` returns, and what every binding hands over. The types it uses are in its
`$defs`. Objects are closed (`additionalProperties: false`): a new field is a change of the format.
Fields that are absent when empty are optional; every other field is always present, `null` where
the Rust type is an `Option`. Every report carries the findings flat: `verdict`, `failures`,
`warnings`, `passed`. Times are unix seconds.

The bindings' types are generated from these files: TypeScript by
`bindings-wasm/scripts/generate-types.mjs` (`bindings-wasm/src/types.generated.d.ts`).

| schema | Rust type | what it is |
| --- | --- | --- |
{rows}"
    )
}
