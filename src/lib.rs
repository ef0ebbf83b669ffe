//! Typed, validating client for WeChat Open Platform's `createCloudbaseService`
//! (`POST /componenttcb/establishcloudbaserunserver`), compiled to WebAssembly for Node and
//! browsers.
//!
//! The core (model, validation, request building, response parsing, errcode catalog) is pure
//! Rust and tested natively; only `bindings` touches `JsValue` and only `transport` touches
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

pub mod errcode;
pub mod error;
pub mod issue;
pub mod model;
pub mod push;
pub mod redact;
pub mod request;
pub mod response;
pub mod retry;
pub mod secret;
pub mod token_manager;
pub mod validate;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Error, TransportError, TransportKind, WxApiError};
pub use issue::{Issue, Report, Severity};
pub use model::{CreateServiceRequest, CreateServiceResponse, EsInfo, LogType, VpcInfo};
pub use secret::{AccessToken, Secret};
