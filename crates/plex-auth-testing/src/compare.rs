//! Comparing a recorded request with an expected one, the way a server would read them:
//! query strings and form bodies are parsed (so `a=1&b=2` equals `b=2&a=1`), headers compared
//! by name. Each difference names the check and shows both values; only the test's real secrets
//! are redacted (see [`Secrets`]).

use crate::report;
use crate::secrets::{Secrets, is_secret_form, is_secret_header, is_secret_query};
use plex_auth_core::HttpRequest;
use std::fmt;

/// The differences between two requests, one line each, like
/// ``header `x-plex-product`: expected "My App", got "Other"``; secrets already scrubbed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestDiff(pub Vec<String>);

impl fmt::Display for RequestDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("requests differ:")?;
        for line in &self.0 {
            write!(f, "\n  - {line}")?;
        }
        Ok(())
    }
}

impl std::error::Error for RequestDiff {}

/// Parses `a=1&b=2` into sorted pairs.
pub fn parse_pairs(encoded: &[u8]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = form_urlencoded::parse(encoded).into_owned().collect();
    pairs.sort();
    pairs
}

fn values_of<'a>(pairs: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    pairs.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
}

/// One line per name whose values differ, in name order.
fn diff_pairs(
    what: &str,
    actual: &[(String, String)],
    expected: &[(String, String)],
    secret: fn(&str) -> bool,
    out: &mut Vec<String>,
) {
    let mut names: Vec<&str> = expected.iter().chain(actual).map(|(k, _)| k.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    for name in names {
        let (e, a) = (values_of(expected, name), values_of(actual, name));
        if e != a {
            out.push(report::mismatch(&format!("{what} `{name}`"), &e, &a, secret(name)));
        }
    }
}

pub(crate) fn is_form(req: &HttpRequest) -> bool {
    req.headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"))
}

fn without_query(u: &http::Uri) -> http::uri::Parts {
    let mut parts = u.clone().into_parts();
    parts.path_and_query = u.path_and_query().and_then(|pq| pq.path().parse().ok());
    parts
}

fn headers(r: &HttpRequest) -> Vec<(String, String)> {
    let mut h: Vec<(String, String)> = r
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
        .collect();
    h.sort();
    h
}

/// Compares `actual` with `expected`: method, scheme, authority, path, query (parsed), every
/// header, and the body (parsed when both are forms).
///
/// The report redacts the secrets both requests carry where Plex keeps them (see
/// [`Secrets::of`]): a mismatching `X-Plex-Token` header is named, its values are not. Every
/// other value is shown in full; use [`compare_requests_with`] to redact more.
pub fn compare_requests(actual: &HttpRequest, expected: &HttpRequest) -> Result<(), RequestDiff> {
    compare_requests_with(actual, expected, &Secrets::new())
}

/// [`compare_requests`], also scrubbing `secrets` (the test's token, password, code…) wherever
/// they appear in the report: in a path, a query, any header, a body.
///
/// ```
/// use plex_auth_testing::{Secrets, compare_requests_with};
/// let req = |path: &str| http::Request::get(path).body(bytes::Bytes::new()).unwrap();
/// let diff = compare_requests_with(&req("/users/tok-1234"), &req("/users/me"), &Secrets::new().with("tok-1234"));
/// assert_eq!(diff.unwrap_err().0, ["URI: expected /users/me, got /users/[redacted]"]);
/// ```
pub fn compare_requests_with(
    actual: &HttpRequest,
    expected: &HttpRequest,
    secrets: &Secrets,
) -> Result<(), RequestDiff> {
    let mut secrets = secrets.clone();
    secrets.merge(&Secrets::of(expected));
    secrets.merge(&Secrets::of(actual));
    let mut out = Vec::new();
    if actual.method() != expected.method() {
        out.push(format!("method: expected {}, got {}", expected.method(), actual.method()));
    }
    let (a, e) = (actual.uri(), expected.uri());
    if (a.scheme_str(), a.authority(), a.path()) != (e.scheme_str(), e.authority(), e.path()) {
        // Without the query (compared below, pair by pair) and without userinfo (a password).
        let base = |u: &http::Uri| report::uri(&http::Uri::from_parts(without_query(u)).unwrap_or_default());
        out.push(format!("URI: expected {}, got {}", base(e), base(a)));
    }
    let query = |r: &HttpRequest| parse_pairs(r.uri().query().unwrap_or("").as_bytes());
    diff_pairs("query", &query(actual), &query(expected), is_secret_query, &mut out);
    diff_pairs("header", &headers(actual), &headers(expected), is_secret_header, &mut out);
    if is_form(actual) && is_form(expected) {
        let form = |r: &HttpRequest| parse_pairs(r.body());
        diff_pairs("form field", &form(actual), &form(expected), is_secret_form, &mut out);
    } else if actual.body() != expected.body() {
        out.push(format!(
            "body: expected {}, got {}",
            report::body(expected.body(), &secrets),
            report::body(actual.body(), &secrets)
        ));
    }
    if out.is_empty() { Ok(()) } else { Err(RequestDiff(out.iter().map(|line| secrets.scrub(line)).collect())) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(uri: &str, headers: &[(&str, &str)], body: &'static str) -> HttpRequest {
        let mut b = http::Request::builder().method("POST").uri(uri);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        b.body(bytes::Bytes::from_static(body.as_bytes())).unwrap()
    }

    #[test]
    fn reordered_query_and_form_are_equal() {
        let form = ("content-type", "application/x-www-form-urlencoded");
        let a = req("http://h/p?a=1&b=2", &[form], "login=ana&password=pw");
        let b = req("http://h/p?b=2&a=1", &[form], "password=pw&login=ana");
        assert_eq!(compare_requests(&a, &b), Ok(()));
    }

    #[test]
    fn differences_are_listed_without_secrets() {
        let form = ("content-type", "application/x-www-form-urlencoded");
        let a = req("http://h/p?a=1", &[form, ("x-plex-token", "tok-actual")], "login=ana&password=secret-a");
        let b = req("http://h/q?a=2", &[form, ("x-plex-token", "tok-expected")], "login=ana&password=secret-b");
        let diff = compare_requests(&a, &b).unwrap_err();
        let text = diff.to_string();
        assert_eq!(diff.0.len(), 4, "{text}");
        assert!(text.contains("URI: expected http://h/q, got http://h/p"), "{text}");
        assert!(text.contains("query `a`: expected \"2\", got \"1\""), "{text}");
        for secret in ["tok-actual", "tok-expected", "secret-a", "secret-b"] {
            assert!(!text.contains(secret), "{text}");
        }
    }
}
