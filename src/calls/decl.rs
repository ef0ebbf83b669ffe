//! The vocabulary of a call declaration: what a call is (name, path, whether it only
//! reads), the shapes of its body and answer, and for every field its type, whether it is
//! required, what the docs say it means, the rules it must follow and where each rule comes
//! from. The engine (`crate::engine`) interprets these; nothing else knows a field.

use crate::issue::Severity;

/// Where a field or a rule comes from, which decides how hard it is enforced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// WeChat's docs state it: breaking it is an error (nothing is sent).
    Documented,
    /// A convention (CloudBase tooling, doc samples): breaking it is a warning (sent,
    /// reported), which `strict` turns into an error.
    Convention,
    /// Seen only in a sibling SDK or API twin: the field is known (no unknown-key error) but
    /// checked for its JSON type only, and never an error source.
    Unconfirmed,
}

impl Source {
    /// How a broken rule of this source is reported.
    pub const fn severity(self) -> Severity {
        match self {
            Source::Documented => Severity::Error,
            Source::Convention | Source::Unconfirmed => Severity::Warning,
        }
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Source::Documented => "documented",
            Source::Convention => "convention",
            Source::Unconfirmed => "unconfirmed",
        }
    }
}

/// What calling twice can do, which decides what may be retried after an ambiguous failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Only reads: safe to send again whatever happened to the first attempt.
    Reads,
    /// Creates or changes something, and WeChat has no idempotency key: sent again only when
    /// nothing can have been done.
    Changes,
}

impl Effect {
    pub const fn as_str(self) -> &'static str {
        match self {
            Effect::Reads => "reads",
            Effect::Changes => "changes",
        }
    }
}

/// The JSON type of a field's value.
#[derive(Clone, Copy, Debug)]
pub enum Type {
    Str,
    Bool,
    /// A JSON number that is a whole number (`9200.0` counts, and is sent as `9200`).
    Int,
    /// Any JSON number.
    Number,
    /// A string holding a decimal number (`"0.25"`): the docs type the field as a string.
    NumberText,
    /// A string holding JSON text (`"{}"`).
    JsonText,
    Object(&'static Shape),
    /// An array whose entries each follow this spec.
    Array(&'static Spec),
    /// Any JSON value, sent as given.
    Any,
}

impl Type {
    /// The JSON kind a value must have, for messages: "a string", "an array of strings", …
    pub fn describe(self) -> String {
        match self {
            Type::Str => "a string".to_owned(),
            Type::Bool => "a boolean (true or false)".to_owned(),
            Type::Int => "an integer".to_owned(),
            Type::Number => "a number".to_owned(),
            Type::NumberText => "a string holding a number, such as \"0.25\"".to_owned(),
            Type::JsonText => "a string of JSON text, such as \"{}\"".to_owned(),
            Type::Object(_) => "an object".to_owned(),
            Type::Array(item) => format!("an array of {}", item.ty.plural()),
            Type::Any => "any JSON value".to_owned(),
        }
    }

    fn plural(self) -> &'static str {
        match self {
            Type::Str | Type::NumberText | Type::JsonText => "strings",
            Type::Bool => "booleans",
            Type::Int => "integers",
            Type::Number => "numbers",
            Type::Object(_) => "objects",
            Type::Array(_) => "arrays",
            Type::Any => "values",
        }
    }

    /// The TypeScript-like name `describeCalls()` gives: `string`, `integer`, `EsInfo`,
    /// `string[]`, `string (number)`, …
    pub fn name(self) -> String {
        match self {
            Type::Str => "string".to_owned(),
            Type::Bool => "boolean".to_owned(),
            Type::Int => "integer".to_owned(),
            Type::Number => "number".to_owned(),
            Type::NumberText => "string (number)".to_owned(),
            Type::JsonText => "string (JSON)".to_owned(),
            Type::Object(shape) => shape.name.to_owned(),
            Type::Array(item) => format!("{}[]", item.ty.name()),
            Type::Any => "unknown".to_owned(),
        }
    }
}

/// A value the docs do not list but that appears elsewhere (a doc sample, the API twin):
/// accepted with a warning that says so.
#[derive(Clone, Copy, Debug)]
pub struct Tolerated {
    pub value: i64,
    pub why: &'static str,
}

/// A named check of a string's shape: `None` when it fits, else why it does not.
#[derive(Clone, Copy)]
pub struct Pattern {
    /// What a fitting value looks like, for messages and docs.
    pub expect: &'static str,
    /// What to do about a value that does not fit.
    pub advice: &'static str,
    pub problem: fn(&str) -> Option<&'static str>,
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.expect)
    }
}

/// One rule a value must follow.
#[derive(Clone, Copy, Debug)]
pub enum Rule {
    /// The string is one of these.
    OneOf(&'static [&'static str]),
    /// The integer is one of `values`; a `tolerated` one gets a warning.
    IntOneOf {
        values: &'static [(i64, &'static str)],
        tolerated: &'static [Tolerated],
    },
    /// The number (or the number in a `NumberText`) lies in `min..=max`; `why` is said
    /// after the range in messages (" (a TCP port)"), or empty.
    Range {
        min: f64,
        max: f64,
        why: &'static str,
    },
    /// The number (or the number in a `NumberText`) is at least `min`.
    AtLeast { min: f64, why: &'static str },
    /// The number is above zero.
    Positive,
    /// The string is an IPv4 or IPv6 address, exactly (no spaces around it).
    Ip,
    /// The string has this shape.
    Shape(Pattern),
    /// No two entries of the array are equal.
    Unique,
}

/// A rule and where it comes from.
#[derive(Clone, Copy, Debug)]
pub struct Check {
    pub rule: Rule,
    pub source: Source,
}

/// Everything about a field except its name, doc and presence.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub ty: Type,
    /// Documented (type errors are errors) or Unconfirmed (type only, warnings).
    pub source: Source,
    pub checks: &'static [Check],
    /// Never quoted in a message; masked in redacted bodies; redacted from answers.
    pub secret: bool,
    /// Free text (a remark): line breaks and tabs are fine.
    pub free_text: bool,
}

impl Spec {
    pub const fn new(ty: Type) -> Spec {
        Spec {
            ty,
            source: Source::Documented,
            checks: &[],
            secret: false,
            free_text: false,
        }
    }

    pub const fn checks(self, checks: &'static [Check]) -> Spec {
        Spec { checks, ..self }
    }

    pub const fn unconfirmed(self) -> Spec {
        Spec {
            source: Source::Unconfirmed,
            ..self
        }
    }

    pub const fn secret(self) -> Spec {
        Spec {
            secret: true,
            ..self
        }
    }

    pub const fn free_text(self) -> Spec {
        Spec {
            free_text: true,
            ..self
        }
    }
}

/// One field of an object.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// The wire name, exactly as WeChat documents it.
    pub name: &'static str,
    /// What the docs say it means (the field's doc comment: TypeScript docs, CLI help, the
    /// demo page's hint).
    pub doc: &'static str,
    pub required: bool,
    pub spec: Spec,
}

/// An object of a body or an answer: its TypeScript name and its fields in documented
/// order (the order of the built body).
#[derive(Debug)]
pub struct Shape {
    pub name: &'static str,
    pub doc: &'static str,
    pub fields: &'static [Field],
}

impl Shape {
    /// The field called `name`, with its position.
    pub fn field(&self, name: &str) -> Option<(usize, &'static Field)> {
        self.fields.iter().enumerate().find(|(_, f)| f.name == name)
    }
}

/// A rule over several fields of the body's top level, which one field's checks cannot
/// express. `reads` names the fields it looks at; `rule` states it for people (CALLS.md,
/// `describeCalls()`, the CLI's help) and names each of them (a test proves both). A broken
/// rule is an error or a warning by its `source`, like a field's checks.
#[derive(Clone, Copy)]
pub struct CrossRule {
    pub name: &'static str,
    pub reads: &'static [&'static str],
    pub rule: &'static str,
    pub source: Source,
    pub check: fn(&crate::engine::Seen<'_>, &mut crate::engine::Findings<'_>),
}

impl std::fmt::Debug for CrossRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// One call of the family.
#[derive(Debug)]
pub struct Call {
    /// The doc name users search for, e.g. `createCloudbaseServiceVersion`.
    pub name: &'static str,
    /// The last segment of `/componenttcb/<path>`.
    pub path: &'static str,
    /// One line on what it does.
    pub title: &'static str,
    pub effect: Effect,
    pub body: &'static Shape,
    /// The fields of a successful answer beyond `errcode` and `errmsg`.
    pub answer: &'static Shape,
    pub cross: &'static [CrossRule],
    /// For an answer with `errcode` 0: whether its `result` says the call failed after all
    /// (release answers `"failed"`), with the hint to give.
    pub failed_result: Option<FailedResult>,
    /// A small valid body, for docs, the CLI and the demo page.
    pub example: &'static str,
}

/// A `result` value that means failure although `errcode` is 0.
#[derive(Clone, Copy, Debug)]
pub struct FailedResult {
    pub value: &'static str,
    pub hint: &'static str,
}

/// Field spec constructors, used by the declarations.
pub const fn text() -> Spec {
    Spec::new(Type::Str)
}
pub const fn boolean() -> Spec {
    Spec::new(Type::Bool)
}
pub const fn int() -> Spec {
    Spec::new(Type::Int)
}
pub const fn number() -> Spec {
    Spec::new(Type::Number)
}
pub const fn number_text() -> Spec {
    Spec::new(Type::NumberText)
}
pub const fn json_text() -> Spec {
    Spec::new(Type::JsonText)
}
pub const fn object(shape: &'static Shape) -> Spec {
    Spec::new(Type::Object(shape))
}
pub const fn array(item: &'static Spec) -> Spec {
    Spec::new(Type::Array(item))
}
pub const fn any() -> Spec {
    Spec::new(Type::Any)
}

/// A documented rule: breaking it is an error.
pub const fn documented(rule: Rule) -> Check {
    Check {
        rule,
        source: Source::Documented,
    }
}

/// A convention: breaking it is a warning.
pub const fn convention(rule: Rule) -> Check {
    Check {
        rule,
        source: Source::Convention,
    }
}
