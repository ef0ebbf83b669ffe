//! Base URLs and access tokens are parsed by hand; any text must give a value or issues,
//! and no issue may quote a token.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wx_cloudbase_service::request::Endpoint;
use wx_cloudbase_service::AccessToken;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = Endpoint::parse(&text);
    if let Err(issues) = AccessToken::parse(&text) {
        for issue in issues {
            assert!(text.len() < 12 || !issue.message.contains(text.as_ref()));
        }
    }
});
