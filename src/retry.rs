//! When to try a call again. Pure, so the rules of DESIGN.md ("Retry, transport and token
//! rules") are tested natively; the call loop only asks and obeys.
//!
//! A call that changes something (creates a service, a version, an env, a release, a share)
//! is not idempotent and WeChat has no idempotency key, so it is retried only where nothing
//! can have been done: a failure before any byte was sent, errcode -1 (busy: the docs say
//! try again), or 45011 (per-minute quota) when waiting for the next minute still fits the
//! deadline. A call that only reads is also retried after an ambiguous failure (a timeout
//! after sending, a dropped connection, a 5xx, an unreadable answer).

use crate::calls::Effect;
use crate::errcode::{self, MINUTE_QUOTA_REACHED};
use crate::error::{Error, TransportKind};

/// Backoff base and cap of DESIGN.md.
pub const BACKOFF_BASE_MS: f64 = 500.0;
pub const BACKOFF_CAP_MS: f64 = 8_000.0;

/// What happened on one attempt, as far as retrying is concerned.
pub enum Outcome<'a> {
    /// The connection failed before the request was written (refused, DNS): nothing was sent.
    NotSent,
    /// Anything else that went wrong.
    Failed(&'a Error),
}

/// The state of one call across its attempts.
#[derive(Clone, Copy, Debug)]
pub struct CallState {
    /// Retries already spent (the forced token refresh does not count).
    pub retries: u32,
    pub max_retries: u32,
    /// The token source can mint a new token (a function or provider, not a plain string).
    pub can_refresh: bool,
    /// The one forced refresh has been used.
    pub refreshed: bool,
    /// Milliseconds until the overall deadline.
    pub remaining_ms: f64,
    /// Wall-clock milliseconds since the epoch, for the per-minute quota.
    pub now_ms: f64,
    /// What the call does to WeChat's state.
    pub effect: Effect,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Decision {
    /// Wait this long, then send again.
    Retry { delay_ms: f64 },
    /// Ask the token source for a new token (`forceRefresh: true`), then send once more.
    RefreshToken,
    /// Report the error.
    GiveUp,
}

/// Exponential backoff with full jitter: a uniform wait in `[0, min(cap, base·2^retry))`.
/// `unit` is a random number in `[0, 1)`.
pub fn backoff_ms(retry: u32, unit: f64) -> f64 {
    let ceiling = (BACKOFF_BASE_MS * 2f64.powi(retry.min(16) as i32)).min(BACKOFF_CAP_MS);
    let unit = if unit.is_nan() {
        0.0
    } else {
        unit.clamp(0.0, 1.0)
    };
    ceiling * unit
}

/// The wait until the next wall-clock minute, when WeChat's per-minute quota resets.
pub fn until_next_minute_ms(now_ms: f64) -> f64 {
    60_000.0 - now_ms.rem_euclid(60_000.0)
}

pub fn decide(outcome: Outcome<'_>, state: CallState, unit: f64) -> Decision {
    let retries_left = state.retries < state.max_retries;
    let retry_after = |delay_ms: f64| {
        if retries_left && delay_ms < state.remaining_ms {
            Decision::Retry { delay_ms }
        } else {
            Decision::GiveUp
        }
    };
    match outcome {
        Outcome::NotSent => retry_after(backoff_ms(state.retries, unit)),
        Outcome::Failed(Error::WxApi(e)) if errcode::needs_token_refresh(e.errcode) => {
            if state.can_refresh && !state.refreshed {
                Decision::RefreshToken
            } else {
                Decision::GiveUp
            }
        }
        Outcome::Failed(Error::WxApi(e)) if e.errcode == MINUTE_QUOTA_REACHED => {
            // A little past the boundary, so the retry lands in the new minute.
            retry_after(until_next_minute_ms(state.now_ms) + 250.0 + 750.0 * unit)
        }
        Outcome::Failed(Error::WxApi(e)) if errcode::is_retryable(e.errcode) => {
            retry_after(backoff_ms(state.retries, unit))
        }
        Outcome::Failed(Error::Transport(t))
            if state.effect == Effect::Reads && ambiguous_but_transient(t) =>
        {
            retry_after(backoff_ms(state.retries, unit))
        }
        Outcome::Failed(_) => Decision::GiveUp,
    }
}

/// A failure after sending that another attempt may not meet: a timeout, a dropped
/// connection, a 5xx, an unreadable answer. Not an abort, nor a 4xx (a proxy or a wrong
/// base URL, which answers the same again).
fn ambiguous_but_transient(t: &crate::error::TransportError) -> bool {
    match t.kind {
        TransportKind::Timeout | TransportKind::Network | TransportKind::BadResponse => true,
        TransportKind::HttpStatus => t.status.is_some_and(|s| s >= 500),
        TransportKind::Aborted => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{TransportKind, WxApiError};

    fn wx(errcode: i64) -> Error {
        Error::wx_api(WxApiError::from_catalog(errcode, String::new(), ""))
    }

    fn state() -> CallState {
        CallState {
            retries: 0,
            max_retries: 2,
            can_refresh: true,
            refreshed: false,
            remaining_ms: 60_000.0,
            now_ms: 1_700_000_000_000.0,
            effect: Effect::Changes,
        }
    }

    #[test]
    fn backoff_is_full_jitter_under_the_cap() {
        assert_eq!(backoff_ms(0, 0.0), 0.0);
        assert_eq!(backoff_ms(0, 0.5), 250.0);
        assert_eq!(backoff_ms(1, 0.5), 500.0);
        assert_eq!(backoff_ms(3, 0.999_999), 3_999.996);
        assert_eq!(backoff_ms(4, 1.0), 8_000.0);
        assert_eq!(backoff_ms(40, 1.0), 8_000.0);
        assert_eq!(backoff_ms(2, f64::NAN), 0.0);
    }

    #[test]
    fn busy_and_not_sent_are_retried_until_the_budget_is_spent() {
        let busy = wx(-1);
        assert_eq!(
            decide(Outcome::Failed(&busy), state(), 0.5),
            Decision::Retry { delay_ms: 250.0 }
        );
        assert_eq!(
            decide(
                Outcome::NotSent,
                CallState {
                    retries: 1,
                    ..state()
                },
                0.5
            ),
            Decision::Retry { delay_ms: 500.0 }
        );
        let spent = CallState {
            retries: 2,
            ..state()
        };
        assert_eq!(decide(Outcome::Failed(&busy), spent, 0.5), Decision::GiveUp);
        assert_eq!(decide(Outcome::NotSent, spent, 0.5), Decision::GiveUp);
    }

    #[test]
    fn nothing_that_may_have_created_a_service_is_retried() {
        for kind in [
            TransportKind::Timeout,
            TransportKind::Network,
            TransportKind::HttpStatus,
            TransportKind::BadResponse,
            TransportKind::Aborted,
        ] {
            let e = Error::transport(kind, "x", true);
            assert_eq!(decide(Outcome::Failed(&e), state(), 0.5), Decision::GiveUp);
        }
        for code in [-1000, 40097, 40101, 45009, 85088, 123_456] {
            assert_eq!(
                decide(Outcome::Failed(&wx(code)), state(), 0.5),
                Decision::GiveUp
            );
        }
    }

    #[test]
    fn token_errors_refresh_once_and_only_with_a_token_source() {
        for code in [40001, 40014, 42001] {
            let e = wx(code);
            assert_eq!(
                decide(Outcome::Failed(&e), state(), 0.5),
                Decision::RefreshToken
            );
            let done = CallState {
                refreshed: true,
                ..state()
            };
            assert_eq!(decide(Outcome::Failed(&e), done, 0.5), Decision::GiveUp);
            let fixed = CallState {
                can_refresh: false,
                ..state()
            };
            assert_eq!(decide(Outcome::Failed(&e), fixed, 0.5), Decision::GiveUp);
        }
    }

    #[test]
    fn minute_quota_waits_for_the_next_minute_only_within_the_deadline() {
        let e = wx(45011);
        let at = CallState {
            now_ms: 59_000.0,
            ..state()
        };
        assert_eq!(
            decide(Outcome::Failed(&e), at, 0.0),
            Decision::Retry { delay_ms: 1_250.0 }
        );
        let short = CallState {
            now_ms: 1_000.0,
            remaining_ms: 30_000.0,
            ..state()
        };
        assert_eq!(decide(Outcome::Failed(&e), short, 0.0), Decision::GiveUp);
    }

    #[test]
    fn a_retry_that_would_outlive_the_deadline_is_not_made() {
        let tight = CallState {
            remaining_ms: 100.0,
            ..state()
        };
        assert_eq!(decide(Outcome::NotSent, tight, 0.5), Decision::GiveUp);
        assert_eq!(
            decide(Outcome::NotSent, tight, 0.1),
            Decision::Retry { delay_ms: 50.0 }
        );
    }

    #[test]
    fn reads_are_retried_after_ambiguous_failures_changes_are_not() {
        let reads = CallState {
            effect: Effect::Reads,
            ..state()
        };
        for kind in [
            TransportKind::Timeout,
            TransportKind::Network,
            TransportKind::BadResponse,
        ] {
            let e = Error::transport(kind, "x", false);
            assert_eq!(
                decide(Outcome::Failed(&e), reads, 0.5),
                Decision::Retry { delay_ms: 250.0 }
            );
            assert_eq!(decide(Outcome::Failed(&e), state(), 0.5), Decision::GiveUp);
        }
        let five = Error::Transport(crate::error::TransportError::answered(
            TransportKind::HttpStatus,
            "x",
            502,
            false,
        ));
        let four = Error::Transport(crate::error::TransportError::answered(
            TransportKind::HttpStatus,
            "x",
            404,
            false,
        ));
        assert!(matches!(
            decide(Outcome::Failed(&five), reads, 0.5),
            Decision::Retry { .. }
        ));
        assert_eq!(decide(Outcome::Failed(&four), reads, 0.5), Decision::GiveUp);
        let aborted = Error::transport(TransportKind::Aborted, "x", false);
        assert_eq!(
            decide(Outcome::Failed(&aborted), reads, 0.5),
            Decision::GiveUp
        );
    }
}
