//! Test tools for code that uses `plex-auth-core`, usable offline.
//!
//! - [`MockTransport`]: scripted exchanges, ordered or matched by [`Expect`]ation; records every
//!   request; fails closed on anything unexpected; [`MockTransport::check_done`] reports leftovers.
//!   [`compare_requests`] compares a recorded request with an expected one, parsing query strings
//!   and form bodies first.
//! - [`FakePlex`]: a stateful fake of plex.tv and a Plex Media Server (accounts with passwords and
//!   2FA, token validation, transient tokens, source connection information), in memory as a
//!   transport or served on loopback, with per-route [`Fault`] injection.
#![forbid(unsafe_code)]

mod compare;
mod fake;
mod mock;
mod responses;

pub use compare::{RequestDiff, compare_requests, parse_pairs};
pub use fake::{FakeAccount, FakePlex, FakePlexServer, FakeServer, Fault, Route};
pub use mock::{Expect, MockError, MockTransport};
pub use responses::{html_error_response, json_response, plex_error_response, response};
