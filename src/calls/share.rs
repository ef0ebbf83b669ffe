//! Sharing an environment with mini programs of the same subject (`api/family.md` 3–5):
//! getShareCloudbaseEnv, shareCloudbaseEnv, unshareCloudbaseEnv.

use super::decl::*;
use super::macros::shape;
use super::patterns::{APPID, ENV_ID};

/// `source_type`: 1 (a cloud-run environment) is the only value these pages document.
const SOURCE_TYPE: Spec = int().checks(&[documented(Rule::IntOneOf {
    values: &[(1, "cloud-run environment")],
    tolerated: &[],
})]);

/// A mini program appid entry.
static APPID_ITEM: Spec = text().checks(&[convention(Rule::Shape(APPID))]);

shape! {
    /// Body of `POST /componenttcb/batchgetenvid`: which environments are shared with
    /// these mini programs.
    struct GetShareRequest as GET_SHARE_BODY {
        /// The mini program appids to look up.
        req appids: Vec<String> = array(&APPID_ITEM).checks(&[convention(Rule::Unique)]),
        /// `1`: cloud-run environments.
        req source_type: u8 [ts = "1"] = SOURCE_TYPE,
    }
}

shape! {
    /// The environments shared with one mini program.
    open struct ShareRelation as SHARE_RELATION {
        /// The mini program.
        opt appid: String = text(),
        /// Its shared environments.
        opt env_list: serde_json::Value [ts = "unknown"] = any(),
    }
}

shape! {
    /// A mini program a lookup failed for.
    open struct ShareLookupError as SHARE_LOOKUP_ERROR {
        /// The mini program.
        opt appid: String = text(),
        /// Why.
        opt errmsg: String = text(),
    }
}

static RELATION_ITEM: Spec = object(&SHARE_RELATION);
static LOOKUP_ERROR_ITEM: Spec = object(&SHARE_LOOKUP_ERROR);

shape! {
    /// The shares found.
    answer struct GetShareResponse as GET_SHARE_ANSWER {
        /// One entry per mini program.
        opt relation_data: Vec<ShareRelation> = array(&RELATION_ITEM),
        /// The mini programs the lookup failed for.
        opt err_list: Vec<ShareLookupError> = array(&LOOKUP_ERROR_ITEM),
    }
}

pub static GET_SHARE: Call = Call {
    name: "getShareCloudbaseEnv",
    path: "batchgetenvid",
    title: "Look up which environments are shared with mini programs",
    effect: Effect::Reads,
    body: &GET_SHARE_BODY,
    answer: &GET_SHARE_ANSWER,
    cross: &[],
    failed_result: None,
    example: r#"{"appids":["wx1234567890abcdef"],"source_type":1}"#,
};

shape! {
    /// One environment and the mini programs to share it with.
    struct ShareItem as SHARE_ITEM {
        /// The environment id.
        req env: String = text().checks(&[convention(Rule::Shape(ENV_ID))]),
        /// The mini program appids.
        req appids: Vec<String> = array(&APPID_ITEM).checks(&[convention(Rule::Unique)]),
    }
}

static SHARE_ITEM_SPEC: Spec = object(&SHARE_ITEM);

shape! {
    /// Body of `POST /componenttcb/batchshareenv`: shares environments with mini programs
    /// (each must have granted the provider permission set 18, and be of the same subject).
    struct ShareRequest as SHARE_BODY {
        /// What to share with whom.
        req data: Vec<ShareItem> = array(&SHARE_ITEM_SPEC),
        /// `1`: cloud-run environments.
        req source_type: u8 [ts = "1"] = SOURCE_TYPE,
    }
}

shape! {
    /// A share that failed.
    open struct ShareError as SHARE_ERROR {
        /// The environment.
        opt env: String = text(),
        /// The mini program.
        opt appid: String = text(),
        /// Why.
        opt errmsg: String = text(),
    }
}

shape! {
    /// What a mini program's admin must open to confirm a share.
    open struct ShareMessage as SHARE_MESSAGE {
        /// The mini program.
        opt appid: String = text(),
        /// The page its admin opens to confirm; the share takes effect only then.
        opt url: String = text(),
    }
}

static SHARE_ERROR_ITEM: Spec = object(&SHARE_ERROR);
static SHARE_MESSAGE_ITEM: Spec = object(&SHARE_MESSAGE);

shape! {
    /// The shares started: each takes effect once the mini program's admin confirms it.
    answer struct ShareResponse as SHARE_ANSWER {
        /// The shares that failed.
        opt err_list: Vec<ShareError> = array(&SHARE_ERROR_ITEM),
        /// The confirmation pages, one per mini program.
        opt msg_info_list: Vec<ShareMessage> = array(&SHARE_MESSAGE_ITEM),
    }
}

pub static SHARE: Call = Call {
    name: "shareCloudbaseEnv",
    path: "batchshareenv",
    title: "Share environments with mini programs (each admin confirms)",
    effect: Effect::Changes,
    body: &SHARE_BODY,
    answer: &SHARE_ANSWER,
    cross: &[],
    failed_result: None,
    example: r#"{"data":[{"env":"prod-1a2b3c4d5e6f7a8b","appids":["wx1234567890abcdef"]}],"source_type":1}"#,
};

shape! {
    /// Body of `POST /componenttcb/batchunshareenv`: stops sharing environments.
    struct UnshareRequest as UNSHARE_BODY {
        /// What to stop sharing with whom.
        req data: Vec<ShareItem> = array(&SHARE_ITEM_SPEC),
        /// `1`: cloud-run environments.
        req source_type: u8 [ts = "1"] = SOURCE_TYPE,
    }
}

shape! {
    /// The shares stopped.
    answer struct UnshareResponse as UNSHARE_ANSWER {
        /// The ones that failed.
        opt err_list: Vec<ShareError> = array(&SHARE_ERROR_ITEM),
    }
}

pub static UNSHARE: Call = Call {
    name: "unshareCloudbaseEnv",
    path: "batchunshareenv",
    title: "Stop sharing environments with mini programs",
    effect: Effect::Changes,
    body: &UNSHARE_BODY,
    answer: &UNSHARE_ANSWER,
    cross: &[],
    failed_result: None,
    example: r#"{"data":[{"env":"prod-1a2b3c4d5e6f7a8b","appids":["wx1234567890abcdef"]}],"source_type":1}"#,
};
