//! The options of clients, calls, builds and validation, read with the one options reader.
//! Each bad option is an issue with the option's name as its path; all of them are reported
//! at once as one `ConfigError`.

use super::options::Reader;
use super::token::{parse_token, TokenSource};
use crate::base_url::BaseUrl;
use crate::engine::Rules;
use crate::issue::{Issue, IssueCode};
use crate::options::{DEADLINE_MS, MAX_RETRIES, TIMEOUT_MS};
use crate::secret::AccessToken;
use wasm_bindgen::prelude::*;

pub const RULE_KEYS: &[&str] = &["strict", "allowUnknownKeys"];
pub const BUILD_KEYS: &[&str] = &[
    "accessToken",
    "baseUrl",
    "allowHttpHosts",
    "strict",
    "allowUnknownKeys",
];
pub const CLIENT_KEYS: &[&str] = &[
    "accessToken",
    "baseUrl",
    "allowHttpHosts",
    "timeoutMs",
    "deadlineMs",
    "maxRetries",
    "strict",
    "allowUnknownKeys",
    "signal",
    "onRequest",
    "onResponse",
];
pub const OVERRIDE_KEYS: &[&str] = &[
    "signal",
    "timeoutMs",
    "deadlineMs",
    "maxRetries",
    "strict",
    "allowUnknownKeys",
    "onRequest",
    "onResponse",
];

/// Everything a call needs besides its input.
#[derive(Clone)]
pub struct Settings {
    pub token: TokenSource,
    pub base: BaseUrl,
    pub timeout_ms: f64,
    pub deadline_ms: f64,
    pub max_retries: u32,
    pub rules: Rules,
    pub signal: Option<web_sys::AbortSignal>,
    pub on_request: Option<js_sys::Function>,
    pub on_response: Option<js_sys::Function>,
}

fn rules_of(r: &mut Reader<'_>, base: Rules) -> Rules {
    Rules {
        strict: r.bool("strict").unwrap_or(base.strict),
        allow_unknown_keys: r
            .bool("allowUnknownKeys")
            .unwrap_or(base.allow_unknown_keys),
    }
}

/// The options of `new CloudbaseClient` and of `createService`.
pub fn client(opts: &JsValue, what: &str) -> Result<Settings, Vec<Issue>> {
    let mut r = Reader::open(opts, what, CLIENT_KEYS, true);
    let token = match r.value("accessToken") {
        Some(v) => TokenSource::from_js(&v).map_err(|i| r.extend(i)).ok(),
        None => {
            let missing = TokenSource::from_js(&JsValue::UNDEFINED)
                .err()
                .unwrap_or_default();
            if r.issues().is_empty() {
                r.extend(missing);
            }
            None
        }
    };
    let hosts = r.hosts("allowHttpHosts");
    let settings = Settings {
        token: token.unwrap_or_else(|| TokenSource::Fixed(AccessToken::new(""))),
        base: r.base_url(&hosts),
        timeout_ms: r.number(&TIMEOUT_MS).unwrap_or(TIMEOUT_MS.default),
        deadline_ms: r.number(&DEADLINE_MS).unwrap_or(DEADLINE_MS.default),
        max_retries: r.number(&MAX_RETRIES).unwrap_or(MAX_RETRIES.default) as u32,
        rules: rules_of(&mut r, Rules::default()),
        signal: r.signal("signal"),
        on_request: r.function("onRequest"),
        on_response: r.function("onResponse"),
    };
    r.finish().map(|()| settings)
}

/// A client's settings with one call's overrides.
pub fn overlay(base: &Settings, opts: &JsValue) -> Result<Settings, Vec<Issue>> {
    let mut r = Reader::open(opts, "the call overrides", OVERRIDE_KEYS, false);
    let mut s = base.clone();
    if let Some(ms) = r.number(&TIMEOUT_MS) {
        s.timeout_ms = ms;
    }
    if let Some(ms) = r.number(&DEADLINE_MS) {
        s.deadline_ms = ms;
    }
    if let Some(n) = r.number(&MAX_RETRIES) {
        s.max_retries = n as u32;
    }
    s.rules = rules_of(&mut r, base.rules);
    if let Some(signal) = r.signal("signal") {
        s.signal = Some(signal);
    }
    if let Some(f) = r.function("onRequest") {
        s.on_request = Some(f);
    }
    if let Some(f) = r.function("onResponse") {
        s.on_response = Some(f);
    }
    r.finish().map(|()| s)
}

/// The options of building a request: `{ accessToken: string, baseUrl?, strict?, … }`.
pub struct BuildSettings {
    pub token: AccessToken,
    pub base: BaseUrl,
    pub rules: Rules,
}

pub fn build(opts: &JsValue) -> Result<BuildSettings, Vec<Issue>> {
    let mut r = Reader::open(opts, "the build options", BUILD_KEYS, true);
    let token = match r.value("accessToken").map(|v| parse_token(&v)) {
        Some(Some(Ok(token))) => Some(token),
        Some(Some(Err(issues))) => {
            r.extend(issues);
            None
        }
        Some(None) => {
            r.issue(Issue::error(
                "accessToken",
                IssueCode::Type,
                "accessToken must be the component_access_token string when building a \
                 request (functions and providers are for sending calls)",
            ));
            None
        }
        None => {
            if r.issues().is_empty() {
                r.issue(Issue::error(
                    "accessToken",
                    IssueCode::Required,
                    "accessToken is required: pass the component_access_token string",
                ));
            }
            None
        }
    };
    let hosts = r.hosts("allowHttpHosts");
    let base = r.base_url(&hosts);
    let rules = rules_of(&mut r, Rules::default());
    match (token, r.finish()) {
        (Some(token), Ok(())) => Ok(BuildSettings { token, base, rules }),
        (_, Err(issues)) => Err(issues),
        (None, Ok(())) => Err(Vec::new()),
    }
}

/// The rule options of validation, which never throws: bad options become issues.
pub fn rules(opts: &JsValue) -> (Rules, Vec<Issue>) {
    let mut r = Reader::open(opts, "the validation options", RULE_KEYS, false);
    let rules = rules_of(&mut r, Rules::default());
    (rules, r.finish().err().unwrap_or_default())
}
