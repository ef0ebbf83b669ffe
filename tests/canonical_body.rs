#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The body the engine builds: the canonical form of the request (compact, declared
//! order, `null` optionals left out). When the input already is that form (the usual
//! `JSON.stringify` of a request written in the documented order) the engine says so and
//! the input itself is sent. Texts are generated near the schema (documented keys, usually
//! in order, values drawn from pools of good and subtly bad ones) so that every answer is
//! common. (This replaces the tests of the former separate fast path: the engine is one
//! path now.)

use proptest::prelude::*;
use wx_cloudbase_service::calls::CREATE_SERVICE;
use wx_cloudbase_service::engine::{check, Body, Rules};

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

const LAX: Rules = Rules {
    strict: false,
    allow_unknown_keys: false,
};

/// The canonical body of `text` when it has no error, and whether it is the text itself.
fn canonical(text: &str) -> Option<(String, bool)> {
    let checked = check(&CREATE_SERVICE, text, &LAX);
    let same = checked.body.as_ref()? == &Body::Input;
    Some((checked.body_text(text)?.to_owned(), same))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn the_canonical_body_is_a_fixed_point_and_keeps_every_finding(text in body()) {
        let first = check(&CREATE_SERVICE, &text, &LAX);
        let Some(body) = first.body_text(&text) else {
            prop_assert!(!first.report.ok);
            return Ok(());
        };
        let again = check(&CREATE_SERVICE, body, &LAX);
        // Building the built body changes nothing, and says so.
        prop_assert_eq!(again.body.as_ref(), Some(&Body::Input), "{}", body);
        // Leaving out nulls is the only change that removes a finding.
        let nulls = first.report.warnings.iter().filter(|w| w.code == "null").count();
        prop_assert_eq!(again.report.warnings.len() + nulls, first.report.warnings.len(), "{}", text);
        prop_assert!(again.report.errors.is_empty());
        if first.body == Some(Body::Input) {
            prop_assert_eq!(body, text.as_str());
        }
    }
}

#[test]
fn the_usual_requests_are_sent_as_they_are() {
    let full = r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"orders-api","is_public":true,"image_repo":"ccr.ccs.tencentyun.com/acme/orders-api","remark":"订单服务, created by the deploy pipeline","es_info":{"id":42,"secret_name":"es-secret","ip":"10.0.0.12","port":9200,"index":"orders-logs","account":"elastic","password":"hunter2 very secret"},"log_type":"es","vpc_info":{"vpc_id":"vpc-a1b2c3d4","subnet_ids":["subnet-a1b2c3d4","subnet-e5f6a7b8"],"create_type":2},"public_access":1}"#;
    let minimal =
        r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"orders-api","is_public":false}"#;
    let cls = r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"api","is_public":true,"log_type":"cls","vpc_info":{}}"#;
    for text in [full, minimal, cls] {
        assert_eq!(canonical(text), Some((text.to_owned(), true)), "{text}");
        assert!(check(&CREATE_SERVICE, text, &LAX)
            .report
            .warnings
            .is_empty());
    }
}

#[test]
fn other_forms_are_rebuilt_into_the_canonical_one() {
    let minimal =
        r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"orders-api","is_public":true}"#;
    for text in [
        // Out of order.
        r#"{"service_name":"orders-api","env_id":"prod-1a2b3c4d5e6f7a8b","is_public":true}"#,
        // Whitespace, as a pretty-printed file has it.
        "{\n  \"env_id\": \"prod-1a2b3c4d5e6f7a8b\",\n  \"service_name\": \"orders-api\",\n  \"is_public\": true\n}",
        // An escape sequence JSON.stringify would not write, and a null optional.
        r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"orders\u002dapi","is_public":true,"remark":null}"#,
        r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"orders-api","is_public":true} "#,
    ] {
        assert_eq!(canonical(text), Some((minimal.to_owned(), false)), "{text}");
    }
    // A float the validator accepts as an integer is built as one.
    let float = r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"api","is_public":true,"es_info":{"port":9200.0},"log_type":"es"}"#;
    let (body, same) = canonical(float).unwrap();
    assert!(!same);
    assert_eq!(
        body,
        r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"api","is_public":true,"es_info":{"port":9200},"log_type":"es"}"#
    );
    for bad in [
        "",
        "{}",
        "[]",
        r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"orders-api"}"#,
    ] {
        assert_eq!(canonical(bad), None, "{bad}");
    }
}
