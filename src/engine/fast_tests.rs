//! The quick reading (`fast.rs`) must never change an answer: whatever it accepts, the full
//! reading accepts with no finding at all (strict or not), builds into the text itself, and
//! finds the same secrets. Bodies are generated near every call's declaration: its example
//! and a body with every field, each value sometimes swapped for one of a pool of good and
//! subtly bad ones, fields dropped, reordered or repeated, whitespace or escapes added. The
//! usual bodies must also be accepted, or the quick reading would be dead weight.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use super::clean;
use crate::calls::{Call, Shape, Type, CALLS, CREATE_SERVICE};
use crate::engine::{check_fully, Body, Rules};
use crate::json::Json;
use proptest::prelude::*;
use proptest::strategy::ValueTree;

/// Values that are right for some fields and wrong for others.
const POOL: &[&str] = &[
    r#""prod-1a2b3c4d5e6f7a8b""#,
    r#""my-service""#,
    r#""my-service-001""#,
    r#""wx1234567890abcdef""#,
    r#""vpc-a1b2c3d4""#,
    r#""subnet-a1b2c3d4""#,
    r#""10.0.0.12""#,
    r#""fd00::12""#,
    r#""es""#,
    r#""cls""#,
    r#""image""#,
    r#""cpu""#,
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
    r#""\u0041""#,
    r#""ES""#,
    r#""10.0.0.256""#,
    r#""0.25""#,
    r#""{}""#,
    "0",
    "1",
    "2",
    "3",
    "5",
    "60",
    "100",
    "8080",
    "9200",
    "65536",
    "9007199254740993",
    "123456789012345",
    "1234567890123456",
    "-1",
    "-0",
    "0.25",
    "1.0",
    "1e3",
    "true",
    "false",
    "null",
    "{}",
    "[]",
    r#"["subnet-a1b2c3d4"]"#,
    r#"["subnet-a1b2c3d4","subnet-a1b2c3d4"]"#,
    r#"["wx1234567890abcdef"]"#,
    r#"["wx1234567890abcdef","wx1234567890abcdef"]"#,
    r#"[1,2]"#,
];

/// A value for a field of type `ty`: a plausible one built from the declaration (objects
/// recursively) or one from the pool.
fn plausible(ty: Type, depth: u32) -> BoxedStrategy<String> {
    let pool = proptest::sample::select(POOL).prop_map(str::to_string);
    match ty {
        Type::Object(shape) if depth < 4 => {
            prop_oneof![4 => object(shape, depth + 1), 1 => pool].boxed()
        }
        Type::Array(item) if depth < 4 => prop_oneof![
            3 => proptest::collection::vec(plausible(item.ty, depth + 1), 1..3)
                .prop_map(|v| format!("[{}]", v.join(","))),
            1 => pool,
        ]
        .boxed(),
        _ => pool.boxed(),
    }
}

/// An object of `shape`: most fields, in declared order mostly, with a twist now and then.
fn object(shape: &'static Shape, depth: u32) -> BoxedStrategy<String> {
    let fields: Vec<_> = shape
        .fields
        .iter()
        .map(|f| {
            proptest::option::weighted(0.8, plausible(f.spec.ty, depth))
                .prop_map(move |v| v.map(|v| (f.name, v)))
        })
        .collect();
    (fields, 0..16u8)
        .prop_map(|(fields, twist)| {
            let mut pairs: Vec<(&str, String)> = fields.into_iter().flatten().collect();
            match twist {
                0 => pairs.reverse(),
                1 => pairs.push(("extra", "1".into())),
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
        .boxed()
}

/// A body of `call`: its example with one value swapped, or one built from the declaration,
/// sometimes with a byte of whitespace added.
fn body(call: &'static Call) -> BoxedStrategy<String> {
    let example: Json = serde_json::from_str(call.example).unwrap();
    let Json::Object(entries) = example else {
        panic!("{} example", call.name)
    };
    let entries: Vec<(String, String)> = entries
        .into_iter()
        .map(|(k, v)| (k, serde_json::to_string(&v).unwrap()))
        .collect();
    let n = entries.len().max(1);
    let swapped = (0..n, proptest::sample::select(POOL)).prop_map(move |(i, v)| {
        let members: Vec<String> = entries
            .iter()
            .enumerate()
            .map(|(j, (k, old))| format!("\"{k}\":{}", if i == j { v } else { old.as_str() }))
            .collect();
        format!("{{{}}}", members.join(","))
    });
    let built = object(call.body, 0);
    prop_oneof![
        3 => swapped,
        6 => built,
        1 => object(call.body, 0).prop_map(|s| s.replacen(':', ": ", 1)),
    ]
    .boxed()
}

/// The agreement: `true` when the quick reading accepted `text`.
fn agrees(call: &'static Call, text: &str) -> bool {
    let Some(secrets) = clean(call, text) else {
        return false;
    };
    for strict in [false, true] {
        let rules = Rules {
            strict,
            allow_unknown_keys: false,
        };
        let full = check_fully(call, text, &rules);
        assert!(
            full.report.ok && full.report.errors.is_empty() && full.report.warnings.is_empty(),
            "{}: the quick reading accepted {text}, the full one found {:?}",
            call.name,
            full.report
        );
        assert_eq!(full.body, Some(Body::Input), "{}: {text}", call.name);
        assert_eq!(full.secrets, secrets, "{}: secrets of {text}", call.name);
    }
    true
}

fn any_call() -> impl Strategy<Value = (&'static Call, String)> {
    proptest::sample::select(CALLS).prop_flat_map(|call| body(call).prop_map(move |b| (call, b)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8192))]

    #[test]
    fn the_quick_reading_never_changes_an_answer((call, text) in any_call()) {
        agrees(call, &text);
    }
}

#[test]
fn the_usual_bodies_are_read_quickly() {
    let full = r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"orders-api","is_public":true,"image_repo":"ccr.ccs.tencentyun.com/acme/orders-api","remark":"order service, created by the deploy pipeline","es_info":{"id":42,"secret_name":"es-secret","ip":"10.0.0.12","port":9200,"index":"orders-logs","account":"elastic","password":"hunter2-very-secret"},"log_type":"es","vpc_info":{"vpc_id":"vpc-a1b2c3d4","subnet_ids":["subnet-a1b2c3d4","subnet-e5f6a7b8"],"create_type":2},"public_access":1}"#;
    assert!(agrees(&CREATE_SERVICE, full));
    let mut quick = 0;
    for call in CALLS {
        quick += usize::from(agrees(call, call.example));
    }
    // Every example but those with a float or a numeric string (left to the full reading).
    assert!(
        quick >= CALLS.len() - 2,
        "only {quick} examples were read quickly"
    );
}

#[test]
fn a_small_share_of_generated_bodies_is_read_quickly() {
    // The property above is only worth something if the quick reading accepts often.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = any_call();
    let mut quick = 0;
    for _ in 0..4000 {
        let (call, text) = strategy.new_tree(&mut runner).unwrap().current();
        quick += usize::from(agrees(call, &text));
    }
    assert!(
        quick > 100,
        "only {quick} of 4000 generated bodies were read quickly"
    );
}
