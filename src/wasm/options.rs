//! The one reader of every options object (calls, clients, builds, token managers, push
//! receivers): each knows its keys, so an unknown key — `baseURL`, `timeout`,
//! `access_token` — is refused with a did-you-mean instead of silently ignored (a misspelt
//! `baseUrl` would otherwise send to production WeChat). Strings are length-checked before
//! they are copied into wasm memory; getters that throw are findings, not traps. Defaults
//! and ranges come from `crate::options`.

use super::interop::bounded_string;
use super::js;
use crate::base_url::{BaseUrl, MAX_BASE_URL_CHARS};
use crate::issue::{Issue, IssueCode};
use crate::options::NumberOption;
use crate::suggest::{normalize, suggest};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Longest accepted `allowHttpHosts` entry and list.
const MAX_HOST_CHARS: usize = 253;
const MAX_HOSTS: usize = 16;

pub struct Reader<'a> {
    opts: &'a JsValue,
    /// False for an absent optional options object: every read gives `None`.
    present: bool,
    issues: Vec<Issue>,
}

impl<'a> Reader<'a> {
    /// Reads `opts`, an object whose keys must be among `known`. `what` names it in
    /// messages ("the client options"); `required`: `undefined` is an error, not `{}`.
    pub fn open(
        opts: &'a JsValue,
        what: &str,
        known: &'static [&'static str],
        required: bool,
    ) -> Reader<'a> {
        let mut r = Reader {
            opts,
            present: true,
            issues: Vec::new(),
        };
        if (opts.is_undefined() || opts.is_null()) && !required {
            r.present = false;
            return r;
        }
        if !opts.is_object() || opts.is_function() || js_sys::Array::is_array(opts) {
            r.present = false;
            r.issues.push(Issue::error(
                "",
                IssueCode::Type,
                format!(
                    "{what} must be an object, such as {{ {}: … }}",
                    known.first().copied().unwrap_or("")
                ),
            ));
            return r;
        }
        match js::keys(opts) {
            Ok(keys) => {
                for key in keys {
                    if !known.contains(&key.as_str()) {
                        r.issues.push(unknown_option(what, known, &key));
                    }
                }
            }
            Err(_) => r.issues.push(Issue::error(
                "",
                IssueCode::Type,
                format!("{what} could not be read (listing its keys threw); pass a plain object"),
            )),
        }
        r
    }

    pub fn issue(&mut self, issue: Issue) {
        self.issues.push(issue);
    }

    pub fn extend(&mut self, issues: Vec<Issue>) {
        self.issues.extend(issues);
    }

    /// The option's value, `None` when absent (or `undefined`); a getter that throws is a
    /// finding.
    pub fn value(&mut self, key: &'static str) -> Option<JsValue> {
        if !self.present {
            return None;
        }
        match js::prop(self.opts, key) {
            Ok(v) if v.is_undefined() => None,
            Ok(v) => Some(v),
            Err(_) => {
                self.bad(key, format!("reading {key} threw"));
                None
            }
        }
    }

    fn bad(&mut self, key: &'static str, message: String) {
        self.issues
            .push(Issue::error(key, IssueCode::Type, message));
    }

    pub fn bool(&mut self, key: &'static str) -> Option<bool> {
        let v = self.value(key)?;
        let b = v.as_bool();
        if b.is_none() {
            self.bad(key, format!("{key} must be true or false"));
        }
        b
    }

    /// A string of at most `max` characters, refused before it is copied when longer.
    pub fn string(&mut self, key: &'static str, max: usize) -> Option<String> {
        let v = self.value(key)?;
        match bounded_string(&v, max) {
            Some(Ok(text)) => Some(text),
            Some(Err(length)) => {
                self.issues.push(Issue::error(
                    key,
                    IssueCode::TooLarge,
                    format!(
                        "{key} is {length} characters long, more than the {max} accepted; pass \
                         only the value"
                    ),
                ));
                None
            }
            None => {
                self.bad(key, format!("{key} must be a string"));
                None
            }
        }
    }

    /// A required string (see [`Reader::string`]).
    pub fn required_string(&mut self, key: &'static str, max: usize) -> Option<String> {
        if self.present && self.value(key).is_none() {
            self.issues.push(Issue::error(
                key,
                IssueCode::Required,
                format!("{key} is required (a string)"),
            ));
            return None;
        }
        self.string(key, max)
    }

    pub fn number(&mut self, option: &NumberOption) -> Option<f64> {
        let v = self.value(option.name)?;
        // Not a number: checked as NaN, so the message says what is accepted.
        match option.check(v.as_f64().unwrap_or(f64::NAN)) {
            Ok(n) => Some(n),
            Err(issue) => {
                self.issues.push(issue);
                None
            }
        }
    }

    pub fn function(&mut self, key: &'static str) -> Option<js_sys::Function> {
        let v = self.value(key)?;
        match v.dyn_into::<js_sys::Function>() {
            Ok(f) => Some(f),
            Err(_) => {
                self.bad(key, format!("{key} must be a function"));
                None
            }
        }
    }

    /// An `AbortSignal` whose `aborted` can be read: an object that only passes
    /// `instanceof` (`Object.create(AbortSignal.prototype)`) has a getter that throws.
    pub fn signal(&mut self, key: &'static str) -> Option<web_sys::AbortSignal> {
        let v = self.value(key)?;
        let usable = v.is_instance_of::<web_sys::AbortSignal>()
            && js::get(&v, "aborted").is_ok_and(|a| a.as_bool().is_some());
        if !usable {
            self.bad(
                key,
                format!("{key} must be an AbortSignal, e.g. from new AbortController().signal"),
            );
            return None;
        }
        v.dyn_into().ok()
    }

    /// An array of short strings (host names).
    pub fn hosts(&mut self, key: &'static str) -> Vec<String> {
        let Some(v) = self.value(key) else {
            return Vec::new();
        };
        let list = v
            .dyn_ref::<js_sys::Array>()
            .filter(|a| a.length() as usize <= MAX_HOSTS);
        let hosts: Option<Vec<String>> = list.and_then(|list| {
            list.iter()
                .map(|h| match bounded_string(&h, MAX_HOST_CHARS) {
                    Some(Ok(text)) if !text.is_empty() => Some(text.to_ascii_lowercase()),
                    _ => None,
                })
                .collect()
        });
        hosts.unwrap_or_else(|| {
            self.bad(
                key,
                format!(
                    "{key} must be an array of up to {MAX_HOSTS} host names (such as \
                     [\"emulator\"]) that may be reached over http://"
                ),
            );
            Vec::new()
        })
    }

    /// `baseUrl`, checked; `http://` allowed for loopback and for `http_hosts`.
    pub fn base_url(&mut self, http_hosts: &[String]) -> BaseUrl {
        let Some(text) = self.string("baseUrl", MAX_BASE_URL_CHARS) else {
            return BaseUrl::default();
        };
        match BaseUrl::parse_allowing(&text, http_hosts) {
            Ok(base) => base,
            Err(issues) => {
                self.issues.extend(issues);
                BaseUrl::default()
            }
        }
    }

    pub fn finish(self) -> Result<(), Vec<Issue>> {
        if self.issues.is_empty() {
            Ok(())
        } else {
            Err(self.issues)
        }
    }

    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }
}

fn unknown_option(what: &str, known: &[&str], key: &str) -> Issue {
    let shown = crate::engine::text::quote(key);
    let hint = match suggest(known, &normalize(key)) {
        Some(near) => format!("; did you mean {near}?"),
        None => format!("; the options are {}", crate::engine::text::key_list(known)),
    };
    let path = if crate::engine::text::fits_in_path(key) {
        key.to_owned()
    } else {
        String::new()
    };
    Issue::error(
        path,
        IssueCode::UnknownOption,
        format!("{what} have no option {shown}{hint}"),
    )
}
