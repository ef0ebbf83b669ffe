//! The push receiver's conversions: a request's query and raw body in, the parsed event
//! out (its ticket and codes readable but not enumerable, so logging the event shows
//! neither), and the arguments of `decryptPush` / `encryptPush`.

use super::push_error;
use crate::error::Error;
use crate::issue::IssueCode;
use crate::push::{PushError, PushEvent, PushQuery, PushReason, MAX_QUERY_LEN, MAX_XML_LEN};
use crate::wasm::errors::to_js;
use crate::wasm::interop::bounded_string;
use crate::wasm::js;
use crate::wasm::options::Reader;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn format_error(message: &str) -> JsValue {
    push_error(&PushError {
        reason: PushReason::Format,
        message: message.to_owned(),
    })
}

/// `{ query, body }` of `handle`: the query as a string, `URLSearchParams` or record, the
/// body as a string or bytes; both bounded before they are copied.
pub fn request(req: &JsValue) -> Result<(PushQuery, Vec<u8>), JsValue> {
    let mut r = Reader::open(req, "the push request", &["query", "body"], true);
    let query = r.value("query");
    let body = r.value("body");
    r.finish().map_err(|issues| to_js(&Error::config(issues)))?;
    let query = query.ok_or_else(|| format_error("the push request has no query"))?;
    let query = if query.is_string() || (query.is_object() && is_search_params(&query)) {
        let text = if query.is_string() {
            query
        } else {
            js::call_method(&query, "toString", &[])
                .map_err(|_| format_error("the query cannot be read"))?
        };
        match bounded_string(&text, MAX_QUERY_LEN) {
            Some(Ok(text)) => PushQuery::parse(&text).map_err(|e| push_error(&e))?,
            _ => return Err(format_error("the query string is too long or not text")),
        }
    } else if query.is_object() {
        let mut pairs = Vec::new();
        for key in js::keys(&query).map_err(|_| format_error("the query cannot be read"))? {
            let value = js::get(&query, &key).ok();
            match value
                .as_ref()
                .and_then(|v| bounded_string(v, MAX_QUERY_LEN))
            {
                Some(Ok(text)) => pairs.push((key, text)),
                Some(Err(_)) => return Err(format_error("a query value is too long")),
                None => {}
            }
        }
        PushQuery::from_pairs(pairs).map_err(|e| push_error(&e))?
    } else {
        return Err(format_error(
            "the push query must be the query string, a URLSearchParams or a record",
        ));
    };
    let body = body.ok_or_else(|| format_error("the push request has no body"))?;
    let bytes = if let Some(bytes) = body.dyn_ref::<js_sys::Uint8Array>() {
        if bytes.length() as usize > MAX_XML_LEN {
            return Err(format_error("the body is larger than any push"));
        }
        bytes.to_vec()
    } else {
        match bounded_string(&body, MAX_XML_LEN) {
            Some(Ok(text)) => text.into_bytes(),
            Some(Err(_)) => return Err(format_error("the body is larger than any push")),
            None => {
                return Err(format_error(
                    "the push body must be the raw body: a string or a Uint8Array",
                ))
            }
        }
    };
    Ok((query, bytes))
}

/// A `URLSearchParams` (or anything like it): it has a `get` method, which a plain record
/// of the query's values has not.
fn is_search_params(value: &JsValue) -> bool {
    js::get(value, "get").is_ok_and(|f| f.is_function())
}

/// Field names whose values are credentials: readable, never enumerable.
fn is_secret_field(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    ["code", "ticket", "secret", "token", "password"]
        .iter()
        .any(|word| lower.contains(word))
}

pub fn event_to_js(event: &PushEvent) -> JsValue {
    let mut entries = vec![
        ("infoType", JsValue::from_str(&event.info_type)),
        ("appId", JsValue::from_str(&event.app_id)),
        ("createTime", (event.create_time as f64).into()),
    ];
    if let Some(appid) = &event.authorizer_appid {
        entries.push(("authorizerAppid", JsValue::from_str(appid)));
    }
    if let Some(at) = event.authorization_code_expired_time {
        entries.push(("authorizationCodeExpiredTime", (at as f64).into()));
    }
    let out = js::object(&entries);
    for (key, value) in [
        ("componentVerifyTicket", &event.component_verify_ticket),
        ("authorizationCode", &event.authorization_code),
        ("preAuthCode", &event.pre_auth_code),
    ] {
        if let Some(secret) = value {
            js::define_hidden(&out, key, &JsValue::from_str(secret.expose()));
        }
    }
    let fields = js_sys::Object::new();
    for (name, value) in &event.fields {
        if is_secret_field(name) {
            js::define_hidden(&fields, name, &JsValue::from_str(value));
        } else {
            js::define(&fields, name, &JsValue::from_str(value));
        }
    }
    js::define(&out, "fields", &fields);
    out.into()
}

fn text(r: &mut Reader<'_>, key: &'static str, max: usize) -> Option<String> {
    r.required_string(key, max)
}

/// `{ msgSignature, timestamp, nonce, encrypt }` of `decryptPush`.
pub fn encrypted(msg: &JsValue) -> Result<(PushQuery, String), JsValue> {
    let mut r = Reader::open(
        msg,
        "the push",
        &["msgSignature", "timestamp", "nonce", "encrypt"],
        true,
    );
    let signature = text(&mut r, "msgSignature", 64);
    let timestamp = text(&mut r, "timestamp", 64);
    let nonce = text(&mut r, "nonce", 256);
    let encrypt = text(&mut r, "encrypt", MAX_XML_LEN);
    r.finish().map_err(|issues| to_js(&Error::config(issues)))?;
    let (Some(msg_signature), Some(timestamp), Some(nonce), Some(encrypt)) =
        (signature, timestamp, nonce, encrypt)
    else {
        return Err(to_js(&Error::config(Vec::new())));
    };
    Ok((
        PushQuery {
            timestamp,
            nonce,
            msg_signature,
            encrypt_type: Some("aes".into()),
        },
        encrypt,
    ))
}

/// What `encryptPush` encrypts, with fresh defaults.
pub struct Plain {
    pub message: String,
    pub timestamp: String,
    pub nonce: String,
    pub random: [u8; 16],
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = crypto, js_name = getRandomValues)]
    fn get_random_values(buffer: &js_sys::Uint8Array) -> Result<JsValue, JsValue>;
}

/// 16 random alphanumeric characters, as WeChat's samples use.
fn random16() -> [u8; 16] {
    const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let buffer = js_sys::Uint8Array::new_with_length(16);
    let bytes = match get_random_values(&buffer) {
        Ok(_) => buffer.to_vec(),
        Err(_) => (0..16).map(|_| (js::random() * 256.0) as u8).collect(),
    };
    let mut out = [b'A'; 16];
    for (slot, b) in out.iter_mut().zip(bytes) {
        *slot = ALNUM
            .get(usize::from(b) % ALNUM.len())
            .copied()
            .unwrap_or(b'A');
    }
    out
}

pub fn plain(msg: &JsValue) -> Result<Plain, JsValue> {
    let mut r = Reader::open(
        msg,
        "the push message",
        &["message", "timestamp", "nonce", "random"],
        true,
    );
    let message = r.required_string("message", MAX_XML_LEN);
    let timestamp = r.string("timestamp", 64);
    let nonce = r.string("nonce", 256);
    let random = r.string("random", 64);
    let random = match random {
        None => Some(random16()),
        Some(text) => match <[u8; 16]>::try_from(text.as_bytes()) {
            Ok(bytes) => Some(bytes),
            Err(_) => {
                r.issue(crate::issue::Issue::error(
                    "random",
                    IssueCode::Type,
                    "random must be 16 ASCII characters",
                ));
                None
            }
        },
    };
    r.finish().map_err(|issues| to_js(&Error::config(issues)))?;
    let (Some(message), Some(random)) = (message, random) else {
        return Err(to_js(&Error::config(Vec::new())));
    };
    let now = (js::now_ms() / 1000.0).floor() as u64;
    let nonce = nonce.unwrap_or_else(|| {
        let digits = random16();
        digits
            .iter()
            .map(|b| char::from(b'0' + b % 10))
            .take(10)
            .collect()
    });
    Ok(Plain {
        message,
        timestamp: timestamp.unwrap_or_else(|| now.to_string()),
        nonce,
        random,
    })
}
