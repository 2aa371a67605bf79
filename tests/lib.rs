//! Cross-crate integration and property tests live in `tests/*.rs`.
