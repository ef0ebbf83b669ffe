#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The fast path (`is_clean_canonical`) agrees with the full one: every text it accepts
//! parses, validates with no finding at all (strict or not), and builds into a body equal
//! to the text. Texts are generated near the schema (documented keys, usually in order,
//! values drawn from pools of good and subtly bad ones) so that both answers are common.

use proptest::prelude::*;
use wx_cloudbase_service::request::{build_request, Endpoint};
use wx_cloudbase_service::secret::AccessToken;
use wx_cloudbase_service::validate::{check, is_clean_canonical, validate, Options};

/// JSON strings, as JSON.stringify writes them, good and bad for a text field.
const STRINGS: &[&str] = &[
    r#""prod-1a2b3c4d5e6f7a8b""#,
    r#""orders-api""#,
    r#""vpc-a1b2c3d4""#,
    r#""subnet-a1b2c3d4""#,
    r#""subnet-e5f6a7b8""#,
    r#""10.0.0.12""#,
    r#""fd00::12""#,
    r#""es""#,
    r#""cls""#,
    r#""订单服务""#,
    r#""a""#,
    r#""""#,
    r#"" a""#,
    r#""a ""#,
    "\"\u{3000}a\"",
    "\"a\u{a0}\"",
    "\"a\u{7f}b\"",
    r#""a\nb""#,
    r#""a\"b""#,
    r#""a\\b""#,
    r#""\u0001""#,
    r#""\ud800""#,
    r#""ES""#,
    r#""Prod-1a2b3c4d5e6f7a8b""#,
    r#""vpc-A1B2C3D4""#,
    r#""10.0.0.256""#,
    r#""ab""#,
];

/// JSON values that are not strings.
const OTHERS: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "42",
    "9200",
    "65535",
    "65536",
    "9007199254740991",
    "9007199254740992",
    "12345678901234567",
    "-1",
    "-0",
    "1.5",
    "9200.0",
    "1e3",
    "00",
    "true",
    "false",
    "null",
    "{}",
    "[]",
    r#"["subnet-a1b2c3d4"]"#,
    r#"["subnet-a1b2c3d4","subnet-a1b2c3d4"]"#,
    r#"["subnet-a1b2c3d4","subnet-e5f6a7b8"]"#,
    r#"["subnet-a1b2c3d4",1]"#,
];

const ES_KEYS: &[&str] = &[
    "id",
    "secret_name",
    "ip",
    "port",
    "index",
    "account",
    "password",
];
const VPC_KEYS: &[&str] = &["vpc_id", "subnet_ids", "create_type"];
const ROOT_KEYS: &[&str] = &[
    "env_id",
    "service_name",
    "is_public",
    "image_repo",
    "remark",
    "es_info",
    "log_type",
    "vpc_info",
    "public_access",
];

/// The value a key usually holds when valid, for bodies that are mostly right.
fn good(key: &str) -> &'static str {
    match key {
        "env_id" => r#""prod-1a2b3c4d5e6f7a8b""#,
        "is_public" => "true",
        "log_type" => r#""es""#,
        "id" => "42",
        "ip" => r#""10.0.0.12""#,
        "port" => "9200",
        "vpc_id" => r#""vpc-a1b2c3d4""#,
        "subnet_ids" => r#"["subnet-a1b2c3d4","subnet-e5f6a7b8"]"#,
        "create_type" => "2",
        "public_access" => "1",
        _ => r#""orders-api""#,
    }
}

fn value(key: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![
        30 => Just(good(key).to_string()),
        1 => proptest::sample::select(STRINGS).prop_map(str::to_string),
        1 => proptest::sample::select(OTHERS).prop_map(str::to_string),
    ]
}

/// An object over `keys`: a random subset, each with a value from `leaf`, in the documented
/// order most of the time, sometimes reversed, sometimes with an unknown or repeated key.
fn object(
    keys: &'static [&'static str],
    leaf: impl Fn(&'static str) -> BoxedStrategy<String>,
) -> impl Strategy<Value = String> {
    let fields: Vec<_> = keys
        .iter()
        .map(|k| proptest::option::weighted(0.85, leaf(k)).prop_map(move |v| v.map(|v| (*k, v))))
        .collect();
    (fields, 0..24u8).prop_map(|(fields, twist)| {
        let mut pairs: Vec<(String, String)> = fields
            .into_iter()
            .flatten()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        match twist {
            0 => pairs.reverse(),
            1 => pairs.push(("extra".into(), "1".into())),
            2 => {
                if let Some(first) = pairs.first().cloned() {
                    pairs.push(first);
                }
            }
            _ => {}
        }
        let body: Vec<String> = pairs.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
        format!("{{{}}}", body.join(","))
    })
}

fn root_leaf(key: &'static str) -> BoxedStrategy<String> {
    match key {
        "es_info" => prop_oneof![
            12 => object(ES_KEYS, |k| value(k).boxed()),
            1 => value(key),
        ]
        .boxed(),
        "vpc_info" => prop_oneof![
            12 => object(VPC_KEYS, |k| value(k).boxed()),
            1 => value(key),
        ]
        .boxed(),
        _ => value(key).boxed(),
    }
}

fn body() -> impl Strategy<Value = String> {
    prop_oneof![
        20 => object(ROOT_KEYS, root_leaf),
        1 => proptest::sample::select(OTHERS).prop_map(str::to_string),
        1 => object(ROOT_KEYS, root_leaf).prop_map(|s| format!("{s} ")),
        1 => object(ROOT_KEYS, root_leaf).prop_map(|s| format!("{s}{{}}")),
    ]
}

/// What the full path says: `Some(body)` when `text` validates with no finding (strict, so
/// warnings count) and builds; `None` otherwise.
fn full_path(text: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let report = validate(&value, &Options { strict: false });
    if !report.errors.is_empty() || !report.warnings.is_empty() {
        return None;
    }
    let (request, warnings) = check(&value, &Options { strict: true }).ok()?;
    assert!(warnings.is_empty());
    let http = build_request(&request, &AccessToken::new("t"), &Endpoint::default()).ok()?;
    Some(http.body)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn what_the_fast_path_accepts_the_full_path_accepts_and_builds_into_itself(text in body()) {
        if is_clean_canonical(&text) {
            prop_assert_eq!(full_path(&text), Some(text.clone()), "{}", text);
        }
    }
}

#[test]
fn the_fast_path_takes_the_usual_requests() {
    let full = r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"orders-api","is_public":true,"image_repo":"ccr.ccs.tencentyun.com/acme/orders-api","remark":"订单服务, created by the deploy pipeline","es_info":{"id":42,"secret_name":"es-secret","ip":"10.0.0.12","port":9200,"index":"orders-logs","account":"elastic","password":"hunter2 very secret"},"log_type":"es","vpc_info":{"vpc_id":"vpc-a1b2c3d4","subnet_ids":["subnet-a1b2c3d4","subnet-e5f6a7b8"],"create_type":2},"public_access":1}"#;
    let minimal =
        r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"orders-api","is_public":false}"#;
    let cls = r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"api","is_public":true,"log_type":"cls","vpc_info":{}}"#;
    for text in [full, minimal, cls] {
        assert!(is_clean_canonical(text), "{text}");
        assert_eq!(full_path(text).as_deref(), Some(text));
    }
}

#[test]
fn the_fast_path_leaves_anything_with_a_finding_or_another_body_to_the_full_path() {
    for text in [
        "",
        "{}",
        "[]",
        r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"orders-api"}"#,
        // Out of order, so the built body would differ from the text.
        r#"{"service_name":"orders-api","env_id":"prod-1a2b3c4d5e6f7a8b","is_public":true}"#,
        // A float that the validator accepts as an integer, but which is built as 9200.
        r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"api","is_public":true,"log_type":"es","es_info":{"port":9200.0}}"#,
        // Warnings: es_info without log_type "es", an unknown key, a convention.
        r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"api","is_public":true,"es_info":{}}"#,
        r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"api","is_public":true,"x":1}"#,
        r#"{"env_id":"prod","service_name":"api","is_public":true}"#,
        r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"api ","is_public":true}"#,
        r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"api","is_public":true} "#,
    ] {
        assert!(!is_clean_canonical(text), "{text}");
    }
}
