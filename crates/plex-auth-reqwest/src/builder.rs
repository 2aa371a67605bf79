//! One builder for both transports: the settings are the same, only `build` differs.

use std::marker::PhantomData;
use std::time::Duration;

use plex_auth_core::TransportError;
use reqwest::redirect::Policy;

use crate::error::from_reqwest;
use crate::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT, ReqwestTransport};

/// Settings for a [`ReqwestTransport`] (or `ReqwestBlockingTransport`), made by their `builder()`.
///
/// Starts from the crate defaults; the client it builds never follows redirects.
#[derive(Debug, Clone)]
pub struct Builder<T> {
    connect_timeout: Duration,
    timeout: Duration,
    max_body_bytes: usize,
    target: PhantomData<fn() -> T>,
}

impl<T> Builder<T> {
    /// The deadlines as the error mapping wants them.
    pub(crate) fn limits(&self) -> crate::error::Limits {
        crate::error::Limits { connect: self.connect_timeout, total: self.timeout }
    }

    pub(crate) fn new() -> Self {
        Self {
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            target: PhantomData,
        }
    }

    /// Time allowed to open a connection (default 5 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Time allowed for the whole exchange, body included (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Largest response body accepted, in bytes (default 4 MiB).
    pub fn max_body_bytes(mut self, max: usize) -> Self {
        self.max_body_bytes = max;
        self
    }
}

/// The settings both reqwest clients take from a [`Builder`]: no redirects, its timeouts, and
/// (feature `rustls` without `native-tls`) our ring-based rustls config.
macro_rules! configured {
    ($client_builder:expr, $builder:expr) => {{
        let client_builder = $client_builder
            .redirect(Policy::none())
            .connect_timeout($builder.connect_timeout)
            .timeout($builder.timeout);
        #[cfg(all(feature = "rustls", not(feature = "native-tls")))]
        let client_builder = client_builder.tls_backend_preconfigured(crate::tls::client_config()?);
        client_builder.build().map_err(from_reqwest)
    }};
}

impl Builder<ReqwestTransport> {
    /// Builds the client. Fails only if the TLS backend cannot be set up.
    pub fn build(self) -> Result<ReqwestTransport, TransportError> {
        let client = configured!(reqwest::Client::builder(), self)?;
        Ok(ReqwestTransport::from(client).with_max_body_bytes(self.max_body_bytes).with_limits(self.limits()))
    }
}

#[cfg(feature = "blocking")]
impl Builder<crate::ReqwestBlockingTransport> {
    /// Builds the client. Fails only if the TLS backend cannot be set up.
    ///
    /// Panics inside reqwest if called from within an async runtime: see
    /// [`ReqwestBlockingTransport`](crate::ReqwestBlockingTransport).
    pub fn build(self) -> Result<crate::ReqwestBlockingTransport, TransportError> {
        let client = configured!(reqwest::blocking::Client::builder(), self)?;
        Ok(crate::ReqwestBlockingTransport::from(client)
            .with_max_body_bytes(self.max_body_bytes)
            .with_timeout(self.timeout)
            .with_limits(self.limits()))
    }
}
