//! Authorisation-event pushes (`api/push.md`): the `component_verify_ticket` and the
//! authorisation changes WeChat posts to the platform's authorisation event URL.
//!
//! Pure functions, tested natively: time and randomness are passed in. [`open`] is the whole
//! receiver in one call (query and body in, typed event out); the pieces are public for the
//! JS helpers (`decryptPush`, `encryptPush`, `pushSignature`), tests and the emulator.
//! Self-contained: from the rest of the crate it uses only [`crate::secret::Secret`].

mod crypto;
mod envelope;
mod error;
mod event;
mod key;
mod query;
mod signature;
mod xml;

pub use crypto::{decrypt, encrypt};
pub use envelope::{parse_envelope, Envelope};
pub use error::{PushError, PushReason};
pub use event::{parse_event, PushEvent};
pub use key::{AesKey, PushKeys, ENCODING_AES_KEY_LEN};
pub use query::{PushQuery, MAX_QUERY_LEN};
pub use signature::{signature, verify_signature, SIGNATURE_LEN};
pub use xml::{MAX_DEPTH, MAX_XML_LEN};

/// Verifies, decrypts and parses one push, trusting nothing before it is authenticated: the
/// envelope is read (bounded), `msg_signature` checked (constant time), the envelope's `AppId`
/// compared when present, `Encrypt` decrypted with the current key and, if that fails, the
/// previous one, and the message parsed. Errors are [`PushError`]s of every
/// [`PushReason`] but `Config`. Reply `success` within 5 s whatever
/// this returns (WeChat retries and alarms otherwise); do slow work afterwards.
pub fn open(keys: &PushKeys, query: &PushQuery, body: &[u8]) -> Result<PushEvent, PushError> {
    let envelope = parse_envelope(body)?;
    if !signature::is_signature_shaped(&query.msg_signature) {
        return Err(PushError::signature(
            "msg_signature is not 40 lowercase hex digits: pass the query's msg_signature \
             unchanged (not `signature`)",
        ));
    }
    if !verify_signature(
        keys.token().expose(),
        &query.timestamp,
        &query.nonce,
        &envelope.encrypt,
        &query.msg_signature,
    ) {
        return Err(PushError::signature(
            "msg_signature does not match: check that the Token is the one configured on the \
             platform, and that the body reaches this function unchanged (raw bytes, not \
             form-decoded or re-serialised)",
        ));
    }
    if envelope
        .app_id
        .as_deref()
        .is_some_and(|a| a != keys.app_id())
    {
        return Err(PushError::app_id(format!(
            "the body's AppId is not the component appid `{}`: this URL received another \
             platform's push; check componentAppId",
            keys.app_id()
        )));
    }
    let message = match (
        decrypt(keys.key(), keys.app_id(), &envelope.encrypt),
        keys.previous(),
    ) {
        (Ok(message), _) => message,
        (Err(current), Some(previous)) => decrypt(previous, keys.app_id(), &envelope.encrypt)
            .map_err(|_| PushError {
                message: format!(
                    "{} (the previous EncodingAESKey failed too)",
                    current.message
                ),
                ..current
            })?,
        (Err(current), None) => return Err(current),
    };
    parse_event(&message)
}

/// Encrypts and signs a reply `message` into WeChat's reply envelope
/// `<xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>`. The authorisation event URL
/// only ever answers the bare text `success`; this is for the emulator, tests and the
/// message URL.
pub fn reply_envelope(
    keys: &PushKeys,
    message: &str,
    timestamp: &str,
    nonce: &str,
    random: &[u8; 16],
) -> Result<String, PushError> {
    let encrypt = encrypt(keys.key(), keys.app_id(), message, random)?;
    let msg_signature = signature(keys.token().expose(), timestamp, nonce, &encrypt);
    Ok(envelope::reply_xml(
        &encrypt,
        &msg_signature,
        timestamp,
        nonce,
    ))
}
