//! The `#[wasm_bindgen]` exports of DESIGN.md. Inputs arrive as `JsValue` and are converted
//! inside each function into a normal `Result`, so a bad input is an ordinary error (never
//! a trap, never a leak).

mod boundary;

use super::call;
use super::errors::{issues_to_js, to_js};
use super::input;
use super::js;
use super::options::{self, Settings};
use crate::error::Error;
use crate::issue::{Issue, Report};
use crate::model::CreateServiceRequest;
use crate::request::{build_request, to_curl, HttpRequest};
use crate::validate::{check, is_clean_canonical, validate, Options};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn report_to_js(report: &Report) -> JsValue {
    let out = js_sys::Object::new();
    js::set(&out, "ok", &JsValue::from_bool(report.ok));
    js::set(&out, "errors", &issues_to_js(&report.errors));
    js::set(&out, "warnings", &issues_to_js(&report.warnings));
    out.into()
}

/// Checks a request body against the documented rules (errors) and conventions
/// (warnings), reporting every problem with its path. Never throws.
#[wasm_bindgen(js_name = validateCreateServiceRequest, unchecked_return_type = "ValidationReport")]
pub fn validate_create_service_request(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ValidateOptions")] opts: Option<js_sys::Object>,
) -> JsValue {
    let (strict, option_issues) =
        options::parse_validate(&opts.map_or(JsValue::UNDEFINED, Into::into));
    let value = input::to_json_text(&input).and_then(|text| {
        // `None`: the fast path found nothing to report (see `is_clean_canonical`).
        if is_clean_canonical(&text) {
            Ok(None)
        } else {
            input::parse(&text).map(Some)
        }
    });
    let mut report = match value {
        Ok(None) => Report {
            ok: true,
            ..Report::default()
        },
        Ok(Some(value)) => validate(&value, &Options { strict }),
        Err(issue) => Report::from_issues(vec![issue], strict),
    };
    report.errors.extend(option_issues);
    report.ok = report.errors.is_empty();
    report_to_js(&report)
}

/// Validates `input` and converts it; a `ValidationError` when it has errors. The
/// warnings come back beside the request.
fn checked(input: &JsValue, strict: bool) -> Result<(CreateServiceRequest, Vec<Issue>), Error> {
    let value = input::to_value(input).map_err(|issue| Error::Validation {
        issues: vec![issue],
    })?;
    check(&value, &Options { strict })
}

fn config_error(issues: Vec<Issue>) -> JsValue {
    to_js(&Error::Config { issues })
}

fn http_request_to_js(http: &HttpRequest) -> JsValue {
    let out = js_sys::Object::new();
    js::set(&out, "method", &JsValue::from_str(http.method));
    let headers = js_sys::Object::new();
    for (name, value) in &http.headers {
        js::set(&headers, name, &JsValue::from_str(value));
    }
    js::set(&out, "headers", &headers);
    // Not enumerable: logging the object (console.log, util.inspect, JSON.stringify) must
    // not print the token in `url` or the ES password in `body`. Reading them works.
    for (key, value) in [("url", &http.url), ("body", &http.body)] {
        let descriptor = js_sys::Object::new();
        js::set(&descriptor, "value", &JsValue::from_str(value));
        js::set(&descriptor, "enumerable", &JsValue::FALSE);
        js_sys::Object::define_property(&out, &JsValue::from_str(key), &descriptor);
    }
    out.into()
}

/// Validates `input` and builds the HTTP request WeChat expects. Throws `ValidationError`
/// (nothing is built) or `ConfigError`.
#[wasm_bindgen(js_name = buildCreateServiceRequest, unchecked_return_type = "HttpRequest")]
pub fn build_create_service_request(
    #[wasm_bindgen(unchecked_param_type = "CreateServiceRequest")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BuildOptions")] opts: JsValue,
) -> Result<JsValue, JsValue> {
    let settings = options::parse_build(&opts).map_err(config_error)?;
    let (request, _) = checked(&input, settings.strict).map_err(|e| to_js(&e))?;
    let http =
        build_request(&request, &settings.token, &settings.endpoint).map_err(|e| to_js(&e))?;
    Ok(http_request_to_js(&http))
}

fn read_string(source: &JsValue, key: &'static str) -> Result<String, Issue> {
    js::get(source, key)
        .ok()
        .and_then(|v| v.as_string())
        .ok_or_else(|| Issue::error(key, "type", format!("{key} must be a string")))
}

/// Renders a request as a runnable curl command. The token and the ES password are `***`
/// unless `revealSecrets` is true.
#[wasm_bindgen(js_name = toCurl)]
pub fn to_curl_js(
    #[wasm_bindgen(unchecked_param_type = "HttpRequest")] req: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CurlOptions")] opts: Option<js_sys::Object>,
) -> Result<String, JsValue> {
    let reveal = opts
        .and_then(|o| js::get(&o, "revealSecrets").ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    if !req.is_object() {
        return Err(config_error(vec![Issue::error(
            "",
            "type",
            "toCurl takes the HttpRequest returned by buildCreateServiceRequest",
        )]));
    }
    let mut issues = Vec::new();
    let mut field = |key| read_string(&req, key).map_err(|i| issues.push(i)).ok();
    let (method, url, body) = (field("method"), field("url"), field("body"));
    let headers = js::get(&req, "headers").unwrap_or(JsValue::UNDEFINED);
    let mut header_list = Vec::new();
    if headers.is_object() {
        let headers: js_sys::Object = headers.into();
        for entry in js_sys::Object::entries(&headers).iter() {
            let pair: js_sys::Array = entry.into();
            if let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                header_list.push((name, value));
            }
        }
    }
    match (method, url, body) {
        (Some(method), Some(url), Some(body)) if issues.is_empty() => {
            let http = HttpRequest::from_parts(method, url, header_list, body);
            Ok(to_curl(&http, reveal))
        }
        _ => Err(config_error(issues)),
    }
}

async fn run(input: JsValue, settings: Result<Settings, Vec<Issue>>) -> Result<JsValue, JsValue> {
    let settings = settings.map_err(config_error)?;
    let (request, warnings) = checked(&input, settings.strict).map_err(|e| to_js(&e))?;
    let response = call::create_service(request, &warnings, settings).await?;
    // json_compatible: WeChat's extra keys become plain object properties, not a Map.
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    response.serialize(&serializer).map_err(|_| {
        to_js(&Error::transport(
            crate::error::TransportKind::BadResponse,
            "the response could not be handed to JS",
        ))
    })
}

/// Starts a call and returns its promise, raced in JS against the overall deadline plus a
/// second of grace so that it always settles.
fn spawn(input: JsValue, settings: Result<Settings, Vec<Issue>>) -> js_sys::Promise {
    let limit = settings
        .as_ref()
        .map(|s| crate::retry::overall_deadline_ms(s.timeout_ms, s.max_retries) + 1_000.0)
        .unwrap_or(1_000.0);
    let promise = wasm_bindgen_futures::future_to_promise(run(input, settings));
    DEADLINE_REASON.with(|reason| js::with_deadline(promise, limit, reason))
}

thread_local! {
    /// What a call rejects with if it outlives its overall deadline. Every step of a call is
    /// bounded on its own, so this is the last resort; it is made once because an `Error`
    /// per call (its stack captured through wasm frames) was a measurable share of a call.
    static DEADLINE_REASON: JsValue = {
        let reason = to_js(&Error::transport(
            crate::error::TransportKind::Timeout,
            "the call did not settle within its overall deadline; check whether a service \
             was created before calling again",
        ));
        js::set(&reason, "outcomeUnknown", &JsValue::TRUE);
        reason
    };
}

/// Validates `input`, then creates the service. Rejects with `ValidationError` or
/// `ConfigError` (nothing sent), `WxApiError` or `TransportError`.
#[wasm_bindgen(js_name = createService, unchecked_return_type = "Promise<CreateServiceResponse>")]
pub fn create_service(
    #[wasm_bindgen(unchecked_param_type = "CreateServiceRequest")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CallOptions")] opts: JsValue,
) -> js_sys::Promise {
    spawn(input, options::parse(&opts))
}

/// A client that holds options (token source, base URL, timeouts, hooks) for many calls.
/// Calls may run concurrently: no method keeps a borrow across an await.
#[wasm_bindgen]
pub struct CloudbaseClient {
    settings: Settings,
}

#[wasm_bindgen]
impl CloudbaseClient {
    /// Throws `ConfigError` when an option is bad.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ClientOptions")] opts: JsValue,
    ) -> Result<CloudbaseClient, JsValue> {
        let settings = options::parse(&opts).map_err(config_error)?;
        Ok(CloudbaseClient { settings })
    }

    /// Validates `input`, then creates the service with the client's options, overridden
    /// by `overrides` (`signal`, `timeoutMs`, `maxRetries`, `strict`).
    #[wasm_bindgen(js_name = createService, unchecked_return_type = "Promise<CreateServiceResponse>")]
    pub fn create_service(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CreateServiceRequest")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CallOverrides")] overrides: JsValue,
    ) -> js_sys::Promise {
        // The settings are cloned before the future starts, so `self` is not borrowed while
        // the call is in flight.
        spawn(input, options::overlay(&self.settings, &overrides))
    }
}
