// ./slim in a browser bundle, the .wasm as a file beside it: esbuild's `file` loader turns
// `import … from 'wx-cloudbase-service/wasm'` into the URL of the copy it emits. Before
// init() the functions must throw the package's own clear error.
import init, * as lib from 'wx-cloudbase-service/slim';
import wasmUrl from 'wx-cloudbase-service/wasm';
import { beforeInit, probe } from '../shared/probe.js';

const early = beforeInit(lib);
init(wasmUrl).then(
  () => (globalThis.__bundlerResult = { ...probe(lib), early }),
  (e) => (globalThis.__bundlerResult = { error: String(e?.stack ?? e) }),
);
