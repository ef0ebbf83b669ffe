export {
  CloudbaseClient,
  ComponentTokenManager,
  buildCreateServiceRequest,
  buildRequest,
  createService,
  describeCalls,
  isConfigError,
  isPushError,
  isTransportError,
  isValidationError,
  isWxApiError,
  isWxCloudbaseError,
  toCurl,
  validateCreateServiceRequest,
  validateRequest,
  wasmMemoryBytes,
} from './web.js';
export type * from './web.js';
