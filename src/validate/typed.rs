//! The bridge from a validated body to the typed model: a copy of the schema's fields only.
//!
//! Keys outside the schema are left behind rather than handed to serde, which would walk
//! them recursively (and so could exhaust the stack on a deep value). Integral floats such
//! as `9200.0`, which the validator accepts as integers, become integers, since serde's
//! integer types refuse floats.

use super::fields::integer_value;
use super::unknown::{Scope, ES_INFO, ROOT, VPC_INFO};
use serde_json::{Map, Value};

/// Fields whose numbers are integers.
const INTEGER_FIELDS: [&str; 4] = ["public_access", "id", "port", "create_type"];

/// The fields of `input` the schema knows, at every level, with integral numbers as
/// integers. Only called on bodies that passed validation.
pub(super) fn schema_only(input: &Value) -> Value {
    match input {
        Value::Object(obj) => Value::Object(known(obj, &ROOT)),
        // Unreachable after validation; serde then rejects it without walking anything.
        _ => Value::Null,
    }
}

fn known(obj: &Map<String, Value>, scope: &Scope) -> Map<String, Value> {
    let mut out = Map::new();
    for key in scope.keys {
        let Some(value) = obj.get(*key) else { continue };
        let copy = match (value, *key) {
            (Value::Object(inner), "es_info") => Value::Object(known(inner, &ES_INFO)),
            (Value::Object(inner), "vpc_info") => Value::Object(known(inner, &VPC_INFO)),
            (Value::Number(n), key) if INTEGER_FIELDS.contains(&key) => match integer_value(n) {
                Some(i) => u64::try_from(i).map_or_else(|_| value.clone(), Value::from),
                None => value.clone(),
            },
            _ => value.clone(),
        };
        out.insert((*key).to_owned(), copy);
    }
    out
}
