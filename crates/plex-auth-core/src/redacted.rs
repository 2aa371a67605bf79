//! A loggable view of a request or response. `http::Request`'s own `Debug` prints the body, and a
//! sign-in body holds the password, a sign-in answer the token; this view prints what helps
//! diagnose an exchange and nothing that authenticates.

use std::fmt;

use http::HeaderMap;

use crate::error::Body;
use crate::redact::is_secret_name;
use crate::secret::REDACTED;
use crate::transport::{HttpRequest, HttpResponse};

/// Wraps a request or response for logging: see [`redacted`].
#[derive(Clone, Copy)]
pub struct Redacted<'a, T>(&'a T);

/// A `Debug` view of `message` safe to log: method, URI (secret-looking query values replaced),
/// version, headers (values of sensitive or secret-looking headers replaced), status, and only the
/// body's length.
///
/// ```
/// # fn main() -> Result<(), plex_auth_core::Error> {
/// use plex_auth_core::{ClientConfig, Endpoint, PostUsersSignInData, redacted};
///
/// let config = ClientConfig::builder().client_identifier("my-app").build()?;
/// let request = PostUsersSignInData::new("ana", "correct horse").to_request(&config)?;
/// let shown = format!("{:?}", redacted(&request));
/// assert!(shown.starts_with("Request { method: POST, uri: https://plex.tv/api/v2/users/signin"));
/// assert!(!shown.contains("horse"));
/// # Ok(())
/// # }
/// ```
pub fn redacted<T>(message: &T) -> Redacted<'_, T> {
    Redacted(message)
}

impl fmt::Debug for Redacted<'_, HttpRequest> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let req = self.0;
        f.debug_struct("Request")
            .field("method", req.method())
            .field("uri", &format_args!("{}", RedactedUri(req.uri())))
            .field("version", &req.version())
            .field("headers", &RedactedHeaders(req.headers()))
            .field("body", &Body(req.body().clone()))
            .finish()
    }
}

impl fmt::Debug for Redacted<'_, HttpResponse> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let resp = self.0;
        f.debug_struct("Response")
            .field("status", &resp.status())
            .field("version", &resp.version())
            .field("headers", &RedactedHeaders(resp.headers()))
            .field("body", &Body(resp.body().clone()))
            .finish()
    }
}

struct RedactedHeaders<'a>(&'a HeaderMap);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in self.0 {
            let name = name.as_str();
            if value.is_sensitive() || is_secret_name(name) {
                map.entry(&name, &format_args!("{REDACTED}"));
            } else {
                map.entry(&name, value);
            }
        }
        map.finish()
    }
}

struct RedactedUri<'a>(&'a http::Uri);

impl fmt::Display for RedactedUri<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let uri = self.0;
        if let (Some(scheme), Some(authority)) = (uri.scheme(), uri.authority()) {
            // The authority may carry `user:password@`; only the host and port are shown.
            let port = authority.port().map(|p| format!(":{p}")).unwrap_or_default();
            write!(f, "{scheme}://{}{port}", authority.host())?;
        }
        f.write_str(uri.path())?;
        let Some(query) = uri.query() else { return Ok(()) };
        for (i, pair) in query.split('&').enumerate() {
            f.write_str(if i == 0 { "?" } else { "&" })?;
            match pair.split_once('=') {
                Some((key, _)) if is_secret_name(key) => write!(f, "{key}={REDACTED}")?,
                _ => f.write_str(pair)?,
            }
        }
        Ok(())
    }
}
