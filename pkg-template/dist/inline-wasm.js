// The wasm bytes of the self-initialising entries, from the base64 text the build inlines
// into them (scripts/lib/entries.mjs bundles this file into dist/browser.js and
// dist/node.cjs; it is not shipped on its own). Each runtime takes its fastest decoder,
// measured on the 340 KB module (first call, cold): Uint8Array.fromBase64 (Node 26,
// recent browsers) 0.1 ms, Node's Buffer 0.2-0.3 ms, atob and a copy loop 1.6-2.2 ms
// (a pure-JS table decoder took 1.9-5 ms). `globalThis.Buffer` rather than `Buffer`, so
// no bundler sees a Node global to polyfill.
export function wasmBytes(base64) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(base64);
  const NodeBuffer = globalThis.Buffer;
  if (typeof NodeBuffer === 'function' && typeof NodeBuffer.from === 'function') return NodeBuffer.from(base64, 'base64');
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
