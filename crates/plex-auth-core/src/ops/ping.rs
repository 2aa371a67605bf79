//! `GET {plex.tv}/ping`: keeps a token alive. A 401 (or 403, 422 "Invalid token") means the token
//! is already invalid; any 2xx, whatever its body, means it was refreshed.

use super::{Endpoint, Host, RequestBody, Route, build_request, require_token};
use crate::config::ClientConfig;
use crate::decode::expect_success;
use crate::error::Error;
use crate::secret::Secret;
use crate::transport::{HttpRequest, HttpResponse};
use http::Method;

const ROUTE: Route = Route::new("GET /ping", Host::PlexTv, "/ping").forbidden_means_unauthorized();

/// Pings plex.tv with the token, which keeps it from expiring. Output: nothing; an error that
/// answers [`Error::is_unauthorized`] means the token is no longer valid. An unreachable plex.tv
/// is a transport error, not a verdict on the token.
#[derive(Debug, Clone, Default)]
pub struct Ping {
    token: Option<Secret>,
}

impl Ping {
    /// A ping with the config's token.
    pub fn new() -> Self {
        Self::default()
    }

    /// Pings with `token` instead of the config's.
    pub fn with_token(mut self, token: impl Into<Secret>) -> Self {
        self.token = Some(token.into());
        self
    }
}

impl Endpoint for Ping {
    type Output = ();

    fn to_request(&self, cfg: &ClientConfig) -> Result<HttpRequest, Error> {
        let token = require_token(self.token.as_ref(), cfg)?;
        build_request(cfg, Method::GET, ROUTE.url(cfg, None)?, Some(token), RequestBody::Empty)
    }

    fn from_response(&self, resp: HttpResponse) -> Result<(), Error> {
        expect_success(&ROUTE, resp).map(drop)
    }
}
