//! The JWT Plex issues (7 days), its claims, and how it is verified before it is trusted.

use super::compact::{decode_header, verify_signed};
use super::device_jwt::{PLEX_TV, from_unix_seconds};
use super::key_set::JwkSet;
use super::rejection::{JwtRejection, shown};
use crate::decode::macros::plex_model;
use crate::secret::Secret;
use secrecy::ExposeSecret;
use std::time::{Duration, SystemTime};

/// The clock skew allowed on `exp` and `iat` (python-plexapi and @ctrl/plex allow 60 s).
pub const DEFAULT_SKEW: Duration = Duration::from_secs(60);

plex_model! {
    /// The `user` claim of a Plex JWT: always `id` and `uuid`, the rest by requested scope.
    pub struct JwtUser {
        /// The account id.
        "id" => id: i64,
        /// The account uuid.
        "uuid" => uuid: String,
        /// Scope `username`.
        "username" => username: String,
        /// Scope `email`.
        "email" => email: String,
        /// Scope `friendly_name`.
        "friendly_name" => friendly_name: String,
        /// Scope `restricted`: a managed user.
        "restricted" => restricted: bool,
        /// Scope `anonymous`.
        "anonymous" => anonymous: bool,
        /// Scope `joinedAt`: when the account was created (unix seconds).
        "joinedAt" => joined_at: i64,
    }
}

plex_model! {
    /// The claims of a Plex JWT (reference §7.5). Verification requires `iss`, `aud`, `exp`,
    /// `iat` and `thumbprint`; the rest may drift.
    pub struct PlexJwtClaims {
        /// `plex.tv`.
        "iss" => iss: String,
        /// `["plex.tv", <client identifier>]` (a single string is read as a one-item list).
        "aud" => aud: Vec<String>,
        /// Issued at, unix seconds.
        "iat" => iat: i64,
        /// Expires at, unix seconds (7 days after `iat`).
        "exp" => exp: i64,
        /// The nonce of the device JWT it answered.
        "nonce" => nonce: String,
        /// The `kid` of the device key it was issued to.
        "thumbprint" => thumbprint: String,
        /// Who the token is for.
        "user" => user: JwtUser,
    }
}

impl PlexJwtClaims {
    /// When the token expires, if it says.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.exp.map(from_unix_seconds)
    }
}

/// What a Plex JWT must say to be accepted.
#[derive(Debug, Clone)]
pub struct Expected<'a> {
    /// Our client identifier: `aud` must contain it (and `plex.tv`).
    pub client_identifier: &'a str,
    /// Our device key's `kid`: `thumbprint` must equal it.
    pub kid: &'a str,
    /// Clock skew allowed on `exp` and `iat`.
    pub skew: Duration,
}

impl<'a> Expected<'a> {
    /// Expects a token for `client_identifier` and the key `kid`, with [`DEFAULT_SKEW`].
    pub fn new(client_identifier: &'a str, kid: &'a str) -> Self {
        Self { client_identifier, kid, skew: DEFAULT_SKEW }
    }
}

/// Verifies a Plex JWT at `now` and returns its claims.
///
/// In order: the header's `alg` is `EdDSA` (`none` and everything else are refused), its `kid`
/// names a key of `keys`, the signature verifies with that key, `iss` is `plex.tv`, `aud`
/// contains `plex.tv` and our client identifier, `exp` has not passed and `iat` is not in the
/// future (each with `expected.skew`), and `thumbprint` is our key's `kid`.
pub fn verify_plex_jwt(
    token: &str,
    keys: &JwkSet,
    expected: &Expected<'_>,
    now: SystemTime,
) -> Result<PlexJwtClaims, JwtRejection> {
    let header = decode_header(token)?;
    if header.alg != "EdDSA" {
        return Err(JwtRejection::Algorithm(shown(&header.alg)));
    }
    let kid = header.kid.as_deref().ok_or(JwtRejection::MissingKid)?;
    let jwk = keys.find(kid).ok_or_else(|| JwtRejection::UnknownKey(shown(kid)))?;
    let (_, mut claims): (_, PlexJwtClaims) = verify_signed(token, jwk)?;
    single_audience_as_list(&mut claims);
    check_claims(&claims, expected, now)?;
    Ok(claims)
}

/// RFC 7519 allows `aud` to be a single string; the lenient list decoding takes only lists (and
/// single objects) and keeps a lone string in `extra`: read it as the one-item list it is.
fn single_audience_as_list(claims: &mut PlexJwtClaims) {
    if claims.aud.is_none() {
        if let Some(serde_json::Value::String(aud)) = claims.extra.get("aud") {
            claims.aud = Some(vec![aud.clone()]);
            claims.extra.remove("aud");
        }
    }
}

fn check_claims(claims: &PlexJwtClaims, expected: &Expected<'_>, now: SystemTime) -> Result<(), JwtRejection> {
    if claims.iss.as_deref() != Some(PLEX_TV) {
        return Err(if claims.iss.is_none() {
            JwtRejection::MissingClaim("iss")
        } else {
            JwtRejection::Issuer(PLEX_TV)
        });
    }
    let aud = claims.aud.as_deref().ok_or(JwtRejection::MissingClaim("aud"))?;
    for want in [PLEX_TV, expected.client_identifier] {
        if !aud.iter().any(|a| a == want) {
            return Err(JwtRejection::Audience(shown(want)));
        }
    }
    let exp = claims.exp.ok_or(JwtRejection::MissingClaim("exp"))?;
    let iat = claims.iat.ok_or(JwtRejection::MissingClaim("iat"))?;
    if now > from_unix_seconds(exp) + expected.skew {
        return Err(JwtRejection::Expired { exp });
    }
    if from_unix_seconds(iat) > now + expected.skew {
        return Err(JwtRejection::IssuedInFuture { iat });
    }
    let thumbprint = claims.thumbprint.as_deref().ok_or(JwtRejection::MissingClaim("thumbprint"))?;
    if thumbprint != expected.kid {
        return Err(JwtRejection::Thumbprint);
    }
    Ok(())
}

/// A verified Plex JWT: the token to send as `X-Plex-Token` on plex.tv, and what it says.
#[derive(Debug, Clone)]
pub struct PlexJwt {
    /// The token (a secret).
    pub token: Secret,
    /// Its verified claims.
    pub claims: PlexJwtClaims,
}

impl PlexJwt {
    /// Verifies `token` (see [`verify_plex_jwt`]).
    pub fn verify(
        token: Secret,
        keys: &JwkSet,
        expected: &Expected<'_>,
        now: SystemTime,
    ) -> Result<Self, JwtRejection> {
        let claims = verify_plex_jwt(token.expose_secret(), keys, expected, now)?;
        Ok(Self { token, claims })
    }

    /// When it expires.
    pub fn expires_at(&self) -> SystemTime {
        self.claims.expires_at().unwrap_or(SystemTime::UNIX_EPOCH)
    }

    /// Time left at `now` (zero once expired).
    pub fn remaining(&self, now: SystemTime) -> Duration {
        self.expires_at().duration_since(now).unwrap_or(Duration::ZERO)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::jwt::{DeviceKey, sign_claims};

    #[test]
    fn a_token_signed_by_a_key_of_the_set_verifies_and_the_wrong_audience_does_not() {
        let plex = DeviceKey::from_seed([5; 32]);
        let device = DeviceKey::from_seed([6; 32]);
        let keys = JwkSet::of([plex.public_jwk().into()]);
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        let claims = serde_json::json!({
            "iss": "plex.tv", "aud": ["plex.tv", "app"], "iat": 1_800_000_000, "exp": 1_800_604_800,
            "nonce": "n", "thumbprint": device.kid(), "user": {"id": 1, "uuid": "u", "username": "ana"}
        });
        let token = sign_claims(&plex, &claims).unwrap();
        let kid = device.kid();
        let verified = PlexJwt::verify(token.clone(), &keys, &Expected::new("app", &kid), now).unwrap();
        assert_eq!(verified.claims.user.as_ref().and_then(|u| u.username.as_deref()), Some("ana"));
        assert_eq!(verified.remaining(now), Duration::from_secs(604_800));
        let err = verify_plex_jwt(token.expose_secret(), &keys, &Expected::new("other", &kid), now).unwrap_err();
        assert_eq!(err, JwtRejection::Audience("other".into()));
    }
}
