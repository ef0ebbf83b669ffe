//! Newtypes for values that must never be printed by accident.

use crate::issue::{Issue, IssueCode};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Longest accepted `component_access_token`, in bytes. Real tokens are far shorter (a few
/// hundred characters); anything longer is a pasted file or a mistake.
pub const MAX_ACCESS_TOKEN_LEN: usize = 2048;

/// Issue path of the token in [`AccessToken::parse`] findings (the JS option name).
const TOKEN_PATH: &str = "accessToken";

/// A secret string (the ES password). `Debug` and `Display` print `***`; the wire value is
/// only reachable through [`Secret::expose`] or serialisation into a request body.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The plain value, for the request body and for nothing else.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

/// A `component_access_token`. It travels only in the URL query; `Debug` and `Display`
/// print `***`.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(Secret);

impl AccessToken {
    /// Wraps a token without checking it; [`AccessToken::parse`] is the checked way in.
    pub fn new(value: impl Into<String>) -> Self {
        Self(Secret::new(value))
    }

    /// Checks a `component_access_token` and wraps it. Findings have path `accessToken` and
    /// codes `empty`, `too_large`, `whitespace`, `control_char` (ASCII control characters)
    /// and `pattern` (non-ASCII characters); at most one finding per code. No message holds
    /// any part of the token: positions are given instead.
    pub fn parse(s: &str) -> Result<AccessToken, Vec<Issue>> {
        if s.is_empty() {
            return Err(vec![Issue::error(
                TOKEN_PATH,
                IssueCode::Empty,
                "the access token is empty: pass the component_access_token returned by \
                 POST /cgi-bin/component/api_component_token",
            )]);
        }
        let mut issues = Vec::new();
        if s.len() > MAX_ACCESS_TOKEN_LEN {
            issues.push(Issue::error(
                TOKEN_PATH,
                IssueCode::TooLarge,
                format!(
                    "the access token is {} bytes long, more than the {MAX_ACCESS_TOKEN_LEN} \
                     accepted: pass only the component_access_token value, not a whole file \
                     or response",
                    s.len()
                ),
            ));
        }
        let mut whitespace = None;
        let mut control = None;
        let mut non_ascii = None;
        for (index, c) in s.chars().enumerate() {
            let position = index + 1;
            if c.is_whitespace() {
                whitespace.get_or_insert(position);
            } else if c.is_control() {
                control.get_or_insert(position);
            } else if !c.is_ascii() {
                non_ascii.get_or_insert(position);
            }
        }
        if let Some(position) = whitespace {
            issues.push(Issue::error(
                TOKEN_PATH,
                IssueCode::Whitespace,
                format!(
                    "the access token contains whitespace (first at character {position}): \
                     remove spaces and line breaks, e.g. a trailing newline read from a file \
                     or an environment variable"
                ),
            ));
        }
        if let Some(position) = control {
            issues.push(Issue::error(
                TOKEN_PATH,
                IssueCode::ControlChar,
                format!(
                    "the access token contains a control character (first at character \
                     {position}): pass the token exactly as api_component_token returned it"
                ),
            ));
        }
        if let Some(position) = non_ascii {
            issues.push(Issue::error(
                TOKEN_PATH,
                IssueCode::Pattern,
                format!(
                    "the access token contains a non-ASCII character (first at character \
                     {position}): a component_access_token is printable ASCII only; check \
                     that the right value was passed"
                ),
            ));
        }
        if issues.is_empty() {
            Ok(Self::new(s))
        } else {
            Err(issues)
        }
    }

    pub fn expose(&self) -> &str {
        self.0.expose()
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(***)")
    }
}

impl fmt::Display for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}
