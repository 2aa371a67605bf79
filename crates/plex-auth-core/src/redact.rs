//! The one rule for which names are secret, and the redactions built on it.
//!
//! Every redaction in the workspace (model `Debug`, kept `extra` fields, [`redacted`](crate::redacted)
//! requests, CLI output, test helpers, scrubbing) asks [`is_secret_name`], so a field Plex adds
//! later under a secret-looking name is hidden everywhere at once.

use crate::secret::REDACTED;
use serde_json::{Map, Value};
use std::fmt;

/// Fragments (lowercase, letters and digits only) that make a name secret wherever they appear.
const SECRET_PARTS: &[&str] = &[
    "token",
    "secret",
    "password",
    "passwd",
    "passphrase",
    "key",
    "code",
    "jwt",
    "credential",
    "authorization",
    "cookie",
    "signature",
    "private",
];

/// Whole names (normalised as above) that are secret on their own.
const SECRET_NAMES: &[&str] = &["pin", "otp", "auth", "sig", "pwd", "pass"];

/// True when a field, header, query or form parameter called `name` may hold a secret.
///
/// The check ignores case, punctuation (`auth_token`, `X-Plex-Token`, `api-key`) and
/// percent-encoding (`X-Plex-%54oken`). It errs on the side of hiding: `keyboard` is secret too.
///
/// ```
/// use plex_auth_core::is_secret_name;
/// assert!(is_secret_name("authToken"));
/// assert!(is_secret_name("X-Plex-%54oken"));
/// assert!(is_secret_name("backupCodes"));
/// assert!(is_secret_name("services.credentials"));
/// assert!(!is_secret_name("username"));
/// ```
pub fn is_secret_name(name: &str) -> bool {
    let decoded = if name.contains('%') {
        percent_encoding::percent_decode_str(name).decode_utf8_lossy()
    } else {
        std::borrow::Cow::Borrowed(name)
    };
    let normal: String = decoded.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
    SECRET_PARTS.iter().any(|part| normal.contains(part)) || SECRET_NAMES.contains(&normal.as_str())
}

/// Replaces, at any depth, the whole value (of any type) under every secret name with
/// `"[redacted]"`.
pub fn redact_json(value: &mut Value) {
    match value {
        Value::Object(map) => redact_map(map),
        Value::Array(items) => items.iter_mut().for_each(redact_json),
        _ => {}
    }
}

fn redact_map(map: &mut Map<String, Value>) {
    for (k, v) in map.iter_mut() {
        if is_secret_name(k) {
            *v = Value::String(REDACTED.to_owned());
        } else {
            redact_json(v);
        }
    }
}

/// A `Debug` view of a JSON map with the values under secret names redacted, at any depth.
pub struct RedactedJson<'a>(pub &'a Map<String, Value>);

struct RedactedValue<'a>(&'a Value);

impl fmt::Debug for RedactedJson<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (k, v) in self.0 {
            if is_secret_name(k) {
                map.entry(k, &format_args!("{REDACTED}"));
            } else {
                map.entry(k, &RedactedValue(v));
            }
        }
        map.finish()
    }
}

impl fmt::Debug for RedactedValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Value::Object(m) => RedactedJson(m).fmt(f),
            Value::Array(items) => f.debug_list().entries(items.iter().map(RedactedValue)).finish(),
            other => fmt::Debug::fmt(other, f),
        }
    }
}

/// `Debug` with every value under a secret name hidden, implemented for each type a model field
/// can have: a field typed as free-form JSON (`Value`) may hold secrets at any depth.
pub(crate) trait RedactedDebug {
    fn fmt_redacted(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
}

/// Shows a field through [`RedactedDebug`].
pub(crate) struct ShowRedacted<'a, T: ?Sized>(pub &'a T);

impl<T: RedactedDebug + ?Sized> fmt::Debug for ShowRedacted<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_redacted(f)
    }
}

/// For types whose own `Debug` is already safe (scalars, `Secret`, models, open enums).
macro_rules! plain_redacted_debug {
    ($($t:ty),* $(,)?) => {
        $( impl $crate::redact::RedactedDebug for $t {
            fn fmt_redacted(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Debug::fmt(self, f)
            }
        } )*
    };
}
pub(crate) use plain_redacted_debug;

plain_redacted_debug!(bool, i64, u16, String, crate::secret::Secret);

impl RedactedDebug for Value {
    fn fmt_redacted(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&RedactedValue(self), f)
    }
}

impl<T: RedactedDebug> RedactedDebug for Vec<T> {
    fn fmt_redacted(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter().map(ShowRedacted)).finish()
    }
}

impl<T: RedactedDebug> RedactedDebug for Option<T> {
    fn fmt_redacted(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Some(v) => f.debug_tuple("Some").field(&ShowRedacted(v)).finish(),
            None => f.write_str("None"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_the_probe_are_secret() {
        for name in [
            "authToken",
            "apiKey",
            "authJWT",
            "backupCodes",
            "refreshTokens",
            "accessToken",
            "credentials",
            "X-Plex-Token",
            "x-plex-%54oken",
            "verificationCode",
            "password",
            "client_secret",
            "Authorization",
            "pin",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in ["username", "email", "id", "uuid", "title", "port", "uri", "pinned", "local"] {
            assert!(!is_secret_name(name), "{name}");
        }
    }

    #[test]
    fn whole_values_of_any_type_are_redacted_at_any_depth() {
        let mut value = serde_json::json!({
            "newField": "visible",
            "apiKey": 12345,
            "accessToken": {"value": "s3cr3t-a"},
            "backupCodes": ["s3cr3t-b", "s3cr3t-c"],
            "services": [{"identifier": "x", "credentials": {"user": "s3cr3t-d"}}],
            "n": 1
        });
        let Value::Object(map) = &value else { unreachable!() };
        let shown = format!("{:?}", RedactedJson(map));
        redact_json(&mut value);
        let text = value.to_string();
        for out in [&shown, &text] {
            assert!(out.contains("visible"), "{out}");
            for secret in ["12345", "s3cr3t-a", "s3cr3t-b", "s3cr3t-c", "s3cr3t-d"] {
                assert!(!out.contains(secret), "{out}");
            }
            assert_eq!(out.matches(REDACTED).count(), 4, "{out}");
        }
        assert_eq!(value["n"], 1);
    }
}
