//! The push receiver as JS sees it: `PushReceiver` (verify, decrypt and parse a push, keep
//! the latest ticket, in memory and in a shared ticket store), and the one-shot
//! `decryptPush`, `encryptPush` and `pushSignature`. The cryptography is `crate::push`'s;
//! this module only converts values and runs the store calls.

mod convert;
mod tickets;

use super::errors::{to_js, JsFail};
use super::interop::bounded_string;
use super::js;
use super::options::Reader;
use crate::error::Error;
use crate::issue::{Issue, IssueCode};
use crate::options::STORE_TIMEOUT_MS;
use crate::push::{self, PushError, PushKeys, ENCODING_AES_KEY_LEN};
use std::cell::RefCell;
use std::rc::Rc;
use tickets::{Latest, TicketStore};
use wasm_bindgen::prelude::*;

/// Longest Token and component appid accepted (the platform's page allows 32 and 18).
const MAX_SETTING_CHARS: usize = 128;

const KEYS: &[&str] = &[
    "token",
    "encodingAesKey",
    "previousEncodingAesKey",
    "componentAppId",
    "ticketStore",
    "onEvent",
    "onStoreError",
    "storeTimeoutMs",
];

pub(super) fn push_error(e: &PushError) -> JsValue {
    JsFail::push(e.reason.as_str(), e.message.clone()).into_js()
}

struct Inner {
    keys: PushKeys,
    store: Option<TicketStore>,
    on_event: Option<js_sys::Function>,
    on_store_error: Option<js_sys::Function>,
    store_timeout_ms: f64,
    latest: RefCell<Option<Latest>>,
}

/// Receives WeChat's authorisation-event pushes (`component_verify_ticket` every 10
/// minutes, authorisation changes): verifies the signature, decrypts, parses, and keeps the
/// latest ticket for a `ComponentTokenManager` (`getVerifyTicket: () =>
/// receiver.latestTicket()`). Share a `ticketStore` so every process sees the ticket that
/// reached one of them.
#[wasm_bindgen]
pub struct PushReceiver {
    inner: Rc<Inner>,
}

fn keys_of(r: &mut Reader<'_>) -> Option<PushKeys> {
    let token = r.required_string("token", MAX_SETTING_CHARS);
    let key = r.required_string("encodingAesKey", ENCODING_AES_KEY_LEN + 8);
    let previous = r.string("previousEncodingAesKey", ENCODING_AES_KEY_LEN + 8);
    let app_id = r.required_string("componentAppId", MAX_SETTING_CHARS);
    let (token, key, app_id) = (token?, key?, app_id?);
    match PushKeys::new(&token, &key, previous.as_deref(), &app_id) {
        Ok(keys) => Some(keys),
        Err(e) => {
            r.issue(Issue::error("", IssueCode::Type, e.message));
            None
        }
    }
}

#[wasm_bindgen]
impl PushReceiver {
    /// Throws `ConfigError` when an option is missing, bad or unknown (no message repeats
    /// the Token or a key).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "PushReceiverOptions")] opts: JsValue,
    ) -> Result<PushReceiver, JsValue> {
        let mut r = Reader::open(&opts, "the push receiver options", KEYS, true);
        let keys = keys_of(&mut r);
        let store = r
            .value("ticketStore")
            .and_then(|v| match TicketStore::from_js(&v) {
                Ok(store) => Some(store),
                Err(issue) => {
                    r.issue(issue);
                    None
                }
            });
        let on_event = r.function("onEvent");
        let on_store_error = r.function("onStoreError");
        let store_timeout_ms = r
            .number(&STORE_TIMEOUT_MS)
            .unwrap_or(STORE_TIMEOUT_MS.default);
        let finished = r.finish();
        match (keys, finished) {
            (Some(keys), Ok(())) => Ok(PushReceiver {
                inner: Rc::new(Inner {
                    keys,
                    store,
                    on_event,
                    on_store_error,
                    store_timeout_ms,
                    latest: RefCell::new(None),
                }),
            }),
            (_, Err(issues)) => Err(to_js(&Error::config(issues))),
            (None, Ok(())) => Err(to_js(&Error::config(Vec::new()))),
        }
    }

    /// Verifies, decrypts and parses one push (`query`: the request's query string, a
    /// `URLSearchParams` or a record; `body`: the raw body, never form-decoded). Resolves to
    /// the event once a ticket it carries is kept; rejects with `PushError`. Answer WeChat
    /// `success` within 5 s either way (`nodePushHandler` does).
    #[wasm_bindgen(unchecked_return_type = "Promise<PushEvent>")]
    pub fn handle(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PushRequest")] req: JsValue,
    ) -> js_sys::Promise {
        let opened = convert::request(&req).and_then(|(query, body)| {
            push::open(&self.inner.keys, &query, &body).map_err(|e| push_error(&e))
        });
        let event = match opened {
            Ok(event) => event,
            Err(e) => return js_sys::Promise::reject(&e),
        };
        let inner = Rc::clone(&self.inner);
        js::spawn(async move {
            let view = convert::event_to_js(&event);
            if let (Some(ticket), "component_verify_ticket") =
                (&event.component_verify_ticket, event.info_type.as_str())
            {
                let latest = Latest {
                    ticket: ticket.clone(),
                    create_time: event.create_time,
                    received_at_ms: js::now_ms(),
                };
                tickets::keep(&inner, latest).await;
            }
            super::hooks::notify(inner.on_event.as_ref(), &view);
            Ok(view)
        })
    }

    /// The latest `component_verify_ticket`: the one this receiver kept, else the ticket
    /// store's, when one of them is younger than its 12 hours. Pass it as a token manager's
    /// `getVerifyTicket`. Rejects with `ConfigError` while none has arrived.
    #[wasm_bindgen(js_name = latestTicket, unchecked_return_type = "Promise<string>")]
    pub fn latest_ticket(&self) -> js_sys::Promise {
        let inner = Rc::clone(&self.inner);
        js::spawn(async move { tickets::latest(&inner).await })
    }
}

fn keys_arg(keys: &JsValue) -> Result<PushKeys, JsValue> {
    let mut r = Reader::open(
        keys,
        "the push keys",
        &["token", "encodingAesKey", "appId"],
        true,
    );
    let token = r.required_string("token", MAX_SETTING_CHARS);
    let key = r.required_string("encodingAesKey", ENCODING_AES_KEY_LEN + 8);
    let app_id = r.required_string("appId", MAX_SETTING_CHARS);
    r.finish().map_err(|issues| to_js(&Error::config(issues)))?;
    match (token, key, app_id) {
        (Some(token), Some(key), Some(app_id)) => {
            PushKeys::new(&token, &key, None, &app_id).map_err(|e| push_error(&e))
        }
        _ => Err(to_js(&Error::config(Vec::new()))),
    }
}

/// Verifies `msg_signature` and decrypts `encrypt`: the message, byte-exact. Throws
/// `PushError` (`signature`, `appid`, `decrypt`, `format`, `config`).
#[wasm_bindgen(js_name = decryptPush)]
pub fn decrypt_push(
    #[wasm_bindgen(unchecked_param_type = "PushKeys")] keys: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EncryptedPush")] msg: JsValue,
) -> Result<String, JsValue> {
    let keys = keys_arg(&keys)?;
    let (query, encrypt) = convert::encrypted(&msg)?;
    if !push::verify_signature(
        keys.token().expose(),
        &query.timestamp,
        &query.nonce,
        &encrypt,
        &query.msg_signature,
    ) {
        return Err(push_error(&PushError {
            reason: push::PushReason::Signature,
            message: "msgSignature does not match the Token, timestamp, nonce and encrypt".into(),
        }));
    }
    push::decrypt(keys.key(), keys.app_id(), &encrypt).map_err(|e| push_error(&e))
}

/// Encrypts and signs `message` as WeChat does (for tests and the emulator). `random` (16
/// characters), `timestamp` and `nonce` default to fresh values.
#[wasm_bindgen(js_name = encryptPush, unchecked_return_type = "EncryptedPush")]
pub fn encrypt_push(
    #[wasm_bindgen(unchecked_param_type = "PushKeys")] keys: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PushMessage")] msg: JsValue,
) -> Result<JsValue, JsValue> {
    let keys = keys_arg(&keys)?;
    let parts = convert::plain(&msg)?;
    let encrypt = push::encrypt(keys.key(), keys.app_id(), &parts.message, &parts.random)
        .map_err(|e| push_error(&e))?;
    let msg_signature = push::signature(
        keys.token().expose(),
        &parts.timestamp,
        &parts.nonce,
        &encrypt,
    );
    Ok(js::object(&[
        ("encrypt", JsValue::from_str(&encrypt)),
        ("msgSignature", JsValue::from_str(&msg_signature)),
        ("timestamp", JsValue::from_str(&parts.timestamp)),
        ("nonce", JsValue::from_str(&parts.nonce)),
    ])
    .into())
}

/// `msg_signature`: lowercase hex SHA-1 of the four values sorted byte-wise.
#[wasm_bindgen(js_name = pushSignature)]
pub fn push_signature(
    #[wasm_bindgen(unchecked_param_type = "string")] token: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] timestamp: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] nonce: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] encrypt: JsValue,
) -> Result<String, JsValue> {
    let mut parts = Vec::new();
    for (name, value) in [
        ("token", token),
        ("timestamp", timestamp),
        ("nonce", nonce),
        ("encrypt", encrypt),
    ] {
        match bounded_string(&value, push::MAX_XML_LEN) {
            Some(Ok(text)) => parts.push(text),
            _ => {
                return Err(to_js(&Error::config_one(
                    name,
                    IssueCode::Type,
                    format!("{name} must be a string"),
                )))
            }
        }
    }
    match parts.as_slice() {
        [t, ts, n, e] => Ok(push::signature(t, ts, n, e)),
        _ => Err(to_js(&Error::config(Vec::new()))),
    }
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = include_str!("types.d.ts");
