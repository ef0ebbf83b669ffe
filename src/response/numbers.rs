//! Integers a JavaScript number cannot hold exactly (beyond 2^53 − 1), written as strings
//! so that `JSON.parse` keeps every digit: `{"request_id":9007199254740993}` becomes
//! `{"request_id":"9007199254740993"}`. Fractions and exponents are left alone (they are
//! approximate anyway), and so is every other byte.

use std::borrow::Cow;

/// 2^53 − 1 in decimal: the largest integer every JavaScript number holds exactly.
const MAX_SAFE: &[u8] = b"9007199254740991";

/// Whether the digits of an integer (no sign) exceed [`MAX_SAFE`].
fn beyond_safe(digits: &[u8]) -> bool {
    let digits = match digits.iter().position(|&d| d != b'0') {
        Some(first) => digits.get(first..).unwrap_or_default(),
        None => return false,
    };
    digits.len() > MAX_SAFE.len() || (digits.len() == MAX_SAFE.len() && digits > MAX_SAFE)
}

/// How many bytes of `bytes` come before the first `"` or `\`.
fn plain_run(bytes: &[u8]) -> usize {
    use crate::scan::{has_byte, run_len};
    run_len(
        bytes,
        |x| has_byte(x, b'"') | has_byte(x, b'\\'),
        |b| b == b'"' || b == b'\\',
    )
}

/// `json` (valid JSON text) with every integer beyond 2^53 − 1 quoted; borrowed when
/// there is none.
pub fn quote_big_integers(json: &str) -> Cow<'_, str> {
    let bytes = json.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut at = 0;
    let mut in_string = false;
    while let Some(&b) = bytes.get(at) {
        if in_string {
            match b {
                b'\\' => at += 2,
                b'"' => {
                    in_string = false;
                    at += 1;
                }
                // Answers are mostly string contents: skip them eight bytes at a time.
                _ => at += 1 + plain_run(bytes.get(at + 1..).unwrap_or_default()),
            }
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                at += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = at;
                let mut end = at + usize::from(b == b'-');
                while bytes.get(end).is_some_and(u8::is_ascii_digit) {
                    end += 1;
                }
                let integer = !matches!(bytes.get(end), Some(b'.' | b'e' | b'E'));
                while bytes.get(end).is_some_and(|c| {
                    c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-')
                }) {
                    end += 1;
                }
                let digits = bytes
                    .get(start + usize::from(b == b'-')..end)
                    .unwrap_or_default();
                if integer && beyond_safe(digits) {
                    let text = out.get_or_insert_with(|| String::with_capacity(json.len() + 8));
                    text.push_str(json.get(copied..start).unwrap_or_default());
                    text.push('"');
                    text.push_str(json.get(start..end).unwrap_or_default());
                    text.push('"');
                    copied = end;
                }
                at = end;
            }
            _ => at += 1,
        }
    }
    match out {
        None => Cow::Borrowed(json),
        Some(mut text) => {
            text.push_str(json.get(copied..).unwrap_or_default());
            Cow::Owned(text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_unsafe_integers_are_quoted() {
        let cases = [
            (r#"{"a":9007199254740991}"#, r#"{"a":9007199254740991}"#),
            (r#"{"a":9007199254740992}"#, r#"{"a":"9007199254740992"}"#),
            (r#"{"a":-9007199254740993}"#, r#"{"a":"-9007199254740993"}"#),
            (
                r#"{"a":123456789012345678901234567890}"#,
                r#"{"a":"123456789012345678901234567890"}"#,
            ),
            (
                r#"{"a":1.5e300,"b":9007199254740993.5}"#,
                r#"{"a":1.5e300,"b":9007199254740993.5}"#,
            ),
            (
                r#"{"s":"9007199254740993 \"x\" 99999999999999999","n":[1,99999999999999999]}"#,
                r#"{"s":"9007199254740993 \"x\" 99999999999999999","n":[1,"99999999999999999"]}"#,
            ),
            (
                r#"{"a":0000000000000000001}"#,
                r#"{"a":0000000000000000001}"#,
            ),
        ];
        for (input, want) in cases {
            assert_eq!(quote_big_integers(input), want, "{input}");
        }
        assert!(matches!(quote_big_integers(r#"{"a":1}"#), Cow::Borrowed(_)));
    }
}
