//! The short-lived JWT a device signs to ask Plex for a Plex JWT (`POST /auth/token`) or to
//! poll a JWT PIN (`deviceJWT=`): a nonce from `GET /auth/nonce`, the scopes wanted, `aud`
//! plex.tv, `iss` the client identifier, valid 5 minutes from `now`.

use super::compact::sign_claims;
use super::device_key::DeviceKey;
use super::scope::Scopes;
use crate::error::Error;
use crate::secret::Secret;
use serde::{Deserialize, Serialize};
use std::time::{Duration, SystemTime};

/// The audience of a device JWT, and the issuer of a Plex JWT.
pub const PLEX_TV: &str = "plex.tv";
/// How long a device JWT is valid (python-plexapi and @ctrl/plex use 5 minutes).
pub const DEVICE_JWT_LIFETIME: Duration = Duration::from_secs(300);

/// The claims of a device JWT.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceJwtClaims {
    /// The nonce from `GET /auth/nonce` (single use, valid 5 minutes).
    pub nonce: String,
    /// The scopes wanted, comma-separated.
    pub scope: String,
    /// Always `plex.tv`.
    pub aud: String,
    /// The client identifier (`X-Plex-Client-Identifier`) the key is registered under.
    pub iss: String,
    /// Issued at, unix seconds.
    pub iat: i64,
    /// Expires at, unix seconds: `iat` + 300.
    pub exp: i64,
}

impl DeviceJwtClaims {
    /// The claims for `client_identifier` asking for `scopes` with `nonce`, issued at `now`.
    pub fn new(client_identifier: &str, nonce: &str, scopes: Scopes, now: SystemTime) -> Self {
        let iat = unix_seconds(now);
        Self {
            nonce: nonce.to_owned(),
            scope: scopes.to_string(),
            aud: PLEX_TV.to_owned(),
            iss: client_identifier.to_owned(),
            iat,
            exp: iat.saturating_add(DEVICE_JWT_LIFETIME.as_secs() as i64),
        }
    }
}

impl DeviceKey {
    /// Signs a device JWT for `client_identifier` with `nonce` and `scopes` at `now` (header
    /// `{"alg":"EdDSA","typ":"JWT","kid"}`). The JWT is a credential for 5 minutes: a
    /// [`Secret`].
    ///
    /// ```
    /// use plex_auth_core::jwt::{DeviceKey, Scopes, verify_signed, DeviceJwtClaims};
    /// use std::time::{Duration, SystemTime};
    ///
    /// let key = DeviceKey::from_seed([1; 32]);
    /// let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_705_785_603);
    /// let jwt = key.sign_device_jwt("my-app", "7c415b56", Scopes::all(), now)?;
    /// let (header, claims): (_, DeviceJwtClaims) =
    ///     verify_signed(plex_auth_core::ExposeSecret::expose_secret(&jwt), &key.public_jwk().into())?;
    /// assert_eq!(header.kid.as_deref(), Some(key.kid().as_str()));
    /// assert_eq!((claims.aud.as_str(), claims.iss.as_str(), claims.exp - claims.iat), ("plex.tv", "my-app", 300));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn sign_device_jwt(
        &self,
        client_identifier: &str,
        nonce: &str,
        scopes: Scopes,
        now: SystemTime,
    ) -> Result<Secret, Error> {
        if nonce.trim().is_empty() {
            return Err(Error::invalid("nonce", "is empty; get one from GET /auth/nonce"));
        }
        sign_claims(self, &DeviceJwtClaims::new(client_identifier, nonce, scopes, now))
    }
}

/// `now` as whole unix seconds (0 before the epoch).
pub(crate) fn unix_seconds(now: SystemTime) -> i64 {
    now.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Unix seconds as a time (the epoch for negative values).
pub(crate) fn from_unix_seconds(secs: i64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(secs).unwrap_or(0))
}
