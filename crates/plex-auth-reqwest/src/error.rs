//! Maps reqwest's errors onto the core's [`TransportErrorKind`]s.

use std::error::Error as StdError;
use std::time::Duration;

use plex_auth_core::{TransportError, TransportErrorKind};

/// The deadlines a transport was built with, so that a timeout can say which one passed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub(crate) connect: Duration,
    pub(crate) total: Duration,
}

/// [`from_reqwest`], naming the deadline that passed when `limits` are known.
pub(crate) fn from_reqwest_within(err: reqwest::Error, limits: Option<Limits>) -> TransportError {
    let connecting = err.is_connect();
    let error = from_reqwest(err);
    match limits {
        Some(l) if error.kind() == TransportErrorKind::Timeout => {
            error.with_limit(if connecting { l.connect.min(l.total) } else { l.total })
        }
        _ => error,
    }
}

/// Classifies a reqwest error. The URL is dropped first: users may put a token in it.
pub(crate) fn from_reqwest(err: reqwest::Error) -> TransportError {
    let kind = if err.is_timeout() {
        TransportErrorKind::Timeout
    } else if err.is_connect() {
        TransportErrorKind::Connect
    } else if err.is_body() || err.is_decode() || has_io_cause(&err) {
        TransportErrorKind::Io
    } else {
        TransportErrorKind::Other
    };
    TransportError::with_source(kind, err.without_url())
}

/// True when the connection itself broke (reset, closed early, unparsable bytes from the peer):
/// reqwest reports those as "request" errors with an I/O or hyper error underneath.
fn has_io_cause(err: &reqwest::Error) -> bool {
    let mut cause = err.source();
    while let Some(e) = cause {
        if e.is::<std::io::Error>() || e.downcast_ref::<hyper::Error>().is_some_and(|h| !h.is_user()) {
            return true;
        }
        cause = e.source();
    }
    false
}
