//! The one interpreter of every call declaration: reads a request's JSON text once, driven
//! by the call's shapes (serde's `DeserializeSeed`, no value tree), reports every problem
//! with its path and stable code — documented rules as errors, conventions as warnings — and
//! builds the canonical body as it goes: compact, declared order, `null` optionals left out,
//! unknown keys only when allowed.
//!
//! When the input already is that body (the usual `JSON.stringify` of a valid request), the
//! caller is told so and sends the input itself: nothing new crosses back to JS.
//!
//! Bounded whatever the input: at most [`MAX_INPUT_BYTES`], at most the schema's depth of
//! recursion (values outside the schema are skipped by serde_json without recursing), at
//! most [`sink::MAX_ISSUES`] findings.

mod fast;
mod number;
mod object;
mod output;
mod scalar;
mod sink;
pub mod text;
mod unknown;
mod value;

use crate::calls::{Call, Shape};
use crate::issue::{Issue, IssueCode, Report, Severity};
use serde::de::DeserializeSeed;
use std::borrow::Cow;

pub use sink::{Findings, MAX_ISSUES};

/// Largest request accepted, in bytes of JSON text: a valid one is a few kilobytes.
pub const MAX_INPUT_BYTES: usize = 1 << 20;

/// Longest string accepted anywhere in a body: 64 KiB.
pub const MAX_STRING_BYTES: usize = 65_536;

/// How to judge a request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rules {
    /// Report warnings as errors, so that a broken convention also stops the request.
    pub strict: bool,
    /// Keys the call does not declare are warnings and sent as given (forward compatibility
    /// for fields WeChat adds), instead of errors.
    pub allow_unknown_keys: bool,
}

/// The body to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    /// The input text itself is the canonical body.
    Input,
    /// The canonical body, which differs from the input.
    Built(String),
}

/// What [`check`] found.
#[derive(Debug)]
pub struct Checked {
    pub report: Report,
    /// `Some` when the report has no error.
    pub body: Option<Body>,
    /// Values of the request's secret fields (passwords), to mask in any answer that echoes
    /// them.
    pub secrets: Vec<String>,
}

impl Checked {
    /// The body as text, given the input it was checked from.
    pub fn body_text<'a>(&'a self, input: &'a str) -> Option<&'a str> {
        match self.body.as_ref()? {
            Body::Input => Some(input),
            Body::Built(text) => Some(text),
        }
    }
}

/// A value as the engine saw it, kept for the top-level fields so a call's cross-field
/// rules can look at them.
#[derive(Clone, Debug)]
pub enum Kind<'de> {
    Null,
    Bool(bool),
    Number(f64),
    Str(Cow<'de, str>),
    Array,
    Object,
}

#[derive(Clone, Debug)]
pub struct Observed<'de> {
    pub kind: Kind<'de>,
    /// It passed its own checks (type and rules).
    pub valid: bool,
}

/// The top-level fields of a request, for a call's [`CrossRule`](crate::calls::CrossRule)s.
pub struct Seen<'a> {
    shape: &'static Shape,
    values: &'a [Option<Observed<'a>>],
}

impl<'a> Seen<'a> {
    fn get(&self, name: &str) -> Option<&Observed<'a>> {
        let (index, _) = self.shape.field(name)?;
        self.values
            .get(index)?
            .as_ref()
            .filter(|o| !matches!(o.kind, Kind::Null))
    }

    /// Given, and not `null`.
    pub fn present(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Given, and it passed its own checks.
    pub fn valid(&self, name: &str) -> bool {
        self.get(name).is_some_and(|o| o.valid)
    }

    /// A valid string.
    pub fn str(&self, name: &str) -> Option<&str> {
        match self.get(name) {
            Some(Observed {
                kind: Kind::Str(s),
                valid: true,
            }) => Some(s),
            _ => None,
        }
    }

    /// A valid number, or the number a valid numeric string holds.
    pub fn number(&self, name: &str) -> Option<f64> {
        match self.get(name)? {
            Observed {
                kind: Kind::Number(n),
                valid: true,
            } => Some(*n),
            Observed {
                kind: Kind::Str(s),
                valid: true,
            } => text::parse_number(s),
            _ => None,
        }
    }

    /// A valid boolean.
    pub fn bool(&self, name: &str) -> Option<bool> {
        match self.get(name)? {
            Observed {
                kind: Kind::Bool(b),
                valid: true,
            } => Some(*b),
            _ => None,
        }
    }
}

/// One segment of the path being read.
#[derive(Clone, Copy)]
enum Seg {
    Key(&'static str),
    Index(usize),
}

/// The state of one check: what was found, what is being written, where we are.
struct Walker {
    call: &'static Call,
    rules: Rules,
    sink: sink::Sink,
    out: output::Output,
    path: Vec<Seg>,
    secrets: Vec<String>,
}

fn render(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Seg::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

impl Walker {
    /// Records a finding at the current path; `message` gets the rendered path.
    fn report(
        &mut self,
        severity: Severity,
        code: IssueCode,
        message: impl FnOnce(&str) -> String,
    ) {
        let path = &self.path;
        self.sink.add(severity, code, || {
            let rendered = render(path);
            let message = message(&rendered);
            (rendered, message)
        });
    }

    /// Records a finding at `at`, a path other than the current one (unknown keys).
    fn report_at(
        &mut self,
        severity: Severity,
        at: String,
        code: IssueCode,
        message: impl FnOnce() -> String,
    ) {
        self.sink.add(severity, code, || (at, message()));
    }
}

/// Checks `input` (JSON text) as a request of `call`: every problem at once, and the body to
/// send when there is no error. Never panics, whatever the text.
pub fn check(call: &'static Call, input: &str, rules: &Rules) -> Checked {
    // The usual request, read in one quick pass; anything else, from the start below.
    if let Some(secrets) = fast::clean(call, input) {
        return Checked {
            report: Report::from_issues(Vec::new(), rules.strict),
            body: Some(Body::Input),
            secrets,
        };
    }
    check_fully(call, input, rules)
}

/// [`check`] without the quick pass (the tests compare the two).
pub(super) fn check_fully(call: &'static Call, input: &str, rules: &Rules) -> Checked {
    let mut w = Walker {
        call,
        rules: *rules,
        sink: sink::Sink::default(),
        out: output::Output::with_capacity(input.len() + 2),
        path: Vec::new(),
        secrets: Vec::new(),
    };
    if input.len() > MAX_INPUT_BYTES {
        w.report(Severity::Error, IssueCode::TooLarge, |_| {
            format!(
                "the request is {} bytes as JSON, more than the {} any valid request needs",
                text::thousands(input.len()),
                text::thousands(MAX_INPUT_BYTES)
            )
        });
        return finish(w, input, None);
    }
    let mut de = serde_json::Deserializer::from_str(input);
    let walked = object::Root { w: &mut w }
        .deserialize(&mut de)
        .and_then(|values| de.end().map(|()| values));
    match walked {
        Ok(values) => {
            let values = values.unwrap_or_default();
            let seen = Seen {
                shape: call.body,
                values: &values,
            };
            Findings::run_all(call, &seen, &mut w.sink);
            finish(w, input, Some(()))
        }
        Err(e) => {
            let issue = syntax_issue(&e);
            w.sink
                .add(Severity::Error, issue.code, || (issue.path, issue.message));
            finish(w, input, None)
        }
    }
}

fn finish(w: Walker, input: &str, walked: Option<()>) -> Checked {
    let issues: Vec<Issue> = w.sink.finish();
    let report = Report::from_issues(issues, w.rules.strict);
    let body = match walked {
        Some(()) if report.ok => {
            if w.out.bytes == input.as_bytes() {
                Some(Body::Input)
            } else {
                // Written from checked UTF-8 pieces, so this cannot fail; if it ever did,
                // nothing is sent rather than something wrong.
                String::from_utf8(w.out.bytes).ok().map(Body::Built)
            }
        }
        _ => None,
    };
    let report = if walked.is_some() && report.ok && body.is_none() {
        Report::from_issues(vec![internal()], false)
    } else {
        report
    };
    Checked {
        report,
        body,
        secrets: w.secrets,
    }
}

fn internal() -> Issue {
    Issue::error(
        "",
        IssueCode::Serialize,
        "the request passed validation but its body could not be built; this is a bug in \
         wx-cloudbase-service, please report it with the shape (not the values) of the request",
    )
}

/// The root finding of text serde_json cannot read. Its message can quote the input, so
/// only its category is used.
fn syntax_issue(e: &serde_json::Error) -> Issue {
    let message = e.to_string();
    if message.contains("recursion limit") {
        Issue::error(
            "",
            IssueCode::Depth,
            "the request is nested far deeper than any call's body (objects or arrays within \
             each other over 100 levels); pass the object the docs describe",
        )
    } else if message.contains("surrogate") || message.contains("escape") {
        Issue::error(
            "",
            IssueCode::ControlChar,
            "a string in the request holds a lone UTF-16 surrogate or a broken escape, which is \
             not valid text; remove it",
        )
    } else if e.is_eof() || e.is_syntax() {
        Issue::error(
            "",
            IssueCode::Type,
            "the request is not valid JSON text; pass an object, or JSON.stringify one",
        )
    } else {
        Issue::error(
            "",
            IssueCode::Type,
            "the request could not be read as JSON data",
        )
    }
}
