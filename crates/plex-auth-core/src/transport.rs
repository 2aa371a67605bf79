//! The seam between the pure core and whatever moves the bytes.
//!
//! Adapter crates implement [`Transport`] (async) or [`BlockingTransport`]; [`DynTransport`] is the
//! object-safe form for `Arc<dyn DynTransport + 'a>`. Adapters only convert and send: status codes
//! are judged by the core's `from_response`.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;

pub use crate::fn_transport::{FnTransport, from_fn};

/// A request as the core builds it.
pub type HttpRequest = http::Request<bytes::Bytes>;
/// A fully collected response as the core decodes it.
pub type HttpResponse = http::Response<bytes::Bytes>;

/// Sends one request and collects the whole response (async).
pub trait Transport: Send + Sync {
    /// Sends `req` and returns the response with its body collected.
    fn send(&self, req: HttpRequest) -> impl Future<Output = Result<HttpResponse, TransportError>> + Send;
}

/// Sends one request and collects the whole response, blocking the current thread.
pub trait BlockingTransport {
    /// Sends `req` and returns the response with its body collected.
    fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError>;
}

/// Object-safe form of [`Transport`], implemented for every `Transport`.
///
/// Use it as `Arc<dyn DynTransport + 'a>` when the transport is chosen at run time.
#[async_trait::async_trait]
pub trait DynTransport: Send + Sync {
    /// Sends `req` and returns the response with its body collected.
    async fn send_dyn(&self, req: HttpRequest) -> Result<HttpResponse, TransportError>;
}

#[async_trait::async_trait]
impl<T: Transport> DynTransport for T {
    async fn send_dyn(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.send(req).await
    }
}

impl<T: Transport + ?Sized> Transport for &T {
    fn send(&self, req: HttpRequest) -> impl Future<Output = Result<HttpResponse, TransportError>> + Send {
        (**self).send(req)
    }
}

impl<T: Transport + ?Sized> Transport for std::sync::Arc<T> {
    fn send(&self, req: HttpRequest) -> impl Future<Output = Result<HttpResponse, TransportError>> + Send {
        (**self).send(req)
    }
}

impl Transport for dyn DynTransport + '_ {
    fn send(&self, req: HttpRequest) -> impl Future<Output = Result<HttpResponse, TransportError>> + Send {
        self.send_dyn(req)
    }
}

impl<T: BlockingTransport + ?Sized> BlockingTransport for &T {
    fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        (**self).send(req)
    }
}

impl<T: BlockingTransport + ?Sized> BlockingTransport for std::sync::Arc<T> {
    fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        (**self).send(req)
    }
}

impl<T: BlockingTransport + ?Sized> BlockingTransport for Box<T> {
    fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        (**self).send(req)
    }
}

/// What went wrong while moving bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be made (refused, DNS, TLS handshake).
    Connect,
    /// A connect or whole-request deadline passed.
    Timeout,
    /// The connection broke mid-exchange (reset, truncated body, invalid HTTP).
    Io,
    /// The response body was larger than the adapter's cap.
    BodyTooLarge,
    /// Anything else the adapter could not classify.
    Other,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Connect => "connect",
            Self::Timeout => "timeout",
            Self::Io => "i/o",
            Self::BodyTooLarge => "body too large",
            Self::Other => "other",
        })
    }
}

type BoxError = Box<dyn StdError + Send + Sync + 'static>;

/// A failure to send a request or to receive its response.
#[derive(Debug, thiserror::Error)]
#[error("transport error ({kind}){}", .message.as_deref().map(|m| format!(": {m}")).unwrap_or_default())]
pub struct TransportError {
    kind: TransportErrorKind,
    message: Option<String>,
    #[source]
    source: Option<BoxError>,
}

impl TransportError {
    /// An error of `kind` with no further detail.
    pub fn new(kind: TransportErrorKind) -> Self {
        Self { kind, message: None, source: None }
    }

    /// An error of `kind` caused by `source`.
    pub fn with_source(kind: TransportErrorKind, source: impl Into<BoxError>) -> Self {
        Self { kind, message: None, source: Some(source.into()) }
    }

    /// An error of `kind` described by `message` (which must not contain secrets).
    pub fn with_message(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        Self { kind, message: Some(message.into()), source: None }
    }

    /// The error for a response body over an adapter's cap of `max` bytes, worded the same for
    /// every adapter.
    pub fn body_too_large(max: usize) -> Self {
        Self::with_message(TransportErrorKind::BodyTooLarge, format!("response body exceeds {max} bytes"))
    }

    /// What kind of failure this was.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// True for failures worth retrying (connect, timeout, broken connection).
    pub fn is_retryable(&self) -> bool {
        matches!(self.kind, TransportErrorKind::Connect | TransportErrorKind::Timeout | TransportErrorKind::Io)
    }
}
