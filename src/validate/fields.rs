//! The walk over the schema: the root, `es_info` and `vpc_info`, field by field, then the
//! rules that tie fields together. It goes no deeper than the schema; values it does not
//! walk are only scanned, iteratively, by [`scan_foreign`].

use super::sink::Sink;
use super::strings::{
    check_text, env_id_problem, is_prefixed_id, service_name_problem, Presence, MAX_STRING_BYTES,
};
use super::text::{got, quote, thousands};
use super::unknown::{check_unknown_keys, child, scan_foreign, ES_INFO, ROOT, VPC_INFO};
use serde_json::{Map, Number, Value};
use std::collections::HashMap;

/// Largest integer a JavaScript number holds exactly: 2^53 − 1.
pub(super) const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// What a field holds, for messages and hints.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    Str,
    Bool,
    /// A number, then what it must be, e.g. `0 or 1`.
    Number(&'static str),
    Object,
    StrArray,
}

impl Expect {
    fn describe(self) -> String {
        match self {
            Expect::Str => "a string".to_owned(),
            Expect::Bool => "a boolean (true or false)".to_owned(),
            Expect::Number(what) => format!("a number, {what}"),
            Expect::Object => "an object".to_owned(),
            Expect::StrArray => "an array of strings".to_owned(),
        }
    }
}

/// What `log_type` turned out to be, for the consistency rules.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LogTypeSeen {
    Absent,
    Es,
    Cls,
    Invalid,
}

pub(super) fn check_root(input: &Value, sink: &mut Sink) {
    let Value::Object(obj) = input else {
        sink.error("", "type", || {
            let hint = if input.is_string() {
                " (if it is JSON text, parse it first)"
            } else {
                ""
            };
            format!(
                "the request must be a JSON object like {{\"env_id\": \"prod-1a2b3c4d5e6f7a8b\", \
                 \"service_name\": \"my-service\", \"is_public\": true}}; got {}{hint}",
                super::text::kind(input)
            )
        });
        return;
    };

    if let Some(env_id) = required_text(sink, obj, "env_id", "the id of the CloudBase environment")
    {
        if let Some(problem) = env_id_problem(env_id) {
            sink.warning("env_id", "pattern", || {
                format!(
                    "env_id {} does not look like a CloudBase env id, \"<alias>-<16 lowercase letters \
                     or digits>\" such as \"prod-1a2b3c4d5e6f7a8b\": {problem}; copy the env id (not \
                     the env name) from the CloudBase console",
                    quote(env_id)
                )
            });
        }
    }
    if let Some(name) = required_text(
        sink,
        obj,
        "service_name",
        "the name of the service to create",
    ) {
        if let Some(problem) = service_name_problem(name) {
            sink.warning("service_name", "pattern", || {
                format!(
                    "service_name {} breaks the CloudBase naming convention (letters, digits, \"-\" \
                     and \"_\", starting with a letter, 3 to 45 characters): {problem}; WeChat may \
                     reject it",
                    quote(name)
                )
            });
        }
    }
    match obj.get("is_public") {
        None => sink.error("is_public", "required", || {
            "is_public is required: true to open the service to the public network, false to keep \
             it private; add it"
                .to_owned()
        }),
        Some(Value::Bool(_)) => {}
        Some(other) => wrong_type(
            sink,
            "is_public",
            Expect::Bool,
            other,
            Presence::Required,
            false,
        ),
    }
    for key in ["image_repo", "remark"] {
        if let Some(v) = obj.get(key) {
            text(sink, key, v, Presence::Optional, false);
        }
    }
    let es_info = match obj.get("es_info") {
        Some(Value::Object(es)) => {
            check_es_info(sink, es);
            true
        }
        Some(other) => {
            wrong_type(
                sink,
                "es_info",
                Expect::Object,
                other,
                Presence::Optional,
                false,
            );
            false
        }
        None => false,
    };
    let log_type = match obj.get("log_type") {
        None => LogTypeSeen::Absent,
        Some(Value::String(s)) => check_log_type(sink, s),
        Some(other) => {
            wrong_type(
                sink,
                "log_type",
                Expect::Str,
                other,
                Presence::Optional,
                false,
            );
            LogTypeSeen::Invalid
        }
    };
    match obj.get("vpc_info") {
        Some(Value::Object(vpc)) => check_vpc_info(sink, vpc),
        Some(other) => wrong_type(
            sink,
            "vpc_info",
            Expect::Object,
            other,
            Presence::Optional,
            false,
        ),
        None => {}
    }
    if let Some(v) = obj.get("public_access") {
        check_public_access(sink, v);
    }
    check_unknown_keys(sink, &ROOT, obj);

    if log_type == LogTypeSeen::Es && !obj.contains_key("es_info") {
        sink.warning("es_info", "consistency", || {
            "log_type is \"es\" but es_info is missing, so the service has no Elasticsearch to send \
             logs to; add es_info, or use log_type \"cls\""
                .to_owned()
        });
    }
    if es_info && matches!(log_type, LogTypeSeen::Absent | LogTypeSeen::Cls) {
        sink.warning("log_type", "consistency", || {
            let now = if log_type == LogTypeSeen::Cls {
                "is \"cls\""
            } else {
                "is missing"
            };
            format!(
                "es_info is given but log_type {now}, so es_info is probably unused; set log_type \
                 to \"es\", or remove es_info"
            )
        });
    }
}

fn check_es_info(sink: &mut Sink, es: &Map<String, Value>) {
    if let Some(v) = es.get("id") {
        if let Some(id) = integer(sink, "es_info.id", v, "a non-negative integer") {
            if !(0..=i128::from(MAX_SAFE_INTEGER)).contains(&id) {
                sink.error("es_info.id", "range", || {
                    format!(
                        "es_info.id must be a non-negative integer no larger than {MAX_SAFE_INTEGER} \
                         (2^53 - 1, the largest integer a JavaScript number holds exactly); got {}",
                        number_of(v)
                    )
                });
            }
        }
    }
    for key in ["secret_name", "index", "account"] {
        if let Some(v) = es.get(key) {
            text(sink, &child("es_info", key), v, Presence::Optional, false);
        }
    }
    if let Some(ip) = es
        .get("ip")
        .and_then(|v| text(sink, "es_info.ip", v, Presence::Optional, false))
    {
        if ip.parse::<std::net::IpAddr>().is_err() {
            sink.error("es_info.ip", "ip", || {
                format!(
                    "es_info.ip must be an IPv4 or IPv6 address such as \"10.0.0.12\" or \"fd00::12\" \
                     (not a host name, port or URL); got {}",
                    quote(ip)
                )
            });
        }
    }
    if let Some(v) = es.get("port") {
        const PORT: &str = "an integer from 1 to 65535 (a TCP port)";
        if let Some(port) = integer(sink, "es_info.port", v, PORT) {
            if !(1..=65_535).contains(&port) {
                sink.error("es_info.port", "range", || {
                    format!("es_info.port must be {PORT}; got {}", number_of(v))
                });
            }
        }
    }
    if let Some(v) = es.get("password") {
        text(sink, "es_info.password", v, Presence::Optional, true);
    }
    check_unknown_keys(sink, &ES_INFO, es);
}

fn check_vpc_info(sink: &mut Sink, vpc: &Map<String, Value>) {
    if let Some(vpc_id) = vpc
        .get("vpc_id")
        .and_then(|v| text(sink, "vpc_info.vpc_id", v, Presence::Optional, false))
    {
        if !is_prefixed_id(vpc_id, "vpc-") {
            sink.warning("vpc_info.vpc_id", "pattern", || {
                format!(
                    "vpc_info.vpc_id {} does not look like a VPC id, \"vpc-\" and 8 or more lowercase \
                     letters or digits such as \"vpc-a1b2c3d4\"; check it",
                    quote(vpc_id)
                )
            });
        }
    }
    match vpc.get("subnet_ids") {
        Some(Value::Array(ids)) => check_subnet_ids(sink, ids),
        Some(other) => wrong_type(
            sink,
            "vpc_info.subnet_ids",
            Expect::StrArray,
            other,
            Presence::Optional,
            false,
        ),
        None => {}
    }
    if let Some(v) = vpc.get("create_type") {
        const VALUES: &str = "0 (inherit), 1 (create new) or 2 (specify)";
        match integer(sink, "vpc_info.create_type", v, VALUES) {
            Some(0..=2) | None => {}
            Some(3) => sink.warning("vpc_info.create_type", "enum", || {
                format!(
                    "vpc_info.create_type 3 appears only in a doc sample; the documented values are \
                     {VALUES}, so WeChat may reject it"
                )
            }),
            Some(_) => sink.error("vpc_info.create_type", "enum", || {
                format!("vpc_info.create_type must be {VALUES}; got {}", number_of(v))
            }),
        }
    }
    check_unknown_keys(sink, &VPC_INFO, vpc);
}

fn check_subnet_ids(sink: &mut Sink, ids: &[Value]) {
    if ids.is_empty() {
        sink.warning("vpc_info.subnet_ids", "empty", || {
            "vpc_info.subnet_ids is an empty array, which is probably a mistake; list the subnet \
             ids, or omit the field"
                .to_owned()
        });
    }
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    for (i, v) in ids.iter().enumerate() {
        let path = format!("vpc_info.subnet_ids[{i}]");
        let Value::String(raw) = v else {
            wrong_type(sink, &path, Expect::Str, v, Presence::Entry, false);
            continue;
        };
        if let Some(&first) = first_seen.get(raw.as_str()) {
            sink.warning(&path, "consistency", || {
                format!(
                    "{path} repeats {}, already at vpc_info.subnet_ids[{first}]; remove the duplicate",
                    quote(raw)
                )
            });
            continue;
        }
        first_seen.insert(raw, i);
        if let Some(id) = check_text(sink, &path, raw, Presence::Entry, false) {
            if !is_prefixed_id(id, "subnet-") {
                sink.warning(&path, "pattern", || {
                    format!(
                        "{path} {} does not look like a subnet id, \"subnet-\" and 8 or more lowercase \
                         letters or digits such as \"subnet-a1b2c3d4\"; check it",
                        quote(id)
                    )
                });
            }
        }
    }
}

fn check_log_type(sink: &mut Sink, s: &str) -> LogTypeSeen {
    match s {
        "es" => return LogTypeSeen::Es,
        "cls" => return LogTypeSeen::Cls,
        _ => {}
    }
    if s.len() > MAX_STRING_BYTES {
        sink.error("log_type", "too_large", || {
            format!(
                "log_type is {} bytes long; it must be \"es\" or \"cls\"",
                thousands(s.len())
            )
        });
        return LogTypeSeen::Invalid;
    }
    sink.error("log_type", "enum", || {
        let fixed = s.trim().to_ascii_lowercase();
        let fix = if fixed == "es" || fixed == "cls" {
            format!("; write \"{fixed}\" (lowercase, no spaces)")
        } else {
            "; use \"es\" for Elasticsearch (with es_info) or \"cls\" for Cloud Log Service, or omit the field"
                .to_owned()
        };
        let seen = if s.is_empty() { "an empty string".to_owned() } else { quote(s) };
        format!("log_type must be \"es\" or \"cls\"; got {seen}{fix}")
    });
    LogTypeSeen::Invalid
}

fn check_public_access(sink: &mut Sink, v: &Value) {
    const VALUES: &str = "0 or 1";
    match integer(sink, "public_access", v, VALUES) {
        Some(0 | 1) | None => {}
        Some(2) => sink.warning("public_access", "enum", || {
            "public_access 2 (close public access) is documented only by the Tencent Cloud API twin \
             of this call, not by WeChat's page, so WeChat may reject it; use 0 or 1 if you can"
                .to_owned()
        }),
        Some(_) => sink.error("public_access", "enum", || {
            format!("public_access must be {VALUES}; got {}", number_of(v))
        }),
    }
}

/// A required string field, checked; `None` when missing, mistyped or unusable.
fn required_text<'a>(
    sink: &mut Sink,
    obj: &'a Map<String, Value>,
    key: &str,
    what: &str,
) -> Option<&'a str> {
    match obj.get(key) {
        Some(v) => text(sink, key, v, Presence::Required, false),
        None => {
            sink.error(key, "required", || {
                format!("{key} is required ({what}); add it")
            });
            None
        }
    }
}

/// A string field, checked; the value without surrounding whitespace when fit for the
/// field's own rules.
fn text<'a>(
    sink: &mut Sink,
    path: &str,
    v: &'a Value,
    presence: Presence,
    secret: bool,
) -> Option<&'a str> {
    match v {
        Value::String(s) => check_text(sink, path, s, presence, secret),
        other => {
            wrong_type(sink, path, Expect::Str, other, presence, secret);
            None
        }
    }
}

/// A number that must be an integer: its value, or `None` after a `type` or `integer`
/// error. Integral floats (`9200.0`) count as integers.
fn integer(sink: &mut Sink, path: &str, v: &Value, expected: &'static str) -> Option<i128> {
    let Value::Number(n) = v else {
        wrong_type(
            sink,
            path,
            Expect::Number(expected),
            v,
            Presence::Optional,
            false,
        );
        return None;
    };
    let value = integer_value(n);
    if value.is_none() {
        sink.error(path, "integer", || {
            format!("{path} must be {expected}; got {n}, which is not an integer")
        });
    }
    value
}

/// `n` as an integer, if it is one. Floats beyond the `i128` range saturate, which the
/// callers' range checks reject.
pub(super) fn integer_value(n: &Number) -> Option<i128> {
    if let Some(u) = n.as_u64() {
        return Some(i128::from(u));
    }
    if let Some(i) = n.as_i64() {
        return Some(i128::from(i));
    }
    n.as_f64()
        .filter(|f| f.is_finite() && f.fract() == 0.0)
        .map(|f| f as i128)
}

fn number_of(v: &Value) -> String {
    match v {
        Value::Number(n) => n.to_string(),
        other => super::text::kind(other).to_owned(),
    }
}

/// A `type` error at `path`, with a hint for the usual slips, and a scan of the value if
/// it is an array or object.
fn wrong_type(
    sink: &mut Sink,
    path: &str,
    expect: Expect,
    v: &Value,
    presence: Presence,
    secret: bool,
) {
    sink.error(path, "type", || {
        let hint = match (expect, v) {
            (_, Value::Null) if presence == Presence::Optional => {
                "; omit the field instead of sending null".to_owned()
            }
            (Expect::Bool, Value::String(s)) if matches!(s.trim(), "true" | "false") => {
                format!("; write {} without quotes", s.trim())
            }
            (Expect::Bool, Value::Number(n)) if matches!(n.as_u64(), Some(0 | 1)) => {
                "; write true or false, not a number".to_owned()
            }
            (Expect::Number(_), Value::String(s))
                if s.trim().parse::<f64>().is_ok_and(f64::is_finite) =>
            {
                "; write the number without quotes".to_owned()
            }
            (Expect::Str, Value::Number(_) | Value::Bool(_)) if !secret => {
                "; put it in quotes".to_owned()
            }
            _ => String::new(),
        };
        format!(
            "{path} must be {}; got {}{hint}",
            expect.describe(),
            got(v, !secret)
        )
    });
    if v.is_array() || v.is_object() {
        scan_foreign(sink, path, v);
    }
}
