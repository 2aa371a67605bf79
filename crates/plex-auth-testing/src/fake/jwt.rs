//! The fake's JWT state (reference §7.4, §7.5): device keys registered per client identifier,
//! nonces, its own Ed25519 signing keys (current and retired), and the Plex JWTs it issued.
//!
//! Plex JWTs are minted here, signed through core's [`sign_claims`] with a key made from the
//! fake's seed, so a seeded fake signs the same way on every run. The routes that hand these
//! out live in [`jwt_routes`](super::jwt_routes); the check of a device JWT is shared by the
//! exchange and by JWT PIN polls ([`check_device_jwt`]).

// A handler's early answer is its error path: one response per request, moved once.
#![allow(clippy::result_large_err)]

use super::State;
use crate::responses::plex_error_response;
use plex_auth_core::jwt::{DeviceKey, Jwk, JwkSet, PLEX_TV, sign_claims, verify_signed};
use plex_auth_core::{ExposeSecret, HttpResponse};
use serde_json::{Map, Value, json};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::time::{Duration, SystemTime};

/// A nonce lives 5 minutes (DESC: "a unique nonce valid for 5 minutes").
pub(crate) const NONCE_LIFETIME: Duration = Duration::from_secs(300);
/// A Plex JWT lives 7 days.
pub(crate) const PLEX_JWT_LIFETIME: Duration = Duration::from_secs(7 * 24 * 60 * 60);
/// The window of [`FakePlex::limit_nonces`](super::FakePlex::limit_nonces).
const RATE_WINDOW: Duration = Duration::from_secs(60);

/// Plex's code for a key registered by another client identifier.
pub(crate) const CODE_THUMBPRINT_TAKEN: i64 = 1098;
/// Plex's code for a device JWT whose signature or structure it refused.
pub(crate) const CODE_SIGNATURE_FAILED: i64 = 1099;
/// The fake's code for a bad request body, and for a device JWT with a stale nonce or claims
/// (Plex documents no code for these; 1002 is what the fake uses for bad requests elsewhere).
pub(crate) const CODE_BAD_REQUEST: i64 = 1002;

/// A key registered by `POST /auth/jwk` (or by an approved JWT PIN) for a client identifier.
pub(crate) struct Device {
    pub(crate) account: usize,
    pub(crate) jwk: Jwk,
}

/// A nonce the fake handed out.
struct Nonce {
    issued: SystemTime,
    used: bool,
}

/// A Plex JWT the fake issued: whose it is and when it stops working.
pub(crate) struct Grant {
    pub(crate) account: usize,
    pub(crate) expires: SystemTime,
}

/// Everything JWT. No derived `Debug`: the maps are keyed by nonces and tokens, and the signing
/// keys are private keys; the manual one shows counts and public key ids only.
pub(crate) struct JwtState {
    /// Client identifier -> its registered key.
    pub(crate) devices: HashMap<String, Device>,
    nonces: HashMap<String, Nonce>,
    /// When each nonce of the last minute was handed out, for the rate limit.
    recent_nonces: Vec<SystemTime>,
    /// `(max per minute, Retry-After seconds)`.
    nonce_limit: Option<(usize, Option<u64>)>,
    /// Plex JWT -> grant.
    pub(crate) grants: HashMap<String, Grant>,
    /// Client identifiers a Plex JWT was issued to: their legacy tokens stop working.
    pub(crate) jwt_clients: HashSet<String>,
    seed: u64,
    generation: u64,
    current: DeviceKey,
    retired: DeviceKey,
    sign_with_retired: bool,
}

impl fmt::Debug for JwtState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JwtState")
            .field("devices", &self.devices.len())
            .field("nonces", &self.nonces.len())
            .field("nonce_limit", &self.nonce_limit)
            .field("plex_jwts", &self.grants.len())
            .field("current_kid", &self.current.kid())
            .field("retired_kid", &self.retired.kid())
            .field("sign_with_retired", &self.sign_with_retired)
            .finish_non_exhaustive()
    }
}

impl Default for JwtState {
    fn default() -> Self {
        Self::new(0)
    }
}

/// The fake's signing key number `generation`, from its seed (splitmix64, 4 words).
fn signing_key(seed: u64, generation: u64) -> DeviceKey {
    let mut z = seed ^ generation.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    let mut bytes = [0u8; 32];
    for chunk in bytes.chunks_mut(8) {
        z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut x = z;
        x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        x ^= x >> 31;
        chunk.copy_from_slice(&x.to_le_bytes());
    }
    DeviceKey::from_seed(bytes)
}

impl JwtState {
    /// Keys from `seed`: generation 0 is the retired one, 1 the current one.
    pub(crate) fn new(seed: u64) -> Self {
        Self {
            devices: HashMap::new(),
            nonces: HashMap::new(),
            recent_nonces: Vec::new(),
            nonce_limit: None,
            grants: HashMap::new(),
            jwt_clients: HashSet::new(),
            seed,
            generation: 1,
            current: signing_key(seed, 1),
            retired: signing_key(seed, 0),
            sign_with_retired: false,
        }
    }

    /// `{"keys":[current, retired]}` as `/auth/keys` serves it.
    pub(crate) fn key_set(&self) -> JwkSet {
        JwkSet::of([self.current.public_jwk().into(), self.retired.public_jwk().into()])
    }

    pub(crate) fn rotate(&mut self) {
        self.generation += 1;
        self.retired = std::mem::replace(&mut self.current, signing_key(self.seed, self.generation));
    }

    fn signer(&self) -> &DeviceKey {
        if self.sign_with_retired { &self.retired } else { &self.current }
    }

    /// Whether the rate limit lets another nonce out at `now`: `Err(Retry-After)` when not.
    pub(crate) fn admit_nonce(&mut self, now: SystemTime) -> Result<(), Option<u64>> {
        self.recent_nonces.retain(|t| now.duration_since(*t).is_ok_and(|age| age < RATE_WINDOW));
        match self.nonce_limit {
            Some((max, retry_after)) if self.recent_nonces.len() >= max => Err(retry_after),
            _ => {
                self.recent_nonces.push(now);
                Ok(())
            }
        }
    }

    pub(crate) fn remember_nonce(&mut self, nonce: &str, now: SystemTime) {
        self.nonces.insert(nonce.to_owned(), Nonce { issued: now, used: false });
    }

    /// True for a nonce the fake issued, unused, younger than 5 minutes at `now`; with
    /// `consume` it is used up.
    fn take_nonce(&mut self, nonce: &str, now: SystemTime, consume: bool) -> bool {
        let Some(entry) = self.nonces.get_mut(nonce) else { return false };
        let fresh = now.duration_since(entry.issued).is_ok_and(|age| age < NONCE_LIFETIME);
        if !consume {
            return true;
        }
        if entry.used || !fresh {
            return false;
        }
        entry.used = true;
        true
    }
}

/// The `kid` the fake files a JWK under: its `kid` (clients send the RFC 7638 thumbprint or a
/// hash of their own), else its `x`.
pub(crate) fn thumbprint_of(jwk: &Jwk) -> String {
    jwk.kid.clone().or_else(|| jwk.x.clone()).unwrap_or_default()
}

/// Reads `{"jwk": {...}}`-style bodies' key: an Ed25519 public JWK, else the 400 to answer.
pub(crate) fn ed25519_jwk(value: Option<&Value>) -> Result<Jwk, HttpResponse> {
    let bad = || plex_error_response(400, CODE_BAD_REQUEST, "jwk must be an Ed25519 public key (OKP, 32-byte x)");
    let jwk: Jwk = value.and_then(|v| serde_json::from_value(v.clone()).ok()).ok_or_else(bad)?;
    if jwk.ed25519_public_key().is_none() {
        return Err(bad());
    }
    Ok(jwk)
}

/// What a device JWT said, once checked.
pub(crate) struct DeviceClaims {
    pub(crate) nonce: String,
    pub(crate) scope: String,
}

/// Why a device JWT was refused.
pub(crate) enum Refusal {
    /// The signature or the JWT's structure: 422 "Signature Verification Failed".
    Signature,
    /// Its `exp` has passed.
    Expired,
    /// Its `aud`, `iss` or nonce is wrong, or the nonce is stale.
    Claims,
}

/// How strictly [`check_device_jwt`] treats the nonce.
#[derive(Clone, Copy)]
pub(crate) enum NonceUse {
    /// `POST /auth/token`: issued, unused, under 5 minutes old; used up by this check.
    Consume,
    /// JWT PIN polls reuse one device JWT: the nonce must merely have been issued by the fake.
    Known,
}

/// Checks `token` as a device JWT signed by `jwk` for `client_id` at `now`: `aud` plex.tv,
/// `iss` the client identifier, `exp` not passed, a nonce the fake issued (see [`NonceUse`]).
pub(crate) fn check_device_jwt(
    state: &mut State,
    token: &str,
    jwk: &Jwk,
    client_id: &str,
    nonce_use: NonceUse,
) -> Result<DeviceClaims, Refusal> {
    let (_, claims): (_, Map<String, Value>) = verify_signed(token, jwk).map_err(|_| Refusal::Signature)?;
    let text = |name: &str| claims.get(name).and_then(Value::as_str).map(str::to_owned);
    let now = state.now();
    let exp = claims.get("exp").and_then(Value::as_i64).ok_or(Refusal::Signature)?;
    if unix(now) >= exp {
        return Err(Refusal::Expired);
    }
    if text("aud").as_deref() != Some(PLEX_TV) || text("iss").as_deref() != Some(client_id) {
        return Err(Refusal::Claims);
    }
    let nonce = text("nonce").ok_or(Refusal::Claims)?;
    if !state.jwt.take_nonce(&nonce, now, matches!(nonce_use, NonceUse::Consume)) {
        return Err(Refusal::Claims);
    }
    Ok(DeviceClaims { nonce, scope: text("scope").unwrap_or_default() })
}

/// Plex's 422 for a refused device JWT signature.
pub(crate) fn signature_failed() -> HttpResponse {
    plex_error_response(422, CODE_SIGNATURE_FAILED, "Signature Verification Failed")
}

/// Plex's 498 for an expired JWT.
pub(crate) fn token_expired() -> HttpResponse {
    plex_error_response(498, 1001, "Token Expired")
}

pub(crate) fn unix(t: SystemTime) -> i64 {
    t.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The `user` claim for `account`, with the fields `scope` (comma-separated) asks for.
fn user_claim(state: &State, account: usize, scope: &str) -> Value {
    let Some(model) = state.accounts.get(account).map(|a| &a.account) else { return json!({}) };
    let mut user = Map::new();
    user.insert("id".into(), json!(model.id));
    user.insert("uuid".into(), json!(model.uuid));
    for name in scope.split(',').map(str::trim) {
        let value = match name {
            "username" => json!(model.username),
            "email" => json!(model.email),
            "friendly_name" => json!(model.friendly_name),
            "restricted" => json!(model.restricted.unwrap_or(false)),
            "anonymous" => json!(model.anonymous.unwrap_or(false)),
            "joinedAt" => json!(model.joined_at),
            _ => continue,
        };
        user.insert(name.to_owned(), value);
    }
    Value::Object(user)
}

/// A Plex JWT for `account` on `client_id`, for the device key `thumbprint`, answering a
/// device JWT with `claims`: recorded as issued and as a token of the account for 7 days.
/// From now on the client identifier's legacy tokens no longer work.
pub(crate) fn mint(
    state: &mut State,
    account: usize,
    client_id: &str,
    thumbprint: &str,
    claims: &DeviceClaims,
) -> Result<String, HttpResponse> {
    let now = state.now();
    let expires = now + PLEX_JWT_LIFETIME;
    let body = json!({
        "iss": PLEX_TV,
        "aud": [PLEX_TV, client_id],
        "iat": unix(now),
        "exp": unix(expires),
        "nonce": claims.nonce,
        "thumbprint": thumbprint,
        "user": user_claim(state, account, &claims.scope),
    });
    let token = sign_claims(state.jwt.signer(), &body)
        .map_err(|_| plex_error_response(500, 1001, "the fake could not sign a JWT"))?
        .expose_secret()
        .to_owned();
    state.issued.push(token.clone());
    state.jwt.grants.insert(token.clone(), Grant { account, expires });
    state.jwt.jwt_clients.insert(client_id.to_owned());
    Ok(token)
}

impl super::FakePlex {
    /// Rate-limits `GET /auth/nonce`: once `max_per_minute` nonces went out within a rolling
    /// minute (fake time), further requests get 429 `{"errors":[{"code":1003,"message":"Too Many
    /// Requests","status":429}]}`, with `Retry-After: retry_after` only when given (real Plex
    /// sometimes sends none). Refused requests do not count. Default: no limit.
    pub fn limit_nonces(&self, max_per_minute: usize, retry_after: Option<u64>) {
        self.lock().jwt.nonce_limit = Some((max_per_minute, retry_after));
    }

    /// Rotates the fake's JWT signing key: the current key becomes the retired one (still
    /// served by `/auth/keys`), a new current key signs every Plex JWT from now on.
    pub fn rotate_signing_key(&self) {
        self.lock().jwt.rotate();
    }

    /// With `true`, Plex JWTs are signed by the retired key (still in the served set), as just
    /// after a rotation on some of Plex's servers; `false` goes back to the current key.
    pub fn sign_with_retired_key(&self, retired: bool) {
        self.lock().jwt.sign_with_retired = retired;
    }

    /// The key set `/auth/keys` serves: `[current, retired]`.
    pub fn plex_jwt_keys(&self) -> JwkSet {
        self.lock().jwt.key_set()
    }

    /// The `kid` of the JWK registered for `client_identifier`, if any (public: a key id).
    pub fn registered_kid(&self, client_identifier: &str) -> Option<String> {
        self.lock().jwt.devices.get(client_identifier).map(|d| thumbprint_of(&d.jwk))
    }
}
