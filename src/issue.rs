//! One validation finding and the report that collects them.

use serde::Serialize;
use std::fmt;

/// How bad a finding is: errors stop the request; warnings are reported and the request
/// is still sent (unless `strict`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A problem at a path of the input, e.g. `es_info.port` or `vpc_info.subnet_ids[2]`
/// (empty for the root). `code` is stable and safe to branch on; `message` says what is
/// wrong, where, and how to fix it, and never holds a secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub path: String,
    pub code: &'static str,
    pub message: String,
    #[serde(skip)]
    pub severity: Severity,
}

impl Issue {
    pub fn error(path: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            code,
            message: message.into(),
            severity: Severity::Error,
        }
    }

    pub fn warning(
        path: impl Into<String>,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(path, code, message)
        }
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Messages usually name their path already; print it once.
        if self.path.is_empty() || self.message.contains(self.path.as_str()) {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Every finding of one validation run. `ok` is true when there is no error; warnings do
/// not block unless the run was strict (then they are reported as errors).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub ok: bool,
    pub errors: Vec<Issue>,
    pub warnings: Vec<Issue>,
}

impl Report {
    /// Sorts findings into errors and warnings; in strict mode warnings become errors.
    pub fn from_issues(issues: Vec<Issue>, strict: bool) -> Self {
        let mut report = Report::default();
        for mut issue in issues {
            if strict && issue.severity == Severity::Warning {
                issue.severity = Severity::Error;
            }
            match issue.severity {
                Severity::Error => report.errors.push(issue),
                Severity::Warning => report.warnings.push(issue),
            }
        }
        report.ok = report.errors.is_empty();
        report
    }
}
