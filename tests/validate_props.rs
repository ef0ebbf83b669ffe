#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Properties of the validator over generated bodies: arbitrary JSON, and bodies biased
//! toward the schema so that many of them pass. `validate` never panics; what `check`
//! accepts serialises to a body that validates with no new findings and parses back to
//! the same request.

mod support;

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use std::collections::HashSet;
use std::net::{Ipv4Addr, Ipv6Addr};
use support::create_service::{check, validate, Options, ALLOW_UNKNOWN, LAX, STRICT};
use wx_cloudbase_service::calls::CreateServiceRequest;
use wx_cloudbase_service::error::Error;

const CODES: [&str; 17] = [
    "null",
    "duplicate",
    "format",
    "required",
    "type",
    "empty",
    "whitespace",
    "control_char",
    "enum",
    "integer",
    "range",
    "ip",
    "unknown_field",
    "pattern",
    "consistency",
    "too_large",
    "depth",
];

const SCHEMA_KEYS: [&str; 19] = [
    "env_id",
    "service_name",
    "is_public",
    "image_repo",
    "remark",
    "es_info",
    "log_type",
    "vpc_info",
    "public_access",
    "id",
    "secret_name",
    "ip",
    "port",
    "index",
    "account",
    "password",
    "vpc_id",
    "subnet_ids",
    "create_type",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "\\PC{0,24}",
        2 => any::<String>(),
        1 => Just(String::new()),
        1 => "[ \t\n]?[a-z0-9-]{1,12}[ \u{7f}\u{0}]?",
        1 => prop::sample::select(vec!["es", "cls", "ES", " es", "10.0.0.1", "::1", "vpc-a1b2c3d4", "subnet-a1b2c3d4"])
            .prop_map(str::to_owned),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(SCHEMA_KEYS.to_vec()).prop_map(str::to_owned),
        1 => prop::sample::select(vec!["image_Repo", "servicename", " service_name", "access_token", "passwd", ""])
            .prop_map(str::to_owned),
        2 => text(),
    ]
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-3i64..70_000).prop_map(Value::from),
        // NaN and the infinities become null, as they do through JSON.
        any::<f64>().prop_map(|f| json!(f)),
        (-3i32..70_000).prop_map(|i| json!(f64::from(i))),
    ]
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// Mostly a plausible value for a field, sometimes anything at all.
fn or_any<S: Strategy<Value = Value> + 'static>(good: S) -> BoxedStrategy<Value> {
    prop_oneof![16 => good, 1 => arb_json()].boxed()
}

fn string_of(re: &'static str) -> impl Strategy<Value = Value> {
    prop_oneof![3 => re.prop_map(Value::String), 1 => text().prop_map(Value::String)]
}

fn ip() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<u32>().prop_map(|n| Value::String(Ipv4Addr::from(n).to_string())),
        any::<u128>().prop_map(|n| Value::String(Ipv6Addr::from(n).to_string())),
        text().prop_map(Value::String),
    ]
}

fn es_info() -> impl Strategy<Value = Value> {
    let fields = (
        prop::option::weighted(
            0.6,
            or_any(prop_oneof![
                (0u64..=(1 << 53) - 1).prop_map(Value::from),
                number()
            ]),
        ),
        prop::option::weighted(0.6, or_any(string_of("[a-z-]{1,12}"))),
        prop::option::weighted(0.6, or_any(ip())),
        prop::option::weighted(
            0.6,
            or_any(prop_oneof![(1u64..=65_535).prop_map(Value::from), number()]),
        ),
        prop::option::weighted(0.6, or_any(string_of("[a-z]{1,12}"))),
        prop::option::weighted(0.6, or_any(string_of("[a-z]{1,12}"))),
        prop::option::weighted(0.6, or_any(text().prop_map(Value::String))),
    );
    (fields, extra_keys()).prop_map(
        |((id, secret_name, ip, port, index, account, password), extra)| {
            object(
                [
                    ("id", id),
                    ("secret_name", secret_name),
                    ("ip", ip),
                    ("port", port),
                    ("index", index),
                    ("account", account),
                    ("password", password),
                ],
                extra,
            )
        },
    )
}

fn vpc_info() -> impl Strategy<Value = Value> {
    let subnet_ids =
        prop::collection::vec(string_of("subnet-[a-z0-9]{8,10}"), 0..4).prop_map(Value::Array);
    let fields = (
        prop::option::weighted(0.7, or_any(string_of("vpc-[a-z0-9]{8,10}"))),
        prop::option::weighted(0.7, or_any(subnet_ids)),
        prop::option::weighted(
            0.7,
            or_any(prop_oneof![(0u64..4).prop_map(Value::from), number()]),
        ),
    );
    (fields, extra_keys()).prop_map(|((vpc_id, subnet_ids, create_type), extra)| {
        object(
            [
                ("vpc_id", vpc_id),
                ("subnet_ids", subnet_ids),
                ("create_type", create_type),
            ],
            extra,
        )
    })
}

fn extra_keys() -> impl Strategy<Value = Vec<(String, Value)>> {
    prop::collection::vec((key(), arb_json()), 0..2)
}

fn object<const N: usize>(
    fields: [(&str, Option<Value>); N],
    extra: Vec<(String, Value)>,
) -> Value {
    let mut map = Map::new();
    for (k, v) in extra {
        map.insert(k, v);
    }
    for (k, v) in fields {
        if let Some(v) = v {
            map.insert(k.to_owned(), v);
        }
    }
    Value::Object(map)
}

fn schema_body() -> impl Strategy<Value = Value> {
    let required = (
        prop::option::weighted(0.95, or_any(string_of("[a-z][a-z0-9]{0,6}-[a-z0-9]{16}"))),
        prop::option::weighted(0.95, or_any(string_of("[A-Za-z][A-Za-z0-9_-]{2,20}"))),
        prop::option::weighted(0.95, or_any(any::<bool>().prop_map(Value::Bool))),
    );
    let optional = (
        prop::option::weighted(0.4, or_any(text().prop_map(Value::String))),
        prop::option::weighted(0.4, or_any(text().prop_map(Value::String))),
        prop::option::weighted(0.4, or_any(es_info())),
        prop::option::weighted(
            0.4,
            or_any(prop_oneof![
                prop::sample::select(vec!["es", "cls"]).prop_map(|s| Value::String(s.to_owned())),
                text().prop_map(Value::String),
            ]),
        ),
        prop::option::weighted(0.4, or_any(vpc_info())),
        prop::option::weighted(
            0.4,
            or_any(prop_oneof![(0u64..3).prop_map(Value::from), number()]),
        ),
    );
    (required, optional, extra_keys()).prop_map(
        |(
            (env_id, service_name, is_public),
            (image_repo, remark, es, log_type, vpc, public_access),
            extra,
        )| {
            object(
                [
                    ("env_id", env_id),
                    ("service_name", service_name),
                    ("is_public", is_public),
                    ("image_repo", image_repo),
                    ("remark", remark),
                    ("es_info", es),
                    ("log_type", log_type),
                    ("vpc_info", vpc),
                    ("public_access", public_access),
                ],
                extra,
            )
        },
    )
}

fn holds(input: &Value) -> Result<bool, TestCaseError> {
    let mut passed = false;
    let strict_allowing = Options {
        strict: true,
        ..ALLOW_UNKNOWN
    };
    for opts in [LAX, STRICT, ALLOW_UNKNOWN, strict_allowing] {
        let report = validate(input, &opts);
        prop_assert_eq!(report.ok, report.errors.is_empty());
        prop_assert!(report.errors.len() + report.warnings.len() <= 101);
        prop_assert!(!opts.strict || report.warnings.is_empty());
        for issue in report.errors.iter().chain(&report.warnings) {
            prop_assert!(CODES.contains(&issue.code.as_str()), "{:?}", issue);
            prop_assert!(!issue.message.chars().any(char::is_control), "{:?}", issue);
        }
        match check(input, &opts) {
            Ok((req, warnings)) => {
                passed = true;
                prop_assert!(report.ok);
                prop_assert_eq!(&warnings, &report.warnings);
                let body = serde_json::to_value(&req).unwrap();
                let again = validate(&body, &opts);
                prop_assert!(again.ok, "{:#?}", again);
                prop_assert!(again.errors.is_empty());
                let capped = report
                    .warnings
                    .iter()
                    .any(|w| w.path.is_empty() && w.code == "too_large");
                if !capped {
                    let before: HashSet<_> =
                        report.warnings.iter().map(|w| (&w.path, w.code)).collect();
                    // Allowed unknown keys are sent but not part of the typed request.
                    for w in &again.warnings {
                        prop_assert!(before.contains(&(&w.path, w.code)), "new warning {:?}", w);
                    }
                }
                let back: CreateServiceRequest = serde_json::from_value(body).unwrap();
                prop_assert_eq!(back, req);
            }
            Err(Error::Validation { issues, .. }) => {
                prop_assert!(!report.ok);
                prop_assert_eq!(issues, report.errors);
            }
            Err(other) => prop_assert!(false, "unexpected error {:?}", other),
        }
    }
    Ok(passed)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_json_never_panics(input in arb_json()) {
        holds(&input)?;
    }

    #[test]
    fn schema_shaped_bodies_round_trip(input in schema_body()) {
        holds(&input)?;
    }
}

/// Guards the generator: enough schema-shaped bodies must pass for the round trip to be
/// tested at all.
#[test]
fn schema_shaped_bodies_often_pass() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = schema_body();
    let mut passed = 0;
    for _ in 0..1000 {
        let input = strategy.new_tree(&mut runner).unwrap().current();
        if holds(&input).unwrap() {
            passed += 1;
        }
    }
    assert!(passed > 200, "only {passed} of 1000 passed");
}
