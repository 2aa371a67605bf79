//! Plex JWT device authentication (reference §7.4, §7.5): the device's Ed25519 key and its
//! public JWK. Signing device JWTs, verifying Plex JWTs and the JWT flows build on this.

mod device_key;

pub use device_key::{DeviceKey, PublicJwk, verify_ed25519};
