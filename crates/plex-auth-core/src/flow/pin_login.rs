//! Waiting for a user to approve a PIN: poll `GET /pins/{id}` until the token arrives, the PIN
//! expires, or the caller's deadline passes, whichever comes first.
//!
//! Unlike clients that call every polling error "expired", a dropped connection or a 5xx while
//! polling is retried (with backoff) until the deadline; only Plex's 1020 means expired, and
//! any other API error ends the flow with that error.

use super::{Flow, RequestId, Step};
use crate::config::ClientConfig;
use crate::error::Error;
use crate::models::Pin;
use crate::ops::{Endpoint, GetPin};
use crate::secret::Secret;
use crate::transport::{HttpResponse, TransportError};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

/// The default time between polls (python-plexapi, @ctrl/plex and Plex's docs use 1 s).
pub const DEFAULT_POLL_INTERVAL: Duration = Duration::from_secs(1);
/// The default wait before giving up, unless the PIN expires first.
pub const DEFAULT_PIN_TIMEOUT: Duration = Duration::from_secs(120);
/// The longest wait between polls after repeated transport failures.
const MAX_BACKOFF: Duration = Duration::from_secs(8);

/// How a PIN login ended, when it did not fail.
#[derive(Debug)]
pub enum PinLoginOutcome {
    /// The user approved: here is the account's token.
    Linked {
        /// The token (a secret).
        token: Secret,
        /// The PIN as last read.
        pin: Box<Pin>,
    },
    /// The PIN expired, or plex.tv no longer knows it under this client identifier (Plex's
    /// code 1020 says both the same way).
    Expired,
    /// The caller's deadline passed before the user approved.
    DeadlineReached,
    /// [`Cancel::cancel`] was called.
    Cancelled,
}

/// A handle that stops a running [`PinLogin`] at its next poll, from any thread.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// Asks the flow to stop; it ends with [`PinLoginOutcome::Cancelled`].
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub(crate) fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

#[derive(Debug)]
enum State {
    /// Next poll at this time.
    Idle { next_poll: SystemTime },
    /// A poll is in flight.
    Polling { id: RequestId },
    /// Finished; the outcome is taken by the next `poll`.
    Finished(Option<Result<PinLoginOutcome, Error>>),
}

/// The PIN login state machine: give it a PIN created by [`CreatePin`](crate::CreatePin), show
/// the user its [`AuthUrl`](crate::AuthUrl), and drive it.
///
/// ```
/// use plex_auth_core::flow::{Flow, PinLogin, PinLoginOutcome, Step};
/// use plex_auth_core::{ClientConfig, Pin};
/// use std::time::{Duration, SystemTime};
///
/// let config = ClientConfig::builder().client_identifier("my-app").build()?;
/// let pin: Pin = serde_json::from_str(r#"{"id": 7, "code": "abcd", "expiresIn": 900, "clientIdentifier": "my-app"}"#)?;
/// let start = SystemTime::UNIX_EPOCH;
/// let mut login = PinLogin::new(&config, &pin, start)?;
/// let Step::Send(id, request) = login.poll(start)? else { unreachable!() };
/// assert_eq!(request.uri(), "https://clients.plex.tv/api/v2/pins/7");
/// let pending = http::Response::new(bytes::Bytes::from_static(br#"{"id": 7, "code": "abcd", "authToken": null}"#));
/// login.on_response(id, Ok(pending), start);
/// assert!(matches!(login.poll(start)?, Step::WaitUntil(t) if t == start + Duration::from_secs(1)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct PinLogin {
    config: ClientConfig,
    poll: GetPin,
    interval: Duration,
    deadline: SystemTime,
    expires: Option<SystemTime>,
    failures: u32,
    next_request: u64,
    cancel: Cancel,
    state: State,
}

impl PinLogin {
    /// Waits for `pin`, created at about `now` with `config`'s client identifier, until it
    /// expires or [`DEFAULT_PIN_TIMEOUT`] passes. The first poll goes out at once.
    ///
    /// Fails when the PIN has no id, or was created by another client identifier (its polls
    /// would only ever be told "not found").
    pub fn new(config: &ClientConfig, pin: &Pin, now: SystemTime) -> Result<Self, Error> {
        let id = pollable_id(config, pin)?;
        let expires = pin_expiry(pin, now);
        let deadline = now + DEFAULT_PIN_TIMEOUT;
        Ok(Self {
            config: config.clone(),
            poll: GetPin::new(id),
            interval: DEFAULT_POLL_INTERVAL,
            deadline: expires.map_or(deadline, |e| e.min(deadline)),
            expires,
            failures: 0,
            next_request: 0,
            cancel: Cancel::default(),
            state: State::Idle { next_poll: now },
        })
    }

    /// Polls every `interval` (default 1 s) while the PIN is pending.
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = interval.max(Duration::from_millis(100));
        self
    }

    /// Gives up at `deadline`, or when the PIN expires if that is sooner.
    pub fn deadline(mut self, deadline: SystemTime) -> Self {
        self.deadline = self.expires.map_or(deadline, |e| e.min(deadline));
        self
    }

    /// A handle to cancel the flow from elsewhere.
    pub fn cancel_handle(&self) -> Cancel {
        self.cancel.clone()
    }

    /// When the flow gives up at the latest.
    pub fn ends_at(&self) -> SystemTime {
        self.deadline
    }

    fn finish(&mut self, outcome: Result<PinLoginOutcome, Error>) {
        self.state = State::Finished(Some(outcome));
    }

    fn handle(&mut self, response: Result<HttpResponse, TransportError>, now: SystemTime) {
        let decoded = response.map_err(Error::from).and_then(|resp| self.poll.from_response(resp));
        match decoded {
            Ok(pin) => match pin.token().cloned() {
                Some(token) => self.finish(Ok(PinLoginOutcome::Linked { token, pin: Box::new(pin) })),
                None => {
                    self.failures = 0;
                    self.state = State::Idle { next_poll: now + self.interval };
                }
            },
            Err(e) if e.pin_expired() => self.finish(Ok(PinLoginOutcome::Expired)),
            Err(e) if e.is_retryable() => {
                self.failures += 1;
                self.state = State::Idle { next_poll: now + retry_wait(&e, self.interval, self.failures, now) };
            }
            Err(e) => self.finish(Err(e)),
        }
    }
}

/// The id to poll `pin` by, refusing a PIN another client identifier created (its polls would
/// only ever be told "not found").
pub(crate) fn pollable_id(config: &ClientConfig, pin: &Pin) -> Result<i64, Error> {
    let id = pin.id.ok_or_else(|| Error::invalid("id", "the PIN has no id to poll"))?;
    if pin.client_identifier.as_deref().is_some_and(|c| c != config.client_identifier()) {
        return Err(Error::invalid(
            "X-Plex-Client-Identifier",
            "differs from the one that created the PIN; plex.tv would answer every poll with 1020",
        ));
    }
    Ok(id)
}

/// When `pin`, read at `now`, expires: by its `expiresIn`, else its `expiresAt`.
pub(crate) fn pin_expiry(pin: &Pin, now: SystemTime) -> Option<SystemTime> {
    pin.expires_in
        .and_then(|secs| u64::try_from(secs).ok())
        .map(|secs| now + Duration::from_secs(secs))
        .or_else(|| pin.expires_at.as_deref().and_then(|at| humantime::parse_rfc3339_weak(at).ok()))
}

/// After `failures` failed requests in a row: wait longer each time, up to [`MAX_BACKOFF`].
pub(crate) fn backoff(interval: Duration, failures: u32) -> Duration {
    let factor = 1u32 << failures.min(4);
    (interval * factor).min(MAX_BACKOFF.max(interval))
}

/// How long to wait after the retryable error `e`: its `Retry-After` when longer than the backoff.
pub(crate) fn retry_wait(e: &Error, interval: Duration, failures: u32, now: SystemTime) -> Duration {
    match e.rate_limited() {
        Some(Some(after)) => after.delay_from(now).max(backoff(interval, failures)),
        _ => backoff(interval, failures),
    }
}

impl Flow for PinLogin {
    type Output = PinLoginOutcome;

    fn poll(&mut self, now: SystemTime) -> Result<Step<PinLoginOutcome>, Error> {
        if self.cancel.is_cancelled() && !matches!(self.state, State::Finished(_)) {
            self.finish(Ok(PinLoginOutcome::Cancelled));
        }
        match &mut self.state {
            State::Finished(outcome) => match outcome.take() {
                Some(outcome) => outcome.map(Step::Done),
                None => Err(Error::invalid("flow", "polled again after it finished")),
            },
            // The poll's answer decides (the transport's timeout bounds the wait); the deadline is
            // checked again once it is in.
            State::Polling { .. } => Ok(Step::AwaitResponse),
            State::Idle { next_poll } => {
                let next_poll = *next_poll;
                if self.expires.is_some_and(|e| now >= e) {
                    self.finish(Ok(PinLoginOutcome::Expired));
                } else if now >= self.deadline {
                    self.finish(Ok(PinLoginOutcome::DeadlineReached));
                } else if now >= next_poll {
                    let id = RequestId(self.next_request);
                    self.next_request += 1;
                    let request = self.poll.to_request(&self.config)?;
                    self.state = State::Polling { id };
                    return Ok(Step::Send(id, request));
                } else {
                    return Ok(Step::WaitUntil(next_poll.min(self.deadline)));
                }
                self.poll(now)
            }
        }
    }

    fn on_response(&mut self, id: RequestId, response: Result<HttpResponse, TransportError>, now: SystemTime) {
        if matches!(self.state, State::Polling { id: current } if current == id) {
            self.handle(response, now);
        }
    }
}
