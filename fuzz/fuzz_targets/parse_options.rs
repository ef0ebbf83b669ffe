//! Base URLs and access tokens are parsed by hand; any text must give a value or issues,
//! and no issue may quote the token (a marker around the fuzzed text must never show up).
#![no_main]

use libfuzzer_sys::fuzz_target;
use wx_cloudbase_service::base_url::BaseUrl;
use wx_cloudbase_service::AccessToken;

const MARKER: &str = "Zq7MARKER";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = BaseUrl::parse(&text);
    let _ = BaseUrl::parse_allowing(&text, &[text.to_string()]);
    for token in [format!("{text}{MARKER}"), format!("{MARKER}{text}")] {
        if let Err(issues) = AccessToken::parse(&token) {
            for issue in issues {
                assert!(!issue.message.contains(MARKER), "{}", issue.message);
            }
        }
    }
});
