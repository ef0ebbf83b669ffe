// WeChat's message encryption (push.md), with node:crypto: AES-256-CBC with IV = the first
// 16 key bytes, PKCS#7 padding to 32-byte blocks done by hand (Node's own padding is for
// 16-byte blocks), plaintext = 16 random bytes ‖ 4-byte big-endian message byte length ‖
// message ‖ appid, and msg_signature = SHA-1 of four fields sorted byte-wise.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const BLOCK = 32;

/**
 * The 32-byte AES key of a 43-character EncodingAESKey: base64(key + "="). Node's base64
 * decoder ignores the last character's spare bits, as WeChat's own samples need.
 */
export function aesKey(encodingAesKey) {
  if (typeof encodingAesKey !== 'string' || !/^[A-Za-z0-9]{43}$/.test(encodingAesKey)) {
    throw new TypeError('encodingAesKey must be 43 characters [A-Za-z0-9]');
  }
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new TypeError('encodingAesKey does not decode to 32 bytes');
  return key;
}

/** Encrypt `message` for `appId`; `random` is 16 bytes (random when not given). Returns base64. */
export function encryptMessage(key, appId, message, random = randomBytes(16)) {
  const text = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(text.length);
  const plain = Buffer.concat([random, length, text, Buffer.from(appId, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK); // 1..32: a full block when already aligned
  const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

/**
 * Decrypt an Encrypt value: { random, message, appId, pad, plainBytes }. Throws on a bad
 * pad byte or a length that does not fit (used by the tests against the official vectors).
 */
export function decryptMessage(key, encrypt) {
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()]);
  const pad = plain.at(-1);
  if (!(pad >= 1 && pad <= BLOCK) || pad > plain.length) throw new Error('bad padding');
  const body = plain.subarray(0, plain.length - pad);
  if (body.length < 20) throw new Error('too short');
  const length = body.readUInt32BE(16);
  if (20 + length > body.length) throw new Error('bad length');
  return {
    random: body.subarray(0, 16),
    message: body.subarray(20, 20 + length).toString('utf8'),
    appId: body.subarray(20 + length).toString('utf8'),
    pad,
    plainBytes: plain.length,
  };
}

/** Lowercase hex SHA-1 of the given fields sorted byte-wise (ordinal) and concatenated. */
export function sha1Sorted(...fields) {
  const parts = fields.map((f) => Buffer.from(String(f), 'utf8')).sort(Buffer.compare);
  return createHash('sha1').update(Buffer.concat(parts)).digest('hex');
}

/** msg_signature over [token, timestamp, nonce, encrypt]. */
export const msgSignature = (token, timestamp, nonce, encrypt) => sha1Sorted(token, timestamp, nonce, encrypt);
/** The 3-field `signature` query parameter WeChat also sends (never use it to authenticate). */
export const plainSignature = (token, timestamp, nonce) => sha1Sorted(token, timestamp, nonce);
