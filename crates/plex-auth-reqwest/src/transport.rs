//! The async transport.

use bytes::Bytes;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use plex_auth_core::{HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind};

use crate::DEFAULT_MAX_BODY_BYTES;
use crate::builder::Builder;
use crate::error::{Limits, from_reqwest, from_reqwest_within};

/// Sends the core's requests with a [`reqwest::Client`] and collects each body under a size cap.
///
/// Cheap to clone: the client is reference-counted, so clones share its connection pool.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    max_body_bytes: usize,
    limits: Option<Limits>,
}

impl ReqwestTransport {
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

    /// Records the deadlines the builder gave the client, so timeouts can name theirs.
    pub(crate) fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = Some(limits);
        self
    }
}

impl From<reqwest::Client> for ReqwestTransport {
    /// Wraps a client you configured yourself, with the default body cap (4 MiB).
    ///
    /// The client's own redirect policy and timeouts apply. reqwest follows redirects by default
    /// and keeps the `X-Plex-Token` header when it does, so build it with
    /// `.redirect(reqwest::redirect::Policy::none())`. With only our `rustls` feature, reqwest
    /// has no crypto provider of its own: install one before building the client (see the
    /// crate's [features](crate#features)).
    fn from(client: reqwest::Client) -> Self {
        Self { client, max_body_bytes: DEFAULT_MAX_BODY_BYTES, limits: None }
    }
}

impl Transport for ReqwestTransport {
    async fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        let req = reqwest::Request::try_from(req).map_err(from_reqwest)?;
        let resp = self.client.execute(req).await.map_err(|e| from_reqwest_within(e, self.limits))?;
        if resp.content_length().is_some_and(|len| len > self.max_body_bytes as u64) {
            return Err(TransportError::body_too_large(self.max_body_bytes));
        }
        let (parts, body) = http::Response::<reqwest::Body>::from(resp).into_parts();
        let body = collect(body, self.max_body_bytes, self.limits).await?;
        Ok(http::Response::from_parts(parts, body))
    }
}

/// Reads `body` whole, failing as soon as it passes `max` bytes.
async fn collect(body: reqwest::Body, max: usize, limits: Option<Limits>) -> Result<Bytes, TransportError> {
    match Limited::new(body, max).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(err) if err.is::<LengthLimitError>() => Err(TransportError::body_too_large(max)),
        Err(err) => match err.downcast::<reqwest::Error>() {
            Ok(err) => Err(from_reqwest_within(*err, limits)),
            Err(err) => Err(TransportError::with_source(TransportErrorKind::Io, err)),
        },
    }
}
