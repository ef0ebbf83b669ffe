//! The manager's credentials and the verify ticket, each checked without ever quoting a
//! secret.

use crate::issue::{Issue, IssueCode};
use crate::secret::Secret;
use std::fmt;

/// Longest accepted `componentAppId`, `componentAppSecret` and verify ticket, in bytes: real
/// values are a few dozen (the ticket about a hundred) characters. The wasm side refuses
/// longer strings before copying them.
pub const MAX_APP_ID_LEN: usize = 128;
pub const MAX_SECRET_LEN: usize = 256;
pub const MAX_TICKET_LEN: usize = 1024;

/// Checks an identifier-like option (app id, secret, ticket): non-empty, at most `max`
/// bytes, printable ASCII without whitespace. No message repeats the value.
fn check_plain(value: &str, path: &str, what: &str, max: usize) -> Result<(), Issue> {
    if value.is_empty() {
        return Err(Issue::error(
            path,
            IssueCode::Empty,
            format!("{what} is empty"),
        ));
    }
    if value.len() > max {
        return Err(Issue::error(
            path,
            IssueCode::TooLarge,
            format!(
                "{what} is {} bytes long, more than the {max} accepted: pass only the value",
                value.len()
            ),
        ));
    }
    if let Some(position) = value.chars().position(char::is_whitespace) {
        return Err(Issue::error(
            path,
            IssueCode::Whitespace,
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
            IssueCode::Pattern,
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
