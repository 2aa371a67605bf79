//! Maps hyper's errors onto the core's [`TransportErrorKind`]s.

use std::error::Error as StdError;
use std::time::Duration;

use http_body_util::LengthLimitError;
use plex_auth_core::{TransportError, TransportErrorKind};

type BoxError = Box<dyn StdError + Send + Sync>;

/// Classifies a failure to get a response head.
pub(crate) fn from_client(err: hyper_util::client::legacy::Error) -> TransportError {
    let kind = if timed_out(&err) {
        TransportErrorKind::Timeout
    } else if err.is_connect() {
        TransportErrorKind::Connect
    } else if broke(&err) {
        TransportErrorKind::Io
    } else {
        TransportErrorKind::Other
    };
    TransportError::with_source(kind, err)
}

/// Classifies a failure while reading a body capped at `max` bytes.
pub(crate) fn from_body(err: BoxError, max: usize) -> TransportError {
    if err.is::<LengthLimitError>() {
        return TransportError::body_too_large(max);
    }
    let kind = if timed_out(&*err) { TransportErrorKind::Timeout } else { TransportErrorKind::Io };
    TransportError::with_source(kind, err)
}

/// The error for an exchange that outlived the whole-request timeout.
pub(crate) fn elapsed(timeout: Duration) -> TransportError {
    TransportError::timed_out(timeout)
}

/// `err` and its sources, outermost first.
fn chain<'a>(err: &'a (dyn StdError + 'static)) -> impl Iterator<Item = &'a (dyn StdError + 'static)> {
    std::iter::successors(Some(err), |e| (*e).source())
}

/// A deadline passed somewhere below (the connector's connect timeout, or hyper's own).
fn timed_out(err: &(dyn StdError + 'static)) -> bool {
    chain(err).any(|e| {
        e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::TimedOut)
            || e.downcast_ref::<hyper::Error>().is_some_and(hyper::Error::is_timeout)
    })
}

/// The connection broke: an I/O error, or hyper could not read what the peer sent.
fn broke(err: &(dyn StdError + 'static)) -> bool {
    chain(err).any(|e| e.is::<std::io::Error>() || e.downcast_ref::<hyper::Error>().is_some_and(|h| !h.is_user()))
}
