// Web entry with an explicit `await init()`: wasm-bindgen's web build
// (wx_cloudbase_service.js), with the buildCreateServiceRequest of build-request.js.
// scripts/build-pkg.sh fails when this list and the build's exports differ.
import * as glue from './wx_cloudbase_service.js';
import { bindBuild } from './build-request.js';

export {
  default,
  initSync,
  CloudbaseClient,
  ComponentTokenManager,
  createService,
  isConfigError,
  isTransportError,
  isValidationError,
  isWxApiError,
  isWxCloudbaseError,
  toCurl,
  validateCreateServiceRequest,
  wasmMemoryBytes,
} from './wx_cloudbase_service.js';
export const buildCreateServiceRequest = bindBuild(glue);
