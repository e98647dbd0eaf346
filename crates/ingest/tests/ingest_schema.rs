//! `schema/archive.schema.json` and what the ingest and synth write agree:
//! both archives validate, and broken ones do not. The validator covers the
//! keywords the schema uses (and fails on any other, so the schema cannot
//! grow past what is checked).

use std::path::PathBuf;

use caricc_core::date::Date;
use caricc_ingest::{self as ingest, synth};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn schema() -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(root().join("schema/archive.schema.json")).unwrap(),
    )
    .unwrap()
}

struct Validator<'a> {
    root: &'a Value,
    errors: Vec<String>,
}

/// The patterns the schema uses, as Rust checks.
fn pattern_holds(pattern: &str, s: &str) -> bool {
    match pattern {
        "^[A-Z]{2}$" => s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()),
        "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" => {
            s.len() == 10
                && s.bytes().enumerate().all(|(i, b)| {
                    if i == 4 || i == 7 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                })
        }
        "^https?://[^\\s/?#]+" => {
            let rest = s
                .strip_prefix("https://")
                .or_else(|| s.strip_prefix("http://"));
            rest.is_some_and(|r| {
                r.chars()
                    .next()
                    .is_some_and(|c| !c.is_whitespace() && !"/?#".contains(c))
            })
        }
        other => panic!("the test validator does not know the pattern {other}"),
    }
}

fn type_matches(t: &str, v: &Value) -> bool {
    match t {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        other => panic!("unknown type {other}"),
    }
}

impl Validator<'_> {
    fn check(&mut self, schema: &Value, v: &Value, path: &str) {
        let Some(obj) = schema.as_object() else {
            return;
        };
        for (key, rule) in obj {
            match key.as_str() {
                "$schema" | "$id" | "title" | "description" | "$defs" => {}
                "$ref" => {
                    let name = rule
                        .as_str()
                        .unwrap()
                        .strip_prefix("#/$defs/")
                        .expect("local refs only");
                    let target = &self.root["$defs"][name];
                    self.check(target, v, path);
                }
                "type" => {
                    let ok = match rule {
                        Value::String(t) => type_matches(t, v),
                        Value::Array(ts) => ts.iter().any(|t| type_matches(t.as_str().unwrap(), v)),
                        _ => panic!("bad type rule"),
                    };
                    if !ok {
                        self.errors
                            .push(format!("{path}: expected type {rule}, found {v}"));
                    }
                }
                "const" if v != rule => self.errors.push(format!("{path}: expected {rule}")),
                "enum" if !rule.as_array().unwrap().contains(v) => {
                    self.errors.push(format!("{path}: {v} not in {rule}"))
                }
                "const" | "enum" => {}
                "required" => {
                    if let Some(o) = v.as_object() {
                        for r in rule.as_array().unwrap() {
                            if !o.contains_key(r.as_str().unwrap()) {
                                self.errors.push(format!("{path}: missing {r}"));
                            }
                        }
                    }
                }
                "properties" => {
                    if let Some(o) = v.as_object() {
                        for (name, sub) in rule.as_object().unwrap() {
                            if let Some(x) = o.get(name) {
                                self.check(sub, x, &format!("{path}.{name}"));
                            }
                        }
                    }
                }
                "additionalProperties" => {
                    if let Some(o) = v.as_object() {
                        let known = obj.get("properties").and_then(Value::as_object);
                        for (name, x) in o {
                            if known.is_some_and(|k| k.contains_key(name)) {
                                continue;
                            }
                            match rule {
                                Value::Bool(false) => {
                                    self.errors.push(format!("{path}: unexpected field {name}"))
                                }
                                Value::Bool(true) => {}
                                sub => self.check(sub, x, &format!("{path}.{name}")),
                            }
                        }
                    }
                }
                "propertyNames" => {
                    if let Some(o) = v.as_object() {
                        for name in o.keys() {
                            self.check(
                                rule,
                                &Value::String(name.clone()),
                                &format!("{path}[key {name}]"),
                            );
                        }
                    }
                }
                "items" => {
                    if let Some(a) = v.as_array() {
                        for (i, x) in a.iter().enumerate() {
                            self.check(rule, x, &format!("{path}[{i}]"));
                        }
                    }
                }
                "uniqueItems" => {
                    if let Some(a) = v.as_array() {
                        let mut seen: Vec<&Value> = Vec::new();
                        for x in a {
                            if seen.contains(&x) {
                                self.errors.push(format!("{path}: duplicate item {x}"));
                            }
                            seen.push(x);
                        }
                    }
                }
                "minimum" => {
                    if let Some(n) = v.as_f64() {
                        if n < rule.as_f64().unwrap() {
                            self.errors.push(format!("{path}: {n} below {rule}"));
                        }
                    }
                }
                "minLength" => {
                    if let Some(s) = v.as_str() {
                        if (s.chars().count() as u64) < rule.as_u64().unwrap() {
                            self.errors.push(format!("{path}: shorter than {rule}"));
                        }
                    }
                }
                "pattern" => {
                    if let Some(s) = v.as_str() {
                        if !pattern_holds(rule.as_str().unwrap(), s) {
                            self.errors
                                .push(format!("{path}: `{s}` does not match {rule}"));
                        }
                    }
                }
                "format" => {
                    assert_eq!(rule, "date", "only the date format is used");
                    if let Some(s) = v.as_str() {
                        if Date::parse_iso(s).is_none() {
                            self.errors.push(format!("{path}: `{s}` is not a date"));
                        }
                    }
                }
                other => panic!("the test validator does not know the keyword {other}"),
            }
        }
    }
}

fn validate(archive: &Value) -> Vec<String> {
    let schema = schema();
    let mut v = Validator {
        root: &schema,
        errors: Vec::new(),
    };
    v.check(&schema, archive, "$");
    v.errors
}

#[test]
fn the_committed_archive_follows_the_schema() {
    let archive: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("data/archive.json")).unwrap())
            .unwrap();
    assert_eq!(validate(&archive), Vec::<String>::new());
}

/// "Download events" as JSON is a part of an archive in its own schema:
/// every event of the committed archive, in an order other than the
/// archive's, with its `extract` header.
#[test]
fn an_export_of_events_follows_the_schema() {
    use caricc_core::export::events::{events_json, Exported, Provenance};
    let text = std::fs::read_to_string(root().join("data/archive.json")).unwrap();
    let (archive, _) = caricc_core::model::decode(&text).unwrap();
    let mut events = Exported::every_event(&archive, "https://example.org/");
    events.reverse();
    let about = Provenance {
        archive_version: "2025-06-30.0123abcd",
        view: "https://example.org/#/events?q=%3Cscript%3E",
    };
    let export: Value = serde_json::from_str(&events_json(&events, &about)).unwrap();
    assert_eq!(validate(&export), Vec::<String>::new());
    let mut stray = export.clone();
    stray["extract"]["note"] = Value::from("not in the schema");
    assert!(
        !validate(&stray).is_empty(),
        "the extract header is checked too"
    );
}

#[test]
fn a_synthetic_archive_follows_the_schema() {
    let model = synth::Model::from_corpus_dir(&root().join("corpus")).unwrap();
    let a = synth::generate(
        &model,
        &synth::Params {
            events: 400,
            seed: 9,
            ..synth::Params::default()
        },
    );
    let archive: Value = serde_json::from_str(&ingest::archive_json(&a)).unwrap();
    assert_eq!(validate(&archive), Vec::<String>::new());
}

/// A release with its Russian version (the paired fixtures of
/// `ingest_versions.rs`) follows the schema too.
#[test]
fn an_archive_with_a_translation_follows_the_schema() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let inputs = ingest::read_inputs(&[
        dir.join("digest_en_2025_07.txt"),
        dir.join("digest_ru_2025_07.txt"),
    ])
    .unwrap();
    let (archive, report) = ingest::ingest(&inputs);
    let archive = archive.unwrap_or_else(|| panic!("{report}"));
    let json: Value = serde_json::from_str(&ingest::archive_json(&archive)).unwrap();
    assert_eq!(
        json["releases"][0]["translations"][0]["id"],
        "ir-2025-07-ru"
    );
    assert!(json["releases"][0]["translations"][0]["events"][0]["counterpart"].is_string());
    assert_eq!(validate(&json), Vec::<String>::new());
    let mut broken = json.clone();
    broken["releases"][0]["translations"][0]["events"][0]["counterpart"] = 7.into();
    assert_eq!(
        validate(&broken),
        ["$.releases[0].translations[0].events[0].counterpart: expected type \"string\", found 7"]
    );
}

#[test]
fn broken_archives_do_not() {
    let good: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("data/archive.json")).unwrap())
            .unwrap();
    let broken = |f: &dyn Fn(&mut Value)| {
        let mut a = good.clone();
        f(&mut a);
        validate(&a)
    };
    let e = broken(&|a| a["schema_version"] = 2.into());
    assert_eq!(e, ["$.schema_version: expected 1"]);
    let e = broken(&|a| {
        a["releases"][0]["events"][0]
            .as_object_mut()
            .unwrap()
            .remove("title");
    });
    assert_eq!(e, ["$.releases[0].events[0]: missing \"title\""]);
    let e = broken(&|a| a["releases"][1]["events"][3]["country"] = "kz".into());
    assert_eq!(e.len(), 1, "{e:?}");
    let e = broken(&|a| a["releases"][1]["events"][3]["source_url"] = "javascript:alert(1)".into());
    assert_eq!(e.len(), 1, "{e:?}");
    let e = broken(&|a| a["releases"][1]["period"]["end"] = "2025-02-30".into());
    assert_eq!(e, ["$.releases[1].period.end: `2025-02-30` is not a date"]);
    let e = broken(&|a| a["releases"][1]["kind"] = "digest".into());
    assert_eq!(e.len(), 1, "{e:?}");
    let e = broken(&|a| a["releases"][1]["declared_counts"]["Kazakhstan"] = 3.into());
    assert_eq!(e.len(), 1, "{e:?}");
    let e = broken(&|a| a["releases"][1]["events"][0]["html"] = "<b>x</b>".into());
    assert_eq!(e, ["$.releases[1].events[0]: unexpected field html"]);
}
