// ./slim under plain Node: a clear error before init, then initSync() from the bytes of the
// package's ./wasm file (what a server that wants no inlined copy does).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as lib from 'wx-cloudbase-service/slim';
import { beforeInit, probe } from '../shared/probe.js';

const early = beforeInit(lib);
lib.initSync(readFileSync(createRequire(import.meta.url).resolve('wx-cloudbase-service/wasm')));
console.log(`RESULT ${JSON.stringify({ ...probe(lib), early })}`);
