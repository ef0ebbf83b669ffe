// Node ESM entry: re-exports the CommonJS build so `import` and `require` share one wasm
// instance (and one module state) in a process.
export * from './node.cjs';
