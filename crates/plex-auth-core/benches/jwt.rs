//! JWT cost against the bare Ed25519 operation on the same bytes, measured in the same run:
//! signing a device JWT (`DeviceKey::sign_device_jwt`: claims, JSON, base64url, signature) vs
//! `DeviceKey::sign` of its signing input; verifying a Plex JWT (`verify_plex_jwt`: split,
//! header, key by kid, signature, claims decode and checks) vs `verify_ed25519` of its signing
//! input and signature. Run with `cargo bench -p plex-auth-core --bench jwt`; results go in
//! `BENCHMARKS.md`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)] // a bench binary, not library code

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use criterion::{Criterion, black_box, criterion_group, criterion_main};
use plex_auth_core::ExposeSecret;
use plex_auth_core::jwt::{DeviceKey, Expected, JwkSet, Scopes, sign_claims, verify_ed25519, verify_plex_jwt};
use std::time::{Duration, SystemTime};

const CLIENT_ID: &str = "3381b62b-9ab7-4e37-827b-203e9809eb58";
const NONCE: &str = "7c415b56-8f48-488a-98ab-847ef4460442";

fn sign(c: &mut Criterion) {
    let key = DeviceKey::from_seed([7; 32]);
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_705_785_603);
    let jwt = key.sign_device_jwt(CLIENT_ID, NONCE, Scopes::all(), now).unwrap();
    let input = jwt.expose_secret().rsplit_once('.').unwrap().0.to_owned();
    let mut group = c.benchmark_group("jwt/sign a device JWT (floor: bare Ed25519 sign of its signing input)");
    group.bench_function("floor", |b| b.iter(|| key.sign(black_box(input.as_bytes()))));
    group.bench_function("ours", |b| {
        b.iter(|| key.sign_device_jwt(black_box(CLIENT_ID), black_box(NONCE), Scopes::all(), now).unwrap())
    });
    group.finish();
}

fn verify(c: &mut Criterion) {
    let plex = DeviceKey::from_seed([5; 32]);
    let device = DeviceKey::from_seed([6; 32]);
    // A set of two, the signing key second, as Plex serves a current and a retired key.
    let keys = JwkSet::of([DeviceKey::from_seed([4; 32]).public_jwk().into(), plex.public_jwk().into()]);
    let claims = serde_json::json!({
        "iss": "plex.tv", "aud": ["plex.tv", CLIENT_ID], "iat": 1_800_000_000, "exp": 1_800_604_800,
        "nonce": NONCE, "thumbprint": device.kid(),
        "user": {"id": 124_079_651, "uuid": "0000000007654e23", "username": "ana", "email": "ana@example.com",
                 "friendly_name": "Ana", "restricted": false, "anonymous": false, "joinedAt": 1_552_593_531}
    });
    let token = sign_claims(&plex, &claims).unwrap();
    let token = token.expose_secret().to_owned();
    let (input, signature) = token.rsplit_once('.').unwrap();
    let signature: [u8; 64] = URL_SAFE_NO_PAD.decode(signature).unwrap().try_into().unwrap();
    let public = plex.public_key();
    let kid = device.kid();
    let expected = Expected::new(CLIENT_ID, &kid);
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_100);
    assert!(verify_plex_jwt(&token, &keys, &expected, now).is_ok());
    let mut group = c.benchmark_group("jwt/verify a Plex JWT (floor: bare Ed25519 verify of its signing input)");
    group.bench_function("floor", |b| {
        b.iter(|| verify_ed25519(black_box(&public), black_box(input.as_bytes()), black_box(&signature)))
    });
    group.bench_function("ours", |b| {
        b.iter(|| verify_plex_jwt(black_box(&token), black_box(&keys), &expected, now).unwrap())
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(2)).measurement_time(Duration::from_secs(5));
    targets = sign, verify
}
criterion_main!(benches);
