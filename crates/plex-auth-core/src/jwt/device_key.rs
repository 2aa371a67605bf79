//! The device's Ed25519 key for Plex JWT authentication: made from caller-supplied randomness
//! (the core reads no OS randomness), kept as PKCS#8 PEM, shown to Plex as a public JWK.
//!
//! The JWK's `kid` is its RFC 7638 thumbprint: base64url (no padding) of the SHA-256 of
//! `{"crv":"Ed25519","kty":"OKP","x":"<x>"}`. Plex does not prescribe a derivation (reference
//! §7.4: python-plexapi and @ctrl/plex hash the key bytes, clambin uses the thumbprint); the
//! thumbprint is the standard one and is what Plex echoes back as the JWT's `thumbprint`.

use crate::error::Error;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::SigningKey;
use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fmt;

/// An Ed25519 device key. The private half is a secret: `Debug` shows only the `kid`, there is
/// no `Display`, and its bytes are wiped when the key is dropped (`ed25519-dalek`'s zeroize).
#[derive(Clone)]
pub struct DeviceKey {
    key: SigningKey,
}

impl fmt::Debug for DeviceKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeviceKey").field("kid", &self.kid()).field("private", &crate::REDACTED).finish()
    }
}

/// The public half as Plex wants it (`POST /auth/jwk`): an OKP JWK for EdDSA signatures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicJwk {
    /// Always `OKP`.
    pub kty: String,
    /// Always `Ed25519`.
    pub crv: String,
    /// The public key, base64url without padding.
    pub x: String,
    /// Always `sig`.
    #[serde(rename = "use")]
    pub use_: String,
    /// Always `EdDSA`.
    pub alg: String,
    /// The key id: the RFC 7638 thumbprint.
    pub kid: String,
}

impl DeviceKey {
    /// A key from 32 bytes of cryptographically secure randomness that the caller supplies
    /// (for example `getrandom::getrandom(&mut seed)`); the seed is the private key.
    pub fn from_seed(seed: [u8; 32]) -> Self {
        Self { key: SigningKey::from_bytes(&seed) }
    }

    /// A new key from `fill`, which must write 32 cryptographically secure random bytes (for
    /// example `getrandom::fill`, or `|b| rand::rngs::OsRng.try_fill_bytes(b)`). Any RNG crate
    /// works; the seed is wiped after use.
    pub fn generate_with<E>(fill: impl FnOnce(&mut [u8]) -> Result<(), E>) -> Result<Self, E> {
        let mut seed = zeroize::Zeroizing::new([0u8; 32]);
        fill(seed.as_mut())?;
        Ok(Self::from_seed(*seed))
    }

    /// A new key from the operating system's RNG (feature `os-rng`; the core itself reads no
    /// randomness without it).
    #[cfg(feature = "os-rng")]
    #[cfg_attr(docsrs, doc(cfg(feature = "os-rng")))]
    pub fn generate() -> Result<Self, Error> {
        Self::generate_with(getrandom::fill)
            .map_err(|_| Error::invalid("device key", "the operating system's random number generator failed"))
    }

    /// Reads a PKCS#8 PEM private key (`-----BEGIN PRIVATE KEY-----`). The error never quotes
    /// the text: it is a private key.
    pub fn from_pkcs8_pem(pem: &str) -> Result<Self, Error> {
        SigningKey::from_pkcs8_pem(pem)
            .map(|key| Self { key })
            .map_err(|_| Error::invalid("device key", "not an Ed25519 private key in PKCS#8 PEM"))
    }

    /// The private key as PKCS#8 PEM, for storing (owner-only: it is a secret). The returned
    /// text is wiped when dropped.
    pub fn to_pkcs8_pem(&self) -> Result<zeroize::Zeroizing<String>, Error> {
        self.key
            .to_pkcs8_pem(LineEnding::LF)
            .map_err(|_| Error::invalid("device key", "could not be encoded as PKCS#8 PEM"))
    }

    /// The public key bytes.
    pub fn public_key(&self) -> [u8; 32] {
        self.key.verifying_key().to_bytes()
    }

    /// The public key, base64url without padding (the JWK's `x`).
    pub fn x(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.public_key())
    }

    /// The key id: the RFC 7638 thumbprint of the public JWK.
    pub fn kid(&self) -> String {
        thumbprint(&self.x())
    }

    /// The public JWK to register with Plex.
    pub fn public_jwk(&self) -> PublicJwk {
        let x = self.x();
        PublicJwk {
            kty: "OKP".into(),
            crv: "Ed25519".into(),
            kid: thumbprint(&x),
            x,
            use_: "sig".into(),
            alg: "EdDSA".into(),
        }
    }

    /// Signs `message` (EdDSA); JWT signing builds on this.
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        use ed25519_dalek::Signer;
        self.key.sign(message).to_bytes()
    }
}

/// RFC 7638: the SHA-256 of the required members in lexicographic order, no whitespace.
fn thumbprint(x: &str) -> String {
    let canonical = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{x}"}}"#);
    URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes()))
}

/// Checks `signature` over `message` by the public key `public` (32 bytes).
pub fn verify_ed25519(public: &[u8; 32], message: &[u8], signature: &[u8; 64]) -> bool {
    use ed25519_dalek::Verifier;
    let Ok(key) = ed25519_dalek::VerifyingKey::from_bytes(public) else { return false };
    key.verify(message, &ed25519_dalek::Signature::from_bytes(signature)).is_ok()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// RFC 8037 appendix A.1/A.3: the private key, its public `x` and the JWK thumbprint.
    const RFC8037_D: &str = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
    const RFC8037_X: &str = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    const RFC8037_KID: &str = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";

    fn rfc_key() -> DeviceKey {
        let d: [u8; 32] = URL_SAFE_NO_PAD.decode(RFC8037_D).unwrap().try_into().unwrap();
        DeviceKey::from_seed(d)
    }

    #[test]
    fn the_rfc_8037_key_gives_its_x_and_rfc_7638_thumbprint() {
        let key = rfc_key();
        assert_eq!(key.x(), RFC8037_X);
        assert_eq!(key.kid(), RFC8037_KID);
        let jwk = serde_json::to_value(key.public_jwk()).unwrap();
        assert_eq!(
            jwk,
            serde_json::json!({"kty": "OKP", "crv": "Ed25519", "x": RFC8037_X, "use": "sig", "alg": "EdDSA", "kid": RFC8037_KID})
        );
    }

    #[test]
    fn the_rfc_8037_signature_is_reproduced_and_verifies() {
        // RFC 8037 A.4: the JWS signing input `eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc`.
        let input = b"eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
        let signature = rfc_key().sign(input);
        assert_eq!(
            URL_SAFE_NO_PAD.encode(signature),
            "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
        );
        assert!(verify_ed25519(&rfc_key().public_key(), input, &signature));
        let mut forged = signature;
        forged[0] ^= 1;
        assert!(!verify_ed25519(&rfc_key().public_key(), input, &forged));
    }

    #[test]
    fn pem_round_trips_and_bad_pem_is_refused_without_quoting_it() {
        let key = DeviceKey::from_seed([7; 32]);
        let pem = key.to_pkcs8_pem().unwrap();
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{}", pem.len());
        let back = DeviceKey::from_pkcs8_pem(&pem).unwrap();
        assert_eq!(back.public_key(), key.public_key());
        let err =
            DeviceKey::from_pkcs8_pem("-----BEGIN PRIVATE KEY-----\nc2VjcmV0LXN0dWZm\n-----END PRIVATE KEY-----\n")
                .unwrap_err();
        assert_eq!(err.to_string(), "invalid device key: not an Ed25519 private key in PKCS#8 PEM");
    }

    #[test]
    fn debug_shows_the_kid_and_never_the_private_key() {
        let key = DeviceKey::from_seed([9; 32]);
        let shown = format!("{key:?}");
        assert!(shown.contains(&key.kid()) && shown.contains("[redacted]"), "{shown}");
        let pem = key.to_pkcs8_pem().unwrap();
        let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        assert!(!shown.contains(&body) && !shown.contains(&URL_SAFE_NO_PAD.encode([9u8; 32])), "{shown}");
    }
}
