//! The logic of the `component_access_token` manager, pure so it is tested natively: the
//! checks of its options, the request to `POST /cgi-bin/component/api_component_token` and
//! the parsing of its answer, when to retry it, and the cache state machine that decides,
//! for each `getToken`, whether to use the cached token, join the refresh in flight or start
//! one — plus the rule that keeps a shared store from going back to an older token.
//!
//! The wasm side (`wasm::token_manager`) only does the I/O these decisions ask for; the
//! numeric options (margin, timeouts, retries) are `crate::options`.
//!
//! Three failures of peer SDKs shape the rules here:
//! - refresh storms: any number of concurrent callers share one refresh ([`TokenCache::plan`]
//!   starts at most one and hands the others its handle), and a forced refresh for a token
//!   that was already replaced uses the replacement instead of fetching again;
//! - an old token overwriting a newer one in a shared cache: [`TokenCache::merge_with_store`]
//!   keeps the stored token when it expires later;
//! - endless refresh loops: a refresh is never retried on its own errors beyond the bounded
//!   `-1`/network retries, the caller (`createService`) forces at most one per call, and a
//!   forced refresh that failed is shared with the forced callers right after it.

mod cache;
mod options;
mod token_api;

pub use cache::{
    Ask, CachedToken, Refresh, Step, StoreMerge, StoredToken, TokenCache, DOCUMENTED_LIFETIME_MS,
    FORCED_REFRESH_COOLDOWN_MS,
};
pub use options::{
    check_app_id, check_app_secret, check_ticket, Credentials, MAX_APP_ID_LEN, MAX_SECRET_LEN,
    MAX_TICKET_LEN,
};
pub use token_api::{
    attempt_failure, build_token_request, parse_token_response, retry_delay, wx_api_error,
    IssuedToken, TokenRequest, TOKEN_PATH, UNKNOWN_TOKEN_ERRCODE_HINT,
};
