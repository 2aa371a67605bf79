//! Secret strings: tokens, passwords and 2FA codes.
//!
//! A [`Secret`] never shows its value in `Debug`, has no `Display`, and hands the value out only
//! through [`ExposeSecret::expose_secret`], so a token cannot reach a log line by accident.

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use std::fmt;

/// What `Debug` prints instead of a secret value.
pub const REDACTED: &str = "[redacted]";

/// A token, password or verification code.
///
/// Serializing a `Secret` (for example re-serializing an account to save it) writes the value:
/// that is an explicit act by the caller, unlike printing.
#[derive(Clone)]
pub struct Secret(SecretString);

impl Secret {
    /// Wraps a value as a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Self(SecretString::from(value.into()))
    }

    /// True when the secret is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.expose_secret().is_empty()
    }
}

impl ExposeSecret<str> for Secret {
    fn expose_secret(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.expose_secret().as_bytes(), other.expose_secret().as_bytes());
        // Length is not secret; compare the bytes without an early exit.
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

impl Eq for Secret {}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.expose_secret())
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Lenient: a token sent as a number decodes instead of failing (and echoing its value).
        <Secret as crate::decode::Lenient>::deserialize_lenient(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted_and_value_is_explicit() {
        let s = Secret::new("hunter2-token");
        assert_eq!(format!("{s:?}"), "[redacted]");
        assert_eq!(format!("{:?}", Some(&s)), "Some([redacted])");
        assert_eq!(s.expose_secret(), "hunter2-token");
        assert_eq!(s, Secret::from("hunter2-token"));
        assert_ne!(s, Secret::from("hunter2-tokeN"));
        assert!(!s.is_empty());
    }
}
