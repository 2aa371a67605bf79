//! Plex's signing keys (`GET /auth/keys`): a key *set*, from which the key that signed a token
//! is chosen by `kid`, never by position (python-plexapi took `keys[0]` until its #1577).

use super::device_key::PublicJwk;
use crate::decode::macros::plex_model;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

plex_model! {
    /// A JSON Web Key as Plex serves it; decoded leniently like every model.
    pub struct Jwk {
        /// Key type: `OKP` for Ed25519.
        "kty" => kty: String,
        /// Curve: `Ed25519`.
        "crv" => crv: String,
        /// The public key, base64url without padding.
        "x" => x: String,
        /// `sig` when given.
        "use" => use_: String,
        /// `EdDSA` when given.
        "alg" => alg: String,
        /// The key id tokens name in their header.
        "kid" => kid: String,
    }
}

impl Jwk {
    /// The 32-byte Ed25519 public key, when this is an Ed25519 signing key (`kty` OKP, `crv`
    /// Ed25519, `alg` EdDSA or absent, `use` sig or absent).
    pub fn ed25519_public_key(&self) -> Option<[u8; 32]> {
        let fits = |field: &Option<String>, want: &str| field.as_deref().is_none_or(|v| v == want);
        if self.kty.as_deref() != Some("OKP") || self.crv.as_deref() != Some("Ed25519") {
            return None;
        }
        if !fits(&self.alg, "EdDSA") || !fits(&self.use_, "sig") {
            return None;
        }
        URL_SAFE_NO_PAD.decode(self.x.as_deref()?).ok()?.try_into().ok()
    }
}

impl From<PublicJwk> for Jwk {
    fn from(jwk: PublicJwk) -> Self {
        Self {
            kty: Some(jwk.kty),
            crv: Some(jwk.crv),
            x: Some(jwk.x),
            use_: Some(jwk.use_),
            alg: Some(jwk.alg),
            kid: Some(jwk.kid),
            extra: serde_json::Map::new(),
        }
    }
}

plex_model! {
    /// `{"keys": [JWK, ...]}`: Plex's current and retired signing keys.
    pub struct JwkSet {
        /// The keys; entries that are not objects are dropped (kept in `extra`).
        "keys" => keys: Vec<Jwk>,
    }
}

impl JwkSet {
    /// A set of these keys.
    pub fn of(keys: impl IntoIterator<Item = Jwk>) -> Self {
        Self { keys: Some(keys.into_iter().collect()), extra: serde_json::Map::new() }
    }

    /// The keys (empty when the answer had none).
    pub fn keys(&self) -> &[Jwk] {
        self.keys.as_deref().unwrap_or_default()
    }

    /// The key with id `kid`, if the set has it.
    pub fn find(&self, kid: &str) -> Option<&Jwk> {
        self.keys().iter().find(|k| k.kid.as_deref() == Some(kid))
    }
}
