//! The fast path of the common case: JSON text, as `JSON.stringify` writes it, that the
//! full validator accepts without a single finding and whose keys already stand in the
//! documented order, so that the body [`build_request`](crate::request::build_request)
//! makes from it is the text itself.
//!
//! It reads the text once and allocates nothing: the full path (`serde_json` into a
//! `Value`, [`validate`](super::validate), [`check`](super::check), serialising the typed
//! request) costs several times `JSON.stringify` itself (BENCHMARKS.md). It only ever
//! answers `false` when unsure (an escape sequence, a float, keys out of order, anything
//! the validator would comment on); the caller then takes the full path, which finds and
//! words the problems. It uses the rules' own predicates, and `tests/fast_path.rs` checks
//! that every text it accepts passes the full path with no finding and builds into itself.

use super::fields::MAX_SAFE_INTEGER;
use super::strings::{env_id_problem, is_prefixed_id, service_name_problem, MAX_STRING_BYTES};
use super::unknown::{ES_INFO, ROOT, VPC_INFO};

/// Subnet ids compared pairwise for duplicates; a longer list takes the full path.
const MAX_FAST_SUBNETS: usize = 32;

/// True when `text` is a request body that the full validator accepts with no error and no
/// warning, and that `build_request` would serialise back into exactly `text`.
pub fn is_clean_canonical(text: &str) -> bool {
    let mut c = Cursor { text, at: 0 };
    root(&mut c) && c.at == text.len()
}

struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn eat(&mut self, byte: u8) -> bool {
        let hit = self.text.as_bytes().get(self.at) == Some(&byte);
        self.at += usize::from(hit);
        hit
    }

    /// `"key":`, for one of the schema's keys (which need no escaping).
    fn key(&mut self, key: &str) -> bool {
        let (at, len) = (self.at, key.len());
        let bytes = self.text.as_bytes();
        // The closing quote first: it rules out most other keys without comparing them.
        let hit = bytes.get(at + len + 1) == Some(&b'"')
            && bytes.get(at) == Some(&b'"')
            && bytes.get(at + len + 2) == Some(&b':')
            && bytes.get(at + 1..at + len + 1) == Some(key.as_bytes());
        if hit {
            self.at += key.len() + 3;
        }
        hit
    }

    fn literal(&mut self, word: &str) -> bool {
        let hit = self
            .text
            .get(self.at..)
            .is_some_and(|rest| rest.starts_with(word));
        if hit {
            self.at += word.len();
        }
        hit
    }

    /// A string without escape sequences (JSON.stringify writes one only for `"`, `\`,
    /// control characters and lone surrogates) and without ASCII control characters (DEL
    /// included): all of them are left to the full path.
    fn string(&mut self) -> Option<&'a str> {
        if !self.eat(b'"') {
            return None;
        }
        let start = self.at;
        let rest = self.text.as_bytes().get(start..)?;
        let len = first_stop(rest)?;
        if rest.get(len) != Some(&b'"') {
            return None;
        }
        self.at = start + len + 1;
        self.text.get(start..start + len)
    }

    /// A non-negative integer written as serde_json writes it: `0` or digits without a
    /// leading zero, at most 16 of them (2^53 has 16). Anything else (a sign, a fraction,
    /// an exponent) leaves the cursor where the caller's next check fails.
    fn uint(&mut self) -> Option<u64> {
        let rest = self.text.as_bytes().get(self.at..)?;
        let len = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if len == 0 || len > 16 || (len > 1 && rest.first() == Some(&b'0')) {
            return None;
        }
        let digits = self.text.get(self.at..self.at + len)?;
        self.at += len;
        digits.parse().ok()
    }

    /// An object whose keys are among `keys`, each at most once and in their order (so a
    /// key written with an escape sequence, or any other key, is refused); `field` reads
    /// the value of the key at the given index.
    fn object(&mut self, keys: &[&str], mut field: impl FnMut(&mut Self, usize) -> bool) -> bool {
        if !self.eat(b'{') {
            return false;
        }
        if self.eat(b'}') {
            return true;
        }
        let mut next = 0;
        loop {
            let Some(index) =
                (next..keys.len()).find(|&i| keys.get(i).is_some_and(|k| self.key(k)))
            else {
                return false;
            };
            if !field(self, index) {
                return false;
            }
            next = index + 1;
            if self.eat(b'}') {
                return true;
            }
            if !self.eat(b',') {
                return false;
            }
        }
    }

    /// A string that passes every check a string field gets (size, emptiness, control
    /// characters, which [`Cursor::string`] already refuses, surrounding whitespace)
    /// without a finding.
    fn text(&mut self) -> Option<&'a str> {
        self.string()
            .filter(|s| s.len() <= MAX_STRING_BYTES && !s.is_empty() && s.trim().len() == s.len())
    }

    fn uint_in(&mut self, range: std::ops::RangeInclusive<u64>) -> bool {
        self.uint().is_some_and(|n| range.contains(&n))
    }
}

/// Where the first byte that ends the fast reading of a string is: `"`, `\\`, an ASCII
/// control character or DEL. Eight bytes at a time while none is among them.
fn first_stop(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Non-zero exactly when some byte of `v` is zero (and `below`: is under 0x20).
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below = |v: u64| v.wrapping_sub(ONES * 0x20) & !v & HIGH;
    let mut at = 0;
    for chunk in bytes.chunks_exact(8) {
        let word = u64::from_le_bytes(chunk.try_into().ok()?);
        let hits = zero(word ^ (ONES * u64::from(b'"')))
            | zero(word ^ (ONES * u64::from(b'\\')))
            | zero(word ^ (ONES * 0x7f))
            | below(word);
        if hits != 0 {
            break;
        }
        at += 8;
    }
    let stop = |b: &u8| matches!(b, b'"' | b'\\' | 0x7f) || *b < 0x20;
    bytes.get(at..)?.iter().position(stop).map(|i| at + i)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Log {
    Absent,
    Es,
    Cls,
}

fn root(c: &mut Cursor) -> bool {
    let mut seen = [false; 9];
    let mut log = Log::Absent;
    let fields = c.object(ROOT.keys, |c, index| {
        if let Some(slot) = seen.get_mut(index) {
            *slot = true;
        }
        match index {
            0 => c.text().is_some_and(|s| env_id_problem(s).is_none()),
            1 => c.text().is_some_and(|s| service_name_problem(s).is_none()),
            2 => c.literal("true") || c.literal("false"),
            3 | 4 => c.text().is_some(),
            5 => es_info(c),
            6 => {
                log = match c.string() {
                    Some("es") => Log::Es,
                    Some("cls") => Log::Cls,
                    _ => return false,
                };
                true
            }
            7 => vpc_info(c),
            8 => c.uint_in(0..=1),
            _ => false,
        }
    });
    let [env_id, service_name, is_public, _, _, es, ..] = seen;
    // The consistency rules: log_type "es" needs es_info, and es_info is only used by it.
    fields && env_id && service_name && is_public && (es == (log == Log::Es))
}

fn es_info(c: &mut Cursor) -> bool {
    c.object(ES_INFO.keys, |c, index| match index {
        0 => c.uint_in(0..=MAX_SAFE_INTEGER),
        1 | 4 | 5 | 6 => c.text().is_some(),
        2 => c
            .text()
            .is_some_and(|s| s.parse::<std::net::IpAddr>().is_ok()),
        3 => c.uint_in(1..=65_535),
        _ => false,
    })
}

fn vpc_info(c: &mut Cursor) -> bool {
    c.object(VPC_INFO.keys, |c, index| match index {
        0 => c.text().is_some_and(|s| is_prefixed_id(s, "vpc-")),
        1 => subnet_ids(c),
        2 => c.uint_in(0..=2),
        _ => false,
    })
}

/// A non-empty array of distinct subnet ids, each passing the string checks and the
/// `subnet-` convention.
fn subnet_ids(c: &mut Cursor) -> bool {
    if !c.eat(b'[') {
        return false;
    }
    let mut ids: [&str; MAX_FAST_SUBNETS] = [""; MAX_FAST_SUBNETS];
    let mut count = 0;
    loop {
        let Some(id) = c.text().filter(|s| is_prefixed_id(s, "subnet-")) else {
            return false;
        };
        let earlier = ids.get(..count).unwrap_or_default();
        if earlier.contains(&id) {
            return false;
        }
        let Some(slot) = ids.get_mut(count) else {
            return false;
        };
        *slot = id;
        count += 1;
        if c.eat(b']') {
            return true;
        }
        if !c.eat(b',') {
            return false;
        }
    }
}
