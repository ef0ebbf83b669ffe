//! The one error type of the push receiver.

use std::fmt;

/// Why a push was refused. The JS `PushError.reason` carries [`PushReason::as_str`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PushReason {
    /// `msg_signature` is missing, malformed or does not match: the request is not from
    /// WeChat, or the Token is not the one configured on the platform.
    Signature,
    /// The appid inside the ciphertext (or the envelope's `AppId`) is not the configured
    /// component appid.
    AppId,
    /// The ciphertext does not decrypt under the current or the previous EncodingAESKey.
    Decrypt,
    /// The query, the envelope or the decrypted message is not what WeChat sends.
    Format,
    /// The Token, EncodingAESKey or component appid passed to [`super::PushKeys::new`] is
    /// unusable.
    Config,
}

impl PushReason {
    /// The stable string code: `signature`, `appid`, `decrypt`, `format` or `config`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Signature => "signature",
            Self::AppId => "appid",
            Self::Decrypt => "decrypt",
            Self::Format => "format",
            Self::Config => "config",
        }
    }
}

impl fmt::Display for PushReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A refused push or an unusable configuration. `message` says what is wrong and how to fix
/// it; it never contains the Token, the EncodingAESKey, the ticket or codes, the `Encrypt`
/// text or any decrypted content (only lengths, positions and element names).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PushError {
    /// What kind of failure this is; branch on this, not on the message.
    pub reason: PushReason,
    /// What is wrong and how to fix it, for people.
    pub message: String,
}

impl PushError {
    pub(crate) fn new(reason: PushReason, message: impl Into<String>) -> Self {
        Self {
            reason,
            message: message.into(),
        }
    }

    pub(crate) fn signature(message: impl Into<String>) -> Self {
        Self::new(PushReason::Signature, message)
    }

    pub(crate) fn app_id(message: impl Into<String>) -> Self {
        Self::new(PushReason::AppId, message)
    }

    pub(crate) fn decrypt(message: impl Into<String>) -> Self {
        Self::new(PushReason::Decrypt, message)
    }

    pub(crate) fn format(message: impl Into<String>) -> Self {
        Self::new(PushReason::Format, message)
    }

    pub(crate) fn config(message: impl Into<String>) -> Self {
        Self::new(PushReason::Config, message)
    }
}

impl fmt::Display for PushError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.reason, self.message)
    }
}

impl std::error::Error for PushError {}
