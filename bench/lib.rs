//! Shared pieces of the benchmarks in this crate (loopback servers, CPU clocks).
//!
//! The core's own decode, encode and JWT benches live in `crates/plex-auth-core/benches`;
//! these need the adapters or real sockets. Run with `cargo bench -p plex-auth-bench`.
//!
//! - [`cpu`]: the process's CPU time, so a transport bench measures the client's work and not
//!   the scheduler's;
//! - [`fixed_server`]: a minimal keep-alive HTTP/1.1 server with one fixed answer, run in a
//!   child process so its CPU time is not the client's;
//! - [`plain`]: the raw floor's account struct (same fields, no leniency);
//! - [`raw`]: the raw floors: each adapter's client sending the same request by hand;
//! - [`stats`]: medians and percentiles;
//! - [`probes`]: `/identity` listeners that answer after a delay, hang or refuse, for the
//!   connection-choice bench;
//! - [`floors`]: the peers' connection strategies, run over our transports.
#![forbid(unsafe_code)]

#[path = "src/cpu.rs"]
pub mod cpu;
#[path = "src/fixed_server.rs"]
pub mod fixed_server;
#[path = "src/floors.rs"]
pub mod floors;
#[path = "src/plain.rs"]
pub mod plain;
#[path = "src/probes.rs"]
pub mod probes;
#[path = "src/raw.rs"]
pub mod raw;
#[path = "src/stats.rs"]
pub mod stats;
