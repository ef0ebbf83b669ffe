//! Figures for soak tests and benchmarks: how much linear memory the instance holds.

use wasm_bindgen::prelude::*;

/// Bytes of wasm linear memory. It only grows (wasm cannot shrink memory), so a figure that
/// stays put across many calls shows that nothing leaks.
#[wasm_bindgen(js_name = wasmMemoryBytes)]
pub fn wasm_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) as f64) * 65_536.0
}
