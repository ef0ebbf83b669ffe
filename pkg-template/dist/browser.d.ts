export {
  CloudbaseClient,
  ComponentTokenManager,
  buildCreateServiceRequest,
  createService,
  isConfigError,
  isTransportError,
  isValidationError,
  isWxApiError,
  isWxCloudbaseError,
  toCurl,
  validateCreateServiceRequest,
  wasmMemoryBytes,
} from './web.js';
export type * from './web.js';
