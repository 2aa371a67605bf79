//! plex.tv's session routes: `GET /api/v2/ping` (the token stays valid) and
//! `DELETE /api/v2/users/signout` (the token is revoked: `/user` with it answers 401 from then on).

use super::State;
use super::routes::{not_authenticated, token_of};
use crate::responses::{html_error_response, plex_error_response, response};
use plex_auth_core::{HttpRequest, HttpResponse};

/// plex.tv's 400 code 1000 when `X-Plex-Client-Identifier` is missing or blank, else `None`.
pub(super) fn missing_client_id(req: &HttpRequest) -> Option<HttpResponse> {
    let has_client_id = req
        .headers()
        .get("x-plex-client-identifier")
        .is_some_and(|v| !v.as_bytes().iter().all(u8::is_ascii_whitespace));
    (!has_client_id).then(|| plex_error_response(400, 1000, "X-Plex-Client-Identifier is missing"))
}

/// The account token `req` carries, if the fake knows it.
pub(super) fn valid_token(state: &State, req: &HttpRequest) -> Option<String> {
    token_of(req).filter(|t| state.tokens.contains_key(t))
}

/// `GET /api/v2/ping`: 200 with an empty body for a valid token, else 401.
pub(super) fn ping(state: &mut State, req: &HttpRequest) -> HttpResponse {
    if req.method() != http::Method::GET {
        return html_error_response(405);
    }
    if let Some(missing) = missing_client_id(req) {
        return missing;
    }
    match valid_token(state, req) {
        Some(_) => response(200, "application/json", ""),
        None => not_authenticated(),
    }
}

/// `DELETE /api/v2/users/signout`: revokes the token and answers 204, or 401 for an unknown one.
pub(super) fn sign_out(state: &mut State, req: &HttpRequest) -> HttpResponse {
    if req.method() != http::Method::DELETE {
        return html_error_response(405);
    }
    if let Some(missing) = missing_client_id(req) {
        return missing;
    }
    match valid_token(state, req) {
        Some(token) => {
            state.tokens.remove(&token);
            response(204, "application/json", "")
        }
        None => not_authenticated(),
    }
}
