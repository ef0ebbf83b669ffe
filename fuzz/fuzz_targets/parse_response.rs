//! Any status, content-type and body bytes give a typed answer, never a panic, and no
//! error message carries the secrets passed for redaction.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wx_cloudbase_service::response::parse_response;

const SECRET: &str = "FUZZ-SECRET-TOKEN";

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data {
        [a, b, rest @ ..] => (u16::from_le_bytes([*a, *b]), rest),
        _ => (200, data),
    };
    let headers = vec![("content-type".to_string(), "application/json".to_string())];
    if let Err(e) = parse_response(status, &headers, body, &[SECRET]) {
        assert!(!e.to_string().contains(SECRET));
    }
    let mut echoed = body.to_vec();
    echoed.extend_from_slice(SECRET.as_bytes());
    if let Err(e) = parse_response(status, &headers, &echoed, &[SECRET]) {
        assert!(!e.to_string().contains(SECRET));
    }
});
