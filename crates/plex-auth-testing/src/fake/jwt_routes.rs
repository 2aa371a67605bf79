//! The JWT routes under `/api/v2/auth/`: `POST jwk` (register a device key), `GET nonce`,
//! `POST token` (device JWT for Plex JWT) and `GET keys` (the fake's signing keys). Every one
//! requires `X-Plex-Client-Identifier` (400 code 1000), as plex.tv does.
//!
//! Error bodies are Plex's: 422 code 1098 "Thumbprint Already Taken", 422 code 1097 "jwk
//! missing", 422 code 1099 "Signature Verification Failed", 429 code 1003 "Too Many Requests".
//! A device JWT with a stale nonce or wrong claims gets 422 "Invalid or expired nonce", which is
//! deliberately not the signature message, so a client can tell the two apart.

// A handler's early answer is its error path: one response per request, moved once.
#![allow(clippy::result_large_err)]

use super::State;
use super::jwt::{
    CODE_BAD_REQUEST, CODE_THUMBPRINT_TAKEN, Device, NonceUse, Refusal, check_device_jwt, ed25519_jwk, mint,
    signature_failed, thumbprint_of,
};
use super::session::{authenticate, missing_client_id};
use crate::responses::{html_error_response, json_response, plex_error_response, response};
use plex_auth_core::{CODE_JWK_MISSING, CODE_TOO_MANY_REQUESTS, HttpRequest, HttpResponse};
use serde_json::{Value, json};

fn client_id(req: &HttpRequest) -> Result<String, HttpResponse> {
    if let Some(missing) = missing_client_id(req) {
        return Err(missing);
    }
    Ok(req.headers().get("x-plex-client-identifier").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned())
}

fn json_body(req: &HttpRequest) -> Option<Value> {
    serde_json::from_slice(req.body()).ok()
}

fn only(req: &HttpRequest, method: http::Method) -> Result<(), HttpResponse> {
    if req.method() == method { Ok(()) } else { Err(html_error_response(405)) }
}

fn either(result: Result<HttpResponse, HttpResponse>) -> HttpResponse {
    result.unwrap_or_else(|resp| resp)
}

/// `POST /auth/jwk` with `{"jwk": {...}}` and an account token: 201 with an empty body.
pub(super) fn register(state: &mut State, req: &HttpRequest) -> HttpResponse {
    either(register_or_refusal(state, req))
}

fn register_or_refusal(state: &mut State, req: &HttpRequest) -> Result<HttpResponse, HttpResponse> {
    only(req, http::Method::POST)?;
    let client_id = client_id(req)?;
    let caller = authenticate(state, req)?;
    let jwk = ed25519_jwk(json_body(req).as_ref().and_then(|b| b.get("jwk")))?;
    let kid = thumbprint_of(&jwk);
    let taken = state.jwt.devices.iter().any(|(other, d)| *other != client_id && thumbprint_of(&d.jwk) == kid);
    if taken {
        return Err(plex_error_response(422, CODE_THUMBPRINT_TAKEN, "Thumbprint Already Taken"));
    }
    state.jwt.devices.insert(client_id, Device { account: caller.account, jwk });
    Ok(response(201, "application/json", ""))
}

/// `GET /auth/nonce`: `{"nonce": "<uuid>"}`, single use, valid 5 minutes; 429 past the limit.
pub(super) fn nonce(state: &mut State, req: &HttpRequest) -> HttpResponse {
    either(nonce_or_refusal(state, req))
}

fn nonce_or_refusal(state: &mut State, req: &HttpRequest) -> Result<HttpResponse, HttpResponse> {
    only(req, http::Method::GET)?;
    client_id(req)?;
    let now = state.now();
    if let Err(retry_after) = state.jwt.admit_nonce(now) {
        let mut resp = plex_error_response(429, CODE_TOO_MANY_REQUESTS, "Too Many Requests");
        if let Some(secs) = retry_after {
            resp.headers_mut().insert(http::header::RETRY_AFTER, http::HeaderValue::from(secs));
        }
        return Err(resp);
    }
    let nonce = uuid_like(state);
    state.jwt.remember_nonce(&nonce, now);
    Ok(json_response(200, &json!({ "nonce": nonce })))
}

/// A random-looking UUID (version 4 layout) from the fake's seed.
fn uuid_like(state: &mut State) -> String {
    let hex: String =
        state.random_text(32).bytes().map(|b| char::from(b"0123456789abcdef"[usize::from(b % 16)])).collect();
    format!("{}-{}-4{}-a{}-{}", &hex[..8], &hex[8..12], &hex[13..16], &hex[17..20], &hex[20..32])
}

/// `POST /auth/token` with `{"jwt": "<device JWT>"}`: `{"auth_token": "<Plex JWT>"}`.
pub(super) fn token(state: &mut State, req: &HttpRequest) -> HttpResponse {
    either(token_or_refusal(state, req))
}

fn token_or_refusal(state: &mut State, req: &HttpRequest) -> Result<HttpResponse, HttpResponse> {
    only(req, http::Method::POST)?;
    let client_id = client_id(req)?;
    let body = json_body(req);
    let Some(jwt) = body.as_ref().and_then(|b| b.get("jwt")).and_then(Value::as_str) else {
        return Err(plex_error_response(400, CODE_BAD_REQUEST, "jwt is required"));
    };
    let Some(device) = state.jwt.devices.get(&client_id) else {
        return Err(plex_error_response(422, CODE_JWK_MISSING, "jwk missing"));
    };
    let (account, jwk) = (device.account, device.jwk.clone());
    let claims = match check_device_jwt(state, jwt, &jwk, &client_id, NonceUse::Consume) {
        Ok(claims) => claims,
        Err(Refusal::Signature) => return Err(signature_failed()),
        Err(Refusal::Expired | Refusal::Claims) => {
            return Err(plex_error_response(422, CODE_BAD_REQUEST, "Invalid or expired nonce"));
        }
    };
    let token = mint(state, account, &client_id, &thumbprint_of(&jwk), &claims)?;
    Ok(json_response(200, &json!({ "auth_token": token })))
}

/// `GET /auth/keys`: `{"keys": [current, retired]}`, public JWKs with `kid`.
pub(super) fn keys(state: &mut State, req: &HttpRequest) -> HttpResponse {
    either(keys_or_refusal(state, req))
}

fn keys_or_refusal(state: &mut State, req: &HttpRequest) -> Result<HttpResponse, HttpResponse> {
    only(req, http::Method::GET)?;
    client_id(req)?;
    Ok(json_response(200, &state.jwt.key_set()))
}
