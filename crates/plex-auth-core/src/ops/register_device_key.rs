//! `POST {clients.plex.tv}/auth/jwk`: registers the device's public key, with a token issued to
//! the same client identifier. Plex answers 201, possibly with an empty body.

use super::{Endpoint, Host, RequestBody, Route, build_request, require_token};
use crate::config::ClientConfig;
use crate::decode::expect_success;
use crate::error::Error;
use crate::jwt::PublicJwk;
use crate::secret::Secret;
use crate::transport::{HttpRequest, HttpResponse};
use http::Method;

const ROUTE: Route = Route::new("POST /auth/jwk", Host::ClientsPlexTv, "/auth/jwk");

/// Registers `jwk` for the config's client identifier. Output: nothing (any 2xx, whatever its
/// body). A 422 whose [`Error::thumbprint_taken`] holds means another client identifier has
/// this key already.
#[derive(Debug, Clone)]
pub struct RegisterDeviceKey {
    jwk: PublicJwk,
    token: Option<Secret>,
}

impl RegisterDeviceKey {
    /// Registers `jwk` (from [`DeviceKey::public_jwk`](crate::jwt::DeviceKey::public_jwk)).
    pub fn new(jwk: PublicJwk) -> Self {
        Self { jwk, token: None }
    }

    /// Authenticates with `token` instead of the config's.
    pub fn with_token(mut self, token: impl Into<Secret>) -> Self {
        self.token = Some(token.into());
        self
    }
}

impl Endpoint for RegisterDeviceKey {
    type Output = ();

    fn to_request(&self, cfg: &ClientConfig) -> Result<HttpRequest, Error> {
        let token = require_token(self.token.as_ref(), cfg)?;
        let body = serde_json::json!({ "jwk": self.jwk });
        build_request(cfg, Method::POST, ROUTE.url(cfg, None)?, Some(token), RequestBody::Json(body))
    }

    fn from_response(&self, resp: HttpResponse) -> Result<(), Error> {
        expect_success(&ROUTE, resp).map(drop)
    }
}
