//! The description of every call, from its declaration: what `describeCalls()` returns and
//! what the CLI's help and the demo page's forms are built from. Doc comments become the
//! `doc` of each field; rules are worded once, here.

use super::decl::{Call, Check, Field, Rule, Shape, Spec, Type};
use serde_json::{json, Map, Value};

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
            Rule::Range { min, max, why } => format!("from {min} to {max}{why}"),
            Rule::AtLeast { min, why } => format!("at least {min}{why}"),
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

fn checks(checks: &[Check]) -> Value {
    Value::Array(
        checks
            .iter()
            .map(|c| json!({ "rule": c.rule.describe(), "source": c.source.as_str() }))
            .collect(),
    )
}

fn spec(spec: &Spec) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("type".into(), Value::String(spec.ty.name()));
    out.insert("source".into(), Value::String(spec.source.as_str().into()));
    out.insert("secret".into(), Value::Bool(spec.secret));
    out.insert("rules".into(), checks(spec.checks));
    match spec.ty {
        Type::Object(shape) => {
            out.insert("fields".into(), fields(shape));
        }
        Type::Array(item) => {
            out.insert("items".into(), Value::Object(self::spec(item)));
        }
        _ => {}
    }
    out
}

fn field(f: &Field) -> Value {
    let mut out = Map::new();
    out.insert("name".into(), Value::String(f.name.into()));
    out.insert("required".into(), Value::Bool(f.required));
    out.insert("doc".into(), Value::String(doc_text(f.doc)));
    out.extend(spec(&f.spec));
    Value::Object(out)
}

fn fields(shape: &Shape) -> Value {
    Value::Array(shape.fields.iter().map(field).collect())
}

/// One call's description.
pub fn call(c: &Call) -> Value {
    let example: Value = serde_json::from_str(c.example).unwrap_or(Value::Null);
    json!({
        "name": c.name,
        "path": format!("{}{}", crate::request::FAMILY_PREFIX, c.path),
        "title": c.title,
        "effect": c.effect.as_str(),
        "body": c.body.name,
        "answer": c.answer.name,
        "example": example,
        "fields": fields(c.body),
        "answerFields": fields(c.answer),
    })
}

/// Every call's description, as JSON text.
pub fn all() -> String {
    Value::Array(super::CALLS.iter().map(|c| call(c)).collect()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
