//! Any bytes that parse as JSON go through validate → check → build_request → to_curl; a
//! request that validates must build a body that parses back to the same request.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wx_cloudbase_service::request::{build_request, to_curl, Endpoint};
use wx_cloudbase_service::validate::{check, validate, Options};
use wx_cloudbase_service::{AccessToken, CreateServiceRequest};

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    for strict in [false, true] {
        let opts = Options { strict };
        let report = validate(&value, &opts);
        let checked = check(&value, &opts);
        assert_eq!(report.ok, checked.is_ok());
        if let Ok((request, _)) = checked {
            let token = AccessToken::new("fuzz-token");
            let http = build_request(&request, &token, &Endpoint::default()).unwrap();
            let back: CreateServiceRequest = serde_json::from_str(&http.body).unwrap();
            assert_eq!(back, request);
            let _ = to_curl(&http, false);
        }
    }
});
