// Browser entry: instantiates the wasm next to this file, then offers the same functions
// as the Node entry. For explicit control over loading, import 'wx-cloudbase-service/web'.
import init from './web.js';

await init({ module_or_path: new URL('./wx_cloudbase_service_bg.wasm', import.meta.url) });

export {
  CloudbaseClient,
  ComponentTokenManager,
  PushReceiver,
  buildCreateServiceRequest,
  buildRequest,
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
  nodePushHandler,
  pushSignature,
  toCurl,
  validateCreateServiceRequest,
  validateRequest,
  wasmMemoryBytes,
} from './web.js';
