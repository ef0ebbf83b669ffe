// ./slim with a bare init(): the glue's new URL('…_bg.wasm', import.meta.url), which Vite
// follows, emitting the .wasm once. Before init() the functions must throw the package's
// own clear error.
import init, * as lib from 'wx-cloudbase-service/slim';
import { beforeInit, probe } from '../shared/probe.js';

const early = beforeInit(lib);
init().then(
  () => (globalThis.__bundlerResult = { ...probe(lib), early }),
  (e) => (globalThis.__bundlerResult = { error: String(e?.stack ?? e) }),
);
