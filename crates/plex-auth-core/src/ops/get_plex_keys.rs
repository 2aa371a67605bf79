//! `GET {clients.plex.tv}/auth/keys`: the keys Plex signs its JWTs with (current and retired).

use super::{Endpoint, Host, RequestBody, Route, build_request};
use crate::config::ClientConfig;
use crate::decode::{decode_error, decode_json, expect_success};
use crate::error::{DecodeReason, Error};
use crate::jwt::JwkSet;
use crate::transport::{HttpRequest, HttpResponse};
use http::Method;

const ROUTE: Route = Route::new("GET /auth/keys", Host::ClientsPlexTv, "/auth/keys");

/// Gets Plex's key set. Output: the [`JwkSet`], with at least one key.
#[derive(Debug, Clone, Default)]
pub struct GetPlexKeys;

impl GetPlexKeys {
    /// The request.
    pub fn new() -> Self {
        Self
    }
}

impl Endpoint for GetPlexKeys {
    type Output = JwkSet;

    fn to_request(&self, cfg: &ClientConfig) -> Result<HttpRequest, Error> {
        build_request(cfg, Method::GET, ROUTE.url(cfg, None)?, None, RequestBody::Empty)
    }

    fn from_response(&self, resp: HttpResponse) -> Result<JwkSet, Error> {
        let resp = expect_success(&ROUTE, resp)?;
        let set: JwkSet = decode_json(&ROUTE, &resp)?;
        if set.keys().is_empty() {
            return Err(decode_error(&ROUTE, &resp, DecodeReason::MissingField("keys")));
        }
        Ok(set)
    }
}
