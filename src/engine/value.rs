//! One value, read with its field's spec: the JSON type it has against the one declared,
//! then (in `scalar`) the field's rules. Values of the wrong type are skipped without
//! recursion; values of unconfirmed fields are kept byte for byte and checked for their
//! JSON type only.

use super::object::walk;
use super::text::Got;
use super::{Kind, Observed, Seg, Walker};
use crate::calls::{Source, Spec, Type};
use crate::issue::{IssueCode, Severity};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::fmt;

/// Where a value sits, which decides what its absence or emptiness means.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    Field {
        required: bool,
    },
    /// An entry of an array.
    Entry,
}

pub(super) struct ValueSeed<'w> {
    pub(super) w: &'w mut Walker,
    pub(super) spec: &'static Spec,
    pub(super) place: Place,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Observed<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Observed<'de>, D::Error> {
        if self.spec.source == Source::Unconfirmed || matches!(self.spec.ty, Type::Any) {
            let raw = <&'de RawValue>::deserialize(d)?;
            return Ok(self.loose(raw.get()));
        }
        d.deserialize_any(self)
    }
}

/// The JSON kind of a raw value, from its first byte.
fn raw_kind(raw: &str) -> Got<'_> {
    match raw.trim_start().as_bytes().first() {
        Some(b'{') => Got::Object,
        Some(b'[') => Got::Array,
        Some(b'"') => Got::Str(""),
        Some(b't') => Got::Bool(true),
        Some(b'f') => Got::Bool(false),
        Some(b'n') => Got::Null,
        _ => Got::Number(0.0),
    }
}

impl ValueSeed<'_> {
    /// An unconfirmed (or any-typed) field: kept as given; a JSON type other than the one
    /// the sibling sources give is only a warning, since no WeChat page states it.
    fn loose<'de>(self, raw: &str) -> Observed<'de> {
        let seen = raw_kind(raw);
        if matches!(seen, Got::Null) && self.place != Place::Entry {
            self.null();
            return null();
        }
        let fits = matches!(
            (self.spec.ty, seen),
            (Type::Any, _)
                | (Type::Str | Type::NumberText | Type::JsonText, Got::Str(_))
                | (Type::Bool, Got::Bool(_))
                | (Type::Int | Type::Number, Got::Number(_))
                | (Type::Object(_), Got::Object)
                | (Type::Array(_), Got::Array)
        );
        if !fits {
            let expected = self.spec.ty.describe();
            self.w.report(Severity::Warning, IssueCode::Type, |path| {
                format!(
                    "{path} is usually {expected} (this field is not on WeChat's page, so \
                         it is sent as given); got {}",
                    super::text::kind(seen)
                )
            });
        }
        self.w.out.raw(raw);
        Observed {
            kind: Kind::Object,
            valid: fits,
        }
    }

    /// `null`: an optional field is treated as absent (and left out of the body), the
    /// shared rule of the validator and the emulator; elsewhere it is the wrong type.
    fn null(self) {
        match self.place {
            Place::Field { required: false } => {
                self.w.report(Severity::Warning, IssueCode::Null, |path| {
                    format!(
                        "{path} is null (as NaN and Infinity become in JSON), which is treated as \
                         absent and left out; omit the field, or give it a value"
                    )
                });
            }
            _ => self.wrong(Got::Null),
        }
    }

    /// A value whose JSON type is not the declared one. Never quotes the value when it may
    /// hold a secret: a secret field, or any value given where an object or array belongs.
    pub(super) fn wrong(self, seen: Got<'_>) {
        let spec = self.spec;
        let reveal = !spec.secret && !super::object::is_compound(spec.ty);
        let severity = spec.source.severity();
        let hint = hint(spec, seen, self.place);
        self.w.report(severity, IssueCode::Type, |path| {
            format!(
                "{path} must be {}; got {}{hint}",
                spec.ty.describe(),
                super::text::got(seen, reveal)
            )
        });
    }
}

fn null<'de>() -> Observed<'de> {
    Observed {
        kind: Kind::Null,
        valid: false,
    }
}

/// How to fix the usual slips of type.
fn hint(spec: &Spec, seen: Got<'_>, place: Place) -> Cow<'static, str> {
    if let (Type::Bool, Got::Str(s)) = (spec.ty, seen) {
        if let word @ ("true" | "false") = s.trim() {
            return format!("; write {word} without quotes").into();
        }
    }
    let hint = match (spec.ty, seen) {
        (_, Got::Null) if place == (Place::Field { required: false }) => {
            "; omit the field instead of sending null"
        }
        (Type::Bool, Got::Number(n)) if n == 0.0 || n == 1.0 => {
            "; write true or false, not a number"
        }
        (Type::Int | Type::Number, Got::Str(s))
            if super::text::parse_number(s.trim()).is_some() =>
        {
            "; write the number without quotes"
        }
        (Type::NumberText, Got::Number(_)) => {
            "; the docs type this field as a string: quote the number, e.g. write \"0.25\", not 0.25"
        }
        (Type::JsonText, Got::Object | Got::Array) => {
            "; the docs type this field as a string of JSON text: pass JSON.stringify(value)"
        }
        (Type::Str, Got::Number(_) | Got::Bool(_)) if !spec.secret => "; put it in quotes",
        _ => "",
    };
    hint.into()
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Observed<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Observed<'de>, E> {
        if !matches!(self.spec.ty, Type::Bool) {
            self.wrong(Got::Bool(v));
            return Ok(invalid(Kind::Bool(v)));
        }
        self.w.out.raw(if v { "true" } else { "false" });
        Ok(Observed {
            kind: Kind::Bool(v),
            valid: true,
        })
    }

    fn visit_i64<E>(self, v: i64) -> Result<Observed<'de>, E> {
        Ok(self.number(super::number::Num::Int(i128::from(v))))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Observed<'de>, E> {
        Ok(self.number(super::number::Num::Int(i128::from(v))))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Observed<'de>, E> {
        Ok(self.number(super::number::Num::Float(v)))
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Observed<'de>, E> {
        Ok(self.string(Cow::Borrowed(v), true))
    }

    fn visit_str<E>(self, v: &str) -> Result<Observed<'de>, E> {
        Ok(self.string(Cow::Owned(v.to_owned()), false))
    }

    fn visit_unit<E>(self) -> Result<Observed<'de>, E> {
        self.null();
        Ok(null())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Observed<'de>, A::Error> {
        let Type::Array(item) = self.spec.ty else {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            self.wrong(Got::Array);
            return Ok(invalid(Kind::Array));
        };
        let w = self.w;
        let mut frame = w.out.open(b'[');
        let mut strings: Vec<Option<Cow<'de, str>>> = Vec::new();
        let mut valid = true;
        let mut index = 0usize;
        loop {
            w.path.push(Seg::Index(index));
            let mark = w.out.member(&frame);
            let next = seq.next_element_seed(ValueSeed {
                w: &mut *w,
                spec: item,
                place: Place::Entry,
            })?;
            w.path.pop();
            let Some(seen) = next else {
                w.out.cancel(mark);
                break;
            };
            w.out.done(&mut frame, mark, index as u32);
            valid &= seen.valid;
            strings.push(match seen.kind {
                Kind::Str(s) => Some(s),
                _ => None,
            });
            index += 1;
        }
        w.out.close(frame, b']');
        let kept = super::scalar::array_rules(w, self.spec, self.place, &strings);
        Ok(Observed {
            kind: Kind::Array,
            valid: valid && kept,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Observed<'de>, A::Error> {
        let Type::Object(shape) = self.spec.ty else {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            self.wrong(Got::Object);
            return Ok(invalid(Kind::Object));
        };
        let before = self.w.sink.errors();
        walk(self.w, shape, map, false)?;
        Ok(Observed {
            kind: Kind::Object,
            valid: self.w.sink.errors() == before,
        })
    }
}

pub(super) fn invalid<'de>(kind: Kind<'de>) -> Observed<'de> {
    Observed { kind, valid: false }
}
