//! Scrubbing the secrets a request carried out of the error its response became.
//!
//! A server may echo what it was sent: the token in an error message, the whole request head in
//! an error page, the password in a "wrong password" text. The request is the one place that
//! knows which values were secret (by [`is_secret_name`]), so the drivers take them from it and
//! replace every occurrence, raw or encoded, in the error's messages and kept body.

use crate::error::{Body, Error};
use crate::redact::is_secret_name;
use crate::secret::REDACTED;
use crate::transport::HttpRequest;
use bytes::Bytes;
use http::header::CONTENT_TYPE;

/// Shorter values are not scrubbed: they would erase ordinary words from messages, and Plex's
/// tokens, passwords and codes are all longer.
const MIN_SCRUBBED_LEN: usize = 4;

/// The secret values a request carried, in every form a server could echo them in.
#[derive(Default)]
pub struct SentSecrets(Vec<String>);

impl std::fmt::Debug for SentSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SentSecrets({} values)", self.0.len())
    }
}

impl SentSecrets {
    /// Collects the values of `request`'s secret-named headers, query parameters, form fields and
    /// JSON fields: decoded, as sent, and JSON-escaped.
    pub fn of(request: &HttpRequest) -> Self {
        let mut out = Self::default();
        for (name, value) in request.headers() {
            if is_secret_name(name.as_str()) {
                out.add(&String::from_utf8_lossy(value.as_bytes()));
            }
        }
        if let Some(query) = request.uri().query() {
            out.add_form(query.as_bytes());
        }
        if let Some(userinfo) = request.uri().authority().and_then(|a| a.as_str().rsplit_once('@')).map(|(u, _)| u) {
            out.add(userinfo);
            userinfo.split(':').for_each(|part| out.add(part));
        }
        let content_type = request.headers().get(CONTENT_TYPE).map(|v| v.as_bytes()).unwrap_or_default();
        if content_type.starts_with(b"application/x-www-form-urlencoded") {
            out.add_form(request.body());
        } else if content_type.starts_with(b"application/json") {
            if let Ok(value) = serde_json::from_slice::<serde_json::Value>(request.body()) {
                out.add_json(&value, false);
            }
        }
        out.0.sort_by_key(|s| std::cmp::Reverse(s.len()));
        out.0.dedup();
        out
    }

    /// Adds every value `other` holds, so one set can scrub what several requests carried.
    pub fn merge(&mut self, other: Self) {
        for value in other.0 {
            if !self.0.contains(&value) {
                self.0.push(value);
            }
        }
        self.0.sort_by_key(|s| std::cmp::Reverse(s.len()));
    }

    /// Adds a secret value (and its JSON-escaped form) to scrub, for secrets a caller knows of
    /// that no request carried, or for scrubbing what a program prints itself.
    pub fn add(&mut self, value: &str) {
        if value.len() < MIN_SCRUBBED_LEN {
            return;
        }
        let escaped = serde_json::to_string(value).unwrap_or_default();
        let escaped = escaped.trim_matches('"');
        for form in [value, escaped] {
            if !self.0.iter().any(|s| s == form) {
                self.0.push(form.to_owned());
            }
        }
    }

    fn add_form(&mut self, encoded: &[u8]) {
        for pair in encoded.split(|b| *b == b'&') {
            let Some(eq) = pair.iter().position(|b| *b == b'=') else { continue };
            let (raw_name, raw_value) = (&pair[..eq], &pair[eq + 1..]);
            // `is_secret_name` undoes percent-encoding itself; `+` for a space does not matter to it.
            if is_secret_name(&String::from_utf8_lossy(raw_name)) {
                self.add(&String::from_utf8_lossy(raw_value));
                let decoded: String = form_urlencoded::parse(pair).map(|(_, v)| v.into_owned()).collect();
                self.add(&decoded);
            }
        }
    }

    fn add_json(&mut self, value: &serde_json::Value, secret: bool) {
        match value {
            serde_json::Value::Object(map) => {
                map.iter().for_each(|(k, v)| self.add_json(v, secret || is_secret_name(k)))
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| self.add_json(v, secret)),
            serde_json::Value::String(s) if secret => self.add(s),
            _ => {}
        }
    }

    /// True when the request carried no secret worth scrubbing.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Replaces every secret value in `text` by `[redacted]`.
    pub fn scrub_text(&self, text: &mut String) {
        for secret in &self.0 {
            if text.contains(secret.as_str()) {
                *text = text.replace(secret.as_str(), REDACTED);
            }
        }
    }

    fn scrub_body(&self, body: &mut Body) {
        let mut bytes = body.0.to_vec();
        let mut changed = false;
        for secret in &self.0 {
            changed |= replace_bytes(&mut bytes, secret.as_bytes(), REDACTED.as_bytes());
        }
        if changed {
            body.0 = Bytes::from(bytes);
        }
    }

    /// Replaces every sent secret in `error`'s messages and kept body.
    pub fn scrub(&self, mut error: Error) -> Error {
        if self.is_empty() {
            return error;
        }
        match &mut error {
            Error::Api(api) => {
                api.errors.iter_mut().for_each(|e| self.scrub_text(&mut e.message));
                self.scrub_body(&mut api.body);
            }
            Error::Decode { body, .. } => self.scrub_body(body),
            Error::InvalidInput { reason, .. } => self.scrub_text(reason),
            _ => {}
        }
        error
    }
}

/// Replaces every occurrence of `needle` in `haystack`; true when there was one.
fn replace_bytes(haystack: &mut Vec<u8>, needle: &[u8], with: &[u8]) -> bool {
    if needle.is_empty() || haystack.len() < needle.len() {
        return false;
    }
    let mut out = Vec::with_capacity(haystack.len());
    let (mut i, mut found) = (0, false);
    while i < haystack.len() {
        if haystack[i..].starts_with(needle) {
            out.extend_from_slice(with);
            i += needle.len();
            found = true;
        } else {
            out.push(haystack[i]);
            i += 1;
        }
    }
    if found {
        *haystack = out;
    }
    found
}

impl Error {
    /// This error with every secret that `request` carried (token, password, code, key, by the
    /// names [`is_secret_name`] calls secret) replaced by `[redacted]` in its messages and kept
    /// body, in case the server echoed them. The drivers ([`execute`](crate::execute), the
    /// clients) do this already; call it when sending requests yourself.
    pub fn scrubbed(self, request: &HttpRequest) -> Self {
        SentSecrets::of(request).scrub(self)
    }
}
