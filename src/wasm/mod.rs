//! Everything that exists only in the wasm build: the JS-facing exports, the conversion of
//! values and errors across the boundary (`interop`, `errors`), the one options reader,
//! the call loop and its context, the token manager, and the fetch transport (the only
//! module that touches the network). Every call into JS that can throw goes through `js`.

mod body;
mod call;
mod client;
mod ctx;
mod diagnostics;
mod driver;
pub mod errors;
pub mod exports;
pub mod fast;
mod hooks;
mod interop;
pub mod js;
mod options;
pub mod push;
mod settings;
mod token;
pub mod token_manager;
mod transport;
mod types;

pub use client::{create_service, CloudbaseClient};
