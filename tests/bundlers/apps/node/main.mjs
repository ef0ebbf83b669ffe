// The Node (serverless) app, ES module: the probe and a createService against the package's
// emulator, so the bundled transport is exercised too. Prints one `RESULT {json}` line.
import * as lib from 'wx-cloudbase-service';
import { startEmulator } from 'wx-cloudbase-service/emulator';
import { probeAndCreate } from '../shared/probe.js';

console.log(`RESULT ${JSON.stringify(await probeAndCreate(lib, startEmulator))}`);
