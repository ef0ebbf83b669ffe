// The push cryptography against push.md's vectors: WeChat's official third-party vector
// (decrypt, encrypt, both signatures) and the official-account Java sample's key, whose
// last character has its spare base64 bits set.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { aesKey, decryptMessage, encryptMessage, msgSignature, plainSignature } from '../../emulator/push-crypto.mjs';

const OFFICIAL = {
  token: 'AAAAA',
  key: 'A'.repeat(43),
  appId: 'wx134c8103faa5a59e',
  timestamp: '1715943329',
  nonce: '1590219412',
  signature: 'cc0c594499c1634947d5b502f158ee518947db27',
  msgSignature: '6c12a4205838198b8fa631b3220723bb07f1015c',
  encrypt: 'D7yzvUNAL930rd28wf21s4hvXhz0L6Uit/p2Di6C5DHyYGpEgdBRnKjBec34JwoQXicwaZC7fOVihW80F4VtsdvE//1vr7oAbqjDv8KenVp+ajKYpJnyQ4zMRhIC+a31fCVOMC03FfzV/QuC94kBP55a+Za3sJgvAn+ZbsNqZI5DkyuzkhQN8OBqCzFhizGmy0xpM0MEA4agpvE+RuNO1rhHTtuJB5yltw1FiYzecSXJ+y/D2r81VkRn2eYjh2ltsoyfbDR7Is6ookXIFxTfyeNyeHxMeT4KN5WpCDmSbTcUYrbBUlkGLJ9n/rU8YOywma6G7aTb7KZKOqCxgfoUlYEZPk4FUL/TK7ShriFDMVCLyjQJ15Ob++agDWtcxhfUfe6HIoIpRW8mKNBQiY/Jd1svvuskA1wLef1RTtzKfMpagSCX/laZINmdnX4zrF6kIaR9P4xQrWXbsTFHTYe0Mg==',
  message: '<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>\n<FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>\n<CreateTime>1715943329</CreateTime>\n<MsgType><![CDATA[event]]></MsgType>\n<Event><![CDATA[debug_demo]]></Event>\n<debug_str><![CDATA[hello world]]></debug_str>\n</xml>',
};
const REPLY = {
  message: '<xml><demo_resp>[CDATA[good luck]]</demo_resp></xml>',
  random: '999951349e8ee746',
  encrypt: 'hE8R6mGXHkJJjU72KxzKUd1GEkKJaEZq7vRL8XgK3o+00k8JGq6+pZJUIlTSyhsX+bxIBQ72g3GyvDdIZcr6+3HAZbSvPT9t/o11MI7d6WELwqrGd7jMnV0zv3Zc9Nq7',
  timestamp: '1713424427',
  nonce: '415670741',
  msgSignature: '03e0812039325c2712ef5f0f980fd14c70d6e307',
};
const JAVA = {
  key: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wxb11529c136998cb6',
  random: 'aaaabbbbccccdddd',
  message: '我是中文abcd123',
  encrypt: 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==',
};

test('official vector: the Encrypt decrypts to the 352-byte plaintext and the 292-byte message', () => {
  const key = aesKey(OFFICIAL.key);
  assert.deepEqual(key, Buffer.alloc(32), '43×A: key and IV are all zero bytes');
  const d = decryptMessage(key, OFFICIAL.encrypt);
  assert.equal(d.plainBytes, 352);
  assert.equal(d.pad, 22);
  assert.equal(d.random.toString('latin1'), '1205899eaf019bbd');
  assert.equal(Buffer.byteLength(d.message), 292);
  assert.equal(d.message, OFFICIAL.message);
  assert.equal(d.appId, OFFICIAL.appId);
});

test('official vector: msg_signature over four fields, signature over three', () => {
  assert.equal(msgSignature(OFFICIAL.token, OFFICIAL.timestamp, OFFICIAL.nonce, OFFICIAL.encrypt), OFFICIAL.msgSignature);
  assert.equal(plainSignature(OFFICIAL.token, OFFICIAL.timestamp, OFFICIAL.nonce), OFFICIAL.signature);
});

test('official vector: encrypting the 52-byte reply with the given random gives the given Encrypt and MsgSignature', () => {
  assert.equal(Buffer.byteLength(REPLY.message), 52);
  const encrypt = encryptMessage(aesKey(OFFICIAL.key), OFFICIAL.appId, REPLY.message, Buffer.from(REPLY.random, 'latin1'));
  assert.equal(encrypt, REPLY.encrypt);
  assert.equal(msgSignature(OFFICIAL.token, REPLY.timestamp, REPLY.nonce, encrypt), REPLY.msgSignature);
  assert.equal(decryptMessage(aesKey(OFFICIAL.key), encrypt).message, REPLY.message);
});

test('Java-sample vector: the non-canonical key decodes leniently; the 19-byte message encrypts as given', () => {
  const key = aesKey(JAVA.key);
  assert.equal(key.length, 32);
  assert.equal(Buffer.byteLength(JAVA.message), 19);
  const encrypt = encryptMessage(key, JAVA.appId, JAVA.message, Buffer.from(JAVA.random, 'latin1'));
  assert.equal(encrypt, JAVA.encrypt);
  const d = decryptMessage(key, encrypt);
  assert.deepEqual([d.message, d.appId], [JAVA.message, JAVA.appId]);
});

test('padding is to 32-byte blocks (1..32 pad bytes); bad keys and pads are refused', () => {
  const key = aesKey(OFFICIAL.key);
  for (let n = 0; n < 70; n++) {
    const d = decryptMessage(key, encryptMessage(key, 'wx1', 'x'.repeat(n)));
    assert.equal(d.plainBytes % 32, 0);
    assert.ok(d.pad >= 1 && d.pad <= 32);
    assert.equal(d.message.length, n);
  }
  for (const bad of ['A'.repeat(42), 'A'.repeat(44), `${'A'.repeat(42)}+`, 5]) assert.throws(() => aesKey(bad), TypeError);
  assert.throws(() => decryptMessage(key, Buffer.alloc(32, 0).toString('base64')), /padding|length|short/);
});

test('the signature sorts its fields byte-wise, not numerically or ignoring case', () => {
  const want = createHash('sha1').update('109Ba').digest('hex');
  assert.equal(msgSignature('a', '10', '9', 'B'), want);
  assert.equal(msgSignature('B', 'a', '9', '10'), want);
});
