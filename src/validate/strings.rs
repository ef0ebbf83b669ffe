//! Checks every string field gets (size, emptiness, control characters, surrounding
//! whitespace) and the naming conventions of CloudBase names and ids.

use super::sink::Sink;
use super::text::{quote, thousands};

/// Longest string accepted anywhere in a body: 64 KiB.
pub(super) const MAX_STRING_BYTES: usize = 65_536;

/// How a string field is held: its absence or emptiness matters differently.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Presence {
    /// A required field: an empty value is an error.
    Required,
    /// An optional field: an empty value is probably a mistake; omit the field instead.
    Optional,
    /// An entry of an array: an empty entry is probably a mistake; remove it.
    Entry,
}

/// A string field's checks. `secret` keeps the value (and anything derived from it, such as
/// its length or the offending character) out of every message.
pub(super) fn check_text<'a>(
    sink: &mut Sink,
    path: &str,
    s: &'a str,
    presence: Presence,
    secret: bool,
) -> Option<&'a str> {
    if s.len() > MAX_STRING_BYTES {
        sink.error(path, "too_large", || {
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
        return None;
    }
    if s.is_empty() {
        empty(sink, path, presence, "is an empty string");
        return None;
    }
    if let Some((at, c)) = s.chars().enumerate().find(|(_, c)| c.is_ascii_control()) {
        sink.error(path, "control_char", || {
            if secret {
                format!("{path} contains a control character (such as a newline, tab or NUL); remove it")
            } else {
                format!(
                    "{path} contains the control character U+{:04X} at character {} ({}); remove it",
                    u32::from(c),
                    at + 1,
                    quote(s)
                )
            }
        });
        return None;
    }
    let trimmed = s.trim();
    if trimmed.is_empty() {
        empty(sink, path, presence, "contains only whitespace");
        return None;
    }
    if trimmed.len() != s.len() {
        sink.warning(path, "whitespace", || {
            let shown = if secret {
                String::new()
            } else {
                format!(" ({})", quote(s))
            };
            format!(
                "{path} has leading or trailing whitespace{shown}; it is sent as is, so remove it \
                 unless it is meant to be there"
            )
        });
    }
    Some(trimmed)
}

fn empty(sink: &mut Sink, path: &str, presence: Presence, what: &str) {
    match presence {
        Presence::Required => sink.error(path, "empty", || {
            format!("{path} {what}; it is required, give it a value")
        }),
        Presence::Optional => sink.warning(path, "empty", || {
            format!("{path} {what}, which is probably a mistake; omit the field instead")
        }),
        Presence::Entry => sink.warning(path, "empty", || {
            format!("{path} {what}, which is probably a mistake; remove the entry")
        }),
    }
}

/// Why `s` breaks the CloudBase service name convention (letters, digits, `-` and `_`,
/// starting with a letter, 3–45 characters), if it does.
pub(super) fn service_name_problem(s: &str) -> Option<&'static str> {
    let len = s.chars().count();
    if !(3..=45).contains(&len) {
        return Some("it must be 3 to 45 characters long");
    }
    if !s.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
        return Some("it must start with a letter");
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Some("it may only hold letters, digits, \"-\" and \"_\"");
    }
    None
}

/// Why `s` does not look like a CloudBase env id (`<alias>-<16 lowercase alphanumerics>`,
/// the alias lowercase a–z, digits and `-`, starting with a letter, at most 20 characters,
/// no leading, trailing or doubled `-`), if it does not.
pub(super) fn env_id_problem(s: &str) -> Option<&'static str> {
    let Some((alias, suffix)) = s.rsplit_once('-') else {
        return Some("it has no \"-\" between the alias and the 16-character suffix");
    };
    if suffix.len() != 16 || !suffix.bytes().all(is_lower_alnum) {
        return Some("the part after the last \"-\" must be 16 lowercase letters or digits");
    }
    if alias.is_empty() || alias.len() > 20 {
        return Some("the alias before the suffix must be 1 to 20 characters long");
    }
    if !alias.bytes().all(|b| is_lower_alnum(b) || b == b'-') {
        return Some("the alias may only hold lowercase letters, digits and \"-\"");
    }
    if !alias.bytes().next().is_some_and(|b| b.is_ascii_lowercase()) {
        return Some("the alias must start with a lowercase letter");
    }
    if alias.ends_with('-') || alias.as_bytes().windows(2).any(|pair| pair == b"--") {
        return Some("the alias may not end with \"-\" or hold \"--\"");
    }
    None
}

/// True when `s` is `prefix` followed by 8 or more lowercase letters or digits, the shape
/// of `vpc-xxxxxxxx` and `subnet-xxxxxxxx` ids.
pub(super) fn is_prefixed_id(s: &str, prefix: &str) -> bool {
    s.strip_prefix(prefix)
        .is_some_and(|rest| rest.len() >= 8 && rest.bytes().all(is_lower_alnum))
}

fn is_lower_alnum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_names() {
        for ok in [
            "abc",
            "svc-1",
            "My_Service",
            &format!("a{}", "b".repeat(44)),
        ] {
            assert_eq!(service_name_problem(ok), None, "{ok}");
        }
        for bad in ["ab", "1abc", "-abc", "my svc", "服务服务", &"a".repeat(46)] {
            assert!(service_name_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn env_ids() {
        for ok in [
            "prod-1a2b3c4d5e6f7a8b",
            "my-test-env-0123456789abcdef",
            "a-aaaaaaaaaaaaaaaa",
        ] {
            assert_eq!(env_id_problem(ok), None, "{ok}");
        }
        for bad in [
            "prod",
            "prod-1a2b3c4d5e6f7a8",
            "prod-1A2B3C4D5E6F7A8B",
            "-1a2b3c4d5e6f7a8b",
            "1prod-1a2b3c4d5e6f7a8b",
            "pr--od-1a2b3c4d5e6f7a8b",
            "prod--1a2b3c4d5e6f7a8b",
            "Prod-1a2b3c4d5e6f7a8b",
            "abcdefghijklmnopqrstu-1a2b3c4d5e6f7a8b",
        ] {
            assert!(env_id_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn prefixed_ids() {
        assert!(is_prefixed_id("vpc-abcd1234", "vpc-"));
        assert!(!is_prefixed_id("vpc-abcd123", "vpc-"));
        assert!(!is_prefixed_id("vpc-ABCD1234", "vpc-"));
        assert!(!is_prefixed_id("subnet-abcd1234", "vpc-"));
    }
}
