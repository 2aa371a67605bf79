//! The real secrets of a test, by value, and the places in a Plex request that hold one.
//!
//! Mismatch reports show both differing values in full, except the test's real secrets: the
//! values a caller registers, plus whatever a request carries where Plex keeps a secret (see
//! [`Secrets::of`]). A header merely *named* like a secret is shown; a token echoed in a path is
//! not. Scrubbing itself is core's [`SentSecrets`].

use plex_auth_core::{HttpRequest, SentSecrets};
use std::fmt;

/// Header whose value is a secret: Plex's token.
pub(crate) fn is_secret_header(name: &str) -> bool {
    name.eq_ignore_ascii_case("x-plex-token")
}

/// Query parameter whose value is a secret: Plex also takes the token in the query.
pub(crate) fn is_secret_query(name: &str) -> bool {
    name.eq_ignore_ascii_case("x-plex-token")
}

/// Form field whose value is a secret: the sign-in form's password and 2FA code.
pub(crate) fn is_secret_form(name: &str) -> bool {
    name.eq_ignore_ascii_case("password") || name.eq_ignore_ascii_case("verificationCode")
}

/// The values a test treats as secret; reports replace each of them by `[redacted]` wherever it
/// appears (raw, percent-encoded or JSON-escaped).
///
/// Values shorter than 4 characters are not scrubbed from free text (core's [`SentSecrets`]
/// rule: they would erase ordinary words), but a value in a secret place (the `X-Plex-Token`
/// header or query parameter, the form's `password` or `verificationCode`) is never shown,
/// whatever its length. `Debug` prints only how many values there are.
///
/// ```
/// use plex_auth_testing::Secrets;
/// let secrets = Secrets::new().with("hunter22");
/// assert_eq!(secrets.scrub("GET /users/hunter22?q=hunter22"), "GET /users/[redacted]?q=[redacted]");
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secrets(Vec<String>);

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secrets({} values)", self.0.len())
    }
}

impl Secrets {
    /// No secrets.
    pub fn new() -> Self {
        Self::default()
    }

    /// The values `request` carries in the places Plex keeps secrets: the `X-Plex-Token` header
    /// and query parameter, the `password` and `verificationCode` form fields (when the body is a
    /// form), and the URI's userinfo.
    pub fn of(request: &HttpRequest) -> Self {
        let mut out = Self::new();
        for (name, value) in request.headers() {
            if is_secret_header(name.as_str()) {
                out.add(String::from_utf8_lossy(value.as_bytes()));
            }
        }
        let query = request.uri().query().unwrap_or("");
        out.extend(form_urlencoded::parse(query.as_bytes()).filter(|(k, _)| is_secret_query(k)).map(|(_, v)| v));
        if crate::compare::is_form(request) {
            out.extend(form_urlencoded::parse(request.body()).filter(|(k, _)| is_secret_form(k)).map(|(_, v)| v));
        }
        if let Some((userinfo, _)) = request.uri().authority().and_then(|a| a.as_str().rsplit_once('@')) {
            out.add(userinfo);
            userinfo.split(':').for_each(|part| out.add(part));
        }
        out
    }

    /// Adds `value` (ignored when empty or already present).
    pub fn add(&mut self, value: impl Into<String>) {
        let value = value.into();
        if !value.is_empty() && !self.0.contains(&value) {
            self.0.push(value);
        }
    }

    /// These secrets and `value`.
    pub fn with(mut self, value: impl Into<String>) -> Self {
        self.add(value);
        self
    }

    /// Adds every secret of `other`.
    pub fn merge(&mut self, other: &Secrets) {
        other.0.iter().for_each(|s| self.add(s.as_str()));
    }

    /// True when there is no secret to scrub.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// True when `value` is one of the secrets.
    pub fn contains(&self, value: &str) -> bool {
        self.0.iter().any(|s| s == value)
    }

    /// `text` with every secret, raw, percent-encoded or JSON-escaped, replaced by `[redacted]`.
    pub fn scrub(&self, text: &str) -> String {
        let mut forms: Vec<String> = Vec::new();
        for value in &self.0 {
            let encoded: String = form_urlencoded::byte_serialize(value.as_bytes()).collect();
            let path_encoded = encoded.replace('+', "%20");
            for form in [value.clone(), encoded, path_encoded] {
                if !forms.contains(&form) {
                    forms.push(form);
                }
            }
        }
        // Longest first, so that a secret containing another is replaced whole.
        forms.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let mut sent = SentSecrets::default();
        forms.iter().for_each(|form| sent.add(form));
        let mut text = text.to_owned();
        sent.scrub_text(&mut text);
        text
    }
}

impl<S: Into<String>> Extend<S> for Secrets {
    fn extend<I: IntoIterator<Item = S>>(&mut self, iter: I) {
        iter.into_iter().for_each(|s| self.add(s));
    }
}

impl<S: Into<String>> FromIterator<S> for Secrets {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        let mut out = Self::new();
        out.extend(iter);
        out
    }
}
