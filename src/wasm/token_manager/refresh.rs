//! One refresh: the store's token when it has a usable one; else, with a store that can
//! lock, the lock (its holder asks WeChat, the others wait for its token in the store);
//! then `getVerifyTicket`, the token request (retried by its own pure policy through the
//! shared attempt driver), and the store written unless it holds a later token. The whole
//! refresh runs in one context with its own deadline, so its promise always settles.

use super::store::{Called, Store, LOCK, UNLOCK};
use super::Inner;
use crate::error::{Error, TransportKind};
use crate::issue::{Issue, IssueCode};
use crate::retry::Outcome;
use crate::secret::Secret;
use crate::token_manager::{
    attempt_failure, build_token_request, check_ticket, parse_token_response, retry_delay,
    CachedToken, IssuedToken, Refresh, StoreMerge, MAX_TICKET_LEN,
};
use crate::wasm::ctx::{Ctx, Waited};
use crate::wasm::driver::{Driver, Ended};
use crate::wasm::errors::{self, JsFail};
use crate::wasm::hooks;
use crate::wasm::interop::bounded_string;
use crate::wasm::js;
use crate::wasm::transport::Failure;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// How often a manager that did not get the lock looks for the holder's token.
const POLL_MS: f64 = 150.0;

/// Starts `refresh` and returns its promise.
pub fn start(inner: Rc<Inner>, refresh: Refresh) -> js_sys::Promise {
    js::spawn(run(inner, refresh))
}

async fn run(inner: Rc<Inner>, refresh: Refresh) -> Result<JsValue, JsValue> {
    let started = js::now_ms();
    inner.store_hung.set(false);
    let ctx = Ctx::new(inner.deadline_ms, None);
    let reason = if refresh.forced {
        "forced"
    } else if inner.cache.borrow().current().is_some() {
        "expiring"
    } else {
        "cold"
    };
    let mut requests = 0;
    let outcome = obtain(&inner, &ctx, &refresh, &mut requests).await;
    let now = js::now_ms();
    inner.cache.borrow_mut().finish(
        refresh.generation,
        outcome.as_ref().ok().map(|(c, _)| c.clone()),
        now,
    );
    let view = js::object(&[
        ("reason", reason.into()),
        (
            "outcome",
            match &outcome {
                Ok((_, from_store)) if *from_store => "store",
                Ok(_) => "fetched",
                Err(_) => "failed",
            }
            .into(),
        ),
        ("tokenRequests", f64::from(requests).into()),
        ("durationMs", (now - started).max(0.0).into()),
    ]);
    hooks::notify(inner.on_refresh.as_ref(), &view.into());
    outcome.map(|(cached, _)| JsValue::from_str(cached.token.expose()))
}

/// A fresh token, and whether it came from the store.
async fn obtain(
    inner: &Inner,
    ctx: &Ctx,
    refresh: &Refresh,
    requests: &mut u32,
) -> Result<(CachedToken, bool), JsValue> {
    let Some(store) = &inner.store else {
        let ours = fetch_new(inner, ctx, refresh, requests).await?;
        return Ok((ours, false));
    };
    if let Some(adopted) = adopt(inner, ctx, store, refresh).await {
        return Ok((adopted, true));
    }
    let locked = match &store.lock {
        Some(_) => match take_lock(inner, ctx, store, refresh).await {
            Lock::Adopted(adopted) => return Ok((adopted, true)),
            Lock::Held => {
                // The lock may have come free because its last holder just wrote its token:
                // look again before asking WeChat.
                if let Some(adopted) = adopt(inner, ctx, store, refresh).await {
                    release_lock(inner, ctx, store, 0).await;
                    return Ok((adopted, true));
                }
                true
            }
            Lock::Without => false,
        },
        None => false,
    };
    let ours = fetch_new(inner, ctx, refresh, requests).await;
    let result = match ours {
        Ok(ours) => Ok(merge(inner, ctx, store, refresh, ours, *requests).await),
        Err(e) => Err(e),
    };
    if locked {
        release_lock(inner, ctx, store, *requests).await;
    }
    result
}

/// The store's token, when it can stand in for a request.
async fn adopt(inner: &Inner, ctx: &Ctx, store: &Store, refresh: &Refresh) -> Option<CachedToken> {
    let stored = inner.read_store(ctx, store, 0).await?;
    let now = js::now_ms();
    inner.cache.borrow().adopt_from_store(&stored, refresh, now)
}

enum Lock {
    /// This manager holds the lock: it asks WeChat.
    Held,
    /// Another holder's token appeared in the store.
    Adopted(CachedToken),
    /// The lock could not be used (the store failed): go on without it.
    Without,
}

/// How long a lock lives: one attempt and its store calls. A holder that dies blocks the
/// others no longer than this.
fn lock_ttl(inner: &Inner) -> f64 {
    inner.timeout_ms + 2.0 * inner.store_timeout_ms
}

async fn take_lock(inner: &Inner, ctx: &Ctx, store: &Store, refresh: &Refresh) -> Lock {
    let Some((lock, _)) = &store.lock else {
        return Lock::Without;
    };
    let request: JsValue = js::object(&[
        ("owner", JsValue::from_str(&inner.owner)),
        ("ttlMs", lock_ttl(inner).into()),
    ])
    .into();
    loop {
        match inner
            .call_store(ctx, store, lock, &LOCK, Some(&request), 0)
            .await
        {
            Called::Value(v) if v.as_bool() == Some(true) => return Lock::Held,
            Called::Value(_) => {}
            Called::Failed => return Lock::Without,
        }
        // Someone else is refreshing: wait for its token, a little jitter apart.
        match ctx.sleep(POLL_MS + POLL_MS * js::random()).await {
            Waited::Value(_) => {}
            _ => return Lock::Without,
        }
        if let Some(adopted) = adopt(inner, ctx, store, refresh).await {
            return Lock::Adopted(adopted);
        }
    }
}

async fn release_lock(inner: &Inner, ctx: &Ctx, store: &Store, sent: u32) {
    if let Some((_, unlock)) = &store.lock {
        let request: JsValue = js::object(&[("owner", JsValue::from_str(&inner.owner))]).into();
        let _ = inner
            .call_store(ctx, store, unlock, &UNLOCK, Some(&request), sent)
            .await;
    }
}

/// After fetching `ours`: the store's token if it got a later one meanwhile, else ours,
/// written.
async fn merge(
    inner: &Inner,
    ctx: &Ctx,
    store: &Store,
    refresh: &Refresh,
    ours: CachedToken,
    sent: u32,
) -> (CachedToken, bool) {
    let stored = inner.read_store(ctx, store, sent).await;
    let now = js::now_ms();
    let merge = inner
        .cache
        .borrow()
        .merge_with_store(&ours, stored.as_ref(), refresh, now);
    match merge {
        StoreMerge::KeepStored(theirs) => (theirs, true),
        StoreMerge::Write => {
            let stored = ours.to_stored(inner.credentials.app_id());
            inner.write_store(ctx, store, &stored, sent).await;
            (ours, false)
        }
    }
}

/// A new token from WeChat, with the ticket of the moment.
async fn fetch_new(
    inner: &Inner,
    ctx: &Ctx,
    refresh: &Refresh,
    requests: &mut u32,
) -> Result<CachedToken, JsValue> {
    let ticket = verify_ticket(inner, ctx).await?;
    let (issued, sent_at) = fetch(inner, ctx, &ticket, requests).await?;
    Ok(inner.cache.borrow().issued(&issued, sent_at, refresh))
}

fn ticket_error(code: IssueCode, message: String) -> JsFail {
    JsFail::new(&Error::config(vec![Issue::error(
        "getVerifyTicket",
        code,
        message,
    )]))
}

async fn verify_ticket(inner: &Inner, ctx: &Ctx) -> Result<Secret, JsValue> {
    let called = js::call(&inner.get_ticket, &JsValue::UNDEFINED, &[]);
    let waited = match called {
        Ok(value) => ctx.wait_at_most(&value, inner.timeout_ms).await,
        Err(thrown) => Waited::Threw(thrown),
    };
    let value = match waited {
        Waited::Value(v) => v,
        // This package's own errors (e.g. from a nested manager) pass through as they are.
        Waited::Threw(thrown) if errors::is_ours(&thrown, None) => return Err(thrown),
        Waited::Threw(thrown) => {
            return Err(ticket_error(
                IssueCode::TokenSource,
                "getVerifyTicket threw or rejected; see `cause`".into(),
            )
            .cause(&thrown)
            .into_js())
        }
        Waited::Limit => {
            return Err(ticket_error(
                IssueCode::Timeout,
                format!(
                    "getVerifyTicket did not settle within {} ms",
                    inner.timeout_ms.round() as u64
                ),
            )
            .into_js())
        }
        Waited::Deadline | Waited::Aborted => return Err(deadline(inner, 0)),
    };
    let text = match bounded_string(&value, MAX_TICKET_LEN) {
        Some(Ok(text)) => text,
        Some(Err(_)) | None => {
            return Err(ticket_error(
                IssueCode::Type,
                format!(
                    "getVerifyTicket must return (or resolve to) the component_verify_ticket \
                     string (at most {MAX_TICKET_LEN} characters)"
                ),
            )
            .into_js())
        }
    };
    check_ticket(&text).map_err(|issue| JsFail::new(&Error::config(vec![issue])).into_js())
}

fn deadline(inner: &Inner, attempts: u32) -> JsValue {
    let err = Error::transport(
        TransportKind::Timeout,
        format!(
            "the component_access_token refresh did not finish within its deadline ({} ms, \
             deadlineMs)",
            inner.deadline_ms.round() as u64
        ),
        false,
    );
    JsFail::new(&err).attempts(attempts).into_js()
}

/// The token request, retried on transient failures. Returns the token and when the
/// attempt that got it was sent.
async fn fetch(
    inner: &Inner,
    ctx: &Ctx,
    ticket: &Secret,
    requests: &mut u32,
) -> Result<(IssuedToken, f64), JsValue> {
    let request = build_token_request(&inner.base, &inner.credentials, ticket)
        .map_err(|e| JsFail::new(&e).into_js())?;
    let http = request.to_http();
    let secrets = [inner.credentials.app_secret().expose(), ticket.expose()];
    let origin = inner.base.origin();
    let mut d = Driver::new(ctx);
    loop {
        let sent_at = js::now_ms();
        // Getting a token creates nothing: every failure is safe to try again.
        let attempt = d
            .attempt(&http, origin, inner.timeout_ms, crate::calls::Effect::Reads)
            .await;
        *requests = d.attempts;
        let (sent, outcome) = match attempt {
            Ok(raw) => (true, parse_token_response(raw.status, &raw.body, &secrets)),
            Err(Failure::Transport { error, sent }) => (
                sent,
                Err(attempt_failure(error, sent, origin, inner.timeout_ms)),
            ),
            Err(Failure::Deadline | Failure::Aborted) => return Err(deadline(inner, d.attempts)),
        };
        let err = match outcome {
            Ok(issued) => return Ok((issued, sent_at)),
            Err(err) => err,
        };
        let seen = if sent {
            Outcome::Failed(&err)
        } else {
            Outcome::NotSent
        };
        match retry_delay(
            seen,
            d.retries,
            inner.max_retries,
            ctx.remaining(),
            js::random(),
        ) {
            Some(delay) => match d.backoff(delay).await {
                Ok(()) => {}
                Err(Ended::Deadline | Ended::Aborted) => return Err(deadline(inner, d.attempts)),
            },
            None => return Err(JsFail::new(&err).attempts(d.attempts).into_js()),
        }
    }
}
