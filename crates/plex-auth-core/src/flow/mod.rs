//! Multi-request exchanges as sans-IO state machines (DESIGN.md §4.1), in the style of
//! quinn-proto and str0m: the caller owns sockets and time, the machine owns the logic.
//!
//! A [`Flow`] is asked what to do next with [`Flow::poll`] and told what happened with
//! [`Flow::on_response`]; time is always an argument, so a flow never reads a clock and tests
//! jump time instead of sleeping. [`drive`], [`drive_blocking`] and [`drive_threaded`] run any
//! flow over a transport and a timer; anyone can also drive one by hand.

mod connect;
mod drive;
mod jwt_login;
mod jwt_pin_login;
mod pin_login;

pub use connect::{
    Candidate, ConnectRace, ConnectReport, DEFAULT_ATTEMPT_TIMEOUT, DEFAULT_HEAD_START, DEFAULT_RELAY_DELAY,
    ProbeOutcome, RaceOptions, candidates_of, rank,
};
pub use drive::{drive, drive_blocking, drive_threaded};
pub use jwt_login::{JwtLogin, MAX_ATTEMPTS};
pub use jwt_pin_login::{JwtPinLogin, JwtPinOutcome};
pub use pin_login::{Cancel, DEFAULT_PIN_TIMEOUT, DEFAULT_POLL_INTERVAL, PinLogin, PinLoginOutcome};

use crate::error::Error;
use crate::transport::{HttpRequest, HttpResponse, TransportError};
use std::time::SystemTime;

/// Names one request a flow asked to send, so its response can be handed back to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RequestId(pub u64);

/// What a flow wants next.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // a step is moved once, straight to the driver; boxing the request would cost more
pub enum Step<T> {
    /// Send this request and hand its outcome to [`Flow::on_response`] with the same id. Several
    /// may be in flight at once.
    Send(RequestId, HttpRequest),
    /// Nothing to send before this instant: call [`Flow::poll`] again then, or as soon as a
    /// response in flight arrives.
    WaitUntil(SystemTime),
    /// Nothing to do until a response in flight arrives (the transport's own timeout bounds
    /// the wait), so no timer is involved: a fake clock is never moved while a request is out.
    AwaitResponse,
    /// Finished with this output.
    Done(T),
}

/// A multi-request exchange as a state machine.
pub trait Flow {
    /// What the flow produces when it finishes.
    type Output;

    /// What to do next at `now`. An `Err` ends the flow with that error.
    fn poll(&mut self, now: SystemTime) -> Result<Step<Self::Output>, Error>;

    /// The outcome of request `id`, received at `now`. Transport failures come here too: the
    /// flow decides what they mean (a PIN poll survives a dropped connection until its deadline).
    fn on_response(&mut self, id: RequestId, response: Result<HttpResponse, TransportError>, now: SystemTime);
}
