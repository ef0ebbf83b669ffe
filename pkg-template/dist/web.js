// Web entry with an explicit `await init()`: wasm-bindgen's web build
// (wx_cloudbase_service.js), with the fast paths of fast.js.
// scripts/build-pkg.sh fails when this list and the build's exports differ.
import * as glue from './wx_cloudbase_service.js';
import { bindFast } from './fast.js';

export {
  default,
  initSync,
  CloudbaseClient,
  ComponentTokenManager,
  PushReceiver,
  createService,
  decryptPush,
  describeCalls,
  encryptPush,
  isConfigError,
  isPushError,
  isTransportError,
  isValidationError,
  isWxApiError,
  isWxCloudbaseError,
  pushSignature,
  toCurl,
  wasmMemoryBytes,
} from './wx_cloudbase_service.js';
const fast = bindFast(glue);
export const buildCreateServiceRequest = fast.buildCreateServiceRequest;
export const buildRequest = fast.buildRequest;
export const nodePushHandler = fast.nodePushHandler;
export const validateCreateServiceRequest = fast.validateCreateServiceRequest;
export const validateRequest = fast.validateRequest;
