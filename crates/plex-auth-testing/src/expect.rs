//! `Expect`: what a scripted exchange expects of a request, and, when a request falls short,
//! which check failed and with what value.

use crate::compare::parse_pairs;
use crate::report;
use crate::secrets::{is_secret_form, is_secret_header, is_secret_query};
use plex_auth_core::HttpRequest;
use std::fmt;
use std::sync::Arc;

type Predicate = Arc<dyn Fn(&HttpRequest) -> bool + Send + Sync>;

#[derive(Clone)]
enum Check {
    Query { name: String, value: String },
    Header { name: String, value: String },
    NoHeader { name: String },
    Form { name: String, value: String },
    Custom { what: String, test: Predicate },
}

fn query_values<'a>(pairs: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    pairs.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
}

fn header_values<'a>(req: &'a HttpRequest, name: &str) -> Vec<std::borrow::Cow<'a, str>> {
    req.headers().get_all(name).iter().map(|v| String::from_utf8_lossy(v.as_bytes())).collect()
}

impl Check {
    /// How [`Expect`]'s `Display` names the check (values left out).
    fn label(&self) -> String {
        match self {
            Check::Query { name, .. } => format!("query {name}"),
            Check::Header { name, .. } => format!("header {name}"),
            Check::NoHeader { name } => format!("no header {name}"),
            Check::Form { name, .. } => format!("form {name}"),
            Check::Custom { what, .. } => what.clone(),
        }
    }

    /// The value this check holds in a place Plex keeps secrets, if any.
    fn secret(&self) -> Option<&str> {
        match self {
            Check::Query { name, value } if is_secret_query(name) => Some(value),
            Check::Header { name, value } if is_secret_header(name) => Some(value),
            Check::Form { name, value } if is_secret_form(name) => Some(value),
            _ => None,
        }
    }

    /// `None` when `req` passes; otherwise the mismatch line (secret places redacted, nothing
    /// else scrubbed yet).
    fn mismatch(&self, req: &HttpRequest) -> Option<String> {
        match self {
            Check::Query { name, value } => {
                let pairs = parse_pairs(req.uri().query().unwrap_or("").as_bytes());
                let got = query_values(&pairs, name);
                (!got.contains(&value.as_str()))
                    .then(|| report::mismatch(&format!("query `{name}`"), &[value], &got, is_secret_query(name)))
            }
            Check::Header { name, value } => {
                let got = header_values(req, name);
                let got: Vec<&str> = got.iter().map(|v| v.as_ref()).collect();
                (got.first() != Some(&value.as_str()))
                    .then(|| report::mismatch(&format!("header `{name}`"), &[value], &got, is_secret_header(name)))
            }
            Check::NoHeader { name } => {
                let got = header_values(req, name);
                let got: Vec<&str> = got.iter().map(|v| v.as_ref()).collect();
                (!got.is_empty())
                    .then(|| report::mismatch(&format!("header `{name}`"), &[], &got, is_secret_header(name)))
            }
            Check::Form { name, value } => {
                let pairs = parse_pairs(req.body());
                let got = query_values(&pairs, name);
                (!got.contains(&value.as_str()))
                    .then(|| report::mismatch(&format!("form field `{name}`"), &[value], &got, is_secret_form(name)))
            }
            Check::Custom { what, test } => (!test(req)).then(|| format!("check `{what}`: not met")),
        }
    }
}

/// What a scripted exchange expects of a request: method and path, plus optional checks.
///
/// `Display` (used for leftover exchanges) names the method, the path and each check, never the
/// expected values.
#[derive(Clone)]
pub struct Expect {
    method: http::Method,
    path: String,
    checks: Vec<Check>,
}

impl fmt::Debug for Expect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self}")
    }
}

impl fmt::Display for Expect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)?;
        for check in &self.checks {
            write!(f, " [{}]", check.label())?;
        }
        Ok(())
    }
}

impl Expect {
    /// A request with `method` to `path` (the URI path, without query).
    pub fn new(method: http::Method, path: impl Into<String>) -> Self {
        Self { method, path: path.into(), checks: Vec::new() }
    }

    /// `GET path`.
    pub fn get(path: impl Into<String>) -> Self {
        Self::new(http::Method::GET, path)
    }

    /// `POST path`.
    pub fn post(path: impl Into<String>) -> Self {
        Self::new(http::Method::POST, path)
    }

    fn push(mut self, check: Check) -> Self {
        self.checks.push(check);
        self
    }

    /// The query string has `name=value` (after decoding).
    pub fn query(self, name: &str, value: &str) -> Self {
        self.push(Check::Query { name: name.to_owned(), value: value.to_owned() })
    }

    /// Header `name` equals `value`.
    pub fn header(self, name: &str, value: &str) -> Self {
        self.push(Check::Header { name: name.to_owned(), value: value.to_owned() })
    }

    /// Header `name` is absent.
    pub fn no_header(self, name: &str) -> Self {
        self.push(Check::NoHeader { name: name.to_owned() })
    }

    /// The form body has `name=value` (after decoding).
    pub fn form(self, name: &str, value: &str) -> Self {
        self.push(Check::Form { name: name.to_owned(), value: value.to_owned() })
    }

    /// Any other condition, described by `what` in reports.
    pub fn check(self, what: impl Into<String>, f: impl Fn(&HttpRequest) -> bool + Send + Sync + 'static) -> Self {
        self.push(Check::Custom { what: what.into(), test: Arc::new(f) })
    }

    /// True when `req` meets every expectation.
    pub fn matches(&self, req: &HttpRequest) -> bool {
        self.same_route(req) && self.checks.iter().all(|c| c.mismatch(req).is_none())
    }

    /// True when `req` has this method and path, whatever the checks say.
    pub(crate) fn same_route(&self, req: &HttpRequest) -> bool {
        req.method() == self.method && req.uri().path() == self.path
    }

    /// Every way `req` falls short, one line each; empty when it matches. Values in secret places
    /// are already redacted; the caller scrubs registered secrets.
    pub(crate) fn mismatches(&self, req: &HttpRequest) -> Vec<String> {
        let mut out = Vec::new();
        if req.method() != self.method {
            out.push(format!("method: expected {}, got {}", self.method, req.method()));
        }
        if req.uri().path() != self.path {
            out.push(report::mismatch("path", &[&self.path], &[req.uri().path()], false));
        }
        out.extend(self.checks.iter().filter_map(|c| c.mismatch(req)));
        out
    }

    /// The values this expectation holds in secret places (the token, password, code it expects).
    pub(crate) fn secrets(&self) -> impl Iterator<Item = &str> {
        self.checks.iter().filter_map(Check::secret)
    }
}
