//! `Debug` for the unknown-fields map: a field Plex adds later may hold a token, so values under
//! keys that look secret print as `[redacted]`.

use crate::secret::REDACTED;
use serde_json::{Map, Value};
use std::fmt;

/// Key fragments (lowercase) whose values are never printed.
const SECRET_KEY_PARTS: &[&str] = &["token", "secret", "password", "key", "code", "jwt"];

pub(crate) fn looks_secret(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    SECRET_KEY_PARTS.iter().any(|part| key.contains(part))
}

/// Debug view of an `extra` map with secret-looking values redacted, recursively.
pub(crate) struct RedactedExtra<'a>(pub &'a Map<String, Value>);

struct RedactedValue<'a>(&'a Value);

impl fmt::Debug for RedactedExtra<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (k, v) in self.0 {
            if looks_secret(k) {
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
            Value::Object(m) => RedactedExtra(m).fmt(f),
            Value::Array(items) => f.debug_list().entries(items.iter().map(RedactedValue)).finish(),
            other => fmt::Debug::fmt(other, f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_looking_keys_are_redacted_at_any_depth() {
        let value = serde_json::json!({
            "newField": "visible",
            "refreshToken": "s3cr3t-a",
            "nested": {"apiKey": "s3cr3t-b", "list": [{"clientSecret": "s3cr3t-c", "n": 1}]}
        });
        let Value::Object(map) = value else { unreachable!() };
        let shown = format!("{:?}", RedactedExtra(&map));
        assert!(shown.contains("visible"), "{shown}");
        assert!(shown.contains("\"n\": Number(1)"), "{shown}");
        for secret in ["s3cr3t-a", "s3cr3t-b", "s3cr3t-c"] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert_eq!(shown.matches(REDACTED).count(), 3, "{shown}");
    }
}
