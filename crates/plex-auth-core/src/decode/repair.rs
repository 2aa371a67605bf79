//! The second chance for a JSON body that is valid JSON but beyond what `serde_json::Value`
//! holds: a number past `f64` (`1e400`) or nesting deeper than serde_json's limit of 128.
//!
//! Such a value inside one field must not cost the caller the rest of the response (DESIGN.md
//! section 5). The body is re-read as raw values (serde_json skips raw values without recursing
//! or converting numbers), each rebuilt into a `Value` where it fits; a value that cannot be held
//! is kept as its exact JSON text in a string. Work is linear: each of at most [`MAX_LEVELS`]
//! levels reads its part of the body at most twice.

use super::value::FirstWins;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::fmt;

/// Levels of objects and arrays taken apart before a value is kept as text.
pub(crate) const MAX_LEVELS: usize = 8;

/// The body as a `Value` with every unrepresentable part kept as JSON text; `None` when the body
/// is not valid JSON at all.
pub(crate) fn repaired(body: &[u8]) -> Option<Value> {
    let raw: &RawValue = serde_json::from_slice(body).ok()?;
    Some(rebuild(raw, 0))
}

fn rebuild(raw: &RawValue, level: usize) -> Value {
    if let Ok(FirstWins(value)) = serde_json::from_str::<FirstWins>(raw.get()) {
        return value;
    }
    let text = raw.get();
    if level < MAX_LEVELS {
        if text.starts_with('{') {
            if let Ok(Entries(entries)) = serde_json::from_str::<Entries<'_>>(text) {
                let mut map = Map::new();
                for (key, value) in entries {
                    // The first of a repeated key wins, as in the models.
                    map.entry(key).or_insert_with(|| rebuild(value, level + 1));
                }
                return Value::Object(map);
            }
        } else if text.starts_with('[') {
            if let Ok(items) = serde_json::from_str::<Vec<&RawValue>>(text) {
                return Value::Array(items.into_iter().map(|item| rebuild(item, level + 1)).collect());
            }
        }
    }
    Value::String(text.to_owned())
}

/// An object's members in order, repeats included, values left raw.
struct Entries<'a>(Vec<(String, &'a RawValue)>);

impl<'de> serde::Deserialize<'de> for Entries<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(EntriesVisitor)
    }
}

struct EntriesVisitor;

impl<'de> Visitor<'de> for EntriesVisitor {
    type Value = Entries<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, &'de RawValue>()? {
            out.push((key, value));
        }
        Ok(Entries(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn out_of_range_numbers_and_deep_nesting_are_kept_as_text() {
        let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
        let body = format!(r#"{{"id": 7, "huge": 1e400, "deep": {deep}, "list": [1, 1e400], "huge": 2}}"#);
        let value = repaired(body.as_bytes());
        let value = value.as_ref();
        assert_eq!(value.map(|v| &v["id"]), Some(&json!(7)));
        assert_eq!(value.map(|v| &v["huge"]), Some(&json!("1e400")));
        assert_eq!(value.map(|v| &v["list"]), Some(&json!([1, "1e400"])));
        // Taken apart level by level, then kept as text once the levels run out.
        let mut deep_part = value.map(|v| &v["deep"]);
        let mut arrays = 0;
        while let Some(Value::Array(items)) = deep_part {
            arrays += 1;
            deep_part = items.first();
        }
        assert_eq!(arrays, MAX_LEVELS - 1);
        assert!(deep_part.and_then(Value::as_str).is_some_and(|t| t.starts_with("[[") && t.contains('1')));
    }

    #[test]
    fn invalid_json_is_not_repaired() {
        assert_eq!(repaired(b"{\"a\": }"), None);
        assert_eq!(repaired(b""), None);
    }
}
