#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! createCloudbaseService through the engine: one row per validation rule, an input body
//! and exactly the findings it must give (path, code, severity). Then the cases a table
//! cannot hold: messages, secrets, strict mode, the typed request, and inputs built to be
//! huge or deep.

mod support;

use serde_json::{json, Value};
use support::create_service::{
    body_text, check, validate, validate_text, Options, ALLOW_UNKNOWN, LAX, STRICT,
};
use support::findings;
use wx_cloudbase_service::calls::{CreateServiceRequest, EsInfo, LogType, VpcInfo};
use wx_cloudbase_service::error::Error;
use wx_cloudbase_service::issue::{Issue, Report, Severity};
use wx_cloudbase_service::secret::Secret;

use Severity::{Error as E, Warning as W};

/// A minimal valid body.
fn base() -> Value {
    json!({"env_id": "prod-1a2b3c4d5e6f7a8b", "service_name": "my-service", "is_public": true})
}

/// A body with every field, valid and following every convention.
fn full() -> Value {
    json!({
        "env_id": "prod-1a2b3c4d5e6f7a8b",
        "service_name": "my-service",
        "is_public": true,
        "image_repo": "ccr.ccs.tencentyun.com/ns/app",
        "remark": "demo service",
        "es_info": {"id": 1, "secret_name": "es-secret", "ip": "10.0.0.12", "port": 9200,
                    "index": "logs", "account": "elastic", "password": "pw"},
        "log_type": "es",
        "vpc_info": {"vpc_id": "vpc-a1b2c3d4", "subnet_ids": ["subnet-a1b2c3d4", "subnet-e5f6a7b8"],
                     "create_type": 2},
        "public_access": 1
    })
}

/// `base()` with `patch`'s keys set (a `null` in the patch is kept as `null`).
fn with(patch: Value) -> Value {
    let mut body = base();
    let obj = body.as_object_mut().unwrap();
    for (k, v) in patch.as_object().unwrap() {
        obj.insert(k.clone(), v.clone());
    }
    body
}

/// `base()` with `es_info` set and `log_type: "es"`, so consistency stays quiet.
fn es(info: Value) -> Value {
    with(json!({"log_type": "es", "es_info": info}))
}

fn vpc(info: Value) -> Value {
    with(json!({"vpc_info": info}))
}

fn without(key: &str) -> Value {
    let mut body = base();
    body.as_object_mut().unwrap().remove(key);
    body
}

fn all_issues(report: &Report) -> Vec<&Issue> {
    report.errors.iter().chain(&report.warnings).collect()
}

type Row = (
    &'static str,
    Value,
    &'static [(&'static str, &'static str, Severity)],
);

#[rustfmt::skip]
fn rows() -> Vec<Row> {
    let long = "x".repeat(70_000);
    vec![
        // Valid bodies.
        ("minimal", base(), &[]),
        ("full", full(), &[]),
        ("log_type cls", with(json!({"log_type": "cls"})), &[]),
        ("is_public false", with(json!({"is_public": false})), &[]),
        ("public_access 0", with(json!({"public_access": 0})), &[]),
        ("public_access 1.0", with(json!({"public_access": 1.0})), &[]),
        ("ipv6", es(json!({"ip": "fd00::12"})), &[]),
        ("port 1", es(json!({"port": 1})), &[]),
        ("port 65535", es(json!({"port": 65535})), &[]),
        ("port 9200.0", es(json!({"port": 9200.0})), &[]),
        ("es id 0", es(json!({"id": 0})), &[]),
        ("es id 2^53-1", es(json!({"id": 9_007_199_254_740_991_u64})), &[]),
        ("empty es_info", es(json!({})), &[]),
        ("create_type 0", vpc(json!({"create_type": 0})), &[]),
        ("create_type 1", vpc(json!({"create_type": 1})), &[]),
        ("empty vpc_info", vpc(json!({})), &[]),
        ("service_name 45", with(json!({"service_name": format!("a{}", "b".repeat(44))})), &[]),
        ("service_name underscore", with(json!({"service_name": "My_Service_2"})), &[]),
        ("env alias with dash", with(json!({"env_id": "my-test-0123456789abcdef"})), &[]),
        ("unicode remark", with(json!({"remark": "服务 ✓ émoji 🚀"})), &[]),
        // Required fields.
        ("no env_id", without("env_id"), &[("env_id", "required", E)]),
        ("no service_name", without("service_name"), &[("service_name", "required", E)]),
        ("no is_public", without("is_public"), &[("is_public", "required", E)]),
        ("empty object", json!({}), &[("env_id", "required", E), ("is_public", "required", E), ("service_name", "required", E)]),
        // Non-object roots.
        ("root null", Value::Null, &[("", "type", E)]),
        ("root array", json!([base()]), &[("", "type", E)]),
        ("root string", json!("{\"env_id\": \"x\"}"), &[("", "type", E)]),
        ("root number", json!(1), &[("", "type", E)]),
        ("root bool", json!(true), &[("", "type", E)]),
        ("root huge string", json!(long), &[("", "type", E)]),
        // Types.
        ("env_id number", with(json!({"env_id": 5})), &[("env_id", "type", E)]),
        ("env_id null", with(json!({"env_id": null})), &[("env_id", "type", E)]),
        ("service_name array", with(json!({"service_name": ["a"]})), &[("service_name", "type", E)]),
        ("is_public string", with(json!({"is_public": "true"})), &[("is_public", "type", E)]),
        ("is_public number", with(json!({"is_public": 1})), &[("is_public", "type", E)]),
        ("is_public null", with(json!({"is_public": null})), &[("is_public", "type", E)]),
        ("image_repo number", with(json!({"image_repo": 1})), &[("image_repo", "type", E)]),
        ("remark object", with(json!({"remark": {}})), &[("remark", "type", E)]),
        ("remark null", with(json!({"remark": null})), &[("remark", "null", W)]),
        ("es_info array", with(json!({"es_info": []})), &[("es_info", "type", E)]),
        ("es_info string", with(json!({"es_info": "x"})), &[("es_info", "type", E)]),
        ("log_type number", with(json!({"log_type": 1})), &[("log_type", "type", E)]),
        ("log_type null", with(json!({"log_type": null})), &[("log_type", "null", W)]),
        ("vpc_info array", with(json!({"vpc_info": []})), &[("vpc_info", "type", E)]),
        ("public_access string", with(json!({"public_access": "1"})), &[("public_access", "type", E)]),
        ("public_access null", with(json!({"public_access": null})), &[("public_access", "null", W)]),
        ("es id string", es(json!({"id": "1"})), &[("es_info.id", "type", E)]),
        ("port string", es(json!({"port": "9200"})), &[("es_info.port", "type", E)]),
        ("ip number", es(json!({"ip": 10})), &[("es_info.ip", "type", E)]),
        ("password number", es(json!({"password": 123})), &[("es_info.password", "type", E)]),
        ("secret_name bool", es(json!({"secret_name": true})), &[("es_info.secret_name", "type", E)]),
        ("index null", es(json!({"index": null})), &[("es_info.index", "null", W)]),
        ("account array", es(json!({"account": []})), &[("es_info.account", "type", E)]),
        ("vpc_id number", vpc(json!({"vpc_id": 1})), &[("vpc_info.vpc_id", "type", E)]),
        ("subnet_ids string", vpc(json!({"subnet_ids": "subnet-a1b2c3d4"})), &[("vpc_info.subnet_ids", "type", E)]),
        ("subnet_ids entry number", vpc(json!({"subnet_ids": ["subnet-a1b2c3d4", 1]})), &[("vpc_info.subnet_ids[1]", "type", E)]),
        ("create_type string", vpc(json!({"create_type": "2"})), &[("vpc_info.create_type", "type", E)]),
        // Strings: emptiness, whitespace, control characters, size.
        ("env_id empty", with(json!({"env_id": ""})), &[("env_id", "empty", E)]),
        ("service_name blank", with(json!({"service_name": "   "})), &[("service_name", "empty", E)]),
        ("image_repo empty", with(json!({"image_repo": ""})), &[("image_repo", "empty", W)]),
        ("remark blank", with(json!({"remark": " \u{3000} "})), &[("remark", "empty", W)]),
        ("remark padded", with(json!({"remark": " x"})), &[("remark", "whitespace", W)]),
        ("env_id padded", with(json!({"env_id": " prod-1a2b3c4d5e6f7a8b "})), &[("env_id", "whitespace", W)]),
        ("remark newline", with(json!({"remark": "a\nb"})), &[]),
        ("remark nul", with(json!({"remark": "a\u{0}"})), &[("remark", "control_char", E)]),
        ("remark del", with(json!({"remark": "a\u{7f}b"})), &[("remark", "control_char", E)]),
        ("remark tab", with(json!({"remark": "a\tb"})), &[]),
        ("env_id newline", with(json!({"env_id": "prod-1a2b3c4d5e6f7a8b\n"})), &[("env_id", "control_char", E)]),
        ("remark 70,000", with(json!({"remark": long})), &[("remark", "too_large", E)]),
        ("service_name 70,000", with(json!({"service_name": long})), &[("service_name", "too_large", E)]),
        ("remark at limit", with(json!({"remark": "x".repeat(65_536)})), &[]),
        ("remark over limit", with(json!({"remark": "x".repeat(65_537)})), &[("remark", "too_large", E)]),
        ("secret_name empty", es(json!({"secret_name": ""})), &[("es_info.secret_name", "empty", W)]),
        ("index control", es(json!({"index": "logs\r"})), &[("es_info.index", "control_char", E)]),
        ("account padded", es(json!({"account": " elastic "})), &[("es_info.account", "whitespace", W)]),
        ("password empty", es(json!({"password": ""})), &[("es_info.password", "empty", W)]),
        ("vpc_id empty", vpc(json!({"vpc_id": ""})), &[("vpc_info.vpc_id", "empty", W)]),
        ("subnet entry empty", vpc(json!({"subnet_ids": ["subnet-a1b2c3d4", ""]})), &[("vpc_info.subnet_ids[1]", "empty", W)]),
        ("subnet entry control", vpc(json!({"subnet_ids": ["subnet-a1b2\u{1b}c3d4"]})), &[("vpc_info.subnet_ids[0]", "control_char", E)]),
        // log_type.
        ("log_type ES", with(json!({"log_type": "ES"})), &[("log_type", "enum", E)]),
        ("log_type padded", with(json!({"log_type": " es"})), &[("log_type", "enum", E)]),
        ("log_type empty", with(json!({"log_type": ""})), &[("log_type", "enum", E)]),
        ("log_type elastic", with(json!({"log_type": "elastic"})), &[("log_type", "enum", E)]),
        ("log_type 70,000", with(json!({"log_type": long})), &[("log_type", "too_large", E)]),
        // public_access.
        ("public_access 2", with(json!({"public_access": 2})), &[("public_access", "enum", W)]),
        ("public_access 3", with(json!({"public_access": 3})), &[("public_access", "enum", E)]),
        ("public_access -1", with(json!({"public_access": -1})), &[("public_access", "enum", E)]),
        ("public_access 256", with(json!({"public_access": 256})), &[("public_access", "enum", E)]),
        ("public_access 0.5", with(json!({"public_access": 0.5})), &[("public_access", "integer", E)]),
        ("public_access bool", with(json!({"public_access": true})), &[("public_access", "type", E)]),
        // es_info numbers and ip.
        ("es id -1", es(json!({"id": -1})), &[("es_info.id", "range", E)]),
        ("es id 1.5", es(json!({"id": 1.5})), &[("es_info.id", "integer", E)]),
        ("es id 2^53", es(json!({"id": 9_007_199_254_740_992_u64})), &[("es_info.id", "range", E)]),
        ("es id u64 max", es(json!({"id": u64::MAX})), &[("es_info.id", "range", E)]),
        ("es id 1e300", es(json!({"id": 1e300})), &[("es_info.id", "range", E)]),
        ("port 0", es(json!({"port": 0})), &[("es_info.port", "range", E)]),
        ("port -1", es(json!({"port": -1})), &[("es_info.port", "range", E)]),
        ("port 65536", es(json!({"port": 65536})), &[("es_info.port", "range", E)]),
        ("port 70000", es(json!({"port": 70000})), &[("es_info.port", "range", E)]),
        ("port 9200.5", es(json!({"port": 9200.5})), &[("es_info.port", "integer", E)]),
        ("ip bad octet", es(json!({"ip": "10.0.0.256"})), &[("es_info.ip", "ip", E)]),
        ("ip host name", es(json!({"ip": "es.example.com"})), &[("es_info.ip", "ip", E)]),
        ("ip with port", es(json!({"ip": "10.0.0.1:9200"})), &[("es_info.ip", "ip", E)]),
        ("ip empty", es(json!({"ip": ""})), &[("es_info.ip", "empty", W)]),
        ("ip padded", es(json!({"ip": " 10.0.0.1"})), &[("es_info.ip", "ip", E)]),
        // vpc_info.
        ("create_type 3", vpc(json!({"create_type": 3})), &[("vpc_info.create_type", "enum", W)]),
        ("create_type 4", vpc(json!({"create_type": 4})), &[("vpc_info.create_type", "enum", E)]),
        ("create_type -1", vpc(json!({"create_type": -1})), &[("vpc_info.create_type", "enum", E)]),
        ("create_type 1.5", vpc(json!({"create_type": 1.5})), &[("vpc_info.create_type", "integer", E)]),
        ("vpc_id short", vpc(json!({"vpc_id": "vpc-123"})), &[("vpc_info.vpc_id", "pattern", W)]),
        ("vpc_id upper", vpc(json!({"vpc_id": "VPC-ABCDEFGH"})), &[("vpc_info.vpc_id", "pattern", W)]),
        ("subnet short", vpc(json!({"subnet_ids": ["subnet-1"]})), &[("vpc_info.subnet_ids[0]", "pattern", W)]),
        ("subnet_ids empty", vpc(json!({"subnet_ids": []})), &[("vpc_info.subnet_ids", "empty", W)]),
        ("subnet duplicate", vpc(json!({"subnet_ids": ["subnet-a1b2c3d4", "subnet-a1b2c3d4"]})), &[("vpc_info.subnet_ids[1]", "consistency", W)]),
        // Conventions.
        ("service_name short", with(json!({"service_name": "ab"})), &[("service_name", "pattern", W)]),
        ("service_name digit", with(json!({"service_name": "1abc"})), &[("service_name", "pattern", W)]),
        ("service_name space", with(json!({"service_name": "my svc"})), &[("service_name", "pattern", W)]),
        ("service_name 46", with(json!({"service_name": "a".repeat(46)})), &[("service_name", "pattern", W)]),
        ("env_id no suffix", with(json!({"env_id": "prod"})), &[("env_id", "pattern", W)]),
        ("env_id upper", with(json!({"env_id": "Prod-1a2b3c4d5e6f7a8b"})), &[("env_id", "pattern", W)]),
        ("env_id double dash", with(json!({"env_id": "pr--od-1a2b3c4d5e6f7a8b"})), &[("env_id", "pattern", W)]),
        ("env_id short suffix", with(json!({"env_id": "prod-1a2b3c"})), &[("env_id", "pattern", W)]),
        ("env_id long alias", with(json!({"env_id": "abcdefghijklmnopqrstu-1a2b3c4d5e6f7a8b"})), &[("env_id", "pattern", W)]),
        // Consistency.
        ("es without es_info", with(json!({"log_type": "es"})), &[("es_info", "consistency", W)]),
        ("es_info without log_type", with(json!({"es_info": {}})), &[("log_type", "consistency", W)]),
        ("es_info with cls", with(json!({"es_info": {}, "log_type": "cls"})), &[("log_type", "consistency", W)]),
        ("es_info with bad log_type", with(json!({"es_info": {}, "log_type": "ES"})), &[("log_type", "enum", E)]),
        // Unknown keys.
        ("image_Repo", with(json!({"image_Repo": "r"})), &[("image_Repo", "unknown_field", E)]),
        ("servicename", with(json!({"servicename": "s"})), &[("servicename", "unknown_field", E)]),
        ("leading space", with(json!({" service_name": "s"})), &[(" service_name", "unknown_field", E)]),
        ("access_token", with(json!({"access_token": "t"})), &[("access_token", "unknown_field", E)]),
        ("access_Token", with(json!({"access_Token": "t"})), &[("access_Token", "unknown_field", E)]),
        ("es passwd", es(json!({"passwd": "p"})), &[("es_info.passwd", "unknown_field", E)]),
        ("vpc subnetIds", vpc(json!({"subnetIds": []})), &[("vpc_info.subnetIds", "unknown_field", E)]),
        ("root foo", with(json!({"foo": 1})), &[("foo", "unknown_field", E)]),
        ("empty key", with(json!({"": 1})), &[("", "unknown_field", E)]),
        ("control key", with(json!({"a\nb": 1})), &[("", "unknown_field", E)]),
        ("unknown key huge value", with(json!({"foo": [[long]]})), &[("foo", "unknown_field", E)]),
        ("unknown key huge nested key", with(json!({"foo": {"a": {long.as_str(): 1}}})), &[("foo", "unknown_field", E)]),
        ("huge key", with(json!({long.as_str(): 1})), &[("", "too_large", E)]),
        ("huge key in es_info", es(json!({long.as_str(): 1})), &[("es_info", "too_large", E)]),
        ("scalar field holding huge array", with(json!({"remark": [long]})), &[("remark", "type", E)]),
        // Several problems at once.
        (
            "many",
            json!({"env_id": "", "is_public": "yes", "es_info": {"port": 0, "ip": "x"},
                   "log_type": "ES", "public_access": 7, "vpc_info": {"create_type": 9},
                   "image_Repo": "r"}),
            &[
                ("env_id", "empty", E),
                ("es_info.ip", "ip", E),
                ("es_info.port", "range", E),
                ("image_Repo", "unknown_field", E),
                ("is_public", "type", E),
                ("log_type", "enum", E),
                ("public_access", "enum", E),
                ("service_name", "required", E),
                ("vpc_info.create_type", "enum", E),
            ],
        ),
    ]
}

#[test]
fn every_rule_gives_exactly_its_findings() {
    let mut failures = Vec::new();
    for (name, input, expected) in rows() {
        let report = validate(&input, &LAX);
        let mut want: Vec<_> = expected
            .iter()
            .map(|(p, c, s)| (p.to_string(), *c, *s))
            .collect();
        want.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        if findings(&report) != want {
            failures.push(format!("{name}: got {:#?}", all_issues(&report)));
        }
        assert_eq!(report.ok, report.errors.is_empty(), "{name}");
        assert_eq!(
            report.ok,
            !expected.iter().any(|(_, _, s)| *s == E),
            "{name}"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn messages_name_their_place_and_stay_short() {
    for (name, input, _) in rows() {
        for issue in all_issues(&validate(&input, &LAX)) {
            let last = issue.path.rsplit('.').next().unwrap();
            let last = last.split('[').next().unwrap();
            assert!(issue.message.contains(last), "{name}: {issue:?}");
            assert!(
                !issue.message.contains(&"x".repeat(41)),
                "{name}: long value quoted"
            );
            assert!(
                issue.message.len() < 600,
                "{name}: {} bytes",
                issue.message.len()
            );
            assert!(
                !issue.message.chars().any(|c| c.is_control()),
                "{name}: {:?}",
                issue.message
            );
        }
    }
}

fn only(input: &Value, opts: &Options) -> Issue {
    let report = validate(input, opts);
    let issues = all_issues(&report);
    assert_eq!(issues.len(), 1, "{issues:#?}");
    issues[0].clone()
}

#[test]
fn message_examples() {
    let port = only(&es(json!({"port": 70000})), &LAX);
    assert_eq!(
        port.message,
        "es_info.port must be an integer from 1 to 65535 (a TCP port); got 70000"
    );

    let root = only(&json!([1]), &LAX);
    assert!(
        root.message
            .contains("must be a JSON object like {\"env_id\""),
        "{}",
        root.message
    );
    assert!(root.message.ends_with("got an array"), "{}", root.message);
    assert!(only(&Value::Null, &LAX).message.ends_with("got null"));
    assert!(only(&json!("{}"), &LAX).message.contains("got a string"));
    assert!(only(&json!(1.5), &LAX).message.contains("got a number"));
    assert!(only(&json!(false), &LAX).message.contains("got a boolean"));

    let null = only(&with(json!({"env_id": null})), &LAX);
    assert!(
        null.message
            .contains("must be a string; got null (NaN and Infinity also arrive as null)"),
        "{}",
        null.message
    );
    let optional_null = only(&with(json!({"remark": null})), &LAX);
    assert!(
        optional_null.message.contains("omit the field"),
        "{}",
        optional_null.message
    );
    let quoted_bool = only(&with(json!({"is_public": "true"})), &LAX);
    assert!(
        quoted_bool.message.contains("write true without quotes"),
        "{}",
        quoted_bool.message
    );

    let empty = only(&with(json!({"image_repo": ""})), &LAX);
    assert!(
        empty.message.contains("omit the field instead"),
        "{}",
        empty.message
    );

    // A line break is fine in free text (remark), not in an identifier.
    let newline = only(&with(json!({"image_repo": "a\nb"})), &LAX);
    assert!(newline.message.contains(r#""a\nb""#), "{}", newline.message);
    assert!(newline.message.contains("U+000A"), "{}", newline.message);

    let padded = only(
        &with(json!({"remark": format!(" {}", "x".repeat(100))})),
        &LAX,
    );
    assert!(
        padded
            .message
            .contains(&format!("\" {}…\"", "x".repeat(39))),
        "{}",
        padded.message
    );

    let upper = only(&with(json!({"log_type": "ES"})), &LAX);
    assert!(upper.message.contains("write \"es\""), "{}", upper.message);
    let cls = only(&with(json!({"log_type": " CLS "})), &LAX);
    assert!(cls.message.contains("write \"cls\""), "{}", cls.message);

    let big = only(&with(json!({"remark": "x".repeat(70_000)})), &LAX);
    assert!(big.message.contains("70,000 bytes"), "{}", big.message);

    let ip = only(&es(json!({"ip": "es.example.com"})), &LAX);
    assert!(ip.message.contains("\"es.example.com\""), "{}", ip.message);

    let dup = only(
        &vpc(json!({"subnet_ids": ["subnet-a1b2c3d4", "subnet-a1b2c3d4"]})),
        &LAX,
    );
    assert!(
        dup.message.contains("vpc_info.subnet_ids[0]"),
        "{}",
        dup.message
    );
}

#[test]
fn unknown_keys_suggest_the_right_key() {
    let cases = [
        (
            with(json!({"image_Repo": "r"})),
            "did you mean \"image_repo\"?",
        ),
        (
            with(json!({"servicename": "s"})),
            "did you mean \"service_name\"?",
        ),
        (
            with(json!({" service_name": "s"})),
            "did you mean \"service_name\"?",
        ),
        (with(json!({"envId": "e"})), "did you mean \"env_id\"?"),
        (
            with(json!({"is_publc": true})),
            "did you mean \"is_public\"?",
        ),
        (es(json!({"passwd": "p"})), "did you mean \"password\"?"),
        (
            vpc(json!({"subnetIds": []})),
            "did you mean \"subnet_ids\"?",
        ),
        (
            with(json!({"port": 9200})),
            "belongs inside es_info, as \"es_info.port\"",
        ),
        (
            vpc(json!({"remark": "r"})),
            "belongs at the top level of the request",
        ),
        (
            with(json!({"foo": 1})),
            "\"env_id\", \"service_name\", \"is_public\"",
        ),
        (es(json!({"zzz": 1})), "\"id\", \"secret_name\", \"ip\""),
    ];
    for (input, want) in cases {
        let issue = only(&input, &LAX);
        assert_eq!(issue.code, "unknown_field");
        assert!(
            issue.message.contains(want),
            "want {want:?} in {:?}",
            issue.message
        );
        assert!(issue.message.contains("not sent"), "{}", issue.message);
    }
    let spaced = only(&with(json!({" service_name": "s"})), &LAX);
    assert!(spaced.message.contains("whitespace"), "{}", spaced.message);
    for key in ["access_token", "access_Token", "component_access_token"] {
        let token = only(&with(json!({key: "SECRET-TOKEN-123"})), &LAX);
        assert!(token.message.contains("URL"), "{}", token.message);
        assert!(
            token.message.contains("accessToken option"),
            "{}",
            token.message
        );
        assert!(
            !token.message.contains("SECRET-TOKEN-123"),
            "{}",
            token.message
        );
    }
}

#[test]
fn strict_promotes_every_warning() {
    for (name, input, expected) in rows() {
        let lax = validate(&input, &LAX);
        let strict = validate(&input, &STRICT);
        assert!(strict.warnings.is_empty(), "{name}");
        assert_eq!(
            strict.errors.len(),
            lax.errors.len() + lax.warnings.len(),
            "{name}"
        );
        assert_eq!(strict.ok, expected.is_empty(), "{name}");
        for issue in &strict.errors {
            assert_eq!(issue.severity, E, "{name}");
        }
    }
}

#[test]
fn check_returns_the_typed_request_and_warnings() {
    let (req, warnings) = check(&full(), &LAX).unwrap();
    assert!(warnings.is_empty());
    assert_eq!(
        req,
        CreateServiceRequest {
            env_id: "prod-1a2b3c4d5e6f7a8b".into(),
            service_name: "my-service".into(),
            is_public: true,
            image_repo: Some("ccr.ccs.tencentyun.com/ns/app".into()),
            remark: Some("demo service".into()),
            es_info: Some(EsInfo {
                id: Some(1),
                secret_name: Some("es-secret".into()),
                ip: Some("10.0.0.12".into()),
                port: Some(9200),
                index: Some("logs".into()),
                account: Some("elastic".into()),
                password: Some(Secret::new("pw")),
            }),
            log_type: Some(LogType::Es),
            vpc_info: Some(VpcInfo {
                vpc_id: Some("vpc-a1b2c3d4".into()),
                subnet_ids: Some(vec!["subnet-a1b2c3d4".into(), "subnet-e5f6a7b8".into()]),
                create_type: Some(2),
            }),
            public_access: Some(1),
        }
    );

    let input = es(json!({"port": 9200.0, "id": 7.0, "extra": 1}));
    let (req, warnings) = check(
        &with(json!({"public_access": 2.0, "es_info": input["es_info"]})),
        &ALLOW_UNKNOWN,
    )
    .unwrap();
    let es_info = req.es_info.unwrap();
    assert_eq!(
        (es_info.port, es_info.id, req.public_access),
        (Some(9200), Some(7), Some(2))
    );
    let mut codes: Vec<_> = warnings
        .iter()
        .map(|w| (w.path.as_str(), w.code.as_str()))
        .collect();
    codes.sort();
    assert_eq!(
        codes,
        [
            ("es_info.extra", "unknown_field"),
            ("log_type", "consistency"),
            ("public_access", "enum")
        ]
    );
}

#[test]
fn check_fails_with_the_reports_errors() {
    let input = with(json!({"env_id": 1, "public_access": 2}));
    let err = check(&input, &LAX).unwrap_err();
    assert_eq!(err.code(), "VALIDATION");
    let Error::Validation { issues, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(issues, &validate(&input, &LAX).errors);
    assert_eq!(issues.len(), 1);

    let Error::Validation { issues, .. } = check(&input, &STRICT).unwrap_err() else {
        panic!()
    };
    assert_eq!(issues.len(), 2);
    assert!(issues.iter().all(|i| i.severity == E));

    assert!(check(&with(json!({"public_access": 2})), &LAX).is_ok());
    assert!(check(&with(json!({"public_access": 2})), &STRICT).is_err());
    assert!(check(&Value::Null, &LAX).is_err());
}

const CANARY: &str = "CANARY-PASSWORD-9f3a";

#[test]
fn the_password_never_appears_in_a_message() {
    let huge = format!("{CANARY}{}", "p".repeat(70_000));
    let passwords = [
        json!(CANARY),
        json!(format!(" {CANARY} ")),
        json!(format!("{CANARY}\n")),
        json!(format!("\u{0}{CANARY}")),
        json!(format!("{CANARY}\u{7f}")),
        json!(huge),
        json!([CANARY]),
        json!({"value": CANARY}),
        json!([huge]),
        json!(null),
        json!(42),
    ];
    let mut seen = 0;
    for password in passwords {
        let bodies = [
            es(json!({"password": password.clone()})),
            with(json!({"es_info": {"password": password.clone()}, "log_type": "cls"})),
            es(json!({"passwd": password.clone(), "Password": password.clone()})),
            with(json!({"password": password.clone(), "es_info": "x"})),
            with(json!({"env_id": 1, "es_info": {"password": password.clone(), "port": 0}})),
        ];
        for body in bodies {
            for opts in [LAX, STRICT] {
                let report = validate(&body, &opts);
                for issue in all_issues(&report) {
                    seen += 1;
                    assert!(!issue.message.contains(CANARY), "{issue:?}");
                    assert!(!issue.message.contains("9f3a"), "{issue:?}");
                    assert!(!issue.path.contains(CANARY), "{issue:?}");
                }
                let rendered = match check(&body, &opts) {
                    Ok((req, warnings)) => format!("{req:?} {warnings:?}"),
                    Err(e) => format!("{e} {e:?}"),
                };
                assert!(!rendered.contains(CANARY), "{rendered}");
            }
        }
    }
    assert!(seen > 50);
    let padded = only(&es(json!({"password": format!(" {CANARY}")})), &LAX);
    assert_eq!(
        (padded.path.as_str(), padded.code.as_str()),
        ("es_info.password", "whitespace")
    );
}

#[test]
fn a_string_of_70000_chars_is_too_large_wherever_it_is() {
    let long = "é".repeat(35_000); // 70,000 bytes
    for (input, path) in [
        (with(json!({"env_id": long})), "env_id"),
        (es(json!({"account": long})), "es_info.account"),
        (es(json!({"ip": long})), "es_info.ip"),
        (vpc(json!({"subnet_ids": [long]})), "vpc_info.subnet_ids[0]"),
    ] {
        let report = validate(&input, &LAX);
        assert!(
            report
                .errors
                .iter()
                .any(|i| i.code == "too_large" && i.path == path),
            "{path}: {report:#?}"
        );
        assert!(!report.ok);
    }
}

#[test]
fn forty_thousand_unknown_keys_give_a_bounded_report() {
    // 40,000 keys stay under the 1 MiB input limit; allowed, each is a warning.
    let mut obj = base().as_object().unwrap().clone();
    for i in 0..40_000 {
        obj.insert(format!("key_{i:05}"), json!(i));
    }
    let input = Value::Object(obj);
    let report = validate(&input, &ALLOW_UNKNOWN);
    assert!(report.ok);
    assert!(report.errors.is_empty());
    assert_eq!(report.warnings.len(), 101);
    let last = report.warnings.last().unwrap();
    assert_eq!((last.path.as_str(), last.code.as_str()), ("", "too_large"));
    assert!(last.message.contains("39,900"), "{}", last.message);
    let (req, warnings) = check(&input, &ALLOW_UNKNOWN).unwrap();
    assert_eq!(req.service_name, "my-service");
    assert_eq!(warnings.len(), 101);
    let strict = Options {
        strict: true,
        ..ALLOW_UNKNOWN
    };
    assert!(!validate(&input, &strict).ok);
    // Not allowed, each is an error, and the report is as bounded.
    let report = validate(&input, &LAX);
    assert_eq!(report.errors.len(), 101);
    assert!(report.warnings.is_empty());
}

#[test]
fn an_error_beyond_the_cap_still_fails_the_report() {
    let mut obj = base().as_object().unwrap().clone();
    for i in 0..150 {
        obj.insert(format!("k{i:03}"), json!(i));
    }
    // Keys print sorted: service_name comes after the 150 unknown ones.
    obj.insert("service_name".into(), json!(5));
    let report = validate(&Value::Object(obj), &ALLOW_UNKNOWN);
    assert!(!report.ok);
    assert_eq!(report.warnings.len(), 100);
    assert_eq!(report.errors.len(), 1);
    assert_eq!(
        (
            report.errors[0].path.as_str(),
            report.errors[0].code.as_str()
        ),
        ("", "too_large")
    );
}

/// `[[[…leaf…]]]` nested `depth` levels, as JSON text (a deep `Value` cannot even be
/// printed without recursion).
fn nested_array(depth: usize, leaf: &str) -> String {
    format!("{}{leaf}{}", "[".repeat(depth), "]".repeat(depth))
}

fn nested_object(depth: usize, leaf: &str) -> String {
    format!("{}{leaf}{}", "{\"k\":".repeat(depth), "}".repeat(depth))
}

/// The minimal body with `value` (JSON text) put at `path` (one or two keys).
fn put(path: &[&str], value: &str) -> String {
    let base = if path == ["env_id"] {
        r#""service_name":"my-service","is_public":true"#
    } else {
        r#""env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"my-service","is_public":true"#
    };
    match path {
        [key] => format!("{{{base},\"{key}\":{value}}}"),
        [outer, key] => format!("{{{base},\"{outer}\":{{\"{key}\":{value}}}}}"),
        _ => unreachable!(),
    }
}

#[test]
fn deep_values_are_reported_once_without_recursion() {
    let deep_bodies = [
        (
            put(&["zzz"], &nested_array(100_000, "1")),
            "zzz",
            "unknown_field",
            E,
        ),
        (
            put(&["zzz"], &nested_object(100_000, "1")),
            "zzz",
            "unknown_field",
            E,
        ),
        (
            put(&["env_id"], &nested_array(100_000, "\"x\"")),
            "env_id",
            "type",
            E,
        ),
        (
            put(&["vpc_info", "vpc_id"], &nested_object(100_000, "1")),
            "vpc_info.vpc_id",
            "type",
            E,
        ),
        (
            put(&["vpc_info", "zzz"], &nested_object(100_000, "1")),
            "vpc_info.zzz",
            "unknown_field",
            E,
        ),
        (
            put(
                &["vpc_info", "subnet_ids"],
                &format!("[{}]", nested_array(100_000, "1")),
            ),
            "vpc_info.subnet_ids[0]",
            "type",
            E,
        ),
        (
            put(
                &["vpc_info", "subnet_ids"],
                &nested_array(100_000, "\"subnet-a1b2c3d4\""),
            ),
            "vpc_info.subnet_ids[0]",
            "type",
            E,
        ),
    ];
    for (body, path, code, severity) in deep_bodies {
        let report = validate_text(&body, &LAX);
        assert_eq!(
            findings(&report),
            vec![(path.to_string(), code, severity)],
            "{path}"
        );
        // Allowed, an unknown deep value is sent as given, byte for byte.
        if code == "unknown_field" {
            let (built, warnings) = body_text(&body, &ALLOW_UNKNOWN).unwrap();
            assert_eq!(built.len(), body.len(), "{path}");
            assert_eq!(warnings.len(), 1);
        }
    }
    let mut droppable = put(&["zzz"], &nested_array(2_000, "1"));
    droppable.pop();
    droppable.push_str(&format!(",\"remark\":{}}}", nested_object(2_000, "1")));
    let report = validate_text(&droppable, &LAX);
    assert_eq!(
        findings(&report),
        vec![
            ("remark".to_string(), "type", E),
            ("zzz".to_string(), "unknown_field", E)
        ]
    );
}
