//! JWT login and refresh as one flow: fetch a nonce, sign a device JWT over it, exchange it for
//! a Plex JWT, and verify that against Plex's key set (fetched only when the cached set lacks
//! the token's `kid`: first use, or after Plex rotated its key).
//!
//! A nonce is single use and lives 5 minutes, so an exchange refused with 400/401/422 is tried
//! once more with a fresh nonce; rate limits (429, code 1003), 5xx and transport failures are
//! retried with backoff, at most [`MAX_ATTEMPTS`] times in all.

use super::pin_login::retry_wait;
use super::{Flow, RequestId, Step};
use crate::config::ClientConfig;
use crate::error::Error;
use crate::jwt::{DeviceKey, Expected, JwkSet, JwtSession, PlexJwt, Scopes, decode_header};
use crate::ops::{Endpoint, ExchangeDeviceJwt, GetNonce, GetPlexKeys};
use crate::secret::Secret;
use crate::transport::{HttpResponse, TransportError};
use secrecy::ExposeSecret;
use std::time::{Duration, SystemTime};

/// Retryable failures tolerated before a JWT flow gives up.
pub const MAX_ATTEMPTS: u32 = 4;
/// The first wait after a retryable failure (doubling, up to 8 s, or longer when `Retry-After` says so).
const RETRY_BASE: Duration = Duration::from_secs(1);

#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // the finished outcome is held once, then taken
enum State {
    NeedNonce { at: SystemTime },
    AwaitNonce(RequestId),
    Exchange(Secret),
    AwaitExchange(RequestId, ExchangeDeviceJwt),
    NeedKeys { at: SystemTime, token: Secret },
    AwaitKeys { id: RequestId, token: Secret },
    Finished(Option<Result<JwtSession, Error>>),
}

/// Logs in with a registered device key, or refreshes: the result is a fresh [`JwtSession`].
///
/// ```
/// use plex_auth_core::flow::{Flow, JwtLogin, Step};
/// use plex_auth_core::jwt::{DeviceKey, Scopes};
/// use plex_auth_core::ClientConfig;
/// use std::time::SystemTime;
///
/// let config = ClientConfig::builder().client_identifier("my-jwt-app").build()?;
/// let mut login = JwtLogin::new(&config, DeviceKey::from_seed([3; 32]), Scopes::all());
/// let Step::Send(_, request) = login.poll(SystemTime::UNIX_EPOCH)? else { unreachable!() };
/// assert_eq!(request.uri(), "https://clients.plex.tv/api/v2/auth/nonce");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct JwtLogin {
    config: ClientConfig,
    key: DeviceKey,
    scopes: Scopes,
    keys: Option<JwkSet>,
    refresh_window: Duration,
    failures: u32,
    renonced: bool,
    next_request: u64,
    state: State,
}

impl JwtLogin {
    /// Logs in as `config`'s client identifier with `key` (registered under it), asking for
    /// `scopes`. Plex's key set is fetched for verification.
    pub fn new(config: &ClientConfig, key: DeviceKey, scopes: Scopes) -> Self {
        Self {
            config: config.clone(),
            key,
            scopes,
            keys: None,
            refresh_window: crate::jwt::DEFAULT_REFRESH_WINDOW,
            failures: 0,
            renonced: false,
            next_request: 0,
            state: State::NeedNonce { at: SystemTime::UNIX_EPOCH },
        }
    }

    /// Refreshes `session`: the same steps, verifying with its key set unless the new token
    /// names another key, and keeping its refresh window.
    pub fn refresh(config: &ClientConfig, key: DeviceKey, scopes: Scopes, session: &JwtSession) -> Self {
        let mut flow = Self::new(config, key, scopes).with_keys(session.keys.clone());
        flow.refresh_window = session.refresh_window;
        flow
    }

    /// Verifies with `keys` (fetched earlier) unless the token names a key they lack.
    pub fn with_keys(mut self, keys: JwkSet) -> Self {
        self.keys = Some(keys);
        self
    }

    fn id(&mut self) -> RequestId {
        let id = RequestId(self.next_request);
        self.next_request += 1;
        id
    }

    fn fail(&mut self, e: Error) {
        self.state = State::Finished(Some(Err(e)));
    }

    /// A retryable failure: try `again` after the backoff, unless the attempts are used up.
    fn retry(&mut self, e: Error, now: SystemTime, again: impl FnOnce(SystemTime) -> State) {
        self.failures += 1;
        if self.failures >= MAX_ATTEMPTS {
            return self.fail(e);
        }
        self.state = again(now + retry_wait(&e, RETRY_BASE, self.failures, now));
    }

    fn on_token(&mut self, token: Secret, now: SystemTime) {
        match verify_with_cached(&self.config, &self.key, self.keys.as_ref(), &token, now) {
            Some(result) => self.finish_verified(result, self.keys.clone().unwrap_or_default()),
            None => self.state = State::NeedKeys { at: now, token },
        }
    }

    fn finish_verified(&mut self, result: Result<PlexJwt, Error>, keys: JwkSet) {
        let session = result.map(|jwt| JwtSession::new(jwt, keys).refresh_window(self.refresh_window));
        self.state = State::Finished(Some(session));
    }
}

/// Verifies `token` with the cached key set when it has the token's `kid`; `None` when the
/// set must be fetched first.
pub(crate) fn verify_with_cached(
    config: &ClientConfig,
    key: &DeviceKey,
    keys: Option<&JwkSet>,
    token: &Secret,
    now: SystemTime,
) -> Option<Result<PlexJwt, Error>> {
    let kid = match decode_header(token.expose_secret()) {
        Ok(header) => header.kid,
        Err(rejection) => return Some(Err(rejection.into())),
    };
    let keys = keys.filter(|k| kid.as_deref().is_some_and(|kid| k.find(kid).is_some()))?;
    Some(verify(config, key, keys, token.clone(), now))
}

/// Verifies `token` as a Plex JWT for `config`'s client identifier and `key`.
pub(crate) fn verify(
    config: &ClientConfig,
    key: &DeviceKey,
    keys: &JwkSet,
    token: Secret,
    now: SystemTime,
) -> Result<PlexJwt, Error> {
    let kid = key.kid();
    PlexJwt::verify(token, keys, &Expected::new(config.client_identifier(), &kid), now).map_err(Error::from)
}

impl Flow for JwtLogin {
    type Output = JwtSession;

    fn poll(&mut self, now: SystemTime) -> Result<Step<JwtSession>, Error> {
        match &mut self.state {
            State::Finished(outcome) => match outcome.take() {
                Some(outcome) => outcome.map(Step::Done),
                None => Err(Error::invalid("flow", "polled again after it finished")),
            },
            State::AwaitNonce(_) | State::AwaitExchange(..) | State::AwaitKeys { .. } => Ok(Step::AwaitResponse),
            State::NeedNonce { at } | State::NeedKeys { at, .. } if now < *at => Ok(Step::WaitUntil(*at)),
            State::NeedNonce { .. } => {
                let id = self.id();
                let request = GetNonce::new().to_request(&self.config)?;
                self.state = State::AwaitNonce(id);
                Ok(Step::Send(id, request))
            }
            State::Exchange(jwt) => {
                let exchange = ExchangeDeviceJwt::new(jwt.clone());
                let request = exchange.to_request(&self.config)?;
                let id = self.id();
                self.state = State::AwaitExchange(id, exchange);
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
                            Ok(jwt) => self.state = State::Exchange(jwt),
                            Err(e) => self.fail(e),
                        }
                    }
                    Err(e) if e.is_retryable() => self.retry(e, now, |at| State::NeedNonce { at }),
                    Err(e) => self.fail(e),
                }
            }
            State::AwaitExchange(current, exchange) if current == id => {
                match response.and_then(|r| exchange.from_response(r)) {
                    Ok(token) => self.on_token(token, now),
                    Err(e) if e.is_retryable() => self.retry(e, now, |at| State::NeedNonce { at }),
                    Err(e) if !self.renonced && nonce_may_be_stale(&e) => {
                        self.renonced = true;
                        self.state = State::NeedNonce { at: now };
                    }
                    Err(e) => self.fail(e),
                }
            }
            State::AwaitKeys { id: current, token } if current == id => {
                match response.and_then(|r| GetPlexKeys::new().from_response(r)) {
                    Ok(keys) => {
                        let result = verify(&self.config, &self.key, &keys, token, now);
                        self.finish_verified(result, keys);
                    }
                    Err(e) if e.is_retryable() => self.retry(e, now, |at| State::NeedKeys { at, token }),
                    Err(e) => self.fail(e),
                }
            }
            other => self.state = other,
        }
    }
}

/// A refused exchange that a fresh nonce may cure (the nonce expired or was used): 400, 401
/// or 422, unless Plex said the key is gone or is someone else's.
pub(crate) fn nonce_may_be_stale(e: &Error) -> bool {
    e.status().is_some_and(|s| matches!(s.as_u16(), 400 | 401 | 422)) && !e.jwk_missing() && !e.thumbprint_taken()
}
