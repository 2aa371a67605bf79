//! The blocking transport (feature `blocking`).

use std::io::Read;
use std::time::{Duration, Instant};

use plex_auth_core::{BlockingTransport, HttpRequest, HttpResponse, TransportError, TransportErrorKind};

use crate::DEFAULT_MAX_BODY_BYTES;
use crate::builder::Builder;
use crate::error::{Limits, from_reqwest, from_reqwest_within};

/// Sends the core's requests with a [`reqwest::blocking::Client`], collecting each body under a
/// size cap. Same defaults as [`ReqwestTransport`](crate::ReqwestTransport).
///
/// reqwest's blocking client runs its own runtime on a background thread and **panics if it is
/// created, used or dropped inside an async runtime** (such as within `#[tokio::main]`). Use it
/// from plain threads; in async code use [`ReqwestTransport`](crate::ReqwestTransport).
///
/// ```no_run
/// use plex_auth_core::{BlockingClient, ClientConfig};
/// use plex_auth_reqwest::ReqwestBlockingTransport;
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let config = ClientConfig::builder()
///     .client_identifier("3381b62b-9ab7-4e37-827b-203e9809eb58")
///     .product("My Dashboard")
///     .token("my-token")
///     .build()?;
/// let client = BlockingClient::new(config, ReqwestBlockingTransport::new()?);
/// let account = client.get_token_details()?;
/// println!("token belongs to {:?}", account.username);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct ReqwestBlockingTransport {
    client: reqwest::blocking::Client,
    max_body_bytes: usize,
    /// The whole-exchange deadline, enforced here as well: reqwest's blocking reader restarts its
    /// timeout on every read, so a body trickling a byte at a time would never time out.
    timeout: Option<Duration>,
    limits: Option<Limits>,
}

impl ReqwestBlockingTransport {
    /// A transport with the crate defaults: no redirects, connect timeout 5 s, whole request 30 s,
    /// body cap 4 MiB. Fails only if reqwest cannot set up its TLS backend.
    pub fn new() -> Result<Self, TransportError> {
        Self::builder().build()
    }

    /// A builder starting from the crate defaults.
    pub fn builder() -> Builder<Self> {
        Builder::new()
    }

    /// Sets the largest response body accepted, in bytes; a larger one fails with
    /// [`TransportErrorKind::BodyTooLarge`].
    pub fn with_max_body_bytes(mut self, max: usize) -> Self {
        self.max_body_bytes = max;
        self
    }

    /// Sets the deadline for the whole exchange, body included, checked between reads (the
    /// builder sets it to its `timeout`).
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Records the deadlines the builder gave the client, so timeouts can name theirs.
    pub(crate) fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = Some(limits);
        self
    }
}

impl From<reqwest::blocking::Client> for ReqwestBlockingTransport {
    /// Wraps a client you configured yourself, with the default body cap (4 MiB).
    ///
    /// The client's own redirect policy and timeouts apply. reqwest follows redirects by default
    /// and keeps the `X-Plex-Token` header when it does, so build it with
    /// `.redirect(reqwest::redirect::Policy::none())`. With only our `rustls` feature, reqwest
    /// has no crypto provider of its own: install one before building the client (see the
    /// crate's [features](crate#features)). Without
    /// [`with_timeout`](ReqwestBlockingTransport::with_timeout), only reqwest's per-read timeout
    /// bounds the body.
    fn from(client: reqwest::blocking::Client) -> Self {
        Self { client, max_body_bytes: DEFAULT_MAX_BODY_BYTES, timeout: None, limits: None }
    }
}

impl BlockingTransport for ReqwestBlockingTransport {
    fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        let started = Instant::now();
        let req = reqwest::blocking::Request::try_from(req).map_err(from_reqwest)?;
        let mut resp = self.client.execute(req).map_err(|e| from_reqwest_within(e, self.limits))?;
        let max = self.max_body_bytes;
        if resp.content_length().is_some_and(|len| len > max as u64) {
            return Err(TransportError::body_too_large(max));
        }
        // Read straight into the body, sized from Content-Length when given: no stack buffer
        // to zero and copy out of on every call, and never more room than the cap allows.
        let room_for = |filled: usize| filled.max(8 * 1024).min(max + 1 - filled);
        let hint = resp.content_length().map_or(0, |len| len as usize);
        let mut body = Vec::with_capacity(hint.max(1024).min(max) + 1);
        let mut filled = 0;
        loop {
            if filled == body.capacity() {
                body.reserve(room_for(filled));
            }
            body.resize(body.capacity(), 0);
            let n = resp.read(body.get_mut(filled..).unwrap_or_default()).map_err(|e| from_io(e, self.limits))?;
            if n == 0 {
                break;
            }
            filled += n;
            if filled > max {
                return Err(TransportError::body_too_large(max));
            }
            if let Some(limit) = self.timeout.filter(|limit| started.elapsed() > *limit) {
                return Err(TransportError::timed_out(limit));
            }
        }
        body.truncate(filled);
        let mut out = http::Response::new(body.into());
        *out.status_mut() = resp.status();
        *out.version_mut() = resp.version();
        *out.headers_mut() = std::mem::take(resp.headers_mut());
        Ok(out)
    }
}

/// Classifies an error from reading the body: reqwest wraps its own errors (timeouts included)
/// in `io::Error`.
fn from_io(err: std::io::Error, limits: Option<Limits>) -> TransportError {
    let kind = match err.kind() {
        std::io::ErrorKind::TimedOut => TransportErrorKind::Timeout,
        _ => TransportErrorKind::Io,
    };
    match err.downcast::<reqwest::Error>() {
        Ok(err) => from_reqwest_within(err, limits),
        Err(err) => match (kind, limits) {
            (TransportErrorKind::Timeout, Some(l)) => TransportError::with_source(kind, err).with_limit(l.total),
            _ => TransportError::with_source(kind, err),
        },
    }
}
