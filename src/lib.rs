//! A typed, validating client for WeChat Open Platform's cloud-run (`componenttcb`) API
//! family, compiled to WebAssembly for Node and browsers.
//!
//! The core is pure Rust and tested natively with `cargo test`:
//! - [`calls`]: one declaration per call (fields, rules, answer, retry safety, example);
//!   `describe` turns them into the data `describeCalls()` returns;
//! - [`engine`]: the one interpreter of every declaration — validation with paths and
//!   stable [`IssueCode`]s, unknown-key suggestions ([`suggest`]), the canonical body;
//! - [`request`], [`base_url`], [`response`], [`errcode`], [`error`], [`issue`],
//!   [`redact`], [`secret`], [`json`]: building, the parsed base URL, answer parsing (big
//!   integers kept exactly), the errcode catalog, errors, redaction of every encoding of a
//!   secret, and the secret types whose `Debug` shows nothing;
//! - [`retry`], [`options`], [`token_manager`]: the pure decisions of the call loop and of
//!   the token cache (when to retry, when to refresh, which stored token to adopt), the
//!   token API, and the options' defaults and ranges;
//! - [`push`]: the ticket pushes — signature, AES-256-CBC with the 32-byte PKCS#7 padding,
//!   the XML envelope and the typed events.
//!
//! Only `wasm` (built for `wasm32` alone) touches `JsValue`; only its transport
//! (`wasm/transport.rs`, `wasm/body.rs`) touches the network, and every call into JS that
//! can throw goes through the catching bindings of `wasm/js.rs`.
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod base_url;
pub mod calls;
pub mod engine;
pub mod errcode;
pub mod error;
pub mod issue;
pub mod json;
pub(crate) mod json_read;
pub mod options;
pub mod push;
pub mod redact;
pub mod request;
pub mod response;
pub mod retry;
mod scan;
pub mod secret;
pub mod suggest;
pub mod token_manager;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Error, TransportError, TransportKind, WxApiError};
pub use issue::{Issue, IssueCode, Report, Severity};
pub use secret::{AccessToken, Secret};
