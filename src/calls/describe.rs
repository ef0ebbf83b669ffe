//! The description of every call, from its declaration: what `describeCalls()` returns and
//! what the CLI's help and the demo page's forms are built from. Doc comments become the
//! `doc` of each field; rules are worded once, here.

use super::decl::{Call, Check, CrossRule, Field, Rule, Shape, Spec, Type};
use crate::engine::text::number;

impl Rule {
    /// The rule in words, for docs and help.
    pub fn describe(&self) -> String {
        match self {
            Rule::OneOf(values) => {
                let list: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
                format!("one of {}", list.join(", "))
            }
            Rule::IntOneOf { values, tolerated } => {
                let list: Vec<String> = values
                    .iter()
                    .map(|(v, what)| format!("{v} ({what})"))
                    .collect();
                let mut out = format!("one of {}", list.join(", "));
                for t in *tolerated {
                    out.push_str(&format!(
                        "; {} is accepted with a warning: it {}",
                        t.value, t.why
                    ));
                }
                out
            }
            Rule::Range { min, max, why } => {
                format!("from {} to {}{why}", number(*min), number(*max))
            }
            Rule::AtLeast { min, why } => format!("at least {}{why}", number(*min)),
            Rule::Positive => "above 0".to_owned(),
            Rule::Ip => "an IPv4 or IPv6 address".to_owned(),
            Rule::Shape(pattern) => pattern.expect.to_owned(),
            Rule::Unique => "no entry twice".to_owned(),
        }
    }
}

/// A doc comment as text: the leading space of each line dropped, lines joined.
pub fn doc_text(doc: &str) -> String {
    doc.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `s` as a JSON string.
fn string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned())
}

/// A JSON object of already-written values. (Written by hand, not with serde_json's `Value`,
/// whose map would add a B-tree's code to the wasm.)
fn object(entries: &[(&str, String)]) -> String {
    let members: Vec<String> = entries
        .iter()
        .map(|(key, value)| format!("{}:{value}", string(key)))
        .collect();
    format!("{{{}}}", members.join(","))
}

fn array(items: impl Iterator<Item = String>) -> String {
    format!("[{}]", items.collect::<Vec<_>>().join(","))
}

fn checks(checks: &[Check]) -> String {
    array(checks.iter().map(|c| {
        object(&[
            ("rule", string(&c.rule.describe())),
            ("source", string(c.source.as_str())),
        ])
    }))
}

/// The rules over several fields, as `describeCalls()` lists them.
fn cross(rules: &[CrossRule]) -> String {
    array(rules.iter().map(|r| {
        object(&[
            ("name", string(r.name)),
            ("fields", array(r.reads.iter().map(|f| string(f)))),
            ("rule", string(r.rule)),
            ("source", string(r.source.as_str())),
        ])
    }))
}

fn spec(spec: &Spec) -> Vec<(&'static str, String)> {
    let mut out = vec![
        ("type", string(&spec.ty.name())),
        ("source", string(spec.source.as_str())),
        ("secret", spec.secret.to_string()),
        ("rules", checks(spec.checks)),
    ];
    match spec.ty {
        Type::Object(shape) => out.push(("fields", fields(shape))),
        Type::Array(item) => out.push(("items", object(&self::spec(item)))),
        _ => {}
    }
    out
}

fn field(f: &Field) -> String {
    let mut entries = vec![
        ("name", string(f.name)),
        ("required", f.required.to_string()),
        ("doc", string(&doc_text(f.doc))),
    ];
    entries.extend(spec(&f.spec));
    object(&entries)
}

fn fields(shape: &Shape) -> String {
    array(shape.fields.iter().map(field))
}

/// One call's description, as JSON text.
pub fn call(c: &Call) -> String {
    let path = format!("{}{}", crate::request::FAMILY_PREFIX, c.path);
    object(&[
        ("name", string(c.name)),
        ("path", string(&path)),
        ("title", string(c.title)),
        ("effect", string(c.effect.as_str())),
        ("body", string(c.body.name)),
        ("answer", string(c.answer.name)),
        // The example is a declaration's own valid JSON text (a test proves it).
        ("example", c.example.to_owned()),
        ("fields", fields(c.body)),
        ("answerFields", fields(c.answer)),
        ("crossRules", cross(c.cross)),
    ])
}

/// Every call's description, as JSON text.
pub fn all() -> String {
    array(super::CALLS.iter().map(|c| call(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::calls::decl::Source;
    use serde_json::Value;

    #[test]
    fn create_service_is_described_from_its_declaration() {
        let all: Value = serde_json::from_str(&all()).unwrap();
        let create = all
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == "createCloudbaseService")
            .unwrap();
        assert_eq!(create["path"], "/componenttcb/establishcloudbaserunserver");
        assert_eq!(create["effect"], "changes");
        let port = create["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == "es_info")
            .unwrap()["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == "port")
            .unwrap()
            .clone();
        assert_eq!(port["type"], "integer");
        assert_eq!(port["doc"], "TCP port, 1–65535.");
        assert_eq!(port["rules"][0]["rule"], "from 1 to 65535 (a TCP port)");
        assert_eq!(port["rules"][0]["source"], "documented");
        let subnets = &create["fields"][7]["fields"][1];
        assert_eq!(subnets["type"], "string[]");
        assert_eq!(subnets["items"]["rules"][0]["source"], "convention");
        let rules = create["crossRules"].as_array().unwrap();
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0]["name"], "es_needs_es_info");
        assert_eq!(
            rules[0]["fields"],
            serde_json::json!(["log_type", "es_info"])
        );
        assert_eq!(rules[0]["source"], "convention");
    }

    /// Each cross-field rule's words name every field it reads, and each of those is a
    /// top-level field of the call's body: the statement cannot drift from the check.
    #[test]
    fn cross_rules_name_the_fields_they_read() {
        for call in super::super::CALLS {
            for rule in call.cross {
                assert!(!rule.reads.is_empty(), "{}: {}", call.name, rule.name);
                assert!(
                    matches!(rule.source, Source::Documented | Source::Convention),
                    "{}: an unconfirmed rule would never report",
                    rule.name
                );
                for field in rule.reads {
                    assert!(call.body.field(field).is_some(), "{}: {field}", rule.name);
                    assert!(
                        rule.rule.contains(field),
                        "{}: the rule does not name {field}",
                        rule.name
                    );
                }
            }
        }
    }
}
