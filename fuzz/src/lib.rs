//! The harness behind the fuzz targets in `fuzz_targets/`: the fuzz input layout, sentinel
//! secrets, the invariants every decoded outcome keeps, and the structure-aware mutator.
//!
//! The targets are one line each; everything they check lives here so that the targets agree.
#![forbid(unsafe_code)]

pub mod check;
pub mod input;
pub mod mutate;
pub mod secrets;
