//! JWT login by PIN, for a user with no token yet: the PIN is created with the device's public
//! key ([`CreatePin::with_jwk`](crate::CreatePin::with_jwk)), and each poll proves the key with
//! a device JWT. That JWT lives 5 minutes, so it is re-minted over a fresh nonce before it
//! expires (python-plexapi mints one and reuses it, so its polls fail after 5 minutes).
//!
//! Waiting follows [`PinLogin`](super::PinLogin): the deadline is the earlier of the caller's
//! and the PIN's own expiry, transport failures and 5xx are retried with backoff, Plex's 1020
//! means expired.

use super::jwt_login::{MAX_ATTEMPTS, verify, verify_with_cached};
use super::pin_login::{Cancel, DEFAULT_PIN_TIMEOUT, DEFAULT_POLL_INTERVAL, pin_expiry, pollable_id, retry_wait};
use super::{Flow, RequestId, Step};
use crate::config::ClientConfig;
use crate::error::Error;
use crate::jwt::{DEVICE_JWT_LIFETIME, DeviceKey, JwkSet, JwtSession, PlexJwt, Scopes};
use crate::models::Pin;
use crate::ops::{Endpoint, GetNonce, GetPin, GetPlexKeys};
use crate::secret::Secret;
use crate::transport::{HttpResponse, TransportError};
use std::time::{Duration, SystemTime};

/// A device JWT is re-minted when less than this is left of it.
const REMINT_MARGIN: Duration = Duration::from_secs(30);

/// How a JWT PIN login ended, when it did not fail.
#[derive(Debug)]
pub enum JwtPinOutcome {
    /// The user approved: here is the verified Plex JWT.
    Linked(Box<JwtSession>),
    /// The PIN expired, or plex.tv no longer knows it under this client identifier.
    Expired,
    /// The caller's deadline passed before the user approved.
    DeadlineReached,
    /// [`Cancel::cancel`] was called.
    Cancelled,
}

#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // the finished outcome is held once, then taken
enum State {
    /// A device JWT is needed before the next poll; fetch a nonce at this time.
    NeedNonce {
        at: SystemTime,
    },
    AwaitNonce(RequestId),
    Idle {
        next_poll: SystemTime,
    },
    Polling(RequestId),
    NeedKeys {
        at: SystemTime,
        token: Secret,
    },
    AwaitKeys {
        id: RequestId,
        token: Secret,
    },
    Finished(Option<Result<JwtPinOutcome, Error>>),
}

/// Waits for a user to approve a JWT PIN, then verifies the Plex JWT it yields.
#[derive(Debug)]
pub struct JwtPinLogin {
    config: ClientConfig,
    key: DeviceKey,
    scopes: Scopes,
    pin_id: i64,
    keys: Option<JwkSet>,
    interval: Duration,
    deadline: SystemTime,
    expires: Option<SystemTime>,
    device_jwt: Option<(Secret, SystemTime)>,
    failures: u32,
    next_request: u64,
    cancel: Cancel,
    state: State,
}

impl JwtPinLogin {
    /// Waits for `pin` (created at about `now` by [`CreatePin::with_jwk`](crate::CreatePin::with_jwk)
    /// with `key`'s JWK and `config`'s client identifier) until it expires or
    /// [`DEFAULT_PIN_TIMEOUT`] passes.
    pub fn new(
        config: &ClientConfig,
        key: DeviceKey,
        scopes: Scopes,
        pin: &Pin,
        now: SystemTime,
    ) -> Result<Self, Error> {
        let pin_id = pollable_id(config, pin)?;
        let expires = pin_expiry(pin, now);
        let deadline = now + DEFAULT_PIN_TIMEOUT;
        Ok(Self {
            config: config.clone(),
            key,
            scopes,
            pin_id,
            keys: None,
            interval: DEFAULT_POLL_INTERVAL,
            deadline: expires.map_or(deadline, |e| e.min(deadline)),
            expires,
            device_jwt: None,
            failures: 0,
            next_request: 0,
            cancel: Cancel::default(),
            state: State::NeedNonce { at: now },
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

    /// Verifies with `keys` (fetched earlier) unless the token names a key they lack.
    pub fn with_keys(mut self, keys: JwkSet) -> Self {
        self.keys = Some(keys);
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

    fn id(&mut self) -> RequestId {
        let id = RequestId(self.next_request);
        self.next_request += 1;
        id
    }

    fn finish(&mut self, outcome: Result<JwtPinOutcome, Error>) {
        self.state = State::Finished(Some(outcome));
    }

    fn finish_verified(&mut self, result: Result<PlexJwt, Error>, keys: JwkSet) {
        let outcome = result.map(|jwt| JwtPinOutcome::Linked(Box::new(JwtSession::new(jwt, keys))));
        self.finish(outcome);
    }

    /// A retryable failure: wait, then `again`.
    fn retry(&mut self, e: &Error, now: SystemTime, again: impl FnOnce(SystemTime) -> State) {
        self.failures += 1;
        self.state = again(now + retry_wait(e, self.interval, self.failures, now));
    }

    /// The device JWT for the next poll, if one is still good for a while at `now`.
    fn fresh_device_jwt(&self, now: SystemTime) -> Option<Secret> {
        let (jwt, exp) = self.device_jwt.as_ref()?;
        (now + REMINT_MARGIN < *exp).then(|| jwt.clone())
    }

    fn on_poll(&mut self, response: Result<HttpResponse, Error>, now: SystemTime) {
        match response.and_then(|r| GetPin::new(self.pin_id).from_response(r)) {
            Ok(pin) => match pin.token().cloned() {
                Some(token) => match verify_with_cached(&self.config, &self.key, self.keys.as_ref(), &token, now) {
                    Some(result) => self.finish_verified(result, self.keys.clone().unwrap_or_default()),
                    None => self.state = State::NeedKeys { at: now, token },
                },
                None => {
                    self.failures = 0;
                    self.state = State::Idle { next_poll: now + self.interval };
                }
            },
            Err(e) if e.pin_expired() => self.finish(Ok(JwtPinOutcome::Expired)),
            // Plex refused the device JWT itself (a clock step, a rejected signature): mint another.
            Err(e) if e.is_token_expired() || e.jwt_signature_rejected() => {
                self.device_jwt = None;
                self.retry(&e, now, |next_poll| State::Idle { next_poll });
            }
            Err(e) if e.is_retryable() => self.retry(&e, now, |next_poll| State::Idle { next_poll }),
            Err(e) => self.finish(Err(e)),
        }
    }
}

impl Flow for JwtPinLogin {
    type Output = JwtPinOutcome;

    fn poll(&mut self, now: SystemTime) -> Result<Step<JwtPinOutcome>, Error> {
        if self.cancel.is_cancelled() && !matches!(self.state, State::Finished(_)) {
            self.finish(Ok(JwtPinOutcome::Cancelled));
        }
        // Waiting for approval ends at the PIN's expiry or the deadline; verifying a token
        // that has arrived does not.
        if matches!(self.state, State::NeedNonce { .. } | State::Idle { .. }) {
            if self.expires.is_some_and(|e| now >= e) {
                self.finish(Ok(JwtPinOutcome::Expired));
            } else if now >= self.deadline {
                self.finish(Ok(JwtPinOutcome::DeadlineReached));
            }
        }
        match &mut self.state {
            State::Finished(outcome) => match outcome.take() {
                Some(outcome) => outcome.map(Step::Done),
                None => Err(Error::invalid("flow", "polled again after it finished")),
            },
            State::AwaitNonce(_) | State::Polling(_) | State::AwaitKeys { .. } => Ok(Step::AwaitResponse),
            State::NeedNonce { at } | State::Idle { next_poll: at } if now < *at => {
                Ok(Step::WaitUntil((*at).min(self.deadline)))
            }
            State::NeedKeys { at, .. } if now < *at => Ok(Step::WaitUntil(*at)),
            State::NeedNonce { .. } => {
                let id = self.id();
                let request = GetNonce::new().to_request(&self.config)?;
                self.state = State::AwaitNonce(id);
                Ok(Step::Send(id, request))
            }
            State::Idle { .. } => {
                let Some(jwt) = self.fresh_device_jwt(now) else {
                    self.state = State::NeedNonce { at: now };
                    return self.poll(now);
                };
                let request = GetPin::new(self.pin_id).with_device_jwt(jwt).to_request(&self.config)?;
                let id = self.id();
                self.state = State::Polling(id);
                Ok(Step::Send(id, request))
            }
            State::NeedKeys { token, .. } => {
                let token = token.clone();
                let request = GetPlexKeys::new().to_request(&self.config)?;
                let id = self.id();
                self.state = State::AwaitKeys { id, token };
                Ok(Step::Send(id, request))
            }
        }
    }

    fn on_response(&mut self, id: RequestId, response: Result<HttpResponse, TransportError>, now: SystemTime) {
        let response = response.map_err(Error::from);
        match std::mem::replace(&mut self.state, State::Finished(None)) {
            State::AwaitNonce(current) if current == id => {
                match response.and_then(|r| GetNonce::new().from_response(r)) {
                    Ok(nonce) => {
                        match self.key.sign_device_jwt(self.config.client_identifier(), &nonce, self.scopes, now) {
                            Ok(jwt) => {
                                self.device_jwt = Some((jwt, now + DEVICE_JWT_LIFETIME));
                                self.state = State::Idle { next_poll: now };
                            }
                            Err(e) => self.finish(Err(e)),
                        }
                    }
                    Err(e) if e.is_retryable() => self.retry(&e, now, |at| State::NeedNonce { at }),
                    Err(e) => self.finish(Err(e)),
                }
            }
            State::Polling(current) if current == id => self.on_poll(response, now),
            State::AwaitKeys { id: current, token } if current == id => {
                match response.and_then(|r| GetPlexKeys::new().from_response(r)) {
                    Ok(keys) => {
                        let result = verify(&self.config, &self.key, &keys, token, now);
                        self.finish_verified(result, keys);
                    }
                    Err(e) if e.is_retryable() && self.failures + 1 < MAX_ATTEMPTS => {
                        self.retry(&e, now, |at| State::NeedKeys { at, token });
                    }
                    Err(e) => self.finish(Err(e)),
                }
            }
            other => self.state = other,
        }
    }
}
