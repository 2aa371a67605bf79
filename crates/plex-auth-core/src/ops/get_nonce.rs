//! `GET {clients.plex.tv}/auth/nonce`: a nonce for the next device JWT. No token: the device
//! proves itself by signing. Nonces are rate limited (429, with or without `Retry-After`).

use super::{Endpoint, Host, RequestBody, Route, build_request};
use crate::config::ClientConfig;
use crate::decode::{decode_error, decode_json, expect_success};
use crate::error::{DecodeReason, Error};
use crate::models::NonceAnswer;
use crate::transport::{HttpRequest, HttpResponse};
use http::Method;

const ROUTE: Route = Route::new("GET /auth/nonce", Host::ClientsPlexTv, "/auth/nonce");

/// The longest nonce accepted (Plex's are 36-character UUIDs).
const MAX_NONCE_LEN: usize = 256;

/// Gets a nonce. Output: the nonce, single use and valid 5 minutes.
#[derive(Debug, Clone, Default)]
pub struct GetNonce;

impl GetNonce {
    /// The request.
    pub fn new() -> Self {
        Self
    }
}

impl Endpoint for GetNonce {
    type Output = String;

    fn to_request(&self, cfg: &ClientConfig) -> Result<HttpRequest, Error> {
        build_request(cfg, Method::GET, ROUTE.url(cfg, None)?, None, RequestBody::Empty)
    }

    fn from_response(&self, resp: HttpResponse) -> Result<String, Error> {
        let resp = expect_success(&ROUTE, resp)?;
        let answer: NonceAnswer = decode_json(&ROUTE, &resp)?;
        match answer.nonce {
            Some(nonce) if nonce.len() > MAX_NONCE_LEN => Err(decode_error(
                &ROUTE,
                &resp,
                DecodeReason::InvalidField { field: "nonce", reason: "is longer than 256 bytes" },
            )),
            Some(nonce) if !nonce.trim().is_empty() => Ok(nonce),
            _ => Err(decode_error(&ROUTE, &resp, DecodeReason::MissingField("nonce"))),
        }
    }
}
