//! Any status and body bytes, as the answer of any call (the first byte picks it), give a
//! typed answer or error, never a panic, and no error carries the secrets passed for
//! redaction, even when the body echoes them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wx_cloudbase_service::calls::CALLS;
use wx_cloudbase_service::response::parse_response;

const SECRET: &str = "FUZZ-SECRET-TOKEN";

fuzz_target!(|data: &[u8]| {
    let (pick, status, body) = match data {
        [p, a, b, rest @ ..] => (*p, u16::from_le_bytes([*a, *b]), rest),
        _ => (0, 200, data),
    };
    let Some(call) = CALLS.get(usize::from(pick) % CALLS.len()) else {
        return;
    };
    let headers = vec![("content-type".to_string(), "application/json".to_string())];
    if let Err(e) = parse_response(call, status, &headers, body, &[SECRET]) {
        assert!(!e.to_string().contains(SECRET));
    }
    let mut echoed = body.to_vec();
    echoed.extend_from_slice(SECRET.as_bytes());
    if let Err(e) = parse_response(call, status, &headers, &echoed, &[SECRET]) {
        assert!(!e.to_string().contains(SECRET));
    }
});
