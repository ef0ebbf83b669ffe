//! createCloudbaseService (`POST /componenttcb/establishcloudbaserunserver`), from
//! `api/createCloudbaseService.md`.

use super::decl::*;
use super::macros::{shape, string_enum};
use super::patterns::{ENV_ID, SERVICE_NAME, SUBNET_ID, VPC_ID};
use crate::engine::{Findings, Seen};
use crate::secret::Secret;

/// Largest integer a JavaScript number holds exactly: 2^53 − 1.
pub const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A TCP port: a hard rule of TCP, so an error whatever the docs say.
pub const PORT: Rule = Rule::Range {
    min: 1.0,
    max: 65_535.0,
    why: " (a TCP port)",
};

string_enum! {
    /// Log destination.
    enum LogType as LOG_TYPES {
        /// Elasticsearch (configure `es_info`).
        Es = "es",
        /// Tencent Cloud Log Service.
        Cls = "cls",
    }
}

shape! {
    /// Elasticsearch connection used when `log_type` is `"es"`. Every field is optional.
    struct EsInfo as ES_INFO {
        /// Elasticsearch instance id (a non-negative integer).
        opt id: u64 = int().checks(&[documented(Rule::Range {
            min: 0.0,
            max: MAX_SAFE_INTEGER,
            why: " (2^53 - 1, the largest integer a JavaScript number holds exactly)",
        })]),
        /// Secret name.
        opt secret_name: String = text(),
        /// IP address of the Elasticsearch instance (IPv4 or IPv6).
        opt ip: String = text().checks(&[documented(Rule::Ip)]),
        /// TCP port, 1–65535.
        opt port: u16 = int().checks(&[documented(PORT)]),
        /// Index name.
        opt index: String = text(),
        /// User name.
        opt account: String = text(),
        /// Password. Redacted in every error, log line and rendered curl command unless the
        /// caller asks to reveal secrets.
        opt password: Secret [ts = "string"] = text().secret(),
    }
}

shape! {
    /// VPC the service runs in. Every field is optional.
    struct VpcInfo as VPC_INFO {
        /// VPC id, conventionally `vpc-xxxxxxxx`.
        opt vpc_id: String = text().checks(&[convention(Rule::Shape(VPC_ID))]),
        /// Subnet ids, conventionally `subnet-xxxxxxxx`.
        opt subnet_ids: Vec<String> = array(&SUBNET_ITEM).checks(&[convention(Rule::Unique)]),
        /// How the VPC is chosen: `0` inherit, `1` create new, `2` specify. (One doc sample
        /// sends `3`; the validator accepts it with a warning.)
        opt create_type: u8 [ts = "0 | 1 | 2"] = int().checks(&[documented(Rule::IntOneOf {
            values: &[(0, "inherit"), (1, "create new"), (2, "specify")],
            tolerated: &[Tolerated {
                value: 3,
                why: "appears only in a doc sample",
            }],
        })]),
    }
}

/// A subnet id entry, conventionally `subnet-xxxxxxxx`.
static SUBNET_ITEM: Spec = text().checks(&[convention(Rule::Shape(SUBNET_ID))]);

shape! {
    /// Body of `POST /componenttcb/establishcloudbaserunserver`: creates a CloudBase Run
    /// service in an environment of an authorised mini program or official account.
    struct CreateServiceRequest as CREATE_SERVICE_BODY {
        /// Environment id, e.g. `prod-1a2b3c4d5e6f7a8b`.
        req env_id: String = text().checks(&[convention(Rule::Shape(ENV_ID))]),
        /// Service name. By CloudBase convention: letters, digits, `-` and `_`, starting with a
        /// letter, 3–45 characters.
        req service_name: String = text().checks(&[convention(Rule::Shape(SERVICE_NAME))]),
        /// Whether the service is open to access from the public network.
        req is_public: bool = boolean(),
        /// Image repository.
        opt image_repo: String = text(),
        /// Service description.
        opt remark: String = text().free_text(),
        /// Elasticsearch information, for `log_type: "es"`.
        opt es_info: EsInfo = object(&ES_INFO),
        /// Where logs go: `"es"` (Elasticsearch, see `es_info`) or `"cls"` (Cloud Log Service).
        opt log_type: LogType = text().checks(&[documented(Rule::OneOf(LOG_TYPES))]),
        /// VPC information.
        opt vpc_info: VpcInfo = object(&VPC_INFO),
        /// Public network access: `0` or `1` (this call's docs). `2` (close public access) is
        /// documented only by the Tencent Cloud API twin; the validator accepts it with a warning.
        opt public_access: u8 [ts = "0 | 1"] = int().checks(&[documented(Rule::IntOneOf {
            values: &[(0, "closed"), (1, "open")],
            tolerated: &[Tolerated {
                value: 2,
                why: "(close public access) is documented only by the Tencent Cloud API twin of \
                      this call, not by WeChat's page",
            }],
        })]),
    }
}

shape! {
    /// A successful answer: `errcode` is `0`. WeChat may add keys; they are kept.
    answer struct CreateServiceResponse as CREATE_SERVICE_ANSWER {}
}

/// `log_type: "es"` needs an Elasticsearch to send logs to.
fn es_needs_es_info(seen: &Seen<'_>, f: &mut Findings<'_>) {
    if seen.str("log_type") == Some("es") && !seen.present("es_info") {
        f.broken("es_info", || {
            "log_type is \"es\" but es_info is missing, so the service has no Elasticsearch to \
             send logs to; add es_info, or use log_type \"cls\""
                .to_owned()
        });
    }
}

/// `es_info` is only used with `log_type: "es"`.
fn es_info_needs_es(seen: &Seen<'_>, f: &mut Findings<'_>) {
    if !seen.valid("es_info") {
        return;
    }
    let now = match seen.str("log_type") {
        None if !seen.present("log_type") => "is missing",
        Some("cls") => "is \"cls\"",
        _ => return,
    };
    f.broken("log_type", || {
        format!(
            "es_info is given but log_type {now}, so es_info is probably unused; set log_type to \
             \"es\", or remove es_info"
        )
    });
}

pub static CREATE_SERVICE: Call = Call {
    name: "createCloudbaseService",
    path: "establishcloudbaserunserver",
    title: "Create a CloudBase Run service in an environment",
    effect: Effect::Changes,
    body: &CREATE_SERVICE_BODY,
    answer: &CREATE_SERVICE_ANSWER,
    cross: &[
        CrossRule {
            name: "es_needs_es_info",
            reads: &["log_type", "es_info"],
            rule: "log_type \"es\" needs es_info (the Elasticsearch to send logs to)",
            source: Source::Convention,
            check: es_needs_es_info,
        },
        CrossRule {
            name: "es_info_needs_es",
            reads: &["log_type", "es_info"],
            rule: "es_info is used only with log_type \"es\"",
            source: Source::Convention,
            check: es_info_needs_es,
        },
    ],
    failed_result: None,
    example: r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","service_name":"my-service","is_public":true}"#,
};
