//! The decoding policy: lenient scalars, open enums, unknown fields kept, body kinds recognised.

mod body;
mod lenient;
pub(crate) mod macros;
pub(crate) mod xml;

pub use body::BodyKind;
pub(crate) use body::{decode_error, decode_json, expect_success};
pub use lenient::{Lenient, LenientValue};
