//! The one error type of the library. Each case has a stable `code` that JS callers branch
//! on; no message or field holds the access token, a password, the app secret or the
//! verify ticket. Each kind is built one way: the constructors below.

use crate::errcode::RetryClass;
use crate::issue::{Issue, IssueCode};
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

/// A non-zero errcode from WeChat (or a `result` that says the call failed), with what
/// the catalog knows of it.
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
    /// WeChat's request id (`rid: …` at the end of errmsg), the thing to quote to support.
    pub request_id: Option<String>,
    /// The answer's `result`, when it is what failed (a release answers `"failed"`).
    pub result: Option<String>,
    /// The whole answer as JSON text (redacted), when its other keys matter (the release
    /// order of a failed release).
    pub answer: Option<String>,
}

impl WxApiError {
    /// The error for `errcode` with what the catalog knows of it; a code the catalog lacks
    /// keeps its errcode and errmsg, with `unknown_hint` and class `Unknown`. `errmsg` must
    /// already be redacted.
    pub fn from_catalog(errcode: i64, errmsg: String, unknown_hint: &'static str) -> Self {
        let request_id = crate::response::request_id(&errmsg);
        let (errname, hint, class) = match crate::errcode::lookup(errcode) {
            Some(info) => (Some(info.name), info.hint, info.class),
            None => (None, unknown_hint, RetryClass::Unknown),
        };
        WxApiError {
            errcode,
            errmsg,
            errname,
            hint,
            class,
            request_id,
            result: None,
            answer: None,
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
    /// True when the request may have reached WeChat and the call changes something, so it
    /// may have taken effect: check before calling again.
    pub outcome_unknown: bool,
}

impl TransportError {
    /// A failure with no answer.
    pub fn new(kind: TransportKind, message: impl Into<String>, outcome_unknown: bool) -> Self {
        TransportError {
            kind,
            message: message.into(),
            status: None,
            outcome_unknown,
        }
    }

    /// A failure of an answer that arrived with `status`.
    pub fn answered(
        kind: TransportKind,
        message: impl Into<String>,
        status: u16,
        outcome_unknown: bool,
    ) -> Self {
        TransportError {
            status: Some(status),
            ..Self::new(kind, message, outcome_unknown)
        }
    }
}

/// What a configuration error can say about the call it ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sent {
    /// Nothing was sent.
    Nothing,
    /// Requests were sent before the option failed (e.g. a token function that threw when
    /// asked for a new token after WeChat rejected the first).
    Requests(u32),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The input broke a rule; nothing was sent. Code `VALIDATION`. `warnings` are the
    /// conventions the same input broke, so one report shows every problem.
    Validation {
        issues: Vec<Issue>,
        warnings: Vec<Issue>,
    },
    /// WeChat answered with a non-zero errcode. Code `WX_API`. Boxed: it is the largest case.
    WxApi(Box<WxApiError>),
    /// No usable answer. Codes `TIMEOUT`, `NETWORK`, `HTTP_STATUS`, `BAD_RESPONSE`, `ABORTED`.
    Transport(TransportError),
    /// Bad options (no token, bad base URL, a token source that failed). Code `CONFIG`.
    Config { issues: Vec<Issue>, sent: Sent },
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

    /// A configuration error before anything was sent.
    pub fn config(issues: Vec<Issue>) -> Self {
        Error::Config {
            issues,
            sent: Sent::Nothing,
        }
    }

    /// A configuration error with one issue, before anything was sent.
    pub fn config_one(path: &str, code: IssueCode, message: impl Into<String>) -> Self {
        Self::config(vec![Issue::error(path, code, message)])
    }

    pub fn wx_api(error: WxApiError) -> Self {
        Error::WxApi(Box::new(error))
    }

    pub fn transport(
        kind: TransportKind,
        message: impl Into<String>,
        outcome_unknown: bool,
    ) -> Self {
        Error::Transport(TransportError::new(kind, message, outcome_unknown))
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
            Error::Validation { issues, .. } => {
                summarise(f, "invalid request, nothing was sent", issues)
            }
            Error::Config {
                issues,
                sent: Sent::Nothing,
            } => summarise(f, "invalid options, nothing was sent", issues),
            Error::Config {
                issues,
                sent: Sent::Requests(n),
            } => {
                let what = format!(
                    "after {n} request{} sent",
                    if *n == 1 { " was" } else { "s were" }
                );
                summarise(f, &what, issues)
            }
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
