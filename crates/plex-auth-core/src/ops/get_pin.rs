//! `getTokenByPinId`: a PIN read back while waiting for approval (`GET {clients.plex.tv}/pins/{id}`).

use super::create_pin::require_id_and_code;
use super::{Endpoint, Host, RequestBody, Route, build_request, check_token, encode_query_value};
use crate::config::ClientConfig;
use crate::decode::{decode_error, decode_json, expect_success};
use crate::error::{DecodeReason, Error};
use crate::models::Pin;
use crate::secret::Secret;
use crate::transport::{HttpRequest, HttpResponse};
use http::Method;
use secrecy::ExposeSecret;

const ROUTE: Route = Route::new("GET /pins/{id}", Host::ClientsPlexTv, "/pins/");

/// Reads PIN `id`. Output: the [`Pin`]; its [`token`](Pin::token) is `None` until approved.
///
/// Must be sent with the client identifier that created the PIN: another one gets 404 with code
/// 1020, the same answer as an expired PIN ([`Error::pin_expired`]).
#[derive(Debug, Clone)]
pub struct GetPin {
    id: i64,
    device_jwt: Option<Secret>,
}

impl GetPin {
    /// Reads PIN `id`.
    pub fn new(id: i64) -> Self {
        Self { id, device_jwt: None }
    }

    /// The JWT variant: polls a PIN made by [`CreatePin::with_jwk`](crate::CreatePin::with_jwk),
    /// proving the key with a device JWT (`?deviceJWT=`; re-mint it before its 5 minutes end).
    pub fn with_device_jwt(mut self, device_jwt: impl Into<Secret>) -> Self {
        self.device_jwt = Some(device_jwt.into());
        self
    }

    /// The PIN id.
    pub fn id(&self) -> i64 {
        self.id
    }
}

impl Endpoint for GetPin {
    type Output = Pin;

    fn to_request(&self, cfg: &ClientConfig) -> Result<HttpRequest, Error> {
        if self.id < 0 {
            return Err(Error::invalid("id", "a PIN id is not negative"));
        }
        let mut url = format!("{}{}", ROUTE.url(cfg, None)?, self.id);
        if let Some(jwt) = &self.device_jwt {
            url.push_str("?deviceJWT=");
            url.push_str(&encode_query_value(jwt.expose_secret()).to_string());
        }
        build_request(cfg, Method::GET, url, None, RequestBody::Empty)
    }

    fn from_response(&self, resp: HttpResponse) -> Result<Pin, Error> {
        let resp = expect_success(&ROUTE, resp)?;
        let pin = require_id_and_code(&ROUTE, &resp, decode_json(&ROUTE, &resp)?)?;
        if let Some(token) = pin.token() {
            check_token(token).map_err(|reason| {
                decode_error(&ROUTE, &resp, DecodeReason::InvalidField { field: "authToken", reason })
            })?;
        }
        Ok(pin)
    }
}
