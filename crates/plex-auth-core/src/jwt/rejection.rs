//! Why a JWT was not accepted. Never quotes the token: it is a credential.

/// Why a JWT failed verification. Each variant names the check that failed; values from the
/// token appear only where they are not secret (an algorithm name, a key id), shortened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JwtRejection {
    /// Not a compact JWS (`header.payload.signature` in base64url), too long, or a part is not
    /// the JSON or byte length it must be.
    #[error("malformed JWT: {0}")]
    Malformed(&'static str),
    /// The header's `alg` is not `EdDSA` (`none` included): nothing else is accepted.
    #[error("JWT algorithm `{0}` is not accepted (only EdDSA)")]
    Algorithm(String),
    /// The header names no `kid`, so no key can be chosen.
    #[error("JWT header has no `kid`")]
    MissingKid,
    /// No key of the key set has the header's `kid` (or it is not an Ed25519 signing key).
    #[error("no Ed25519 key with kid `{0}` in the key set")]
    UnknownKey(String),
    /// The signature does not verify with the chosen key.
    #[error("JWT signature does not verify")]
    BadSignature,
    /// A claim the check needs is absent or of the wrong type.
    #[error("JWT claim `{0}` is missing or unusable")]
    MissingClaim(&'static str),
    /// `iss` is not the expected issuer.
    #[error("JWT issuer is not `{0}`")]
    Issuer(&'static str),
    /// `aud` does not contain every expected audience.
    #[error("JWT audience does not contain `{0}`")]
    Audience(String),
    /// `exp` has passed (beyond the allowed skew).
    #[error("JWT expired at {exp} (unix seconds)")]
    Expired {
        /// The `exp` claim.
        exp: i64,
    },
    /// `iat` lies in the future beyond the allowed skew: a clock is wrong somewhere.
    #[error("JWT issued in the future, at {iat} (unix seconds)")]
    IssuedInFuture {
        /// The `iat` claim.
        iat: i64,
    },
    /// `thumbprint` is not this device key's `kid`: the token was issued to another key.
    #[error("JWT thumbprint does not match this device key")]
    Thumbprint,
    /// The nonce is not the one expected (FakePlex and servers checking device JWTs).
    #[error("JWT nonce is unknown, used or expired")]
    Nonce,
}

/// A header value shown in a rejection: at most 40 printable ASCII characters.
pub(crate) fn shown(value: &str) -> String {
    value.chars().filter(|c| c.is_ascii_graphic()).take(40).collect()
}
