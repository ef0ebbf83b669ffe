#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! The errcode catalog holds every code of the API facts, once, with usable names and hints.

use std::collections::HashSet;
use wx_cloudbase_service::errcode::{
    is_retryable, lookup, needs_token_refresh, RetryClass, CATALOG, MINUTE_QUOTA_REACHED,
    UNKNOWN_HINT,
};
use wx_cloudbase_service::WxApiError;

/// Every errcode of `api/createCloudbaseService.md`, with its expected name and class.
const DOCUMENTED: &[(i64, &str, RetryClass)] = &[
    // The call's own table.
    (-1, "system_busy", RetryClass::Retry),
    (-1000, "system_error", RetryClass::Unknown),
    (40014, "invalid_access_token", RetryClass::RefreshToken),
    (40097, "invalid_args", RetryClass::FixRequest),
    (40101, "missing_parameter", RetryClass::FixRequest),
    (41001, "access_token_missing", RetryClass::FixRequest),
    (42001, "access_token_expired", RetryClass::RefreshToken),
    (43002, "require_post_method", RetryClass::FixRequest),
    (44002, "empty_post_data", RetryClass::FixRequest),
    (47001, "data_format_error", RetryClass::FixRequest),
    (85088, "no_qbase_privilege", RetryClass::FixRequest),
    // Related global codes.
    (40001, "invalid_credential", RetryClass::RefreshToken),
    (45009, "daily_quota_reached", RetryClass::Quota),
    (45011, "minute_quota_reached", RetryClass::Quota),
    // Token endpoint.
    (
        61004,
        "access_clientip_not_registered",
        RetryClass::FixRequest,
    ),
    (
        61005,
        "component_verify_ticket_expired",
        RetryClass::FixRequest,
    ),
    (
        61006,
        "component_verify_ticket_invalid",
        RetryClass::FixRequest,
    ),
    (40125, "invalid_appsecret", RetryClass::FixRequest),
];

#[test]
fn every_documented_code_is_present_with_its_name_and_class() {
    for &(code, name, class) in DOCUMENTED {
        let info = lookup(code).unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!(info.errcode, code);
        assert_eq!(info.name, name, "{code}");
        assert_eq!(info.class, class, "{code}");
    }
    assert_eq!(
        CATALOG.len(),
        DOCUMENTED.len(),
        "catalog has undocumented codes"
    );
}

#[test]
fn codes_and_names_are_unique() {
    let codes: HashSet<i64> = CATALOG.iter().map(|i| i.errcode).collect();
    assert_eq!(codes.len(), CATALOG.len());
    let names: HashSet<&str> = CATALOG.iter().map(|i| i.name).collect();
    assert_eq!(names.len(), CATALOG.len());
}

#[test]
fn names_are_snake_case() {
    for info in CATALOG {
        let name = info.name;
        assert!(
            name.starts_with(|c: char| c.is_ascii_lowercase())
                && !name.ends_with('_')
                && !name.contains("__")
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{name}"
        );
    }
}

#[test]
fn meanings_and_hints_are_sentences() {
    for info in CATALOG {
        assert!(!info.meaning.trim().is_empty(), "{}", info.errcode);
        let hint = info.hint;
        assert!(hint.len() > 15, "{}: {hint}", info.errcode);
        assert!(hint.starts_with(|c: char| c.is_ascii_uppercase()), "{hint}");
        assert!(hint.ends_with('.'), "{hint}");
        assert!(!hint.contains("  "), "{hint}");
    }
    assert!(UNKNOWN_HINT.ends_with('.') && !UNKNOWN_HINT.contains("  "));
}

#[test]
fn zero_and_unknown_codes_are_not_listed() {
    assert!(lookup(0).is_none());
    assert!(lookup(99999).is_none());
    assert!(lookup(i64::MIN).is_none());
}

#[test]
fn retryable_only_busy_and_minute_quota() {
    let retryable: Vec<i64> = CATALOG
        .iter()
        .map(|i| i.errcode)
        .filter(|&c| is_retryable(c))
        .collect();
    assert_eq!(retryable, vec![-1, MINUTE_QUOTA_REACHED]);
    assert_eq!(MINUTE_QUOTA_REACHED, 45011);
    assert!(!is_retryable(0));
    assert!(!is_retryable(-1000));
    assert!(!is_retryable(45009));
    assert!(!is_retryable(99999));
}

#[test]
fn token_refresh_codes() {
    let refresh: Vec<i64> = CATALOG
        .iter()
        .map(|i| i.errcode)
        .filter(|&c| needs_token_refresh(c))
        .collect();
    let mut refresh_sorted = refresh.clone();
    refresh_sorted.sort_unstable();
    assert_eq!(refresh_sorted, vec![40001, 40014, 42001]);
    assert!(!needs_token_refresh(0));
    assert!(!needs_token_refresh(41001));
    assert!(!needs_token_refresh(12345));
}

#[test]
fn retry_class_names() {
    assert_eq!(RetryClass::Retry.as_str(), "retry");
    assert_eq!(RetryClass::RefreshToken.as_str(), "refresh_token");
    assert_eq!(RetryClass::FixRequest.as_str(), "fix_request");
    assert_eq!(RetryClass::Quota.as_str(), "quota");
    assert_eq!(RetryClass::Unknown.as_str(), "unknown");
}

#[test]
fn wx_api_error_retryable_agrees_with_the_catalog() {
    for info in CATALOG {
        let e = WxApiError::from_catalog(info.errcode, String::new(), UNKNOWN_HINT);
        assert_eq!(
            (e.errname, e.hint, e.class),
            (Some(info.name), info.hint, info.class)
        );
        assert_eq!(
            e.retryable(),
            is_retryable(info.errcode),
            "{}",
            info.errcode
        );
    }
    let unknown = WxApiError::from_catalog(12345, String::new(), UNKNOWN_HINT);
    assert_eq!(
        (unknown.errname, unknown.hint, unknown.class),
        (None, UNKNOWN_HINT, RetryClass::Unknown)
    );
    assert!(!unknown.retryable());
}
