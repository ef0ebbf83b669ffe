// Types of `wx-cloudbase-service/wasm`, the package's .wasm file itself (the one the
// `workerd` and `./slim` entries load; the default entries carry their own copy inlined).
// What importing a .wasm file gives depends on the runtime or bundler: the ones that import
// it as a module (workerd and wrangler) give a compiled WebAssembly.Module, which is what
// this declares and what `init` / `initSync` of `wx-cloudbase-service/slim` accept. Elsewhere resolve the file instead:
// `require.resolve('wx-cloudbase-service/wasm')`, `import.meta.resolve(…)`, or a bundler's
// URL import (e.g. Vite's `wx-cloudbase-service/wasm?url`), and pass the URL or the bytes.
declare const wasmModule: WebAssembly.Module;
export default wasmModule;
