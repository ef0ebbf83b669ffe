//! Any bytes through the push receiver — as query and body, as a body with a valid
//! signature, as a decrypted message, and sealed as a genuine push — give an event or a typed
//! error, never a panic, and no error carries the Token or the EncodingAESKeys.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wx_cloudbase_service::push::{
    encrypt, open, parse_envelope, parse_event, signature, PushError, PushKeys, PushQuery,
};

const TOKEN: &str = "FuzzPushToken";
const KEY: &str = "FuzzPushKey0FuzzPushKey0FuzzPushKey0FuzzPus";
// The official vector's key, so that its Encrypt (in the seeds) decrypts as the previous key.
const PREVIOUS: &str = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const APPID: &str = "wx134c8103faa5a59e";

fn check<T>(result: Result<T, PushError>) {
    if let Err(e) = result {
        let text = format!("{e} {e:?}");
        assert!(!text.contains(TOKEN) && !text.contains(KEY) && !text.contains(PREVIOUS));
    }
}

/// A query whose msg_signature is right for `encrypt`, so the push gets past the first check.
fn signed_for(encrypt: &str) -> Option<PushQuery> {
    let msg_signature = signature(TOKEN, "1", "2", encrypt);
    PushQuery::from_pairs([
        ("timestamp", "1"),
        ("nonce", "2"),
        ("msg_signature", msg_signature.as_str()),
    ])
    .ok()
}

fuzz_target!(|data: &[u8]| {
    let Ok(keys) = PushKeys::new(TOKEN, KEY, Some(PREVIOUS), APPID) else {
        return;
    };
    // First line: the query string; the rest: the body.
    let mut lines = data.splitn(2, |&b| b == b'\n');
    let (query, body) = match (lines.next(), lines.next()) {
        (Some(query), Some(body)) => (query, body),
        _ => (&[][..], data),
    };
    let query = PushQuery::parse(&String::from_utf8_lossy(query));
    if let Ok(query) = &query {
        check(open(&keys, query, body));
    }
    check(query);
    let envelope = parse_envelope(body);
    if let Ok(envelope) = &envelope {
        // Signed for real: the body goes on to decryption and parsing.
        if let Some(signed) = signed_for(&envelope.encrypt) {
            check(open(&keys, &signed, body));
        }
    }
    check(envelope);
    let message = String::from_utf8_lossy(body);
    check(parse_event(&message));
    // The body as the plaintext of a genuine push: the whole path succeeds up to parsing.
    if let Ok(sealed) = encrypt(keys.key(), APPID, &message, b"0123456789abcdef") {
        let body = format!("<xml><Encrypt>{sealed}</Encrypt></xml>");
        if let Some(signed) = signed_for(&sealed) {
            check(open(&keys, &signed, body.as_bytes()));
        }
    }
});
