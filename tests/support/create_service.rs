//! createCloudbaseService through the engine, in the shapes the tests use: a report for a
//! JSON value, and the typed request (deserialised from the built body, which also proves
//! the declaration's struct and table agree) with the warnings.

use serde_json::Value;
use wx_cloudbase_service::calls::{CreateServiceRequest, CREATE_SERVICE};
use wx_cloudbase_service::engine::{self, Rules};
use wx_cloudbase_service::error::Error;
use wx_cloudbase_service::issue::{Issue, Report};

#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    pub strict: bool,
    pub allow_unknown_keys: bool,
}

pub const LAX: Options = Options {
    strict: false,
    allow_unknown_keys: false,
};
pub const STRICT: Options = Options {
    strict: true,
    allow_unknown_keys: false,
};
pub const ALLOW_UNKNOWN: Options = Options {
    strict: false,
    allow_unknown_keys: true,
};

fn rules(opts: &Options) -> Rules {
    Rules {
        strict: opts.strict,
        allow_unknown_keys: opts.allow_unknown_keys,
    }
}

/// The report for `text`.
pub fn validate_text(text: &str, opts: &Options) -> Report {
    engine::check(&CREATE_SERVICE, text, &rules(opts)).report
}

/// The report for a JSON value.
pub fn validate(input: &Value, opts: &Options) -> Report {
    validate_text(&input.to_string(), opts)
}

/// The built body for `text`, or the validation error.
pub fn body_text(text: &str, opts: &Options) -> Result<(String, Vec<Issue>), Error> {
    let checked = engine::check(&CREATE_SERVICE, text, &rules(opts));
    match checked.body_text(text) {
        Some(body) => Ok((body.to_owned(), checked.report.warnings)),
        None => Err(Error::Validation {
            issues: checked.report.errors,
            warnings: checked.report.warnings,
        }),
    }
}

/// The typed request and the warnings, or the validation error.
pub fn check(input: &Value, opts: &Options) -> Result<(CreateServiceRequest, Vec<Issue>), Error> {
    let (body, warnings) = body_text(&input.to_string(), opts)?;
    let request: CreateServiceRequest = serde_json::from_str(&body)
        .unwrap_or_else(|e| panic!("the built body {body} does not fit the typed request: {e}"));
    // Unknown keys (allowed and sent) are not part of the typed request.
    if !warnings.iter().any(|w| w.code == "unknown_field") {
        assert_eq!(
            serde_json::to_string(&request).unwrap(),
            body,
            "the typed request serialises back to the built body"
        );
    }
    Ok((request, warnings))
}
