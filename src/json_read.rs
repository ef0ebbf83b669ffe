//! Reading single JSON values and picked object keys without serde's typed entry points.
//!
//! Why not `serde_json::from_str::<String>` or a derived struct: every typed entry point can
//! fail with serde's "invalid type" error, and formatting that error links core's float
//! printing (about 17 KB of wasm) for the one case of a float where something else was
//! expected. These readers go through `deserialize_any` with visitors that accept every kind
//! of value, so that error is never built; the tests hold them to `from_str`'s answers.

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::fmt;

/// What one JSON text holds, as far as these readers care.
enum Scalar {
    Str(String),
    Num(f64),
    Other,
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Str(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::Num(v))
    }
    #[allow(clippy::cast_precision_loss)] // as `from_str::<f64>` reads it
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::Num(v as f64))
    }
    #[allow(clippy::cast_precision_loss)]
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
        Ok(Scalar::Num(v as f64))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }
}

/// Runs `seed` over the whole of `text` (trailing characters other than whitespace fail).
fn read<'de, S: DeserializeSeed<'de>>(text: &'de str, seed: S) -> Option<S::Value> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = seed.deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(value)
}

struct ScalarSeed;

impl<'de> DeserializeSeed<'de> for ScalarSeed {
    type Value = Scalar;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

/// The value of a JSON string (`"a\"b"` → `a"b`); `None` for anything else.
pub fn string(text: &str) -> Option<String> {
    match read(text, ScalarSeed)? {
        Scalar::Str(s) => Some(s),
        _ => None,
    }
}

/// The value of a JSON number, as `f64`; `None` for anything else.
pub fn number(text: &str) -> Option<f64> {
    match read(text, ScalarSeed)? {
        Scalar::Num(n) => Some(n),
        _ => None,
    }
}

/// Picks `keys` out of a JSON object.
struct Pick<'k, const N: usize>(&'k [&'k str; N]);

/// The raw values of `N` keys.
type Picked<'a, const N: usize> = [Option<&'a RawValue>; N];

impl<'de, const N: usize> DeserializeSeed<'de> for Pick<'_, N> {
    type Value = Option<Picked<'de, N>>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, const N: usize> Visitor<'de> for Pick<'_, N> {
    type Value = Option<Picked<'de, N>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut picked = [None; N];
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match self.0.iter().position(|k| *k == key.as_ref()) {
                Some(at) => {
                    let raw: &'de RawValue = map.next_value()?;
                    if let Some(slot) = picked.get_mut(at) {
                        *slot = Some(raw);
                    }
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Some(picked))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// The raw values of `keys` in the JSON object `text`, the last of a repeated key winning
/// (as `JSON.parse`); `None` when `text` is not one JSON object.
pub fn pick<'a, const N: usize>(text: &'a str, keys: &[&str; N]) -> Option<Picked<'a, N>> {
    read(text, Pick(keys)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLES: &[&str] = &[
        "\"a\"",
        "\"a\\\"b\\u00e9\"",
        "\"\"",
        "1",
        "-1",
        "1.5",
        "1e400",
        "-0",
        "18446744073709551616",
        "true",
        "null",
        "[]",
        "[1,\"a\"]",
        "{}",
        "{\"a\":1}",
        "",
        " ",
        "\"a\" x",
        "\"a",
        "01",
        "1.",
        "NaN",
        " \"padded\" ",
    ];

    #[test]
    fn string_answers_as_from_str() {
        for s in SAMPLES {
            assert_eq!(string(s), serde_json::from_str::<String>(s).ok(), "{s}");
        }
    }

    #[test]
    fn number_answers_as_from_str() {
        for s in SAMPLES {
            assert_eq!(number(s), serde_json::from_str::<f64>(s).ok(), "{s}");
        }
    }

    #[test]
    fn pick_takes_the_last_of_a_key_and_only_objects() {
        let got = pick(
            r#"{"a":1,"b":{"x":[1]},"a":"two","c":null}"#,
            &["a", "b", "z"],
        )
        .unwrap();
        let texts: Vec<_> = got.iter().map(|r| r.map(RawValue::get)).collect();
        assert_eq!(texts, [Some("\"two\""), Some("{\"x\":[1]}"), None]);
        for not_object in ["[]", "1", "\"a\"", "null", "true", "{", "{} x", ""] {
            assert!(pick(not_object, &["a"]).is_none(), "{not_object}");
        }
        assert_eq!(
            pick("{\"a\\u0062\":2}", &["ab"]).unwrap()[0].map(RawValue::get),
            Some("2")
        );
    }
}
