#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Push crypto and parsing against the published vectors of api/push.md, and every refusal
//! the receiver makes.

use aes::cipher::array::Array;
use aes::cipher::{BlockModeEncrypt, KeyIvInit};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha1::{Digest, Sha1};
use wx_cloudbase_service::push::{
    decrypt, encrypt, open, parse_envelope, parse_event, reply_envelope, signature,
    verify_signature, AesKey, PushError, PushEvent, PushKeys, PushQuery, PushReason, MAX_XML_LEN,
};

// The official vector of WeChat's third-party message-push doc.
const TOKEN: &str = "AAAAA";
const KEY: &str = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
const APPID: &str = "wx134c8103faa5a59e";
const TIMESTAMP: &str = "1715943329";
const NONCE: &str = "1590219412";
const PLAIN_SIGNATURE: &str = "cc0c594499c1634947d5b502f158ee518947db27";
const MSG_SIGNATURE: &str = "6c12a4205838198b8fa631b3220723bb07f1015c";
const ENCRYPT: &str = "D7yzvUNAL930rd28wf21s4hvXhz0L6Uit/p2Di6C5DHyYGpEgdBRnKjBec34JwoQXicwaZC7fOVihW80F4VtsdvE//1vr7oAbqjDv8KenVp+ajKYpJnyQ4zMRhIC+a31fCVOMC03FfzV/QuC94kBP55a+Za3sJgvAn+ZbsNqZI5DkyuzkhQN8OBqCzFhizGmy0xpM0MEA4agpvE+RuNO1rhHTtuJB5yltw1FiYzecSXJ+y/D2r81VkRn2eYjh2ltsoyfbDR7Is6ookXIFxTfyeNyeHxMeT4KN5WpCDmSbTcUYrbBUlkGLJ9n/rU8YOywma6G7aTb7KZKOqCxgfoUlYEZPk4FUL/TK7ShriFDMVCLyjQJ15Ob++agDWtcxhfUfe6HIoIpRW8mKNBQiY/Jd1svvuskA1wLef1RTtzKfMpagSCX/laZINmdnX4zrF6kIaR9P4xQrWXbsTFHTYe0Mg==";
const RANDOM: &[u8; 16] = b"1205899eaf019bbd";
const MESSAGE: &str = "<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>\n<FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>\n<CreateTime>1715943329</CreateTime>\n<MsgType><![CDATA[event]]></MsgType>\n<Event><![CDATA[debug_demo]]></Event>\n<debug_str><![CDATA[hello world]]></debug_str>\n</xml>";
const REPLY: &str = "<xml><demo_resp>[CDATA[good luck]]</demo_resp></xml>";
const REPLY_RANDOM: &[u8; 16] = b"999951349e8ee746";
const REPLY_ENCRYPT: &str = "hE8R6mGXHkJJjU72KxzKUd1GEkKJaEZq7vRL8XgK3o+00k8JGq6+pZJUIlTSyhsX+bxIBQ72g3GyvDdIZcr6+3HAZbSvPT9t/o11MI7d6WELwqrGd7jMnV0zv3Zc9Nq7";
const REPLY_TIMESTAMP: &str = "1713424427";
const REPLY_NONCE: &str = "415670741";
const REPLY_SIGNATURE: &str = "03e0812039325c2712ef5f0f980fd14c70d6e307";

// The official-account Java sample: a key whose last character has its spare bits set.
const JAVA_KEY: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const JAVA_APPID: &str = "wxb11529c136998cb6";
const JAVA_MESSAGE: &str = "我是中文abcd123";
const JAVA_ENCRYPT: &str =
    "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";

const OTHER_KEY: &str = "0123456789abcdefghijABCDEFGHIJklmnopqrstuvw";

fn key(s: &str) -> AesKey {
    AesKey::parse(s).unwrap()
}

fn keys() -> PushKeys {
    PushKeys::new(TOKEN, KEY, None, APPID).unwrap()
}

fn sha1_hex(data: &str) -> String {
    Sha1::digest(data.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A push as WeChat would send it: `message` encrypted under `keys`' current key.
fn seal(keys: &PushKeys, message: &str) -> (PushQuery, Vec<u8>) {
    let encrypt = encrypt(keys.key(), keys.app_id(), message, RANDOM).unwrap();
    let query = PushQuery {
        timestamp: TIMESTAMP.into(),
        nonce: NONCE.into(),
        msg_signature: signature(keys.token().expose(), TIMESTAMP, NONCE, &encrypt),
        encrypt_type: Some("aes".into()),
    };
    let body = format!(
        "<xml><AppId><![CDATA[{APPID}]]></AppId><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
    );
    (query, body.into_bytes())
}

fn reason<T: std::fmt::Debug>(result: Result<T, PushError>) -> PushReason {
    result.unwrap_err().reason
}

/// Encrypts a raw plaintext without any padding, to build ciphertexts our encoder never makes.
fn raw_encrypt(plain: &[u8]) -> String {
    let mut buf = plain.to_vec();
    let (blocks, rest) = Array::slice_as_chunks_mut(&mut buf);
    assert!(rest.is_empty());
    cbc::Encryptor::<aes::Aes256>::new(&[0u8; 32].into(), &[0u8; 16].into()).encrypt_blocks(blocks);
    STANDARD.encode(&buf)
}

/// `random ‖ len ‖ message ‖ appid` followed by `padding` as given.
fn plaintext(message: &[u8], len: u32, padding: &[u8]) -> Vec<u8> {
    let mut plain = RANDOM.to_vec();
    plain.extend_from_slice(&len.to_be_bytes());
    plain.extend_from_slice(message);
    plain.extend_from_slice(APPID.as_bytes());
    plain.extend_from_slice(padding);
    plain
}

#[test]
fn official_vector_decrypts_to_the_exact_message() {
    let message = decrypt(&key(KEY), APPID, ENCRYPT).unwrap();
    assert_eq!(message, MESSAGE);
    assert_eq!(message.len(), 292);
    assert_eq!(message.matches('\n').count(), 6);
    // 352 bytes = 16 random + 4 length + 292 message + 18 appid + 22 pad bytes.
    assert_eq!(STANDARD.decode(ENCRYPT).unwrap().len(), 352);
    assert_eq!(16 + 4 + 292 + APPID.len() + 22, 352);
    // The same random, length, appid and padding give back the same ciphertext.
    assert_eq!(encrypt(&key(KEY), APPID, MESSAGE, RANDOM).unwrap(), ENCRYPT);
}

#[test]
fn official_vector_signatures() {
    assert_eq!(signature(TOKEN, TIMESTAMP, NONCE, ENCRYPT), MSG_SIGNATURE);
    assert!(verify_signature(
        TOKEN,
        TIMESTAMP,
        NONCE,
        ENCRYPT,
        MSG_SIGNATURE
    ));
    // The query's `signature` is the 3-field form (no Encrypt): it is not msg_signature.
    let mut three = [TOKEN, TIMESTAMP, NONCE];
    three.sort_unstable();
    assert_eq!(sha1_hex(&three.concat()), PLAIN_SIGNATURE);
    assert!(!verify_signature(
        TOKEN,
        TIMESTAMP,
        NONCE,
        ENCRYPT,
        PLAIN_SIGNATURE
    ));
}

#[test]
fn official_vector_through_open_fails_only_on_the_missing_info_type() {
    // A message-URL push: signature and decryption pass; it has MsgType, not InfoType.
    let query = PushQuery::parse(&format!(
        "signature={PLAIN_SIGNATURE}&timestamp={TIMESTAMP}&nonce={NONCE}&openid=o9AgO5Kd5ggOC-bXrbNODIiE3bGY&encrypt_type=aes&msg_signature={MSG_SIGNATURE}"
    ))
    .unwrap();
    let body = format!("<xml>\n<ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>\n<Encrypt><![CDATA[{ENCRYPT}]]></Encrypt>\n</xml>");
    let err = open(&keys(), &query, body.as_bytes()).unwrap_err();
    assert_eq!(err.reason, PushReason::Format);
    assert!(err.message.contains("MsgType"), "{err}");
}

#[test]
fn official_reply_vector() {
    assert_eq!(REPLY.len(), 52);
    let encrypt = encrypt(&key(KEY), APPID, REPLY, REPLY_RANDOM).unwrap();
    assert_eq!(encrypt, REPLY_ENCRYPT);
    assert_eq!(
        signature(TOKEN, REPLY_TIMESTAMP, REPLY_NONCE, &encrypt),
        REPLY_SIGNATURE
    );
    let xml = reply_envelope(&keys(), REPLY, REPLY_TIMESTAMP, REPLY_NONCE, REPLY_RANDOM).unwrap();
    assert!(xml.starts_with("<xml>") && xml.ends_with("</xml>"));
    assert_eq!(
        parse_envelope(xml.as_bytes()).unwrap().encrypt,
        REPLY_ENCRYPT
    );
    for part in [
        format!("<MsgSignature><![CDATA[{REPLY_SIGNATURE}]]></MsgSignature>"),
        format!("<TimeStamp>{REPLY_TIMESTAMP}</TimeStamp>"),
        format!("<Nonce>{REPLY_NONCE}</Nonce>"),
    ] {
        assert!(xml.contains(&part), "{xml}");
    }
    assert_eq!(decrypt(&key(KEY), APPID, REPLY_ENCRYPT).unwrap(), REPLY);
}

#[test]
fn reply_envelope_escapes_caller_values() {
    let xml = reply_envelope(&keys(), REPLY, "1<2", "]]>&", REPLY_RANDOM).unwrap();
    assert!(xml.contains("<TimeStamp>1&lt;2</TimeStamp>"), "{xml}");
    assert!(xml.contains("<Nonce>]]&gt;&amp;</Nonce>"), "{xml}");
}

#[test]
fn java_sample_vector_with_a_non_canonical_key() {
    // The strict engine refuses this key; the receiver must not.
    assert!(STANDARD.decode(format!("{JAVA_KEY}=")).is_err());
    let k = key(JAVA_KEY);
    assert_eq!(JAVA_MESSAGE.len(), 19);
    assert_eq!(
        encrypt(&k, JAVA_APPID, JAVA_MESSAGE, b"aaaabbbbccccdddd").unwrap(),
        JAVA_ENCRYPT
    );
    assert_eq!(decrypt(&k, JAVA_APPID, JAVA_ENCRYPT).unwrap(), JAVA_MESSAGE);
}

#[test]
fn signature_sorts_byte_wise() {
    // Byte order: "10" < "9" < "A" < "b"; numeric order would put 9 first, a
    // case-insensitive one would put "A" and "b" differently relative to digits' neighbours.
    assert_eq!(signature("b", "10", "9", "A"), sha1_hex("109Ab"));
    assert_eq!(signature("A", "9", "b", "10"), sha1_hex("109Ab"));
    assert_ne!(signature("b", "10", "9", "A"), sha1_hex("910Ab"));
}

#[test]
fn signature_comparison_is_exact() {
    let good = signature(TOKEN, TIMESTAMP, NONCE, ENCRYPT);
    assert!(!verify_signature(
        TOKEN,
        TIMESTAMP,
        NONCE,
        ENCRYPT,
        &good.to_uppercase()
    ));
    assert!(!verify_signature(
        TOKEN,
        TIMESTAMP,
        NONCE,
        ENCRYPT,
        &good[..39]
    ));
    assert!(!verify_signature(
        TOKEN,
        TIMESTAMP,
        NONCE,
        &format!(" {ENCRYPT}"),
        &good
    ));
    assert!(!verify_signature(TOKEN, TIMESTAMP, NONCE, ENCRYPT, ""));
}

#[test]
fn encoding_aes_key_is_checked() {
    for bad in [
        "",
        &KEY[..42],
        &format!("{KEY}A"),
        &format!("{KEY}="),
        &format!("{}+", &KEY[..42]),
    ] {
        let err = AesKey::parse(bad).unwrap_err();
        assert_eq!(err.reason, PushReason::Config);
        assert!(bad.is_empty() || !err.message.contains(bad), "{err}");
    }
    assert_eq!(format!("{:?}", key(KEY)), "AesKey(***)");
}

#[test]
fn push_keys_are_checked_and_hidden() {
    assert_eq!(
        reason(PushKeys::new("", KEY, None, APPID)),
        PushReason::Config
    );
    assert_eq!(
        reason(PushKeys::new("tok\n", KEY, None, APPID)),
        PushReason::Config
    );
    assert_eq!(
        reason(PushKeys::new(TOKEN, KEY, None, "")),
        PushReason::Config
    );
    let err = PushKeys::new(TOKEN, KEY, Some("short"), APPID).unwrap_err();
    assert!(err.message.contains("previousEncodingAesKey"), "{err}");
    let debug = format!(
        "{:?}",
        PushKeys::new("s3cr3t-token", KEY, Some(OTHER_KEY), APPID).unwrap()
    );
    assert!(!debug.contains("s3cr3t") && !debug.contains(KEY) && !debug.contains(OTHER_KEY));
    assert!(debug.contains(APPID), "{debug}");
}

#[test]
fn open_accepts_a_sealed_ticket() {
    let message = "<xml><AppId><![CDATA[wx134c8103faa5a59e]]></AppId>\n<CreateTime>1413192605</CreateTime>\n<InfoType><![CDATA[component_verify_ticket]]></InfoType>\n<ComponentVerifyTicket><![CDATA[ticket@@@lEHjsBEi_TPDey0IZxw4Zbb7JRYLOtEf9ksvDpSwzkwog3R6xEpdaK0yIee7JOyOXM0V7cp0dpM58GKmb8FnKA]]></ComponentVerifyTicket>\n</xml>";
    let (query, body) = seal(&keys(), message);
    let event = open(&keys(), &query, &body).unwrap();
    assert_eq!(event.info_type, "component_verify_ticket");
    assert_eq!(event.app_id, APPID);
    assert_eq!(event.create_time, 1_413_192_605);
    let ticket = event.component_verify_ticket.as_ref().unwrap().expose();
    assert!(ticket.starts_with("ticket@@@lEHj") && ticket.ends_with("FnKA"));
    assert!(event.fields.is_empty());
    let debug = format!("{event:?}");
    assert!(!debug.contains("ticket@@@"), "{debug}");
}

#[test]
fn open_refuses_a_tampered_signature() {
    let (mut query, body) = seal(&keys(), MESSAGE);
    let last = query.msg_signature.pop().unwrap();
    query
        .msg_signature
        .push(if last == '0' { '1' } else { '0' });
    assert_eq!(reason(open(&keys(), &query, &body)), PushReason::Signature);
    query.msg_signature = query.msg_signature.to_uppercase();
    assert_eq!(reason(open(&keys(), &query, &body)), PushReason::Signature);
    let other_token = PushKeys::new("BBBBB", KEY, None, APPID).unwrap();
    let (query, body) = seal(&keys(), MESSAGE);
    assert_eq!(
        reason(open(&other_token, &query, &body)),
        PushReason::Signature
    );
}

#[test]
fn open_refuses_a_wrong_appid() {
    let other = PushKeys::new(TOKEN, KEY, None, "wx0000000000000000").unwrap();
    // The envelope's AppId is checked first ...
    let (query, body) = seal(&keys(), MESSAGE);
    assert_eq!(reason(open(&other, &query, &body)), PushReason::AppId);
    // ... and the appid inside the ciphertext, which is the one that counts, always.
    let body = String::from_utf8(body).unwrap().replace(
        &format!("<AppId><![CDATA[{APPID}]]></AppId>"),
        "<ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>",
    );
    assert_eq!(
        reason(open(&other, &query, body.as_bytes())),
        PushReason::AppId
    );
    assert_eq!(
        reason(decrypt(&key(KEY), "wx134c8103faa5a59", ENCRYPT)),
        PushReason::AppId
    );
    assert_eq!(
        reason(decrypt(&key(KEY), "wx134c8103faa5a59e0", ENCRYPT)),
        PushReason::AppId
    );
}

#[test]
fn bad_padding_is_a_decrypt_error() {
    let message = b"<xml/>";
    let used = 20 + message.len() + APPID.len();
    let fill = 64 - used; // two 32-byte blocks
    for last in [0u8, 33, 255] {
        let encrypt = raw_encrypt(&plaintext(message, 6, &vec![last; fill]));
        assert_eq!(
            reason(decrypt(&key(KEY), APPID, &encrypt)),
            PushReason::Decrypt,
            "pad {last}"
        );
    }
    // Pad bytes that disagree with the last one.
    let fill_u8 = u8::try_from(fill).unwrap();
    let mut padding = vec![fill_u8; fill];
    padding[0] = fill_u8 + 1;
    let encrypt = raw_encrypt(&plaintext(message, 6, &padding));
    assert_eq!(
        reason(decrypt(&key(KEY), APPID, &encrypt)),
        PushReason::Decrypt
    );
    // The same plaintext correctly padded decrypts: the cases above fail only on padding.
    let encrypt = raw_encrypt(&plaintext(message, 6, &vec![fill_u8; fill]));
    assert_eq!(decrypt(&key(KEY), APPID, &encrypt).unwrap(), "<xml/>");
}

#[test]
fn pad_bytes_above_sixteen_are_accepted() {
    // 16 + 4 + 2 + 18 = 40 bytes: 24 pad bytes, which a 16-byte unpadder refuses.
    let short = encrypt(&key(KEY), APPID, "ok", RANDOM).unwrap();
    assert_eq!(STANDARD.decode(&short).unwrap().len(), 64);
    assert_eq!(decrypt(&key(KEY), APPID, &short).unwrap(), "ok");
    // A message that fills the block exactly gets a whole block of 32 pad bytes.
    let exact = "x".repeat(64 - 20 - APPID.len());
    let full = encrypt(&key(KEY), APPID, &exact, RANDOM).unwrap();
    assert_eq!(STANDARD.decode(&full).unwrap().len(), 96);
    assert_eq!(decrypt(&key(KEY), APPID, &full).unwrap(), exact);
}

#[test]
fn length_field_is_checked_before_slicing() {
    let message = b"<xml/>";
    for len in [u32::MAX, 6 + 19, 1 << 20] {
        let used = 20 + message.len() + APPID.len();
        let pad = 64 - used;
        let encrypt = raw_encrypt(&plaintext(
            message,
            len,
            &vec![u8::try_from(pad).unwrap(); pad],
        ));
        assert_eq!(
            reason(decrypt(&key(KEY), APPID, &encrypt)),
            PushReason::Decrypt,
            "len {len}"
        );
    }
    // Shorter than the header once unpadded.
    let encrypt = raw_encrypt(&[16u8; 32]);
    assert_eq!(
        reason(decrypt(&key(KEY), APPID, &encrypt)),
        PushReason::Decrypt
    );
}

#[test]
fn malformed_ciphertexts_are_decrypt_errors() {
    for bad in [
        "",
        "not base64!",
        "AAAA",
        &STANDARD.encode([0u8; 15]),
        &format!(" {ENCRYPT}"),
        &ENCRYPT[..ENCRYPT.len() - 4],
    ] {
        assert_eq!(
            reason(decrypt(&key(KEY), APPID, bad)),
            PushReason::Decrypt,
            "{bad:?}"
        );
    }
    assert_eq!(
        reason(decrypt(&key(OTHER_KEY), APPID, ENCRYPT)),
        PushReason::Decrypt
    );
}

#[test]
fn previous_key_is_tried_after_the_current_one() {
    let message = "<xml><AppId>wx134c8103faa5a59e</AppId><CreateTime>1</CreateTime><InfoType>unauthorized</InfoType><AuthorizerAppid>wxauthorizer</AuthorizerAppid></xml>";
    let old = keys();
    let (query, body) = seal(&old, message);
    let rotated = PushKeys::new(TOKEN, OTHER_KEY, Some(KEY), APPID).unwrap();
    assert_eq!(
        open(&rotated, &query, &body).unwrap().info_type,
        "unauthorized"
    );
    let forgotten = PushKeys::new(TOKEN, OTHER_KEY, None, APPID).unwrap();
    assert_eq!(reason(open(&forgotten, &query, &body)), PushReason::Decrypt);
    let wrong_both = PushKeys::new(TOKEN, OTHER_KEY, Some(JAVA_KEY), APPID).unwrap();
    let err = open(&wrong_both, &query, &body).unwrap_err();
    assert_eq!(err.reason, PushReason::Decrypt);
    assert!(err.message.contains("previous"), "{err}");
    // The current key still wins when both are configured.
    let (query, body) = seal(&rotated, message);
    assert_eq!(open(&rotated, &query, &body).unwrap().app_id, APPID);
}

#[test]
fn dtds_and_entities_are_refused() {
    let bodies = [
        "<!DOCTYPE xml [<!ENTITY x \"AAAA\">]><xml><Encrypt>&x;</Encrypt></xml>",
        "<?xml version=\"1.0\"?><!DOCTYPE xml SYSTEM \"file:///etc/passwd\"><xml><Encrypt>a</Encrypt></xml>",
        "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><xml><Encrypt>&lol2;</Encrypt></xml>",
        "<xml><Encrypt>&x;</Encrypt></xml>",
        "<xml><Encrypt>&#0;</Encrypt></xml>",
    ];
    for body in bodies {
        assert_eq!(
            reason(parse_envelope(body.as_bytes())),
            PushReason::Format,
            "{body}"
        );
        assert_eq!(reason(parse_event(body)), PushReason::Format, "{body}");
    }
    // The predefined entities and character references are plain text.
    let envelope = parse_envelope(b"<xml><Encrypt>a&amp;b&#x41;&#66;</Encrypt></xml>").unwrap();
    assert_eq!(envelope.encrypt, "a&bAB");
}

#[test]
fn oversized_and_deep_bodies_are_refused() {
    let mut body = "<xml><Encrypt>".to_string();
    body.push_str(&"A".repeat(MAX_XML_LEN));
    body.push_str("</Encrypt></xml>");
    let err = parse_envelope(body.as_bytes()).unwrap_err();
    assert_eq!(err.reason, PushReason::Format);
    assert!(!err.message.contains("AAAA"));
    assert_eq!(reason(parse_event(&body)), PushReason::Format);
    let deep = format!("<xml>{}{}</xml>", "<a>".repeat(40), "</a>".repeat(40));
    assert_eq!(reason(parse_event(&deep)), PushReason::Format);
    assert_eq!(reason(parse_envelope(b"\xff<xml/>")), PushReason::Format);
}

#[test]
fn envelope_shape() {
    let envelope = parse_envelope(
        b"<xml>\n  <ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>\n  <Encrypt><![CDATA[ab+/=]]></Encrypt>\n</xml>\n",
    )
    .unwrap();
    assert_eq!(envelope.to_user_name.as_deref(), Some("gh_97417a04a28d"));
    assert_eq!(envelope.app_id, None);
    assert_eq!(envelope.encrypt, "ab+/=");
    // Whitespace inside Encrypt is kept: it is part of what was signed.
    assert_eq!(
        parse_envelope(b"<xml><Encrypt> x\n</Encrypt></xml>")
            .unwrap()
            .encrypt,
        " x\n"
    );
    for bad in [
        "<xml><AppId>wx</AppId></xml>",
        "<xml><Encrypt></Encrypt></xml>",
        "<xml><Encrypt/></xml>",
        "<xml><Encrypt>a</Encrypt><Encrypt>b</Encrypt></xml>",
        "<xml><AppId>a</AppId><AppId>b</AppId><Encrypt>c</Encrypt></xml>",
        "<root><Encrypt>a</Encrypt></root>",
        "<xml><Encrypt>a</Encrypt></xml><xml/>",
        "<xml><Encrypt>a</Encrypt></xml>trailing",
        "<xml><Encrypt>a</Encrypt>",
        "<xml><Encrypt>a</Other></xml>",
        "",
        "Encrypt=abc",
    ] {
        assert_eq!(
            reason(parse_envelope(bad.as_bytes())),
            PushReason::Format,
            "{bad}"
        );
    }
}

#[test]
fn query_parsing() {
    let query = PushQuery::parse(&format!(
        "?signature={PLAIN_SIGNATURE}&timestamp={TIMESTAMP}&nonce=1%2B2+3&encrypt_type=aes&msg_signature={MSG_SIGNATURE}&x"
    ))
    .unwrap();
    assert_eq!(query.timestamp, TIMESTAMP);
    assert_eq!(query.nonce, "1+2 3");
    assert_eq!(query.msg_signature, MSG_SIGNATURE);
    assert_eq!(query.encrypt_type.as_deref(), Some("aes"));
    let pairs = PushQuery::from_pairs([
        ("msg_signature", MSG_SIGNATURE),
        ("timestamp", "1"),
        ("nonce", "2"),
    ])
    .unwrap();
    assert_eq!(pairs.encrypt_type, None);
    let only_plain =
        PushQuery::parse(&format!("signature={PLAIN_SIGNATURE}&timestamp=1&nonce=2")).unwrap_err();
    assert_eq!(only_plain.reason, PushReason::Signature);
    assert!(only_plain.message.contains("`signature`"), "{only_plain}");
    for bad in [
        format!("msg_signature={MSG_SIGNATURE}&timestamp=1"),
        format!("msg_signature={MSG_SIGNATURE}&timestamp=&nonce=2"),
        format!("msg_signature={MSG_SIGNATURE}&timestamp=1&timestamp=2&nonce=2"),
        format!("msg_signature={MSG_SIGNATURE}&timestamp=1&nonce=2&encrypt_type=raw"),
        format!("msg_signature={MSG_SIGNATURE}&timestamp=%FF&nonce=2"),
        "x".repeat(9000),
    ] {
        assert_eq!(reason(PushQuery::parse(&bad)), PushReason::Format, "{bad}");
    }
}

#[test]
fn doc_samples_ending_in_xml_are_refused() {
    // WeChat's own authorized / updateauthorized samples close with <xml>, not </xml>.
    for info_type in ["authorized", "updateauthorized"] {
        let broken = format!("<xml><AppId>wx134c8103faa5a59e</AppId><CreateTime>1413192760</CreateTime><InfoType>{info_type}</InfoType><AuthorizerAppid>wxf8b4f85f3a794e77</AuthorizerAppid><AuthorizationCode>queryauthcode@@@abc</AuthorizationCode><AuthorizationCodeExpiredTime>1413196360</AuthorizationCodeExpiredTime><PreAuthCode>preauthcode@@@xyz</PreAuthCode><xml>");
        let err = parse_event(&broken).unwrap_err();
        assert_eq!(err.reason, PushReason::Format);
        assert!(err.message.contains("</xml>"), "{err}");
        assert!(!err.message.contains("@@@"));
        assert_eq!(
            reason(parse_envelope(broken.as_bytes())),
            PushReason::Format
        );
    }
}

fn event(xml: &str) -> PushEvent {
    parse_event(xml).unwrap()
}

#[test]
fn component_verify_ticket_event() {
    let e = event("<xml>\n<AppId>wx134c8103faa5a59e</AppId>\n<CreateTime>1413192605</CreateTime>\n<InfoType>component_verify_ticket</InfoType>\n<ComponentVerifyTicket>ticket@@@xyz</ComponentVerifyTicket>\n</xml>");
    assert_eq!(e.info_type, "component_verify_ticket");
    assert_eq!(
        e.component_verify_ticket.as_ref().map(|t| t.expose()),
        Some("ticket@@@xyz")
    );
    assert_eq!(reason(parse_event("<xml><AppId>a</AppId><CreateTime>1</CreateTime><InfoType>component_verify_ticket</InfoType></xml>")), PushReason::Format);
}

#[test]
fn authorized_and_updateauthorized_events() {
    for info_type in ["authorized", "updateauthorized"] {
        let e = event(&format!("<xml><AppId><![CDATA[wx134c8103faa5a59e]]></AppId><CreateTime>1413192760</CreateTime><InfoType><![CDATA[{info_type}]]></InfoType><AuthorizerAppid><![CDATA[wxf8b4f85f3a794e77]]></AuthorizerAppid><AuthorizationCode><![CDATA[queryauthcode@@@abc]]></AuthorizationCode><AuthorizationCodeExpiredTime>1413196360</AuthorizationCodeExpiredTime><PreAuthCode><![CDATA[preauthcode@@@xyz]]></PreAuthCode></xml>"));
        assert_eq!(e.info_type, info_type);
        assert_eq!(e.create_time, 1_413_192_760);
        assert_eq!(e.authorizer_appid.as_deref(), Some("wxf8b4f85f3a794e77"));
        assert_eq!(
            e.authorization_code.as_ref().unwrap().expose(),
            "queryauthcode@@@abc"
        );
        assert_eq!(e.authorization_code_expired_time, Some(1_413_196_360));
        assert_eq!(
            e.pre_auth_code.as_ref().unwrap().expose(),
            "preauthcode@@@xyz"
        );
        assert!(e.fields.is_empty());
        let debug = format!("{e:?}");
        assert!(!debug.contains("@@@"), "{debug}");
        let missing = format!("<xml><AppId>a</AppId><CreateTime>1</CreateTime><InfoType>{info_type}</InfoType><AuthorizerAppid>wx</AuthorizerAppid></xml>");
        assert_eq!(reason(parse_event(&missing)), PushReason::Format);
    }
}

#[test]
fn unauthorized_event() {
    let e = event("<xml><AppId>wx134c8103faa5a59e</AppId><CreateTime>1413192760</CreateTime><InfoType>unauthorized</InfoType><AuthorizerAppid>wxf8b4f85f3a794e77</AuthorizerAppid></xml>");
    assert_eq!(e.authorizer_appid.as_deref(), Some("wxf8b4f85f3a794e77"));
    assert!(e.authorization_code.is_none() && e.pre_auth_code.is_none());
    assert_eq!(reason(parse_event("<xml><AppId>a</AppId><CreateTime>1</CreateTime><InfoType>unauthorized</InfoType></xml>")), PushReason::Format);
}

#[test]
fn notify_third_fasteregister_event_flattens_info() {
    let e = event("<xml>\n    <AppId><![CDATA[wx134c8103faa5a59e]]></AppId>\n    <CreateTime>1535442403</CreateTime>\n    <InfoType><![CDATA[notify_third_fasteregister]]></InfoType>\n    <appid>wxa1b2c3d4e5f60708</appid>\n    <status>0</status>\n    <auth_code>auth_code_value</auth_code>\n    <msg>OK</msg>\n    <info>\n    <name><![CDATA[某某科技有限公司]]></name>\n    <code><![CDATA[91440300MA5XXXXXXX]]></code>\n    <code_type>1</code_type>\n    <legal_persona_wechat><![CDATA[legal_wechat]]></legal_persona_wechat>\n    <legal_persona_name><![CDATA[张三]]></legal_persona_name>\n    <component_phone><![CDATA[13800000000]]></component_phone>\n    </info>\n</xml>");
    assert_eq!(e.info_type, "notify_third_fasteregister");
    assert_eq!(e.create_time, 1_535_442_403);
    let get = |k: &str| e.fields.get(k).map(String::as_str);
    assert_eq!(get("appid"), Some("wxa1b2c3d4e5f60708"));
    assert_eq!(get("status"), Some("0"));
    assert_eq!(get("auth_code"), Some("auth_code_value"));
    assert_eq!(get("msg"), Some("OK"));
    assert_eq!(get("info.name"), Some("某某科技有限公司"));
    assert_eq!(get("info.code"), Some("91440300MA5XXXXXXX"));
    assert_eq!(get("info.code_type"), Some("1"));
    assert_eq!(get("info.legal_persona_name"), Some("张三"));
    assert_eq!(get("info.component_phone"), Some("13800000000"));
    assert!(!e.fields.contains_key("info"));
    assert_eq!(e.fields.len(), 10);
    let debug = format!("{e:?}");
    assert!(
        debug.contains("info.name") && !debug.contains("auth_code_value"),
        "{debug}"
    );
}

#[test]
fn unknown_info_types_pass_through() {
    let e = event("<xml><AppId>wx134c8103faa5a59e</AppId><CreateTime>1700000000</CreateTime><InfoType>notify_3rd_wxa_auth</InfoType><taskid>task-1</taskid><appid>wxabc</appid><task_status>1</task_status><item>a</item><item>b</item><item>c</item></xml>");
    assert_eq!(e.info_type, "notify_3rd_wxa_auth");
    assert_eq!(e.fields.get("taskid").map(String::as_str), Some("task-1"));
    assert_eq!(e.fields.get("task_status").map(String::as_str), Some("1"));
    assert_eq!(e.fields.get("item").map(String::as_str), Some("a"));
    assert_eq!(e.fields.get("item#2").map(String::as_str), Some("b"));
    assert_eq!(e.fields.get("item#3").map(String::as_str), Some("c"));
    assert!(e.component_verify_ticket.is_none() && e.authorizer_appid.is_none());
}

#[test]
fn event_envelope_fields_are_checked() {
    for bad in [
        "<xml><CreateTime>1</CreateTime><InfoType>x</InfoType></xml>",
        "<xml><AppId>a</AppId><InfoType>x</InfoType></xml>",
        "<xml><AppId>a</AppId><CreateTime>soon</CreateTime><InfoType>x</InfoType></xml>",
        "<xml><AppId>a</AppId><CreateTime>-1</CreateTime><InfoType>x</InfoType></xml>",
        "<xml><AppId>a</AppId><CreateTime>99999999999999999999999</CreateTime><InfoType>x</InfoType></xml>",
        "<xml><AppId>a</AppId><CreateTime>1</CreateTime><InfoType>x</InfoType><InfoType>y</InfoType></xml>",
        "<xml><AppId>a</AppId><CreateTime>1</CreateTime><InfoType></InfoType></xml>",
        "<xml><AppId>a</AppId><CreateTime>1</CreateTime><InfoType>x</InfoType><AuthorizationCodeExpiredTime>x</AuthorizationCodeExpiredTime></xml>",
    ] {
        assert_eq!(reason(parse_event(bad)), PushReason::Format, "{bad}");
    }
}

#[test]
fn errors_never_carry_secrets() {
    let token = "TOKEN-never-printed";
    let k = PushKeys::new(token, KEY, Some(JAVA_KEY), APPID).unwrap();
    let (query, body) = seal(&keys(), "<xml><AppId>wx134c8103faa5a59e</AppId><CreateTime>1</CreateTime><InfoType>component_verify_ticket</InfoType><ComponentVerifyTicket>ticket@@@secret</ComponentVerifyTicket></xml>");
    let encrypt = parse_envelope(&body).unwrap().encrypt;
    let other = PushKeys::new(TOKEN, OTHER_KEY, None, APPID).unwrap();
    let errors = [
        open(&k, &query, &body).unwrap_err(),
        open(&other, &query, &body).unwrap_err(),
        decrypt(&key(OTHER_KEY), APPID, &encrypt).unwrap_err(),
        decrypt(&key(KEY), "wx0", &encrypt).unwrap_err(),
    ];
    for err in errors {
        let text = format!("{err} {err:?}");
        for secret in [
            token,
            KEY,
            JAVA_KEY,
            OTHER_KEY,
            &encrypt,
            "ticket@@@secret",
            "secret",
        ] {
            assert!(!text.contains(secret), "{text}");
        }
    }
}
