#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Properties of the push crypto and parsers: encryption round-trips for any key, appid,
//! random and message; any input is an error, never a panic, and no error carries the Token
//! or the key; the signature does not depend on the order of its four fields.

use proptest::prelude::*;
use wx_cloudbase_service::push::{
    decrypt, encrypt, open, parse_envelope, parse_event, signature, verify_signature, AesKey,
    PushError, PushKeys, PushQuery,
};

const TOKEN: &str = "PropTestToken42";
const KEY: &str = "PropTestKeyPropTestKeyPropTestKeyPropTestKe";
const APPID: &str = "wx134c8103faa5a59e";

fn keys() -> PushKeys {
    PushKeys::new(
        TOKEN,
        KEY,
        Some("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
        APPID,
    )
    .unwrap()
}

fn assert_clean(err: &PushError) {
    let text = format!("{err} {err:?}");
    assert!(!text.contains(TOKEN) && !text.contains(KEY), "{text}");
}

/// Fragments that make generated documents look like pushes often enough to reach the
/// interesting branches (CDATA, references, DTDs, nesting, the secrets themselves).
fn xmlish() -> impl Strategy<Value = String> {
    let fragments = prop::sample::select(vec![
        "<xml>",
        "</xml>",
        "<Encrypt>",
        "</Encrypt>",
        "<AppId>",
        "</AppId>",
        "<InfoType>",
        "</InfoType>",
        "<CreateTime>",
        "</CreateTime>",
        "<info>",
        "</info>",
        "<a/>",
        "<![CDATA[",
        "]]>",
        "&amp;",
        "&#x41;",
        "&#0;",
        "&x;",
        "<!DOCTYPE x [<!ENTITY x \"y\">]>",
        "<?xml?>",
        "<!-- c -->",
        "\n",
        "1",
        "component_verify_ticket",
        "authorized",
        TOKEN,
        KEY,
        "<",
        ">",
        "&",
        "\u{fffd}",
    ]);
    prop::collection::vec(fragments, 0..48).prop_map(|parts| parts.concat())
}

fn key_text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9]{43}"
}

proptest! {
    #[test]
    fn encrypt_then_decrypt_round_trips(
        key in key_text(),
        app_id in any::<String>(),
        message in any::<String>(),
        random in any::<[u8; 16]>(),
    ) {
        let key = AesKey::parse(&key).unwrap();
        let encrypted = encrypt(&key, &app_id, &message, &random).unwrap();
        prop_assert_eq!(decrypt(&key, &app_id, &encrypted).unwrap(), message);
    }

    #[test]
    fn any_encrypt_text_is_an_error(text in any::<String>(), bytes in any::<Vec<u8>>()) {
        let key = AesKey::parse(KEY).unwrap();
        let as_base64 = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &bytes);
        for encrypt in [text, String::from_utf8_lossy(&bytes).into_owned(), as_base64] {
            let err = decrypt(&key, APPID, &encrypt).unwrap_err();
            assert_clean(&err);
        }
    }

    #[test]
    fn any_body_is_an_error(bytes in any::<Vec<u8>>(), xml in xmlish()) {
        let query = PushQuery::from_pairs([
            ("timestamp", "1"), ("nonce", "2"), ("msg_signature", &"0".repeat(40)),
        ]).unwrap();
        for body in [bytes, xml.clone().into_bytes()] {
            if let Err(err) = parse_envelope(&body) {
                assert_clean(&err);
            }
            assert_clean(&open(&keys(), &query, &body).unwrap_err());
        }
        if let Err(err) = parse_event(&xml) {
            assert_clean(&err);
        }
    }

    #[test]
    fn signed_garbage_is_still_an_error(encrypt in "[A-Za-z0-9+/]{0,200}={0,2}", xml in xmlish()) {
        // A valid signature gets past the first check: decryption must then refuse.
        let msg_signature = signature(TOKEN, "1", "2", &encrypt);
        let query = PushQuery::from_pairs([
            ("timestamp", "1"), ("nonce", "2"), ("msg_signature", msg_signature.as_str()),
        ]).unwrap();
        let body = format!("<xml><Encrypt><![CDATA[{encrypt}]]></Encrypt>{xml}</xml>");
        if let Err(err) = open(&keys(), &query, body.as_bytes()) {
            assert_clean(&err);
        }
    }

    #[test]
    fn any_query_is_parsed_or_refused(query in any::<String>(), bytes in any::<Vec<u8>>()) {
        for query in [query, String::from_utf8_lossy(&bytes).into_owned()] {
            match PushQuery::parse(&query) {
                Ok(parsed) => assert_clean(&open(&keys(), &parsed, b"<xml><Encrypt>A</Encrypt></xml>").unwrap_err()),
                Err(err) => assert_clean(&err),
            }
        }
    }

    #[test]
    fn signature_ignores_field_order(
        fields in prop::array::uniform4(any::<String>()),
        order in Just([0usize, 1, 2, 3]).prop_shuffle(),
    ) {
        let [a, b, c, d] = &fields;
        let expected = signature(a, b, c, d);
        let shuffled = order.map(|i| fields[i].as_str());
        prop_assert_eq!(signature(shuffled[0], shuffled[1], shuffled[2], shuffled[3]), expected.clone());
        prop_assert!(verify_signature(a, b, c, d, &expected));
        prop_assert_eq!(expected.len(), 40);
    }

    #[test]
    fn any_key_text_is_parsed_or_refused(text in any::<String>(), keyish in "[A-Za-z0-9+/=]{12,60}") {
        for text in [text, keyish] {
            match AesKey::parse(&text) {
                Ok(_) => prop_assert!(text.len() == 43 && text.bytes().all(|b| b.is_ascii_alphanumeric())),
                // Short strings can occur in any sentence; a key-sized one must not be echoed.
                Err(err) => prop_assert!(text.len() < 12 || !err.message.contains(&text)),
            }
        }
    }
}
