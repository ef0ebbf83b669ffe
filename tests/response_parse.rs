#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! parse_response: every branch.

use proptest::prelude::*;
use wx_cloudbase_service::calls::{CreateServiceResponse, CREATE_SERVICE};
use wx_cloudbase_service::errcode::{RetryClass, UNKNOWN_HINT};
use wx_cloudbase_service::response::{self, Answer};
use wx_cloudbase_service::{Error, TransportError, TransportKind, WxApiError};

/// createCloudbaseService's parse, with the answer typed (its JSON read into the
/// declaration's struct, which also proves they agree).
fn parse_response(
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
    secrets: &[&str],
) -> Result<CreateServiceResponse, Error> {
    response::parse_response(&CREATE_SERVICE, status, headers, body, secrets)
        .map(|Answer { json }| serde_json::from_str(&json).unwrap())
}

fn json_headers() -> Vec<(String, String)> {
    vec![(
        "content-type".into(),
        "application/json; charset=utf-8".into(),
    )]
}

fn parse(status: u16, body: &str) -> Result<CreateServiceResponse, Error> {
    parse_response(status, &json_headers(), body.as_bytes(), &[])
}

fn transport(result: Result<impl std::fmt::Debug, Error>) -> TransportError {
    match result {
        Err(Error::Transport(t)) => t,
        other => panic!("expected a transport error, got {other:?}"),
    }
}

fn wx(result: Result<impl std::fmt::Debug, Error>) -> WxApiError {
    match result {
        Err(Error::WxApi(e)) => *e,
        other => panic!("expected a WeChat error, got {other:?}"),
    }
}

#[test]
fn success() {
    let ok = parse(200, r#"{"errcode":0,"errmsg":"ok"}"#).unwrap();
    assert_eq!(ok.errcode, 0);
    assert_eq!(ok.errmsg, "ok");
    assert!(ok.extra.is_empty());
}

#[test]
fn success_keeps_extra_keys() {
    let ok = parse(
        200,
        r#"{"errcode":0,"errmsg":"ok","run_id":"r-1","n":1,"nested":{"a":[1,2]}}"#,
    )
    .unwrap();
    assert_eq!(ok.extra.len(), 3);
    assert_eq!(ok.extra["run_id"], "r-1");
    assert_eq!(ok.extra["n"], 1);
    assert_eq!(ok.extra["nested"]["a"][1], 2);
    assert!(!ok.extra.contains_key("errcode"));
    assert!(!ok.extra.contains_key("errmsg"));
}

#[test]
fn success_without_or_with_odd_errmsg() {
    assert_eq!(parse(200, r#"{"errcode":0}"#).unwrap().errmsg, "");
    assert_eq!(
        parse(200, r#"{"errcode":0,"errmsg":null}"#).unwrap().errmsg,
        ""
    );
    assert_eq!(
        parse(200, r#"{"errcode":0,"errmsg":5}"#).unwrap().errmsg,
        "5"
    );
    assert_eq!(parse(201, r#"{"errcode":0}"#).unwrap().errcode, 0);
    assert_eq!(parse(299, r#" {"errcode":0} "#).unwrap().errcode, 0);
    assert_eq!(parse(200, "\u{feff}{\"errcode\":0}").unwrap().errcode, 0);
}

#[test]
fn success_with_text_plain_or_no_content_type() {
    let plain = vec![("Content-Type".to_string(), "text/plain".to_string())];
    assert!(parse_response(200, &plain, br#"{"errcode":0,"errmsg":"ok"}"#, &[]).is_ok());
    assert!(parse_response(200, &[], br#"{"errcode":0,"errmsg":"ok"}"#, &[]).is_ok());
}

#[test]
fn known_errcodes_carry_the_catalog() {
    let cases = [
        (-1, "system_busy", RetryClass::Retry, true),
        (-1000, "system_error", RetryClass::Unknown, false),
        (40001, "invalid_credential", RetryClass::RefreshToken, false),
        (
            40014,
            "invalid_access_token",
            RetryClass::RefreshToken,
            false,
        ),
        (
            42001,
            "access_token_expired",
            RetryClass::RefreshToken,
            false,
        ),
        (45009, "daily_quota_reached", RetryClass::Quota, false),
        (45011, "minute_quota_reached", RetryClass::Quota, true),
        (85088, "no_qbase_privilege", RetryClass::FixRequest, false),
    ];
    for (code, name, class, retryable) in cases {
        let body = format!(r#"{{"errcode":{code},"errmsg":"msg {code}"}}"#);
        let err = parse(200, &body).unwrap_err();
        assert_eq!(err.code(), "WX_API");
        assert_eq!(err.name(), "WxApiError");
        let e = wx(Err::<(), _>(err.clone()));
        assert_eq!(e.errcode, code);
        assert_eq!(e.errmsg, format!("msg {code}"));
        assert_eq!(e.errname, Some(name));
        assert_eq!(e.class, class);
        assert_eq!(e.retryable(), retryable, "{code}");
        assert!(!e.hint.is_empty());
        let display = err.to_string();
        assert!(
            display.contains(&code.to_string()) && display.contains(name),
            "{display}"
        );
    }
}

#[test]
fn unknown_errcode_keeps_code_and_message() {
    let e = wx(parse(
        200,
        r#"{"errcode":12345,"errmsg":"cloudbase said no"}"#,
    ));
    assert_eq!(e.errcode, 12345);
    assert_eq!(e.errmsg, "cloudbase said no");
    assert_eq!(e.errname, None);
    assert_eq!(e.hint, UNKNOWN_HINT);
    assert_eq!(e.class, RetryClass::Unknown);
    assert!(!e.retryable());
    let e = wx(parse(200, r#"{"errcode":-2}"#));
    assert_eq!((e.errcode, e.errmsg.as_str()), (-2, ""));
}

#[test]
fn errmsg_is_capped() {
    let long = "é".repeat(1000);
    let e = wx(parse(
        200,
        &format!(r#"{{"errcode":40097,"errmsg":"{long}"}}"#),
    ));
    assert_eq!(e.errmsg.chars().count(), 257);
    assert!(e.errmsg.ends_with('…'));
}

#[test]
fn http_status_errors() {
    let t = transport(parse(
        500,
        "<html><body>Internal Server Error</body></html>",
    ));
    assert_eq!(t.kind, TransportKind::HttpStatus);
    assert_eq!(t.status, Some(500));
    assert!(t.outcome_unknown);
    assert!(t.message.contains("Internal Server Error"), "{}", t.message);
    assert!(t.message.contains("500"), "{}", t.message);
    assert!(t.message.contains("may have taken effect"), "{}", t.message);

    for status in [502, 503, 504, 599] {
        assert!(transport(parse(status, "")).outcome_unknown);
    }
    for status in [0, 100, 199, 301, 302, 304, 400, 404, 429, 499] {
        let t = transport(parse(status, r#"{"errcode":0}"#));
        assert_eq!(t.kind, TransportKind::HttpStatus, "{status}");
        assert_eq!(t.status, Some(status));
        assert!(!t.outcome_unknown, "{status}");
        assert!(t.message.contains("baseUrl"), "{}", t.message);
    }
    let err = parse(404, "").unwrap_err();
    assert_eq!(err.code(), "HTTP_STATUS");
    assert_eq!(err.name(), "TransportError");
}

#[test]
fn http_status_snippet_is_capped() {
    let body = "x".repeat(10_000);
    let t = transport(parse(502, &body));
    assert!(t.message.contains(&format!("{}…", "x".repeat(256))));
    assert!(!t.message.contains(&"x".repeat(257)));
    assert!(t.message.chars().count() < 600, "{}", t.message.len());
    // Non-UTF-8 bodies are quoted lossily, never rejected.
    let t = transport(parse_response(503, &[], &[0xff, 0xfe, b'a'], &[]));
    assert!(t.message.contains('a'));
}

#[test]
fn bad_responses() {
    let cases: &[(&[u8], &str)] = &[
        (b"", "empty"),
        (b"   ", "not JSON"),
        (&[0xff, 0xfe, 0x00], "not UTF-8"),
        (b"not json", "not JSON"),
        (b"<html>oops</html>", "not JSON"),
        (br#"{"errcode":0"#, "not JSON"),
        (b"[1,2]", "not a JSON object"),
        (b"0", "not a JSON object"),
        (br#""errcode""#, "not a JSON object"),
        (b"null", "not a JSON object"),
        (br#"{"errmsg":"ok"}"#, "no errcode"),
        (br#"{}"#, "no errcode"),
        (br#"{"errcode":"0"}"#, "not a JSON number"),
        (br#"{"errcode":null}"#, "not a JSON number"),
        (br#"{"errcode":true}"#, "not a JSON number"),
        (br#"{"errcode":[0]}"#, "not a JSON number"),
        (br#"{"errcode":0.0}"#, "not an integer"),
        (br#"{"errcode":1e2}"#, "not an integer"),
        (br#"{"errcode":-0.5}"#, "not an integer"),
        (br#"{"errcode":18446744073709551615}"#, "not an integer"),
    ];
    for (body, what) in cases {
        let result = parse_response(200, &json_headers(), body, &[]);
        let t = transport(result.clone());
        assert_eq!(t.kind, TransportKind::BadResponse, "{body:?}");
        assert_eq!(t.status, Some(200));
        assert!(t.outcome_unknown);
        assert!(t.message.contains(what), "{body:?}: {}", t.message);
        assert!(t.message.contains("application/json"), "{}", t.message);
        assert_eq!(result.unwrap_err().code(), "BAD_RESPONSE");
    }
}

#[test]
fn bad_response_quotes_a_capped_snippet() {
    let body = format!("<html>{}</html>", "y".repeat(5000));
    let t = transport(parse_response(200, &[], body.as_bytes(), &[]));
    assert!(t.message.contains("<html>yyy"), "{}", t.message);
    assert!(t.message.contains('…'));
    assert!(t.message.chars().count() < 600);
    assert!(!t.message.contains("content-type"));
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_input(
        status in any::<u16>(),
        body in proptest::collection::vec(any::<u8>(), 0..512),
        secret in ".{0,8}",
    ) {
        let _ = parse_response(status, &json_headers(), &body, &[secret.as_str()]);
    }

    #[test]
    fn never_panics_on_json_like_input(body in "[{}\\[\\]\":,0-9a-z\\-.e ]{0,64}") {
        let _ = parse_response(200, &[], body.as_bytes(), &["a"]);
    }

    #[test]
    fn errcode_decides(code in any::<i64>(), errmsg in ".{0,300}") {
        let body = serde_json::json!({ "errcode": code, "errmsg": errmsg }).to_string();
        match parse_response(200, &[], body.as_bytes(), &[]) {
            Ok(ok) => {
                prop_assert_eq!(code, 0);
                prop_assert_eq!(ok.errmsg, errmsg);
            }
            Err(Error::WxApi(e)) => {
                prop_assert_ne!(code, 0);
                prop_assert_eq!(e.errcode, code);
                prop_assert!(e.errmsg.chars().count() <= 257);
            }
            Err(other) => prop_assert!(false, "{other:?}"),
        }
    }
}
