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
    if name.contains('%') {
        let decoded = percent_encoding::percent_decode_str(name).decode_utf8_lossy();
        return normal_is_secret(decoded.bytes());
    }
    normal_is_secret(name.bytes())
}

/// Names this long or shorter (after normalising) are checked on the stack; every real header,
/// query and field name is. Asked for every header of every request, so it allocates nothing.
const STACK_NAME_LEN: usize = 64;

/// Normalises `bytes` (ASCII letters and digits only, lowercased; other bytes, non-ASCII ones
/// included, dropped) and applies the rule.
fn normal_is_secret(bytes: impl Iterator<Item = u8>) -> bool {
    let mut buf = [0u8; STACK_NAME_LEN];
    let mut len = 0;
    let mut long = Vec::new();
    for b in bytes.filter(u8::is_ascii_alphanumeric).map(|b| b.to_ascii_lowercase()) {
        match buf.get_mut(len) {
            Some(slot) if long.is_empty() => *slot = b,
            _ => {
                if long.is_empty() {
                    long.extend_from_slice(&buf);
                }
                long.push(b);
            }
        }
        len += 1;
    }
    let normal = if long.is_empty() { buf.get(..len).unwrap_or_default() } else { &long[..] };
    SECRET_PARTS.iter().any(|part| contains(normal, part.as_bytes()))
        || SECRET_NAMES.iter().any(|whole| whole.as_bytes() == normal)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

/// True for a value that can hold no secret whatever its name: `hasPassword: true` or
/// `backupCodesCreated: false` says one bit about a secret, not the secret, and hiding it would
/// only hide facts a user needs. Strings, numbers (a PIN can be one), lists and objects are
/// redacted.
fn carries_no_secret(value: &Value) -> bool {
    matches!(value, Value::Bool(_) | Value::Null)
}

/// Replaces, at any depth, the whole value under every secret name with `"[redacted]"`; only
/// booleans and nulls, which can carry no secret, are left as they are.
pub fn redact_json(value: &mut Value) {
    match value {
        Value::Object(map) => redact_map(map),
        Value::Array(items) => items.iter_mut().for_each(redact_json),
        _ => {}
    }
}

fn redact_map(map: &mut Map<String, Value>) {
    for (k, v) in map.iter_mut() {
        if is_secret_name(k) && !carries_no_secret(v) {
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
            if is_secret_name(k) && !carries_no_secret(v) {
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
    fn long_odd_and_encoded_names_follow_the_same_rule() {
        let long_plain = "a".repeat(200);
        assert!(!is_secret_name(&long_plain));
        assert!(is_secret_name(&format!("{long_plain}Token")), "past the stack buffer");
        assert!(is_secret_name("_pass_"), "a whole name");
        assert!(!is_secret_name("passport_number_field_x"), "pass is secret only as a whole name");
        assert!(is_secret_name("pass-word"), "punctuation is dropped");
        assert!(is_secret_name("X-PLEX-TOKEN"));
        assert!(!is_secret_name(""));
        assert!(!is_secret_name("%"), "a bad escape is kept as it is");
    }

    #[test]
    fn booleans_and_nulls_under_secret_names_stay_visible() {
        let mut value =
            serde_json::json!({"hasPassword": true, "backupCodesCreated": false, "authToken": null, "pin": 1234});
        let Value::Object(map) = &value else { unreachable!() };
        let shown = format!("{:?}", RedactedJson(map));
        redact_json(&mut value);
        assert_eq!(
            value,
            serde_json::json!({"hasPassword": true, "backupCodesCreated": false, "authToken": null, "pin": REDACTED})
        );
        assert!(shown.contains("\"hasPassword\": Bool(true)") && !shown.contains("1234"), "{shown}");
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
