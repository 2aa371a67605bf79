//! A transport made from a closure: for tests, doctests and users' own HTTP clients.

use crate::transport::{BlockingTransport, HttpRequest, HttpResponse, Transport, TransportError};
use std::future::Future;

/// Wraps `f` as a transport that answers synchronously. Implements both [`Transport`]
/// (the future is ready at once) and [`BlockingTransport`].
pub fn from_fn<F>(f: F) -> FnTransport<F>
where
    F: Fn(HttpRequest) -> Result<HttpResponse, TransportError> + Send + Sync,
{
    FnTransport(f)
}

/// A transport made by [`from_fn`].
#[derive(Clone)]
pub struct FnTransport<F>(F);

impl<F> std::fmt::Debug for FnTransport<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FnTransport")
    }
}

impl<F> Transport for FnTransport<F>
where
    F: Fn(HttpRequest) -> Result<HttpResponse, TransportError> + Send + Sync,
{
    fn send(&self, req: HttpRequest) -> impl Future<Output = Result<HttpResponse, TransportError>> + Send {
        std::future::ready((self.0)(req))
    }
}

impl<F> BlockingTransport for FnTransport<F>
where
    F: Fn(HttpRequest) -> Result<HttpResponse, TransportError> + Send + Sync,
{
    fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        (self.0)(req)
    }
}
