//! The errcodes WeChat documents for the cloud-run family (the same table on every page),
//! the related global codes and the token endpoint's codes, each with a stable name, what it means, what to do, and how a
//! caller should react ([`RetryClass`]).
//!
//! Codes the catalog lacks are CloudBase's own: callers keep `errcode`/`errmsg` as given and
//! treat them as [`RetryClass::Unknown`].

/// How a caller should react to an errcode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryClass {
    /// Transient: calling again unchanged can succeed (after a backoff).
    Retry,
    /// The token is invalid, expired or not the latest: get a fresh one, then call again once.
    RefreshToken,
    /// The request or configuration is wrong: calling again unchanged fails the same way.
    FixRequest,
    /// An API quota was reached. The daily quota (45009) is not retryable; the per-minute
    /// quota (45011) is, after the minute ends (see [`is_retryable`]).
    Quota,
    /// Unknown outcome or an unlisted code: do not retry blindly; report it.
    Unknown,
}

impl RetryClass {
    /// Stable snake_case name, as exposed to JS.
    pub fn as_str(self) -> &'static str {
        match self {
            RetryClass::Retry => "retry",
            RetryClass::RefreshToken => "refresh_token",
            RetryClass::FixRequest => "fix_request",
            RetryClass::Quota => "quota",
            RetryClass::Unknown => "unknown",
        }
    }
}

/// What the catalog knows of one errcode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrcodeInfo {
    pub errcode: i64,
    /// Stable snake_case name, e.g. `access_token_expired`.
    pub name: &'static str,
    /// What WeChat's docs say the code means.
    pub meaning: &'static str,
    /// What the caller should do, as an actionable English sentence.
    pub hint: &'static str,
    pub class: RetryClass,
}

/// Hint given for errcodes the catalog does not list.
pub const UNKNOWN_HINT: &str = "This errcode is not in the cloud-run call docs; it is likely \
    CloudBase's own. Check errmsg and the CloudBase console before calling again, since the \
    call may already have taken effect.";

/// errcode of the per-minute quota, the one quota worth waiting out.
pub const MINUTE_QUOTA_REACHED: i64 = 45011;

const fn info(
    errcode: i64,
    name: &'static str,
    meaning: &'static str,
    hint: &'static str,
    class: RetryClass,
) -> ErrcodeInfo {
    ErrcodeInfo {
        errcode,
        name,
        meaning,
        hint,
        class,
    }
}

/// Every errcode documented for the family, the related global codes, and the codes of the
/// token endpoint (`/cgi-bin/component/api_component_token`) a token manager meets.
pub const CATALOG: &[ErrcodeInfo] = &[
    // Documented on every page of the cloud-run family.
    info(
        -1,
        "system_busy",
        "system busy",
        "WeChat is busy: wait briefly and retry (the docs say so).",
        RetryClass::Retry,
    ),
    info(
        -1000,
        "system_error",
        "system error",
        "WeChat reported a system error: do not retry blindly; check in the CloudBase console \
         whether the call took effect, then report the errmsg if it persists.",
        RetryClass::Unknown,
    ),
    info(
        40014,
        "invalid_access_token",
        "invalid access_token",
        "Check that the token is a current component_access_token (not an authorizer or \
         mini program token) and has not expired; refresh it and call again.",
        RetryClass::RefreshToken,
    ),
    info(
        40097,
        "invalid_args",
        "invalid arguments",
        "Fix the request parameters: check each field's type and value against the docs.",
        RetryClass::FixRequest,
    ),
    info(
        40101,
        "missing_parameter",
        "missing required parameter",
        "Add the missing required field (validateRequest lists the required fields of each \
         call).",
        RetryClass::FixRequest,
    ),
    info(
        41001,
        "access_token_missing",
        "access_token missing",
        "Pass the component_access_token as the access_token URL query parameter, not in \
         the body.",
        RetryClass::FixRequest,
    ),
    info(
        42001,
        "access_token_expired",
        "access_token expired",
        "The token expired (it is valid for 7200 seconds): refresh the \
         component_access_token and call again.",
        RetryClass::RefreshToken,
    ),
    info(
        43002,
        "require_post_method",
        "require POST method",
        "Send the request with the POST method.",
        RetryClass::FixRequest,
    ),
    info(
        44002,
        "empty_post_data",
        "empty post data",
        "Send the JSON request body; it was empty.",
        RetryClass::FixRequest,
    ),
    info(
        47001,
        "data_format_error",
        "data format error",
        "Send a valid JSON body with content-type application/json and the documented field \
         names and types.",
        RetryClass::FixRequest,
    ),
    info(
        85088,
        "no_qbase_privilege",
        "no qbase privilege",
        "The mini program or official account has not enabled cloud development: enable it \
         (or authorise the cloud development permission set) and call again.",
        RetryClass::FixRequest,
    ),
    // Related global codes (WeChat's common errcode table).
    info(
        40001,
        "invalid_credential",
        "invalid credential, or the access_token is not the latest",
        "The token is invalid or has been superseded by a newer one: refresh the \
         component_access_token and call again.",
        RetryClass::RefreshToken,
    ),
    info(
        45009,
        "daily_quota_reached",
        "daily API call quota reached",
        "The daily call quota is used up: do not retry today; wait for the quota to reset \
         or clear it on the open platform.",
        RetryClass::Quota,
    ),
    info(
        MINUTE_QUOTA_REACHED,
        "minute_quota_reached",
        "per-minute API call quota reached",
        "The per-minute call quota is used up: retry after the current minute ends.",
        RetryClass::Quota,
    ),
    // Token endpoint (api_component_token).
    info(
        61004,
        "access_clientip_not_registered",
        "the calling IP is not on the third-party platform's IP whitelist",
        "Add this server's outbound IP address to the third-party platform's IP whitelist \
         on the WeChat Open Platform, then call again.",
        RetryClass::FixRequest,
    ),
    info(
        61005,
        "component_verify_ticket_expired",
        "component_verify_ticket expired",
        "Use the latest component_verify_ticket WeChat pushed to your authorisation event URL \
         (it is pushed every 10 minutes).",
        RetryClass::FixRequest,
    ),
    info(
        61006,
        "component_verify_ticket_invalid",
        "component_verify_ticket invalid",
        "Pass the component_verify_ticket exactly as decrypted from WeChat's latest push, \
         for this component_appid.",
        RetryClass::FixRequest,
    ),
    info(
        40125,
        "invalid_appsecret",
        "invalid component_appsecret",
        "Check the component_appsecret of the third-party platform (it may have been reset \
         on the WeChat Open Platform).",
        RetryClass::FixRequest,
    ),
];

/// The catalog entry of `errcode`, if the catalog lists it.
pub fn lookup(errcode: i64) -> Option<&'static ErrcodeInfo> {
    CATALOG.iter().find(|info| info.errcode == errcode)
}

/// True when calling again unchanged can succeed: `-1` (busy, after a backoff) and `45011`
/// (per-minute quota, after the minute ends). Never true for codes after which a call
/// may have taken effect (`-1000`, unknown codes).
pub fn is_retryable(errcode: i64) -> bool {
    match lookup(errcode) {
        Some(info) => match info.class {
            RetryClass::Retry => true,
            RetryClass::Quota => info.errcode == MINUTE_QUOTA_REACHED,
            RetryClass::RefreshToken | RetryClass::FixRequest | RetryClass::Unknown => false,
        },
        None => false,
    }
}

/// True when a fresh token may fix the call: `40001`, `40014`, `42001`.
pub fn needs_token_refresh(errcode: i64) -> bool {
    lookup(errcode).is_some_and(|info| info.class == RetryClass::RefreshToken)
}
