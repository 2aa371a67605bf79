//! Cross-crate integration and property tests live in `tests/*.rs`.
//!
//! The README's Rust blocks are compiled (and the runnable ones run) as this crate's doctests,
//! so `cargo test --workspace` fails when a snippet stops compiling.

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
