//! The cache state machine: for each `getToken`, use the cached token, join the refresh in
//! flight or start one; and the rule that keeps a shared store from going back to an older
//! token.

use super::IssuedToken;
use crate::issue::{Issue, IssueCode};
use crate::secret::AccessToken;

/// The lifetime WeChat documents for a component_access_token, assumed for a stored token
/// that does not say when it was obtained (one written by an older version).
pub const DOCUMENTED_LIFETIME_MS: f64 = 7_200_000.0;

/// A forced refresh that does not say which token failed (`{ forceRefresh: true }` without
/// `failedToken`) is answered with the cached token when that token itself came from a forced
/// refresh less than this long ago: the caller most likely saw the token it replaced fail.
/// Likewise a forced refresh that failed is shared with forced callers for this long.
pub const FORCED_REFRESH_COOLDOWN_MS: f64 = 10_000.0;

/// A token the manager holds.
#[derive(Clone, Debug, PartialEq)]
pub struct CachedToken {
    pub token: AccessToken,
    /// When WeChat stops accepting it, in ms since the epoch.
    pub expires_at_ms: f64,
    /// When it was requested from the endpoint (its lifetime counts from then).
    pub obtained_at_ms: f64,
    /// From when it is refreshed: `expires_at_ms` minus the margin.
    pub refresh_at_ms: f64,
    /// When a forced refresh produced it (fetched or adopted from the store), if one did.
    pub forced_at_ms: Option<f64>,
}

impl CachedToken {
    /// Fresh: used without refreshing.
    pub fn is_fresh(&self, now_ms: f64) -> bool {
        now_ms < self.refresh_at_ms
    }

    /// What the store receives: the token, its owner, and its whole life, so that any
    /// reader can apply its own margin.
    pub fn to_stored(&self, component_app_id: &str) -> StoredToken {
        StoredToken {
            token: self.token.clone(),
            expires_at_ms: self.expires_at_ms,
            obtained_at_ms: Some(self.obtained_at_ms),
            component_app_id: Some(component_app_id.to_owned()),
        }
    }
}

/// A token as a shared store holds it (JS: `{ accessToken, expiresAt, obtainedAt,
/// componentAppId }`).
#[derive(Clone, Debug, PartialEq)]
pub struct StoredToken {
    pub token: AccessToken,
    /// ms since the epoch.
    pub expires_at_ms: f64,
    /// When it was requested, ms since the epoch; `None` from stores written before it was
    /// kept (the documented lifetime is then assumed).
    pub obtained_at_ms: Option<f64>,
    /// The component appid it belongs to; `None` from older stores.
    pub component_app_id: Option<String>,
}

impl StoredToken {
    /// Checks what a store's `get()` resolved to (path `store`) for the manager of
    /// `our_app_id`. A token that is not a valid token string, an `expiresAt` that is not a
    /// finite number, or a token of another component appid is a finding; the manager then
    /// ignores the stored value.
    pub fn parse(
        token: Option<&str>,
        expires_at_ms: Option<f64>,
        obtained_at_ms: Option<f64>,
        component_app_id: Option<&str>,
        our_app_id: &str,
    ) -> Result<StoredToken, Issue> {
        let shape = || {
            Issue::error(
                "store",
                IssueCode::StoreValue,
                "store.get() must resolve to null, undefined or { accessToken: string, \
                 expiresAt: number (ms since the epoch), obtainedAt?: number, \
                 componentAppId?: string }",
            )
        };
        let token = token
            .and_then(|t| AccessToken::parse(t).ok())
            .ok_or_else(shape)?;
        let expires_at_ms = expires_at_ms.filter(|n| n.is_finite()).ok_or_else(shape)?;
        let obtained_at_ms = obtained_at_ms.filter(|n| n.is_finite() && *n <= expires_at_ms);
        if let Some(owner) = component_app_id {
            if owner != our_app_id {
                return Err(Issue::error(
                    "store",
                    IssueCode::StoreValue,
                    "the store holds a token of another component appid, so it is not used; \
                     give each third-party platform its own store or key prefix",
                ));
            }
        }
        Ok(StoredToken {
            token,
            expires_at_ms,
            obtained_at_ms,
            component_app_id: component_app_id.map(str::to_owned),
        })
    }

    /// When it was obtained: as stored, or one documented lifetime before its expiry.
    fn obtained_at(&self) -> f64 {
        self.obtained_at_ms
            .unwrap_or(self.expires_at_ms - DOCUMENTED_LIFETIME_MS)
    }
}

/// What a `getToken` call asks for.
#[derive(Clone, Debug, Default)]
pub struct Ask {
    /// WeChat rejected the token the caller used (40001/40014/42001).
    pub force_refresh: bool,
    /// Which token that was, when the caller says.
    pub failed_token: Option<AccessToken>,
}

/// A refresh the cache has started; the I/O side runs it and reports with
/// [`TokenCache::finish`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refresh {
    pub generation: u64,
    /// Started by a forced refresh: its token gets `forced_at_ms`.
    pub forced: bool,
}

/// The answer to one `getToken`.
#[derive(Clone, Debug, PartialEq)]
pub enum Step<P> {
    /// The cached token: no request.
    Use(AccessToken),
    /// Wait for the refresh in flight.
    Join(P),
    /// A refresh was started (by the `start` callback of [`TokenCache::plan`]); wait for it.
    Started(P),
}

/// What to do with the store after fetching a token.
#[derive(Clone, Debug, PartialEq)]
pub enum StoreMerge {
    /// Write ours: the store holds nothing newer.
    Write,
    /// The store already holds a token that expires later (another process refreshed
    /// meanwhile): use it, write nothing.
    KeepStored(CachedToken),
}

/// A refresh under way.
#[derive(Debug)]
struct InFlight<P> {
    generation: u64,
    forced: bool,
    handle: P,
}

/// A forced refresh that failed: forced callers shortly after share its outcome.
#[derive(Debug)]
struct FailedRefresh<P> {
    at_ms: f64,
    handle: P,
    /// The token it was to replace.
    replacing: Option<AccessToken>,
}

/// The state of one manager: the cached token, the refresh in flight (`P` is its handle —
/// a JS promise in the wasm build), the last token WeChat rejected and the last forced
/// refresh that failed.
#[derive(Debug)]
pub struct TokenCache<P> {
    margin_ms: f64,
    current: Option<CachedToken>,
    in_flight: Option<InFlight<P>>,
    next_generation: u64,
    rejected: Option<AccessToken>,
    /// When the rejected token expires, if it was this manager's: a token from the store is
    /// only adopted in its place when it expires later (it is newer).
    rejected_expiry: Option<f64>,
    failed: Option<FailedRefresh<P>>,
}

impl<P: Clone> TokenCache<P> {
    /// `margin_ms`: refresh this long before expiry (`refreshMarginSeconds`, checked by the options reader).
    pub fn new(margin_ms: f64) -> Self {
        TokenCache {
            margin_ms,
            current: None,
            in_flight: None,
            next_generation: 1,
            rejected: None,
            rejected_expiry: None,
            failed: None,
        }
    }

    pub fn current(&self) -> Option<&CachedToken> {
        self.current.as_ref()
    }

    pub fn in_flight(&self) -> bool {
        self.in_flight.is_some()
    }

    /// Decides one `getToken` at `now_ms`. `start` is called (at most once, while nothing
    /// else can run) to begin a refresh and returns its handle, which later callers join.
    ///
    /// - Not forced: a fresh cached token is used; otherwise the refresh in flight is
    ///   joined, or one is started.
    /// - Forced with `failed_token`: if the cached token is that one, it is dropped and
    ///   remembered as rejected, then as above (so N callers that saw the same token fail
    ///   cause one refresh). If the cache already holds another token, the failed one was
    ///   replaced meanwhile: that token is used, no request.
    /// - Forced without `failed_token`: as if the cached token failed, unless a forced
    ///   refresh produced it less than [`FORCED_REFRESH_COOLDOWN_MS`] ago.
    /// - Forced, nothing cached, and a forced refresh (for the same failed token, when one is
    ///   given) failed less than [`FORCED_REFRESH_COOLDOWN_MS`] ago: its failure is shared,
    ///   no request. Callers whose 42001 arrives just after the refresh failed would
    ///   otherwise each send one.
    pub fn plan(&mut self, ask: &Ask, now_ms: f64, start: impl FnOnce(&Refresh) -> P) -> Step<P> {
        if ask.force_refresh && self.current.is_none() && self.in_flight.is_none() {
            if let Some(failed) = &self.failed {
                let recent = now_ms - failed.at_ms < FORCED_REFRESH_COOLDOWN_MS;
                let same = ask
                    .failed_token
                    .as_ref()
                    .is_none_or(|t| failed.replacing.as_ref() == Some(t));
                if recent && same {
                    return Step::Join(failed.handle.clone());
                }
            }
        }
        if ask.force_refresh {
            let current_failed = match (&self.current, &ask.failed_token) {
                (Some(current), Some(failed)) => current.token == *failed,
                (Some(current), None) => !current
                    .forced_at_ms
                    .is_some_and(|at| now_ms - at < FORCED_REFRESH_COOLDOWN_MS),
                (None, _) => false,
            };
            if let Some(failed) = &ask.failed_token {
                if self.rejected.as_ref() != Some(failed) {
                    self.rejected_expiry = None;
                }
                self.rejected = Some(failed.clone());
            }
            if current_failed {
                if let Some(c) = self.current.take() {
                    self.rejected_expiry = Some(c.expires_at_ms);
                    self.rejected = Some(c.token);
                }
            }
        }
        if let Some(current) = &self.current {
            if current.is_fresh(now_ms) && self.rejected.as_ref() != Some(&current.token) {
                return Step::Use(current.token.clone());
            }
        }
        if let Some(flight) = &self.in_flight {
            return Step::Join(flight.handle.clone());
        }
        let refresh = Refresh {
            generation: self.next_generation,
            forced: ask.force_refresh,
        };
        self.next_generation += 1;
        let handle = start(&refresh);
        self.in_flight = Some(InFlight {
            generation: refresh.generation,
            forced: refresh.forced,
            handle: handle.clone(),
        });
        Step::Started(handle)
    }

    /// Replaces the handle of refresh `generation` (when it is the one in flight): the I/O
    /// side makes the real promise once it no longer borrows the cache.
    pub fn set_handle(&mut self, generation: u64, handle: P) {
        if let Some(flight) = self
            .in_flight
            .as_mut()
            .filter(|f| f.generation == generation)
        {
            flight.handle = handle;
        }
    }

    /// The token a refresh got from the endpoint, sent at `sent_at_ms` (its lifetime counts
    /// from then, never from the answer, so it is never thought to live longer than it does).
    /// The margin is at most half the lifetime, so a short-lived token is still cached.
    pub fn issued(&self, issued: &IssuedToken, sent_at_ms: f64, refresh: &Refresh) -> CachedToken {
        let lifetime_ms = issued.expires_in_seconds * 1000.0;
        let expires_at_ms = sent_at_ms + lifetime_ms;
        CachedToken {
            token: issued.token.clone(),
            expires_at_ms,
            obtained_at_ms: sent_at_ms,
            refresh_at_ms: self.refresh_at(sent_at_ms, expires_at_ms),
            forced_at_ms: refresh.forced.then_some(sent_at_ms),
        }
    }

    /// When a token obtained at `obtained` and expiring at `expires` is refreshed: the
    /// margin before expiry, at most half its lifetime.
    fn refresh_at(&self, obtained: f64, expires: f64) -> f64 {
        let lifetime = (expires - obtained).max(0.0);
        expires - self.margin_ms.min(lifetime / 2.0)
    }

    fn stored_as_cached(
        &self,
        stored: &StoredToken,
        refresh: &Refresh,
        now_ms: f64,
    ) -> CachedToken {
        let obtained = stored.obtained_at();
        CachedToken {
            token: stored.token.clone(),
            expires_at_ms: stored.expires_at_ms,
            obtained_at_ms: obtained,
            refresh_at_ms: self.refresh_at(obtained, stored.expires_at_ms),
            forced_at_ms: refresh.forced.then_some(now_ms),
        }
    }

    /// Whether the store's token may stand in for the one WeChat rejected: it is another
    /// token, and (when the rejected one's expiry is known) it expires later, so it is newer.
    fn newer_than_rejected(&self, stored: &StoredToken) -> bool {
        self.rejected.as_ref() != Some(&stored.token)
            && self
                .rejected_expiry
                .is_none_or(|rejected| stored.expires_at_ms > rejected)
    }

    /// The stored token, when a refresh can use it instead of a request: fresh, not the
    /// token WeChat rejected, and newer than it.
    pub fn adopt_from_store(
        &self,
        stored: &StoredToken,
        refresh: &Refresh,
        now_ms: f64,
    ) -> Option<CachedToken> {
        let candidate = self.stored_as_cached(stored, refresh, now_ms);
        (candidate.is_fresh(now_ms) && self.newer_than_rejected(stored)).then_some(candidate)
    }

    /// After fetching `ours`, given what the store holds now: a token that expires later
    /// (and was not rejected) stays and is used; otherwise ours is written.
    pub fn merge_with_store(
        &self,
        ours: &CachedToken,
        stored: Option<&StoredToken>,
        refresh: &Refresh,
        now_ms: f64,
    ) -> StoreMerge {
        match stored {
            Some(s) if s.expires_at_ms > ours.expires_at_ms && self.newer_than_rejected(s) => {
                StoreMerge::KeepStored(self.stored_as_cached(s, refresh, now_ms))
            }
            _ => StoreMerge::Write,
        }
    }

    /// Ends refresh `generation` at `now_ms`: it is no longer joined; its token (if it got
    /// one) is cached; a forced refresh that got none is remembered for the cooldown. A stale
    /// generation changes nothing.
    pub fn finish(&mut self, generation: u64, outcome: Option<CachedToken>, now_ms: f64) {
        let Some(flight) = self
            .in_flight
            .take_if(|flight| flight.generation == generation)
        else {
            return;
        };
        match outcome {
            Some(token) => {
                // The endpoint vouched for it again: a token that comes back is not held
                // against it, or every later call would start another refresh.
                if self.rejected.as_ref() == Some(&token.token) {
                    self.rejected = None;
                    self.rejected_expiry = None;
                }
                self.current = Some(token);
                self.failed = None;
            }
            None if flight.forced => {
                self.failed = Some(FailedRefresh {
                    at_ms: now_ms,
                    handle: flight.handle,
                    replacing: self.rejected.clone(),
                });
            }
            None => {}
        }
    }
}
