//! Keys outside the schema: a warning each, with a "did you mean" where one is close, and
//! values that are not walked by the schema but still scanned (without recursion) for
//! oversized strings.

use super::sink::Sink;
use super::strings::MAX_STRING_BYTES;
use super::text::{key_list, quote, thousands};
use serde_json::{Map, Value};

/// One object of the schema: where it is and which keys it has, in documented order.
pub(super) struct Scope {
    /// Path of the object: `""` for the root.
    pub(super) path: &'static str,
    /// How messages name the object.
    pub(super) name: &'static str,
    pub(super) keys: &'static [&'static str],
}

pub(super) const ROOT: Scope = Scope {
    path: "",
    name: "the request",
    keys: &[
        "env_id",
        "service_name",
        "is_public",
        "image_repo",
        "remark",
        "es_info",
        "log_type",
        "vpc_info",
        "public_access",
    ],
};

pub(super) const ES_INFO: Scope = Scope {
    path: "es_info",
    name: "es_info",
    keys: &[
        "id",
        "secret_name",
        "ip",
        "port",
        "index",
        "account",
        "password",
    ],
};

pub(super) const VPC_INFO: Scope = Scope {
    path: "vpc_info",
    name: "vpc_info",
    keys: &["vpc_id", "subnet_ids", "create_type"],
};

const SCOPES: [&Scope; 3] = [&ROOT, &ES_INFO, &VPC_INFO];

/// Longest key, in bytes, shown verbatim in a path; longer keys (and keys holding control
/// characters) are reported at their object's path and quoted, shortened, in the message.
const MAX_PATH_KEY_BYTES: usize = 128;

/// Longest key, in characters, compared against the schema's keys for a suggestion; the
/// schema's keys are short, so a longer key cannot be within the distance allowed.
const MAX_SUGGEST_CHARS: usize = 64;

/// `parent.key`, or `key` at the root.
pub(super) fn child(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

/// Reports every key of `obj` that `scope` does not have.
pub(super) fn check_unknown_keys(sink: &mut Sink, scope: &Scope, obj: &Map<String, Value>) {
    for (key, value) in obj {
        if scope.keys.contains(&key.as_str()) {
            continue;
        }
        if key.len() > MAX_STRING_BYTES {
            sink.error(scope.path, "too_large", || {
                format!(
                    "{} has a key of {} bytes, longer than the limit of {} bytes (64 KiB); remove it",
                    scope.name,
                    thousands(key.len()),
                    thousands(MAX_STRING_BYTES)
                )
            });
            continue;
        }
        let path = if key.is_empty()
            || key.len() > MAX_PATH_KEY_BYTES
            || key.chars().any(char::is_control)
        {
            scope.path.to_owned()
        } else {
            child(scope.path, key)
        };
        scan_foreign(sink, &path, value);
        sink.warning(&path, "unknown_field", || unknown_message(scope, key));
    }
}

/// Reports, once at `path`, a string or key longer than the limit anywhere inside a value
/// the schema does not walk. Iterative, so any depth is safe.
pub(super) fn scan_foreign(sink: &mut Sink, path: &str, value: &Value) {
    if has_oversized_string(value) {
        sink.error(path, "too_large", || {
            let at = if path.is_empty() {
                "a value in the request"
            } else {
                path
            };
            format!(
                "{at} holds a string or key longer than {} bytes (64 KiB); remove it",
                thousands(MAX_STRING_BYTES)
            )
        });
    }
}

fn has_oversized_string(value: &Value) -> bool {
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::String(s) if s.len() > MAX_STRING_BYTES => return true,
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => {
                for (k, v) in map {
                    if k.len() > MAX_STRING_BYTES {
                        return true;
                    }
                    stack.push(v);
                }
            }
            _ => {}
        }
    }
    false
}

fn unknown_message(scope: &Scope, key: &str) -> String {
    let shown = quote(key);
    let normal = normalize(key);
    if normal.contains("accesstoken") || normal == "token" {
        return format!(
            "{shown} does not belong in the request body: the access token goes in the URL query, \
             which the library fills from the accessToken option; remove {shown} from the body \
             (it is not sent)"
        );
    }
    let spaced = if key.trim().len() == key.len() {
        ""
    } else {
        " (note the surrounding whitespace)"
    };
    let intro = format!(
        "unknown key {shown}{spaced} in {} is ignored and not sent",
        scope.name
    );
    if let Some(known) = suggest(scope.keys, &normal) {
        return format!("{intro}; did you mean \"{known}\"?");
    }
    for other in SCOPES {
        if other.path == scope.path {
            continue;
        }
        if let Some(known) = other.keys.iter().find(|k| normalize(k) == normal) {
            let place = if other.path.is_empty() {
                "at the top level of the request".to_owned()
            } else {
                format!("inside {}", other.name)
            };
            return format!(
                "{intro}; \"{known}\" belongs {place}, as \"{}\"",
                child(other.path, known)
            );
        }
    }
    format!(
        "{intro}; the keys of {} are {}",
        scope.name,
        key_list(scope.keys)
    )
}

/// `key` trimmed and lowercased, without `_` and `-`: `" Image_Repo"` → `imagerepo`.
fn normalize(key: &str) -> String {
    key.trim()
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .take(MAX_SUGGEST_CHARS + 1)
        .collect()
}

/// The closest of `keys` to the normalised key, when close enough: at most 1 edit for
/// keys of 2–3 characters, 2 for longer ones, and a third of the length for long ones.
fn suggest(keys: &'static [&'static str], normal: &str) -> Option<&'static str> {
    let typed: Vec<char> = normal.chars().collect();
    if typed.is_empty() || typed.len() > MAX_SUGGEST_CHARS {
        return None;
    }
    let mut best: Option<(usize, &'static str)> = None;
    for key in keys {
        let candidate: Vec<char> = normalize(key).chars().collect();
        let allowed = (candidate.len() / 3).max((candidate.len() / 2).min(2));
        let distance = levenshtein(&typed, &candidate);
        if distance <= allowed && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, key));
        }
    }
    best.map(|(_, key)| key)
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut row = Vec::with_capacity(b.len() + 1);
        row.push(i + 1);
        for ((cb, diagonal), above) in b.iter().zip(&prev).zip(prev.iter().skip(1)) {
            let left = row.last().copied().unwrap_or(usize::MAX);
            let cost = diagonal + usize::from(ca != cb);
            row.push(cost.min(above + 1).min(left.saturating_add(1)));
        }
        prev = row;
    }
    prev.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn distance() {
        assert_eq!(levenshtein(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(levenshtein(&chars(""), &chars("abc")), 3);
        assert_eq!(levenshtein(&chars("abc"), &chars("abc")), 0);
    }

    #[test]
    fn suggestions() {
        let root = ROOT.keys;
        assert_eq!(suggest(root, &normalize("image_Repo")), Some("image_repo"));
        assert_eq!(
            suggest(root, &normalize("servicename")),
            Some("service_name")
        );
        assert_eq!(
            suggest(root, &normalize(" service_name")),
            Some("service_name")
        );
        assert_eq!(suggest(root, &normalize("envid")), Some("env_id"));
        assert_eq!(suggest(root, &normalize("is_publc")), Some("is_public"));
        assert_eq!(suggest(root, &normalize("zzz")), None);
        assert_eq!(
            suggest(ES_INFO.keys, &normalize("passwd")),
            Some("password")
        );
        assert_eq!(suggest(ES_INFO.keys, &normalize("xy")), None);
        assert_eq!(
            suggest(VPC_INFO.keys, &normalize("subnet_id")),
            Some("subnet_ids")
        );
    }
}
