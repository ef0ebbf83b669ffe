// Settings, the emulated cloud, issued tokens, pushed tickets, the request log and the
// counters of one emulator. Tokens, the app secret and tickets are compared here and never
// stored anywhere else: the log keeps only what kind of token or ticket a request carried
// ("valid", "expired", "unknown", "missing").
import { randomBytes } from 'node:crypto';
import { BoundedList, BoundedMap } from './bounded.mjs';
import { Cloud } from './cloud.mjs';
import { DEFAULT_LIMITS, initialSettings } from './settings.mjs';

/** A pushed component_verify_ticket is valid this long (push.md: 12 hours). */
export const TICKET_LIFETIME_MS = 12 * 3600 * 1000;
/** Pushed tickets remembered at most (the oldest are forgotten, then answer 61006). */
const PUSHED_TICKETS_LIMIT = 1000;
/** Log entries keep at most this much of any text (an injected errmsg may be long). */
const LOG_TEXT = 256;
const clip = (s) => (s.length > LOG_TEXT ? `${s.slice(0, LOG_TEXT)}…` : s);

export class EmulatorState {
  constructor(settings = {}, limits = DEFAULT_LIMITS) {
    this.settings = initialSettings(settings);
    this.limits = limits;
    this.clear();
  }

  /** Replace the given settings (already checked by checkSettings). */
  configure(partial) {
    Object.assign(this.settings, partial);
  }

  /** Forget the cloud, issued tokens and tickets, log and counters; settings stay. */
  clear() {
    this.cloud = new Cloud(this.limits, this.settings);
    this.issued = new BoundedMap(this.limits.issuedTokens); // token → expiry, ms since the epoch
    this.pushedTickets = new BoundedMap(PUSHED_TICKETS_LIMIT); // ticket → expiry
    this.log = new BoundedList(this.limits.log);
    this.seq = 0;
    this.requests = 0;
    this.byErrcode = {};
    this.tokenRequests = 0;
    this.tokenByErrcode = {};
    this.tokensIssued = 0;
  }

  /**
   * "missing" | "expired" | "valid" | "unknown". Expired wins over valid. Issued tokens
   * are valid until their lifetime ends (or expireTokens()), then expired.
   */
  tokenKind(token) {
    if (typeof token !== 'string' || token === '') return 'missing';
    if (this.settings.expiredTokens.includes(token)) return 'expired';
    if (this.settings.tokens.includes(token)) return 'valid';
    return expiryKind(this.issued.get(token));
  }

  /** "missing" | "expired" | "valid" | "unknown" for a component_verify_ticket. */
  ticketKind(ticket) {
    if (typeof ticket !== 'string' || ticket === '') return 'missing';
    if (this.settings.expiredTickets.includes(ticket)) return 'expired';
    if (this.settings.verifyTickets.includes(ticket)) return 'valid';
    return expiryKind(this.pushedTickets.get(ticket));
  }

  /** A ticket sent in a push: the token endpoint accepts it for 12 hours. */
  acceptPushedTicket(ticket) {
    this.pushedTickets.delete(ticket); // re-pushed: it becomes the newest
    this.pushedTickets.set(ticket, Date.now() + TICKET_LIFETIME_MS);
  }

  /** A new component_access_token, valid for tokenLifetimeSeconds from now. */
  issueToken() {
    this.tokensIssued += 1;
    const token = `emu-cat-${this.tokensIssued}-${randomBytes(12).toString('hex')}`;
    this.issued.set(token, Date.now() + this.settings.tokenLifetimeSeconds * 1000);
    return token;
  }

  /** Make every issued token expired now (the next call with one answers 42001). */
  expireTokens() {
    const now = Date.now();
    let expired = 0;
    for (const [token, expiry] of this.issued.map) {
      if (expiry > now) {
        this.issued.map.set(token, now);
        expired += 1;
      }
    }
    return expired;
  }

  /** Append one log entry of an API call (fields with undefined values are dropped). */
  record(fields) {
    this.requests += 1;
    return this.append(fields, this.byErrcode);
  }

  /** Append one log entry of a token-endpoint call; counted apart from API calls. */
  recordToken(fields) {
    this.tokenRequests += 1;
    return this.append(fields, this.tokenByErrcode);
  }

  /** Append one log entry without counting it (api_start_push_ticket). */
  recordOther(fields) {
    return this.append(fields, null);
  }

  append(fields, byErrcode) {
    this.seq += 1;
    const entry = { seq: this.seq, at: new Date().toISOString() };
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) entry[k] = typeof v === 'string' ? clip(v) : v;
    if (byErrcode && typeof entry.errcode === 'number') {
      const key = String(entry.errcode);
      byErrcode[key] = (byErrcode[key] || 0) + 1;
    }
    return this.log.push(entry);
  }

  /** Settings as shown in state: token lists reduced to counts. */
  publicConfig() {
    const s = this.settings;
    return {
      tokens: s.tokens.length,
      expiredTokens: s.expiredTokens.length,
      envs: [...s.envs],
      disabledEnvs: [...s.disabledEnvs],
      strictEnvs: s.strictEnvs,
      envReadyMs: s.envReadyMs,
      autoConfirmShares: s.autoConfirmShares,
    };
  }

  /** Token-endpoint settings as shown in state: the secret and tickets reduced to counts. */
  publicTokenConfig() {
    const s = this.settings;
    return {
      componentAppId: s.componentAppId,
      verifyTickets: s.verifyTickets.length,
      expiredTickets: s.expiredTickets.length,
      pushedTickets: this.pushedTickets.size,
      tokenLifetimeSeconds: s.tokenLifetimeSeconds,
      tokenIpWhitelisted: s.tokenIpWhitelisted,
      tokenDailyQuota: s.tokenDailyQuota,
    };
  }

  /** Every value here is bounded in size and depth, so the copy cannot fail. */
  snapshot(faults, tokenFaults, pushes) {
    return structuredClone({
      requests: this.requests,
      byErrcode: this.byErrcode,
      ...this.cloud.snapshot(),
      faults,
      log: this.log.items,
      config: this.publicConfig(),
      tokenRequests: this.tokenRequests,
      tokenByErrcode: this.tokenByErrcode,
      tokensIssued: this.tokensIssued,
      tokenFaults,
      tokenConfig: this.publicTokenConfig(),
      pushes,
      limits: this.limits,
    });
  }
}

const expiryKind = (expiry) => {
  if (expiry === undefined) return 'unknown';
  return Date.now() < expiry ? 'valid' : 'expired';
};
