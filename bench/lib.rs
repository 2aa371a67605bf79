//! Shared pieces of the benchmarks in this crate (loopback servers, CPU clocks).
//!
//! The core's own decode, encode and JWT benches live in `crates/plex-auth-core/benches`;
//! these need the adapters or real sockets. Run with `cargo bench -p plex-auth-bench`.
#![forbid(unsafe_code)]
