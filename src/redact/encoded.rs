//! Finding a secret in text that echoes it in any of the encodings an answer can carry it
//! in, character by character: as it is, JSON-escaped (`\u0041`, `\/`, one escaped character
//! inside), percent-encoded (any subset of characters, either hex case, `+` for a space),
//! and as HTML character references (`&#65;`, `&#x41;`, `&amp;`). A server that echoes
//! the token back, a gateway's error page and a logged URL all produce these.
//!
//! Matching follows every reading of each character at once (a literal `%` and a `%41`
//! can both be right), keeping the set of positions reachable so far; the set is bounded
//! by the text, so no input makes it blow up.

/// One way to read a character at `at`: the character and where the next one starts.
type Reading = (char, usize);

fn hex_value(b: u8) -> Option<u32> {
    char::from(b).to_digit(16)
}

/// `count` hex digits at `at`.
fn hex_digits(text: &[u8], at: usize, count: usize) -> Option<u32> {
    let digits = text.get(at..at.checked_add(count)?)?;
    digits
        .iter()
        .try_fold(0u32, |acc, &b| Some(acc * 16 + hex_value(b)?))
}

/// A JSON `\uXXXX` (with its low surrogate, for characters beyond the BMP).
fn json_unicode(text: &[u8], at: usize) -> Option<Reading> {
    if text.get(at..at + 2)? != b"\\u" {
        return None;
    }
    let unit = hex_digits(text, at + 2, 4)?;
    if (0xD800..0xDC00).contains(&unit) {
        if text.get(at + 6..at + 8)? != b"\\u" {
            return None;
        }
        let low = hex_digits(text, at + 8, 4)?;
        if !(0xDC00..0xE000).contains(&low) {
            return None;
        }
        let c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
        return char::from_u32(c).map(|c| (c, at + 12));
    }
    char::from_u32(unit).map(|c| (c, at + 6))
}

/// A JSON short escape: `\/`, `\\`, `\"` and the control ones.
fn json_short(text: &[u8], at: usize) -> Option<Reading> {
    if *text.get(at)? != b'\\' {
        return None;
    }
    let c = match *text.get(at + 1)? {
        b'/' => '/',
        b'\\' => '\\',
        b'"' => '"',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        _ => return None,
    };
    Some((c, at + 2))
}

/// A percent-encoded character: one to four `%XX` bytes of UTF-8.
fn percent(text: &[u8], at: usize) -> Option<Reading> {
    let byte = |i: usize| -> Option<u8> {
        let start = at + i * 3;
        if *text.get(start)? != b'%' {
            return None;
        }
        hex_digits(text, start + 1, 2).map(|v| v as u8)
    };
    let first = byte(0)?;
    let len = match first {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => return None,
    };
    let mut bytes = [first, 0, 0, 0];
    for (i, slot) in bytes.iter_mut().enumerate().take(len).skip(1) {
        *slot = byte(i)?;
    }
    let s = std::str::from_utf8(bytes.get(..len)?).ok()?;
    s.chars().next().map(|c| (c, at + len * 3))
}

/// An HTML character reference: `&#65;`, `&#x41;` or one of the five named ones.
fn html(text: &[u8], at: usize) -> Option<Reading> {
    if *text.get(at)? != b'&' {
        return None;
    }
    let rest = text.get(at + 1..)?;
    let end = rest.iter().take(12).position(|&b| b == b';')?;
    let name = rest.get(..end)?;
    let c = match name {
        b"amp" => '&',
        b"lt" => '<',
        b"gt" => '>',
        b"quot" => '"',
        b"apos" => '\'',
        _ => {
            let digits = name.strip_prefix(b"#")?;
            let value = match digits
                .strip_prefix(b"x")
                .or_else(|| digits.strip_prefix(b"X"))
            {
                Some(hex) if !hex.is_empty() => hex.iter().try_fold(0u32, |acc, &b| {
                    acc.checked_mul(16)?.checked_add(hex_value(b)?)
                })?,
                Some(_) => return None,
                None if !digits.is_empty() => digits.iter().try_fold(0u32, |acc, &b| {
                    acc.checked_mul(10)?
                        .checked_add(char::from(b).to_digit(10)?)
                })?,
                None => return None,
            };
            char::from_u32(value)?
        }
    };
    Some((c, at + 1 + end + 1))
}

/// The literal character at `at`.
fn literal(text: &str, at: usize) -> Option<Reading> {
    let c = text.get(at..)?.chars().next()?;
    Some((c, at + c.len_utf8()))
}

/// Every reading of the character at `at`.
fn readings(text: &str, at: usize, out: &mut Vec<Reading>) {
    out.clear();
    let bytes = text.as_bytes();
    out.extend(literal(text, at));
    out.extend(json_unicode(bytes, at));
    out.extend(json_short(bytes, at));
    out.extend(percent(bytes, at));
    out.extend(html(bytes, at));
    if bytes.get(at) == Some(&b'+') {
        out.push((' ', at + 1));
    }
}

/// Where an encoded `secret` that starts at `start` ends (the longest reading), if it does.
fn match_at(text: &str, start: usize, secret: &str, scratch: &mut Vec<Reading>) -> Option<usize> {
    let mut chars = secret.chars();
    let first = chars.next()?;
    readings(text, start, scratch);
    // Collecting nothing allocates nothing: the usual case, a position where no secret starts.
    let mut frontier: Vec<usize> = scratch
        .iter()
        .filter(|(c, _)| *c == first)
        .map(|(_, end)| *end)
        .collect();
    if frontier.is_empty() {
        return None;
    }
    for want in chars {
        let mut next: Vec<usize> = Vec::new();
        for &at in &frontier {
            readings(text, at, scratch);
            for &(c, end) in scratch.iter() {
                if c == want && !next.contains(&end) {
                    next.push(end);
                }
            }
        }
        if next.is_empty() {
            return None;
        }
        frontier = next;
    }
    frontier.into_iter().max()
}

/// Byte ranges of `text` where one of `secrets` appears, in any encoding; non-overlapping,
/// in order.
pub fn find(text: &str, secrets: &[&str]) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = Vec::new();
    let mut scratch = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let mut best: Option<usize> = None;
        if text.is_char_boundary(at) {
            for secret in secrets.iter().filter(|s| !s.is_empty()) {
                if let Some(end) = match_at(text, at, secret, &mut scratch) {
                    best = Some(best.map_or(end, |b| b.max(end)));
                }
            }
        }
        match best {
            Some(end) if end > at => {
                found.push((at, end));
                at = end;
            }
            _ => at += 1,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str, secret: &str) -> String {
        let mut out = String::new();
        let mut last = 0;
        for (a, b) in find(text, &[secret]) {
            out.push_str(&text[last..a]);
            out.push_str("***");
            last = b;
        }
        out.push_str(&text[last..]);
        out
    }

    #[test]
    fn every_encoding_of_a_secret_is_found() {
        let s = "Ab/c d+é😀";
        for echoed in [
            "Ab/c d+é😀",
            "A\\u0062\\/c d+\\u00e9\\ud83d\\ude00",
            "\\u0041\\u0062\\u002F\\u0063\\u0020\\u0064\\u002b\\u00E9\\uD83D\\uDE00",
            "Ab%2Fc%20d%2B%C3%A9%F0%9F%98%80",
            "A%62%2fc+d%2b%c3%a9😀",
            "Ab&#x2F;c&#32;d&#43;&#xe9;&#128512;",
            "&#65;b/c d+é😀",
        ] {
            assert_eq!(masked(&format!("x{echoed}y"), s), "x***y", "{echoed}");
        }
        assert_eq!(masked("a&amp;b", "a&b"), "***");
        assert_eq!(masked("no secret here", s), "no secret here");
        assert_eq!(masked("%%4", "%"), "******4");
    }

    #[test]
    fn hostile_text_stays_bounded() {
        let text = "%".repeat(10_000) + &"\\u0025".repeat(1_000);
        assert!(find(&text, &["%%%%%%%%%%x"]).is_empty());
        assert!(find("&#xFFFFFFFFFFFF;&#99999999999;\\ud800\\u0041", &["A"]).len() == 1);
    }
}
