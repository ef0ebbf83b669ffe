// Node CommonJS entry: wasm-bindgen's nodejs build (wx_cloudbase_service.cjs), with the
// buildCreateServiceRequest of build-request.js. node.mjs re-exports this module, so
// `import` and `require` share one wasm instance. One `exports.name =` line per export, so
// Node's ESM loader sees every name; scripts/build-pkg.sh fails when this list and the
// build's exports differ.
'use strict';
const glue = require('./wx_cloudbase_service.cjs');
const { bindBuild } = require('./build-request.cjs');

exports.CloudbaseClient = glue.CloudbaseClient;
exports.ComponentTokenManager = glue.ComponentTokenManager;
exports.buildCreateServiceRequest = bindBuild(glue);
exports.createService = glue.createService;
exports.isConfigError = glue.isConfigError;
exports.isTransportError = glue.isTransportError;
exports.isValidationError = glue.isValidationError;
exports.isWxApiError = glue.isWxApiError;
exports.isWxCloudbaseError = glue.isWxCloudbaseError;
exports.toCurl = glue.toCurl;
exports.validateCreateServiceRequest = glue.validateCreateServiceRequest;
exports.wasmMemoryBytes = glue.wasmMemoryBytes;
