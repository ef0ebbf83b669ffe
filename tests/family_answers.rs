#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Answers of the family: the docs' samples read into each call's typed answer (unknown
//! keys kept), integers beyond 2^53 kept exactly, `__proto__` kept as data, a failed
//! release reported as a failure, WeChat's request id taken from errmsg.

use serde::de::DeserializeOwned;
use wx_cloudbase_service::calls::{self, *};
use wx_cloudbase_service::response::parse_response;
use wx_cloudbase_service::Error;

fn parse<T: DeserializeOwned>(call: &str, body: &str) -> T {
    let call = calls::by_name(call).unwrap();
    let answer = parse_response(call, 200, &[], body.as_bytes(), &[]).unwrap();
    serde_json::from_str(&answer.json).unwrap_or_else(|e| panic!("{}: {e}", answer.json))
}

#[test]
fn the_doc_samples_read_into_the_typed_answers() {
    let env: CreateEnvResponse = parse(
        "createCloudbaseEnv",
        r#"{"errcode":0,"errmsg":"ok","env_id":"testapi-xxxxsdffsewr"}"#,
    );
    assert_eq!(env.env_id.as_deref(), Some("testapi-xxxxsdffsewr"));
    let version: CreateVersionResponse = parse(
        "createCloudbaseServiceVersion",
        r#"{"errcode":0,"errmsg":"ok","result":"succ","version_name":"ss-012","run_id":"1mz98HwJmGdACf"}"#,
    );
    assert_eq!(version.version_name.as_deref(), Some("ss-012"));
    assert_eq!(version.run_id.as_deref(), Some("1mz98HwJmGdACf"));
    let envs: GetEnvsResponse = parse(
        "getWxCloudBaseRunEnvs",
        r#"{"errcode":0,"errmsg":"ok","env_list":[{"env_id":"e-1","status":"NORMAL","databases":[{"region":"ap-shanghai","instance_id":"i"}],"tags":[{"key":"k","value":"v"}],"is_default":true,"future_key":1}]}"#,
    );
    let first = &envs.env_list.unwrap()[0];
    assert_eq!(first.status.as_deref(), Some("NORMAL"));
    assert_eq!(
        first.databases.as_ref().unwrap()[0].region.as_deref(),
        Some("ap-shanghai")
    );
    assert_eq!(first.extra["future_key"], 1);
    let share: ShareResponse = parse(
        "shareCloudbaseEnv",
        r#"{"errcode":0,"errmsg":"ok","err_list":[],"msg_info_list":[{"appid":"wx1","url":"https://example.invalid/confirm"}]}"#,
    );
    assert_eq!(
        share.msg_info_list.unwrap()[0].appid.as_deref(),
        Some("wx1")
    );
}

#[test]
fn integers_beyond_2_53_arrive_as_strings_and_proto_stays_data() {
    let release: ReleaseVersionResponse = parse(
        "releaseCloudbaseServiceVersion",
        r#"{"errcode":0,"errmsg":"ok","result":"success","release_order_id":9007199254740993}"#,
    );
    assert_eq!(release.release_order_id.unwrap(), "9007199254740993");
    let small: ReleaseVersionResponse = parse(
        "releaseCloudbaseServiceVersion",
        r#"{"errcode":0,"errmsg":"ok","result":"success","release_order_id":4503599627370497}"#,
    );
    assert_eq!(small.release_order_id.unwrap(), 4_503_599_627_370_497u64);
    let call = calls::by_name("createCloudbaseService").unwrap();
    let odd = r#"{"errcode":0,"errmsg":"ok","request_id":9007199254740993,"__proto__":{"polluted":true}}"#;
    let answer = parse_response(call, 200, &[], odd.as_bytes(), &[]).unwrap();
    assert_eq!(
        answer.json,
        r#"{"errcode":0,"errmsg":"ok","request_id":"9007199254740993","__proto__":{"polluted":true}}"#
    );
}

#[test]
fn a_failed_release_is_a_failure_the_caller_cannot_miss() {
    let call = calls::by_name("releaseCloudbaseServiceVersion").unwrap();
    let body = r#"{"errcode":0,"errmsg":"ok","result":"failed","release_order_id":12345678901}"#;
    let Err(Error::WxApi(e)) = parse_response(call, 200, &[], body.as_bytes(), &[]) else {
        panic!("a failed release must be an error")
    };
    assert_eq!(e.errcode, 0);
    assert_eq!(e.errname, Some("result_failed"));
    assert_eq!(e.result.as_deref(), Some("failed"));
    assert!(e.answer.as_deref().unwrap().contains("12345678901"));
    assert!(e.hint.contains("release"));
    // Another call's `result` is not judged.
    let version = calls::by_name("createCloudbaseServiceVersion").unwrap();
    let odd = r#"{"errcode":0,"errmsg":"ok","result":"failed"}"#;
    assert!(parse_response(version, 200, &[], odd.as_bytes(), &[]).is_ok());
}

#[test]
fn the_request_id_comes_from_errmsg() {
    let call = calls::by_name("createCloudbaseEnv").unwrap();
    let body = r#"{"errcode":40097,"errmsg":"invalid args rid: 6523a1b2-0a1b2c3d-4e5f6a7b"}"#;
    let Err(Error::WxApi(e)) = parse_response(call, 200, &[], body.as_bytes(), &[]) else {
        panic!()
    };
    assert_eq!(e.request_id.as_deref(), Some("6523a1b2-0a1b2c3d-4e5f6a7b"));
}

#[test]
fn ambiguous_failures_of_a_read_are_not_outcome_unknown() {
    let read = calls::by_name("getWxCloudBaseRunEnvs").unwrap();
    let change = calls::by_name("createCloudbaseEnv").unwrap();
    for (call, unknown) in [(read, false), (change, true)] {
        let Err(Error::Transport(t)) = parse_response(call, 502, &[], b"bad gateway", &[]) else {
            panic!()
        };
        assert_eq!(t.outcome_unknown, unknown, "{}", call.name);
        let Err(Error::Transport(t)) = parse_response(call, 200, &[], b"{", &[]) else {
            panic!()
        };
        assert_eq!(t.outcome_unknown, unknown, "{}", call.name);
    }
}
