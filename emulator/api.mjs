// One call to the emulated WeChat endpoint: read, take a fault, check, log, answer.
import { createService } from './create.mjs';
import { deliver, plan } from './deliver.mjs';
import { readBody } from './io.mjs';

export const API_PATH = '/componenttcb/establishcloudbaserunserver';

export async function handleApi(emu, req, res, url, headers) {
  const read = await readBody(req);
  if (!read) return; // client went away before the request was complete
  const fault = emu.faults.take();
  const call = {
    method: req.method,
    token: url.searchParams.get('access_token'),
    bytes: read.bytes,
    tooLarge: read.tooLarge,
  };
  const process = fault ? fault.process : true;
  const result = process ? createService(call, emu.state) : null;
  const p = plan(fault, result);
  const answered = p.body && 'errcode' in p.body ? p.body.errcode : null;
  const entry = emu.state.record({
    method: req.method,
    path: url.pathname,
    token: result ? result.token : emu.state.tokenKind(call.token),
    status: p.status,
    errcode: answered,
    errmsg: p.body?.errmsg,
    fault: fault?.kind,
    processedErrcode: fault && result ? result.errcode : undefined,
    detail: result?.detail,
    env_id: result?.envId,
    service_name: result?.serviceName,
  });
  emu.note(entry);
  await deliver(emu, req, res, fault, p, headers);
}
