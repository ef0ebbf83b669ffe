//! The length of a run of bytes up to the first of a set, read eight bytes at a time: the
//! engine's quick reading and the answers' big-integer pass both skip string contents so,
//! and most of a body or an answer is string contents.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Non-zero when some byte of the word `x` (eight bytes, little-endian) is `b`.
pub fn has_byte(x: u64, b: u8) -> u64 {
    let y = x ^ (ONES * u64::from(b));
    y.wrapping_sub(ONES) & !y & HIGHS
}

/// Non-zero when some byte of the word `x` is below `n` (for `n` up to 0x80).
pub fn has_below(x: u64, n: u8) -> u64 {
    x.wrapping_sub(ONES * u64::from(n)) & !x & HIGHS
}

/// How many bytes of `bytes` come before the first one `stop` accepts. `maybe` says of a
/// word (eight bytes, little-endian) whether it may hold such a byte: non-zero for maybe
/// (a false alarm only costs speed), zero only when none of the eight is one.
pub fn run_len(bytes: &[u8], maybe: impl Fn(u64) -> u64, stop: impl Fn(u8) -> bool) -> usize {
    let mut at = 0;
    while let Some(word) = bytes
        .get(at..at + 8)
        .and_then(|c| <&[u8; 8]>::try_from(c).ok())
    {
        if maybe(u64::from_le_bytes(*word)) != 0 {
            break;
        }
        at += 8;
    }
    at + bytes.get(at..).map_or(0, |rest| {
        rest.iter().position(|&b| stop(b)).unwrap_or(rest.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every position of every stop byte, against a byte-at-a-time scan.
    #[test]
    fn agrees_with_a_plain_scan() {
        let stop = |b: u8| b == b'"' || b == b'\\' || b < 0x20 || b == 0x7f;
        let maybe =
            |x| has_below(x, 0x20) | has_byte(x, b'"') | has_byte(x, b'\\') | has_byte(x, 0x7f);
        for len in 0..40 {
            for at in 0..=len {
                for s in [b'"', b'\\', 0, 0x1f, 0x7f] {
                    let mut bytes = vec![b'a'; len];
                    bytes.extend_from_slice("é~ ".as_bytes());
                    if let Some(b) = bytes.get_mut(at) {
                        *b = s;
                    }
                    let want = bytes.iter().position(|&b| stop(b)).unwrap_or(bytes.len());
                    assert_eq!(run_len(&bytes, maybe, stop), want, "{len} {at} {s}");
                }
            }
        }
    }
}
