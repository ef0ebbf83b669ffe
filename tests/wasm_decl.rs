//! The TypeScript declarations tsify emits from the call declarations are the public types
//! users see: a change to them is a change of the contract, so each is pinned here. tsify
//! exists only in the wasm build, so this runs under wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use tsify::Tsify;
use wasm_bindgen_test::*;
use wx_cloudbase_service::calls::{
    CreateServiceRequest, CreateServiceResponse, EsInfo, LogType, VpcInfo,
};
use wx_cloudbase_service::IssueCode;

#[wasm_bindgen_test]
fn create_service_request_declaration() {
    assert_eq!(
        CreateServiceRequest::DECL,
        r#"/**
 * Body of `POST /componenttcb/establishcloudbaserunserver`: creates a CloudBase Run
 * service in an environment of an authorised mini program or official account.
 */
export interface CreateServiceRequest {
    /**
     * Environment id, e.g. `prod-1a2b3c4d5e6f7a8b`.
     */
    env_id: string;
    /**
     * Service name. By CloudBase convention: letters, digits, `-` and `_`, starting with a
     * letter, 3–45 characters.
     */
    service_name: string;
    /**
     * Whether the service is open to access from the public network.
     */
    is_public: boolean;
    /**
     * Image repository.
     */
    image_repo?: string;
    /**
     * Service description.
     */
    remark?: string;
    /**
     * Elasticsearch information, for `log_type: "es"`.
     */
    es_info?: EsInfo;
    /**
     * Where logs go: `"es"` (Elasticsearch, see `es_info`) or `"cls"` (Cloud Log Service).
     */
    log_type?: LogType;
    /**
     * VPC information.
     */
    vpc_info?: VpcInfo;
    /**
     * Public network access: `0` or `1` (this call's docs). `2` (close public access) is
     * documented only by the Tencent Cloud API twin; the validator accepts it with a warning.
     */
    public_access?: 0 | 1;
}"#
    );
}

#[wasm_bindgen_test]
fn es_info_declaration() {
    assert_eq!(
        EsInfo::DECL,
        r#"/**
 * Elasticsearch connection used when `log_type` is `"es"`. Every field is optional.
 */
export interface EsInfo {
    /**
     * Elasticsearch instance id (a non-negative integer).
     */
    id?: number;
    /**
     * Secret name.
     */
    secret_name?: string;
    /**
     * IP address of the Elasticsearch instance (IPv4 or IPv6).
     */
    ip?: string;
    /**
     * TCP port, 1–65535.
     */
    port?: number;
    /**
     * Index name.
     */
    index?: string;
    /**
     * User name.
     */
    account?: string;
    /**
     * Password. Redacted in every error, log line and rendered curl command unless the
     * caller asks to reveal secrets.
     */
    password?: string;
}"#
    );
}

#[wasm_bindgen_test]
fn log_type_declaration() {
    assert_eq!(
        LogType::DECL,
        r#"/**
 * Log destination.
 */
export type LogType = "es" | "cls";"#
    );
}

#[wasm_bindgen_test]
fn vpc_info_declaration() {
    assert_eq!(
        VpcInfo::DECL,
        r#"/**
 * VPC the service runs in. Every field is optional.
 */
export interface VpcInfo {
    /**
     * VPC id, conventionally `vpc-xxxxxxxx`.
     */
    vpc_id?: string;
    /**
     * Subnet ids, conventionally `subnet-xxxxxxxx`.
     */
    subnet_ids?: string[];
    /**
     * How the VPC is chosen: `0` inherit, `1` create new, `2` specify. (One doc sample
     * sends `3`; the validator accepts it with a warning.)
     */
    create_type?: 0 | 1 | 2;
}"#
    );
}

#[wasm_bindgen_test]
fn create_service_response_declaration() {
    assert_eq!(
        CreateServiceResponse::DECL,
        r#"/**
 * A successful answer: `errcode` is `0`. WeChat may add keys; they are kept.
 */
export type CreateServiceResponse = { errcode: 0; errmsg: string } & Record<string, unknown>;"#
    );
}

#[wasm_bindgen_test]
fn issue_code_declaration() {
    let decl = IssueCode::DECL;
    assert!(
        decl.starts_with("/**\n * What kind of problem a finding is"),
        "{decl}"
    );
    for code in [
        "required",
        "type",
        "empty",
        "whitespace",
        "control_char",
        "enum",
        "integer",
        "range",
        "ip",
        "pattern",
        "format",
        "consistency",
        "unknown_field",
        "duplicate",
        "null",
        "too_large",
        "depth",
        "unknown_option",
        "unknown_call",
        "token_source",
        "store_get",
        "store_set",
        "store_value",
        "timeout",
        "serialize",
    ] {
        assert!(
            decl.contains(&format!("\"{code}\"")),
            "{code} missing from {decl}"
        );
    }
    assert!(decl.contains("export type IssueCode ="), "{decl}");
}
