//! WeChat's message encryption: AES-256-CBC over `random(16) ‖ len(4, BE) ‖ message ‖ appid`,
//! padded with PKCS#7 for 32-byte blocks, then base64.

use super::error::PushError;
use super::key::AesKey;
use aes::cipher::array::Array;
use aes::cipher::{BlockModeDecrypt, BlockModeEncrypt, KeyIvInit};
use aes::Aes256;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// WeChat pads to multiples of 32 bytes although AES blocks are 16: pad bytes are 1..=32.
/// A 16-byte unpadder (OpenSSL's default, Node's auto-padding, WebCrypto) rejects every
/// message whose pad byte is above 16, about half of them, so padding is done here by hand
/// and the cipher runs without padding.
const PAD_BLOCK: usize = 32;

/// AES block size: the ciphertext must be a whole number of these.
const AES_BLOCK: usize = 16;

/// The random bytes that open every plaintext.
const RANDOM_LEN: usize = 16;

/// Bytes before the message: the random bytes and the 4-byte big-endian message length.
const HEADER_LEN: usize = RANDOM_LEN + 4;

/// Decrypts an `Encrypt` value and returns the message, byte-exact (newlines kept). The
/// trailing appid must equal `app_id` exactly ([`super::PushReason::AppId`] otherwise); a
/// ciphertext that is not canonical base64, not whole AES blocks, badly padded or shorter
/// than its length field is [`super::PushReason::Decrypt`], which is also what a wrong key
/// looks like; a message that is not UTF-8 is [`super::PushReason::Format`].
///
/// Verify the signature first, as [`super::open`] does: CBC is unauthenticated, and telling
/// a padding error from an appid error for ciphertexts an attacker chose would be a padding
/// oracle. A ciphertext that is not signed with the Token never gets here.
pub fn decrypt(key: &AesKey, app_id: &str, encrypt_b64: &str) -> Result<String, PushError> {
    // WeChat's Encrypt is canonical base64; the lenient decoder is for the key only.
    let mut buf = STANDARD.decode(encrypt_b64).map_err(|_| {
        PushError::decrypt(
            "Encrypt is not base64: pass the Encrypt element's text exactly as received \
             (no trimming, no URL- or form-decoding of the body)",
        )
    })?;
    let total = buf.len();
    let (blocks, rest) = Array::slice_as_chunks_mut(&mut buf);
    if blocks.is_empty() || !rest.is_empty() {
        return Err(PushError::decrypt(format!(
            "Encrypt decodes to {total} bytes, not a non-zero multiple of {AES_BLOCK}: it is \
             truncated or not a WeChat ciphertext"
        )));
    }
    cbc::Decryptor::<Aes256>::new(key.bytes().into(), &key.iv().into()).decrypt_blocks(blocks);
    let plain = unpad(&buf)?;
    let (header, body) = plain.split_at_checked(HEADER_LEN).ok_or_else(|| {
        PushError::decrypt(format!(
            "the decrypted data is {} bytes, shorter than its {HEADER_LEN}-byte header: \
             check the EncodingAESKey",
            plain.len()
        ))
    })?;
    let (message, trailing_app_id) = split_message(header, body)?;
    if trailing_app_id != app_id.as_bytes() {
        return Err(PushError::app_id(format!(
            "the message is addressed to another appid ({} bytes) than the component appid \
             `{app_id}`: check componentAppId, and that this URL belongs to this platform",
            trailing_app_id.len()
        )));
    }
    String::from_utf8(message.to_vec())
        .map_err(|_| PushError::format("the decrypted message is not UTF-8"))
}

/// Encrypts `message` for `app_id` with the 16 `random` bytes (passed in: this module reads
/// no randomness) and returns the base64 `Encrypt` value. Fails only for a message longer
/// than the 4-byte length field can say (4 GiB).
pub fn encrypt(
    key: &AesKey,
    app_id: &str,
    message: &str,
    random: &[u8; 16],
) -> Result<String, PushError> {
    let len = u32::try_from(message.len()).map_err(|_| {
        PushError::format(format!(
            "the message is {} bytes, more than the 4-byte length field can carry",
            message.len()
        ))
    })?;
    let mut buf = Vec::with_capacity(HEADER_LEN + message.len() + app_id.len() + PAD_BLOCK);
    buf.extend_from_slice(random);
    buf.extend_from_slice(&len.to_be_bytes());
    buf.extend_from_slice(message.as_bytes());
    buf.extend_from_slice(app_id.as_bytes());
    pad(&mut buf);
    let (blocks, _) = Array::slice_as_chunks_mut(&mut buf);
    cbc::Encryptor::<Aes256>::new(key.bytes().into(), &key.iv().into()).encrypt_blocks(blocks);
    Ok(STANDARD.encode(&buf))
}

/// Appends PKCS#7 padding for 32-byte blocks: 1..=32 bytes, each equal to their count.
fn pad(buf: &mut Vec<u8>) {
    let count = PAD_BLOCK - buf.len() % PAD_BLOCK;
    // `count` is 1..=32, so the cast cannot truncate.
    buf.resize(buf.len() + count, count as u8);
}

/// Strips PKCS#7 padding for 32-byte blocks. The pad byte must be 1..=32 and every pad byte
/// must equal it: anything else is a wrong key or a damaged ciphertext, and checking all of
/// them makes a wrong key fail here rather than on a plausible-looking length.
fn unpad(plain: &[u8]) -> Result<&[u8], PushError> {
    let bad = || {
        PushError::decrypt(
            "the decrypted data has invalid padding: the EncodingAESKey is not the one \
             configured on the platform (if it was just changed, pass the old one as \
             previousEncodingAesKey), or Encrypt was altered",
        )
    };
    let count = usize::from(*plain.last().ok_or_else(bad)?);
    if !(1..=PAD_BLOCK).contains(&count) {
        return Err(bad());
    }
    let keep = plain.len().checked_sub(count).ok_or_else(bad)?;
    let (data, padding) = plain.split_at_checked(keep).ok_or_else(bad)?;
    if padding.iter().any(|&b| usize::from(b) != count) {
        return Err(bad());
    }
    Ok(data)
}

/// Splits `message ‖ appid` by the big-endian length in the last 4 header bytes, checking
/// that the length fits before slicing.
fn split_message<'a>(header: &[u8], body: &'a [u8]) -> Result<(&'a [u8], &'a [u8]), PushError> {
    let len_bytes = header
        .get(RANDOM_LEN..HEADER_LEN)
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .ok_or_else(|| PushError::decrypt("the decrypted header is incomplete"))?;
    let len = u32::from_be_bytes(len_bytes);
    usize::try_from(len)
        .ok()
        .and_then(|len| body.split_at_checked(len))
        .ok_or_else(|| {
            PushError::decrypt(format!(
                "the decrypted length field says {len} bytes but only {} follow: the \
                 EncodingAESKey is wrong or Encrypt was altered",
                body.len()
            ))
        })
}
