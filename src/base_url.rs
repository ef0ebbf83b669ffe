//! The base URL every request goes to: `https://host[:port][/prefix]`, or `http://` for a
//! loopback host (or a host the caller names explicitly, e.g. an emulator sidecar in a
//! container). Parsed once; its parts are kept, so the origin used in messages is never
//! re-derived from text.

use crate::issue::{Issue, IssueCode};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};
use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

/// WeChat's API origin, used when no base URL is given.
pub const DEFAULT_BASE_URL: &str = "https://api.weixin.qq.com";

/// Characters left as they are in a query value: RFC 3986 unreserved (`A-Z a-z 0-9 - . _ ~`).
/// Everything else, and every non-ASCII byte, is percent-encoded.
pub const QUERY_VALUE_SET: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Longest base URL accepted; longer ones are refused before they are copied anywhere.
pub const MAX_BASE_URL_CHARS: usize = 2048;

/// Issue path of base URL findings (the JS option name).
const BASE_URL_PATH: &str = "baseUrl";

/// A checked base URL: `https://host[:port][/prefix]`, or `http://` for a loopback host
/// (`127.0.0.0/8`, `localhost`, `[::1]`). Scheme and host are lowercased; the trailing `/`
/// is stripped. It never holds user info, a query or a fragment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl {
    base: String,
    /// Length of `scheme://host[:port]` within `base`.
    origin_len: usize,
}

impl Default for BaseUrl {
    fn default() -> Self {
        Self {
            base: DEFAULT_BASE_URL.to_owned(),
            origin_len: DEFAULT_BASE_URL.len(),
        }
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.base)
    }
}

impl BaseUrl {
    /// Checks and normalises a base URL. Findings have path `baseUrl` and code `empty`,
    /// `whitespace`, `too_large` or `pattern`; the message says how to fix it and never
    /// repeats the URL (it could hold a password in its user info).
    pub fn parse(base_url: &str) -> Result<BaseUrl, Vec<Issue>> {
        Self::parse_allowing(base_url, &[])
    }

    /// As [`BaseUrl::parse`], with `http://` also allowed for the hosts in `http_hosts`
    /// (lowercase names, e.g. an emulator sidecar `emulator`): the caller said so explicitly.
    pub fn parse_allowing(base_url: &str, http_hosts: &[String]) -> Result<BaseUrl, Vec<Issue>> {
        if base_url.chars().count() > MAX_BASE_URL_CHARS {
            return Err(vec![Issue::error(
                BASE_URL_PATH,
                IssueCode::TooLarge,
                format!(
                    "baseUrl is longer than {MAX_BASE_URL_CHARS} characters; pass the origin \
                     such as https://api.weixin.qq.com"
                ),
            )]);
        }
        parse_base_url(base_url, http_hosts)
            .map(|(base, origin_len)| BaseUrl { base, origin_len })
            .map_err(|issue| vec![issue])
    }

    /// The normalised base, without a trailing `/`.
    pub fn as_str(&self) -> &str {
        &self.base
    }

    /// Scheme, host and port, without the path prefix: safe to print in messages (a base
    /// URL has no userinfo).
    pub fn origin(&self) -> &str {
        self.base.get(..self.origin_len).unwrap_or(&self.base)
    }
}

fn pattern(message: &str) -> Issue {
    Issue::error(BASE_URL_PATH, IssueCode::Pattern, message)
}

fn parse_base_url(s: &str, http_hosts: &[String]) -> Result<(String, usize), Issue> {
    if s.is_empty() {
        return Err(Issue::error(
            BASE_URL_PATH,
            IssueCode::Empty,
            "baseUrl is empty: leave it out to use https://api.weixin.qq.com, or pass an \
             https:// URL such as https://api.weixin.qq.com",
        ));
    }
    if s.trim() != s {
        return Err(Issue::error(
            BASE_URL_PATH,
            IssueCode::Whitespace,
            "baseUrl has leading or trailing whitespace: remove it",
        ));
    }
    if s.chars().any(char::is_whitespace) {
        return Err(Issue::error(
            BASE_URL_PATH,
            IssueCode::Whitespace,
            "baseUrl contains whitespace: remove it (percent-encode a space in a path prefix \
             as %20)",
        ));
    }
    if s.chars().any(char::is_control) {
        return Err(pattern("baseUrl contains a control character: remove it"));
    }
    if !s.is_ascii() {
        return Err(pattern(
            "baseUrl contains non-ASCII characters: use the punycode (xn--) form of the host \
             and percent-encode the path prefix",
        ));
    }
    let Some((scheme, rest)) = s.split_once("://") else {
        return Err(pattern(
            "baseUrl must be an absolute https:// URL such as https://api.weixin.qq.com \
             (http:// only for a loopback host such as http://127.0.0.1:8080)",
        ));
    };
    let scheme = scheme.to_ascii_lowercase();
    let secure = match scheme.as_str() {
        "https" => true,
        "http" => false,
        _ => {
            return Err(pattern(
                "baseUrl must use https:// (http:// only for a loopback host such as \
                 http://127.0.0.1:8080); other schemes are not allowed",
            ))
        }
    };
    if rest.contains('\\') {
        return Err(pattern(
            "baseUrl contains a backslash: use / to separate path segments",
        ));
    }
    if rest.contains('?') {
        return Err(pattern(
            "baseUrl must not have a query string: remove everything from '?' on (the \
             library adds ?access_token= itself)",
        ));
    }
    if rest.contains('#') {
        return Err(pattern(
            "baseUrl must not have a fragment: remove everything from '#' on",
        ));
    }
    let (authority, path) = match rest.find('/') {
        Some(i) => (
            rest.get(..i).unwrap_or_default(),
            rest.get(i..).unwrap_or_default(),
        ),
        None => (rest, ""),
    };
    if authority.contains('@') {
        return Err(pattern(
            "baseUrl must not contain user info (user:password@): remove it; WeChat \
             authenticates with the access_token only",
        ));
    }
    if authority.is_empty() {
        return Err(pattern(
            "baseUrl has no host: write it as https://host[:port][/prefix], e.g. \
             https://api.weixin.qq.com",
        ));
    }
    let (host, port, loopback) = parse_authority(authority)?;
    if !secure && !loopback && !http_hosts.iter().any(|h| h.eq_ignore_ascii_case(&host)) {
        return Err(pattern(
            "http:// is allowed only for a loopback host (127.0.0.1, localhost, [::1]), e.g. \
             a local emulator, or a host named in allowHttpHosts: use https:// for any other \
             host",
        ));
    }
    let path = path.trim_end_matches('/');
    check_path(path)?;
    let mut base = format!("{scheme}://{host}");
    if let Some(port) = port {
        base.push(':');
        base.push_str(&port.to_string());
    }
    let origin_len = base.len();
    base.push_str(path);
    Ok((base, origin_len))
}

/// Splits `host[:port]` / `[v6][:port]`: (lowercased host, port, is loopback).
fn parse_authority(authority: &str) -> Result<(String, Option<u16>, bool), Issue> {
    let (host, loopback, port_part) = if let Some(bracketed) = authority.strip_prefix('[') {
        let Some((inside, after)) = bracketed.split_once(']') else {
            return Err(pattern(
                "baseUrl has an IPv6 host without its closing ']': write it as \
                 https://[2001:db8::1]:8443",
            ));
        };
        let Ok(addr) = inside.parse::<Ipv6Addr>() else {
            return Err(pattern(
                "baseUrl has an invalid IPv6 address between [ and ]: write a plain IPv6 \
                 address (no zone id), e.g. [::1]",
            ));
        };
        let port_part = match after {
            "" => None,
            _ => match after.strip_prefix(':') {
                Some(port) => Some(port),
                None => {
                    return Err(pattern(
                        "baseUrl has characters after the IPv6 host's ']': only :port may \
                         follow it",
                    ))
                }
            },
        };
        (
            format!("[{}]", inside.to_ascii_lowercase()),
            addr.is_loopback(),
            port_part,
        )
    } else {
        let (host, port_part) = match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        let host = host.to_ascii_lowercase();
        let loopback = check_host_name(&host)?;
        (host, loopback, port_part)
    };
    let port = match port_part {
        None => None,
        Some(text) => Some(parse_port(text)?),
    };
    Ok((host, port, loopback))
}

fn parse_port(text: &str) -> Result<u16, Issue> {
    let invalid = || {
        pattern(
            "baseUrl has an invalid port: after ':' write a number from 1 to 65535, or leave \
             out the ':'",
        )
    };
    if text.is_empty() || text.len() > 5 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid());
    }
    match text.parse::<u16>() {
        Ok(port) if port > 0 => Ok(port),
        _ => Err(invalid()),
    }
}

/// Checks a lowercased host name or IPv4 address; true when it is loopback.
fn check_host_name(host: &str) -> Result<bool, Issue> {
    if host.is_empty() {
        return Err(pattern(
            "baseUrl has no host: write it as https://host[:port][/prefix], e.g. \
             https://api.weixin.qq.com",
        ));
    }
    if let Ok(addr) = host.parse::<Ipv4Addr>() {
        return Ok(addr.is_loopback());
    }
    let invalid = || {
        pattern(
            "baseUrl has an invalid host: use a domain name made of letters, digits and '-' \
             separated by dots (e.g. api.weixin.qq.com), a dotted IPv4 address, or an IPv6 \
             address in [ ]",
        )
    };
    if host.len() > 253 {
        return Err(invalid());
    }
    let mut last_label = "";
    for label in host.split('.') {
        let valid = !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !valid {
            return Err(invalid());
        }
        last_label = label;
    }
    // A host whose last label is a number is read as an IPv4 address by browsers and
    // Node (`127.1`, `0x7f.1`); only the plain dotted form is accepted.
    let numeric = last_label.bytes().all(|b| b.is_ascii_digit())
        || last_label
            .strip_prefix("0x")
            .is_some_and(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()));
    if numeric {
        return Err(pattern(
            "baseUrl has an invalid IPv4 address: write four decimal numbers 0-255 without \
             leading zeros, e.g. 127.0.0.1",
        ));
    }
    Ok(host == "localhost")
}

/// Checks an optional path prefix (already without trailing `/`).
fn check_path(path: &str) -> Result<(), Issue> {
    if path.is_empty() {
        return Ok(());
    }
    let mut bytes = path.bytes();
    while let Some(b) = bytes.next() {
        let ok = match b {
            b'%' => matches!(
                (bytes.next(), bytes.next()),
                (Some(h), Some(l)) if h.is_ascii_hexdigit() && l.is_ascii_hexdigit()
            ),
            b if b.is_ascii_alphanumeric() => true,
            b'-' | b'.' | b'_' | b'~' | b'/' | b':' | b'@' => true,
            b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' => true,
            _ => false,
        };
        if !ok {
            return Err(pattern(
                "baseUrl's path prefix has a character not allowed in a URL path: \
                 percent-encode it (e.g. %25 for '%')",
            ));
        }
    }
    for segment in path.split('/').skip(1) {
        if segment.is_empty() {
            return Err(pattern(
                "baseUrl's path prefix has an empty segment ('//'): remove the extra '/'",
            ));
        }
        let lower = segment.to_ascii_lowercase();
        if matches!(
            lower.as_str(),
            "." | ".." | "%2e" | "%2e%2e" | ".%2e" | "%2e."
        ) {
            return Err(pattern(
                "baseUrl's path prefix has a '.' or '..' segment: write the prefix without \
                 them",
            ));
        }
    }
    Ok(())
}
