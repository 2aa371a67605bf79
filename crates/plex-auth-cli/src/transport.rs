//! The HTTP stack chosen with `--transport`, behind the core's object-safe transport trait.

use crate::cli::TransportChoice;
use crate::failure::Failure;
use plex_auth_core::{DynTransport, Error};
use std::sync::Arc;
use std::time::Duration;

/// A transport picked at run time.
pub type SharedTransport = Arc<dyn DynTransport + 'static>;

/// Builds `choice` with an optional whole-request `timeout`.
pub fn build(choice: TransportChoice, timeout: Option<Duration>) -> Result<SharedTransport, Error> {
    Ok(match choice {
        TransportChoice::Reqwest => {
            let mut builder = plex_auth_reqwest::ReqwestTransport::builder();
            if let Some(t) = timeout {
                builder = builder.timeout(t).connect_timeout(t.min(plex_auth_reqwest::DEFAULT_CONNECT_TIMEOUT));
            }
            Arc::new(builder.build()?)
        }
        TransportChoice::Hyper => {
            let mut transport = plex_auth_hyper::HyperTransport::https()?;
            if let Some(t) = timeout {
                transport = transport.with_timeout(t);
            }
            Arc::new(transport)
        }
    })
}

/// Parses `--timeout` seconds.
pub fn timeout(seconds: Option<f64>) -> Result<Option<Duration>, Failure> {
    seconds
        .map(|s| {
            Duration::try_from_secs_f64(s)
                .ok()
                .filter(|d| !d.is_zero())
                .ok_or_else(|| Failure::invalid("invalid --timeout: must be a positive number of seconds"))
        })
        .transpose()
}
