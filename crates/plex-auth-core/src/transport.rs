//! The seam between the pure core and whatever moves the bytes.
//!
//! Adapter crates implement [`Transport`] (async) or [`BlockingTransport`]; [`DynTransport`] is the
//! object-safe form for `Arc<dyn DynTransport + 'a>`. Adapters only convert and send: status codes
//! are judged by the core's `from_response`.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::time::Duration;

pub use crate::transport_cause::{Target, TransportCause};

pub use crate::fn_transport::{FnTransport, from_fn};

/// Default time every adapter allows to open a connection (TCP and TLS).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Default time every adapter allows for a whole exchange: connect, send, and read the full body.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default cap every adapter puts on a response body: Plex's answers are a few KiB, so 4 MiB is
/// generous.
pub const DEFAULT_MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

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
///
/// `Display` names what failed, where the request was going (scheme, host and port: never
/// credentials, path or query) and the underlying [`TransportCause`], worded the same whatever
/// the HTTP stack: `cannot connect to http://127.0.0.1:9: connection refused`. The stack's own
/// error stays reachable as the [`source`](StdError::source).
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: Option<String>,
    source: Option<BoxError>,
    target: Option<Target>,
    limit: Option<Duration>,
}

impl TransportError {
    /// An error of `kind` with no further detail.
    pub fn new(kind: TransportErrorKind) -> Self {
        Self { kind, message: None, source: None, target: None, limit: None }
    }

    /// An error of `kind` caused by `source`.
    pub fn with_source(kind: TransportErrorKind, source: impl Into<BoxError>) -> Self {
        Self { source: Some(source.into()), ..Self::new(kind) }
    }

    /// An error of `kind` described by `message` (which must not contain secrets).
    pub fn with_message(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        Self { message: Some(message.into()), ..Self::new(kind) }
    }

    /// The error for a response body over an adapter's cap of `max` bytes, worded the same for
    /// every adapter.
    pub fn body_too_large(max: usize) -> Self {
        Self::with_message(TransportErrorKind::BodyTooLarge, format!("response body exceeds {max} bytes"))
    }

    /// The error for an exchange that outlived a deadline of `limit`, worded the same for every
    /// adapter.
    pub fn timed_out(limit: Duration) -> Self {
        Self::new(TransportErrorKind::Timeout).with_limit(limit)
    }

    /// Records the deadline that passed (adapters set it when they know it).
    pub fn with_limit(mut self, limit: Duration) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Records where the request was going; the drivers do this for every request they send.
    /// Only scheme, host and port of `uri` are kept.
    pub fn with_target(mut self, uri: &http::Uri) -> Self {
        if self.target.is_none() {
            self.target = Target::of(uri);
        }
        self
    }

    /// What kind of failure this was.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The underlying cause, read from the source chain (refused, DNS, TLS, ...).
    pub fn cause(&self) -> TransportCause {
        match self.kind {
            TransportErrorKind::BodyTooLarge => TransportCause::BodyTooLarge,
            _ => match self.source.as_deref() {
                Some(source) => match TransportCause::of(source) {
                    TransportCause::Unknown if self.kind == TransportErrorKind::Timeout => TransportCause::TimedOut,
                    cause => cause,
                },
                None if self.kind == TransportErrorKind::Timeout => TransportCause::TimedOut,
                None => TransportCause::Unknown,
            },
        }
    }

    /// Where the request was going, when known.
    pub fn target(&self) -> Option<&Target> {
        self.target.as_ref()
    }

    /// The deadline that passed, when the adapter said.
    pub fn limit(&self) -> Option<Duration> {
        self.limit
    }

    /// The adapter's own detail, if it gave one instead of a source.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// True for failures worth retrying (connect, timeout, broken connection).
    pub fn is_retryable(&self) -> bool {
        matches!(self.kind, TransportErrorKind::Connect | TransportErrorKind::Timeout | TransportErrorKind::Io)
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let target = match &self.target {
            Some(t) => t.to_string(),
            None => "the server".to_owned(),
        };
        let cause = self.cause();
        match self.kind {
            TransportErrorKind::Connect => write!(f, "cannot connect to {target}")?,
            TransportErrorKind::Timeout => write!(f, "no answer from {target} in time")?,
            TransportErrorKind::Io => write!(f, "the connection to {target} broke")?,
            TransportErrorKind::BodyTooLarge => write!(f, "the answer from {target} is too large")?,
            TransportErrorKind::Other => write!(f, "the request to {target} failed")?,
        }
        match (self.kind, cause, self.limit, &self.message) {
            (_, TransportCause::TimedOut, Some(limit), _) => write!(f, ": timed out after {}", seconds(limit)),
            (_, _, _, Some(message)) => write!(f, ": {message}"),
            (TransportErrorKind::Timeout, TransportCause::TimedOut, None, None) => f.write_str(": timed out"),
            (_, TransportCause::Unknown, _, None) => Ok(()),
            (_, cause, _, None) => write!(f, ": {cause}"),
        }
    }
}

/// `2 s`, `1.5 s`, `250 ms`.
fn seconds(d: Duration) -> String {
    if d.subsec_nanos() == 0 {
        format!("{} s", d.as_secs())
    } else if d < Duration::from_secs(1) {
        format!("{} ms", d.as_millis())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn StdError + 'static))
    }
}
