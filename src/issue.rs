//! One validation finding, its stable code, and the report that collects them.

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

/// What kind of problem a finding is: stable, safe to branch on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum IssueCode {
    /// A required field is missing.
    Required,
    /// A value of the wrong JSON type.
    Type,
    /// An empty string or array.
    Empty,
    /// Leading or trailing whitespace.
    Whitespace,
    /// A control character.
    ControlChar,
    /// A value outside the documented set.
    Enum,
    /// A number that must be whole is not.
    Integer,
    /// A number outside its range.
    Range,
    /// Not an IP address.
    Ip,
    /// A value that breaks a naming convention or documented shape.
    Pattern,
    /// A string whose content is not what the field holds (a number, JSON text).
    Format,
    /// Fields that do not fit together.
    Consistency,
    /// A key the call does not have.
    UnknownField,
    /// A key given twice.
    Duplicate,
    /// `null` for an optional field: treated as absent.
    Null,
    /// Too large (a string, a key, the whole input, too many findings).
    TooLarge,
    /// Nested deeper than any request.
    Depth,
    /// An option this function does not take.
    UnknownOption,
    /// A call name that is not one of the family.
    UnknownCall,
    /// The access token source failed.
    TokenSource,
    /// A store's `get` failed.
    StoreGet,
    /// A store's `set` failed.
    StoreSet,
    /// A store returned something that is not a stored token.
    StoreValue,
    /// A function or store did not settle in time.
    Timeout,
    /// Something could not be serialised.
    Serialize,
}

impl IssueCode {
    pub const fn as_str(self) -> &'static str {
        match self {
            IssueCode::Required => "required",
            IssueCode::Type => "type",
            IssueCode::Empty => "empty",
            IssueCode::Whitespace => "whitespace",
            IssueCode::ControlChar => "control_char",
            IssueCode::Enum => "enum",
            IssueCode::Integer => "integer",
            IssueCode::Range => "range",
            IssueCode::Ip => "ip",
            IssueCode::Pattern => "pattern",
            IssueCode::Format => "format",
            IssueCode::Consistency => "consistency",
            IssueCode::UnknownField => "unknown_field",
            IssueCode::Duplicate => "duplicate",
            IssueCode::Null => "null",
            IssueCode::TooLarge => "too_large",
            IssueCode::Depth => "depth",
            IssueCode::UnknownOption => "unknown_option",
            IssueCode::UnknownCall => "unknown_call",
            IssueCode::TokenSource => "token_source",
            IssueCode::StoreGet => "store_get",
            IssueCode::StoreSet => "store_set",
            IssueCode::StoreValue => "store_value",
            IssueCode::Timeout => "timeout",
            IssueCode::Serialize => "serialize",
        }
    }
}

impl PartialEq<&str> for IssueCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<IssueCode> for &str {
    fn eq(&self, other: &IssueCode) -> bool {
        *self == other.as_str()
    }
}

impl fmt::Display for IssueCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A problem at a path of the input, e.g. `es_info.port` or `vpc_info.subnet_ids[2]`
/// (empty for the root). `code` is stable and safe to branch on; `message` says what is
/// wrong, where, and how to fix it, and never holds a secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub path: String,
    pub code: IssueCode,
    pub message: String,
    #[serde(skip)]
    pub severity: Severity,
}

impl Issue {
    pub fn error(path: impl Into<String>, code: IssueCode, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            code,
            message: message.into(),
            severity: Severity::Error,
        }
    }

    pub fn warning(path: impl Into<String>, code: IssueCode, message: impl Into<String>) -> Self {
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
