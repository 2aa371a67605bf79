//! Comparing a recorded request with an expected one, the way a server would read them:
//! query strings and form bodies are parsed (so `a=1&b=2` equals `b=2&a=1`), headers compared
//! by name. Differences are listed readably, with secret values redacted.

use crate::redact;
use plex_auth_core::HttpRequest;
use std::fmt;

/// The differences between two requests.
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

fn diff_pairs(what: &str, actual: &[(String, String)], expected: &[(String, String)], out: &mut Vec<String>) {
    for (k, v) in expected {
        if !actual.iter().any(|(ak, av)| ak == k && av == v) {
            let got = actual.iter().find(|(ak, _)| ak == k).map(|(_, av)| redact::value(k, av));
            out.push(format!(
                "{what} `{k}`: expected {}, got {}",
                redact::value(k, v),
                got.unwrap_or_else(|| "nothing".into())
            ));
        }
    }
    for (k, v) in actual {
        if !expected.iter().any(|(ek, _)| ek == k) {
            out.push(format!("{what} `{k}`: unexpected {}", redact::value(k, v)));
        }
    }
}

fn is_form(req: &HttpRequest) -> bool {
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

/// Compares `actual` with `expected`: method, scheme, authority, path, query (parsed), every
/// header, and the body (parsed when it is a form).
pub fn compare_requests(actual: &HttpRequest, expected: &HttpRequest) -> Result<(), RequestDiff> {
    let mut out = Vec::new();
    if actual.method() != expected.method() {
        out.push(format!("method: expected {}, got {}", expected.method(), actual.method()));
    }
    let (a, e) = (actual.uri(), expected.uri());
    if (a.scheme_str(), a.authority(), a.path()) != (e.scheme_str(), e.authority(), e.path()) {
        // Without the query (compared below, pair by pair) and without userinfo (a password).
        let base = |u: &http::Uri| redact::uri(&http::Uri::from_parts(without_query(u)).unwrap_or_default());
        out.push(format!("URI: expected {}, got {}", base(e), base(a)));
    }
    let query = |r: &HttpRequest| parse_pairs(r.uri().query().unwrap_or("").as_bytes());
    diff_pairs("query", &query(actual), &query(expected), &mut out);
    let headers = |r: &HttpRequest| {
        let mut h: Vec<(String, String)> = r
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect();
        h.sort();
        h
    };
    diff_pairs("header", &headers(actual), &headers(expected), &mut out);
    if is_form(actual) && is_form(expected) {
        diff_pairs("form field", &parse_pairs(actual.body()), &parse_pairs(expected.body()), &mut out);
    } else if actual.body() != expected.body() {
        out.push(format!(
            "body: expected {} bytes, got {} bytes (contents differ)",
            expected.body().len(),
            actual.body().len()
        ));
    }
    if out.is_empty() { Ok(()) } else { Err(RequestDiff(out)) }
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
