//! Strings and arrays against their field's spec: the checks every string gets (size,
//! emptiness, control characters, surrounding whitespace), what a numeric or JSON string must
//! hold, and each declared rule, reported with the severity of its source. Numbers are in
//! `number.rs`.

use super::number::number_rules;
use super::text::{quote, thousands, Got};
use super::value::{invalid, Place, ValueSeed};
use super::{Kind, Observed, Seg, Walker, MAX_STRING_BYTES};
use crate::calls::{Check, Rule, Spec, Type};
use crate::issue::{IssueCode, Severity};
use std::borrow::Cow;

/// Entries of an array checked for duplicates.
const MAX_UNIQUE_CHECKED: usize = 1000;

impl ValueSeed<'_> {
    /// `plain`: the input held the string without escape sequences, so it is written back
    /// as it came.
    pub(super) fn string<'de>(self, s: Cow<'de, str>, plain: bool) -> Observed<'de> {
        let spec = self.spec;
        if !matches!(spec.ty, Type::Str | Type::NumberText | Type::JsonText) {
            self.wrong(Got::Str(&s));
            return invalid(Kind::Str(s));
        }
        let w = self.w;
        // A value that must be one of a set is only checked for its size first: the set's
        // error words an empty or padded value better than the generic checks.
        let one_of = spec.checks.iter().any(|c| matches!(c.rule, Rule::OneOf(_)));
        let mut valid = if one_of {
            size_check(w, spec, &s)
        } else {
            text_checks(w, spec, self.place, &s)
        };
        if valid {
            valid = content_checks(w, spec, &s);
        }
        for check in spec.checks {
            if valid {
                valid &= string_rule(w, spec, check, &s);
            }
        }
        if plain {
            w.out.plain_string(&s);
        } else {
            w.out.string(&s);
        }
        if spec.secret && !s.is_empty() {
            w.secrets.push(s.clone().into_owned());
        }
        Observed {
            kind: Kind::Str(s),
            valid,
        }
    }
}

pub(super) fn severity(check: &Check) -> Severity {
    check.source.severity()
}

/// The size limit of every string.
fn size_check(w: &mut Walker, spec: &Spec, s: &str) -> bool {
    let secret = spec.secret;
    if s.len() > MAX_STRING_BYTES {
        w.report(Severity::Error, IssueCode::TooLarge, |path| {
            let size = if secret {
                String::new()
            } else {
                format!(" ({} bytes)", thousands(s.len()))
            };
            format!(
                "{path} is longer than {} bytes (64 KiB){size}; shorten it",
                thousands(MAX_STRING_BYTES)
            )
        });
        return false;
    }
    true
}

/// The checks every string gets. False when the value is unusable for its rules.
fn text_checks(w: &mut Walker, spec: &Spec, place: Place, s: &str) -> bool {
    let secret = spec.secret;
    if !size_check(w, spec, s) {
        return false;
    }
    if s.is_empty() {
        empty(w, place, "is an empty string");
        return false;
    }
    let allowed = |c: char| spec.free_text && matches!(c, '\n' | '\r' | '\t');
    if let Some((at, c)) = s
        .chars()
        .enumerate()
        .find(|(_, c)| c.is_ascii_control() && !allowed(*c))
    {
        w.report(Severity::Error, IssueCode::ControlChar, |path| {
            if secret {
                format!(
                    "{path} contains a control character (such as a newline, tab or NUL); \
                     remove it"
                )
            } else {
                format!(
                    "{path} contains the control character U+{:04X} at character {} ({}); \
                     remove it",
                    u32::from(c),
                    at + 1,
                    quote(s)
                )
            }
        });
        return false;
    }
    let trimmed = s.trim();
    if trimmed.is_empty() {
        empty(w, place, "contains only whitespace");
        return false;
    }
    // An IP address is compared as it is: its error says how to fix a padded one.
    let compared_exactly = spec.checks.iter().any(|c| matches!(c.rule, Rule::Ip));
    if trimmed.len() != s.len() && !compared_exactly {
        w.report(Severity::Warning, IssueCode::Whitespace, |path| {
            let shown = if secret {
                String::new()
            } else {
                format!(" ({})", quote(s))
            };
            format!(
                "{path} has leading or trailing whitespace{shown}; it is sent as is, so remove \
                 it unless it is meant to be there"
            )
        });
    }
    true
}

fn empty(w: &mut Walker, place: Place, what: &str) {
    match place {
        Place::Field { required: true } => w.report(Severity::Error, IssueCode::Empty, |path| {
            format!("{path} {what}; it is required, give it a value")
        }),
        Place::Field { required: false } => w.report(Severity::Warning, IssueCode::Empty, |path| {
            format!("{path} {what}, which is probably a mistake; omit the field instead")
        }),
        Place::Entry => w.report(Severity::Warning, IssueCode::Empty, |path| {
            format!("{path} {what}, which is probably a mistake; remove the entry")
        }),
    }
}

/// What a numeric or JSON string must hold; its number then meets the field's rules.
fn content_checks(w: &mut Walker, spec: &Spec, s: &str) -> bool {
    match spec.ty {
        Type::NumberText => match super::text::parse_number(s) {
            Some(n) if s.trim() == s => number_rules(w, spec, n, None),
            _ => {
                w.report(spec.source.severity(), IssueCode::Format, |path| {
                    format!(
                        "{path} must hold a decimal number such as \"0.25\" or \"2\"; got {}",
                        quote(s)
                    )
                });
                false
            }
        },
        Type::JsonText => {
            if serde_json::from_str::<serde::de::IgnoredAny>(s).is_ok() {
                true
            } else {
                // The content may hold secrets (environment variables): never quoted.
                w.report(spec.source.severity(), IssueCode::Format, |path| {
                    format!(
                        "{path} must be JSON text, such as \"{{}}\" or \
                         \"{{\\\"KEY\\\":\\\"value\\\"}}\"; its content is not valid JSON: build it \
                         with JSON.stringify"
                    )
                });
                false
            }
        }
        _ => true,
    }
}

fn string_rule(w: &mut Walker, spec: &Spec, check: &Check, s: &str) -> bool {
    let secret = spec.secret;
    match check.rule {
        Rule::OneOf(values) => {
            if values.contains(&s) {
                return true;
            }
            w.report(severity(check), IssueCode::Enum, |path| {
                let list = alternatives(values.iter().map(|v| format!("\"{v}\"")));
                let fixed = s.trim().to_ascii_lowercase();
                let fix = if values.contains(&fixed.as_str()) {
                    format!("; write \"{fixed}\" (lowercase, no spaces)")
                } else {
                    format!("; use {list}, or omit the field")
                };
                let seen = if s.is_empty() {
                    "an empty string".to_owned()
                } else {
                    quote(s)
                };
                format!("{path} must be {list}; got {seen}{fix}")
            });
            false
        }
        Rule::Ip => {
            if s.parse::<std::net::IpAddr>().is_ok() {
                return true;
            }
            w.report(severity(check), IssueCode::Ip, |path| {
                format!(
                    "{path} must be an IPv4 or IPv6 address such as \"10.0.0.12\" or \
                     \"fd00::12\" (not a host name, port or URL, and without spaces); got {}",
                    quote(s)
                )
            });
            false
        }
        Rule::Shape(pattern) => {
            // Surrounding whitespace has its own warning; the shape is of what is inside.
            let Some(problem) = (pattern.problem)(s.trim()) else {
                return true;
            };
            w.report(severity(check), IssueCode::Pattern, |path| {
                let shown = if secret {
                    String::new()
                } else {
                    format!(" {}", quote(s))
                };
                format!(
                    "{path}{shown} does not look like {}: {problem}; {}",
                    pattern.expect, pattern.advice
                )
            });
            false
        }
        // Numeric rules apply to numeric strings through `content_checks`; arrays have
        // their own.
        Rule::Range { .. }
        | Rule::AtLeast { .. }
        | Rule::Positive
        | Rule::IntOneOf { .. }
        | Rule::Unique => true,
    }
}

/// `a, b or c`.
pub(super) fn alternatives(items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// The rules of an array as a whole: emptiness, and no entry twice when declared unique.
pub(super) fn array_rules(
    w: &mut Walker,
    spec: &Spec,
    place: Place,
    strings: &[Option<Cow<'_, str>>],
) -> bool {
    let mut valid = true;
    if strings.is_empty() {
        match place {
            Place::Field { required: true } => {
                valid = false;
                w.report(Severity::Error, IssueCode::Empty, |path| {
                    format!("{path} is an empty array; it is required, list at least one entry")
                });
            }
            _ => w.report(Severity::Warning, IssueCode::Empty, |path| {
                format!(
                    "{path} is an empty array, which is probably a mistake; list the entries, \
                     or omit the field"
                )
            }),
        }
    }
    for check in spec.checks {
        if !matches!(check.rule, Rule::Unique) {
            continue;
        }
        // Compared pairwise: a hash set would add its code to the wasm, and lists this long
        // are far beyond any real one (subnets, appids), so longer ones are not compared.
        if strings.len() > MAX_UNIQUE_CHECKED {
            continue;
        }
        for (j, entry) in strings.iter().enumerate() {
            let Some(s) = entry else { continue };
            let earlier = strings
                .iter()
                .take(j)
                .position(|e| e.as_deref() == Some(s.as_ref()));
            let Some(i) = earlier else {
                continue;
            };
            w.path.push(Seg::Index(j));
            let secret = matches!(spec.ty, Type::Array(item) if item.secret);
            w.report(severity(check), IssueCode::Consistency, |path| {
                let shown = if secret {
                    String::new()
                } else {
                    format!(" {}", quote(s))
                };
                let parent = path.rsplit_once('[').map_or(path, |(p, _)| p);
                format!("{path} repeats{shown}, already at {parent}[{i}]; remove the duplicate")
            });
            w.path.pop();
        }
    }
    valid
}
