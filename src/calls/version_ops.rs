//! Deleting and releasing a version (`api/family.md` 9–10).

use super::decl::*;
use super::macros::shape;
use super::patterns::{ENV_ID, SERVICE_NAME};
use crate::engine::{Findings, Seen};

shape! {
    /// Body of `POST /componenttcb/deletecloudbaserunserverversion`: deletes a version (and,
    /// with `is_delete_server`, the service, when this is its last version).
    struct DeleteVersionRequest as DELETE_VERSION_BODY {
        /// Environment id.
        req env_id: String = text().checks(&[convention(Rule::Shape(ENV_ID))]),
        /// The service.
        req server_name: String = text().checks(&[convention(Rule::Shape(SERVICE_NAME))]),
        /// The version to delete.
        req version_name: String = text(),
        /// Also delete the service (only when this is its last version).
        opt is_delete_server: bool = boolean(),
        /// Also delete the image (only with `is_delete_server`).
        opt is_delete_image: bool = boolean(),
    }
}

shape! {
    /// The version deleted.
    answer struct DeleteVersionResponse as DELETE_VERSION_ANSWER {
        /// `succ` on success.
        opt result: String = text(),
    }
}

/// `is_delete_image` only goes with `is_delete_server` (documented).
fn image_only_with_server(seen: &Seen<'_>, f: &mut Findings<'_>) {
    if seen.bool("is_delete_image") == Some(true) && seen.bool("is_delete_server") != Some(true) {
        f.broken("is_delete_image", || {
            "is_delete_image is true but is_delete_server is not: the image is deleted only \
             together with the service; set is_delete_server: true, or drop is_delete_image"
                .to_owned()
        });
    }
}

pub static DELETE_VERSION: Call = Call {
    name: "deleteCloudbaseServiceVersion",
    path: "deletecloudbaserunserverversion",
    title: "Delete a version (and, on its last version, the service)",
    effect: Effect::Changes,
    body: &DELETE_VERSION_BODY,
    answer: &DELETE_VERSION_ANSWER,
    cross: &[CrossRule {
        name: "image_only_with_server",
        reads: &["is_delete_image", "is_delete_server"],
        rule: "is_delete_image true needs is_delete_server true (the image goes only with the \
               service)",
        source: Source::Documented,
        check: image_only_with_server,
    }],
    failed_result: None,
    example: r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","server_name":"my-service","version_name":"my-service-001"}"#,
};

shape! {
    /// Body of `POST /componenttcb/releasecloudbaserunversion`: releases a version.
    struct ReleaseVersionRequest as RELEASE_VERSION_BODY {
        /// Environment id.
        req env_id: String = text().checks(&[convention(Rule::Shape(ENV_ID))]),
        /// The service.
        req server_name: String = text().checks(&[convention(Rule::Shape(SERVICE_NAME))]),
        /// The version to release.
        req release_version: String = text(),
    }
}

shape! {
    /// The release order. A `result` of `"failed"` arrives as a `WxApiError`, never here.
    answer struct ReleaseVersionResponse as RELEASE_VERSION_ANSWER {
        /// `success`.
        opt result: String = text(),
        /// The release order's id; it may exceed 2^31, and one beyond 2^53 arrives as a
        /// decimal string so no digit is lost.
        opt release_order_id: serde_json::Value [ts = "number | string"] = any(),
    }
}

pub static RELEASE_VERSION: Call = Call {
    name: "releaseCloudbaseServiceVersion",
    path: "releasecloudbaserunversion",
    title: "Release a version",
    effect: Effect::Changes,
    body: &RELEASE_VERSION_BODY,
    answer: &RELEASE_VERSION_ANSWER,
    cross: &[],
    failed_result: Some(FailedResult {
        value: "failed",
        hint: "The release answered result \"failed\": the version was not released. Check the \
               version's build and deploy logs in the CloudBase console (answer.release_order_id \
               names the order), fix the cause, then release again.",
    }),
    example: r#"{"env_id":"prod-1a2b3c4d5e6f7a8b","server_name":"my-service","release_version":"my-service-001"}"#,
};
