//! The cache state machine: for each `getToken`, use the cached token, join the refresh in
//! flight or start one; and the rule that keeps a shared store from going back to an older
//! token.

use super::IssuedToken;
use crate::issue::Issue;
use crate::secret::AccessToken;

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

    /// What the store receives.
    pub fn to_stored(&self) -> StoredToken {
        StoredToken {
            token: self.token.clone(),
            expires_at_ms: self.expires_at_ms,
        }
    }
}

/// A token as a shared store holds it (JS: `{ accessToken, expiresAt }`).
#[derive(Clone, Debug, PartialEq)]
pub struct StoredToken {
    pub token: AccessToken,
    /// ms since the epoch.
    pub expires_at_ms: f64,
}

impl StoredToken {
    /// Checks what a store's `get()` resolved to (path `store`). A token that is not a
    /// valid token string or an `expiresAt` that is not a finite number is a finding; the
    /// manager then ignores the stored value.
    pub fn parse(token: Option<&str>, expires_at_ms: Option<f64>) -> Result<StoredToken, Issue> {
        let shape = || {
            Issue::error(
                "store",
                "type",
                "store.get() must resolve to null, undefined or { accessToken: string, \
                 expiresAt: number (ms since the epoch) }",
            )
        };
        let token = token
            .and_then(|t| AccessToken::parse(t).ok())
            .ok_or_else(shape)?;
        let expires_at_ms = expires_at_ms.filter(|n| n.is_finite()).ok_or_else(shape)?;
        Ok(StoredToken {
            token,
            expires_at_ms,
        })
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
    failed: Option<FailedRefresh<P>>,
}

impl<P: Clone> TokenCache<P> {
    /// `margin_ms`: refresh this long before expiry (see [`check_margin_seconds`]).
    pub fn new(margin_ms: f64) -> Self {
        TokenCache {
            margin_ms,
            current: None,
            in_flight: None,
            next_generation: 1,
            rejected: None,
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
                self.rejected = Some(failed.clone());
            }
            if current_failed {
                self.rejected = self.current.take().map(|c| c.token);
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

    /// The token a refresh got from the endpoint, sent at `sent_at_ms` (its lifetime counts
    /// from then, never from the answer, so it is never thought to live longer than it does).
    /// The margin is at most half the lifetime, so a short-lived token is still cached.
    pub fn issued(&self, issued: &IssuedToken, sent_at_ms: f64, refresh: &Refresh) -> CachedToken {
        let lifetime_ms = issued.expires_in_seconds * 1000.0;
        let expires_at_ms = sent_at_ms + lifetime_ms;
        CachedToken {
            token: issued.token.clone(),
            expires_at_ms,
            refresh_at_ms: expires_at_ms - self.margin_ms.min(lifetime_ms / 2.0),
            forced_at_ms: refresh.forced.then_some(sent_at_ms),
        }
    }

    fn stored_as_cached(
        &self,
        stored: &StoredToken,
        refresh: &Refresh,
        now_ms: f64,
    ) -> CachedToken {
        CachedToken {
            token: stored.token.clone(),
            expires_at_ms: stored.expires_at_ms,
            refresh_at_ms: stored.expires_at_ms - self.margin_ms,
            forced_at_ms: refresh.forced.then_some(now_ms),
        }
    }

    /// The stored token, when a refresh can use it instead of a request: fresh, and not the
    /// token WeChat rejected.
    pub fn adopt_from_store(
        &self,
        stored: &StoredToken,
        refresh: &Refresh,
        now_ms: f64,
    ) -> Option<CachedToken> {
        let candidate = self.stored_as_cached(stored, refresh, now_ms);
        (candidate.is_fresh(now_ms) && self.rejected.as_ref() != Some(&stored.token))
            .then_some(candidate)
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
            Some(s)
                if s.expires_at_ms > ours.expires_at_ms
                    && self.rejected.as_ref() != Some(&s.token) =>
            {
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
