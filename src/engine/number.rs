//! Numbers against their field's spec: integer or not, then ranges, positivity and the
//! integer enumerations, each reported with the severity of its rule's source.

use super::scalar::{alternatives, severity};
use super::text::{number as shown_number, Got};
use super::value::{invalid, ValueSeed};
use super::{Kind, Observed, Walker};
use crate::calls::{Rule, Spec, Type};
use crate::issue::{IssueCode, Severity};

/// A JSON number as serde_json read it.
#[derive(Clone, Copy)]
pub(super) enum Num {
    Int(i128),
    Float(f64),
}

impl Num {
    fn as_f64(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Float(f) => f,
        }
    }

    /// The number as an integer, when it is one (`9200.0` is).
    fn as_int(self) -> Option<i128> {
        match self {
            Num::Int(i) => Some(i),
            // Saturating: a huge whole float is then out of every range.
            Num::Float(f) if f.is_finite() && f.fract() == 0.0 => Some(f as i128),
            Num::Float(_) => None,
        }
    }
}

impl ValueSeed<'_> {
    pub(super) fn number<'de>(self, n: Num) -> Observed<'de> {
        let value = n.as_f64();
        let kind = Kind::Number(value);
        match self.spec.ty {
            Type::Int => {
                let Some(int) = n.as_int() else {
                    self.w.report(Severity::Error, IssueCode::Integer, |path| {
                        format!(
                            "{path} must be an integer; got {}, which is not an integer",
                            shown_number(value)
                        )
                    });
                    return invalid(kind);
                };
                let valid = number_rules(self.w, self.spec, value, Some(int));
                self.w.out.integer(int);
                Observed { kind, valid }
            }
            Type::Number => {
                let valid = number_rules(self.w, self.spec, value, n.as_int());
                match n {
                    Num::Int(i) => self.w.out.integer(i),
                    Num::Float(f) => self.w.out.float(f),
                }
                Observed { kind, valid }
            }
            _ => {
                self.wrong(Got::Number(value));
                invalid(kind)
            }
        }
    }
}

/// The numeric rules of `spec` for `value` (`int` when it is a whole number).
pub(super) fn number_rules(w: &mut Walker, spec: &Spec, value: f64, int: Option<i128>) -> bool {
    let mut valid = true;
    let kind = if matches!(spec.ty, Type::Int) {
        "an integer"
    } else {
        "a number"
    };
    for check in spec.checks {
        match check.rule {
            Rule::Range { min, max, why } if !(min..=max).contains(&value) => {
                valid = false;
                w.report(severity(check), IssueCode::Range, |path| {
                    format!(
                        "{path} must be {kind} from {} to {}{why}; got {}",
                        shown_number(min),
                        shown_number(max),
                        shown_number(value)
                    )
                });
            }
            Rule::AtLeast { min, why } if value < min => {
                valid = false;
                w.report(severity(check), IssueCode::Range, |path| {
                    format!(
                        "{path} must be {kind} of at least {}{why}; got {}",
                        shown_number(min),
                        shown_number(value)
                    )
                });
            }
            Rule::Positive if value <= 0.0 => {
                valid = false;
                w.report(severity(check), IssueCode::Range, |path| {
                    format!("{path} must be above 0; got {}", shown_number(value))
                });
            }
            Rule::IntOneOf { values, tolerated } => {
                // A number too large for i64 is none of the values.
                let v = int.and_then(|i| i64::try_from(i).ok());
                if values.iter().any(|(known, _)| Some(*known) == v) {
                    continue;
                }
                let list = alternatives(values.iter().map(|(n, what)| format!("{n} ({what})")));
                if let Some(t) = tolerated.iter().find(|t| Some(t.value) == v) {
                    w.report(Severity::Warning, IssueCode::Enum, |path| {
                        format!(
                            "{path} {} {}; the documented values are {list}, so WeChat may \
                             reject it",
                            t.value, t.why
                        )
                    });
                } else {
                    valid = false;
                    w.report(severity(check), IssueCode::Enum, |path| {
                        format!("{path} must be {list}; got {}", shown_number(value))
                    });
                }
            }
            _ => {}
        }
    }
    valid
}
