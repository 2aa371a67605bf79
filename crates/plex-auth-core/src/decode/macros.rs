//! Two macros that give every Plex model the same decoding policy in one place:
//! `plex_model!` (lenient fields, unknown fields kept in `extra`) and `open_enum!`
//! (known values plus `Unknown(raw)` that re-serializes to the same raw value).

/// Defines a Plex JSON object model.
///
/// Every listed field is `Option<T>` (Plex omits fields the spec calls required) decoded through
/// [`Lenient`](crate::decode::Lenient); every other key is kept in `extra`. A known field whose
/// value fits no accepted form never fails the model: it stays `None` (or keeps the list items
/// that fit) and its raw value is kept in `extra` under its own name. Serializing writes known
/// fields under their Plex names, then `extra`; a raw value in `extra` replaces its typed field,
/// so the original comes back.
macro_rules! plex_model {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* $json:literal => $field:ident : $ty:ty, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Default)]
        pub struct $name {
            $( $(#[$fmeta])* #[doc = concat!("\n\nJSON field `", $json, "`.")] pub $field: Option<$ty>, )*
            /// Fields this version of the crate does not model, kept exactly as sent.
            pub extra: serde_json::Map<String, serde_json::Value>,
        }

        const _: () = {
            use serde::de::{self, Deserializer, MapAccess, Visitor};
            use serde::ser::{SerializeMap, Serializer};
            use $crate::decode::Lenient;

            #[allow(non_camel_case_types)]
            enum Key { $( $field, )* Other(String) }

            struct KeyVisitor;
            impl Visitor<'_> for KeyVisitor {
                type Value = Key;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("a field name")
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                    Ok(match v { $( $json => Key::$field, )* other => Key::Other(other.to_owned()) })
                }
                fn visit_string<E: de::Error>(self, v: String) -> Result<Key, E> {
                    Ok(match v.as_str() { $( $json => Key::$field, )* _ => Key::Other(v) })
                }
            }
            impl<'de> serde::Deserialize<'de> for Key {
                fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    d.deserialize_identifier(KeyVisitor)
                }
            }

            /// `STRICT`: fail on the first unfit value (the fast path); else degrade per field.
            struct ModelVisitor<const STRICT: bool>;
            impl<'de, const STRICT: bool> Visitor<'de> for ModelVisitor<STRICT> {
                type Value = $name;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(concat!("a ", stringify!($name), " object"))
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                    let mut out = $name::default();
                    while let Some(key) = map.next_key::<Key>()? {
                        match key {
                            // The first usable value of a repeated key wins; null or unfit
                            // repeats never erase it.
                            $( Key::$field if STRICT => {
                                let value = map.next_value::<$crate::decode::StrictValue<Option<$ty>>>()?.0;
                                if out.$field.is_none() {
                                    out.$field = value;
                                }
                            }
                            Key::$field => {
                                let field = map.next_value::<$crate::decode::Field<$ty>>()?;
                                if out.$field.is_none() {
                                    if let Some(value) = field.value {
                                        out.$field = Some(value);
                                        out.extra.remove($json);
                                    }
                                    if let Some(raw) = field.unfit {
                                        out.extra.entry($json).or_insert(raw);
                                    }
                                }
                            } )*
                            Key::Other(name) => {
                                let value: $crate::decode::value::FirstWins = map.next_value()?;
                                out.extra.entry(name).or_insert(value.0);
                            }
                        }
                    }
                    Ok(out)
                }
            }

            impl<'de> serde::Deserialize<'de> for $name {
                fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    d.deserialize_map(ModelVisitor::<false>)
                }
            }

            impl Lenient for $name {
                fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    d.deserialize_map(ModelVisitor::<false>)
                }
                fn deserialize_strict<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    d.deserialize_map(ModelVisitor::<true>)
                }
            }

            impl serde::Serialize for $name {
                fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    // A value kept raw in `extra` is what was sent: it wins over the typed part.
                    let typed = |present: bool, json: &str| present && !self.extra.contains_key(json);
                    let len = 0 $( + usize::from(typed(self.$field.is_some(), $json)) )* + self.extra.len();
                    let mut map = s.serialize_map(Some(len))?;
                    $( if let Some(v) = &self.$field {
                        if !self.extra.contains_key($json) { map.serialize_entry($json, v)?; }
                    } )*
                    for (k, v) in &self.extra {
                        map.serialize_entry(k, v)?;
                    }
                    map.end()
                }
            }

            impl std::fmt::Debug for $name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    let mut d = f.debug_struct(stringify!($name));
                    // A known field under a secret name (`pin`) is hidden like an unknown one.
                    $( if self.$field.is_some() && $crate::is_secret_name($json) {
                        d.field(stringify!($field), &format_args!("Some({})", $crate::REDACTED));
                    } else {
                        d.field(stringify!($field), &$crate::redact::ShowRedacted(&self.$field));
                    } )*
                    d.field("extra", &$crate::RedactedJson(&self.extra));
                    d.finish()
                }
            }

            $crate::redact::plain_redacted_debug!($name);

            impl $name {
                /// The JSON names of the fields this model knows.
                #[allow(dead_code)]
                pub const FIELDS: &'static [&'static str] = &[$( $json ),*];
            }
        };
    };
}

/// Defines an open enum over strings (`str`) or integers (`int`).
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident : str {
            $( $(#[$vmeta:meta])* $variant:ident = $raw:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this version of the crate does not know, kept as sent.
            Unknown(String),
        }

        impl $name {
            /// The raw value as Plex sends it.
            pub fn as_str(&self) -> &str {
                match self { $( Self::$variant => $raw, )* Self::Unknown(raw) => raw }
            }
        }

        impl From<&str> for $name {
            fn from(raw: &str) -> Self {
                match raw { $( $raw => Self::$variant, )* other => Self::Unknown(other.to_owned()) }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <String as $crate::decode::Lenient>::deserialize_lenient(d).map(|raw| Self::from(raw.as_str()))
            }
        }

        impl $crate::decode::Lenient for $name {
            fn deserialize_lenient<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <Self as serde::Deserialize>::deserialize(d)
            }
        }

        $crate::redact::plain_redacted_debug!($name);
    };
    (
        $(#[$meta:meta])*
        pub enum $name:ident : int {
            $( $(#[$vmeta:meta])* $variant:ident = $raw:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this version of the crate does not know, kept as sent.
            Unknown(i64),
        }

        impl $name {
            /// The raw value as Plex sends it.
            pub fn as_i64(&self) -> i64 {
                match self { $( Self::$variant => $raw, )* Self::Unknown(raw) => *raw }
            }
        }

        impl From<i64> for $name {
            fn from(raw: i64) -> Self {
                match raw { $( $raw => Self::$variant, )* other => Self::Unknown(other) }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_i64(self.as_i64())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <i64 as $crate::decode::Lenient>::deserialize_lenient(d).map(Self::from)
            }
        }

        impl $crate::decode::Lenient for $name {
            fn deserialize_lenient<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <Self as serde::Deserialize>::deserialize(d)
            }
        }

        $crate::redact::plain_redacted_debug!($name);
    };
}

pub(crate) use open_enum;
pub(crate) use plex_model;
