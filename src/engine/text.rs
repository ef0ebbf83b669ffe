//! How user values appear inside messages: short, escaped, and never a secret.

use std::fmt::Write;

/// Characters of a user string quoted verbatim before it is cut with `…`.
const QUOTE_CHARS: usize = 40;

/// `s` in double quotes, cut to 40 characters with `…`, with quotes, backslashes, control
/// characters and invisible format characters (bidi overrides, zero-width spaces) escaped
/// so a message can neither hide nor fake part of itself.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(QUOTE_CHARS * 2) + 4);
    out.push('"');
    let mut chars = s.chars();
    for c in chars.by_ref().take(QUOTE_CHARS) {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hidden(c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    if chars.next().is_some() {
        out.push('…');
    }
    out.push('"');
    out
}

/// Characters that do not show as themselves in a terminal or a browser console.
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// A value as the engine saw it, for "got …" in messages.
#[derive(Clone, Copy, Debug)]
pub enum Got<'a> {
    Null,
    Bool(bool),
    Number(f64),
    Str(&'a str),
    Array,
    Object,
}

/// The JSON type of `v` with its article: `null`, `a boolean`, `a number`, `a string`,
/// `an array`, `an object`.
pub fn kind(v: Got<'_>) -> &'static str {
    match v {
        Got::Null => "null",
        Got::Bool(_) => "a boolean",
        Got::Number(_) => "a number",
        Got::Str(_) => "a string",
        Got::Array => "an array",
        Got::Object => "an object",
    }
}

/// What was seen, for "got …": the type, plus the value of a scalar when `reveal` is set.
/// `null` carries its usual cause, since the JS boundary passes JSON.
pub fn got(v: Got<'_>, reveal: bool) -> String {
    match v {
        Got::Null => "null (NaN and Infinity also arrive as null)".to_owned(),
        Got::Bool(b) if reveal => format!("the boolean {b}"),
        Got::Number(n) if reveal => format!("the number {}", number(n)),
        Got::Str(s) if reveal => format!("the string {}", quote(s)),
        other => kind(other).to_owned(),
    }
}

/// A number as a message shows it: integers without a fraction.
///
/// Written by serde_json's float formatter, which the body writer needs anyway: core's
/// `Display` for floats would add its own (large) formatting machinery to the wasm.
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e18 {
        format!("{}", n as i64)
    } else {
        serde_json::to_string(&n).unwrap_or_else(|_| "a number".to_owned())
    }
}

/// `s` as a number, read by serde_json's parser (a JSON number: no `+`, no leading `.`):
/// core's float parser would add its own code to the wasm.
pub fn parse_number(s: &str) -> Option<f64> {
    crate::json_read::number(s).filter(|n| n.is_finite())
}

/// `n` with thousands separators: `65,536`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `keys` as `"a", "b" and "c"`.
pub fn key_list(keys: &[&str]) -> String {
    let mut out = String::new();
    for (i, key) in keys.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == keys.len() { " and " } else { ", " });
        }
        let _ = write!(out, "\"{key}\"");
    }
    out
}

/// Longest key, in bytes, shown verbatim in a path; longer keys (and keys holding control
/// characters) are reported at their object's path and quoted, shortened, in the message.
pub const MAX_PATH_KEY_BYTES: usize = 128;

/// Whether `key` may appear in a path as it is.
pub fn fits_in_path(key: &str) -> bool {
    !key.is_empty() && key.len() <= MAX_PATH_KEY_BYTES && !key.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_escapes_and_truncates() {
        assert_eq!(
            quote("a\"b\\c\n\u{0}\u{7f}\u{202e}"),
            r#""a\"b\\c\n\u0000\u007F\u202E""#
        );
        let long = "x".repeat(100);
        assert_eq!(quote(&long), format!("\"{}…\"", "x".repeat(40)));
        assert_eq!(quote(&"é".repeat(41)).chars().count(), 43);
    }

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(65_536), "65,536");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn key_list_joins() {
        assert_eq!(key_list(&["a"]), "\"a\"");
        assert_eq!(key_list(&["a", "b", "c"]), "\"a\", \"b\" and \"c\"");
    }
}
