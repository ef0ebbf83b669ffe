//! createCloudbaseServiceVersion (`api/family.md` 7): a version of a service, the thing
//! that runs. Its numbers are JSON numbers (unlike update's, which are strings).

use super::decl::*;
use super::macros::shape;
use super::patterns::{ENV_ID, SERVICE_NAME};
use super::version_parts::*;
use crate::engine::text::number as shown;
use crate::engine::{Findings, Seen};
use crate::secret::Secret;

shape! {
    /// Body of `POST /componenttcb/createcloudbaserunserverversion`: creates a version of a
    /// service (the service runs nothing until one exists).
    struct CreateVersionRequest as CREATE_VERSION_BODY {
        /// Environment id.
        req env_id: String = text().checks(&[convention(Rule::Shape(ENV_ID))]),
        /// How the code arrives: `package`, `repository`, `image`, `jar` or `war`.
        req upload_type: String = text().checks(&[documented(Rule::OneOf(UPLOAD_TYPES))]),
        /// The version's share of the traffic, 0–100.
        req flow_ratio: f64 = number().checks(&[FLOW_RATIO]),
        /// CPU cores, e.g. `0.25`.
        req cpu: f64 = number().checks(&[POSITIVE]),
        /// Memory in GB, e.g. `0.5`.
        req mem: f64 = number().checks(&[POSITIVE]),
        /// Fewest instances (0 or more).
        req min_num: u32 = int().checks(&[MIN_NUM]),
        /// Most instances (at most 50).
        req max_num: u32 = int().checks(&[MAX_NUM]),
        /// Scaling policy, e.g. `cpu`.
        req policy_type: String = text(),
        /// Scaling threshold, e.g. `60` (per cent CPU).
        req policy_threshold: f64 = number(),
        /// The port the container listens on.
        req container_port: u16 = int().checks(&[CONTAINER_PORT]),
        /// The service the version belongs to (required on the older doc pages, optional on
        /// the newest; the call names a service, so it is required here).
        req server_name: String = text().checks(&[convention(Rule::Shape(SERVICE_NAME))]),
        /// Code platform: `coding`, `gitlab` or `github`.
        opt repository_type: String = text().checks(&[documented(Rule::OneOf(REPOSITORY_TYPES))]),
        /// Path of the Dockerfile (the English page spells it `Dockerfile_path`).
        opt dockerfile_path: String = text(),
        /// Build directory.
        opt build_dir: String = text(),
        /// Environment variables as a JSON **string**, e.g. `"{\"KEY\":\"value\"}"`. May hold
        /// secrets: never quoted in messages, masked in logs.
        opt env_params: Secret [ts = "string"] = json_text().secret(),
        /// Repository, for `upload_type: "repository"`.
        opt repository: String = text(),
        /// Branch, for `upload_type: "repository"`.
        opt branch: String = text(),
        /// Version remark.
        opt version_remark: String = text().free_text(),
        /// Package name, for `upload_type: "package"`.
        opt package_name: String = text(),
        /// Package version, for `upload_type: "package"`.
        opt package_version: String = text(),
        /// The image, for `upload_type: "image"`.
        opt image_info: ImageInfo = object(&IMAGE_INFO),
        /// The code repository.
        opt code_detail: CodeDetail = object(&CODE_DETAIL),
        /// Credentials of a private image registry.
        opt image_secret_info: ImageSecretInfo = object(&IMAGE_SECRET_INFO),
        /// Image pull secret.
        opt image_pull_secret: String = text(),
        /// Custom log paths.
        opt custom_logs: String = text(),
        /// Seconds before the first health check.
        opt initial_delay_seconds: u32 = int().checks(&[DELAY]),
        /// Volume mounts (unconfirmed: seen in sibling sources only).
        opt mount_volume_info: Vec<serde_json::Value> [ts = "unknown[]"] = array(&ANY_ITEM).unconfirmed(),
        /// Access type (unconfirmed).
        opt access_type: serde_json::Value [ts = "unknown"] = int().unconfirmed(),
        /// Elasticsearch info (unconfirmed).
        opt es_info: serde_json::Value [ts = "unknown"] = any().unconfirmed(),
        /// Whether union is enabled (unconfirmed).
        opt enable_union: serde_json::Value [ts = "unknown"] = boolean().unconfirmed(),
        /// Service path (unconfirmed).
        opt server_path: serde_json::Value [ts = "unknown"] = text().unconfirmed(),
        /// Sidecar containers (unconfirmed).
        opt sidecar_specs: Vec<serde_json::Value> [ts = "unknown[]"] = array(&ANY_ITEM).unconfirmed(),
        /// Security settings (unconfirmed).
        opt security: serde_json::Value [ts = "unknown"] = any().unconfirmed(),
        /// Service volumes (unconfirmed).
        opt service_volumes: Vec<serde_json::Value> [ts = "unknown[]"] = array(&ANY_ITEM).unconfirmed(),
        /// Whether to create a JNS gateway (unconfirmed).
        opt is_create_jns_gw: serde_json::Value [ts = "unknown"] = int().unconfirmed(),
        /// Service volume mounts (unconfirmed).
        opt service_volume_mounts: Vec<serde_json::Value> [ts = "unknown[]"] = array(&ANY_ITEM).unconfirmed(),
        /// Whether the code has a Dockerfile: 0, 1 or 2 (unconfirmed).
        opt has_dockerfile: serde_json::Value [ts = "unknown"] = int().unconfirmed(),
        /// Base image (unconfirmed).
        opt base_image: serde_json::Value [ts = "unknown"] = text().unconfirmed(),
        /// Entry point (unconfirmed).
        opt entry_point: serde_json::Value [ts = "unknown"] = any().unconfirmed(),
        /// Repository language (unconfirmed).
        opt repo_language: serde_json::Value [ts = "unknown"] = text().unconfirmed(),
        /// Uploaded file name (unconfirmed).
        opt upload_filename: serde_json::Value [ts = "unknown"] = text().unconfirmed(),
        /// Scaling policies (unconfirmed).
        opt policy_detail: Vec<PolicyDetail> = array(&POLICY_DETAIL_ITEM).unconfirmed(),
    }
}

shape! {
    /// The version created.
    answer struct CreateVersionResponse as CREATE_VERSION_ANSWER {
        /// `succ` on success.
        opt result: String = text(),
        /// The new version's name, e.g. `my-service-001`.
        opt version_name: String = text(),
        /// The build's run id.
        opt run_id: String = text(),
    }
}

/// `min_num` cannot exceed `max_num`.
pub(super) fn min_below_max(seen: &Seen<'_>, f: &mut Findings<'_>) {
    if let (Some(min), Some(max)) = (seen.number("min_num"), seen.number("max_num")) {
        if min > max {
            f.broken("min_num", || {
                format!(
                    "min_num ({}) is above max_num ({}), so the scaling range is empty; make \
                     min_num at most max_num",
                    shown(min),
                    shown(max)
                )
            });
        }
    }
}

/// The source fields that go with each `upload_type`.
fn source_fits_upload_type(seen: &Seen<'_>, f: &mut Findings<'_>) {
    let needs: &[&str] = match seen.str("upload_type") {
        Some("repository") => &["repository", "branch"],
        Some("image") => &["image_info"],
        Some("package") => &["package_name", "package_version"],
        _ => return,
    };
    for field in needs {
        if !seen.present(field) {
            f.broken(field, || {
                format!(
                    "upload_type is \"{}\" but {field} is missing, so the build has nothing \
                     to take; add {field}",
                    seen.str("upload_type").unwrap_or_default()
                )
            });
        }
    }
}

pub(super) const MIN_BELOW_MAX: CrossRule = CrossRule {
    name: "min_below_max",
    reads: &["min_num", "max_num"],
    rule: "min_num is at most max_num",
    source: Source::Convention,
    check: min_below_max,
};

pub static CREATE_VERSION: Call = Call {
    name: "createCloudbaseServiceVersion",
    path: "createcloudbaserunserverversion",
    title: "Create a version of a service (it runs nothing until one exists)",
    effect: Effect::Changes,
    body: &CREATE_VERSION_BODY,
    answer: &CREATE_VERSION_ANSWER,
    cross: &[
        MIN_BELOW_MAX,
        CrossRule {
            name: "source_fits_upload_type",
            reads: &[
                "upload_type",
                "repository",
                "branch",
                "image_info",
                "package_name",
                "package_version",
            ],
            rule: "upload_type \"repository\" needs repository and branch, \"image\" needs \
                   image_info, \"package\" needs package_name and package_version",
            source: Source::Convention,
            check: source_fits_upload_type,
        },
    ],
    failed_result: None,
    example: r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","upload_type":"image","flow_ratio":100,"cpu":0.25,"mem":0.5,"min_num":0,"max_num":5,"policy_type":"cpu","policy_threshold":60,"container_port":8080,"server_name":"my-service","image_info":{"image_url":"ccr.ccs.tencentyun.com/ns/app:latest"}}"#,
};
