//! The blocking transport (feature `blocking`).

use std::io::Read;

use plex_auth_core::{BlockingTransport, HttpRequest, HttpResponse, TransportError, TransportErrorKind};

use crate::DEFAULT_MAX_BODY_BYTES;
use crate::builder::Builder;
use crate::error::from_reqwest;

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
}

impl From<reqwest::blocking::Client> for ReqwestBlockingTransport {
    /// Wraps a client you configured yourself, with the default body cap (4 MiB).
    ///
    /// The client's own redirect policy and timeouts apply. reqwest follows redirects by default
    /// and keeps the `X-Plex-Token` header when it does, so build it with
    /// `.redirect(reqwest::redirect::Policy::none())`.
    fn from(client: reqwest::blocking::Client) -> Self {
        Self { client, max_body_bytes: DEFAULT_MAX_BODY_BYTES }
    }
}

impl BlockingTransport for ReqwestBlockingTransport {
    fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        let req = reqwest::blocking::Request::try_from(req).map_err(from_reqwest)?;
        let mut resp = self.client.execute(req).map_err(from_reqwest)?;
        let max = self.max_body_bytes;
        if resp.content_length().is_some_and(|len| len > max as u64) {
            return Err(TransportError::body_too_large(max));
        }
        // Read one byte past the cap so "exactly max" and "more than max" can be told apart.
        let mut body = Vec::new();
        (&mut resp).take(max as u64 + 1).read_to_end(&mut body).map_err(from_io)?;
        if body.len() > max {
            return Err(TransportError::body_too_large(max));
        }
        let mut out = http::Response::new(body.into());
        *out.status_mut() = resp.status();
        *out.version_mut() = resp.version();
        *out.headers_mut() = std::mem::take(resp.headers_mut());
        Ok(out)
    }
}

/// Classifies an error from reading the body: reqwest wraps its own errors (timeouts included)
/// in `io::Error`.
fn from_io(err: std::io::Error) -> TransportError {
    let kind = match err.kind() {
        std::io::ErrorKind::TimedOut => TransportErrorKind::Timeout,
        _ => TransportErrorKind::Io,
    };
    match err.downcast::<reqwest::Error>() {
        Ok(err) => from_reqwest(err),
        Err(err) => TransportError::with_source(kind, err),
    }
}
