//! `getTokenDetails`: the account behind a token (`GET {plex.tv}/user`); also the way to check
//! whether a token is still valid (200 valid, 401 invalid, anything else: unknown).

use super::{Endpoint, Host, RequestBody, Route, build_request, require_token};
use crate::config::ClientConfig;
use crate::decode::{decode_json, expect_success};
use crate::error::Error;
use crate::models::UserPlexAccount;
use crate::secret::Secret;
use crate::transport::{HttpRequest, HttpResponse};
use http::Method;

const ROUTE: Route = Route::new("GET /user", Host::PlexTv, "/user");

/// Fetches the account that owns the token.
#[derive(Debug, Clone, Default)]
pub struct GetTokenDetails {
    token: Option<Secret>,
}

impl GetTokenDetails {
    /// A request with the config's token.
    pub fn new() -> Self {
        Self::default()
    }

    /// Checks `token` instead of the config's.
    pub fn with_token(mut self, token: impl Into<Secret>) -> Self {
        self.token = Some(token.into());
        self
    }
}

impl Endpoint for GetTokenDetails {
    type Output = UserPlexAccount;

    fn to_request(&self, cfg: &ClientConfig) -> Result<HttpRequest, Error> {
        let token = require_token(self.token.as_ref(), cfg)?;
        build_request(cfg, Method::GET, ROUTE.url(cfg, None)?, Some(token), RequestBody::Empty)
    }

    fn from_response(&self, resp: HttpResponse) -> Result<UserPlexAccount, Error> {
        let resp = expect_success(&ROUTE, resp)?;
        decode_json(&ROUTE, &resp)
    }
}
