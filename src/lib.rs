//! A typed, validating client for WeChat Open Platform's cloud-run (`componenttcb`) API
//! family, compiled to WebAssembly for Node and browsers.
//!
//! The core is pure Rust and tested natively with `cargo test`:
//! - [`calls`]: one declaration per call (fields, rules, answer, retry safety);
//! - [`engine`]: the one interpreter of every declaration (validation with paths and
//!   stable codes, the canonical body);
//! - [`request`], [`base_url`], [`response`], [`errcode`], [`error`], [`redact`],
//!   [`secret`]: building, parsing, the errcode catalog, errors and redaction;
//! - [`retry`], [`options`], [`token_manager`]: the pure decisions of the call loop and
//!   of the token cache, and the options' defaults and ranges.
//!
//! Only `wasm` (built for `wasm32` alone) touches `JsValue`, and only its transport touches
//! the network.
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
pub mod secret;
pub mod suggest;
pub mod token_manager;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Error, TransportError, TransportKind, WxApiError};
pub use issue::{Issue, IssueCode, Report, Severity};
pub use secret::{AccessToken, Secret};
