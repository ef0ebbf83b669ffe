//! The objects and field specs that creating and updating a service version share
//! (`api/family.md` 7–8): image and code source details, registry credentials, scaling
//! policies, and the documented rules of their numbers.

use super::decl::*;
use super::macros::shape;
use crate::secret::Secret;

/// `upload_type` of createCloudbaseServiceVersion.
pub const UPLOAD_TYPES: &[&str] = &["package", "repository", "image", "jar", "war"];
/// `upload_type` of updateCloudbaseServiceVersion.
pub const UPDATE_UPLOAD_TYPES: &[&str] = &["package", "repository", "image"];
/// `repository_type`.
pub const REPOSITORY_TYPES: &[&str] = &["coding", "gitlab", "github"];

/// `flow_ratio`: the version's share of traffic, 0–100.
pub const FLOW_RATIO: Check = documented(Rule::Range {
    min: 0.0,
    max: 100.0,
    why: " (per cent of the traffic)",
});
/// `min_num`: at least 0 instances.
pub const MIN_NUM: Check = documented(Rule::AtLeast {
    min: 0.0,
    why: " (instances)",
});
/// `max_num`: at most 50 instances.
pub const MAX_NUM: Check = documented(Rule::Range {
    min: 0.0,
    max: 50.0,
    why: " (instances)",
});
/// `cpu` and `mem` are positive (a convention: the docs only give examples).
pub const POSITIVE: Check = convention(Rule::Positive);
/// `container_port` is a TCP port: a hard rule of TCP.
pub const CONTAINER_PORT: Check = documented(super::create_service::PORT);
/// `initial_delay_seconds`: not negative.
pub const DELAY: Check = documented(Rule::AtLeast {
    min: 0.0,
    why: " (seconds)",
});

shape! {
    /// The image to run, for `upload_type: "image"`.
    struct ImageInfo as IMAGE_INFO {
        /// Image repository name.
        opt repository_name: String = text(),
        /// Whether the repository is public.
        opt is_public: bool = boolean(),
        /// Image tag.
        opt tag_name: String = text(),
        /// Registry server address.
        opt server_addr: String = text(),
        /// Full image URL.
        opt image_url: String = text(),
    }
}

shape! {
    /// A repository's name, as the code platform gives it.
    struct CodeName as CODE_NAME {
        /// Repository name.
        opt name: String = text(),
        /// Full name (`owner/name`).
        opt full_name: String = text(),
    }
}

shape! {
    /// The code repository, for `upload_type: "repository"`.
    struct CodeDetail as CODE_DETAIL {
        /// Repository name and full name.
        opt name: CodeName = object(&CODE_NAME),
        /// Repository URL.
        opt url: String = text(),
    }
}

shape! {
    /// Credentials of a private image registry.
    struct ImageSecretInfo as IMAGE_SECRET_INFO {
        /// Registry server.
        opt registry_server: String = text(),
        /// User name.
        opt user_name: String = text(),
        /// Password. Redacted in every error, log line and rendered curl command unless the
        /// caller asks to reveal secrets.
        opt password: Secret [ts = "string"] = text().secret(),
        /// E-mail address.
        opt email: String = text(),
    }
}

shape! {
    /// One scaling policy.
    struct PolicyDetail as POLICY_DETAIL {
        /// Policy type, e.g. `cpu`.
        opt policy_type: String = text(),
        /// Threshold.
        opt policy_threshold: serde_json::Value [ts = "number | string"] = any(),
    }
}

pub static POLICY_DETAIL_ITEM: Spec = object(&POLICY_DETAIL);
/// An entry of an array whose shape no WeChat page shows.
pub static ANY_ITEM: Spec = any();
