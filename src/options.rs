//! The numeric options of clients, calls and token managers: each one's name, unit,
//! default and accepted range, in one place, with the check that words a bad value. The
//! wasm options reader (`wasm::options`) reads JS values with these; nothing else states a
//! default.

use crate::issue::{Issue, IssueCode};

/// A number option.
#[derive(Clone, Copy, Debug)]
pub struct NumberOption {
    pub name: &'static str,
    pub default: f64,
    /// The smallest value accepted; `min_exclusive` makes it a strict bound.
    pub min: f64,
    pub min_exclusive: bool,
    pub max: f64,
    pub integer: bool,
    /// How messages name the unit: "milliseconds", "seconds", "".
    pub unit: &'static str,
}

impl NumberOption {
    /// The value, or the issue that says what is accepted.
    pub fn check(&self, value: f64) -> Result<f64, Issue> {
        let above_min = if self.min_exclusive {
            value > self.min
        } else {
            value >= self.min
        };
        let fits = value.is_finite()
            && above_min
            && value <= self.max
            && (!self.integer || value.fract() == 0.0);
        if fits {
            return Ok(value);
        }
        let what = if self.integer {
            "an integer".to_owned()
        } else if self.unit.is_empty() {
            "a number".to_owned()
        } else {
            format!("a number of {}", self.unit)
        };
        // Integers in the message, so f64 formatting stays out of the wasm.
        let (min, max) = (self.min as u64, self.max as u64);
        let range = if self.min_exclusive {
            format!("above {min} and at most {max}")
        } else {
            format!("from {min} to {max}")
        };
        Err(Issue::error(
            self.name,
            IssueCode::Range,
            format!(
                "{} must be {what} {range} (default {})",
                self.name, self.default as u64
            ),
        ))
    }
}

/// Per attempt, reading the body included.
pub const TIMEOUT_MS: NumberOption = NumberOption {
    name: "timeoutMs",
    default: 15_000.0,
    min: 0.0,
    min_exclusive: true,
    // Longer is surely a unit mistake (seconds passed as minutes).
    max: 600_000.0,
    integer: false,
    unit: "milliseconds",
};

/// The whole call: token, attempts, backoff and waits.
pub const DEADLINE_MS: NumberOption = NumberOption {
    name: "deadlineMs",
    default: 30_000.0,
    min: 0.0,
    min_exclusive: true,
    max: 3_600_000.0,
    integer: false,
    unit: "milliseconds",
};

/// Retries where retrying cannot do anything twice.
pub const MAX_RETRIES: NumberOption = NumberOption {
    name: "maxRetries",
    default: 2.0,
    min: 0.0,
    min_exclusive: false,
    // More would only burn quota.
    max: 10.0,
    integer: true,
    unit: "",
};

/// A token manager refreshes this long before the token expires (at most half its life).
pub const REFRESH_MARGIN_SECONDS: NumberOption = NumberOption {
    name: "refreshMarginSeconds",
    default: 600.0,
    min: 0.0,
    min_exclusive: false,
    // Half of the 7200 s a token lives: more would refresh a token for most of its life.
    max: 3_600.0,
    integer: false,
    unit: "seconds",
};

/// Each call of a shared store's `get`/`set`: bounded well inside a call's budget, so a
/// store that hangs cannot eat the token request's time.
pub const STORE_TIMEOUT_MS: NumberOption = NumberOption {
    name: "storeTimeoutMs",
    default: 1_000.0,
    min: 0.0,
    min_exclusive: true,
    max: 60_000.0,
    integer: false,
    unit: "milliseconds",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_pass_their_own_checks() {
        for option in [
            TIMEOUT_MS,
            DEADLINE_MS,
            MAX_RETRIES,
            REFRESH_MARGIN_SECONDS,
            STORE_TIMEOUT_MS,
        ] {
            assert_eq!(option.check(option.default), Ok(option.default));
            assert!(option.check(f64::NAN).is_err());
            assert!(option.check(option.max + 1.0).is_err());
        }
        assert!(TIMEOUT_MS.check(0.0).is_err());
        assert!(MAX_RETRIES.check(1.5).is_err());
        assert_eq!(
            MAX_RETRIES.check(11.0).unwrap_err().message,
            "maxRetries must be an integer from 0 to 10 (default 2)"
        );
        assert_eq!(
            TIMEOUT_MS.check(-1.0).unwrap_err().message,
            "timeoutMs must be a number of milliseconds above 0 and at most 600000 (default 15000)"
        );
    }
}
