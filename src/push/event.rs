//! The decrypted authorisation event: typed fields for the documented InfoTypes, every other
//! element kept by name.

use super::envelope::take_unique;
use super::error::PushError;
use super::xml::{read_leaves, Leaf};
use crate::secret::Secret;
use std::fmt;

const WHAT: &str = "the decrypted message";

/// One authorisation event. Dispatch on [`PushEvent::info_type`] (there is no MsgType).
/// `Debug` prints `***` for the ticket and codes and only the names of [`PushEvent::fields`].
#[derive(Clone, PartialEq, Eq)]
pub struct PushEvent {
    /// `InfoType`: `component_verify_ticket`, `authorized`, `updateauthorized`,
    /// `unauthorized`, `notify_third_fasteregister`, or any other WeChat adds.
    pub info_type: String,
    /// `AppId`: the component appid the event is for.
    pub app_id: String,
    /// `CreateTime`: when WeChat created the event, in Unix seconds.
    pub create_time: u64,
    /// `ComponentVerifyTicket` (`ticket@@@…`), on `component_verify_ticket`: valid for
    /// 12 hours, often re-pushed unchanged; store it as "latest wins" per component appid.
    pub component_verify_ticket: Option<Secret>,
    /// `AuthorizerAppid`, on `authorized`, `updateauthorized` and `unauthorized`.
    pub authorizer_appid: Option<String>,
    /// `AuthorizationCode`, on `authorized` and `updateauthorized`: exchange it with
    /// api_query_auth after replying `success`.
    pub authorization_code: Option<Secret>,
    /// `AuthorizationCodeExpiredTime`: the code's expiry, in Unix seconds.
    pub authorization_code_expired_time: Option<u64>,
    /// `PreAuthCode`: the pre-authorisation code the authoriser used.
    pub pre_auth_code: Option<Secret>,
    /// Every other element below `<xml>`, by name, its text as received. Nested elements are
    /// named by their path (`info.name` for `<info><name>…</name></info>`); a repeated
    /// element's second and later occurrences are `name#2`, `name#3`, …
    pub fields: Fields,
}

impl fmt::Debug for PushEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Field values of unknown InfoTypes can be codes too (fasteregister's `auth_code`), so
        // only their names are printed.
        f.debug_struct("PushEvent")
            .field("info_type", &self.info_type)
            .field("app_id", &self.app_id)
            .field("create_time", &self.create_time)
            .field("component_verify_ticket", &self.component_verify_ticket)
            .field("authorizer_appid", &self.authorizer_appid)
            .field("authorization_code", &self.authorization_code)
            .field(
                "authorization_code_expired_time",
                &self.authorization_code_expired_time,
            )
            .field("pre_auth_code", &self.pre_auth_code)
            .field("fields", &self.fields.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// Parses a decrypted message. Errors are [`super::PushReason::Format`]: XML refused by the
/// bounded reader; `InfoType`, `AppId` or `CreateTime` missing, empty or repeated; a number
/// field that is not decimal; or a documented InfoType without its key field
/// (`component_verify_ticket` without `ComponentVerifyTicket`, `authorized` /
/// `updateauthorized` without `AuthorizerAppid` and `AuthorizationCode`, `unauthorized`
/// without `AuthorizerAppid`). Other InfoTypes pass through with their fields.
pub fn parse_event(xml: &str) -> Result<PushEvent, PushError> {
    let mut leaves = read_leaves(xml, WHAT)?;
    let Some(info_type) = take_text(&mut leaves, "InfoType")? else {
        let hint = if leaves.iter().any(|l| l.path == "MsgType") {
            "it has MsgType, so it is a message or event relayed for an authoriser, which \
             belongs to the message-and-event URL, not the authorisation event URL"
        } else {
            "authorisation events always carry one"
        };
        return Err(PushError::format(format!(
            "{WHAT} has no <InfoType>: {hint}"
        )));
    };
    let app_id = required(take_text(&mut leaves, "AppId")?, "AppId", &info_type)?;
    let create_time = required(
        take_number(&mut leaves, "CreateTime")?,
        "CreateTime",
        &info_type,
    )?;
    let event = PushEvent {
        component_verify_ticket: take_text(&mut leaves, "ComponentVerifyTicket")?.map(Secret::new),
        authorizer_appid: take_text(&mut leaves, "AuthorizerAppid")?,
        authorization_code: take_text(&mut leaves, "AuthorizationCode")?.map(Secret::new),
        authorization_code_expired_time: take_number(&mut leaves, "AuthorizationCodeExpiredTime")?,
        pre_auth_code: take_text(&mut leaves, "PreAuthCode")?.map(Secret::new),
        fields: into_fields(leaves),
        info_type,
        app_id,
        create_time,
    };
    check_key_fields(&event)?;
    Ok(event)
}

/// The documented InfoTypes are useless without their key fields: refusing them here makes
/// a malformed push an error at the receiver, not a confusing failure hours later.
fn check_key_fields(event: &PushEvent) -> Result<(), PushError> {
    let needs: &[(&str, bool)] = match event.info_type.as_str() {
        "component_verify_ticket" => &[(
            "ComponentVerifyTicket",
            event.component_verify_ticket.is_some(),
        )],
        "authorized" | "updateauthorized" => &[
            ("AuthorizerAppid", event.authorizer_appid.is_some()),
            ("AuthorizationCode", event.authorization_code.is_some()),
        ],
        "unauthorized" => &[("AuthorizerAppid", event.authorizer_appid.is_some())],
        _ => &[],
    };
    for &(name, present) in needs {
        required(present.then_some(()), name, &event.info_type)?;
    }
    Ok(())
}

fn required<T>(value: Option<T>, name: &str, info_type: &str) -> Result<T, PushError> {
    value.ok_or_else(|| {
        PushError::format(format!(
            "{WHAT} (InfoType {info_type}) has no or an empty <{name}>"
        ))
    })
}

/// A unique top-level element's text; an empty element counts as absent.
fn take_text(leaves: &mut Vec<Leaf>, name: &str) -> Result<Option<String>, PushError> {
    Ok(take_unique(leaves, name, WHAT)?.filter(|t| !t.is_empty()))
}

/// A unique top-level element holding decimal digits (surrounding whitespace allowed).
fn take_number(leaves: &mut Vec<Leaf>, name: &str) -> Result<Option<u64>, PushError> {
    let Some(text) = take_text(leaves, name)? else {
        return Ok(None);
    };
    let digits = text.trim_matches(|c: char| c.is_ascii_whitespace());
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PushError::format(format!(
            "{WHAT}'s <{name}> is not a decimal number of seconds"
        )));
    }
    digits
        .parse()
        .map(Some)
        .map_err(|_| PushError::format(format!("{WHAT}'s <{name}> is too large for seconds")))
}

/// The remaining leaves by path; repeats become `path#2`, `path#3`, … (`#` cannot occur in
/// an XML name, so these never collide with a real element).
fn into_fields(leaves: Vec<Leaf>) -> Fields {
    let mut fields: Vec<(String, String)> = Vec::new();
    for Leaf { path, text } in leaves {
        let count = fields
            .iter()
            .filter(|(key, _)| key.split('#').next() == Some(path.as_str()))
            .count();
        let key = if count == 0 {
            path
        } else {
            format!("{path}#{}", count + 1)
        };
        fields.push((key, text));
    }
    Fields(fields)
}

/// The other elements of an event, in document order. (A list, not a map: events have a
/// handful of elements, and a tree map would add its code to the wasm.)
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fields(Vec<(String, String)>);

impl Fields {
    pub fn get(&self, key: &str) -> Option<&String> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
}
