// Browser entry: instantiates the wasm next to this file, then offers the same functions
// as the Node entry. For explicit control over loading, import 'wx-cloudbase-service/web'.
import init from './web.js';

await init({ module_or_path: new URL('./wx_cloudbase_service_bg.wasm', import.meta.url) });

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
