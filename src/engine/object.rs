//! Objects: the request itself and every nested object of a declaration. Known keys are
//! read with their field's spec, in whatever order they come; unknown keys are reported
//! (with a suggestion) and skipped, or kept as given when allowed; a key given twice and
//! a required field missing are errors.

use super::output::{Frame, UNKNOWN_ORDER};
use super::text::fits_in_path;
use super::text::{kind, quote, Got};
use super::unknown;
use super::value::{Place, ValueSeed};
use super::{render, Observed, Seg, Walker};
use crate::calls::{Shape, Type};
use crate::issue::{IssueCode, Severity};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::fmt;

/// The whole request: an object of the call's body shape. Its value: the top-level fields
/// as seen, for the cross-field rules (`None` when the request is not an object).
pub(super) struct Root<'w> {
    pub(super) w: &'w mut Walker,
}

impl<'de> DeserializeSeed<'de> for Root<'_> {
    type Value = Option<Vec<Option<Observed<'de>>>>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(RootVisitor(self.w))
    }
}

struct RootVisitor<'w>(&'w mut Walker);

impl RootVisitor<'_> {
    fn not_an_object<E>(self, seen: Got<'_>) -> Result<Option<Vec<Option<Observed<'static>>>>, E> {
        let example = self.0.call.example;
        let hint = if matches!(seen, Got::Str(_)) {
            " (if it is JSON text, parse it first)"
        } else {
            ""
        };
        self.0.report(Severity::Error, IssueCode::Type, |_| {
            format!(
                "the request must be a JSON object like {example}; got {}{hint}",
                kind(seen)
            )
        });
        Ok(None)
    }
}

impl<'de> Visitor<'de> for RootVisitor<'_> {
    type Value = Option<Vec<Option<Observed<'de>>>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let shape = self.0.call.body;
        walk(self.0, shape, map, true).map(Some)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        self.not_an_object(Got::Array)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        self.not_an_object(Got::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        self.not_an_object(Got::Number(v as f64))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        self.not_an_object(Got::Number(v as f64))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        self.not_an_object(Got::Number(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        self.not_an_object(Got::Str(v))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        self.not_an_object(Got::Null)
    }
}

/// A key as the input has it: borrowed when it held no escape sequence.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
}

/// Reads the members of an object of `shape`, writing it to the body. With `keep`, returns
/// what each field held (by declared position); otherwise an empty list.
pub(super) fn walk<'de, A: MapAccess<'de>>(
    w: &mut Walker,
    shape: &'static Shape,
    mut map: A,
    keep: bool,
) -> Result<Vec<Option<Observed<'de>>>, A::Error> {
    let mut frame = w.out.open(b'{');
    let mut values: Vec<Option<Observed<'de>>> = Vec::new();
    if keep {
        values.resize(shape.fields.len(), None);
    }
    // Which declared fields were given; a shape has at most 128 (a test proves it).
    let mut given: u128 = 0;
    while let Some(key) = map.next_key_seed(Key)? {
        let Some((index, field)) = shape.field(&key) else {
            unknown(w, shape, &mut frame, &key, &mut map)?;
            continue;
        };
        let bit = 1u128.checked_shl(index as u32).unwrap_or(0);
        w.path.push(Seg::Key(field.name));
        if given & bit != 0 {
            w.report(Severity::Error, IssueCode::Duplicate, |path| {
                format!("{path} is given twice; keep one")
            });
            map.next_value::<IgnoredAny>()?;
            w.path.pop();
            continue;
        }
        given |= bit;
        let mark = w.out.key(&frame, field.name);
        let place = Place::Field {
            required: field.required,
        };
        let seen = map.next_value_seed(ValueSeed {
            w: &mut *w,
            spec: &field.spec,
            place,
        })?;
        w.path.pop();
        if matches!(seen.kind, super::Kind::Null) {
            w.out.cancel(mark);
        } else {
            w.out.done(&mut frame, mark, index as u32);
        }
        if let Some(slot) = values.get_mut(index) {
            *slot = Some(seen);
        }
    }
    for (index, field) in shape.fields.iter().enumerate() {
        let bit = 1u128.checked_shl(index as u32).unwrap_or(0);
        if field.required && given & bit == 0 {
            w.path.push(Seg::Key(field.name));
            w.report(Severity::Error, IssueCode::Required, |path| {
                format!(
                    "{path} is required ({}): {}; add it",
                    field.spec.ty.describe(),
                    first_sentence(field.doc)
                )
            });
            w.path.pop();
        }
    }
    w.out.close(frame, b'}');
    Ok(values)
}

/// An unknown key: reported at its own path (or its object's, when the key cannot be shown
/// in a path), its value kept as given when unknown keys are allowed.
fn unknown<'de, A: MapAccess<'de>>(
    w: &mut Walker,
    shape: &'static Shape,
    frame: &mut Frame,
    key: &str,
    map: &mut A,
) -> Result<(), A::Error> {
    let raw: &RawValue = map.next_value()?;
    let parent = render(&w.path);
    let at = if fits_in_path(key) {
        unknown::child(&parent, key)
    } else {
        parent.clone()
    };
    let allowed = w.rules.allow_unknown_keys;
    let severity = if allowed {
        Severity::Warning
    } else {
        Severity::Error
    };
    if key.len() > super::MAX_STRING_BYTES {
        w.report_at(Severity::Error, at, IssueCode::TooLarge, || {
            format!(
                "{} has a key longer than {} bytes (64 KiB); remove it",
                if parent.is_empty() {
                    "the request"
                } else {
                    &parent
                },
                super::text::thousands(super::MAX_STRING_BYTES)
            )
        });
        return Ok(());
    }
    let call = w.call;
    w.report_at(severity, at, IssueCode::UnknownField, || {
        unknown::message(call, shape, &parent, key, allowed)
    });
    if allowed {
        let mark = w.out.escaped_key(frame, key);
        w.out.raw(raw.get());
        w.out.done(frame, mark, UNKNOWN_ORDER);
    }
    Ok(())
}

/// The first sentence of a doc comment, for "x is required (…)".
pub(super) fn first_sentence(doc: &str) -> String {
    let flat: Vec<&str> = doc
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let flat = flat.join(" ");
    // ". " after an abbreviation ("e.g. `1`") does not end the sentence.
    let end = flat
        .match_indices(". ")
        .map(|(i, _)| i)
        .find(|&i| {
            let before = flat.get(..i).unwrap_or_default();
            !["e.g", "i.e", "vs", "cf"]
                .iter()
                .any(|abbr| before.ends_with(abbr))
        })
        .unwrap_or(flat.len());
    flat.get(..end)
        .unwrap_or(&flat)
        .trim_end_matches('.')
        .to_owned()
}

/// The quoted form of a key for messages about objects given as something else.
#[allow(dead_code)]
pub(super) fn shown(key: &str) -> String {
    quote(key)
}

/// Whether `ty` is an object type (its values are never quoted in messages).
pub(super) fn is_compound(ty: Type) -> bool {
    matches!(ty, Type::Object(_) | Type::Array(_) | Type::Any)
}
