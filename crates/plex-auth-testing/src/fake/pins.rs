//! The fake's PINs: created by `POST /pins` (or up front by [`FakePlex::with_pin`]), read by
//! `GET /pins/{id}`, approved by a call (as a user in a browser would), after a number of polls,
//! or by `PUT /pins/link` from a signed-in account, expiring on the fake's clock, and unknown
//! (1020) to any other client identifier, as on plex.tv.
//!
//! A JWT PIN (`POST /pins` with a JSON body `{"jwk": ..., "strong": ...}`) carries the device's
//! public key: each poll must prove the key with `?deviceJWT=` (422 "Signature Verification
//! Failed" when missing or not signed by it, 498 once it expired), and once approved its
//! `authToken` is a Plex JWT for that key, which also becomes the key registered for the client
//! identifier (so a later nonce and exchange login works without `POST /auth/jwk`).

use super::jwt::{self, NonceUse, Refusal};
use super::session::authenticate;
use super::{FakePlex, State};
use crate::compare::parse_pairs;
use crate::responses::{html_error_response, json_response, plex_error_response, response};
use plex_auth_core::jwt::Jwk;
use plex_auth_core::{CODE_PIN_NOT_FOUND, HttpRequest, HttpResponse};
use serde_json::json;
use std::time::{Duration, SystemTime};

/// The first PIN id: near the 32-bit limit, as seen on plex.tv, so the third one is past it.
const FIRST_ID: i64 = 2_147_483_645;
/// Lifetimes: strong PINs were seen with `expiresIn: 1799`, short ones live 15 minutes.
const STRONG_LIFETIME: Duration = Duration::from_secs(1799);
const SHORT_LIFETIME: Duration = Duration::from_secs(900);

/// One PIN. No `Debug`: the token is in it.
pub(crate) struct FakePin {
    id: i64,
    code: String,
    client_id: String,
    product: String,
    created: SystemTime,
    lifetime: Duration,
    /// A strong (25-character) PIN; only short ones can be linked.
    strong: bool,
    polls: u32,
    /// The account that approved it.
    approved: Option<usize>,
    /// The token issued for it: at approval for a legacy PIN, at the first poll after approval
    /// for a JWT PIN (the Plex JWT answers that poll's device JWT).
    token: Option<String>,
    /// The device key of a JWT PIN.
    jwk: Option<Jwk>,
}

impl FakePin {
    fn expires(&self) -> SystemTime {
        self.created + self.lifetime
    }

    fn json(&self, now: SystemTime) -> serde_json::Value {
        let left = self.expires().duration_since(now).unwrap_or_default().as_secs();
        json!({
            "id": self.id,
            "code": self.code,
            "product": self.product,
            "trusted": false,
            "qr": format!("https://plex.tv/api/v2/pins/qr/{}", self.code),
            "clientIdentifier": self.client_id,
            "location": {"code": "NL", "country": "The Netherlands", "city": "Breda", "postal_code": 4814},
            "expiresIn": left,
            "createdAt": iso(self.created),
            "expiresAt": iso(self.expires()),
            "authToken": self.token,
            "newRegistration": self.token.as_ref().map(|_| false),
        })
    }
}

fn iso(t: SystemTime) -> String {
    humantime::format_rfc3339_seconds(t).to_string()
}

fn header(req: &HttpRequest, name: &str) -> Option<String> {
    req.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned).filter(|v| !v.trim().is_empty())
}

/// Whether `req` has a JSON body: a JWT PIN request.
fn is_json(req: &HttpRequest) -> bool {
    let ct = req.headers().get(http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    ct.is_some_and(|ct| ct.contains("json")) && !req.body().is_empty()
}

/// `POST /pins[?strong=true]`, or with a JSON body `{"jwk": ..., "strong": bool}` for a JWT PIN.
pub(crate) fn create(state: &mut State, req: &HttpRequest) -> HttpResponse {
    let Some(client_id) = header(req, "x-plex-client-identifier") else {
        return plex_error_response(400, 1000, "X-Plex-Client-Identifier is missing");
    };
    let (strong, jwk) = if is_json(req) {
        let body: Option<serde_json::Value> = serde_json::from_slice(req.body()).ok();
        let jwk = match jwt::ed25519_jwk(body.as_ref().and_then(|b| b.get("jwk"))) {
            Ok(jwk) => jwk,
            Err(refusal) => return refusal,
        };
        (body.as_ref().and_then(|b| b.get("strong")).and_then(serde_json::Value::as_bool).unwrap_or(false), Some(jwk))
    } else {
        let query = req.uri().query().unwrap_or_default();
        (parse_pairs(query.as_bytes()).iter().any(|(k, v)| k == "strong" && (v == "true" || v == "1")), None)
    };
    let code =
        if strong { state.random_text(25).to_ascii_lowercase() } else { state.random_text(4).to_ascii_uppercase() };
    let pin = FakePin {
        id: next_id(state),
        code,
        client_id,
        product: header(req, "x-plex-product").unwrap_or_default(),
        created: state.now(),
        lifetime: if strong { STRONG_LIFETIME } else { SHORT_LIFETIME },
        strong,
        polls: 0,
        approved: None,
        token: None,
        jwk,
    };
    let body = pin.json(state.now());
    state.pins.push(pin);
    json_response(201, &body)
}

/// The id of the next PIN: [`FIRST_ID`], then one past the highest id so far (PINs made by
/// [`FakePlex::with_pin`] may have any id).
fn next_id(state: &State) -> i64 {
    state.pins.iter().map(|p| p.id.saturating_add(1)).max().map_or(FIRST_ID, |id| id.max(FIRST_ID))
}

/// `GET /pins/{id}`.
pub(crate) fn poll(state: &mut State, req: &HttpRequest) -> HttpResponse {
    let id = req.uri().path().rsplit('/').next().and_then(|id| id.parse::<i64>().ok());
    let client_id = header(req, "x-plex-client-identifier");
    let now = state.now();
    let approval = state.pin_approval;
    let Some(index) = state.pins.iter().position(|p| Some(p.id) == id) else { return not_found() };
    if client_id.as_deref() != Some(state.pins[index].client_id.as_str()) || now >= state.pins[index].expires() {
        return not_found();
    }
    let device = match state.pins[index].jwk.clone() {
        Some(jwk) => match checked_device_jwt(state, req, &jwk, index) {
            Ok(claims) => Some((jwk, claims)),
            Err(refusal) => return refusal,
        },
        None => None,
    };
    state.pins[index].polls += 1;
    if let Some((account, after)) = approval {
        if state.pins[index].approved.is_none() && state.pins[index].polls >= after {
            approve_at(state, index, account);
        }
    }
    if let (Some((jwk, claims)), Some(account), None) =
        (device, state.pins[index].approved, state.pins[index].token.as_ref())
    {
        let client_id = state.pins[index].client_id.clone();
        let token = match jwt::mint(state, account, &client_id, &jwt::thumbprint_of(&jwk), &claims) {
            Ok(token) => token,
            Err(refusal) => return refusal,
        };
        state.jwt.devices.insert(client_id, jwt::Device { account, jwk });
        state.pins[index].token = Some(token);
    }
    json_response(200, &state.pins[index].json(now))
}

/// The `deviceJWT` of a poll of JWT PIN `index`, checked against the PIN's key: 422 "Signature
/// Verification Failed" when missing or refused, 498 once expired. Polls may reuse one device
/// JWT, so its nonce must have been issued by the fake but is not used up.
#[allow(clippy::result_large_err)] // the early answer of a handler, moved once
fn checked_device_jwt(
    state: &mut State,
    req: &HttpRequest,
    jwk: &Jwk,
    index: usize,
) -> Result<jwt::DeviceClaims, HttpResponse> {
    let query = parse_pairs(req.uri().query().unwrap_or_default().as_bytes());
    let device_jwt = query.into_iter().find(|(k, _)| k == "deviceJWT").map(|(_, v)| v);
    let device_jwt = device_jwt.ok_or_else(jwt::signature_failed)?;
    let client_id = state.pins[index].client_id.clone();
    jwt::check_device_jwt(state, &device_jwt, jwk, &client_id, NonceUse::Known).map_err(|refusal| match refusal {
        Refusal::Expired => jwt::token_expired(),
        Refusal::Signature | Refusal::Claims => jwt::signature_failed(),
    })
}

/// `PUT /pins/link` with the form `code=...`: approves the unexpired short PIN showing `code`
/// (letter case aside) for the account of the request's token, as `plex.tv/link` does. 204; 401
/// for a missing or unknown token; 404 (1020) when no such PIN exists.
pub(crate) fn link(state: &mut State, req: &HttpRequest) -> HttpResponse {
    if req.method() != http::Method::PUT {
        return html_error_response(404);
    }
    let account = match authenticate(state, req) {
        Ok(caller) => caller.account,
        Err(refusal) => return refusal,
    };
    let code = parse_pairs(req.body()).into_iter().find(|(k, _)| k == "code").map(|(_, v)| v.trim().to_owned());
    let now = state.now();
    let found = code.and_then(|code| {
        state.pins.iter().position(|p| !p.strong && now < p.expires() && p.code.eq_ignore_ascii_case(&code))
    });
    let Some(index) = found else { return not_found() };
    approve_at(state, index, account);
    response(204, "text/plain", "")
}

fn not_found() -> HttpResponse {
    plex_error_response(404, CODE_PIN_NOT_FOUND, "Code not found or expired")
}

/// Approves the unexpired PIN showing `code` for `account` (an index). False when there is no
/// such PIN.
pub(super) fn approve_code(state: &mut State, code: &str, account: usize) -> bool {
    let now = state.now();
    let Some(index) = state.pins.iter().position(|p| p.code == code && now < p.expires()) else { return false };
    approve_at(state, index, account);
    true
}

/// Approves PIN `index` for `account`, issuing a token for a legacy PIN (a JWT PIN's Plex JWT
/// is minted by the next poll, which brings the device JWT it answers).
fn approve_at(state: &mut State, index: usize, account: usize) {
    state.pins[index].approved = Some(account);
    if state.pins[index].jwk.is_none() {
        let token = state.new_token("pin-");
        state.tokens.insert(token.clone(), account);
        state.pins[index].token = Some(token);
    }
}

impl FakePlex {
    /// Approves every PIN for the account with `login` once it has been polled `polls` times
    /// (counting the poll that sees the token).
    pub fn approve_pins_after(self, polls: u32, login: &str) -> Self {
        {
            let mut state = self.lock();
            let account = state.accounts.iter().position(|a| a.matches_login(login));
            state.pin_approval = account.map(|a| (a, polls.max(1)));
        }
        self
    }

    /// Approves the unexpired PIN showing `code` for the account with `login`, as the user
    /// does in a browser. False when there is no such PIN or account.
    pub fn approve_pin(&self, code: &str, login: &str) -> bool {
        let mut state = self.lock();
        let Some(account) = state.accounts.iter().position(|a| a.matches_login(login)) else { return false };
        approve_code(&mut state, code, account)
    }

    /// Adds a pending short PIN (15 minutes, on the fake's clock: set [`with_clock`](Self::with_clock)
    /// first) with a known `id` and `code`, created by `client_identifier`: tests can poll it
    /// with `GetPin::new(id)` or link it with `LinkPin::new(code)` without creating it first.
    /// PINs created later get ids past it.
    pub fn with_pin(self, id: i64, client_identifier: &str, code: &str) -> Self {
        {
            let mut state = self.lock();
            let pin = FakePin {
                id,
                code: code.to_owned(),
                client_id: client_identifier.to_owned(),
                product: String::new(),
                created: state.now(),
                lifetime: SHORT_LIFETIME,
                strong: false,
                polls: 0,
                approved: None,
                token: None,
                jwk: None,
            };
            state.pins.push(pin);
        }
        self
    }

    /// Takes time from `clock` (PIN lifetimes), shared with the flow under test.
    pub fn with_clock(self, clock: crate::FakeClock) -> Self {
        self.lock().clock = Some(clock);
        self
    }
}
