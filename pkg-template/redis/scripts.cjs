// The Lua scripts of wx-cloudbase-service/redis. Every write is one script, so the compare
// and the write happen atomically on the server: two processes that read, then write, within
// the same millisecond cannot put an older token or ticket over a newer one.
//
// Each script touches exactly one key (KEYS[1]), so it also runs on a Redis Cluster.
// The "is the stored value valid" checks mirror values.cjs (storedToken / storedTicket): a
// value that a reader would ignore (malformed, another appid, not believable, another Redis
// type) never blocks a write; it is replaced.
'use strict';

// Both set scripts take ARGV [1] the JSON to store, [2] PX (ms), [3] the latest value of the
// compared time that is believed (see values.cjs), [4] the componentAppId, then what is compared.

/**
 * Token set-if-later. ARGV[3] is now + 24 h, ARGV[5] the token's expiresAt; PX is its
 * remaining life. Returns 1 when written, 0 when the stored token expires at the same time
 * or later.
 */
const TOKEN_SET = `
local current = redis.pcall('GET', KEYS[1])
if type(current) == 'string' and #current <= 16384 then
  local ok, s = pcall(cjson.decode, current)
  if ok and type(s) == 'table' and type(s.accessToken) == 'string'
     and #s.accessToken > 0 and #s.accessToken <= 2048
     and type(s.expiresAt) == 'number' and type(s.obtainedAt) == 'number'
     and s.obtainedAt <= s.expiresAt and s.expiresAt <= tonumber(ARGV[3])
     and s.componentAppId == ARGV[4]
     and s.expiresAt >= tonumber(ARGV[5]) then
    return 0
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`;

/**
 * Ticket set-if-newer ("latest wins"): by createTime, then receivedAt. ARGV[3] is now + 1 day
 * in s, ARGV[5] createTime (s), ARGV[6] receivedAt (ms). Returns 1 when written, 0 when the
 * stored ticket is as new or newer.
 */
const TICKET_SET = `
local current = redis.pcall('GET', KEYS[1])
if type(current) == 'string' and #current <= 16384 then
  local ok, s = pcall(cjson.decode, current)
  if ok and type(s) == 'table' and type(s.ticket) == 'string'
     and #s.ticket > 0 and #s.ticket <= 2048
     and s.componentAppId == ARGV[4]
     and type(s.createTime) == 'number' and s.createTime >= 0 and s.createTime <= tonumber(ARGV[3])
     and type(s.receivedAt) == 'number' then
    local createTime, receivedAt = tonumber(ARGV[5]), tonumber(ARGV[6])
    if s.createTime > createTime or (s.createTime == createTime and s.receivedAt >= receivedAt) then
      return 0
    end
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`;

/**
 * The refresh lock: SET key owner NX PX ttl. ARGV: [1] owner, [2] ttl (ms). Returns 1 when
 * taken. A lock this store sets always expires; a key there without an expiry was put by
 * something else and would block every refresh for ever, so it is taken over.
 * (A script rather than the clients' own SET: node-redis spells NX/PX differently across its
 * major versions, while EVAL has one shape per client.)
 */
const LOCK = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return 1
end
if redis.call('PTTL', KEYS[1]) == -1 then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`;

/** Compare-and-delete: releases the lock only if ARGV[1] holds it. Returns 1 when released. */
const UNLOCK = `
if redis.pcall('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

module.exports = { TOKEN_SET, TICKET_SET, LOCK, UNLOCK };
