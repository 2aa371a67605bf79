//! Plex JWT device authentication (reference §7.4, §7.5).
//!
//! A device registers an Ed25519 public key once ([`RegisterDeviceKey`](crate::RegisterDeviceKey)),
//! then trades a short device JWT signed over a fresh nonce for a Plex JWT that lives 7 days
//! ([`GetNonce`](crate::GetNonce), [`DeviceKey::sign_device_jwt`],
//! [`ExchangeDeviceJwt`](crate::ExchangeDeviceJwt)), and verifies what it got against Plex's key
//! set ([`GetPlexKeys`](crate::GetPlexKeys), [`verify_plex_jwt`]). The flows in
//! [`crate::flow`] do these steps in order; [`JwtSession`] says when to refresh.

mod compact;
mod device_jwt;
mod device_key;
mod key_set;
mod plex_jwt;
mod rejection;
mod scope;
mod session;

pub use compact::{JwtHeader, MAX_JWT_LEN, decode_claims_unverified, decode_header, sign_claims, verify_signed};
pub use device_jwt::{DEVICE_JWT_LIFETIME, DeviceJwtClaims, PLEX_TV};
pub use device_key::{DeviceKey, PublicJwk, verify_ed25519};
pub use key_set::{Jwk, JwkSet};
pub use plex_jwt::{DEFAULT_SKEW, Expected, JwtUser, PlexJwt, PlexJwtClaims, verify_plex_jwt};
pub use rejection::JwtRejection;
pub use scope::{Scope, Scopes};
pub use session::{DEFAULT_REFRESH_WINDOW, JwtSession};
