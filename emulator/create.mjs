// What the emulator does with one createCloudbaseService call, faults aside:
// the checks in the documented order, then the service is recorded.
import { answer, invalidField, missingField, parseBody } from './rules.mjs';

/**
 * @param {{ method: string, token: string|null, bytes: Buffer|null, tooLarge: boolean }} call
 * @param {import('./state.mjs').EmulatorState} state
 * @returns {{ errcode: number, errmsg: string, token: string, detail?: string,
 *             envId?: string, serviceName?: string }}
 */
export function createService(call, state) {
  const token = state.tokenKind(call.token);
  const done = (errcode, extra = {}, errmsg) => ({ ...answer(errcode, errmsg), token, ...extra });

  if (call.method !== 'POST') return done(43002);
  if (token === 'missing') return done(41001);
  if (token === 'expired') return done(42001);
  if (token === 'unknown') return done(40014);

  const parsed = parseBody(call.bytes, call.tooLarge);
  if (parsed.errcode) return done(parsed.errcode, { detail: parsed.detail });
  const body = parsed.body;

  const missing = missingField(body);
  if (missing) return done(40101, { detail: missing });
  const invalid = invalidField(body);
  if (invalid) return done(40097, { detail: invalid });

  const ids = { envId: body.env_id, serviceName: body.service_name };
  const env = state.envStatus(body.env_id);
  if (env !== 'ok') return done(85088, { ...ids, detail: `env ${env}` });
  if (state.hasService(body.env_id, body.service_name)) {
    // Emulator choice, not a documented WeChat answer (see README).
    return done(40097, { ...ids, detail: 'duplicate service' }, 'service already exists');
  }
  state.addService(body.env_id, body.service_name, body);
  return done(0, ids);
}
