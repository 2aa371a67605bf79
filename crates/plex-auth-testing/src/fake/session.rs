//! plex.tv's session routes: `GET /api/v2/ping` (the token stays valid) and
//! `DELETE /api/v2/users/signout` (the token is revoked: `/user` with it answers 401 from then on),
//! and [`authenticate`], which every plex.tv route uses to read the caller's token.

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

/// Who a plex.tv request comes from: its token and that token's account.
pub(super) struct Caller {
    pub(super) token: String,
    pub(super) account: usize,
}

/// The caller of a plex.tv route, from its `X-Plex-Token`: a legacy account token, or a Plex
/// JWT the fake issued. An expired Plex JWT gets 498 "Token Expired" (as plex.tv answers, so
/// clients know to refresh rather than sign in again); an unknown token 401. Once a Plex JWT
/// was issued for a client identifier, legacy tokens sent with that identifier get 401
/// (reference §7.5: "that identifier's legacy token stops working").
#[allow(clippy::result_large_err)] // the early answer of a handler, moved once
pub(super) fn authenticate(state: &State, req: &HttpRequest) -> Result<Caller, HttpResponse> {
    let token = token_of(req).ok_or_else(not_authenticated)?;
    if let Some(grant) = state.jwt.grants.get(&token) {
        if state.now() >= grant.expires {
            return Err(super::jwt::token_expired());
        }
        return Ok(Caller { account: grant.account, token });
    }
    let account = state.tokens.get(&token).copied().ok_or_else(not_authenticated)?;
    let client_id = req.headers().get("x-plex-client-identifier").and_then(|v| v.to_str().ok());
    if client_id.is_some_and(|id| state.jwt.jwt_clients.contains(id)) {
        return Err(not_authenticated());
    }
    Ok(Caller { token, account })
}

/// `GET /api/v2/ping`: 200 with an empty body for a valid token, else 401.
pub(super) fn ping(state: &mut State, req: &HttpRequest) -> HttpResponse {
    if req.method() != http::Method::GET {
        return html_error_response(405);
    }
    if let Some(missing) = missing_client_id(req) {
        return missing;
    }
    match authenticate(state, req) {
        Ok(_) => response(200, "application/json", ""),
        Err(refusal) => refusal,
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
    match authenticate(state, req) {
        Ok(caller) => {
            state.tokens.remove(&caller.token);
            state.jwt.grants.remove(&caller.token);
            response(204, "application/json", "")
        }
        Err(refusal) => refusal,
    }
}
