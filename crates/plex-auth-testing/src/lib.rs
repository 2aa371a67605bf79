//! Test tools for code that uses `plex-auth-core`, usable offline.
//!
//! - [`MockTransport`]: scripted exchanges, ordered or matched by [`Expect`]ation; records every
//!   request; fails closed on anything unexpected; [`MockTransport::check_done`] reports leftovers.
//!   [`compare_requests`] compares a recorded request with an expected one, parsing query strings
//!   and form bodies first. Every mismatch names the check and shows both values; only the
//!   test's real [`Secrets`] (the token, password and code) are redacted.
//! - [`FakePlex`]: a stateful fake of plex.tv and a Plex Media Server (accounts with passwords and
//!   2FA, token validation, transient tokens, source connection information, PINs, resources,
//!   and JWT device auth: registered keys, single-use nonces, Plex JWTs signed with its own
//!   rotating keys, 498 once they expire), in memory as a transport or served on loopback, with
//!   per-route [`Fault`] injection.
//! - [`ScriptedServer`]: a raw HTTP/1.1 server on loopback that plays a [`Script`] byte for byte,
//!   faults included, and records what it read.
//! - [`FakeClock`]: a timer whose sleeps return at once and move its time forward.
//! - [`conformance`]: the checks every transport adapter here passes, for your own transport too,
//!   generated as tests by [`transport_conformance!`].
//! - `strategies` (feature `proptest`, so not linked: docs without it must build too): the
//!   proptest generators this workspace's property tests use, for property-testing your own code
//!   that wraps these models.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod clock;
mod compare;
pub mod conformance;
mod expect;
mod fake;
mod mock;
mod redact;
mod report;
mod responses;
mod scripted;
mod secrets;
#[cfg(feature = "proptest")]
#[cfg_attr(docsrs, doc(cfg(feature = "proptest")))]
pub mod strategies;

pub use clock::FakeClock;
pub use compare::{RequestDiff, compare_requests, compare_requests_with, parse_pairs};
pub use expect::Expect;
pub use fake::{FakeAccount, FakePlex, FakePlexServer, FakeServer, Fault, Probe, Route};
pub use mock::{MockError, MockTransport};
pub use responses::{html_error_response, json_response, plex_error_body, plex_error_response, response};
pub use scripted::{After, Recorded, Script, ScriptedServer, UnansweredConnect, refused_url};
pub use secrets::Secrets;
