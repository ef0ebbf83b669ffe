//! The EncodingAESKey and the per-platform configuration it belongs to.

use super::error::PushError;
use crate::secret::Secret;
use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use std::fmt;

/// Length of an EncodingAESKey in characters.
pub const ENCODING_AES_KEY_LEN: usize = 43;

/// Decoder for the EncodingAESKey. WeChat's rule is "base64-decode(key + `=`)"; decoding the
/// 43 characters without padding is the same thing without the allocation. Trailing bits
/// must be allowed: 43 characters carry 258 bits for 256 bits of key, and most real keys
/// (the official sample `abc…ABCDEFG` among them) have the 2 spare bits set, which the
/// strict STANDARD engine rejects as `InvalidLastSymbol`.
const KEY_DECODER: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_decode_allow_trailing_bits(true)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone),
);

/// A decoded EncodingAESKey: the 32-byte AES-256 key, whose first 16 bytes are also the CBC
/// IV. `Debug` prints `***`; there is deliberately no `PartialEq` (it would not be constant
/// time, and nothing needs to compare keys).
#[derive(Clone)]
pub struct AesKey([u8; 32]);

impl AesKey {
    /// Decodes an EncodingAESKey: exactly 43 characters `[A-Za-z0-9]`, as shown on the
    /// platform's settings page. Errors are [`super::PushReason::Config`] and name a length
    /// or a position, never the key.
    pub fn parse(encoding_aes_key: &str) -> Result<AesKey, PushError> {
        Self::parse_named(encoding_aes_key, "EncodingAESKey")
    }

    /// [`AesKey::parse`] with the option's name in the messages (`previousEncodingAesKey`
    /// reads better than a generic name when that is the one at fault).
    fn parse_named(encoding_aes_key: &str, name: &str) -> Result<AesKey, PushError> {
        let chars = encoding_aes_key.chars().count();
        if chars != ENCODING_AES_KEY_LEN {
            return Err(PushError::config(format!(
                "the {name} is {chars} characters long, not {ENCODING_AES_KEY_LEN}: copy the \
                 whole key from the third-party platform's development settings, without \
                 quotes, spaces or a trailing `=`"
            )));
        }
        if let Some(position) = encoding_aes_key
            .chars()
            .position(|c| !c.is_ascii_alphanumeric())
        {
            return Err(PushError::config(format!(
                "the {name} has a character that is not a letter or digit at position {}: an \
                 EncodingAESKey is 43 characters [A-Za-z0-9]; copy it again from the platform's \
                 development settings",
                position + 1
            )));
        }
        let bytes = KEY_DECODER.decode(encoding_aes_key).map_err(|_| {
            PushError::config(format!(
                "the {name} does not decode as base64: copy it again from the platform's \
                 development settings"
            ))
        })?;
        let key = <[u8; 32]>::try_from(bytes.as_slice()).map_err(|_| {
            PushError::config(format!(
                "the {name} decodes to {} bytes, not 32: copy it again from the platform's \
                 development settings",
                bytes.len()
            ))
        })?;
        Ok(AesKey(key))
    }

    /// The 32 key bytes.
    pub(crate) fn bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The CBC IV: WeChat uses the first 16 bytes of the key.
    pub(crate) fn iv(&self) -> [u8; 16] {
        let mut iv = [0u8; 16];
        for (out, byte) in iv.iter_mut().zip(self.0.iter()) {
            *out = *byte;
        }
        iv
    }
}

impl fmt::Debug for AesKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AesKey(***)")
    }
}

/// Everything needed to open a platform's pushes: the Token (signs), the EncodingAESKey
/// (encrypts), optionally the previous EncodingAESKey (tried when the current one fails, as
/// WeChat advises during a key change), and the component appid (must close every message).
/// `Debug` prints the appid and `***` for the rest.
#[derive(Clone, Debug)]
pub struct PushKeys {
    token: Secret,
    key: AesKey,
    previous: Option<AesKey>,
    app_id: String,
}

impl PushKeys {
    /// Checks and decodes the platform's push settings. Errors are
    /// [`super::PushReason::Config`]; their messages name the option and a length or
    /// position, never a value of the Token or the keys.
    pub fn new(
        token: &str,
        encoding_aes_key: &str,
        previous_encoding_aes_key: Option<&str>,
        component_app_id: &str,
    ) -> Result<PushKeys, PushError> {
        check_setting("token", token)?;
        check_setting("componentAppId", component_app_id)?;
        let key = AesKey::parse_named(encoding_aes_key, "encodingAesKey")?;
        let previous = previous_encoding_aes_key
            .map(|k| AesKey::parse_named(k, "previousEncodingAesKey"))
            .transpose()?;
        Ok(PushKeys {
            token: Secret::new(token),
            key,
            previous,
            app_id: component_app_id.to_owned(),
        })
    }

    /// The Token that signs every push.
    pub fn token(&self) -> &Secret {
        &self.token
    }

    /// The current EncodingAESKey.
    pub fn key(&self) -> &AesKey {
        &self.key
    }

    /// The previous EncodingAESKey, when one was configured.
    pub fn previous(&self) -> Option<&AesKey> {
        self.previous.as_ref()
    }

    /// The component appid every message must end with.
    pub fn app_id(&self) -> &str {
        &self.app_id
    }
}

/// The Token and the appid are plain ASCII words on the platform's page: an empty value or
/// whitespace (a newline read from a file or an environment variable) is a setup mistake
/// that would otherwise show up as every push failing its signature or appid check.
fn check_setting(name: &str, value: &str) -> Result<(), PushError> {
    if value.is_empty() {
        return Err(PushError::config(format!(
            "the {name} is empty: copy it from the third-party platform's development settings"
        )));
    }
    if let Some(position) = value
        .chars()
        .position(|c| c.is_whitespace() || c.is_control())
    {
        return Err(PushError::config(format!(
            "the {name} contains whitespace or a control character at position {}: remove \
             spaces and line breaks (e.g. a trailing newline read from a file)",
            position + 1
        )));
    }
    Ok(())
}
