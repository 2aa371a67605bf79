//! The raw floors of the transport bench: each adapter's own client, configured as our adapter
//! configures it, sending the same `GET` with the same headers, reading the body whole and
//! decoding it with plain `serde_json::from_slice` into [`PlainAccount`].
//!
//! What the floors do not do, and ours does per call, is the difference being measured: build
//! the request from the config (`GetTokenDetails::to_request`), note its secrets for scrubbing,
//! open a tracing span, convert the `http::Request` into the client's own type, cap the body,
//! check status and content type, and decode leniently into `UserPlexAccount`.

use crate::plain::PlainAccount;
use bytes::Bytes;
use http::HeaderMap;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client as LegacyClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use plex_auth_core::{ClientConfig, Endpoint, GetTokenDetails};
use std::error::Error as StdError;

/// Any failure of a raw call (the bench stops on the first).
pub type RawError = Box<dyn StdError + Send + Sync>;

/// hyper-util's legacy client over plain TCP, as `HyperTransport::http()` builds it.
pub type HyperClient = LegacyClient<HttpConnector, Full<Bytes>>;

/// The request the floors send: our `GetTokenDetails` request's URI and headers, copied once.
#[derive(Debug, Clone)]
pub struct Template {
    uri: http::Uri,
    url: reqwest::Url,
    headers: HeaderMap,
}

impl Template {
    /// Builds one `GetTokenDetails` request for `config` and keeps its URI and headers.
    pub fn of(config: &ClientConfig) -> Result<Self, RawError> {
        let req = GetTokenDetails::new().to_request(config)?;
        let url = reqwest::Url::parse(&req.uri().to_string())?;
        Ok(Self { uri: req.uri().clone(), url, headers: req.headers().clone() })
    }

    /// The header names sent, for the report (values hold the token).
    pub fn header_names(&self) -> Vec<&str> {
        self.headers.keys().map(http::HeaderName::as_str).collect()
    }
}

/// Installs ring as the process's rustls provider, once. reqwest's `rustls-no-provider` (what
/// plex-auth-reqwest turns on) has none of its own, and a raw client panics at `build` without
/// one; our adapter passes its own ring config instead. The floors speak plain HTTP, so TLS never
/// runs: this only lets them be built.
pub fn install_ring() {
    // Err only when a provider is installed already, which is as good.
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// A `reqwest::Client` with our builder's settings: no redirects, connect 5 s, whole request 30 s.
pub fn reqwest_client() -> reqwest::Result<reqwest::Client> {
    install_ring();
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(plex_auth_core::transport::DEFAULT_CONNECT_TIMEOUT)
        .timeout(plex_auth_core::transport::DEFAULT_TIMEOUT)
        .build()
}

/// A `reqwest::blocking::Client` with our builder's settings. Must not be built, used or dropped
/// inside an async runtime (reqwest panics).
pub fn blocking_client() -> reqwest::Result<reqwest::blocking::Client> {
    install_ring();
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(plex_auth_core::transport::DEFAULT_CONNECT_TIMEOUT)
        .timeout(plex_auth_core::transport::DEFAULT_TIMEOUT)
        .build()
}

/// The legacy client as `HyperTransport::http()` builds it (connect timeout 5 s). The adapter's
/// whole-exchange `tokio::time::timeout` is not copied: it is part of what ours costs.
pub fn hyper_client() -> HyperClient {
    let mut tcp = HttpConnector::new();
    tcp.set_connect_timeout(Some(plex_auth_core::transport::DEFAULT_CONNECT_TIMEOUT));
    LegacyClient::builder(TokioExecutor::new()).build(tcp)
}

/// Fails unless the status is 2xx, as any client that decodes the body must check.
fn success(status: http::StatusCode) -> Result<(), RawError> {
    if status.is_success() { Ok(()) } else { Err(format!("status {status}").into()) }
}

/// One token check with the async reqwest client.
pub async fn reqwest_call(client: &reqwest::Client, t: &Template) -> Result<PlainAccount, RawError> {
    let resp = client.get(t.url.clone()).headers(t.headers.clone()).send().await?;
    success(resp.status())?;
    let body = resp.bytes().await?;
    Ok(serde_json::from_slice(&body)?)
}

/// One token check with the blocking reqwest client.
pub fn blocking_call(client: &reqwest::blocking::Client, t: &Template) -> Result<PlainAccount, RawError> {
    let resp = client.get(t.url.clone()).headers(t.headers.clone()).send()?;
    success(resp.status())?;
    let body = resp.bytes()?;
    Ok(serde_json::from_slice(&body)?)
}

/// One token check with the hyper-util legacy client.
pub async fn hyper_call(client: &HyperClient, t: &Template) -> Result<PlainAccount, RawError> {
    let mut req = http::Request::new(Full::new(Bytes::new()));
    *req.uri_mut() = t.uri.clone();
    *req.headers_mut() = t.headers.clone();
    let resp = client.request(req).await?;
    success(resp.status())?;
    let body = resp.into_body().collect().await?.to_bytes();
    Ok(serde_json::from_slice(&body)?)
}
