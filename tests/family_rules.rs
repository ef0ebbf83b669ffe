#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The ten calls beside createCloudbaseService, through the engine: one row per rule of
//! each call (an input and exactly the findings it gives: path, code, severity), the doc
//! typos' suggestions, and golden built requests.

mod support;

use serde_json::{json, Value};
use wx_cloudbase_service::base_url::BaseUrl;
use wx_cloudbase_service::calls::{self, Call};
use wx_cloudbase_service::engine::{check, Body, Rules};
use wx_cloudbase_service::issue::Severity::{self, Error as E, Warning as W};
use wx_cloudbase_service::request::build_request;
use wx_cloudbase_service::AccessToken;

fn call(name: &str) -> &'static Call {
    calls::by_name(name).unwrap()
}

/// The call's example with `patch`'s keys set (`null` removes a key).
fn with(call: &Call, patch: Value) -> Value {
    let mut body: Value = serde_json::from_str(call.example).unwrap();
    for (k, v) in patch.as_object().unwrap() {
        if v.is_null() {
            body.as_object_mut().unwrap().remove(k);
        } else {
            body[k] = v.clone();
        }
    }
    body
}

fn findings(call: &'static Call, input: &Value) -> Vec<support::Finding> {
    support::findings(&check(call, &input.to_string(), &Rules::default()).report)
}

type Row = (
    &'static str,
    Value,
    &'static [(&'static str, &'static str, Severity)],
);

#[rustfmt::skip]
fn rows() -> Vec<(&'static str, Vec<Row>)> {
    let env = call("createCloudbaseEnv");
    let share = call("shareCloudbaseEnv");
    let get_share = call("getShareCloudbaseEnv");
    let version = call("createCloudbaseServiceVersion");
    let update = call("updateCloudbaseServiceVersion");
    let delete = call("deleteCloudbaseServiceVersion");
    let release = call("releaseCloudbaseServiceVersion");
    let micro = call("createCloudbaseMicrservice");
    vec![
        ("getWxCloudBaseRunEnvs", vec![
            ("empty body", json!({}), &[]),
            ("anything else", json!({"env_id": "x"}), &[("env_id", "unknown_field", E)]),
        ]),
        ("createCloudbaseEnv", vec![
            ("example", with(env, json!({})), &[]),
            ("no body fields at all", json!({}), &[]),
            ("alias starts with a digit", with(env, json!({"alias": "1api"})), &[("alias", "pattern", E)]),
            ("alias upper case", with(env, json!({"alias": "TestApi"})), &[("alias", "pattern", E)]),
            ("alias number", with(env, json!({"alias": 5})), &[("alias", "type", E)]),
            ("vpc id convention", with(env, json!({"vpc_id": "vpc1"})), &[("vpc_id", "pattern", W)]),
            ("subnets", with(env, json!({"sub_net_ids": ["subnet-a1b2c3d4", "subnet-a1b2c3d4"]})), &[("sub_net_ids[1]", "consistency", W)]),
            ("subnets not strings", with(env, json!({"sub_net_ids": [1]})), &[("sub_net_ids[0]", "type", E)]),
        ]),
        ("getShareCloudbaseEnv", vec![
            ("example", with(get_share, json!({})), &[]),
            ("no appids", with(get_share, json!({"appids": null})), &[("appids", "required", E)]),
            ("empty appids", with(get_share, json!({"appids": []})), &[("appids", "empty", E)]),
            ("appid shape", with(get_share, json!({"appids": ["wx12"]})), &[("appids[0]", "pattern", W)]),
            ("source_type 2", with(get_share, json!({"source_type": 2})), &[("source_type", "enum", E)]),
            ("source_type string", with(get_share, json!({"source_type": "1"})), &[("source_type", "type", E)]),
        ]),
        ("shareCloudbaseEnv", vec![
            ("example", with(share, json!({})), &[]),
            ("no data", with(share, json!({"data": null})), &[("data", "required", E)]),
            ("entry without env", with(share, json!({"data": [{"appids": ["wx1234567890abcdef"]}]})), &[("data[0].env", "required", E)]),
            ("entry with a typo", with(share, json!({"data": [{"env": "prod-1a2b3c4d5e6f7a8b", "appid": ["x"]}]})), &[("data[0].appid", "unknown_field", E), ("data[0].appids", "required", E)]),
            ("data not an array", with(share, json!({"data": {"env": "x"}})), &[("data", "type", E)]),
        ]),
        ("createCloudbaseServiceVersion", vec![
            ("example", with(version, json!({})), &[]),
            ("no server_name", with(version, json!({"server_name": null})), &[("server_name", "required", E)]),
            ("upload_type", with(version, json!({"upload_type": "zip"})), &[("upload_type", "enum", E)]),
            ("flow_ratio 101", with(version, json!({"flow_ratio": 101})), &[("flow_ratio", "range", E)]),
            ("cpu 0", with(version, json!({"cpu": 0})), &[("cpu", "range", W)]),
            ("cpu string", with(version, json!({"cpu": "0.25"})), &[("cpu", "type", E)]),
            ("min_num -1", with(version, json!({"min_num": -1})), &[("min_num", "range", E)]),
            ("max_num 51", with(version, json!({"max_num": 51})), &[("max_num", "range", E)]),
            ("min above max", with(version, json!({"min_num": 6, "max_num": 5})), &[("min_num", "consistency", W)]),
            ("container_port 0", with(version, json!({"container_port": 0})), &[("container_port", "range", E)]),
            ("env_params object", with(version, json!({"env_params": {"A": "1"}})), &[("env_params", "type", E)]),
            ("env_params not JSON", with(version, json!({"env_params": "A=1"})), &[("env_params", "format", E)]),
            ("env_params JSON", with(version, json!({"env_params": "{\"A\":\"1\"}"})), &[]),
            ("image without image_info", with(version, json!({"image_info": null})), &[("image_info", "consistency", W)]),
            ("repository without branch", with(version, json!({"upload_type": "repository", "repository": "r", "image_info": null})), &[("branch", "consistency", W)]),
            ("registry password", with(version, json!({"image_secret_info": {"password": 5}})), &[("image_secret_info.password", "type", E)]),
            ("code_detail nested", with(version, json!({"code_detail": {"name": {"full_name": 1}}})), &[("code_detail.name.full_name", "type", E)]),
            ("unconfirmed of another type", with(version, json!({"has_dockerfile": "yes"})), &[("has_dockerfile", "type", W)]),
            ("unconfirmed as given", with(version, json!({"sidecar_specs": [{"x": 1}], "security": {"a": [1]}})), &[]),
            ("Dockerfile_path", with(version, json!({"Dockerfile_path": "Dockerfile"})), &[("Dockerfile_path", "unknown_field", E)]),
            ("access_Token", with(version, json!({"access_Token": "t"})), &[("access_Token", "unknown_field", E)]),
        ]),
        ("updateCloudbaseServiceVersion", vec![
            ("example", with(update, json!({})), &[]),
            ("cpu number", with(update, json!({"cpu": 0.25})), &[("cpu", "type", E)]),
            ("max_num number", with(update, json!({"max_num": 5})), &[("max_num", "type", E)]),
            ("cpu not a number", with(update, json!({"cpu": "half"})), &[("cpu", "format", E)]),
            ("max_num 60", with(update, json!({"max_num": "60"})), &[("max_num", "range", E)]),
            ("min above max", with(update, json!({"min_num": "6"})), &[("min_num", "consistency", W)]),
            ("upload_type jar", with(update, json!({"upload_type": "jar"})), &[("upload_type", "enum", E)]),
            ("policy_threshold number", with(update, json!({"policy_threshold": 60})), &[("policy_threshold", "type", E)]),
            ("no version_name", with(update, json!({"version_name": null})), &[("version_name", "required", E)]),
        ]),
        ("deleteCloudbaseServiceVersion", vec![
            ("example", with(delete, json!({})), &[]),
            ("image without server", with(delete, json!({"is_delete_image": true})), &[("is_delete_image", "consistency", E)]),
            ("image with server", with(delete, json!({"is_delete_image": true, "is_delete_server": true})), &[]),
            ("bool as string", with(delete, json!({"is_delete_server": "true"})), &[("is_delete_server", "type", E)]),
        ]),
        ("releaseCloudbaseServiceVersion", vec![
            ("example", with(release, json!({})), &[]),
            ("no release_version", with(release, json!({"release_version": null})), &[("release_version", "required", E)]),
        ]),
        ("createCloudbaseMicrservice", vec![
            ("example", with(micro, json!({})), &[]),
            ("empty", json!({}), &[("env_id", "required", E)]),
        ]),
    ]
}

#[test]
fn every_rule_of_every_call_gives_exactly_its_findings() {
    let mut failures = Vec::new();
    for (name, rows) in rows() {
        let call = call(name);
        for (what, input, expected) in rows {
            let mut want: Vec<_> = expected
                .iter()
                .map(|(p, c, s)| (p.to_string(), *c, *s))
                .collect();
            want.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
            let got = findings(call, &input);
            if got != want {
                failures.push(format!("{name} / {what}: got {got:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn message(call: &'static Call, input: &Value, path: &str) -> String {
    let report = check(call, &input.to_string(), &Rules::default()).report;
    report
        .errors
        .iter()
        .chain(&report.warnings)
        .find(|i| i.path == path)
        .unwrap_or_else(|| panic!("no finding at {path}: {report:#?}"))
        .message
        .clone()
}

#[test]
fn messages_say_how_to_fix_the_doc_slips() {
    let version = call("createCloudbaseServiceVersion");
    let update = call("updateCloudbaseServiceVersion");
    assert!(message(
        version,
        &with(version, json!({"Dockerfile_path": "D"})),
        "Dockerfile_path"
    )
    .contains("did you mean \"dockerfile_path\"?"));
    assert!(message(
        version,
        &with(version, json!({"access_Token": "t"})),
        "access_Token"
    )
    .contains("goes in the URL"));
    let quoted = message(update, &with(update, json!({"cpu": 0.25})), "cpu");
    assert!(quoted.contains("write \"0.25\""), "{quoted}");
    let stringify = message(
        version,
        &with(version, json!({"env_params": {"SECRET": "hunter2"}})),
        "env_params",
    );
    assert!(stringify.contains("JSON.stringify"), "{stringify}");
    assert!(!stringify.contains("hunter2"), "{stringify}");
    let not_json = message(
        version,
        &with(version, json!({"env_params": "SECRET=hunter2"})),
        "env_params",
    );
    assert!(!not_json.contains("hunter2"), "{not_json}");
}

/// "x is required" quotes the field's doc up to the end of its first sentence; an
/// abbreviation's full stop ("e.g. `0.25`") is not that end.
#[test]
fn required_messages_quote_whole_first_sentences() {
    for call in calls::CALLS {
        let report = check(call, "{}", &Rules::default()).report;
        for issue in report
            .errors
            .iter()
            .filter(|i| i.code.as_str() == "required")
        {
            for abbr in ["e.g;", "i.e;", "e.g ", "i.e "] {
                assert!(
                    !issue.message.contains(abbr),
                    "{}: {}",
                    call.name,
                    issue.message
                );
            }
        }
    }
    let version = call("createCloudbaseServiceVersion");
    let cpu = message(version, &with(version, json!({"cpu": null})), "cpu");
    assert!(cpu.contains("e.g. `0.25`"), "{cpu}");
}

#[test]
fn golden_requests_of_every_call() {
    let token = AccessToken::new("T0KEN");
    let base = BaseUrl::default();
    for call in calls::CALLS {
        let checked = check(call, call.example, &Rules::default());
        assert_eq!(
            checked.body,
            Some(Body::Input),
            "{}: the example is canonical",
            call.name
        );
        let http = build_request(call, call.example.to_owned(), &token, &base);
        assert_eq!(
            http.url,
            format!(
                "https://api.weixin.qq.com/componenttcb/{}?access_token=T0KEN",
                call.path
            )
        );
        assert_eq!(http.body.as_bytes(), call.example.as_bytes());
        assert_eq!(http.method, "POST");
    }
    let paths: Vec<_> = calls::CALLS.iter().map(|c| (c.name, c.path)).collect();
    assert_eq!(
        paths,
        [
            ("getWxCloudBaseRunEnvs", "describecloudbaserunenvs"),
            ("createCloudbaseEnv", "createcloudbaserunenv"),
            ("getShareCloudbaseEnv", "batchgetenvid"),
            ("shareCloudbaseEnv", "batchshareenv"),
            ("unshareCloudbaseEnv", "batchunshareenv"),
            ("createCloudbaseService", "establishcloudbaserunserver"),
            (
                "createCloudbaseServiceVersion",
                "createcloudbaserunserverversion"
            ),
            (
                "updateCloudbaseServiceVersion",
                "rollupdatecloudbaserunserverversion"
            ),
            (
                "deleteCloudbaseServiceVersion",
                "deletecloudbaserunserverversion"
            ),
            (
                "releaseCloudbaseServiceVersion",
                "releasecloudbaserunversion"
            ),
            ("createCloudbaseMicrservice", "createcloudbaserunresauth"),
        ]
    );
}

#[test]
fn reads_and_changes() {
    let reads: Vec<_> = calls::CALLS
        .iter()
        .filter(|c| c.effect == calls::Effect::Reads)
        .map(|c| c.name)
        .collect();
    assert_eq!(reads, ["getWxCloudBaseRunEnvs", "getShareCloudbaseEnv"]);
}

#[test]
fn the_registry_password_and_env_params_are_secrets() {
    let version = call("createCloudbaseServiceVersion");
    let input = with(
        version,
        json!({"image_secret_info": {"password": "CANARY-PW"}, "env_params": "{\"K\":\"CANARY-ENV\"}"}),
    );
    let checked = check(version, &input.to_string(), &Rules::default());
    assert!(checked.secrets.contains(&"CANARY-PW".to_owned()));
    let body = checked.body_text(&input.to_string()).unwrap().to_owned();
    let http = build_request(version, body, &AccessToken::new("t"), &BaseUrl::default());
    let shown = http.redacted_body();
    assert!(!shown.contains("CANARY"), "{shown}");
}
