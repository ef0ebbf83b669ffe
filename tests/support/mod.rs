//! Helpers shared by the native test files, used in place (`mod support;`).
#![allow(dead_code)]

pub mod create_service;

use wx_cloudbase_service::issue::{Report, Severity};

/// One expected or found issue: path, code, severity.
pub type Finding = (String, &'static str, Severity);

/// Every issue of `report` (errors and warnings) as path, code and severity, sorted by path
/// then code, so that tables of expected findings compare whatever order the engine used.
pub fn findings(report: &Report) -> Vec<Finding> {
    let mut out: Vec<_> = report
        .errors
        .iter()
        .chain(&report.warnings)
        .map(|i| (i.path.clone(), i.code.as_str(), i.severity))
        .collect();
    out.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    out
}
