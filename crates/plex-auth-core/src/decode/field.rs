//! One known field of a model, decoded without ever failing the model.
//!
//! DESIGN.md section 5: a value that fits none of the accepted forms decodes to `None` and is kept
//! raw in `extra`. Scalars are tried in place (no buffering on the happy path); objects and lists
//! are buffered as a `Value` first so that nothing is lost when they do not fit.

use super::Lenient;
use super::value::FirstWins;
use serde::Deserialize;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::fmt;
use std::marker::PhantomData;

/// A field's outcome: what fits, and the raw value when some or all of it did not.
pub struct Field<T> {
    /// The decoded value; `None` for null or when nothing fitted.
    pub value: Option<T>,
    /// The value as sent, when it (or part of it) fitted no accepted form.
    pub unfit: Option<Value>,
}

impl<T> Field<T> {
    fn fit(value: T) -> Self {
        Self { value: Some(value), unfit: None }
    }
    fn null() -> Self {
        Self { value: None, unfit: None }
    }
}

type ScalarError = de::value::Error;

fn scalar<'a, T: Lenient, D>(d: D, raw: impl FnOnce() -> Value) -> Field<T>
where
    D: Deserializer<'a, Error = ScalarError>,
{
    match T::deserialize_lenient(d) {
        Ok(v) => Field::fit(v),
        Err(_) => Field { value: None, unfit: Some(raw()) },
    }
}

fn compound<T: Lenient>(raw: Value) -> Field<T> {
    let (value, complete) = T::from_value_partial(&raw);
    Field { value, unfit: (!complete).then_some(raw) }
}

impl<'de, T: Lenient> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FieldVisitor(PhantomData))
    }
}

struct FieldVisitor<T>(PhantomData<T>);

impl<'de, T: Lenient> Visitor<'de> for FieldVisitor<T> {
    type Value = Field<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Field::null())
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Field::null())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        Field::deserialize(d)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(scalar(v.into_deserializer(), || Value::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(scalar(v.into_deserializer(), || Value::from(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(scalar(v.into_deserializer(), || Value::from(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(scalar(v.into_deserializer(), || Value::from(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(scalar(v.into_deserializer(), || Value::String(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        let d: de::value::StrDeserializer<'_, ScalarError> = v.as_str().into_deserializer();
        match T::deserialize_lenient(d) {
            Ok(fit) => Ok(Field::fit(fit)),
            Err(_) => Ok(Field { value: None, unfit: Some(Value::String(v)) }),
        }
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        FirstWins::deserialize(SeqAccessDeserializer::new(seq)).map(|v| compound(v.0))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        FirstWins::deserialize(MapAccessDeserializer::new(map)).map(|v| compound(v.0))
    }
}
