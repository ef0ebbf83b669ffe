#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Built requests (golden URL, headers and body bytes), token encoding, curl rendering and
//! base URL parsing.

use proptest::prelude::*;
use std::process::Command;
use wx_cloudbase_service::base_url::{BaseUrl as Endpoint, DEFAULT_BASE_URL};
use wx_cloudbase_service::calls::{CreateServiceRequest, EsInfo, LogType, VpcInfo, CREATE_SERVICE};
use wx_cloudbase_service::engine::{self, Body, Rules};
use wx_cloudbase_service::request::{to_curl, HttpRequest};
use wx_cloudbase_service::{AccessToken, Secret};

const PATH: &str = "/componenttcb/establishcloudbaserunserver";

const URL: &str = "https://api.weixin.qq.com/componenttcb/establishcloudbaserunserver";

fn minimal() -> CreateServiceRequest {
    CreateServiceRequest {
        env_id: "prod-1a2b3c4d5e6f7a8b".into(),
        service_name: "api".into(),
        is_public: false,
        image_repo: None,
        remark: None,
        es_info: None,
        log_type: None,
        vpc_info: None,
        public_access: None,
    }
}

fn full() -> CreateServiceRequest {
    CreateServiceRequest {
        env_id: "prod-1a2b3c4d5e6f7a8b".into(),
        service_name: "my-service".into(),
        is_public: true,
        image_repo: Some("ccr.ccs.tencentyun.com/ns/repo".into()),
        remark: Some("first".into()),
        es_info: Some(EsInfo {
            id: Some(7),
            secret_name: Some("es-secret".into()),
            ip: Some("10.0.0.8".into()),
            port: Some(9200),
            index: Some("logs".into()),
            account: Some("elastic".into()),
            password: Some(Secret::new("pw")),
        }),
        log_type: Some(LogType::Es),
        vpc_info: Some(VpcInfo {
            vpc_id: Some("vpc-abcd1234".into()),
            subnet_ids: Some(vec!["subnet-1111aaaa".into(), "subnet-2222bbbb".into()]),
            create_type: Some(2),
        }),
        public_access: Some(1),
    }
}

const FULL_BODY: &str = concat!(
    r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"my-service","is_public":true,"#,
    r#""image_repo":"ccr.ccs.tencentyun.com/ns/repo","remark":"first","#,
    r#""es_info":{"id":7,"secret_name":"es-secret","ip":"10.0.0.8","port":9200,"#,
    r#""index":"logs","account":"elastic","password":"pw"},"log_type":"es","#,
    r#""vpc_info":{"vpc_id":"vpc-abcd1234","subnet_ids":["subnet-1111aaaa","subnet-2222bbbb"],"#,
    r#""create_type":2},"public_access":1}"#
);

/// The request built from the typed request's JSON (the struct's order is the declared
/// order, so a valid request's JSON already is its canonical body).
fn build(req: &CreateServiceRequest, token: &str) -> HttpRequest {
    build_at(req, token, &Endpoint::default())
}

fn build_at(req: &CreateServiceRequest, token: &str, endpoint: &Endpoint) -> HttpRequest {
    let text = serde_json::to_string(req).unwrap();
    let checked = engine::check(&CREATE_SERVICE, &text, &Rules::default());
    if checked.report.ok {
        assert_eq!(checked.body, Some(Body::Input), "{text}");
    }
    wx_cloudbase_service::request::build_request(
        &CREATE_SERVICE,
        text,
        &AccessToken::new(token),
        endpoint,
    )
}

#[test]
fn constants() {
    assert_eq!(DEFAULT_BASE_URL, "https://api.weixin.qq.com");
    assert_eq!(PATH, "/componenttcb/establishcloudbaserunserver");
    assert_eq!(Endpoint::default().as_str(), DEFAULT_BASE_URL);
    assert_eq!(Endpoint::default().to_string(), DEFAULT_BASE_URL);
}

#[test]
fn golden_minimal() {
    let built = build(&minimal(), "TOKEN123");
    assert_eq!(built.method, "POST");
    assert_eq!(built.url, format!("{URL}?access_token=TOKEN123"));
    assert_eq!(
        built.headers,
        vec![("content-type", "application/json".to_string())]
    );
    assert_eq!(
        built.body.as_bytes(),
        br#"{"env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"api","is_public":false}"#
    );
}

#[test]
fn golden_full() {
    let built = build(&full(), "TOKEN123");
    assert_eq!(built.method, "POST");
    assert_eq!(built.url, format!("{URL}?access_token=TOKEN123"));
    assert_eq!(
        built.headers,
        vec![("content-type", "application/json".to_string())]
    );
    assert_eq!(built.body.as_bytes(), FULL_BODY.as_bytes());
    assert_eq!(
        built.redacted_body(),
        FULL_BODY.replace(r#""password":"pw""#, r#""password":"***""#)
    );
    assert_eq!(built.redacted_url(), format!("{URL}?access_token=***"));
}

#[test]
fn body_reparses_to_the_same_request() {
    for req in [minimal(), full()] {
        let built = build(&req, "t");
        let back: CreateServiceRequest = serde_json::from_str(&built.body).unwrap();
        assert_eq!(back, req);
    }
}

#[test]
fn token_is_percent_encoded() {
    let cases = [
        ("a&b#c d+é", "a%26b%23c%20d%2B%C3%A9"),
        ("AZaz09-._~", "AZaz09-._~"),
        ("a/b?c=d", "a%2Fb%3Fc%3Dd"),
        ("100%", "100%25"),
        ("x\ny\t", "x%0Ay%09"),
        ("'\"<>\\", "%27%22%3C%3E%5C"),
        ("*!()", "%2A%21%28%29"),
        ("", ""),
    ];
    for (token, encoded) in cases {
        let built = build(&minimal(), token);
        assert_eq!(
            built.url,
            format!("{URL}?access_token={encoded}"),
            "token {token:?}"
        );
    }
}

#[test]
fn endpoint_prefix_and_port_are_kept() {
    let endpoint = Endpoint::parse("http://127.0.0.1:8080/gw/").unwrap();
    let built = build_at(&minimal(), "t", &endpoint);
    assert_eq!(
        built.url,
        "http://127.0.0.1:8080/gw/componenttcb/establishcloudbaserunserver?access_token=t"
    );
}

#[test]
fn debug_is_redacted() {
    let built = build(&full(), "SECRET-TOKEN");
    let debug = format!("{built:?}");
    assert!(!debug.contains("SECRET-TOKEN"), "{debug}");
    assert!(!debug.contains(r#"\"password\":\"pw\""#), "{debug}");
    assert!(debug.contains("access_token=***"), "{debug}");
    assert!(debug.contains(r#"\"password\":\"***\""#), "{debug}");
    assert!(
        debug.starts_with("HttpRequest { method: \"POST\""),
        "{debug}"
    );
}

#[test]
fn curl_exact_redacted_and_revealed() {
    let built = build(&minimal(), "TOK");
    assert_eq!(
        to_curl(&built, false),
        "curl -X POST 'https://api.weixin.qq.com/componenttcb/establishcloudbaserunserver?access_token=***' \
         -H 'content-type: application/json' \
         --data-raw '{\"env_id\":\"prod-1a2b3c4d5e6f7a8b\",\"service_name\":\"api\",\"is_public\":false}'"
    );
    assert_eq!(
        to_curl(&built, true),
        "curl -X POST 'https://api.weixin.qq.com/componenttcb/establishcloudbaserunserver?access_token=TOK' \
         -H 'content-type: application/json' \
         --data-raw '{\"env_id\":\"prod-1a2b3c4d5e6f7a8b\",\"service_name\":\"api\",\"is_public\":false}'"
    );

    let built = build(&full(), "TOK");
    let redacted = FULL_BODY.replace(r#""password":"pw""#, r#""password":"***""#);
    assert_eq!(
        to_curl(&built, false),
        format!(
            "curl -X POST '{URL}?access_token=***' -H 'content-type: application/json' \
             --data-raw '{redacted}'"
        )
    );
    assert_eq!(
        to_curl(&built, true),
        format!(
            "curl -X POST '{URL}?access_token=TOK' -H 'content-type: application/json' \
             --data-raw '{FULL_BODY}'"
        )
    );
}

#[test]
fn curl_quotes_a_single_quote() {
    let mut req = minimal();
    req.remark = Some("it's".into());
    let built = build(&req, "TOK");
    assert!(to_curl(&built, true).ends_with(r#""remark":"it'\''s"}'"#));
}

/// Runs the rendered command in `sh` with `curl` replaced by a function printing its
/// arguments NUL-separated, and returns them.
fn shell_args(command: &str) -> Vec<String> {
    let script = format!("curl() {{ printf '%s\\0' \"$@\"; }}\n{command}");
    let out = Command::new("sh").arg("-c").arg(script).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    let mut args: Vec<String> = text.split('\0').map(str::to_owned).collect();
    assert_eq!(args.pop().as_deref(), Some(""));
    args
}

#[test]
fn curl_command_survives_the_shell() {
    let mut req = full();
    req.remark = Some("it's $HOME `id` $(id) \"q\" \\ ! ' '' * ~ %".into());
    req.es_info.as_mut().unwrap().password = Some(Secret::new("p'w $x"));
    let built = build(&req, "a'b c$d");
    for reveal in [false, true] {
        let (url, body) = if reveal {
            (built.url.clone(), built.body.clone())
        } else {
            (built.redacted_url(), built.redacted_body())
        };
        assert_eq!(
            shell_args(&to_curl(&built, reveal)),
            vec![
                "-X".to_string(),
                "POST".into(),
                url,
                "-H".into(),
                "content-type: application/json".into(),
                "--data-raw".into(),
                body,
            ],
            "reveal {reveal}"
        );
    }
    // The revealed body is the real one, byte for byte.
    let args = shell_args(&to_curl(&built, true));
    let back: CreateServiceRequest = serde_json::from_str(&args[6]).unwrap();
    assert_eq!(back, req);
}

#[test]
fn endpoint_accepts() {
    let cases = [
        ("https://api.weixin.qq.com", "https://api.weixin.qq.com"),
        ("https://api.weixin.qq.com/", "https://api.weixin.qq.com"),
        ("HTTPS://API.Weixin.QQ.com", "https://api.weixin.qq.com"),
        (
            "https://gw.example.com/wx/Proxy///",
            "https://gw.example.com/wx/Proxy",
        ),
        ("https://example.com:8443/p", "https://example.com:8443/p"),
        ("https://example.com:443", "https://example.com:443"),
        ("https://h/a%20b/c-d_e.f~g", "https://h/a%20b/c-d_e.f~g"),
        ("https://my_host.internal", "https://my_host.internal"),
        ("https://10.0.0.1:9000", "https://10.0.0.1:9000"),
        ("https://[2001:DB8::1]", "https://[2001:db8::1]"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
        ("http://127.1.2.3", "http://127.1.2.3"),
        ("http://localhost:3000/", "http://localhost:3000"),
        ("http://LOCALHOST", "http://localhost"),
        ("HTTP://localhost/wx", "http://localhost/wx"),
        ("http://[::1]:9000", "http://[::1]:9000"),
        ("http://[0:0:0:0:0:0:0:1]", "http://[0:0:0:0:0:0:0:1]"),
    ];
    for (input, normalised) in cases {
        let endpoint = Endpoint::parse(input).unwrap_or_else(|e| panic!("{input}: {e:?}"));
        assert_eq!(endpoint.as_str(), normalised, "{input}");
        // Normalising is idempotent.
        assert_eq!(Endpoint::parse(normalised).unwrap(), endpoint);
    }
}

#[test]
fn endpoint_rejects() {
    let cases = [
        ("", "empty"),
        (" https://a.com", "whitespace"),
        ("https://a.com ", "whitespace"),
        ("https://a.com\n", "whitespace"),
        ("https://a .com", "whitespace"),
        ("https://h/a b", "whitespace"),
        ("http://example.com", "pattern"),
        ("http://10.0.0.1", "pattern"),
        ("http://127.0.0.1.evil.com", "pattern"),
        ("http://localhost.evil.com", "pattern"),
        ("http://[::2]", "pattern"),
        ("javascript:alert(1)", "pattern"),
        ("data:text/html,x", "pattern"),
        ("https://user:pw@host", "pattern"),
        ("https://user@host", "pattern"),
        ("https://h/?a=1", "pattern"),
        ("https://h?a=1", "pattern"),
        ("https://h/#x", "pattern"),
        ("https://h#", "pattern"),
        ("ftp://h", "pattern"),
        ("ws://h", "pattern"),
        ("//api.weixin.qq.com", "pattern"),
        ("https:/api.weixin.qq.com", "pattern"),
        ("api.weixin.qq.com", "pattern"),
        ("https://", "pattern"),
        ("https:///path", "pattern"),
        ("https://:443", "pattern"),
        ("https://h:", "pattern"),
        ("https://h:0", "pattern"),
        ("https://h:65536", "pattern"),
        ("https://h:99999999999999999999", "pattern"),
        ("https://h:+80", "pattern"),
        ("https://h:8a", "pattern"),
        ("https://h:1:2", "pattern"),
        ("https://[::1", "pattern"),
        ("https://[zz]", "pattern"),
        ("https://[::1]x", "pattern"),
        ("https://[fe80::1%25eth0]", "pattern"),
        ("http://127.1", "pattern"),
        ("https://0x7f.1", "pattern"),
        ("https://1.2.3.256", "pattern"),
        ("https://127.000.0.1", "pattern"),
        ("https://-a.com", "pattern"),
        ("https://a-.com", "pattern"),
        ("https://a..com", "pattern"),
        ("https://.a.com", "pattern"),
        ("https://a.com.", "pattern"),
        ("https://a!b.com", "pattern"),
        ("https://h/a/../b", "pattern"),
        ("https://h/./b", "pattern"),
        ("https://h/%2e%2E/b", "pattern"),
        ("https://h//x", "pattern"),
        ("https://h/a//b", "pattern"),
        ("https://h\\@evil.com", "pattern"),
        ("https://h/%zz", "pattern"),
        ("https://h/%4", "pattern"),
        ("https://h/<x>", "pattern"),
        ("https://h/\"x", "pattern"),
        ("https://h\u{0}", "pattern"),
        ("https://h/\u{7f}", "pattern"),
        ("https://exämple.com", "pattern"),
    ];
    for (input, code) in cases {
        let issues = Endpoint::parse(input).expect_err(input);
        assert_eq!(issues.len(), 1, "{input}: {issues:?}");
        let issue = &issues[0];
        assert_eq!(issue.path, "baseUrl", "{input}");
        assert_eq!(issue.code, code, "{input}: {}", issue.message);
        assert!(issue.message.starts_with("baseUrl") || issue.message.starts_with("http://"));
        assert!(issue.message.len() > 30, "{input}: {}", issue.message);
    }
}

#[test]
fn endpoint_messages_say_how_to_fix() {
    let message = |input: &str| Endpoint::parse(input).unwrap_err()[0].message.clone();
    assert!(message("http://example.com").contains("use https://"));
    assert!(message("javascript:alert(1)").contains("https://"));
    assert!(message("https://user:pw@host").contains("remove it"));
    assert!(!message("https://user:hunter2@host").contains("hunter2"));
    assert!(message("https://h/?a=1").contains("remove"));
    assert!(message("https://h/#x").contains("remove"));
    assert!(message("ftp://h").contains("https://"));
}

fn opt<T: std::fmt::Debug>(s: impl Strategy<Value = T>) -> impl Strategy<Value = Option<T>> {
    proptest::option::of(s)
}

fn any_request() -> impl Strategy<Value = CreateServiceRequest> {
    let text = || any::<String>();
    let es = (
        opt(any::<u64>()),
        opt(text()),
        opt(text()),
        opt(any::<u16>()),
        opt(text()),
        opt(text()),
        opt(text()),
    )
        .prop_map(
            |(id, secret_name, ip, port, index, account, password)| EsInfo {
                id,
                secret_name,
                ip,
                port,
                index,
                account,
                password: password.map(Secret::new),
            },
        );
    let vpc = (
        opt(text()),
        opt(proptest::collection::vec(text(), 0..4)),
        opt(any::<u8>()),
    )
        .prop_map(|(vpc_id, subnet_ids, create_type)| VpcInfo {
            vpc_id,
            subnet_ids,
            create_type,
        });
    (
        (text(), text(), any::<bool>(), opt(text()), opt(text())),
        (
            opt(es),
            opt(prop_oneof![Just(LogType::Es), Just(LogType::Cls)]),
            opt(vpc),
            opt(any::<u8>()),
        ),
    )
        .prop_map(
            |(
                (env_id, service_name, is_public, image_repo, remark),
                (es_info, log_type, vpc_info, public_access),
            )| CreateServiceRequest {
                env_id,
                service_name,
                is_public,
                image_repo,
                remark,
                es_info,
                log_type,
                vpc_info,
                public_access,
            },
        )
}

proptest! {
    #[test]
    fn endpoint_parse_never_panics(s in any::<String>()) {
        if let Ok(endpoint) = Endpoint::parse(&s) {
            prop_assert!(!endpoint.as_str().ends_with('/'));
            prop_assert_eq!(Endpoint::parse(endpoint.as_str()).unwrap(), endpoint);
        }
    }

    #[test]
    fn endpoint_parse_never_panics_on_url_like_input(
        s in "(https?|HTTP|ftp)?(:|://)?[a-z0-9@:\\[\\]%./?#_ -]{0,40}"
    ) {
        if let Ok(endpoint) = Endpoint::parse(&s) {
            let base = endpoint.as_str();
            prop_assert!(base.starts_with("https://") || base.starts_with("http://"));
            prop_assert!(!base.contains(['?', '#', '@', ' ']));
        }
    }

    #[test]
    fn built_body_reparses_to_the_same_request(req in any_request(), token in any::<String>()) {
        let built = build(&req, &token);
        let back: CreateServiceRequest = serde_json::from_str(&built.body).unwrap();
        prop_assert_eq!(back, req);
        prop_assert!(built.redacted_url().ends_with("?access_token=***")
            || built.url.ends_with("?access_token="));
    }
}

#[test]
fn from_parts_round_trips_a_built_request() {
    let built = build(&full(), "TOK");
    let headers: Vec<(String, String)> = built
        .headers
        .iter()
        .map(|(n, v)| (n.to_uppercase(), v.clone()))
        .collect();
    let back = HttpRequest::from_parts("post", built.url.clone(), headers, built.body.clone());
    assert_eq!(back, built);
    assert_eq!(to_curl(&back, false), to_curl(&built, false));
}

#[test]
fn from_parts_keeps_only_known_parts() {
    let http = HttpRequest::from_parts(
        "BREW",
        "https://h/p?access_token=t",
        vec![
            ("authorization".to_string(), "Bearer s3cr3t".to_string()),
            ("content-type".to_string(), "text/plain".to_string()),
        ],
        "x",
    );
    assert_eq!(http.method, "POST");
    assert_eq!(
        http.headers,
        vec![("content-type", "text/plain".to_string())]
    );
    let curl = to_curl(&http, false);
    assert!(!curl.contains("s3cr3t"), "{curl}");
    assert!(
        curl.contains("--data-raw '<body of 1 bytes not shown"),
        "{curl}"
    );
    assert_eq!(
        HttpRequest::from_parts("get", "u", vec![], "").method,
        "GET"
    );
}
