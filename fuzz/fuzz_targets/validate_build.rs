//! Any bytes, as the body of any call of the family (the first byte picks the call), go
//! through the engine under every rule set; a body that passes must build a request whose
//! body checks again to itself (the canonical body is a fixed point) with no error, and
//! whose curl command masks the token and every secret the engine found.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wx_cloudbase_service::base_url::BaseUrl;
use wx_cloudbase_service::calls::CALLS;
use wx_cloudbase_service::engine::{check, Rules};
use wx_cloudbase_service::request::{build_request, to_curl};
use wx_cloudbase_service::AccessToken;

const TOKEN: &str = "FUZZTOKEN0123456789";

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Some(call) = CALLS.get(usize::from(pick) % CALLS.len()) else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let Ok(token) = AccessToken::parse(TOKEN) else {
        return;
    };
    let Ok(base) = BaseUrl::parse("https://api.weixin.qq.com") else {
        return;
    };
    for (strict, allow_unknown_keys) in [(false, false), (true, false), (false, true)] {
        let rules = Rules { strict, allow_unknown_keys };
        let checked = check(call, &text, &rules);
        assert_eq!(checked.body.is_some(), checked.report.ok);
        let Some(body) = checked.body_text(&text) else {
            continue;
        };
        let again = check(call, body, &rules);
        assert!(again.report.ok, "{}: the canonical body fails: {body}", call.name);
        assert_eq!(again.body_text(body), Some(body), "{}: not a fixed point", call.name);
        let http = build_request(call, body.to_owned(), &token, &base);
        let curl = to_curl(&http, false);
        assert!(!curl.contains(TOKEN));
        for secret in checked.secrets.iter().filter(|s| s.len() >= 4) {
            assert!(!curl.contains(secret.as_str()), "{}: curl shows a secret", call.name);
        }
    }
});
