//! `tracing` spans and events for the drivers: what was asked of whom, and how it ended.
//!
//! One `plex_auth.request` span per exchange, with the method, host and path (never the query,
//! which may carry a token); a DEBUG event with the status and error kind when it ends; TRACE
//! events with the [`redacted`](crate::redacted) request and response. Durations come from the
//! span itself (for example `tracing_subscriber`'s `FmtSpan::CLOSE`), so the core reads no clock.

use crate::error::Error;
use crate::redacted::redacted;
use crate::transport::{HttpRequest, HttpResponse, TransportError};

/// The span for one exchange.
pub(crate) fn request_span(req: &HttpRequest) -> tracing::Span {
    let uri = req.uri();
    let host = uri.host().unwrap_or_default();
    let port = uri.port_u16().map(|p| p.to_string()).unwrap_or_default();
    tracing::debug_span!("plex_auth.request", method = %req.method(), host, port, path = uri.path())
}

/// The request is about to be sent.
pub(crate) fn sending(req: &HttpRequest) {
    tracing::trace!(request = ?redacted(req), "sending");
}

/// The transport answered, with a response or an error.
pub(crate) fn received(resp: &Result<HttpResponse, TransportError>) {
    match resp {
        Ok(resp) => tracing::trace!(response = ?redacted(resp), "received"),
        Err(e) => tracing::trace!(transport.kind = %e.kind(), "transport failed"),
    }
}

/// The exchange is over.
pub(crate) fn finished<T>(result: &Result<T, Error>) {
    match result {
        Ok(_) => tracing::debug!(outcome = "ok", "finished"),
        Err(e) => tracing::debug!(
            outcome = "error",
            error.kind = e.kind(),
            status = e.status().map(|s| s.as_u16()),
            plex.code = e.plex_code(),
            "finished"
        ),
    }
}
