//! The one error type of the library. Each case has a stable `code` that JS callers branch
//! on; no message or field holds the access token or the ES password.

use crate::errcode::RetryClass;
use crate::issue::Issue;
use std::fmt;

/// What went wrong in the transport, as the stable codes of the JS `TransportError`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransportKind {
    Timeout,
    Network,
    HttpStatus,
    BadResponse,
    Aborted,
}

impl TransportKind {
    pub fn code(self) -> &'static str {
        match self {
            TransportKind::Timeout => "TIMEOUT",
            TransportKind::Network => "NETWORK",
            TransportKind::HttpStatus => "HTTP_STATUS",
            TransportKind::BadResponse => "BAD_RESPONSE",
            TransportKind::Aborted => "ABORTED",
        }
    }
}

/// A non-zero errcode from WeChat, with what the catalog knows of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WxApiError {
    pub errcode: i64,
    /// WeChat's message, redacted (a token echoed back is replaced by `***`) and capped.
    pub errmsg: String,
    /// Stable name such as `access_token_expired`; `None` for codes the catalog lacks.
    pub errname: Option<&'static str>,
    /// What the caller should do.
    pub hint: &'static str,
    pub class: RetryClass,
}

impl WxApiError {
    /// The error for `errcode` with what the catalog knows of it; a code the catalog lacks
    /// keeps its errcode and errmsg, with `unknown_hint` and class `Unknown`. `errmsg` must
    /// already be redacted.
    pub fn from_catalog(errcode: i64, errmsg: String, unknown_hint: &'static str) -> Self {
        match crate::errcode::lookup(errcode) {
            Some(info) => WxApiError {
                errcode,
                errmsg,
                errname: Some(info.name),
                hint: info.hint,
                class: info.class,
            },
            None => WxApiError {
                errcode,
                errmsg,
                errname: None,
                hint: unknown_hint,
                class: RetryClass::Unknown,
            },
        }
    }

    /// True when calling again unchanged can succeed (busy, per-minute quota).
    pub fn retryable(&self) -> bool {
        crate::errcode::is_retryable(self.errcode)
    }
}

/// A transport failure: no usable answer came back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransportError {
    pub kind: TransportKind,
    pub message: String,
    /// HTTP status, where a response arrived.
    pub status: Option<u16>,
    /// True when the request may have reached WeChat, so a service may have been created:
    /// check before calling again.
    pub outcome_unknown: bool,
    pub attempts: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The input broke a rule; nothing was sent. Code `VALIDATION`.
    Validation { issues: Vec<Issue> },
    /// WeChat answered with a non-zero errcode. Code `WX_API`.
    WxApi(WxApiError),
    /// No usable answer. Codes `TIMEOUT`, `NETWORK`, `HTTP_STATUS`, `BAD_RESPONSE`, `ABORTED`.
    Transport(TransportError),
    /// Bad options (no token, bad base URL); nothing was sent. Code `CONFIG`.
    Config { issues: Vec<Issue> },
}

impl Error {
    /// The stable code of DESIGN.md.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Validation { .. } => "VALIDATION",
            Error::WxApi(_) => "WX_API",
            Error::Transport(t) => t.kind.code(),
            Error::Config { .. } => "CONFIG",
        }
    }

    /// The JS `Error.name` of this case.
    pub fn name(&self) -> &'static str {
        match self {
            Error::Validation { .. } => "ValidationError",
            Error::WxApi(_) => "WxApiError",
            Error::Transport(_) => "TransportError",
            Error::Config { .. } => "ConfigError",
        }
    }

    pub(crate) fn transport(kind: TransportKind, message: impl Into<String>) -> Self {
        Error::Transport(TransportError {
            kind,
            message: message.into(),
            status: None,
            outcome_unknown: false,
            attempts: 1,
        })
    }
}

fn summarise(f: &mut fmt::Formatter<'_>, what: &str, issues: &[Issue]) -> fmt::Result {
    match issues {
        [] => write!(f, "{what}"),
        [one] => write!(f, "{what}: {one}"),
        [first, rest @ ..] => write!(f, "{what}: {first} (and {} more)", rest.len()),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Validation { issues } => {
                summarise(f, "invalid request, nothing was sent", issues)
            }
            Error::Config { issues } => summarise(f, "invalid options, nothing was sent", issues),
            Error::WxApi(e) => match e.errname {
                Some(name) => write!(
                    f,
                    "WeChat errcode {} ({name}): {}. {}",
                    e.errcode, e.errmsg, e.hint
                ),
                None => write!(f, "WeChat errcode {}: {}. {}", e.errcode, e.errmsg, e.hint),
            },
            Error::Transport(t) => f.write_str(&t.message),
        }
    }
}

impl std::error::Error for Error {}
