//! Wire types of `createCloudbaseService`. Field names are WeChat's snake_case keys and
//! field order is the documented order, which serde keeps in the JSON body.

use crate::secret::Secret;
use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// Body of `POST /componenttcb/establishcloudbaserunserver`: creates a CloudBase Run
/// service in an environment of an authorised mini program or official account.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CreateServiceRequest {
    /// Environment id, e.g. `prod-1a2b3c4d5e6f7a8b`.
    pub env_id: String,
    /// Service name. By CloudBase convention: letters, digits, `-` and `_`, starting with a
    /// letter, 3–45 characters.
    pub service_name: String,
    /// Whether the service is open to access from the public network.
    pub is_public: bool,
    /// Image repository.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_repo: Option<String>,
    /// Service description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remark: Option<String>,
    /// Elasticsearch information, for `log_type: "es"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub es_info: Option<EsInfo>,
    /// Where logs go: `"es"` (Elasticsearch, see `es_info`) or `"cls"` (Cloud Log Service).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_type: Option<LogType>,
    /// VPC information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_info: Option<VpcInfo>,
    /// Public network access: `0` or `1` (this call's docs). `2` (close public access) is
    /// documented only by the Tencent Cloud API twin; the validator accepts it with a warning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "0 | 1")]
    pub public_access: Option<u8>,
}

/// Elasticsearch connection used when `log_type` is `"es"`. Every field is optional.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct EsInfo {
    /// Elasticsearch instance id (a non-negative integer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u64>,
    /// Secret name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_name: Option<String>,
    /// IP address of the Elasticsearch instance (IPv4 or IPv6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    /// TCP port, 1–65535.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// Index name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<String>,
    /// User name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// Password. Redacted in every error, log line and rendered curl command unless the
    /// caller asks to reveal secrets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string")]
    pub password: Option<Secret>,
}

/// Log destination.
#[derive(Tsify, Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogType {
    /// Elasticsearch (configure `es_info`).
    Es,
    /// Tencent Cloud Log Service.
    Cls,
}

/// VPC the service runs in. Every field is optional.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct VpcInfo {
    /// VPC id, conventionally `vpc-xxxxxxxx`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpc_id: Option<String>,
    /// Subnet ids, conventionally `subnet-xxxxxxxx`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subnet_ids: Option<Vec<String>>,
    /// How the VPC is chosen: `0` inherit, `1` create new, `2` specify. (One doc sample
    /// sends `3`; the validator accepts it with a warning.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "0 | 1 | 2")]
    pub create_type: Option<u8>,
}

/// A successful answer: `errcode` is `0`. WeChat may add keys; they are kept.
#[derive(Tsify, Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct CreateServiceResponse {
    /// Always `0` on success.
    #[tsify(type = "0")]
    pub errcode: i64,
    /// `"ok"` on success.
    pub errmsg: String,
    /// Any other keys WeChat returned, as given.
    #[serde(flatten)]
    #[tsify(type = "Record<string, unknown>")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}
