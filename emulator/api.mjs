// One call to an emulated componenttcb path: read, take a fault, check, log, answer.
// The checks every call shares, in order: 43002 method, 41001/42001/40014 token,
// 44002/47001 body, 40101 a required field absent or null, 40097 a field of the wrong
// type or value; then the call's handler (state checks and the state change).
import { invalidField, missingField } from './check.mjs';
import { deliver, plan } from './deliver.mjs';
import { readBody } from './io.mjs';
import { answer, errmsgFor, parseBody } from './rules.mjs';

/**
 * What the emulator does with one call, faults aside.
 * @param {{ name: string, fields: object, handle: Function }} call
 * @param {{ method: string, token: string|null, bytes: Buffer|null, tooLarge: boolean }} req
 * @param {{ state: import('./state.mjs').EmulatorState, baseUrl: string }} ctx
 * @returns {{ errcode: number, body: object, token: string, detail?: string, ids?: object }}
 */
export function runCall(call, req, ctx) {
  const token = ctx.state.tokenKind(req.token);
  const done = (outcome) => ({
    errcode: outcome.errcode,
    body: { ...answer(outcome.errcode, outcome.errmsg ?? errmsgFor(outcome.errcode)), ...outcome.answer },
    token,
    detail: outcome.detail,
    ids: outcome.ids,
  });
  if (req.method !== 'POST') return done({ errcode: 43002 });
  if (token === 'missing') return done({ errcode: 41001 });
  if (token === 'expired') return done({ errcode: 42001 });
  if (token === 'unknown') return done({ errcode: 40014 });

  const parsed = parseBody(req.bytes, req.tooLarge);
  if (parsed.errcode) return done({ errcode: parsed.errcode, detail: parsed.detail });
  const missing = missingField(parsed.body, call.fields);
  if (missing) return done({ errcode: 40101, detail: missing });
  const invalid = invalidField(parsed.body, call.fields);
  if (invalid) return done({ errcode: 40097, detail: invalid });
  return done(call.handle(parsed.body, { cloud: ctx.state.cloud, baseUrl: ctx.baseUrl }));
}

/** Log-entry view of an answer: its errcode, or null when there is none to read. */
export function answeredErrcode(p) {
  if (p.body && 'errcode' in p.body) return p.body.errcode;
  if (typeof p.raw === 'string') {
    const m = /"errcode"\s*:\s*(-?\d+)/.exec(p.raw);
    return m ? Number(m[1]) : null;
  }
  return null;
}

export async function handleApi(emu, req, res, url, headers, call) {
  const read = await readBody(req);
  if (!read) return; // client went away before the request was complete
  const fault = emu.faults.take(call.name);
  const request = { method: req.method, token: url.searchParams.get('access_token'), bytes: read.bytes, tooLarge: read.tooLarge };
  const process = fault ? fault.process : true;
  const result = process ? runCall(call, request, { state: emu.state, baseUrl: emu.baseUrl }) : null;
  const p = plan(fault, result);
  const entry = emu.state.record({
    method: req.method,
    path: url.pathname,
    call: call.name,
    token: result ? result.token : emu.state.tokenKind(request.token),
    status: p.status,
    errcode: answeredErrcode(p),
    errmsg: p.body?.errmsg,
    fault: fault?.kind,
    processedErrcode: fault && result ? result.errcode : undefined,
    detail: result?.detail,
    ...result?.ids,
  });
  emu.note(entry);
  await deliver(emu, req, res, fault, p, headers);
}
