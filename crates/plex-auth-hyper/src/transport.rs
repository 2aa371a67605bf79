//! The transport: send with the legacy client, collect under a cap, all under one timeout.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Body;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::{Connect, HttpConnector};
use hyper_util::rt::TokioExecutor;
use plex_auth_core::{HttpRequest, HttpResponse, Transport, TransportError};

use crate::error::{elapsed, from_body, from_client};
use crate::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT};

/// Sends the core's requests with a hyper-util legacy [`Client`] over connector `C`.
///
/// Cheap to clone: clones share the client's connection pool.
#[derive(Debug, Clone)]
pub struct HyperTransport<C> {
    client: Client<C, Full<Bytes>>,
    timeout: Duration,
    max_body_bytes: usize,
}

impl HyperTransport<HttpConnector> {
    /// Plain HTTP (for a Plex Media Server on the LAN, or a local fake), with the crate defaults.
    /// `https://` URLs fail with a connect error: use [`HyperTransport::https`] for those.
    pub fn http() -> Self {
        Self::from(Client::builder(TokioExecutor::new()).build(http_connector()))
    }
}

#[cfg(feature = "rustls")]
impl HyperTransport<hyper_rustls::HttpsConnector<HttpConnector>> {
    /// HTTPS and HTTP through rustls (ring provider, webpki roots), with the crate defaults.
    ///
    /// Fails only if the TLS configuration cannot be built.
    pub fn https() -> Result<Self, TransportError> {
        let mut tcp = http_connector();
        tcp.enforce_http(false);
        let tls = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(rustls::crypto::ring::default_provider())
            .map_err(|e| TransportError::with_source(plex_auth_core::TransportErrorKind::Other, e))?
            .https_or_http()
            .enable_http1()
            .wrap_connector(tcp);
        Ok(Self::from(Client::builder(TokioExecutor::new()).build(tls)))
    }
}

/// hyper's TCP connector with the default connect timeout.
fn http_connector() -> HttpConnector {
    let mut tcp = HttpConnector::new();
    tcp.set_connect_timeout(Some(DEFAULT_CONNECT_TIMEOUT));
    tcp
}

impl<C> HyperTransport<C> {
    /// Sets the time allowed for a whole exchange: connect, send, and read the full body.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the largest response body accepted, in bytes; a larger one fails with
    /// [`TransportErrorKind::BodyTooLarge`](plex_auth_core::TransportErrorKind::BodyTooLarge).
    pub fn with_max_body_bytes(mut self, max: usize) -> Self {
        self.max_body_bytes = max;
        self
    }
}

impl<C> From<Client<C, Full<Bytes>>> for HyperTransport<C> {
    /// Wraps a client you built yourself, with the default whole-request timeout (30 s) and body
    /// cap (4 MiB). Its connector's own connect timeout applies.
    fn from(client: Client<C, Full<Bytes>>) -> Self {
        Self { client, timeout: DEFAULT_TIMEOUT, max_body_bytes: DEFAULT_MAX_BODY_BYTES }
    }
}

impl<C: Connect + Clone + Send + Sync + 'static> HyperTransport<C> {
    async fn exchange(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        let resp = self.client.request(req.map(Full::new)).await.map_err(from_client)?;
        let max = self.max_body_bytes;
        if resp.body().size_hint().lower() > max as u64 {
            return Err(TransportError::body_too_large(max));
        }
        let (parts, body) = resp.into_parts();
        let body = Limited::new(body, max).collect().await.map_err(|e| from_body(e, max))?.to_bytes();
        Ok(http::Response::from_parts(parts, body))
    }
}

impl<C: Connect + Clone + Send + Sync + 'static> Transport for HyperTransport<C> {
    async fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        tokio::time::timeout(self.timeout, self.exchange(req)).await.unwrap_or_else(|_| Err(elapsed(self.timeout)))
    }
}
