//! `POST {clients.plex.tv}/auth/token`: a signed device JWT exchanged for a Plex JWT.

use super::{Endpoint, Host, RequestBody, Route, build_request, check_token};
use crate::config::ClientConfig;
use crate::decode::{decode_error, decode_json, expect_success};
use crate::error::{DecodeReason, Error};
use crate::models::TokenAnswer;
use crate::secret::Secret;
use crate::transport::{HttpRequest, HttpResponse};
use http::Method;
use secrecy::ExposeSecret;

const ROUTE: Route = Route::new("POST /auth/token", Host::ClientsPlexTv, "/auth/token");

/// Sends `{"jwt": <device JWT>}`. Output: the Plex JWT, not yet verified: verify it with
/// [`PlexJwt::verify`](crate::jwt::PlexJwt::verify) before trusting its claims.
#[derive(Debug, Clone)]
pub struct ExchangeDeviceJwt {
    device_jwt: Secret,
}

impl ExchangeDeviceJwt {
    /// Exchanges `device_jwt` (from [`DeviceKey::sign_device_jwt`](crate::jwt::DeviceKey::sign_device_jwt)).
    pub fn new(device_jwt: impl Into<Secret>) -> Self {
        Self { device_jwt: device_jwt.into() }
    }
}

impl Endpoint for ExchangeDeviceJwt {
    type Output = Secret;

    fn to_request(&self, cfg: &ClientConfig) -> Result<HttpRequest, Error> {
        let body = serde_json::json!({ "jwt": self.device_jwt.expose_secret() });
        build_request(cfg, Method::POST, ROUTE.url(cfg, None)?, None, RequestBody::Json(body))
    }

    fn from_response(&self, resp: HttpResponse) -> Result<Secret, Error> {
        let resp = expect_success(&ROUTE, resp)?;
        let answer: TokenAnswer = decode_json(&ROUTE, &resp)?;
        let token = answer
            .auth_token
            .filter(|t| !t.is_empty())
            .ok_or_else(|| decode_error(&ROUTE, &resp, DecodeReason::MissingField("auth_token")))?;
        check_token(&token).map_err(|reason| {
            decode_error(&ROUTE, &resp, DecodeReason::InvalidField { field: "auth_token", reason })
        })?;
        Ok(token)
    }
}
