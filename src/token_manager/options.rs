//! The manager's options: the platform's credentials, the verify ticket, and the numbers
//! (margin, timeout, retries), each checked without ever quoting a secret.

use crate::issue::Issue;
use crate::retry::{DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, MAX_RETRIES_LIMIT};
use crate::secret::Secret;
use std::fmt;

/// Default of `refreshMarginSeconds`: refresh this long before the token expires.
pub const DEFAULT_REFRESH_MARGIN_SECONDS: f64 = 600.0;
/// Largest accepted `refreshMarginSeconds`: half of the 7200 s a token lives. More would
/// refresh a token for most of its life.
pub const MAX_REFRESH_MARGIN_SECONDS: f64 = 3600.0;

/// Longest accepted `componentAppId`, `componentAppSecret` and verify ticket, in bytes: real
/// values are a few dozen (the ticket about a hundred) characters.
const MAX_APP_ID_LEN: usize = 128;
const MAX_SECRET_LEN: usize = 256;
const MAX_TICKET_LEN: usize = 1024;

/// Checks an identifier-like option (app id, secret, ticket): non-empty, at most `max`
/// bytes, printable ASCII without whitespace. No message repeats the value.
fn check_plain(value: &str, path: &str, what: &str, max: usize) -> Result<(), Issue> {
    if value.is_empty() {
        return Err(Issue::error(path, "empty", format!("{what} is empty")));
    }
    if value.len() > max {
        return Err(Issue::error(
            path,
            "too_large",
            format!(
                "{what} is {} bytes long, more than the {max} accepted: pass only the value",
                value.len()
            ),
        ));
    }
    if let Some(position) = value.chars().position(char::is_whitespace) {
        return Err(Issue::error(
            path,
            "whitespace",
            format!(
                "{what} contains whitespace (first at character {}): remove spaces and line \
                 breaks, e.g. a trailing newline read from a file or an environment variable",
                position + 1
            ),
        ));
    }
    if let Some(position) = value.chars().position(|c| !c.is_ascii() || c.is_control()) {
        return Err(Issue::error(
            path,
            "pattern",
            format!(
                "{what} contains a character that is not printable ASCII (first at character \
                 {}): check that the right value was passed",
                position + 1
            ),
        ));
    }
    Ok(())
}

/// The third-party platform's app id and secret. `Debug` masks the secret.
#[derive(Clone)]
pub struct Credentials {
    app_id: String,
    app_secret: Secret,
}

/// Checks `componentAppId` (path `componentAppId`).
pub fn check_app_id(app_id: &str) -> Result<(), Issue> {
    check_plain(app_id, "componentAppId", "componentAppId", MAX_APP_ID_LEN)
}

/// Checks `componentAppSecret` (path `componentAppSecret`) without ever quoting it.
pub fn check_app_secret(app_secret: &str) -> Result<(), Issue> {
    check_plain(
        app_secret,
        "componentAppSecret",
        "componentAppSecret",
        MAX_SECRET_LEN,
    )
}

impl Credentials {
    /// Checks both values ([`check_app_id`], [`check_app_secret`]).
    pub fn parse(app_id: &str, app_secret: &str) -> Result<Credentials, Vec<Issue>> {
        let issues: Vec<Issue> = [check_app_id(app_id), check_app_secret(app_secret)]
            .into_iter()
            .filter_map(Result::err)
            .collect();
        if issues.is_empty() {
            Ok(Credentials {
                app_id: app_id.to_owned(),
                app_secret: Secret::new(app_secret),
            })
        } else {
            Err(issues)
        }
    }

    pub fn app_id(&self) -> &str {
        &self.app_id
    }

    /// The secret, for the request body and for redaction lists only.
    pub fn app_secret(&self) -> &Secret {
        &self.app_secret
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("app_id", &self.app_id)
            .field("app_secret", &self.app_secret)
            .finish()
    }
}

/// Checks what `getVerifyTicket` returned (path `getVerifyTicket`) and wraps it.
pub fn check_ticket(ticket: &str) -> Result<Secret, Issue> {
    check_plain(
        ticket,
        "getVerifyTicket",
        "the component_verify_ticket returned by getVerifyTicket",
        MAX_TICKET_LEN,
    )
    .map(|()| Secret::new(ticket))
}

/// `refreshMarginSeconds`, in milliseconds; `None` gives the default.
pub fn check_margin_seconds(seconds: Option<f64>) -> Result<f64, Issue> {
    match seconds {
        None => Ok(DEFAULT_REFRESH_MARGIN_SECONDS * 1000.0),
        Some(s) if s.is_finite() && (0.0..=MAX_REFRESH_MARGIN_SECONDS).contains(&s) => {
            Ok(s * 1000.0)
        }
        Some(_) => Err(Issue::error(
            "refreshMarginSeconds",
            "range",
            format!(
                "refreshMarginSeconds must be a number of seconds from 0 to \
                 {MAX_REFRESH_MARGIN_SECONDS} (default {DEFAULT_REFRESH_MARGIN_SECONDS})"
            ),
        )),
    }
}

/// Longest accepted `timeoutMs`: longer is surely a unit mistake.
pub const MAX_TIMEOUT_MS: f64 = 10.0 * 60.0 * 1000.0;

/// `timeoutMs` (per attempt, and per call of `getVerifyTicket`, `store.get`, `store.set`);
/// `None` gives the default.
pub fn check_timeout_ms(ms: Option<f64>) -> Result<f64, Issue> {
    match ms {
        None => Ok(DEFAULT_TIMEOUT_MS),
        Some(ms) if ms.is_finite() && ms > 0.0 && ms <= MAX_TIMEOUT_MS => Ok(ms),
        Some(_) => Err(Issue::error(
            "timeoutMs",
            "range",
            format!(
                "timeoutMs must be a number of milliseconds above 0 and at most \
                 {MAX_TIMEOUT_MS} (default {DEFAULT_TIMEOUT_MS})"
            ),
        )),
    }
}

/// `maxRetries` of the token request; `None` gives the default.
pub fn check_max_retries(n: Option<f64>) -> Result<u32, Issue> {
    match n {
        None => Ok(DEFAULT_MAX_RETRIES),
        Some(n) if n.fract() == 0.0 && (0.0..=f64::from(MAX_RETRIES_LIMIT)).contains(&n) => {
            Ok(n as u32)
        }
        Some(_) => Err(Issue::error(
            "maxRetries",
            "range",
            format!(
                "maxRetries must be an integer from 0 to {MAX_RETRIES_LIMIT} (default \
                 {DEFAULT_MAX_RETRIES})"
            ),
        )),
    }
}
