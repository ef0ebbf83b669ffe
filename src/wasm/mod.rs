//! Everything that exists only in the wasm build: the JS-facing exports, the conversion of
//! values and errors across the boundary, and the fetch transport.

mod call;
mod diagnostics;
pub mod errors;
pub mod exports;
mod input;
mod js;
mod options;
mod token;
pub mod token_manager;
mod transport;
mod types;
