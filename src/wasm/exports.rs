//! The call-generic functions of DESIGN.md (`validateRequest`, `buildRequest`,
//! `describeCalls`, `toCurl`) and the seed call's own names. Inputs arrive as `JsValue` and
//! are converted inside each function into a normal `Result`, so a bad input is an ordinary
//! error (never a trap, never a leak).

use super::call::Checked;
use super::errors::{to_js, JsFail};
use super::interop::{http_request_to_js, json_text, parse_json, report_to_js};
use super::js;
use super::options::Reader;
use super::settings;
use crate::calls::{self, Call};
use crate::engine::{self, Rules};
use crate::error::Error;
use crate::issue::{Issue, IssueCode, Report};
use crate::request::{build_request, to_curl, HttpRequest};
use crate::suggest::{normalize, suggest};
use wasm_bindgen::prelude::*;

/// The call a JS value names, or the issue that says which names there are.
pub fn call_named(name: &JsValue) -> Result<&'static Call, Issue> {
    let text = super::interop::bounded_string(name, 64).and_then(Result::ok);
    if let Some(call) = text.as_deref().and_then(calls::by_name) {
        return Ok(call);
    }
    let names = calls::names();
    let hint = match text.as_deref().and_then(|t| suggest(&names, &normalize(t))) {
        Some(near) => format!("; did you mean \"{near}\"?"),
        None => format!("; the calls are {}", names.join(", ")),
    };
    Err(Issue::error(
        "call",
        IssueCode::UnknownCall,
        format!("the call must be the doc name of one of the cloud-run calls{hint}"),
    ))
}

/// Checks `input` as a request of `call`: the body to send, or the `ValidationError`.
pub fn checked(call: &'static Call, input: &JsValue, rules: &Rules) -> Result<Checked, Error> {
    let text = json_text(input, call.example).map_err(|issue| Error::Validation {
        issues: vec![issue],
        warnings: Vec::new(),
    })?;
    let result = engine::check(call, &text, rules);
    let body = match result.body {
        Some(engine::Body::Input) => text,
        Some(engine::Body::Built(body)) => body,
        None => {
            return Err(Error::Validation {
                issues: result.report.errors,
                warnings: result.report.warnings,
            })
        }
    };
    Ok(Checked {
        call,
        body,
        secrets: result.secrets,
        warnings: result.report.warnings,
    })
}

fn report(call: Result<&'static Call, Issue>, input: &JsValue, opts: &JsValue) -> JsValue {
    let (rules, mut option_issues) = settings::rules(opts);
    let mut report = match call {
        Ok(call) => match json_text(input, call.example) {
            Ok(text) => engine::check(call, &text, &rules).report,
            Err(issue) => Report::from_issues(vec![issue], rules.strict),
        },
        Err(issue) => Report::from_issues(vec![issue], false),
    };
    report.errors.append(&mut option_issues);
    report.ok = report.errors.is_empty();
    report_to_js(&report)
}

/// Checks a request body of `call` against the documented rules (errors) and conventions
/// (warnings), reporting every problem with its path. Never throws. (Generic declaration in
/// `types.rs`.)
#[wasm_bindgen(js_name = validateRequest, skip_typescript)]
pub fn validate_request(call: JsValue, input: JsValue, opts: JsValue) -> JsValue {
    report(call_named(&call), &input, &opts)
}

/// `validateRequest("createCloudbaseService", input, opts)`.
#[wasm_bindgen(js_name = validateCreateServiceRequest, unchecked_return_type = "ValidationReport")]
pub fn validate_create_service_request(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RuleOptions")] opts: JsValue,
) -> JsValue {
    report(Ok(&calls::CREATE_SERVICE), &input, &opts)
}

fn build(
    call: Result<&'static Call, Issue>,
    input: &JsValue,
    opts: &JsValue,
) -> Result<JsValue, JsValue> {
    let call = call.map_err(|issue| to_js(&Error::config(vec![issue])))?;
    let build = settings::build(opts).map_err(|issues| to_js(&Error::config(issues)))?;
    let checked = checked(call, input, &build.rules).map_err(|e| JsFail::new(&e).into_js())?;
    let http = build_request(call, checked.body, &build.token, &build.base);
    Ok(http_request_to_js(&http))
}

/// Validates `input` and builds the HTTP request of `call`. Throws `ValidationError`
/// (nothing is built) or `ConfigError`. (Generic declaration in `types.rs`.)
#[wasm_bindgen(js_name = buildRequest, skip_typescript)]
pub fn build_request_js(call: JsValue, input: JsValue, opts: JsValue) -> Result<JsValue, JsValue> {
    build(call_named(&call), &input, &opts)
}

/// `buildRequest("createCloudbaseService", input, opts)`.
#[wasm_bindgen(js_name = buildCreateServiceRequest, unchecked_return_type = "HttpRequest")]
pub fn build_create_service_request(
    #[wasm_bindgen(unchecked_param_type = "CreateServiceRequest")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BuildOptions")] opts: JsValue,
) -> Result<JsValue, JsValue> {
    build(Ok(&calls::CREATE_SERVICE), &input, &opts)
}

/// Every call of the family, described from its declaration: name, path, title, what it
/// does to WeChat's state, an example body, and each field's type, presence, doc, rules and
/// source.
#[wasm_bindgen(js_name = describeCalls, unchecked_return_type = "CallDescription[]")]
pub fn describe_calls() -> JsValue {
    thread_local! {
        static TEXT: String = calls::describe::all();
    }
    TEXT.with(|text| parse_json(text))
}

fn read_part(req: &JsValue, key: &'static str, issues: &mut Vec<Issue>) -> Option<String> {
    let value = js::get(req, key).ok();
    match value
        .as_ref()
        .and_then(|v| super::interop::bounded_string(v, 4 << 20))
    {
        Some(Ok(text)) => Some(text),
        _ => {
            issues.push(Issue::error(
                key,
                IssueCode::Type,
                format!("{key} must be a string"),
            ));
            None
        }
    }
}

/// Renders a request as a runnable curl command. The token and the body's secrets are
/// `***` unless `revealSecrets` is true.
#[wasm_bindgen(js_name = toCurl)]
pub fn to_curl_js(
    #[wasm_bindgen(unchecked_param_type = "HttpRequest")] req: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CurlOptions")] opts: JsValue,
) -> Result<String, JsValue> {
    let mut r = Reader::open(&opts, "the curl options", &["revealSecrets"], false);
    let reveal = r.bool("revealSecrets").unwrap_or(false);
    let mut issues = r.finish().err().unwrap_or_default();
    if !req.is_object() {
        issues.push(Issue::error(
            "",
            IssueCode::Type,
            "toCurl takes the HttpRequest returned by buildRequest",
        ));
        return Err(to_js(&Error::config(issues)));
    }
    let (method, url, body) = (
        read_part(&req, "method", &mut issues),
        read_part(&req, "url", &mut issues),
        read_part(&req, "body", &mut issues),
    );
    let headers = js::get(&req, "headers").unwrap_or(JsValue::UNDEFINED);
    let mut header_list = Vec::new();
    if headers.is_object() {
        for name in js::keys(&headers).unwrap_or_default() {
            if let Some(value) = js::get(&headers, &name).ok().and_then(|v| v.as_string()) {
                header_list.push((name, value));
            }
        }
    }
    match (method, url, body) {
        (Some(method), Some(url), Some(body)) if issues.is_empty() => {
            let http = HttpRequest::from_parts(method, url, header_list, body);
            Ok(to_curl(&http, reveal))
        }
        _ => Err(to_js(&Error::config(issues))),
    }
}
