//! The query string of a push: `timestamp`, `nonce`, `msg_signature`, `encrypt_type`.

use super::error::PushError;
use percent_encoding::percent_decode;

/// Longest accepted query string. WeChat's is about 200 bytes.
pub const MAX_QUERY_LEN: usize = 8 * 1024;

/// What the signature check needs from the query. The query's `signature` (over the Token,
/// timestamp and nonce only) is deliberately not kept: it does not cover the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushQuery {
    /// `timestamp`: decimal Unix seconds, as sent.
    pub timestamp: String,
    /// `nonce`: as sent.
    pub nonce: String,
    /// `msg_signature`: 40 lowercase hex digits, the signature over the body.
    pub msg_signature: String,
    /// `encrypt_type`: `aes` when present (third-party platforms have no other mode).
    pub encrypt_type: Option<String>,
}

impl PushQuery {
    /// Parses a raw query string (a leading `?` is allowed) the way `URLSearchParams` does:
    /// `&`-separated pairs, `+` is a space, percent-escapes decoded as UTF-8.
    pub fn parse(query: &str) -> Result<PushQuery, PushError> {
        if query.len() > MAX_QUERY_LEN {
            return Err(PushError::format(format!(
                "the query string is {} bytes, more than the {MAX_QUERY_LEN} accepted",
                query.len()
            )));
        }
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut pairs = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            pairs.push((decode(key)?, decode(value)?));
        }
        Self::from_pairs(pairs)
    }

    /// Builds the query from decoded key/value pairs (a `URLSearchParams` or a plain record).
    /// Keys other than the four are ignored; one of the four given twice is refused as
    /// ambiguous. Errors are [`super::PushReason::Format`], except a missing or malformed
    /// `msg_signature`, which is [`super::PushReason::Signature`].
    pub fn from_pairs<I, K, V>(pairs: I) -> Result<PushQuery, PushError>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<str>,
    {
        let mut timestamp = None;
        let mut nonce = None;
        let mut msg_signature = None;
        let mut encrypt_type = None;
        let mut has_plain_signature = false;
        for (key, value) in pairs {
            let slot = match key.as_ref() {
                "timestamp" => &mut timestamp,
                "nonce" => &mut nonce,
                "msg_signature" => &mut msg_signature,
                "encrypt_type" => &mut encrypt_type,
                "signature" => {
                    has_plain_signature = true;
                    continue;
                }
                _ => continue,
            };
            if slot.is_some() {
                return Err(PushError::format(format!(
                    "the query has `{}` more than once: refused as ambiguous",
                    key.as_ref()
                )));
            }
            *slot = Some(value.as_ref().to_owned());
        }
        let msg_signature = msg_signature.ok_or_else(|| {
            let hint = if has_plain_signature {
                "it has only `signature`, which covers the Token, timestamp and nonce but not \
                 the body, so it cannot authenticate a push; the platform's authorisation \
                 event URL always receives msg_signature: pass the full query string"
            } else {
                "pass the request's full query string"
            };
            PushError::signature(format!("the query has no `msg_signature`: {hint}"))
        })?;
        if encrypt_type.as_deref().is_some_and(|t| t != "aes") {
            return Err(PushError::format(
                "the query's encrypt_type is not `aes`: third-party platforms only receive \
                 encrypted pushes",
            ));
        }
        Ok(PushQuery {
            timestamp: present(timestamp, "timestamp")?,
            nonce: present(nonce, "nonce")?,
            msg_signature,
            encrypt_type,
        })
    }
}

fn present(value: Option<String>, name: &str) -> Result<String, PushError> {
    value.filter(|v| !v.is_empty()).ok_or_else(|| {
        PushError::format(format!(
            "the query has no or an empty `{name}`: pass the request's full query string"
        ))
    })
}

fn decode(part: &str) -> Result<String, PushError> {
    let spaced = part.replace('+', " ");
    percent_decode(spaced.as_bytes())
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| PushError::format("the query string has a percent-escape that is not UTF-8"))
}
