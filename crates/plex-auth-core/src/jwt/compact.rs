//! Compact JWS with EdDSA, written out rather than taken from a JWT crate: the header and
//! claims are ours, only Ed25519 is accepted, and time is an argument (README "JWT" says why).
//!
//! Parsing is bounded: a token longer than [`MAX_JWT_LEN`] is refused before any decoding.

use super::device_key::{DeviceKey, verify_ed25519};
use super::key_set::Jwk;
use super::rejection::{JwtRejection, shown};
use crate::error::Error;
use crate::secret::Secret;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

/// The longest JWT accepted, in bytes. Plex JWTs are under 1 KiB.
pub const MAX_JWT_LEN: usize = 16 * 1024;

/// A JWS header as far as verification reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JwtHeader {
    /// The algorithm; only `EdDSA` is accepted.
    pub alg: String,
    /// The key id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    /// `JWT` when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typ: Option<String>,
}

/// The three parts of a compact JWS, still encoded.
struct Parts<'a> {
    signing_input: &'a str,
    header: &'a str,
    payload: &'a str,
    signature: &'a str,
}

fn split(token: &str) -> Result<Parts<'_>, JwtRejection> {
    if token.len() > MAX_JWT_LEN {
        return Err(JwtRejection::Malformed("longer than 16 KiB"));
    }
    let (signing_input, signature) =
        token.rsplit_once('.').ok_or(JwtRejection::Malformed("not three dot-separated parts"))?;
    let (header, payload) =
        signing_input.split_once('.').ok_or(JwtRejection::Malformed("not three dot-separated parts"))?;
    if payload.contains('.') {
        return Err(JwtRejection::Malformed("not three dot-separated parts"));
    }
    Ok(Parts { signing_input, header, payload, signature })
}

fn b64(part: &str, what: &'static str) -> Result<Vec<u8>, JwtRejection> {
    URL_SAFE_NO_PAD.decode(part).map_err(|_| JwtRejection::Malformed(what))
}

/// Reads a JWT's header without checking anything else, e.g. to pick a key by `kid`.
pub fn decode_header(token: &str) -> Result<JwtHeader, JwtRejection> {
    let parts = split(token)?;
    let bytes = b64(parts.header, "header is not base64url")?;
    serde_json::from_slice(&bytes).map_err(|_| JwtRejection::Malformed("header is not a JSON object with `alg`"))
}

/// Reads a JWT's claims **without verifying anything**: for showing a stored token's expiry.
/// Never trust what this returns; [`verify_signed`] or
/// [`verify_plex_jwt`](super::verify_plex_jwt) do.
pub fn decode_claims_unverified<T: serde::de::DeserializeOwned>(token: &str) -> Result<T, JwtRejection> {
    let parts = split(token)?;
    let bytes = b64(parts.payload, "payload is not base64url")?;
    serde_json::from_slice(&bytes).map_err(|_| JwtRejection::Malformed("payload is not a JSON object"))
}

/// Signs `claims` with `key` as a compact JWS with header `{"alg":"EdDSA","typ":"JWT","kid"}`.
/// The result is a credential, so it is a [`Secret`].
pub fn sign_claims(key: &DeviceKey, claims: &impl Serialize) -> Result<Secret, Error> {
    let header = JwtHeader { alg: "EdDSA".into(), kid: Some(key.kid()), typ: Some("JWT".into()) };
    let mut token = encoded_part(&header)?;
    token.push('.');
    token.push_str(&encoded_part(claims)?);
    let signature = key.sign(token.as_bytes());
    token.push('.');
    token.push_str(&URL_SAFE_NO_PAD.encode(signature));
    Ok(Secret::new(token))
}

fn encoded_part(value: &impl Serialize) -> Result<String, Error> {
    let json = serde_json::to_vec(value).map_err(|_| Error::invalid("claims", "could not be written as JSON"))?;
    Ok(URL_SAFE_NO_PAD.encode(json))
}

/// Checks that `token` is an EdDSA JWS signed by `jwk` and returns its header and claims.
/// Checks no claim: the caller knows which matter (see [`verify_plex_jwt`](super::verify_plex_jwt)).
pub fn verify_signed<T: serde::de::DeserializeOwned>(token: &str, jwk: &Jwk) -> Result<(JwtHeader, T), JwtRejection> {
    let parts = split(token)?;
    let header: JwtHeader = {
        let bytes = b64(parts.header, "header is not base64url")?;
        serde_json::from_slice(&bytes).map_err(|_| JwtRejection::Malformed("header is not a JSON object with `alg`"))?
    };
    if header.alg != "EdDSA" {
        return Err(JwtRejection::Algorithm(shown(&header.alg)));
    }
    let public =
        jwk.ed25519_public_key().ok_or_else(|| JwtRejection::UnknownKey(shown(jwk.kid.as_deref().unwrap_or(""))))?;
    let signature: [u8; 64] = b64(parts.signature, "signature is not base64url")?
        .try_into()
        .map_err(|_| JwtRejection::Malformed("signature is not 64 bytes"))?;
    if !verify_ed25519(&public, parts.signing_input.as_bytes(), &signature) {
        return Err(JwtRejection::BadSignature);
    }
    let bytes = b64(parts.payload, "payload is not base64url")?;
    let claims = serde_json::from_slice(&bytes).map_err(|_| JwtRejection::Malformed("payload is not a JSON object"))?;
    Ok((header, claims))
}
