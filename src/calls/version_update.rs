//! updateCloudbaseServiceVersion (`api/family.md` 8): a rolling update of a version. Unlike
//! create, its `cpu`, `mem`, `min_num`, `max_num` and `policy_threshold` are **strings**
//! (the official sample sends `"0.25"`); a number there is an error that says to quote it.

use super::decl::*;
use super::macros::shape;
use super::patterns::{ENV_ID, SERVICE_NAME};
use super::version::MIN_BELOW_MAX;
use super::version_parts::*;
use crate::secret::Secret;

shape! {
    /// Body of `POST /componenttcb/rollupdatecloudbaserunserverversion`: replaces a version
    /// with an updated one.
    struct UpdateVersionRequest as UPDATE_VERSION_BODY {
        /// Environment id.
        req env_id: String = text().checks(&[convention(Rule::Shape(ENV_ID))]),
        /// The version to replace (`latest` for the newest).
        req version_name: String = text(),
        /// How the code arrives: `package`, `repository` or `image`.
        opt upload_type: String = text().checks(&[documented(Rule::OneOf(UPDATE_UPLOAD_TYPES))]),
        /// Code platform: `coding`, `gitlab` or `github`.
        opt repository_type: String = text().checks(&[documented(Rule::OneOf(REPOSITORY_TYPES))]),
        /// The version's share of the traffic, 0–100.
        opt flow_ratio: f64 = number().checks(&[FLOW_RATIO]),
        /// Path of the Dockerfile.
        opt dockerfile_path: String = text(),
        /// Build directory.
        opt build_dir: String = text(),
        /// CPU cores as a string, e.g. `"0.25"`.
        opt cpu: String = number_text().checks(&[POSITIVE]),
        /// Memory in GB as a string, e.g. `"0.5"`.
        opt mem: String = number_text().checks(&[POSITIVE]),
        /// Fewest instances as a string, e.g. `"0"`.
        opt min_num: String = number_text().checks(&[MIN_NUM]),
        /// Most instances as a string, e.g. `"5"` (at most 50).
        opt max_num: String = number_text().checks(&[MAX_NUM]),
        /// Scaling policy, e.g. `cpu`.
        opt policy_type: String = text(),
        /// Scaling threshold as a string, e.g. `"60"`.
        opt policy_threshold: String = number_text(),
        /// Environment variables as a JSON **string**, e.g. `"{}"`. May hold secrets: never
        /// quoted in messages, masked in logs.
        opt env_params: Secret [ts = "string"] = json_text().secret(),
        /// The port the container listens on.
        opt container_port: u16 = int().checks(&[CONTAINER_PORT]),
        /// The service the version belongs to.
        opt server_name: String = text().checks(&[convention(Rule::Shape(SERVICE_NAME))]),
        /// Repository.
        opt repository: String = text(),
        /// Branch.
        opt branch: String = text(),
        /// Version remark.
        opt version_remark: String = text().free_text(),
        /// Package name.
        opt package_name: String = text(),
        /// Package version.
        opt package_version: String = text(),
        /// The image.
        opt image_info: ImageInfo = object(&IMAGE_INFO),
        /// The code repository.
        opt code_detail: CodeDetail = object(&CODE_DETAIL),
        /// Whether to rebuild.
        opt is_rebuild: bool = boolean(),
        /// Seconds before the first health check.
        opt initial_delay_seconds: u32 = int().checks(&[DELAY]),
        /// Volume mounts.
        opt mount_volume_info: Vec<serde_json::Value> [ts = "unknown[]"] = array(&ANY_ITEM),
        /// Whether this is a rollback.
        opt rollback: bool = boolean(),
        /// Snapshot name (unconfirmed: seen in sibling sources only).
        opt snapshot_name: serde_json::Value [ts = "unknown"] = text().unconfirmed(),
        /// Custom log paths (unconfirmed).
        opt custom_logs: serde_json::Value [ts = "unknown"] = text().unconfirmed(),
        /// Whether union is enabled (unconfirmed).
        opt enable_union: serde_json::Value [ts = "unknown"] = boolean().unconfirmed(),
        /// Service path (unconfirmed).
        opt server_path: serde_json::Value [ts = "unknown"] = text().unconfirmed(),
        /// Whether to update the CLS settings (unconfirmed).
        opt is_update_cls: serde_json::Value [ts = "unknown"] = boolean().unconfirmed(),
        /// Scaling policies (unconfirmed).
        opt policy_detail: Vec<PolicyDetail> = array(&POLICY_DETAIL_ITEM).unconfirmed(),
    }
}

shape! {
    /// The update started.
    answer struct UpdateVersionResponse as UPDATE_VERSION_ANSWER {
        /// `succ` on success.
        opt result: String = text(),
        /// The build's run id.
        opt run_id: String = text(),
    }
}

pub static UPDATE_VERSION: Call = Call {
    name: "updateCloudbaseServiceVersion",
    path: "rollupdatecloudbaserunserverversion",
    title: "Roll out an update of a version (numbers are strings here)",
    effect: Effect::Changes,
    body: &UPDATE_VERSION_BODY,
    answer: &UPDATE_VERSION_ANSWER,
    cross: &[MIN_BELOW_MAX],
    failed_result: None,
    example: r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","version_name":"latest","cpu":"0.5","mem":"1","min_num":"0","max_num":"5","server_name":"my-service"}"#,
};
