//! Collects findings, up to a cap, so that a body with 100,000 bad keys still gives a
//! report of bounded size.

use super::text::thousands;
use crate::issue::{Issue, Severity};

/// Findings kept in full; the rest are counted and summarised in one more finding.
pub(super) const MAX_ISSUES: usize = 100;

#[derive(Default)]
pub(super) struct Sink {
    issues: Vec<Issue>,
    omitted: usize,
    omitted_error: bool,
}

impl Sink {
    /// Records an error; `message` is only built while there is room for it.
    pub(super) fn error(
        &mut self,
        path: &str,
        code: &'static str,
        message: impl FnOnce() -> String,
    ) {
        self.add(Severity::Error, path, code, message);
    }

    /// Records a warning; `message` is only built while there is room for it.
    pub(super) fn warning(
        &mut self,
        path: &str,
        code: &'static str,
        message: impl FnOnce() -> String,
    ) {
        self.add(Severity::Warning, path, code, message);
    }

    fn add(
        &mut self,
        severity: Severity,
        path: &str,
        code: &'static str,
        message: impl FnOnce() -> String,
    ) {
        if self.issues.len() < MAX_ISSUES {
            self.issues.push(Issue {
                path: path.to_owned(),
                code,
                message: message(),
                severity,
            });
        } else {
            self.omitted = self.omitted.saturating_add(1);
            self.omitted_error |= severity == Severity::Error;
        }
    }

    /// The findings, plus one `too_large` at the root when some were left out. It is an
    /// error when an omitted finding was, so the cap never turns a failing body into a
    /// passing one.
    pub(super) fn finish(mut self) -> Vec<Issue> {
        if self.omitted > 0 {
            let message = format!(
                "{} more problems were found and left out of this report, which keeps the first \
                 {MAX_ISSUES}; fix these and validate again",
                thousands(self.omitted)
            );
            let severity = if self.omitted_error {
                Severity::Error
            } else {
                Severity::Warning
            };
            self.issues.push(Issue {
                path: String::new(),
                code: "too_large",
                message,
                severity,
            });
        }
        self.issues
    }
}
