// The Node (serverless) app, CommonJS: require() of the package and of its emulator, the
// probe and a createService against the emulator. Prints one `RESULT {json}` line.
'use strict';
const lib = require('wx-cloudbase-service');
const { startEmulator } = require('wx-cloudbase-service/emulator');
const { probeAndCreate } = require('../shared/probe.js');

probeAndCreate(lib, startEmulator).then(
  (result) => console.log(`RESULT ${JSON.stringify(result)}`),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
