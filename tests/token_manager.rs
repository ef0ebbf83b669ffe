//! The component_access_token manager's pure logic: option checks, the token request and
//! its answer, the retry rule, and the cache state machine (single-flight, forced refresh,
//! the store rule).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use wx_cloudbase_service::base_url::BaseUrl as Endpoint;
use wx_cloudbase_service::errcode::RetryClass;
use wx_cloudbase_service::options::{MAX_RETRIES, REFRESH_MARGIN_SECONDS, TIMEOUT_MS};
use wx_cloudbase_service::retry::Outcome;
use wx_cloudbase_service::token_manager::*;
use wx_cloudbase_service::{AccessToken, Error, Secret, TransportError, TransportKind};

const SECRET: &str = "CANARY-SECRET-51d0";
const TICKET: &str = "ticket@@@CANARY-TICKET-8e2f";
const TOKEN: &str = "CANARY-TOKEN-a7c3";

fn credentials() -> Credentials {
    Credentials::parse("wx1234567890abcdef", SECRET).unwrap()
}

fn token(s: &str) -> AccessToken {
    AccessToken::new(s)
}

fn wx_code(err: &Error) -> i64 {
    match err {
        Error::WxApi(e) => e.errcode,
        other => panic!("expected WxApi, got {other:?}"),
    }
}

fn transport_kind(err: &Error) -> TransportKind {
    match err {
        Error::Transport(t) => t.kind,
        other => panic!("expected Transport, got {other:?}"),
    }
}

fn assert_no_secret(text: &str) {
    for secret in [SECRET, TICKET, TOKEN, "CANARY"] {
        assert!(!text.contains(secret), "{secret} leaked in: {text}");
    }
}

// ---------------------------------------------------------------------------------------
// Options

#[test]
fn credentials_are_checked_and_the_secret_never_printed() {
    let c = credentials();
    assert_eq!(c.app_id(), "wx1234567890abcdef");
    assert_eq!(c.app_secret().expose(), SECRET);
    let debug = format!("{c:?}");
    assert!(debug.contains("wx1234567890abcdef"));
    assert_no_secret(&debug);

    let codes = |id: &str, secret: &str| -> Vec<(String, &'static str)> {
        Credentials::parse(id, secret)
            .unwrap_err()
            .into_iter()
            .map(|i| {
                assert_no_secret(&i.message);
                (i.path, i.code.as_str())
            })
            .collect()
    };
    assert_eq!(
        codes("", "CANARY-x"),
        vec![("componentAppId".to_string(), "empty")]
    );
    assert_eq!(
        codes("wx1", "CANARY secret"),
        vec![("componentAppSecret".to_string(), "whitespace")]
    );
    assert_eq!(
        codes("wx1", "CANARY\n"),
        vec![("componentAppSecret".to_string(), "whitespace")]
    );
    assert_eq!(
        codes("wx1", "CANARY\u{7f}"),
        vec![("componentAppSecret".to_string(), "pattern")]
    );
    assert_eq!(
        codes("wx—1", &"CANARY".repeat(100)),
        vec![
            ("componentAppId".to_string(), "pattern"),
            ("componentAppSecret".to_string(), "too_large")
        ]
    );
}

#[test]
fn the_ticket_is_checked_without_being_quoted() {
    assert_eq!(check_ticket(TICKET).unwrap().expose(), TICKET);
    for bad in ["", " CANARY", "CANARY\t", "CANARY-é"] {
        let issue = check_ticket(bad).unwrap_err();
        assert_eq!(issue.path, "getVerifyTicket");
        assert_no_secret(&issue.message);
    }
    assert_eq!(
        check_ticket(&"CANARY".repeat(200)).unwrap_err().code,
        "too_large"
    );
}

#[test]
fn numeric_options_have_defaults_and_ranges() {
    // The options' defaults live with them (crate::options), shared with the client.
    assert_eq!(REFRESH_MARGIN_SECONDS.default, 600.0);
    assert_eq!(REFRESH_MARGIN_SECONDS.check(0.0).unwrap(), 0.0);
    assert_eq!(REFRESH_MARGIN_SECONDS.check(3600.0).unwrap(), 3600.0);
    for bad in [-1.0, 3601.0, f64::NAN, f64::INFINITY] {
        assert_eq!(REFRESH_MARGIN_SECONDS.check(bad).unwrap_err().code, "range");
    }
    assert_eq!(TIMEOUT_MS.default, 15_000.0);
    assert_eq!(TIMEOUT_MS.check(1.0).unwrap(), 1.0);
    for bad in [0.0, -5.0, 600_001.0, f64::NAN] {
        assert_eq!(TIMEOUT_MS.check(bad).unwrap_err().path, "timeoutMs");
    }
    assert_eq!(MAX_RETRIES.default, 2.0);
    assert_eq!(MAX_RETRIES.check(0.0).unwrap(), 0.0);
    assert_eq!(MAX_RETRIES.check(10.0).unwrap(), 10.0);
    for bad in [-1.0, 11.0, 1.5, f64::NAN] {
        assert_eq!(MAX_RETRIES.check(bad).unwrap_err().path, "maxRetries");
    }
}

#[test]
fn origin_is_scheme_host_and_port() {
    assert_eq!(Endpoint::default().origin(), "https://api.weixin.qq.com");
    let e = Endpoint::parse("http://127.0.0.1:8080/prefix/x").unwrap();
    assert_eq!(e.origin(), "http://127.0.0.1:8080");
}

// ---------------------------------------------------------------------------------------
// The request

#[test]
fn the_request_posts_the_three_fields_and_debug_hides_secrets() {
    let endpoint = Endpoint::parse("http://127.0.0.1:9/base").unwrap();
    let req = build_token_request(&endpoint, &credentials(), &Secret::new(TICKET)).unwrap();
    assert_eq!(
        req.url(),
        "http://127.0.0.1:9/base/cgi-bin/component/api_component_token"
    );
    let body: serde_json::Value = serde_json::from_str(req.body().expose()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "component_appid": "wx1234567890abcdef",
            "component_appsecret": SECRET,
            "component_verify_ticket": TICKET,
        })
    );
    let http = req.to_http();
    assert_eq!(http.method, "POST");
    assert_eq!(http.url, req.url());
    assert_eq!(
        http.headers,
        vec![("content-type", "application/json".to_owned())]
    );
    assert_eq!(http.body, req.body().expose());
    assert_no_secret(&format!("{req:?}"));
    // A ticket with JSON-special characters is escaped, not spliced.
    let odd = build_token_request(&endpoint, &credentials(), &Secret::new("a\"b\\c")).unwrap();
    let odd: serde_json::Value = serde_json::from_str(odd.body().expose()).unwrap();
    assert_eq!(odd["component_verify_ticket"], "a\"b\\c");
}

// ---------------------------------------------------------------------------------------
// The answer

const SECRETS: &[&str] = &[SECRET, TICKET];

fn parse(status: u16, body: &str) -> Result<IssuedToken, Error> {
    parse_token_response(status, body.as_bytes(), SECRETS)
}

#[test]
fn a_token_answer_parses() {
    let ok = parse(
        200,
        &format!(r#"{{"component_access_token":"{TOKEN}","expires_in":7200}}"#),
    )
    .unwrap();
    assert_eq!(ok.token.expose(), TOKEN);
    assert_eq!(ok.expires_in_seconds, 7200.0);
    // errcode 0 beside the token, a BOM, a float that is a whole number: all fine.
    let ok = parse(
        200,
        &format!("\u{feff}{{\"errcode\":0,\"component_access_token\":\"{TOKEN}\",\"expires_in\":7200.0}}"),
    )
    .unwrap();
    assert_eq!(ok.expires_in_seconds, 7200.0);
}

#[test]
fn every_token_endpoint_errcode_is_a_wx_api_error_with_a_hint() {
    let expect = [
        (
            61004,
            "access_clientip_not_registered",
            RetryClass::FixRequest,
        ),
        (
            61005,
            "component_verify_ticket_expired",
            RetryClass::FixRequest,
        ),
        (
            61006,
            "component_verify_ticket_invalid",
            RetryClass::FixRequest,
        ),
        (40125, "invalid_appsecret", RetryClass::FixRequest),
        (45009, "daily_quota_reached", RetryClass::Quota),
        (-1, "system_busy", RetryClass::Retry),
    ];
    for (code, name, class) in expect {
        let err = parse(200, &format!(r#"{{"errcode":{code},"errmsg":"x"}}"#)).unwrap_err();
        let Error::WxApi(wx) = &err else {
            panic!("{code}: {err:?}")
        };
        assert_eq!(wx.errcode, code);
        assert_eq!(wx.errname, Some(name));
        assert_eq!(wx.class, class);
        assert!(!wx.hint.is_empty());
        assert_eq!(wx.retryable(), code == -1);
        assert!(err.to_string().contains(name), "{err}");
    }
    let unknown = parse(200, r#"{"errcode":99999,"errmsg":"odd"}"#).unwrap_err();
    let Error::WxApi(wx) = unknown else { panic!() };
    assert_eq!(wx.errname, None);
    assert_eq!(wx.hint, UNKNOWN_TOKEN_ERRCODE_HINT);
    assert!(!wx.hint.contains("service"));
}

#[test]
fn secrets_echoed_by_the_endpoint_are_masked() {
    let errmsg =
        format!("ticket {TICKET} secret {SECRET} body {{\"component_appsecret\":\"{SECRET}x\"}}");
    let body = serde_json::json!({"errcode": 61006, "errmsg": errmsg}).to_string();
    let err = parse(200, &body).unwrap_err();
    assert_eq!(wx_code(&err), 61006);
    assert_no_secret(&err.to_string());
    assert_no_secret(&format!("{err:?}"));

    // A token answer that is broken elsewhere is quoted with the token masked.
    let bad = format!(r#"{{"component_access_token":"{TOKEN}","expires_in":"soon"}}"#);
    let err = parse(200, &bad).unwrap_err();
    assert_eq!(transport_kind(&err), TransportKind::BadResponse);
    assert!(err.to_string().contains("expires_in"), "{err}");
    assert_no_secret(&err.to_string());

    let page = format!("<html>{SECRET} {TICKET}</html>");
    let err = parse(502, &page).unwrap_err();
    assert_no_secret(&err.to_string());
}

#[test]
fn broken_answers_are_bad_responses_or_http_status_errors() {
    for (status, body, kind) in [
        (500, "oops", TransportKind::HttpStatus),
        (404, "", TransportKind::HttpStatus),
        (200, "", TransportKind::BadResponse),
        (200, "not json", TransportKind::BadResponse),
        (200, "[1]", TransportKind::BadResponse),
        (200, r#"{"errcode":"61006"}"#, TransportKind::BadResponse),
        (200, r#"{"errcode":1.5}"#, TransportKind::BadResponse),
        (200, r#"{"expires_in":7200}"#, TransportKind::BadResponse),
        (
            200,
            r#"{"component_access_token":"","expires_in":7200}"#,
            TransportKind::BadResponse,
        ),
        (
            200,
            r#"{"component_access_token":"a b","expires_in":7200}"#,
            TransportKind::BadResponse,
        ),
        (
            200,
            r#"{"component_access_token":"t","expires_in":0}"#,
            TransportKind::BadResponse,
        ),
        (
            200,
            r#"{"component_access_token":"t","expires_in":-5}"#,
            TransportKind::BadResponse,
        ),
        (
            200,
            r#"{"component_access_token":"t","expires_in":1.5}"#,
            TransportKind::BadResponse,
        ),
        (
            200,
            r#"{"component_access_token":"t","expires_in":1e12}"#,
            TransportKind::BadResponse,
        ),
        (
            200,
            r#"{"component_access_token":"t"}"#,
            TransportKind::BadResponse,
        ),
    ] {
        let err = parse(status, body).unwrap_err();
        assert_eq!(transport_kind(&err), kind, "{status} {body}");
        let Error::Transport(t) = &err else { panic!() };
        assert_eq!(t.status, Some(status));
        assert!(!t.outcome_unknown, "getting a token creates nothing");
        assert!(!err.to_string().contains("service"), "{err}");
    }
    let err = parse_token_response(200, &[0xff, 0xfe], SECRETS).unwrap_err();
    assert_eq!(transport_kind(&err), TransportKind::BadResponse);
}

proptest! {
    #[test]
    fn parsing_any_answer_never_panics_nor_leaks(
        status in 0u16..1000,
        prefix in ".{0,40}",
        suffix in ".{0,40}",
        bytes in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        let text = format!("{prefix}{SECRET}{suffix}{TICKET}");
        for body in [text.as_bytes(), bytes.as_slice()] {
            if let Err(err) = parse_token_response(status, body, SECRETS) {
                let shown = format!("{err} {err:?}");
                prop_assert!(!shown.contains(SECRET) && !shown.contains(TICKET));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Retries and failure messages

fn transport(kind: TransportKind, status: Option<u16>) -> Error {
    Error::Transport(TransportError {
        kind,
        message: "a service may have been created".into(),
        status,
        outcome_unknown: true,
    })
}

#[test]
fn transient_failures_are_retried_within_budget_and_deadline() {
    let busy = parse(200, r#"{"errcode":-1}"#).unwrap_err();
    assert_eq!(
        retry_delay(Outcome::Failed(&busy), 0, 2, 60_000.0, 0.5),
        Some(250.0)
    );
    assert_eq!(
        retry_delay(Outcome::Failed(&busy), 1, 2, 60_000.0, 0.5),
        Some(500.0)
    );
    assert_eq!(
        retry_delay(Outcome::Failed(&busy), 2, 2, 60_000.0, 0.5),
        None
    );
    assert_eq!(retry_delay(Outcome::Failed(&busy), 0, 2, 100.0, 0.5), None);
    assert_eq!(
        retry_delay(Outcome::NotSent, 0, 2, 60_000.0, 0.5),
        Some(250.0)
    );
    for retried in [
        transport(TransportKind::Timeout, None),
        transport(TransportKind::Network, None),
        transport(TransportKind::HttpStatus, Some(503)),
    ] {
        assert!(retry_delay(Outcome::Failed(&retried), 0, 2, 60_000.0, 0.5).is_some());
    }
    for code in [61004, 61005, 61006, 40125, 45009, 45011, 40001, 99999] {
        let err = parse(200, &format!(r#"{{"errcode":{code}}}"#)).unwrap_err();
        assert_eq!(
            retry_delay(Outcome::Failed(&err), 0, 2, 60_000.0, 0.5),
            None,
            "{code}"
        );
    }
    for not in [
        transport(TransportKind::HttpStatus, Some(404)),
        transport(TransportKind::BadResponse, Some(200)),
        transport(TransportKind::Aborted, None),
    ] {
        assert_eq!(
            retry_delay(Outcome::Failed(&not), 0, 2, 60_000.0, 0.5),
            None
        );
    }
}

#[test]
fn attempt_failures_talk_about_the_token_not_services() {
    for kind in [
        TransportKind::Timeout,
        TransportKind::Network,
        TransportKind::BadResponse,
    ] {
        let err = attempt_failure(transport(kind, None), true, "http://127.0.0.1:1", 1500.0);
        assert_eq!(transport_kind(&err), kind);
        let text = err.to_string();
        assert!(!text.contains("service"), "{text}");
        assert!(text.contains("http://127.0.0.1:1"), "{text}");
        let Error::Transport(t) = err else { panic!() };
        assert!(!t.outcome_unknown);
    }
    let kept = Error::Transport(TransportError {
        kind: TransportKind::Network,
        message: "could not connect to x (ECONNREFUSED); nothing was sent".into(),
        status: None,
        outcome_unknown: false,
    });
    let err = attempt_failure(kept, false, "x", 1.0);
    assert!(err.to_string().contains("ECONNREFUSED"));
    let wx = parse(200, r#"{"errcode":61004}"#).unwrap_err();
    assert_eq!(attempt_failure(wx.clone(), true, "x", 1.0), wx);
}

// ---------------------------------------------------------------------------------------
// The cache

const MARGIN_MS: f64 = 600_000.0;
const T0: f64 = 1_700_000_000_000.0;

/// A cache whose handles are the generation numbers, and a counter of refreshes started.
struct Harness {
    cache: TokenCache<u64>,
    started: Vec<Refresh>,
}

impl Harness {
    fn new() -> Self {
        Harness {
            cache: TokenCache::new(MARGIN_MS),
            started: Vec::new(),
        }
    }

    fn ask(&mut self, ask: &Ask, now: f64) -> Step<u64> {
        let started = &mut self.started;
        self.cache.plan(ask, now, |r| {
            started.push(r.clone());
            r.generation
        })
    }

    fn get(&mut self, now: f64) -> Step<u64> {
        self.ask(&Ask::default(), now)
    }

    fn forced(&mut self, failed: Option<&str>, now: f64) -> Step<u64> {
        self.ask(
            &Ask {
                force_refresh: true,
                failed_token: failed.map(token),
            },
            now,
        )
    }

    /// Completes the refresh in flight with `value`, sent at `sent_at`, lifetime 7200 s.
    fn complete(&mut self, value: &str, sent_at: f64) -> CachedToken {
        let refresh = self.started.last().unwrap().clone();
        let cached = self.cache.issued(
            &IssuedToken {
                token: token(value),
                expires_in_seconds: 7200.0,
            },
            sent_at,
            &refresh,
        );
        self.cache
            .finish(refresh.generation, Some(cached.clone()), sent_at);
        cached
    }
}

fn uses(step: Step<u64>) -> String {
    match step {
        Step::Use(t) => t.expose().to_owned(),
        other => panic!("expected Use, got {other:?}"),
    }
}

#[test]
fn concurrent_callers_share_one_refresh() {
    let mut h = Harness::new();
    assert_eq!(h.get(T0), Step::Started(1));
    for i in 0..99 {
        assert_eq!(h.get(T0 + f64::from(i)), Step::Join(1));
    }
    assert_eq!(h.started.len(), 1);
    h.complete("t1", T0);
    assert!(!h.cache.in_flight());
    for _ in 0..100 {
        assert_eq!(uses(h.get(T0 + 1000.0)), "t1");
    }
    assert_eq!(h.started.len(), 1);
}

#[test]
fn a_token_is_cached_until_expiry_minus_margin_then_refreshed_once() {
    let mut h = Harness::new();
    h.get(T0);
    let t1 = h.complete("t1", T0);
    assert_eq!(t1.expires_at_ms, T0 + 7_200_000.0);
    assert_eq!(t1.refresh_at_ms, T0 + 6_600_000.0);
    assert_eq!(uses(h.get(T0 + 6_599_999.0)), "t1");
    assert_eq!(h.get(T0 + 6_600_000.0), Step::Started(2));
    assert_eq!(h.get(T0 + 6_600_001.0), Step::Join(2));
    h.complete("t2", T0 + 6_600_000.0);
    assert_eq!(uses(h.get(T0 + 6_600_002.0)), "t2");
    assert_eq!(h.started.len(), 2);
}

#[test]
fn the_margin_is_at_most_half_a_short_lifetime() {
    let cache: TokenCache<u64> = TokenCache::new(MARGIN_MS);
    let refresh = Refresh {
        generation: 1,
        forced: false,
    };
    let short = cache.issued(
        &IssuedToken {
            token: token("s"),
            expires_in_seconds: 2.0,
        },
        T0,
        &refresh,
    );
    assert_eq!(short.expires_at_ms, T0 + 2000.0);
    assert_eq!(short.refresh_at_ms, T0 + 1000.0);
    assert_eq!(short.forced_at_ms, None);
    let zero: TokenCache<u64> = TokenCache::new(0.0);
    let exact = zero.issued(
        &IssuedToken {
            token: token("s"),
            expires_in_seconds: 2.0,
        },
        T0,
        &Refresh {
            generation: 1,
            forced: true,
        },
    );
    assert_eq!(exact.refresh_at_ms, T0 + 2000.0);
    assert_eq!(exact.forced_at_ms, Some(T0));
}

#[test]
fn callers_that_saw_the_same_token_fail_cause_one_refresh() {
    let mut h = Harness::new();
    h.get(T0);
    h.complete("t1", T0);
    // 100 calls used t1 and were told it expired.
    assert_eq!(h.forced(Some("t1"), T0 + 10.0), Step::Started(2));
    for _ in 0..49 {
        assert_eq!(h.forced(Some("t1"), T0 + 11.0), Step::Join(2));
    }
    // Plain callers meanwhile do not use the rejected token either: they wait.
    assert_eq!(h.get(T0 + 12.0), Step::Join(2));
    h.complete("t2", T0 + 10.0);
    // The slow half arrives after the refresh: t1 was already replaced, no request.
    for _ in 0..50 {
        assert_eq!(uses(h.forced(Some("t1"), T0 + 20_000.0)), "t2");
    }
    assert_eq!(h.started.len(), 2);
    assert!(h.started[1].forced);
    // The new token failing too is a new failure: one more refresh.
    assert_eq!(h.forced(Some("t2"), T0 + 30_000.0), Step::Started(3));
    assert_eq!(h.started.len(), 3);
}

#[test]
fn a_forced_refresh_without_the_failed_token_honours_the_cooldown() {
    let mut h = Harness::new();
    h.get(T0);
    h.complete("t1", T0);
    // t1 came from an ordinary refresh: a forced refresh replaces it.
    assert_eq!(h.forced(None, T0 + 5.0), Step::Started(2));
    assert_eq!(h.forced(None, T0 + 6.0), Step::Join(2));
    h.complete("t2", T0 + 5.0);
    // Within the cooldown, t2 (itself from a forced refresh) is handed out.
    assert_eq!(
        uses(h.forced(None, T0 + 5.0 + FORCED_REFRESH_COOLDOWN_MS - 1.0)),
        "t2"
    );
    assert_eq!(h.started.len(), 2);
    // After it, a forced refresh is a new failure.
    assert_eq!(
        h.forced(None, T0 + 5.0 + FORCED_REFRESH_COOLDOWN_MS),
        Step::Started(3)
    );
}

#[test]
fn a_failed_refresh_is_not_retried_by_the_cache() {
    let mut h = Harness::new();
    assert_eq!(h.get(T0), Step::Started(1));
    assert_eq!(h.get(T0), Step::Join(1));
    h.cache.finish(1, None, T0);
    assert!(!h.cache.in_flight());
    assert!(h.cache.current().is_none());
    // Nothing happens until someone asks again; then exactly one new refresh.
    assert_eq!(h.started.len(), 1);
    assert_eq!(h.get(T0 + 1.0), Step::Started(2));
    assert_eq!(h.get(T0 + 1.0), Step::Join(2));
    // A stale generation changes nothing.
    h.cache.finish(1, None, T0 + 2.0);
    assert!(h.cache.in_flight());
}

#[test]
fn a_failed_token_that_the_endpoint_issues_again_is_usable_again() {
    let mut h = Harness::new();
    h.get(T0);
    h.complete("same", T0);
    assert_eq!(h.forced(Some("same"), T0 + 1.0), Step::Started(2));
    h.complete("same", T0 + 1.0);
    assert_eq!(uses(h.get(T0 + 2.0)), "same");
    assert_eq!(h.started.len(), 2);
}

#[test]
fn a_failed_forced_refresh_is_shared_with_forced_callers_for_the_cooldown() {
    let mut h = Harness::new();
    h.get(T0);
    h.complete("t1", T0);
    // Ten calls used t1 and saw 42001; the first one's refresh fails fast.
    assert_eq!(h.forced(None, T0 + 10.0), Step::Started(2));
    h.cache.finish(2, None, T0 + 20.0);
    // The other nine arrive after the failure: they get it, no request.
    for i in 0..9 {
        assert_eq!(h.forced(None, T0 + 30.0 + f64::from(i)), Step::Join(2));
    }
    assert_eq!(h.forced(Some("t1"), T0 + 40.0), Step::Join(2));
    assert_eq!(h.started.len(), 2);
    // A plain call is a new attempt, once: it starts one refresh, which others join.
    assert_eq!(h.get(T0 + 50.0), Step::Started(3));
    assert_eq!(h.forced(None, T0 + 51.0), Step::Join(3));
    h.cache.finish(3, None, T0 + 60.0);
    // A failure of a plain refresh is not shared; the older forced failure still is.
    assert_eq!(h.forced(None, T0 + 70.0), Step::Join(2));
    // After the cooldown a forced caller tries again.
    assert_eq!(
        h.forced(None, T0 + 20.0 + FORCED_REFRESH_COOLDOWN_MS),
        Step::Started(4)
    );
    h.complete("t2", T0 + 20.0 + FORCED_REFRESH_COOLDOWN_MS);
    assert_eq!(uses(h.get(T0 + 20.0 + FORCED_REFRESH_COOLDOWN_MS)), "t2");
}

#[test]
fn a_failed_forced_refresh_is_not_shared_with_a_different_failed_token() {
    let mut h = Harness::new();
    h.get(T0);
    h.complete("t1", T0);
    assert_eq!(h.forced(Some("t1"), T0 + 1.0), Step::Started(2));
    h.cache.finish(2, None, T0 + 2.0);
    assert_eq!(h.forced(Some("t1"), T0 + 3.0), Step::Join(2));
    assert_eq!(h.forced(Some("other"), T0 + 3.0), Step::Started(3));
}

/// A stored token as an older store holds it: no lifetime, no owner.
fn stored(value: &str, expires_at_ms: f64) -> StoredToken {
    StoredToken {
        token: token(value),
        expires_at_ms,
        obtained_at_ms: None,
        component_app_id: None,
    }
}

/// A stored token as a manager writes it now.
fn stored_by(value: &str, obtained_at_ms: f64, expires_at_ms: f64) -> StoredToken {
    StoredToken {
        token: token(value),
        expires_at_ms,
        obtained_at_ms: Some(obtained_at_ms),
        component_app_id: Some(APP_ID.to_owned()),
    }
}

const APP_ID: &str = "wx1234567890abcdef";

#[test]
fn a_fresh_stored_token_is_adopted_unless_it_was_rejected() {
    let mut h = Harness::new();
    h.get(T0);
    let refresh = h.started[0].clone();
    let adopted = h
        .cache
        .adopt_from_store(&stored("s1", T0 + 7_200_000.0), &refresh, T0)
        .unwrap();
    assert_eq!(adopted.token.expose(), "s1");
    assert_eq!(adopted.refresh_at_ms, T0 + 6_600_000.0);
    assert_eq!(adopted.forced_at_ms, None);
    // Within the margin: not fresh, so a request is made.
    assert!(h
        .cache
        .adopt_from_store(&stored("s1", T0 + 500_000.0), &refresh, T0)
        .is_none());
    h.cache.finish(1, Some(adopted), T0);
    assert_eq!(uses(h.get(T0 + 1.0)), "s1");

    // s1 is rejected: the store still holding it must not be adopted by the forced refresh.
    assert_eq!(h.forced(Some("s1"), T0 + 2.0), Step::Started(2));
    let forced = h.started[1].clone();
    assert!(h
        .cache
        .adopt_from_store(&stored("s1", T0 + 7_200_000.0), &forced, T0 + 3.0)
        .is_none());
    // Another process's replacement is adopted, marked as the answer to a forced refresh.
    let theirs = h
        .cache
        .adopt_from_store(&stored("s2", T0 + 7_300_000.0), &forced, T0 + 3.0)
        .unwrap();
    assert_eq!(theirs.forced_at_ms, Some(T0 + 3.0));
}

#[test]
fn the_store_never_goes_back_to_a_token_that_expires_sooner() {
    let mut h = Harness::new();
    h.get(T0);
    let refresh = h.started[0].clone();
    let ours = h.cache.issued(
        &IssuedToken {
            token: token("ours"),
            expires_in_seconds: 7200.0,
        },
        T0,
        &refresh,
    );
    assert_eq!(
        h.cache.merge_with_store(&ours, None, &refresh, T0),
        StoreMerge::Write
    );
    let older = stored("older", T0 + 7_000_000.0);
    assert_eq!(
        h.cache.merge_with_store(&ours, Some(&older), &refresh, T0),
        StoreMerge::Write
    );
    let same = stored("same", ours.expires_at_ms);
    assert_eq!(
        h.cache.merge_with_store(&ours, Some(&same), &refresh, T0),
        StoreMerge::Write
    );
    let newer = stored("newer", T0 + 7_200_500.0);
    let StoreMerge::KeepStored(kept) = h.cache.merge_with_store(&ours, Some(&newer), &refresh, T0)
    else {
        panic!("a later token must be kept")
    };
    assert_eq!(kept.token.expose(), "newer");
    assert_eq!(kept.expires_at_ms, T0 + 7_200_500.0);
    // …unless WeChat rejected that very token.
    h.cache.finish(1, Some(ours.clone()), T0);
    h.forced(Some("newer"), T0 + 1.0);
    let forced = h.started.last().unwrap().clone();
    assert_eq!(
        h.cache
            .merge_with_store(&ours, Some(&newer), &forced, T0 + 1.0),
        StoreMerge::Write
    );
}

#[test]
fn stored_values_are_checked() {
    let ok = StoredToken::parse(Some("tok"), Some(T0), None, None, APP_ID).unwrap();
    assert_eq!(ok, stored("tok", T0));
    let theirs = StoredToken::parse(Some("tok"), Some(T0), Some(T0 - 1.0), Some(APP_ID), APP_ID);
    assert_eq!(theirs.unwrap(), stored_by("tok", T0 - 1.0, T0));
    for (t, e) in [
        (None, Some(T0)),
        (Some(""), Some(T0)),
        (Some("a b"), Some(T0)),
        (Some("tok"), None),
        (Some("tok"), Some(f64::NAN)),
        (Some("tok"), Some(f64::INFINITY)),
    ] {
        let issue = StoredToken::parse(t, e, None, None, APP_ID).unwrap_err();
        assert_eq!(issue.path, "store");
    }
    // Another platform's token is not this manager's (issue 10, item 16).
    let other = StoredToken::parse(
        Some("tok"),
        Some(T0),
        None,
        Some("wxffffffffffffffff"),
        APP_ID,
    );
    let issue = other.unwrap_err();
    assert_eq!(
        (issue.path.as_str(), issue.code.as_str()),
        ("store", "store_value")
    );
    assert!(
        issue.message.contains("another component appid"),
        "{}",
        issue.message
    );
    let cached = CachedToken {
        token: token("tok"),
        expires_at_ms: T0,
        obtained_at_ms: T0 - 7_200_000.0,
        refresh_at_ms: T0 - 1.0,
        forced_at_ms: None,
    };
    assert_eq!(
        cached.to_stored(APP_ID),
        stored_by("tok", T0 - 7_200_000.0, T0)
    );
    assert!(!format!("{cached:?}").contains("tok\""));
}

/// Issue 10, item 15: a stored short-lived token is fresh for a manager whose margin is
/// longer than half its life, since the store says when it was obtained.
#[test]
fn a_short_lived_stored_token_is_adopted_with_the_margin_capped_at_half_its_life() {
    let mut h = Harness::new();
    h.get(T0);
    let refresh = h.started[0].clone();
    // 5 s lifetime, margin 600 s: refreshed after 2.5 s, so fresh at T0 + 1 s.
    let short = stored_by("short", T0, T0 + 5_000.0);
    let adopted = h
        .cache
        .adopt_from_store(&short, &refresh, T0 + 1_000.0)
        .unwrap();
    assert_eq!(adopted.refresh_at_ms, T0 + 2_500.0);
    assert!(h
        .cache
        .adopt_from_store(&short, &refresh, T0 + 3_000.0)
        .is_none());
}

/// Issue 10, item 14: after WeChat rejects a token, a forced refresh does not adopt a stored
/// token that expires earlier than the rejected one (it is older, and surely rejected too).
#[test]
fn a_forced_refresh_adopts_only_a_newer_stored_token() {
    let mut h = Harness::new();
    h.get(T0);
    h.complete("t1", T0);
    assert_eq!(h.forced(Some("t1"), T0 + 1_000.0), Step::Started(2));
    let forced = h.started[1].clone();
    let t1_expiry = T0 + 7_200_000.0;
    let older = stored_by("t0", T0 - 100_000.0, t1_expiry - 100_000.0);
    assert!(h
        .cache
        .adopt_from_store(&older, &forced, T0 + 2_000.0)
        .is_none());
    let newer = stored_by("t2", T0 + 500.0, t1_expiry + 500.0);
    let adopted = h
        .cache
        .adopt_from_store(&newer, &forced, T0 + 2_000.0)
        .unwrap();
    assert_eq!(adopted.token.expose(), "t2");
}
