//! The JS/wasm boundary under Node (wasm-bindgen-test): every kind of JS value a caller can
//! pass gives a typed error, never a trap, and the errors are real `Error`s with the
//! fields of DESIGN.md.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use wx_cloudbase_service::wasm::errors::{
    is_config_error, is_transport_error, is_validation_error, is_wx_api_error,
    is_wx_cloudbase_error,
};
use wx_cloudbase_service::wasm::exports::{
    build_create_service_request, to_curl_js, validate_create_service_request,
};
use wx_cloudbase_service::wasm::{create_service, CloudbaseClient};

const TOKEN: &str = "CANARY-TOKEN-7d1e";
const PASSWORD: &str = "CANARY-PASSWORD-9f3a";

fn json(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn opts() -> JsValue {
    json(&format!(r#"{{"accessToken":"{TOKEN}"}}"#))
}

fn valid() -> JsValue {
    json(&format!(
        r#"{{"env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"api","is_public":true,
            "log_type":"es","es_info":{{"port":9200,"password":"{PASSWORD}"}}}}"#
    ))
}

/// Every value a JS caller could hand us where a request object belongs.
fn hostile_inputs() -> Vec<(&'static str, JsValue)> {
    let circular = Object::new();
    Reflect::set(&circular, &"self".into(), &circular).unwrap();
    let with_bigint = Object::new();
    Reflect::set(
        &with_bigint,
        &"env_id".into(),
        &js_sys::BigInt::from(1u32).into(),
    )
    .unwrap();
    vec![
        ("null", JsValue::NULL),
        ("undefined", JsValue::UNDEFINED),
        ("true", JsValue::TRUE),
        ("number", JsValue::from_f64(42.0)),
        ("NaN", JsValue::from_f64(f64::NAN)),
        ("Infinity", JsValue::from_f64(f64::INFINITY)),
        ("-0", JsValue::from_f64(-0.0)),
        ("string", JsValue::from_str("{\"env_id\":\"x\"}")),
        ("BigInt", js_sys::BigInt::from(7u32).into()),
        ("symbol", js_sys::Symbol::for_("x").into()),
        ("function", js_sys::Function::new_no_args("return 1").into()),
        ("array", Array::of1(&valid()).into()),
        ("empty object", Object::new().into()),
        ("circular", circular.into()),
        ("BigInt field", with_bigint.into()),
        (
            "wrong types",
            json(r#"{"env_id":1,"service_name":[],"is_public":"yes"}"#),
        ),
    ]
}

#[wasm_bindgen_test]
fn validate_never_throws_and_reports_every_hostile_input() {
    for (what, input) in hostile_inputs() {
        let report = validate_create_service_request(input, JsValue::UNDEFINED);
        let errors: Array = get(&report, "errors").dyn_into().unwrap();
        let ok = get(&report, "ok").as_bool().unwrap();
        assert!(!ok, "{what} should not validate");
        assert!(errors.length() > 0, "{what}");
        let first = errors.get(0);
        assert!(get(&first, "path").is_string(), "{what}");
        assert!(
            get(&first, "message").as_string().unwrap().len() > 10,
            "{what}"
        );
    }
}

/// NaN becomes null in JSON; an optional null is left out with a warning that says so
/// (the shared rule of validator and emulator), and strict refuses it.
#[wasm_bindgen_test]
fn a_nan_in_an_optional_field_is_left_out_with_a_warning() {
    let nan_port = valid();
    Reflect::set(
        &get(&nan_port, "es_info"),
        &"port".into(),
        &JsValue::from_f64(f64::NAN),
    )
    .unwrap();
    let report = validate_create_service_request(nan_port.clone(), JsValue::UNDEFINED);
    assert_eq!(get(&report, "ok").as_bool(), Some(true));
    let warnings: Array = get(&report, "warnings").dyn_into().unwrap();
    let first = warnings.get(0);
    assert_eq!(get(&first, "code").as_string().unwrap(), "null");
    assert!(get(&first, "message").as_string().unwrap().contains("NaN"));
    let strict = validate_create_service_request(nan_port.clone(), json(r#"{"strict":true}"#));
    assert_eq!(get(&strict, "ok").as_bool(), Some(false));
    let req = build_create_service_request(nan_port, opts()).unwrap();
    assert!(!get(&req, "body").as_string().unwrap().contains("port"));
}

#[wasm_bindgen_test]
fn build_turns_every_hostile_input_into_a_validation_error() {
    for (what, input) in hostile_inputs() {
        let err = build_create_service_request(input, opts()).expect_err(what);
        assert!(
            err.is_instance_of::<js_sys::Error>(),
            "{what}: a real Error"
        );
        assert!(is_validation_error(err.clone()), "{what}");
        assert!(is_wx_cloudbase_error(err.clone()), "{what}");
        assert!(
            !is_config_error(err.clone()) && !is_wx_api_error(err.clone()),
            "{what}"
        );
        assert_eq!(get(&err, "code").as_string().unwrap(), "VALIDATION");
        let issues: Array = get(&err, "issues").dyn_into().unwrap();
        assert!(issues.length() > 0, "{what}");
    }
}

#[wasm_bindgen_test]
fn an_invalid_field_is_reported_at_its_path() {
    let input = json(
        r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"api","is_public":true,"es_info":{"port":70000}}"#,
    );
    let err = build_create_service_request(input, opts()).unwrap_err();
    let issues: Array = get(&err, "issues").dyn_into().unwrap();
    let paths: Vec<String> = issues
        .iter()
        .map(|i| get(&i, "path").as_string().unwrap())
        .collect();
    assert_eq!(paths, vec!["es_info.port"]);
}

#[wasm_bindgen_test]
fn bad_options_give_a_config_error_naming_each_option() {
    let cases = [
        ("null", JsValue::NULL),
        ("no token", json("{}")),
        ("number token", json(r#"{"accessToken":5}"#)),
        ("token with space", json(r#"{"accessToken":"a b"}"#)),
        (
            "plain http",
            json(r#"{"accessToken":"t","baseUrl":"http://example.com"}"#),
        ),
        (
            "javascript url",
            json(r#"{"accessToken":"t","baseUrl":"javascript:alert(1)"}"#),
        ),
        (
            "userinfo",
            json(r#"{"accessToken":"t","baseUrl":"https://u:p@example.com"}"#),
        ),
        (
            "strict not bool",
            json(r#"{"accessToken":"t","strict":"yes"}"#),
        ),
    ];
    for (what, options) in cases {
        let err = build_create_service_request(valid(), options).expect_err(what);
        assert!(is_config_error(err.clone()), "{what}");
        assert_eq!(get(&err, "name").as_string().unwrap(), "ConfigError");
        let message = get(&err, "message").as_string().unwrap();
        assert!(!message.contains(TOKEN), "{what}");
    }
}

#[wasm_bindgen_test]
fn a_built_request_hides_its_secrets_from_enumeration_but_not_from_reading() {
    let req = build_create_service_request(valid(), opts()).unwrap();
    assert_eq!(get(&req, "method").as_string().unwrap(), "POST");
    let url = get(&req, "url").as_string().unwrap();
    assert!(url.ends_with(&format!("?access_token={TOKEN}")));
    assert!(get(&req, "body").as_string().unwrap().contains(PASSWORD));
    let shown: String = JSON::stringify(&req).unwrap().into();
    assert!(
        !shown.contains(TOKEN) && !shown.contains(PASSWORD),
        "{shown}"
    );
    let curl = to_curl_js(req.clone(), JsValue::UNDEFINED).unwrap();
    assert!(curl.contains("access_token=***") && !curl.contains(TOKEN) && !curl.contains(PASSWORD));
    let reveal = json(r#"{"revealSecrets":true}"#);
    assert!(to_curl_js(req, reveal).unwrap().contains(TOKEN));
    assert!(to_curl_js(JsValue::NULL, JsValue::UNDEFINED).is_err());
}

#[wasm_bindgen_test]
fn guards_reject_lookalikes_and_non_errors() {
    for value in [
        JsValue::NULL,
        JsValue::UNDEFINED,
        JsValue::from_str("ValidationError"),
        json(r#"{"name":"ValidationError"}"#),
        json(r#"{"name":"ValidationError","code":"WX_API"}"#),
    ] {
        assert!(!is_validation_error(value.clone()));
        assert!(!is_wx_cloudbase_error(value.clone()));
        assert!(!is_transport_error(value));
    }
    // A plain object with the right name and code is still not an error.
    assert!(!is_validation_error(json(
        r#"{"name":"ValidationError","code":"VALIDATION"}"#
    )));
    let real = js_sys::Error::new("x");
    real.set_name("ValidationError");
    Reflect::set(&real, &"code".into(), &"VALIDATION".into()).unwrap();
    assert!(is_validation_error(real.into()));
}

#[wasm_bindgen_test]
async fn create_service_rejects_bad_input_and_options_without_sending() {
    for (what, input) in hostile_inputs() {
        // An unreachable base URL: if anything were sent the error would be a transport one.
        let options = json(&format!(
            r#"{{"accessToken":"{TOKEN}","baseUrl":"http://127.0.0.1:9"}}"#
        ));
        let err = JsFuture::from(create_service(input, options))
            .await
            .expect_err(what);
        assert!(is_validation_error(err), "{what}");
    }
    let err = JsFuture::from(create_service(valid(), JsValue::UNDEFINED))
        .await
        .unwrap_err();
    assert!(is_config_error(err));
    assert!(CloudbaseClient::new(json(r#"{"accessToken":""}"#)).is_err());
}

#[wasm_bindgen_test]
async fn an_aborted_signal_stops_the_call_before_anything_is_sent() {
    let controller = web_sys::AbortController::new().unwrap();
    controller.abort_with_reason(&JsValue::from_str("a string reason"));
    let options = Object::new();
    Reflect::set(&options, &"accessToken".into(), &TOKEN.into()).unwrap();
    Reflect::set(&options, &"baseUrl".into(), &"http://127.0.0.1:9".into()).unwrap();
    Reflect::set(&options, &"signal".into(), &controller.signal()).unwrap();
    let err = JsFuture::from(create_service(valid(), options.into()))
        .await
        .unwrap_err();
    assert!(is_transport_error(err.clone()));
    assert_eq!(get(&err, "code").as_string().unwrap(), "ABORTED");
    assert_eq!(get(&err, "outcomeUnknown").as_bool(), Some(false));
}
