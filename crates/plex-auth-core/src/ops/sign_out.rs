//! `DELETE {plex.tv}/users/signout`: invalidates the token (204 on success). A 401 (or 403, 422
//! "Invalid token") means the token was already invalid.

use super::{Endpoint, Host, RequestBody, Route, build_request, require_token};
use crate::config::ClientConfig;
use crate::decode::expect_success;
use crate::error::Error;
use crate::secret::Secret;
use crate::transport::{HttpRequest, HttpResponse};
use http::Method;

const ROUTE: Route = Route::new("DELETE /users/signout", Host::PlexTv, "/users/signout").forbidden_means_unauthorized();

/// Signs the token out of plex.tv: it stops working everywhere. Output: nothing (any 2xx).
/// Forget the stored token afterwards, whatever the answer: an error that answers
/// [`Error::is_unauthorized`] means it was already invalid.
#[derive(Debug, Clone, Default)]
pub struct SignOut {
    token: Option<Secret>,
}

impl SignOut {
    /// A sign-out of the config's token.
    pub fn new() -> Self {
        Self::default()
    }

    /// Signs out `token` instead of the config's.
    pub fn with_token(mut self, token: impl Into<Secret>) -> Self {
        self.token = Some(token.into());
        self
    }
}

impl Endpoint for SignOut {
    type Output = ();

    fn to_request(&self, cfg: &ClientConfig) -> Result<HttpRequest, Error> {
        let token = require_token(self.token.as_ref(), cfg)?;
        build_request(cfg, Method::DELETE, ROUTE.url(cfg, None)?, Some(token), RequestBody::Empty)
    }

    fn from_response(&self, resp: HttpResponse) -> Result<(), Error> {
        expect_success(&ROUTE, resp).map(drop)
    }
}
