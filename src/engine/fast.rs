//! The engine's quick reading of the usual request: the `JSON.stringify` of a valid body
//! written in the documented order. One pass over the bytes, driven by the same declaration
//! and the same rule predicates as the full reading, allocating nothing but the secrets it
//! must return. It answers only "this text is, byte for byte, the body the full reading
//! would build, and the full reading would find nothing"; at the first thing it is not sure
//! of (whitespace, an escape, a key out of order, an unknown or unconfirmed field, `null`,
//! a float, a numeric or JSON string, any value that breaks or even bends a rule) it gives
//! up and the full reading runs from the start, so what a caller sees never depends on which
//! reading answered. The tests at the end check that on generated bodies of every call.
//!
//! Why it exists: the full reading goes through serde's visitors and the body writer for
//! every value, about 3.7 µs in wasm for createCloudbaseService's full request, over three
//! times `JSON.stringify` of it; this reading takes a fraction of that (BENCHMARKS.md).

use super::sink::{Findings, Sink};
use super::{Kind, Observed, Seen, MAX_INPUT_BYTES, MAX_STRING_BYTES};
use crate::calls::{Call, Check, Rule, Shape, Source, Spec, Type};
use std::borrow::Cow;

/// Entries of an array compared for duplicates; a longer array is left to the full reading.
const MAX_UNIQUE_CHECKED: usize = 1000;

struct Reader<'a> {
    text: &'a str,
    at: usize,
    secrets: Vec<String>,
}

/// The secrets of `input` when it is a clean canonical body of `call`, else `None`.
pub(super) fn clean(call: &'static Call, input: &str) -> Option<Vec<String>> {
    if input.len() > MAX_INPUT_BYTES {
        return None;
    }
    let mut r = Reader {
        text: input,
        at: 0,
        secrets: Vec::new(),
    };
    let mut top: Vec<Option<Observed<'_>>> = vec![None; call.body.fields.len()];
    r.object(call.body, Some(&mut top))?;
    if r.at != input.len() {
        return None;
    }
    let seen = Seen {
        shape: call.body,
        values: &top,
    };
    let mut sink = Sink::default();
    Findings::run_all(call, &seen, &mut sink);
    sink.finish().is_empty().then_some(r.secrets)
}

impl<'a> Reader<'a> {
    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.text.as_bytes().get(self.at) == Some(&byte)).then(|| self.at += 1)
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// A string with no escape and no control character (DEL included), without its quotes.
    fn string(&mut self) -> Option<&'a str> {
        self.eat(b'"')?;
        let start = self.at;
        let rest = self.text.as_bytes().get(start..)?;
        let len = plain_len(rest);
        self.at = start + len;
        self.eat(b'"')?;
        self.text.get(start..start + len)
    }

    /// The key `"name":` of one of `fields` (the first that matches), and its position.
    fn key(&mut self, fields: &'static [crate::calls::Field]) -> Option<usize> {
        let rest = self.text.as_bytes().get(self.at..)?;
        let (quote, rest) = rest.split_first()?;
        if *quote != b'"' {
            return None;
        }
        let found = fields.iter().position(|f| {
            let name = f.name.as_bytes();
            rest.get(..name.len()).is_some_and(|key| same(key, name))
                && rest.get(name.len()) == Some(&b'"')
                && rest.get(name.len() + 1) == Some(&b':')
        })?;
        let name = fields.get(found)?.name;
        self.at += name.len() + 3;
        Some(found)
    }

    /// An object of `shape` with its fields in declared order, each once, the required ones
    /// all there. `top` gets what each field held, for the cross-field rules.
    fn object(
        &mut self,
        shape: &'static Shape,
        mut top: Option<&mut Vec<Option<Observed<'a>>>>,
    ) -> Option<()> {
        self.eat(b'{')?;
        let mut next = 0;
        let mut first = true;
        while self.peek() != Some(b'}') {
            if !first {
                self.eat(b',')?;
            }
            first = false;
            let offset = self.key(shape.fields.get(next..)?)?;
            // Skipped fields must be optional.
            let skipped = shape.fields.get(next..next + offset)?;
            if skipped.iter().any(|f| f.required) {
                return None;
            }
            let index = next + offset;
            let field = shape.fields.get(index)?;
            let kind = self.value(&field.spec)?;
            if let Some(slot) = top.as_deref_mut().and_then(|t| t.get_mut(index)) {
                *slot = Some(Observed { kind, valid: true });
            }
            next = index + 1;
        }
        self.eat(b'}')?;
        if shape.fields.get(next..)?.iter().any(|f| f.required) {
            return None;
        }
        Some(())
    }

    fn value(&mut self, spec: &'static Spec) -> Option<Kind<'a>> {
        if spec.source == Source::Unconfirmed {
            return None;
        }
        match spec.ty {
            Type::Str => {
                let s = self.string()?;
                text_ok(spec, s)?;
                if spec.secret {
                    self.secrets.push(s.to_owned());
                }
                Some(Kind::Str(Cow::Borrowed(s)))
            }
            Type::Bool => {
                let rest = self.text.as_bytes().get(self.at..)?;
                let (value, len) = if rest.starts_with(b"true") {
                    (true, 4)
                } else if rest.starts_with(b"false") {
                    (false, 5)
                } else {
                    return None;
                };
                self.at += len;
                Some(Kind::Bool(value))
            }
            Type::Int | Type::Number => {
                let n = self.integer()?;
                spec.checks.iter().all(|c| number_ok(c, n)).then_some(())?;
                Some(Kind::Number(n as f64))
            }
            Type::Object(shape) => {
                self.object(shape, None)?;
                Some(Kind::Object)
            }
            Type::Array(item) => {
                self.array(spec, item)?;
                Some(Kind::Array)
            }
            Type::NumberText | Type::JsonText | Type::Any => None,
        }
    }

    /// A non-empty array; with a `Unique` rule, no entry twice (entries compared as text,
    /// which for strings without escapes is comparing the strings).
    fn array(&mut self, spec: &'static Spec, item: &'static Spec) -> Option<()> {
        self.eat(b'[')?;
        let unique = spec.checks.iter().any(|c| matches!(c.rule, Rule::Unique));
        let mut entries: Vec<&'a str> = Vec::new();
        loop {
            let start = self.at;
            self.value(item)?;
            if unique {
                let entry = self.text.get(start..self.at)?;
                if entries.contains(&entry) || entries.len() >= MAX_UNIQUE_CHECKED {
                    return None;
                }
                entries.push(entry);
            }
            if self.eat(b']').is_some() {
                return Some(());
            }
            self.eat(b',')?;
        }
    }

    /// A whole number written as `JSON.stringify` writes it, small enough to be exact: no
    /// sign on zero, no leading zero, no fraction or exponent, at most 15 digits.
    fn integer(&mut self) -> Option<i64> {
        let negative = self.eat(b'-').is_some();
        let digits = self.text.as_bytes().get(self.at..)?;
        let len = digits
            .iter()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(digits.len());
        let text = self.text.get(self.at..self.at + len)?;
        if len == 0 || len > 15 || (text.starts_with('0') && (len > 1 || negative)) {
            return None;
        }
        if matches!(digits.get(len), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        self.at += len;
        let n: i64 = text.parse().ok()?;
        Some(if negative { -n } else { n })
    }
}

/// The checks every string gets, then the field's rules: true only when none would say a
/// word (an error or a warning).
fn text_ok(spec: &Spec, s: &str) -> Option<()> {
    let fits = s.len() <= MAX_STRING_BYTES
        && !trimmable(s.as_bytes().first(), || s.chars().next())
        && !trimmable(s.as_bytes().last(), || s.chars().next_back())
        && spec.checks.iter().all(|c| string_ok(c, s));
    fits.then_some(())
}

/// Whether a string's first or last character is missing (an empty string) or whitespace
/// (`str::trim` would remove it): an ASCII end is judged from its byte, any other from its
/// character (`char` decodes it only then).
fn trimmable(byte: Option<&u8>, char: impl FnOnce() -> Option<char>) -> bool {
    match byte {
        None => true,
        Some(b) if b.is_ascii() => b.is_ascii_whitespace() || *b == 0x0b,
        Some(_) => char().is_some_and(char::is_whitespace),
    }
}

/// Whether two byte strings of the same length are equal, compared eight bytes at a time
/// (wasm's `memcmp` goes one byte at a time, behind a call).
fn same(a: &[u8], b: &[u8]) -> bool {
    let word = |s: &[u8], at: usize| {
        s.get(at..at + 8)
            .and_then(|c| <&[u8; 8]>::try_from(c).ok())
            .map(|w| u64::from_le_bytes(*w))
    };
    let mut at = 0;
    while let (Some(x), Some(y)) = (word(a, at), word(b, at)) {
        if x != y {
            return false;
        }
        at += 8;
    }
    a.get(at..) == b.get(at..)
}

/// How many bytes of `bytes` come before the first `"`, `\`, control character or DEL.
fn plain_len(bytes: &[u8]) -> usize {
    use crate::scan::{has_below, has_byte, run_len};
    run_len(
        bytes,
        |x| has_below(x, 0x20) | has_byte(x, b'"') | has_byte(x, b'\\') | has_byte(x, 0x7f),
        |b| b == b'"' || b == b'\\' || b < 0x20 || b == 0x7f,
    )
}

fn string_ok(check: &Check, s: &str) -> bool {
    match check.rule {
        Rule::OneOf(values) => values.contains(&s),
        Rule::Ip => s.parse::<std::net::IpAddr>().is_ok(),
        Rule::Shape(pattern) => (pattern.problem)(s).is_none(),
        Rule::Range { .. }
        | Rule::AtLeast { .. }
        | Rule::Positive
        | Rule::IntOneOf { .. }
        | Rule::Unique => true,
    }
}

fn number_ok(check: &Check, n: i64) -> bool {
    let value = n as f64;
    match check.rule {
        Rule::Range { min, max, .. } => (min..=max).contains(&value),
        Rule::AtLeast { min, .. } => value >= min,
        Rule::Positive => value > 0.0,
        // A tolerated value has its warning: only a documented one is clean.
        Rule::IntOneOf { values, .. } => values.iter().any(|(known, _)| *known == n),
        Rule::OneOf(_) | Rule::Ip | Rule::Shape(_) | Rule::Unique => true,
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "fast_tests.rs"]
mod tests;
