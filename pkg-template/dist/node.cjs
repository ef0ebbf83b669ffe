// Node CommonJS entry: wasm-bindgen's glue (wx_cloudbase_service.cjs) with the JS-side
// functions of fast.js. node.mjs re-exports this module, so `import` and `require` share one
// wasm instance. One line per export, so Node's ESM loader sees every name;
// scripts/build-pkg.sh fails when this list and the build's exports differ.
'use strict';
const glue = require('./wx_cloudbase_service.cjs');
const fast = require('./fast.cjs').bindFast(glue);

exports.CloudbaseClient = glue.CloudbaseClient;
exports.ComponentTokenManager = glue.ComponentTokenManager;
exports.PushReceiver = glue.PushReceiver;
exports.buildCreateServiceRequest = fast.buildCreateServiceRequest;
exports.buildRequest = fast.buildRequest;
exports.createService = glue.createService;
exports.decryptPush = glue.decryptPush;
exports.describeCalls = glue.describeCalls;
exports.encryptPush = glue.encryptPush;
exports.isConfigError = glue.isConfigError;
exports.isPushError = glue.isPushError;
exports.isTransportError = glue.isTransportError;
exports.isValidationError = glue.isValidationError;
exports.isWxApiError = glue.isWxApiError;
exports.isWxCloudbaseError = glue.isWxCloudbaseError;
exports.nodePushHandler = fast.nodePushHandler;
exports.pushSignature = glue.pushSignature;
exports.toCurl = glue.toCurl;
exports.validateCreateServiceRequest = fast.validateCreateServiceRequest;
exports.validateRequest = fast.validateRequest;
exports.wasmMemoryBytes = glue.wasmMemoryBytes;
