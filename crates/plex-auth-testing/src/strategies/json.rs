//! JSON values, unknown fields and open enums: what drift looks like.

use super::text::text;
use plex_auth_core::Secret;
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value};

/// Any JSON value whose text form decodes back to an equal value (floats are exact eighths).
pub fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-4096i32..4096).prop_map(|n| Value::from(f64::from(n) / 8.0)),
        text().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::from),
            btree_map(text(), inner, 0..4).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Unknown fields for a model whose known JSON names are `fields`.
pub fn extra(fields: &'static [&'static str]) -> impl Strategy<Value = Map<String, Value>> {
    let key = prop_oneof!["[a-z][a-zA-Z0-9]{0,10}", text()]
        .prop_filter("must not collide with a known field", move |k| !fields.contains(&k.as_str()));
    btree_map(key, json_value(), 0..3).prop_map(|m| m.into_iter().collect())
}

/// A string enum value: a known raw value or any other text, which becomes `Unknown(raw)`.
pub(crate) fn open_str<E: for<'a> From<&'a str> + std::fmt::Debug>(
    known: &'static [&'static str],
) -> impl Strategy<Value = E> {
    prop_oneof![select(known).prop_map(String::from), text()].prop_map(|raw| E::from(raw.as_str()))
}

/// An integer enum value: often a known one, else any `i64`.
pub(crate) fn open_int<E: From<i64> + std::fmt::Debug>() -> impl Strategy<Value = E> {
    prop_oneof![0i64..5, any::<i64>()].prop_map(E::from)
}

/// A secret holding any text.
pub fn secret() -> impl Strategy<Value = Secret> {
    text().prop_map(Secret::new)
}

/// A short list of any text.
pub fn strings() -> impl Strategy<Value = Vec<String>> {
    vec(text(), 0..3)
}

/// A value of a free-form `Value` field: `null` would decode as an absent field.
pub fn non_null_value() -> impl Strategy<Value = Value> {
    json_value().prop_filter("null is absence", |v| !v.is_null())
}
