// The browser app: imports the package's default entry, as a user's page would, and leaves
// the probe's result where the harness reads it (globalThis.__bundlerResult).
import * as lib from 'wx-cloudbase-service';
import { probe } from '../shared/probe.js';

try {
  globalThis.__bundlerResult = probe(lib);
} catch (e) {
  globalThis.__bundlerResult = { error: String(e?.stack ?? e) };
}
