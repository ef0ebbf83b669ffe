//! Collects findings, up to a cap, so that a body with 100,000 bad keys still gives a
//! report of bounded size.

use super::text::thousands;
use crate::issue::{Issue, IssueCode, Severity};

/// Findings kept in full; the rest are counted and summarised in one more finding.
pub const MAX_ISSUES: usize = 100;

#[derive(Default)]
pub struct Sink {
    issues: Vec<Issue>,
    omitted: usize,
    omitted_error: bool,
}

impl Sink {
    /// Records a finding; `describe` (its path and message) is only called while there is
    /// room for it. The generic part is this one test: the rest is shared, not copied into
    /// every rule's instance (35 of them, about 10 KB of wasm, when it was all generic).
    #[inline]
    pub fn add(
        &mut self,
        severity: Severity,
        code: IssueCode,
        describe: impl FnOnce() -> (String, String),
    ) {
        if self.issues.len() < MAX_ISSUES {
            let (path, message) = describe();
            self.push(severity, code, path, message);
        } else {
            self.omit(severity);
        }
    }

    fn push(&mut self, severity: Severity, code: IssueCode, path: String, message: String) {
        self.issues.push(Issue {
            path,
            code,
            message,
            severity,
        });
    }

    fn omit(&mut self, severity: Severity) {
        self.omitted = self.omitted.saturating_add(1);
        self.omitted_error |= severity == Severity::Error;
    }

    /// How many errors were found so far (kept or left out).
    pub fn errors(&self) -> usize {
        let kept = self
            .issues
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .count();
        kept + usize::from(self.omitted_error)
    }

    /// The findings, plus one `too_large` at the root when some were left out. It is an
    /// error when an omitted finding was, so the cap never turns a failing body into a
    /// passing one.
    pub fn finish(mut self) -> Vec<Issue> {
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
                code: IssueCode::TooLarge,
                message,
                severity,
            });
        }
        self.issues
    }
}

/// What a call's cross-field rules report through: paths are the top-level field names. The
/// severity is the running rule's, from its declared source, so a check cannot contradict
/// what `describeCalls()` and CALLS.md say about it.
pub struct Findings<'s> {
    pub(super) sink: &'s mut Sink,
    pub(super) severity: Severity,
}

impl Findings<'_> {
    /// Runs `call`'s rules across fields over `seen`, each reporting at its own severity.
    pub(super) fn run_all(call: &crate::calls::Call, seen: &super::Seen<'_>, sink: &mut Sink) {
        for rule in call.cross {
            let mut findings = Findings {
                sink: &mut *sink,
                severity: rule.source.severity(),
            };
            (rule.check)(seen, &mut findings);
        }
    }

    /// Reports that the running rule does not hold, at `path`.
    pub fn broken(&mut self, path: &str, message: impl FnOnce() -> String) {
        self.sink.add(self.severity, IssueCode::Consistency, || {
            (path.to_owned(), message())
        });
    }
}
