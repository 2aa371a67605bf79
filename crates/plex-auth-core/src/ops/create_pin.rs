//! `getPin`: a new PIN for the PIN login flow (`POST {clients.plex.tv}/pins`, 201).

use super::{Endpoint, Host, RequestBody, Route, build_request};
use crate::config::ClientConfig;
use crate::decode::{decode_error, decode_json, expect_success};
use crate::error::{DecodeReason, Error};
use crate::jwt::PublicJwk;
use crate::models::Pin;
use crate::transport::{HttpRequest, HttpResponse};
use http::Method;

const ROUTE: Route = Route::new("POST /pins", Host::ClientsPlexTv, "/pins");

/// Creates a PIN. No token is sent: the PIN is how an app without one gets one.
///
/// A strong PIN (the default) has a 25-character code and a longer life, for the browser flow; a
/// short one has 4 characters, for typing at `plex.tv/link`. Output: the [`Pin`], with its `id`
/// and `code` guaranteed present.
#[derive(Debug, Clone)]
pub struct CreatePin {
    strong: bool,
    jwk: Option<PublicJwk>,
}

impl Default for CreatePin {
    fn default() -> Self {
        Self { strong: true, jwk: None }
    }
}

impl CreatePin {
    /// A strong PIN.
    pub fn new() -> Self {
        Self::default()
    }

    /// `strong=true` (the default) or a short 4-character code.
    pub fn strong(mut self, strong: bool) -> Self {
        self.strong = strong;
        self
    }

    /// The JWT variant: the PIN carries the device's public key, and once approved its
    /// `authToken` is a Plex JWT for that key (poll with [`GetPin::with_device_jwt`](crate::GetPin::with_device_jwt)).
    /// Sent as JSON `{"jwk": ..., "strong": ...}`.
    pub fn with_jwk(mut self, jwk: PublicJwk) -> Self {
        self.jwk = Some(jwk);
        self
    }
}

impl Endpoint for CreatePin {
    type Output = Pin;

    fn to_request(&self, cfg: &ClientConfig) -> Result<HttpRequest, Error> {
        if let Some(jwk) = &self.jwk {
            let body = serde_json::json!({ "jwk": jwk, "strong": self.strong });
            return build_request(cfg, Method::POST, ROUTE.url(cfg, None)?, None, RequestBody::Json(body));
        }
        let url = ROUTE.url(cfg, Some(if self.strong { "strong=true" } else { "strong=false" }))?;
        build_request(cfg, Method::POST, url, None, RequestBody::Empty)
    }

    fn from_response(&self, resp: HttpResponse) -> Result<Pin, Error> {
        let resp = expect_success(&ROUTE, resp)?;
        require_id_and_code(&ROUTE, &resp, decode_json(&ROUTE, &resp)?)
    }
}

/// A PIN without an id cannot be polled, and one without a code cannot be shown.
pub(crate) fn require_id_and_code(route: &Route, resp: &HttpResponse, pin: Pin) -> Result<Pin, Error> {
    if pin.id.is_none() {
        return Err(decode_error(route, resp, DecodeReason::MissingField("id")));
    }
    if pin.code.as_deref().is_none_or(str::is_empty) {
        return Err(decode_error(route, resp, DecodeReason::MissingField("code")));
    }
    Ok(pin)
}
