//! Reading `CallOptions` / `ClientOptions` from JS. Each bad option is an issue with the
//! option's name as its path; all of them are reported at once as one `ConfigError`.

use super::js;
use super::token::TokenSource;
use crate::issue::Issue;
use crate::request::Endpoint;
use crate::retry::{DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, MAX_RETRIES_LIMIT};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::AbortSignal;

/// The longest per-attempt timeout accepted: longer is surely a unit mistake (seconds
/// passed as minutes), and it would keep a stuck call alive for a very long time.
/// Longer base URLs are refused before they are copied into wasm: a base URL is an origin
/// with at most a short path prefix.
const MAX_BASE_URL_CHARS: u32 = 2048;

const MAX_TIMEOUT_MS: f64 = 10.0 * 60.0 * 1000.0;

#[derive(Clone)]
pub struct Settings {
    pub token: TokenSource,
    pub endpoint: Endpoint,
    pub timeout_ms: f64,
    pub max_retries: u32,
    pub strict: bool,
    pub signal: Option<AbortSignal>,
    pub on_request: Option<js_sys::Function>,
    pub on_response: Option<js_sys::Function>,
}

impl Settings {
    /// Scheme, host and port of the endpoint: safe to print.
    pub fn origin(&self) -> &str {
        self.endpoint.origin()
    }
}

struct Reader<'a> {
    opts: &'a JsValue,
    issues: Vec<Issue>,
}

impl Reader<'_> {
    /// The option's value, `None` when absent; a getter that throws is an issue.
    fn value(&mut self, key: &'static str) -> Option<JsValue> {
        if !self.opts.is_object() {
            return None;
        }
        match js::get(self.opts, key) {
            Ok(v) if v.is_undefined() => None,
            Ok(v) => Some(v),
            Err(_) => {
                self.issues
                    .push(Issue::error(key, "type", format!("reading {key} threw")));
                None
            }
        }
    }

    fn bad(&mut self, key: &'static str, message: String) {
        self.issues.push(Issue::error(key, "type", message));
    }

    fn boolean(&mut self, key: &'static str) -> Option<bool> {
        let v = self.value(key)?;
        let b = v.as_bool();
        if b.is_none() {
            self.bad(key, format!("{key} must be true or false"));
        }
        b
    }

    fn function(&mut self, key: &'static str) -> Option<js_sys::Function> {
        let v = self.value(key)?;
        match v.dyn_into::<js_sys::Function>() {
            Ok(f) => Some(f),
            Err(_) => {
                self.bad(key, format!("{key} must be a function"));
                None
            }
        }
    }

    fn timeout(&mut self) -> Option<f64> {
        let v = self.value("timeoutMs")?;
        match v.as_f64() {
            Some(ms) if ms.is_finite() && ms > 0.0 && ms <= MAX_TIMEOUT_MS => Some(ms),
            _ => {
                self.issues.push(Issue::error(
                    "timeoutMs",
                    "range",
                    // Integers, so the f64 formatting machinery stays out of the wasm.
                    format!(
                        "timeoutMs must be a number of milliseconds above 0 and at most {} \
                         (default {})",
                        MAX_TIMEOUT_MS as u64, DEFAULT_TIMEOUT_MS as u64
                    ),
                ));
                None
            }
        }
    }

    fn max_retries(&mut self) -> Option<u32> {
        let v = self.value("maxRetries")?;
        match v.as_f64() {
            Some(n) if n.fract() == 0.0 && (0.0..=f64::from(MAX_RETRIES_LIMIT)).contains(&n) => {
                Some(n as u32)
            }
            _ => {
                self.issues.push(Issue::error(
                    "maxRetries",
                    "range",
                    format!(
                        "maxRetries must be an integer from 0 to {MAX_RETRIES_LIMIT} (default \
                         {DEFAULT_MAX_RETRIES})"
                    ),
                ));
                None
            }
        }
    }

    fn signal(&mut self) -> Option<AbortSignal> {
        let v = self.value("signal")?;
        match v.dyn_into::<AbortSignal>() {
            Ok(s) => Some(s),
            Err(_) => {
                self.bad("signal", "signal must be an AbortSignal".into());
                None
            }
        }
    }

    fn endpoint(&mut self) -> Option<Endpoint> {
        let v = self.value("baseUrl")?;
        if v.dyn_ref::<js_sys::JsString>()
            .is_some_and(|s| s.length() > MAX_BASE_URL_CHARS)
        {
            self.issues.push(Issue::error(
                "baseUrl",
                "too_large",
                format!(
                    "baseUrl is longer than {MAX_BASE_URL_CHARS} characters; pass the origin \
                     such as https://api.weixin.qq.com"
                ),
            ));
            return None;
        }
        let Some(text) = v.as_string() else {
            self.bad(
                "baseUrl",
                "baseUrl must be a string such as https://api.weixin.qq.com".into(),
            );
            return None;
        };
        match Endpoint::parse(&text) {
            Ok(e) => Some(e),
            Err(issues) => {
                self.issues.extend(issues);
                None
            }
        }
    }
}

fn not_an_object(opts: &JsValue, what: &str) -> Option<Issue> {
    (!opts.is_object()).then(|| {
        Issue::error(
            "",
            "type",
            format!("{what} must be an object like {{ accessToken: '…' }}"),
        )
    })
}

/// Full options of `createService` and of `new CloudbaseClient`.
pub fn parse(opts: &JsValue) -> Result<Settings, Vec<Issue>> {
    if let Some(issue) = not_an_object(opts, "the options") {
        return Err(vec![issue]);
    }
    let mut r = Reader {
        opts,
        issues: Vec::new(),
    };
    let token = match TokenSource::from_js(&r.value("accessToken").unwrap_or(JsValue::UNDEFINED)) {
        Ok(t) => Some(t),
        Err(issues) => {
            r.issues.extend(issues);
            None
        }
    };
    let settings = Settings {
        token: token.unwrap_or_else(|| TokenSource::Fixed(crate::secret::AccessToken::new(""))),
        endpoint: r.endpoint().unwrap_or_default(),
        timeout_ms: r.timeout().unwrap_or(DEFAULT_TIMEOUT_MS),
        max_retries: r.max_retries().unwrap_or(DEFAULT_MAX_RETRIES),
        strict: r.boolean("strict").unwrap_or(false),
        signal: r.signal(),
        on_request: r.function("onRequest"),
        on_response: r.function("onResponse"),
    };
    if r.issues.is_empty() {
        Ok(settings)
    } else {
        Err(r.issues)
    }
}

/// Per-call overrides of a client's settings: `signal`, `timeoutMs`, `maxRetries`, `strict`.
pub fn overlay(base: &Settings, opts: &JsValue) -> Result<Settings, Vec<Issue>> {
    if opts.is_undefined() || opts.is_null() {
        return Ok(base.clone());
    }
    if let Some(issue) = not_an_object(opts, "the call options") {
        return Err(vec![issue]);
    }
    let mut r = Reader {
        opts,
        issues: Vec::new(),
    };
    let mut s = base.clone();
    if let Some(ms) = r.timeout() {
        s.timeout_ms = ms;
    }
    if let Some(n) = r.max_retries() {
        s.max_retries = n;
    }
    if let Some(strict) = r.boolean("strict") {
        s.strict = strict;
    }
    if let Some(signal) = r.signal() {
        s.signal = Some(signal);
    }
    if r.issues.is_empty() {
        Ok(s)
    } else {
        Err(r.issues)
    }
}

/// The build options: `{ accessToken: string, baseUrl?, strict? }`.
pub struct BuildSettings {
    pub token: crate::secret::AccessToken,
    pub endpoint: Endpoint,
    pub strict: bool,
}

pub fn parse_build(opts: &JsValue) -> Result<BuildSettings, Vec<Issue>> {
    if let Some(issue) = not_an_object(opts, "the options") {
        return Err(vec![issue]);
    }
    let mut r = Reader {
        opts,
        issues: Vec::new(),
    };
    let token = match r
        .value("accessToken")
        .map(|v| super::token::bounded_string(&v))
    {
        Some(Some(text)) => match text.and_then(|t| crate::secret::AccessToken::parse(&t)) {
            Ok(t) => Some(t),
            Err(issues) => {
                r.issues.extend(issues);
                None
            }
        },
        Some(None) => {
            r.bad(
                "accessToken",
                "accessToken must be the component_access_token string when building a \
                 request (functions and providers are for createService)"
                    .into(),
            );
            None
        }
        None => {
            r.issues.push(Issue::error(
                "accessToken",
                "required",
                "accessToken is required: pass the component_access_token string",
            ));
            None
        }
    };
    let endpoint = r.endpoint().unwrap_or_default();
    let strict = r.boolean("strict").unwrap_or(false);
    match token {
        Some(token) if r.issues.is_empty() => Ok(BuildSettings {
            token,
            endpoint,
            strict,
        }),
        _ => Err(r.issues),
    }
}

/// `strict` from the optional options of `validateCreateServiceRequest`, which never throws:
/// a bad value is reported as an issue instead.
pub fn parse_validate(opts: &JsValue) -> (bool, Vec<Issue>) {
    let mut r = Reader {
        opts,
        issues: Vec::new(),
    };
    let strict = r.boolean("strict").unwrap_or(false);
    (strict, r.issues)
}
