#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Canary secrets must never show up in anything printable: Debug/Display of the secret
//! types, of built requests and of errors built from answers echoing them, nor in a
//! redacted curl command. Also: redaction helpers and AccessToken::parse.

use proptest::prelude::*;
use wx_cloudbase_service::base_url::BaseUrl as Endpoint;
use wx_cloudbase_service::calls::{CreateServiceRequest, EsInfo, LogType, CREATE_SERVICE};
use wx_cloudbase_service::redact::{
    redact_body, redact_text, redact_url_token, redacted_snippet, snippet, SNIPPET_MAX_CHARS,
};
use wx_cloudbase_service::request::{to_curl, HttpRequest};
use wx_cloudbase_service::secret::MAX_ACCESS_TOKEN_LEN;
use wx_cloudbase_service::{AccessToken, Error, Secret};

fn build_request(req: &CreateServiceRequest, token: &AccessToken, base: &Endpoint) -> HttpRequest {
    let body = serde_json::to_string(req).unwrap();
    wx_cloudbase_service::request::build_request(&CREATE_SERVICE, body, token, base)
}

fn parse_response(
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
    secrets: &[&str],
) -> Result<wx_cloudbase_service::response::Answer, Error> {
    wx_cloudbase_service::response::parse_response(&CREATE_SERVICE, status, headers, body, secrets)
}

const TOKEN: &str = "CANARY-TOKEN-7d1e";
const PASSWORD: &str = "CANARY-PASSWORD-9f3a";
/// A token with characters that percent-encoding changes.
const ODD_TOKEN: &str = "CANARY/TOKEN+7d1e=";
const ODD_TOKEN_ENCODED: &str = "CANARY%2FTOKEN%2B7d1e%3D";

/// Asserts that no canary (nor a long piece of one) is in `text`.
fn assert_clean(what: &str, text: &str) {
    for canary in [
        TOKEN,
        PASSWORD,
        ODD_TOKEN,
        ODD_TOKEN_ENCODED,
        "7d1e",
        "9f3a",
    ] {
        assert!(!text.contains(canary), "{what} leaks {canary:?}: {text}");
    }
    assert!(
        !text
            .to_ascii_lowercase()
            .contains(&ODD_TOKEN_ENCODED.to_ascii_lowercase()),
        "{what} leaks the lowercase-encoded token: {text}"
    );
}

fn assert_error_clean(what: &str, err: &Error) {
    assert_clean(what, &format!("{err}"));
    assert_clean(what, &format!("{err:?}"));
    assert_clean(what, &format!("{err:#?}"));
}

fn request() -> CreateServiceRequest {
    CreateServiceRequest {
        env_id: "prod-1a2b3c4d5e6f7a8b".into(),
        service_name: "api".into(),
        is_public: true,
        image_repo: None,
        remark: None,
        es_info: Some(EsInfo {
            ip: Some("10.0.0.8".into()),
            port: Some(9200),
            account: Some("elastic".into()),
            password: Some(Secret::new(PASSWORD)),
            ..EsInfo::default()
        }),
        log_type: Some(LogType::Es),
        vpc_info: None,
        public_access: None,
    }
}

#[test]
fn secret_types_never_print_their_value() {
    let token = AccessToken::new(TOKEN);
    let secret = Secret::new(PASSWORD);
    for text in [
        format!("{token}"),
        format!("{token:?}"),
        format!("{token:#?}"),
        format!("{secret}"),
        format!("{secret:?}"),
        format!("{:?}", AccessToken::parse(TOKEN)),
    ] {
        assert_clean("secret type", &text);
    }
    assert_eq!(token.expose(), TOKEN);
    assert_eq!(secret.expose(), PASSWORD);
}

#[test]
fn model_debug_is_clean() {
    let req = request();
    assert_clean("CreateServiceRequest", &format!("{req:?}"));
    assert_clean("CreateServiceRequest", &format!("{req:#?}"));
    assert_clean("EsInfo", &format!("{:?}", req.es_info));
}

#[test]
fn built_request_debug_and_redacted_curl_are_clean() {
    for token in [TOKEN, ODD_TOKEN] {
        let built = build_request(&request(), &AccessToken::new(token), &Endpoint::default());
        assert_clean("HttpRequest Debug", &format!("{built:?}"));
        assert_clean("HttpRequest Debug", &format!("{built:#?}"));
        assert_clean("redacted_url", &built.redacted_url());
        assert_clean("redacted_body", &built.redacted_body());
        assert_clean("redacted curl", &to_curl(&built, false));
        // The real values are there to be sent, and shown on request.
        let revealed = to_curl(&built, true);
        assert!(revealed.contains(PASSWORD));
        assert!(built.body.contains(PASSWORD));
        let encoded = if token == TOKEN {
            TOKEN
        } else {
            ODD_TOKEN_ENCODED
        };
        assert!(built.url.ends_with(&format!("access_token={encoded}")));
        assert!(revealed.contains(encoded));
    }
}

/// Answers that echo the secrets back in every place an answer can.
fn echoing_answers() -> Vec<(u16, Vec<u8>)> {
    let json = |errcode: i64, errmsg: &str| {
        serde_json::json!({ "errcode": errcode, "errmsg": errmsg })
            .to_string()
            .into_bytes()
    };
    vec![
        (
            200,
            json(
                40014,
                &format!("invalid access_token {TOKEN}, hints: [ req_id: x ]"),
            ),
        ),
        (
            200,
            json(40014, &format!("invalid access_token={ODD_TOKEN_ENCODED}")),
        ),
        (
            200,
            json(
                40014,
                &format!("url ?access_token={} rid", ODD_TOKEN_ENCODED.to_lowercase()),
            ),
        ),
        (200, json(40014, &format!("token {ODD_TOKEN} bad"))),
        (200, json(40097, &format!("bad es password {PASSWORD}"))),
        (
            200,
            json(40097, &format!(r#"echo {{"password":"{PASSWORD}","x":1}}"#)),
        ),
        (200, json(12345, &format!("{}{TOKEN}", "z".repeat(250)))),
        (200, json(-1, &format!("{TOKEN}{PASSWORD}"))),
        (
            200,
            format!(r#"{{"errcode":"40014","errmsg":"{TOKEN} {PASSWORD}"}}"#).into_bytes(),
        ),
        (200, format!("<html>{TOKEN} {PASSWORD}</html>").into_bytes()),
        (
            200,
            format!("[\"access_token={ODD_TOKEN_ENCODED}\", \"{PASSWORD}\"]").into_bytes(),
        ),
        (
            500,
            format!("<pre>GET /x?access_token={TOKEN}&y=1 password={PASSWORD}</pre>").into_bytes(),
        ),
        (502, format!("{}{TOKEN}", "w".repeat(254)).into_bytes()),
        (
            404,
            format!(r#"{{"access_token":"{ODD_TOKEN}"}}"#).into_bytes(),
        ),
        (
            200,
            [
                b"\xff\xfe".as_slice(),
                TOKEN.as_bytes(),
                PASSWORD.as_bytes(),
            ]
            .concat(),
        ),
    ]
}

#[test]
fn errors_from_echoing_answers_are_clean() {
    for (status, body) in echoing_answers() {
        let err = parse_response(status, &[], &body, &[TOKEN, ODD_TOKEN, PASSWORD]).unwrap_err();
        let what = format!("status {status} body {:?}", String::from_utf8_lossy(&body));
        assert_error_clean(&what, &err);
    }
}

#[test]
fn echoed_param_and_json_password_are_masked_even_unlisted() {
    let body = serde_json::json!({
        "errcode": 40097,
        "errmsg": format!("GET ?access_token={TOKEN} body {{\"password\": \"{PASSWORD}\"}}"),
    })
    .to_string();
    let err = parse_response(200, &[], body.as_bytes(), &[]).unwrap_err();
    assert_error_clean("unlisted secrets", &err);
}

#[test]
fn config_errors_do_not_repeat_secrets() {
    let url = format!("https://{TOKEN}:{PASSWORD}@api.weixin.qq.com");
    let issues = Endpoint::parse(&url).unwrap_err();
    assert_error_clean("baseUrl userinfo", &Error::config(issues));
    for bad in [
        format!(" {TOKEN}"),
        format!("{TOKEN}\n"),
        format!("{TOKEN}\u{7}"),
        format!("{TOKEN}é"),
        format!("{TOKEN} {PASSWORD}"),
        TOKEN.repeat(200),
    ] {
        let issues = AccessToken::parse(&bad).unwrap_err();
        assert_error_clean("token issues", &Error::config(issues));
    }
}

#[test]
fn access_token_parse_table() {
    let ok = ["a", TOKEN, ODD_TOKEN, "~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./"];
    for token in ok {
        assert_eq!(AccessToken::parse(token).unwrap().expose(), token);
    }
    assert!(AccessToken::parse(&"a".repeat(MAX_ACCESS_TOKEN_LEN)).is_ok());
    assert_eq!(MAX_ACCESS_TOKEN_LEN, 2048);

    let cases: &[(&str, &[&str])] = &[
        ("", &["empty"]),
        (" tok", &["whitespace"]),
        ("tok\n", &["whitespace"]),
        ("to k", &["whitespace"]),
        ("tok\u{3000}", &["whitespace"]),
        ("to\u{7}k", &["control_char"]),
        ("tok\u{0}", &["control_char"]),
        ("tok\u{7f}", &["control_char"]),
        ("tøk", &["pattern"]),
        ("tok😀", &["pattern"]),
        ("t o\u{1}é", &["whitespace", "control_char", "pattern"]),
    ];
    for (token, codes) in cases {
        let issues = AccessToken::parse(token).unwrap_err();
        let got: Vec<&str> = issues.iter().map(|i| i.code.as_str()).collect();
        assert_eq!(&got, codes, "{token:?}");
        for issue in &issues {
            assert_eq!(issue.path, "accessToken");
            assert!(issue.message.len() > 30, "{}", issue.message);
        }
    }
    let long = "a".repeat(MAX_ACCESS_TOKEN_LEN + 1);
    let issues = AccessToken::parse(&long).unwrap_err();
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].code, "too_large");
    let long_spaced = format!("{} ", "a".repeat(MAX_ACCESS_TOKEN_LEN));
    let codes: Vec<&str> = AccessToken::parse(&long_spaced)
        .unwrap_err()
        .iter()
        .map(|i| i.code.as_str())
        .collect();
    assert_eq!(codes, vec!["too_large", "whitespace"]);
}

#[test]
fn redact_url_token_masks_every_access_token_param() {
    let cases = [
        (
            "https://h/p?access_token=abc",
            "https://h/p?access_token=***",
        ),
        (
            "https://h/p?a=1&access_token=abc&b=2",
            "https://h/p?a=1&access_token=***&b=2",
        ),
        (
            "https://h/p?ACCESS_TOKEN=abc#frag",
            "https://h/p?ACCESS_TOKEN=***#frag",
        ),
        (
            "https://h/p?access_token=a&access_token=b",
            "https://h/p?access_token=***&access_token=***",
        ),
        (
            "https://h/p?component_access_token=a%20b",
            "https://h/p?component_access_token=***",
        ),
        ("https://h/p?access_token=", "https://h/p?access_token="),
        ("https://h/p?x=1", "https://h/p?x=1"),
        ("", ""),
    ];
    for (input, expected) in cases {
        assert_eq!(redact_url_token(input), expected, "{input}");
    }
}

#[test]
fn redact_text_masks_forms_of_each_secret() {
    assert_eq!(redact_text("a SECRET b", &["SECRET"]), "a *** b");
    assert_eq!(redact_text("a/b a%2Fb a%2fb", &["a/b"]), "*** *** ***");
    assert_eq!(redact_text(r#"say \"hi\""#, &[r#"say "hi""#]), "***");
    assert_eq!(redact_text("nothing here", &["", "zzz"]), "nothing here");
    // Longer secrets are masked first, whole.
    assert_eq!(redact_text("abcdef", &["cd", "abcdef"]), "***");
    assert_eq!(
        redact_text("see access_token=xyz, and more", &[]),
        "see access_token=***, and more"
    );
    assert_eq!(
        redact_text(
            r#"{"component_access_token" : "tok\"en", "expires_in": 7200}"#,
            &[]
        ),
        r#"{"component_access_token" : "***", "expires_in": 7200}"#
    );
    assert_eq!(
        redact_text(r#"{"component_appsecret":"s3cr3t"}"#, &[]),
        r#"{"component_appsecret":"***"}"#
    );
    assert_eq!(redact_text(r#""password": 12"#, &[]), r#""password": 12"#);
    assert_eq!(
        redact_text(r#""password":"unterminated"#, &[]),
        r#""password":"***"#
    );
}

#[test]
fn redact_body_keeps_order_and_masks_passwords() {
    assert_eq!(
        redact_body(
            r#"{"z":1,"es_info":{"port":1,"password":"pw","account":"a"},"a":[1.5,null,true]}"#
        ),
        r#"{"z":1,"es_info":{"port":1,"password":"***","account":"a"},"a":[1.5,null,true]}"#
    );
    assert_eq!(
        redact_body(r#"{"es_info":{"password":null}}"#),
        r#"{"es_info":{"password":null}}"#
    );
    assert_eq!(
        redact_body(r#"[{"Password":123,"access_token":"t"}]"#),
        r#"[{"Password":"***","access_token":"***"}]"#
    );
    assert_eq!(redact_body("{}"), "{}");
    let placeholder = redact_body(&format!("not json {PASSWORD}"));
    assert_clean("non-JSON body", &placeholder);
    assert!(placeholder.contains("not shown"), "{placeholder}");
    assert_clean(
        "truncated body",
        &redact_body(&format!(r#"{{"es_info":{{"password":"{PASSWORD}""#)),
    );
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(redact_body(&deep).contains("not shown"));
}

#[test]
fn snippet_is_char_safe() {
    assert_eq!(snippet("abc", 3), "abc");
    assert_eq!(snippet("abcd", 3), "abc…");
    assert_eq!(snippet("ééé", 2), "éé…");
    assert_eq!(snippet("😀😀", 1), "😀…");
    assert_eq!(snippet("", 0), "");
    assert_eq!(snippet("a", 0), "…");
    assert_eq!(SNIPPET_MAX_CHARS, 256);
    // A secret straddling the cap is redacted before the cut, so no piece of it is left.
    let s = redacted_snippet(&format!("{}{TOKEN}", "é".repeat(250)), &[TOKEN]);
    assert_eq!(s, format!("{}***", "é".repeat(250)));
    let s = redacted_snippet(
        &format!("{}{TOKEN}{}", "é".repeat(250), "x".repeat(20)),
        &[TOKEN],
    );
    assert_eq!(s, format!("{}***xxx…", "é".repeat(250)));
    assert_eq!(s.chars().count(), 257);
}

proptest! {
    #[test]
    fn access_token_parse_never_panics(s in any::<String>()) {
        let _ = AccessToken::parse(&s);
    }

    #[test]
    fn access_token_parse_accepts_exactly_printable_ascii(s in "\\PC{0,40}") {
        let valid = !s.is_empty() && s.len() <= MAX_ACCESS_TOKEN_LEN
            && s.bytes().all(|b| b.is_ascii_graphic());
        prop_assert_eq!(AccessToken::parse(&s).is_ok(), valid);
    }

    #[test]
    fn access_token_issues_never_quote_the_token(rest in any::<String>()) {
        let token = format!("QZXJ{rest}");
        if let Err(issues) = AccessToken::parse(&token) {
            for issue in issues {
                prop_assert!(!issue.message.contains("QZXJ"));
            }
        }
    }

    #[test]
    fn redact_text_removes_the_secret(
        secret in "[A-Za-z0-9_/+=-]{6,40}",
        before in any::<String>(),
        after in any::<String>(),
    ) {
        let text = format!("{before}{secret}{after}");
        let out = redact_text(&text, &[&secret]);
        prop_assert!(!out.contains(&secret));
    }

    #[test]
    fn redacted_url_never_holds_the_token(token in "TKN\\PC{5,50}") {
        let built = build_request(&request(), &AccessToken::new(token.clone()), &Endpoint::default());
        prop_assert!(built.redacted_url().ends_with("?access_token=***"));
        prop_assert!(!to_curl(&built, false).contains(&token));
    }

    #[test]
    fn redact_helpers_never_panic(text in any::<String>(), secret in any::<String>()) {
        let _ = redact_text(&text, &[&secret]);
        let _ = redact_url_token(&text);
        let _ = redact_body(&text);
        let _ = snippet(&text, 5);
    }
}

#[test]
fn a_secret_echoed_in_an_html_page_is_masked() {
    let secret = r#"pw"<&>'x"#;
    for page in [
        "<p>pw&quot;&lt;&amp;&gt;&#39;x</p>",
        "<p>pw&quot;&lt;&amp;&gt;&#x27;x</p>",
    ] {
        let out = wx_cloudbase_service::redact::redact_text(page, &[secret]);
        assert_eq!(out, "<p>***</p>", "{page}");
    }
}
