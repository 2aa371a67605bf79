//! plex-auth on [smol]: a [`Transport`](plex_auth_core::Transport) and a
//! [`Timer`](plex_auth_core::Timer) for a runtime other than tokio, which is all
//! `plex-auth-core`'s clients and flow drivers need.
//!
//! - [`SmolTransport`] is a small HTTP/1.1 client over `smol::net::TcpStream`: one connection per
//!   request (`Connection: close`), the response head parsed with [`httparse`], bodies framed by
//!   `Content-Length`, chunked or read to the end, capped, and the whole exchange under one
//!   deadline of smol's timer. Plain `http://` only (enough for a Plex Media Server on the LAN or
//!   a loopback fake); `https://` would wrap the stream in a TLS crate such as `futures-rustls`.
//! - [`SmolTimer`] is the system clock with async-io's timer.
//!
//! The binary (`src/main.rs`) runs the PIN login flow and a connection race with them inside
//! `smol::block_on`. Its normal dependency tree has no tokio in it, which
//! `examples/run-against-fake.sh` checks.
#![forbid(unsafe_code)]

mod timer;
mod transport;

pub use timer::SmolTimer;
pub use transport::SmolTransport;
