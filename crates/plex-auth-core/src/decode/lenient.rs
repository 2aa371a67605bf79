//! Lenient decoding of the scalars Plex sends in more than one form.
//!
//! Booleans arrive as `true`, `1`, `"1"` or `"true"`; numbers as numbers or numeric strings;
//! strings sometimes as numbers; a list sometimes as a single object. [`Lenient`] is implemented
//! per type, so decoding goes straight from the bytes into the typed model with no intermediate
//! `serde_json::Value` of the whole body.

use crate::secret::Secret;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// A type that decodes from every form Plex is known to send it in.
pub trait Lenient: Sized {
    /// Decodes `Self` from `deserializer`, accepting the drifted forms.
    fn deserialize_lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;

    /// Decodes `Self`, failing on the first value that fits no accepted form, without buffering
    /// anything: the fast path for a body that fits as a whole. The degrading decode
    /// ([`deserialize_lenient`](Self::deserialize_lenient) on models) is the fallback.
    fn deserialize_strict<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::deserialize_lenient(deserializer)
    }

    /// Decodes what fits of an already-buffered `value`; the flag is false when part of it did not
    /// fit (a list with one bad item still yields the good ones).
    fn from_value_partial(value: &serde_json::Value) -> (Option<Self>, bool) {
        match Self::deserialize_lenient(value) {
            Ok(v) => (Some(v), true),
            Err(_) => (None, false),
        }
    }
}

/// Adapter: `Lenient<T>` implements `Deserialize` by way of [`Lenient::deserialize_lenient`].
pub struct LenientValue<T>(pub T);

impl<'de, T: Lenient> Deserialize<'de> for LenientValue<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize_lenient(deserializer).map(LenientValue)
    }
}

/// Adapter: `StrictValue<T>` implements `Deserialize` by way of [`Lenient::deserialize_strict`].
pub struct StrictValue<T>(pub T);

impl<'de, T: Lenient> Deserialize<'de> for StrictValue<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize_strict(deserializer).map(StrictValue)
    }
}

/// One item, decoded the strict or the lenient way.
fn item<'de, T: Lenient, D: Deserializer<'de>, const STRICT: bool>(d: D) -> Result<T, D::Error> {
    if STRICT { T::deserialize_strict(d) } else { T::deserialize_lenient(d) }
}

/// Parses a boolean from the textual forms Plex uses.
pub(crate) fn parse_bool_str(v: &str) -> Option<bool> {
    match v.trim() {
        "1" => Some(true),
        "0" => Some(false),
        s if s.eq_ignore_ascii_case("true") => Some(true),
        s if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

struct BoolVisitor;

impl Visitor<'_> for BoolVisitor {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean (true/false, 0/1, \"0\"/\"1\", \"true\"/\"false\")")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
        Ok(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
        Ok(v != 0)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
        Ok(v != 0)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<bool, E> {
        Ok(v != 0.0)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        parse_bool_str(v).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

impl Lenient for bool {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(BoolVisitor)
    }
}

struct I64Visitor;

impl Visitor<'_> for I64Visitor {
    type Value = i64;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer or a numeric string")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<i64, E> {
        Ok(i64::from(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
        // `i64::MAX as f64` rounds up to 2^63, which `as` would clamp: the bound is exclusive.
        if v.fract() == 0.0 && v >= i64::MIN as f64 && v < i64::MAX as f64 {
            Ok(v as i64)
        } else {
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
        v.trim().parse().map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

impl Lenient for i64 {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(I64Visitor)
    }
}

impl Lenient for u16 {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = d.deserialize_any(I64Visitor)?;
        u16::try_from(v).map_err(|_| de::Error::invalid_value(de::Unexpected::Signed(v), &"a port number (0-65535)"))
    }
}

struct StringVisitor;

impl Visitor<'_> for StringVisitor {
    type Value = String;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
}

impl Lenient for String {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StringVisitor)
    }
}

impl Lenient for Secret {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StringVisitor).map(Secret::new)
    }
}

impl Lenient for serde_json::Value {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        super::value::FirstWins::deserialize(d).map(|v| v.0)
    }
}

struct OptionVisitor<T, const STRICT: bool>(PhantomData<T>);

impl<'de, T: Lenient, const STRICT: bool> Visitor<'de> for OptionVisitor<T, STRICT> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        item::<T, D, STRICT>(d).map(Some)
    }
}

impl<T: Lenient> Lenient for Option<T> {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_option(OptionVisitor::<T, false>(PhantomData))
    }
    fn deserialize_strict<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_option(OptionVisitor::<T, true>(PhantomData))
    }
}

struct VecVisitor<T, const STRICT: bool>(PhantomData<T>);

impl<'de, T: Lenient, const STRICT: bool> Visitor<'de> for VecVisitor<T, STRICT> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list (or a single object)")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        if STRICT {
            while let Some(StrictValue(item)) = seq.next_element::<StrictValue<T>>()? {
                out.push(item);
            }
        } else {
            while let Some(LenientValue(item)) = seq.next_element::<LenientValue<T>>()? {
                out.push(item);
            }
        }
        Ok(out)
    }
    /// Plex sometimes sends a one-element list as the element itself.
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        item::<T, _, STRICT>(de::value::MapAccessDeserializer::new(map)).map(|item| vec![item])
    }
}

impl<T: Lenient> Lenient for Vec<T> {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(VecVisitor::<T, false>(PhantomData))
    }
    fn deserialize_strict<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(VecVisitor::<T, true>(PhantomData))
    }

    /// Keeps every item that fits: one bad item never costs the others.
    fn from_value_partial(value: &serde_json::Value) -> (Option<Self>, bool) {
        match value {
            serde_json::Value::Array(items) => {
                let mut complete = true;
                let out = items
                    .iter()
                    .filter_map(|item| {
                        let (fit, whole) = T::from_value_partial(item);
                        complete &= whole && fit.is_some();
                        fit
                    })
                    .collect();
                (Some(out), complete)
            }
            serde_json::Value::Object(_) => {
                let (fit, whole) = T::from_value_partial(value);
                (fit.map(|item| vec![item]), whole)
            }
            _ => (None, false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn de<T: Lenient>(json: &str) -> Result<T, serde_json::Error> {
        serde_json::from_str::<LenientValue<T>>(json).map(|v| v.0)
    }

    #[test]
    fn booleans_in_every_form() {
        for (json, want) in [
            ("true", true),
            ("false", false),
            ("1", true),
            ("0", false),
            ("\"1\"", true),
            ("\"0\"", false),
            ("\"true\"", true),
            ("\"FALSE\"", false),
        ] {
            assert_eq!(de::<bool>(json).ok(), Some(want), "{json}");
        }
        assert!(de::<bool>("\"maybe\"").is_err());
        assert_eq!(de::<Option<bool>>("null").ok(), Some(None));
    }

    #[test]
    fn integers_and_strings_cross_over() {
        assert_eq!(de::<i64>("\"1556281940\"").ok(), Some(1_556_281_940));
        assert_eq!(de::<i64>("12.0").ok(), Some(12));
        assert!(de::<i64>("12.5").is_err());
        assert_eq!(de::<String>("802").ok().as_deref(), Some("802"));
        assert_eq!(de::<u16>("\"32400\"").ok(), Some(32400));
        assert!(de::<u16>("70000").is_err());
    }

    #[test]
    fn single_object_is_a_one_element_list() {
        let v = de::<Vec<serde_json::Value>>(r#"{"a":1}"#).ok();
        assert_eq!(v, Some(vec![serde_json::json!({"a": 1})]));
        assert_eq!(de::<Vec<i64>>("[1,\"2\"]").ok(), Some(vec![1, 2]));
    }
}
