// Authorisation-event pushes as WeChat sends them (push.md): an encrypted
// component_verify_ticket POSTed to the platform's URL at once, then every `everyMs`, and
// on POST /cgi-bin/component/api_start_push_ticket. Pushes go only to the URL given. Every
// pushed ticket is accepted by the token endpoint for 12 hours. State shows each push's
// answer (status, body), never the ticket, the token or the EncodingAESKey.
import http from 'node:http';
import https from 'node:https';
import { randomBytes, randomInt } from 'node:crypto';
import { BoundedList } from './bounded.mjs';
import { readBody, sendJson } from './io.mjs';
import { aesKey, encryptMessage, msgSignature, plainSignature } from './push-crypto.mjs';
import { answer, parseBody } from './rules.mjs';
import { credentialsRefusal, tokenAnswer } from './token.mjs';

export const START_PUSH_PATH = '/cgi-bin/component/api_start_push_ticket';

/** WeChat wants the answer within 5 s; a push waits no longer. */
export const PUSH_TIMEOUT_MS = 5000;
export const DEFAULT_EVERY_MS = 10 * 60 * 1000; // push.md: every 10 minutes
const ANSWER_KEPT = 256; // characters of each answer body kept in state
const OPTION_KEYS = ['url', 'token', 'encodingAesKey', 'componentAppId', 'everyMs', 'ticket'];

const printable = (v, max) => typeof v === 'string' && v.length > 0 && v.length <= max && /^[\x20-\x7e]+$/.test(v);
const xmlText = (s) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]);

/** Check startTicketPushes' options; return them normalised or throw a TypeError. */
export function checkPushOptions(input, defaultAppId) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new TypeError('push options must be an object');
  for (const k of Object.keys(input)) if (!OPTION_KEYS.includes(k)) throw new TypeError(`unknown push option "${k}"`);
  let url;
  try {
    url = new URL(input.url);
  } catch {
    throw new TypeError('push url must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('push url must be http: or https:');
  if (!printable(input.token, 4096)) throw new TypeError('push token must be a non-empty printable string');
  const key = aesKey(input.encodingAesKey);
  const appId = input.componentAppId ?? defaultAppId;
  if (!printable(appId, 256)) throw new TypeError('componentAppId must be a non-empty printable string');
  const everyMs = input.everyMs ?? DEFAULT_EVERY_MS;
  if (!Number.isInteger(everyMs) || everyMs < 10 || everyMs > 86400000) throw new TypeError('everyMs must be an integer 10..86400000');
  if (input.ticket !== undefined && (!printable(input.ticket, 512) || input.ticket.includes(']]>'))) {
    throw new TypeError('ticket must be a printable string without "]]>"');
  }
  return { url, token: input.token, key, encodingAesKey: input.encodingAesKey, appId, everyMs, ticket: input.ticket };
}

/** The decrypted message of a ticket push, in the layout of WeChat's doc sample. */
export const ticketMessage = (appId, createTime, ticket) =>
  `<xml><AppId><![CDATA[${appId}]]></AppId>\n<CreateTime>${createTime}</CreateTime>\n` +
  `<InfoType><![CDATA[component_verify_ticket]]></InfoType>\n` +
  `<ComponentVerifyTicket><![CDATA[${ticket}]]></ComponentVerifyTicket>\n</xml>`;

/** The query and body of one push of `message` (exported for the tests). */
export function pushRequest(opts, message, timestamp, nonce) {
  const encrypt = encryptMessage(opts.key, opts.appId, message);
  const url = new URL(opts.url);
  url.searchParams.set('timestamp', timestamp);
  url.searchParams.set('nonce', nonce);
  url.searchParams.set('encrypt_type', 'aes');
  url.searchParams.set('msg_signature', msgSignature(opts.token, timestamp, nonce, encrypt));
  url.searchParams.set('signature', plainSignature(opts.token, timestamp, nonce));
  return { url, body: `<xml><AppId>${xmlText(opts.appId)}</AppId><Encrypt>${encrypt}</Encrypt></xml>` };
}

export class TicketPusher {
  /** @param {{ state: import('./state.mjs').EmulatorState, note: Function }} emu */
  constructor(emu, limit) {
    this.emu = emu;
    this.log = new BoundedList(limit);
    this.current = null;
    this.sent = 0;
    this.startRequests = 0;
    this.seq = 0;
  }

  /** Start pushing (stopping any earlier schedule); returns the handle of startTicketPushes. */
  start(options) {
    const opts = checkPushOptions(options, this.emu.state.settings.componentAppId);
    this.stop(); // only once the new options are known to be good
    const run = { opts, stopped: false, timer: null, requests: new Set(), sent: 0, lastAnswer: null };
    this.current = run;
    const tick = async () => {
      const started = Date.now();
      await this.pushOnce(run).catch(() => {}); // post() never rejects; this keeps the schedule alive regardless
      if (!run.stopped) run.timer = setTimeout(tick, Math.max(0, opts.everyMs - (Date.now() - started)));
    };
    tick();
    const pusher = this;
    return {
      stop: () => pusher.stop(run),
      get pushesSent() { return run.sent; },
      get lastAnswer() { return run.lastAnswer; },
    };
  }

  /** Stop a schedule (the current one by default): no timer, no push in flight. */
  stop(run = this.current) {
    if (!run) return;
    run.stopped = true;
    clearTimeout(run.timer);
    for (const req of run.requests) req.destroy();
    if (this.current === run) this.current = null;
  }

  /** One push now, when a schedule is running (api_start_push_ticket); whether one was sent. */
  pushNowIfActive() {
    if (!this.current) return false;
    this.pushOnce(this.current).catch(() => {});
    return true;
  }

  async pushOnce(run) {
    const { opts } = run;
    const ticket = opts.ticket ?? `ticket@@@${randomBytes(48).toString('base64url')}`;
    // Accepted before it is sent: a receiver may ask for a token before it answers.
    this.emu.state.acceptPushedTicket(ticket);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = String(randomInt(100000000, 2 ** 31));
    const { url, body } = pushRequest(opts, ticketMessage(opts.appId, timestamp, ticket), timestamp, nonce);
    run.sent += 1;
    this.sent += 1;
    const started = Date.now();
    const answer = await post(url, body, run.requests);
    if (run.stopped && answer.error) return; // stopped mid-push: nothing to report
    const hide = (text) => [ticket, opts.token, opts.encodingAesKey].reduce((t, s) => t.split(s).join('***'), text);
    const seen = answer.error ? { error: answer.error } : { status: answer.status, body: hide(answer.body) };
    run.lastAnswer = seen;
    this.seq += 1;
    const entry = this.log.push({
      seq: this.seq, at: new Date(started).toISOString(), target: `${url.origin}${url.pathname}`, ...seen,
      ok: answer.status === 200 && answer.body === 'success', ms: Date.now() - started,
    });
    this.emu.note({ at: entry.at, method: 'PUSH', path: entry.target, status: entry.status ?? null, errcode: null, fault: answer.error });
  }

  snapshot() {
    const run = this.current;
    return {
      active: run !== null,
      target: run ? `${run.opts.url.origin}${run.opts.url.pathname}` : null,
      everyMs: run ? run.opts.everyMs : null,
      sent: this.sent,
      startRequests: this.startRequests,
      log: [...this.log.items],
    };
  }
}

/** POST `body` to `url`; resolve { status, body } (body cut to ANSWER_KEPT) or { error }. */
function post(url, body, inFlight) {
  return new Promise((resolve) => {
    const data = Buffer.from(body, 'utf8');
    const req = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'text/xml', 'content-length': data.length },
    });
    inFlight.add(req);
    let settled = false;
    const done = (value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      inFlight.delete(req);
      resolve(value);
    };
    const timer = setTimeout(() => {
      done({ error: 'timeout' });
      req.destroy();
    }, PUSH_TIMEOUT_MS);
    req.on('error', (err) => done({ error: req.destroyed && !err.code ? 'aborted' : err.code ?? 'error' }));
    req.on('close', () => done({ error: 'aborted' }));
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        if (text.length < ANSWER_KEPT) text += c.slice(0, ANSWER_KEPT - text.length);
      });
      res.on('end', () => done({ status: res.statusCode, body: text }));
      res.on('error', () => done({ error: 'response error' }));
    });
    req.end(data);
  });
}

/**
 * POST /cgi-bin/component/api_start_push_ticket {component_appid, component_secret}:
 * 43002, 44002/47001, then the token endpoint's appid and secret checks; ok triggers a push
 * at once when pushes are running (otherwise it only answers ok). No fault queue.
 */
export async function handleStartPush(emu, req, res, url, headers) {
  const read = await readBody(req);
  if (!read) return;
  emu.pusher.startRequests += 1;
  let errcode = 43002;
  let detail;
  if (req.method === 'POST') {
    const parsed = parseBody(read.bytes, read.tooLarge);
    errcode = parsed.errcode ?? credentialsRefusal(parsed.body, emu.state.settings, 'component_secret');
    detail = parsed.detail;
  }
  const pushed = errcode === 0 ? emu.pusher.pushNowIfActive() : undefined;
  const body = errcode === 0 ? answer(0) : tokenAnswer(errcode);
  const entry = emu.state.recordOther({ method: req.method, path: url.pathname, status: 200, errcode, errmsg: body.errmsg, detail, pushed });
  emu.note(entry);
  sendJson(res, 200, body, headers);
}
