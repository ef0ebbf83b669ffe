//! `msg_signature`: SHA-1 over the Token, timestamp, nonce and Encrypt, sorted byte-wise.

use sha1::{Digest, Sha1};
use subtle::ConstantTimeEq;

/// Length of a signature in lowercase hex digits.
pub const SIGNATURE_LEN: usize = 40;

/// The `msg_signature` WeChat computes: the four values sorted byte-wise (ordinal: not
/// numeric, not by locale or case), concatenated, SHA-1, lowercase hex. `encrypt` is the
/// Encrypt element's text exactly as received. All four matter: the query's `signature`
/// (Token, timestamp, nonce only) does not cover the body and must not be used instead.
pub fn signature(token: &str, timestamp: &str, nonce: &str, encrypt: &str) -> String {
    let mut parts = [token, timestamp, nonce, encrypt];
    // `str`'s `Ord` compares the UTF-8 bytes, which is the ordinal sort WeChat uses. Four
    // items: an insertion sort, so slice::sort's code stays out of the wasm.
    for i in 1..parts.len() {
        let mut j = i;
        while j > 0 && parts.get(j - 1) > parts.get(j) {
            parts.swap(j - 1, j);
            j -= 1;
        }
    }
    let mut hasher = Sha1::new();
    for part in parts {
        hasher.update(part.as_bytes());
    }
    to_hex(&hasher.finalize())
}

/// Whether `msg_signature` is the signature of the four values, compared in constant time so
/// that the time taken tells nothing about how much of a forged signature was right. Only
/// the 40 lowercase hex digits WeChat sends are accepted (its own samples compare exactly).
pub fn verify_signature(
    token: &str,
    timestamp: &str,
    nonce: &str,
    encrypt: &str,
    msg_signature: &str,
) -> bool {
    let expected = signature(token, timestamp, nonce, encrypt);
    // Lengths are public (always 40 for a real one); `ct_eq` returns false when they differ.
    bool::from(expected.as_bytes().ct_eq(msg_signature.as_bytes()))
}

/// Whether `value` has the shape of a signature (40 lowercase hex digits): lets a caller say
/// "malformed" apart from "does not match".
pub(crate) fn is_signature_shaped(value: &str) -> bool {
    value.len() == SIGNATURE_LEN
        && value
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        for nibble in [b >> 4, b & 0x0f] {
            if let Some(&d) = DIGITS.get(usize::from(nibble)) {
                out.push(char::from(d));
            }
        }
    }
    out
}
