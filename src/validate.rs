//! Validation of a `createCloudbaseService` request body: every problem at once, each with
//! a path, a stable code and a message that says what is wrong and how to fix it.
//!
//! Rules the API documents are errors (nothing is sent); CloudBase conventions are warnings
//! (the request is sent and the warning reported), which `strict` turns into errors. The
//! walk follows the schema and goes no deeper than it (three levels), so no input, however
//! deep or wide, can exhaust the stack or grow the report without bound.

mod fast;
mod fields;
mod sink;
mod strings;
mod text;
mod typed;
mod unknown;

use crate::error::Error;
use crate::issue::{Issue, Report};
use crate::model::CreateServiceRequest;
use serde_json::Value;

pub use fast::is_clean_canonical;

/// How to validate.
#[derive(Default, Clone, Copy, Debug)]
pub struct Options {
    /// Report warnings as errors, so that a broken convention also stops the request.
    pub strict: bool,
}

/// Every problem of a request body at once. Never panics, whatever the Value.
pub fn validate(input: &Value, opts: &Options) -> Report {
    let mut sink = sink::Sink::default();
    fields::check_root(input, &mut sink);
    Report::from_issues(sink.finish(), opts.strict)
}

/// Validates, then converts to the typed model. `Err(Error::Validation { issues })` holds
/// the report's errors (after strict promotion); `Ok` returns the typed request and the
/// warnings. Keys outside the schema are reported as warnings and dropped.
pub fn check(input: &Value, opts: &Options) -> Result<(CreateServiceRequest, Vec<Issue>), Error> {
    let report = validate(input, opts);
    if !report.ok {
        return Err(Error::Validation {
            issues: report.errors,
        });
    }
    match serde_json::from_value(typed::schema_only(input)) {
        Ok(request) => Ok((request, report.warnings)),
        // The validator accepted something the typed model rejects. serde's message can
        // quote a value (the password, say), so it is not passed on.
        Err(_) => Err(Error::Validation {
            issues: vec![Issue::error(
                "",
                "type",
                "the request passed validation but could not be converted to the typed \
                 model; this is a bug in wx-cloudbase-service's validator, please report it \
                 with the shape (not the values) of the request",
            )],
        }),
    }
}
