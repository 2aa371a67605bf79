//! JWT key sets and Plex JWT claims.

use super::json::{extra, strings};
use super::text::text;
use plex_auth_core::jwt;
use proptest::collection::vec;
use proptest::option::of as opt;
use proptest::prelude::*;

/// A JWK: often a real Ed25519 public key, else any text in any field.
pub fn jwk() -> BoxedStrategy<jwt::Jwk> {
    let ed25519 = any::<[u8; 32]>().prop_map(|seed| jwt::Jwk::from(jwt::DeviceKey::from_seed(seed).public_jwk()));
    let any_jwk =
        (opt(text()), opt(text()), opt(text()), opt(text()), opt(text()), opt(text()), extra(jwt::Jwk::FIELDS))
            .prop_map(|(kty, crv, x, use_, alg, kid, extra)| jwt::Jwk { kty, crv, x, use_, alg, kid, extra });
    prop_oneof![ed25519, any_jwk].boxed()
}

/// Plex's key set: keys or none, with unknown fields.
pub fn jwk_set() -> BoxedStrategy<jwt::JwkSet> {
    (opt(vec(jwk(), 0..4)), extra(jwt::JwkSet::FIELDS)).prop_map(|(keys, extra)| jwt::JwkSet { keys, extra }).boxed()
}

/// The `user` claim of a Plex JWT.
pub fn jwt_user() -> BoxedStrategy<jwt::JwtUser> {
    let b = || opt(any::<bool>());
    (
        (opt(any::<i64>()), opt(text()), opt(text()), opt(text()), opt(text())),
        (b(), b(), opt(any::<i64>()), extra(jwt::JwtUser::FIELDS)),
    )
        .prop_map(|((id, uuid, username, email, friendly_name), (restricted, anonymous, joined_at, extra))| {
            jwt::JwtUser { id, uuid, username, email, friendly_name, restricted, anonymous, joined_at, extra }
        })
        .boxed()
}

/// The claims of a Plex JWT, any of them present or not.
pub fn plex_jwt_claims() -> BoxedStrategy<jwt::PlexJwtClaims> {
    (
        (opt(text()), opt(strings()), opt(any::<i64>()), opt(any::<i64>())),
        (opt(text()), opt(text()), opt(jwt_user()), extra(jwt::PlexJwtClaims::FIELDS)),
    )
        .prop_map(|((iss, aud, iat, exp), (nonce, thumbprint, user, extra))| jwt::PlexJwtClaims {
            iss,
            aud,
            iat,
            exp,
            nonce,
            thumbprint,
            user,
            extra,
        })
        .boxed()
}
