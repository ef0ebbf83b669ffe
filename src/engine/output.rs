//! The body the engine builds while it reads: compact JSON, each object's known keys in the
//! declared order, then any unknown keys that are allowed, as given.
//!
//! Members are written in the order they arrive, each one's span remembered; an object
//! whose members arrived out of order is rewritten once it is complete. In the common case
//! (`JSON.stringify` of an object written in the documented order) nothing is moved and the
//! result equals the input, which the caller then sends unchanged.

/// Order given to unknown members: after every declared field, in arrival order.
pub const UNKNOWN_ORDER: u32 = u32::MAX;

/// One written member of an object: its declared position and its bytes.
#[derive(Clone, Copy)]
struct Member {
    order: u32,
    start: usize,
    end: usize,
}

/// An object or array being written.
pub struct Frame {
    /// Where its first member starts (just after `{` or `[`).
    start: usize,
    /// Where its members begin in `Output::members`.
    base: usize,
    written: usize,
}

/// A member being written: where to roll back to if it is dropped.
pub struct Mark(usize);

#[derive(Default)]
pub struct Output {
    pub bytes: Vec<u8>,
    members: Vec<Member>,
}

impl Output {
    pub fn with_capacity(n: usize) -> Output {
        Output {
            bytes: Vec::with_capacity(n),
            members: Vec::new(),
        }
    }

    pub fn raw(&mut self, text: &str) {
        self.bytes.extend_from_slice(text.as_bytes());
    }

    pub fn open(&mut self, bracket: u8) -> Frame {
        self.bytes.push(bracket);
        Frame {
            start: self.bytes.len(),
            base: self.members.len(),
            written: 0,
        }
    }

    /// Starts a member (the comma before it, if any); write its key and value next.
    pub fn member(&mut self, frame: &Frame) -> Mark {
        let mark = Mark(self.bytes.len());
        if frame.written > 0 {
            self.bytes.push(b',');
        }
        mark
    }

    /// Starts an object member: the comma and `"key":` (a declared key, which needs no
    /// escaping).
    pub fn key(&mut self, frame: &Frame, key: &str) -> Mark {
        let mark = self.member(frame);
        self.bytes.push(b'"');
        self.bytes.extend_from_slice(key.as_bytes());
        self.bytes.extend_from_slice(b"\":");
        mark
    }

    /// Starts an object member whose key came from the input and may need escaping.
    pub fn escaped_key(&mut self, frame: &Frame, key: &str) -> Mark {
        let mark = self.member(frame);
        self.string(key);
        self.bytes.push(b':');
        mark
    }

    /// Drops the member started at `mark` (an omitted `null`).
    pub fn cancel(&mut self, mark: Mark) {
        self.bytes.truncate(mark.0);
    }

    /// Ends the member started at `mark`, at declared position `order`.
    pub fn done(&mut self, frame: &mut Frame, mark: Mark, order: u32) {
        let start = if frame.written > 0 {
            mark.0 + 1
        } else {
            mark.0
        };
        self.members.push(Member {
            order,
            start,
            end: self.bytes.len(),
        });
        frame.written += 1;
    }

    /// Closes an object or array, first putting an object's members in declared order.
    pub fn close(&mut self, frame: Frame, bracket: u8) {
        let members = self.members.get(frame.base..).unwrap_or_default();
        let sorted = members.windows(2).all(|pair| match pair {
            [a, b] => a.order <= b.order,
            _ => true,
        });
        if !sorted {
            let mut order: Vec<Member> = members.to_vec();
            // A stable insertion sort (unknown members keep their arrival order): objects have
            // few members, and slice::sort would add its code to the wasm.
            for i in 1..order.len() {
                let mut j = i;
                while j > 0 && order.get(j - 1).map(|m| m.order) > order.get(j).map(|m| m.order) {
                    order.swap(j - 1, j);
                    j -= 1;
                }
            }
            let written = self.bytes.split_off(frame.start);
            for (i, m) in order.iter().enumerate() {
                if i > 0 {
                    self.bytes.push(b',');
                }
                let from = m.start.saturating_sub(frame.start);
                let to = m.end.saturating_sub(frame.start);
                self.bytes
                    .extend_from_slice(written.get(from..to).unwrap_or_default());
            }
        }
        self.members.truncate(frame.base);
        self.bytes.push(bracket);
    }

    /// A JSON string, escaped as `JSON.stringify` escapes it: `"`, `\`, and control
    /// characters (the short forms where JSON has them).
    pub fn string(&mut self, s: &str) {
        self.bytes.push(b'"');
        let mut plain = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape: Option<&[u8]> = match b {
                b'"' => Some(b"\\\""),
                b'\\' => Some(b"\\\\"),
                b'\n' => Some(b"\\n"),
                b'\r' => Some(b"\\r"),
                b'\t' => Some(b"\\t"),
                0x08 => Some(b"\\b"),
                0x0c => Some(b"\\f"),
                0..=0x1f => None,
                _ => continue,
            };
            self.bytes
                .extend_from_slice(s.as_bytes().get(plain..i).unwrap_or_default());
            match escape {
                Some(e) => self.bytes.extend_from_slice(e),
                None => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.bytes.extend_from_slice(b"\\u00");
                    let hex = |n: u8| HEX.get(usize::from(n)).copied().unwrap_or(b'0');
                    self.bytes.push(hex(b >> 4));
                    self.bytes.push(hex(b & 0xf));
                }
            }
            plain = i + 1;
        }
        self.bytes
            .extend_from_slice(s.as_bytes().get(plain..).unwrap_or_default());
        self.bytes.push(b'"');
    }

    /// A string already known to need no escaping (it came from the input without any).
    pub fn plain_string(&mut self, s: &str) {
        self.bytes.push(b'"');
        self.bytes.extend_from_slice(s.as_bytes());
        self.bytes.push(b'"');
    }

    pub fn integer(&mut self, n: i128) {
        let mut buf = [0u8; 40];
        let mut at = buf.len();
        let negative = n < 0;
        let mut rest = n.unsigned_abs();
        loop {
            at -= 1;
            if let Some(slot) = buf.get_mut(at) {
                *slot = b'0' + (rest % 10) as u8;
            }
            rest /= 10;
            if rest == 0 || at == 1 {
                break;
            }
        }
        if negative {
            self.bytes.push(b'-');
        }
        self.bytes
            .extend_from_slice(buf.get(at..).unwrap_or_default());
    }

    /// A finite number as serde_json writes it (shortest round-trip form).
    pub fn float(&mut self, f: f64) {
        if serde_json::to_writer(&mut self.bytes, &f).is_err() {
            self.bytes.extend_from_slice(b"null");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reorders_only_when_needed() {
        let mut out = Output::default();
        let mut f = out.open(b'{');
        let m = out.key(&f, "b");
        out.integer(2);
        out.done(&mut f, m, 1);
        let m = out.key(&f, "a");
        out.integer(-10);
        out.done(&mut f, m, 0);
        let m = out.key(&f, "x");
        out.cancel(m);
        let m = out.escaped_key(&f, "z\"");
        out.raw("[1]");
        out.done(&mut f, m, UNKNOWN_ORDER);
        out.close(f, b'}');
        assert_eq!(
            String::from_utf8(out.bytes).unwrap(),
            r#"{"a":-10,"b":2,"z\"":[1]}"#
        );
    }

    #[test]
    fn escapes_like_json_stringify() {
        let mut out = Output::default();
        out.string("a\"b\\c\n\u{1}\u{7f}é");
        assert_eq!(
            String::from_utf8(out.bytes).unwrap(),
            "\"a\\\"b\\\\c\\n\\u0001\u{7f}é\""
        );
        let mut out = Output::default();
        out.integer(0);
        out.raw(",");
        out.integer(i128::from(u64::MAX));
        out.raw(",");
        out.float(0.25);
        assert_eq!(
            String::from_utf8(out.bytes).unwrap(),
            "0,18446744073709551615,0.25"
        );
    }
}
