//! The decoding policy: lenient scalars, open enums, unknown fields kept, body kinds recognised.

mod body;
mod field;
mod lenient;
pub(crate) mod macros;
pub(crate) mod repair;
pub(crate) mod value;
pub(crate) mod xml;

pub use body::BodyKind;
pub(crate) use body::{decode_error, decode_json, decode_xml, expect_success};
pub use field::Field;
pub use lenient::{Lenient, LenientValue, StrictValue};
