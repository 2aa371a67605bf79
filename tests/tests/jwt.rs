//! JWT device authentication at the core level (issue 11): device JWTs and Plex JWTs sign and
//! verify, any changed byte breaks them, every rejection of `verify_plex_jwt` is the exact
//! `JwtRejection` of the check that failed and never quotes the token; interop with an
//! independent implementation (`jsonwebtoken`, with its own Ed25519); and the golden requests
//! and drift answers of the JWT operations.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use bytes::Bytes;
use plex_auth_core::jwt::*;
use plex_auth_core::*;
use plex_auth_testing::strategies::{self, CASES, make_response};
use proptest::prelude::*;
use serde_json::{Value, json};
use std::time::{Duration, SystemTime};

// ---------------------------------------------------------------------------------------------
// Helpers.

/// The client identifier of the fixed cases.
const APP: &str = "app-7Qx";
/// The fixed cases' `iat` (2027-01-15) and Plex's 7-day lifetime.
const IAT: i64 = 1_800_000_000;
const WEEK: i64 = 7 * 24 * 60 * 60;

fn at(secs: i64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(secs).unwrap())
}

/// Plex's signing key in the fixed cases, and the device's.
fn plex_key() -> DeviceKey {
    DeviceKey::from_seed([0x50; 32])
}
fn device_key() -> DeviceKey {
    DeviceKey::from_seed([0xde; 32])
}

/// [`plex_key`]'s kid as a rejection shows it: its first 40 characters.
fn shown_kid() -> String {
    plex_key().kid()[..40].to_owned()
}

fn keys_of(key: &DeviceKey) -> JwkSet {
    JwkSet::of([key.public_jwk().into()])
}

/// The claims of a good Plex JWT for `APP` and the device key `thumbprint`, issued at `iat`.
fn plex_claims(thumbprint: &str, iat: i64) -> Value {
    json!({
        "iss": "plex.tv", "aud": ["plex.tv", APP], "iat": iat, "exp": iat + WEEK,
        "nonce": "7c415b56-8f48-488a-98ab-847ef4460442", "thumbprint": thumbprint,
        "user": {"id": 7, "uuid": "0000000000000007", "username": "ana", "email": "ana@example.com"},
    })
}

/// A good Plex JWT (signed by [`plex_key`] for [`device_key`]) with `edit` applied to its claims.
fn plex_token_with(edit: impl FnOnce(&mut Value)) -> String {
    let mut claims = plex_claims(&device_key().kid(), IAT);
    edit(&mut claims);
    sign_claims(&plex_key(), &claims).unwrap().expose_secret().to_owned()
}

/// A compact JWS from a header and claims as JSON, signed by `signer` over the signing input
/// (or with `signature` as given when there is no signer).
fn hand_built(header: &Value, claims: &Value, signer: Option<&DeviceKey>, signature: &[u8]) -> String {
    let input =
        format!("{}.{}", URL_SAFE_NO_PAD.encode(header.to_string()), URL_SAFE_NO_PAD.encode(claims.to_string()));
    let signature = match signer {
        Some(key) => key.sign(input.as_bytes()).to_vec(),
        None => signature.to_vec(),
    };
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature))
}

/// `verify_plex_jwt` of `token` against [`plex_key`]'s set, expecting [`device_key`] for
/// [`APP`], at `now`.
fn verify_at(token: &str, keys: &JwkSet, now: i64) -> Result<PlexJwtClaims, JwtRejection> {
    let kid = device_key().kid();
    verify_plex_jwt(token, keys, &Expected::new(APP, &kid), at(now))
}

/// The rejection of `token`; asserts first that no rendering of it, or of `Error::Jwt` made from
/// it, shows the token, its payload or its signature.
fn rejected(token: &str, keys: &JwkSet, now: i64) -> JwtRejection {
    let rejection = verify_at(token, keys, now).expect_err("the token must be rejected");
    assert_quotes_nothing_of(token, &rejection);
    rejection
}

fn assert_quotes_nothing_of(token: &str, rejection: &JwtRejection) {
    let error = Error::Jwt(rejection.clone());
    let shown = [
        rejection.to_string(),
        format!("{rejection:?}"),
        format!("{rejection:#?}"),
        error.to_string(),
        format!("{error:?}"),
        format!("{error:#?}"),
    ];
    let parts: Vec<&str> = token.split('.').collect();
    // The whole token, the payload and the signature (the header's `alg` and `kid` may be shown,
    // shortened); parts too short to be told from ordinary words are not looked for.
    let needles: Vec<&str> =
        std::iter::once(token).chain(parts.iter().skip(1).copied()).filter(|p| p.len() >= 8).collect();
    for text in &shown {
        for needle in &needles {
            assert!(!text.contains(needle), "{rejection:?} shows part of the token: {text}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Properties: sign, verify, tamper.

fn scopes() -> impl Strategy<Value = Scopes> {
    (0u8..64).prop_map(|bits| {
        Scope::ALL.into_iter().enumerate().filter(|(i, _)| bits >> i & 1 == 1).map(|(_, s)| s).collect()
    })
}

/// Any time from the epoch to 2100, in whole seconds.
fn unix_time() -> impl Strategy<Value = i64> {
    0i64..4_102_444_800
}

/// `token` with byte `index` (modulo its length) replaced by `byte`, or by the next ASCII byte
/// when `byte` is the original: always a different, still UTF-8 text.
fn flipped(token: &str, index: usize, byte: u8) -> String {
    let mut bytes = token.as_bytes().to_vec();
    let i = index % bytes.len();
    let byte = byte & 0x7f;
    bytes[i] = if byte == bytes[i] { (byte + 1) & 0x7f } else { byte };
    String::from_utf8(bytes).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    /// A device JWT verifies with the key's public JWK and says exactly what was signed.
    #[test]
    fn device_jwt_verifies_and_says_what_was_signed(
        seed in any::<[u8; 32]>(),
        client in prop_oneof!["[!-~]{1,40}", strategies::text()],
        nonce in prop_oneof!["[0-9a-f-]{36}", strategies::non_blank()],
        scopes in scopes(),
        t in unix_time(),
    ) {
        let key = DeviceKey::from_seed(seed);
        let jwt = key.sign_device_jwt(&client, &nonce, scopes, at(t)).unwrap();
        let (header, claims): (JwtHeader, DeviceJwtClaims) =
            verify_signed(jwt.expose_secret(), &key.public_jwk().into()).unwrap();
        prop_assert_eq!(header, JwtHeader { alg: "EdDSA".into(), kid: Some(key.kid()), typ: Some("JWT".into()) });
        prop_assert_eq!(&claims, &DeviceJwtClaims::new(&client, &nonce, scopes, at(t)));
        prop_assert_eq!((claims.iat, claims.exp - claims.iat), (t, 300));
        prop_assert_eq!((claims.aud.as_str(), claims.iss.as_str()), ("plex.tv", client.as_str()));
        prop_assert_eq!(claims.scope, scopes.to_string());
        prop_assert_eq!(claims.nonce, nonce);
        // And by no other key.
        let other = DeviceKey::from_seed(seed.map(|b| b ^ 0x5a));
        prop_assert_eq!(
            verify_signed::<DeviceJwtClaims>(jwt.expose_secret(), &other.public_jwk().into()).unwrap_err(),
            JwtRejection::BadSignature
        );
    }

    /// Any single changed byte, in the header, the payload or the signature, fails verification.
    #[test]
    fn any_changed_byte_breaks_a_device_jwt(seed in any::<[u8; 32]>(), index in any::<usize>(), byte in any::<u8>(), t in unix_time()) {
        let key = DeviceKey::from_seed(seed);
        let jwt = key.sign_device_jwt("app", "7c415b56-8f48-488a-98ab-847ef4460442", Scopes::all(), at(t)).unwrap();
        let tampered = flipped(jwt.expose_secret(), index, byte);
        prop_assert_ne!(&tampered, jwt.expose_secret());
        let result = verify_signed::<DeviceJwtClaims>(&tampered, &key.public_jwk().into());
        prop_assert!(result.is_err(), "{} verified after changing byte {}", tampered, index % tampered.len());
    }

    /// PKCS#8 PEM round trips: the same public key and kid, and the same PEM again.
    #[test]
    fn device_key_pem_round_trips(seed in any::<[u8; 32]>()) {
        let key = DeviceKey::from_seed(seed);
        let pem = key.to_pkcs8_pem().unwrap();
        let back = DeviceKey::from_pkcs8_pem(&pem).unwrap();
        prop_assert_eq!(back.public_key(), key.public_key());
        prop_assert_eq!(back.kid(), key.kid());
        prop_assert_eq!(back.public_jwk(), key.public_jwk());
        prop_assert_eq!(&*back.to_pkcs8_pem().unwrap(), &*pem);
    }

    /// A Plex-JWT-shaped token verifies whenever its claims fit (any time within the skew of its
    /// life), decoding to what was signed; any changed byte fails it.
    #[test]
    fn plex_jwt_verifies_when_it_fits_and_fails_on_any_changed_byte(
        plex_seed in any::<[u8; 32]>(),
        device_seed in any::<[u8; 32]>(),
        iat in unix_time(),
        into_life in -60i64..=WEEK + 60,
        index in any::<usize>(),
        byte in any::<u8>(),
    ) {
        let (plex, device) = (DeviceKey::from_seed(plex_seed), DeviceKey::from_seed(device_seed));
        let keys = keys_of(&plex);
        let kid = device.kid();
        let claims = plex_claims(&kid, iat);
        let token = sign_claims(&plex, &claims).unwrap();
        let now = at((iat + into_life).max(0));
        let verified = verify_plex_jwt(token.expose_secret(), &keys, &Expected::new(APP, &kid), now).unwrap();
        prop_assert_eq!(serde_json::to_value(&verified).unwrap(), claims);
        prop_assert_eq!(verified.expires_at(), Some(at(iat + WEEK)));

        let tampered = flipped(token.expose_secret(), index, byte);
        let result = verify_plex_jwt(&tampered, &keys, &Expected::new(APP, &kid), now);
        prop_assert!(result.is_err(), "{} verified after changing byte {}", tampered, index % tampered.len());
        if let Err(rejection) = result {
            assert_quotes_nothing_of(&tampered, &rejection);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Each rejection of `verify_plex_jwt`.

#[test]
fn a_good_plex_jwt_verifies_and_its_claims_are_read() {
    let token = plex_token_with(|_| {});
    let claims = verify_at(&token, &keys_of(&plex_key()), IAT + 10).unwrap();
    assert_eq!(claims.aud, Some(vec!["plex.tv".to_owned(), APP.to_owned()]));
    assert_eq!(claims.thumbprint, Some(device_key().kid()));
    let user = claims.user.unwrap();
    assert_eq!((user.id, user.username.as_deref(), user.restricted), (Some(7), Some("ana"), None));
    // PlexJwt keeps the token and says how long is left.
    let jwt =
        PlexJwt::verify(Secret::new(token), &keys_of(&plex_key()), &Expected::new(APP, &device_key().kid()), at(IAT))
            .unwrap();
    assert_eq!(jwt.remaining(at(IAT + WEEK - 5)), Duration::from_secs(5));
    assert_eq!(jwt.remaining(at(IAT + WEEK + 5)), Duration::ZERO);
}

#[test]
fn a_kid_not_in_the_set_is_an_unknown_key() {
    let token = plex_token_with(|_| {});
    let other = keys_of(&DeviceKey::from_seed([1; 32]));
    assert_eq!(rejected(&token, &other, IAT), JwtRejection::UnknownKey(shown_kid()));
    assert_eq!(rejected(&token, &JwkSet::of([]), IAT), JwtRejection::UnknownKey(shown_kid()));
    assert_eq!(rejected(&token, &JwkSet::default(), IAT), JwtRejection::UnknownKey(shown_kid()));
}

#[test]
fn the_key_is_chosen_by_kid_not_by_position() {
    let token = plex_token_with(|_| {});
    let set = JwkSet::of([DeviceKey::from_seed([1; 32]).public_jwk().into(), plex_key().public_jwk().into()]);
    assert!(verify_at(&token, &set, IAT).is_ok());
}

#[test]
fn a_header_without_kid_is_refused() {
    let header = json!({"alg": "EdDSA", "typ": "JWT"});
    let token = hand_built(&header, &plex_claims(&device_key().kid(), IAT), Some(&plex_key()), &[]);
    assert_eq!(rejected(&token, &keys_of(&plex_key()), IAT), JwtRejection::MissingKid);
}

#[test]
fn signed_by_another_key_under_the_right_kid_is_a_bad_signature() {
    let header = json!({"alg": "EdDSA", "typ": "JWT", "kid": plex_key().kid()});
    let impostor = DeviceKey::from_seed([0x66; 32]);
    let token = hand_built(&header, &plex_claims(&device_key().kid(), IAT), Some(&impostor), &[]);
    assert_eq!(rejected(&token, &keys_of(&plex_key()), IAT), JwtRejection::BadSignature);
    // The same hand-built token signed by the right key verifies: the forgery is only the key.
    let honest = hand_built(&header, &plex_claims(&device_key().kid(), IAT), Some(&plex_key()), &[]);
    assert!(verify_at(&honest, &keys_of(&plex_key()), IAT).is_ok());
}

#[test]
fn a_wrong_or_missing_issuer_is_refused() {
    let keys = keys_of(&plex_key());
    let token = plex_token_with(|c| c["iss"] = json!("plex.com"));
    assert_eq!(rejected(&token, &keys, IAT), JwtRejection::Issuer("plex.tv"));
    let token = plex_token_with(|c| c["iss"] = json!(APP));
    assert_eq!(rejected(&token, &keys, IAT), JwtRejection::Issuer("plex.tv"));
    let token = plex_token_with(|c| drop(c.as_object_mut().unwrap().remove("iss")));
    assert_eq!(rejected(&token, &keys, IAT), JwtRejection::MissingClaim("iss"));
}

#[test]
fn an_audience_without_our_client_identifier_is_refused() {
    let keys = keys_of(&plex_key());
    let token = plex_token_with(|c| c["aud"] = json!(["plex.tv", "someone-else"]));
    assert_eq!(rejected(&token, &keys, IAT), JwtRejection::Audience(APP.into()));
    // A single string is a one-item list: plex.tv alone lacks us.
    let token = plex_token_with(|c| c["aud"] = json!("plex.tv"));
    assert_eq!(rejected(&token, &keys, IAT), JwtRejection::Audience(APP.into()));
    // And our client identifier alone lacks plex.tv.
    let token = plex_token_with(|c| c["aud"] = json!([APP]));
    assert_eq!(rejected(&token, &keys, IAT), JwtRejection::Audience("plex.tv".into()));
    let token = plex_token_with(|c| drop(c.as_object_mut().unwrap().remove("aud")));
    assert_eq!(rejected(&token, &keys, IAT), JwtRejection::MissingClaim("aud"));
    // Order and extra audiences do not matter.
    let token = plex_token_with(|c| c["aud"] = json!([APP, "x", "plex.tv"]));
    assert!(verify_at(&token, &keys, IAT).is_ok());
}

#[test]
fn expiry_is_checked_with_60_seconds_of_skew() {
    let keys = keys_of(&plex_key());
    let token = plex_token_with(|_| {});
    let exp = IAT + WEEK;
    assert!(verify_at(&token, &keys, exp).is_ok());
    assert!(verify_at(&token, &keys, exp + 60).is_ok(), "within the skew");
    assert_eq!(rejected(&token, &keys, exp + 61), JwtRejection::Expired { exp });
    assert_eq!(rejected(&token, &keys, exp + 3600), JwtRejection::Expired { exp });
    assert!(Error::Jwt(JwtRejection::Expired { exp }).is_token_expired());
    // A skew of zero is exact.
    let kid = device_key().kid();
    let strict = Expected { skew: Duration::ZERO, ..Expected::new(APP, &kid) };
    assert!(verify_plex_jwt(&token, &keys, &strict, at(exp)).is_ok());
    assert_eq!(verify_plex_jwt(&token, &keys, &strict, at(exp + 1)).unwrap_err(), JwtRejection::Expired { exp });
}

#[test]
fn an_iat_in_the_future_is_checked_with_60_seconds_of_skew() {
    let keys = keys_of(&plex_key());
    let token = plex_token_with(|_| {});
    assert!(verify_at(&token, &keys, IAT - 60).is_ok(), "within the skew");
    assert_eq!(rejected(&token, &keys, IAT - 61), JwtRejection::IssuedInFuture { iat: IAT });
    assert_eq!(rejected(&token, &keys, IAT - 86_400), JwtRejection::IssuedInFuture { iat: IAT });
    assert!(!Error::Jwt(JwtRejection::IssuedInFuture { iat: IAT }).is_token_expired());
}

#[test]
fn missing_exp_or_iat_is_a_missing_claim() {
    let keys = keys_of(&plex_key());
    for claim in ["exp", "iat"] {
        let token = plex_token_with(|c| drop(c.as_object_mut().unwrap().remove(claim)));
        assert_eq!(rejected(&token, &keys, IAT), JwtRejection::MissingClaim(claim));
        // A value of the wrong type is unusable, the same as missing.
        let token = plex_token_with(|c| c[claim] = json!("tomorrow"));
        assert_eq!(rejected(&token, &keys, IAT), JwtRejection::MissingClaim(claim));
    }
}

#[test]
fn a_wrong_or_missing_thumbprint_is_refused() {
    let keys = keys_of(&plex_key());
    let token = plex_token_with(|c| c["thumbprint"] = json!(DeviceKey::from_seed([2; 32]).kid()));
    assert_eq!(rejected(&token, &keys, IAT), JwtRejection::Thumbprint);
    let token = plex_token_with(|c| drop(c.as_object_mut().unwrap().remove("thumbprint")));
    assert_eq!(rejected(&token, &keys, IAT), JwtRejection::MissingClaim("thumbprint"));
}

#[test]
fn alg_none_and_every_other_algorithm_are_refused() {
    let keys = keys_of(&plex_key());
    let claims = plex_claims(&device_key().kid(), IAT);
    // The classic: an unsigned token, `alg: none`, empty signature.
    let header = json!({"alg": "none", "kid": plex_key().kid()});
    let unsigned =
        format!("{}.{}.", URL_SAFE_NO_PAD.encode(header.to_string()), URL_SAFE_NO_PAD.encode(claims.to_string()));
    assert_eq!(rejected(&unsigned, &keys, IAT), JwtRejection::Algorithm("none".into()));
    for alg in ["HS256", "RS256", "ES256", "EdDSA ", "eddsa", "Ed25519", ""] {
        let header = json!({"alg": alg, "typ": "JWT", "kid": plex_key().kid()});
        // Signed by the right key, so only the algorithm is wrong.
        let token = hand_built(&header, &claims, Some(&plex_key()), &[]);
        assert_eq!(rejected(&token, &keys, IAT), JwtRejection::Algorithm(alg.trim().into()), "{alg:?}");
    }
    // verify_signed refuses them too, before looking at the key.
    let header = json!({"alg": "HS256", "kid": plex_key().kid()});
    let token = hand_built(&header, &claims, None, &[0; 32]);
    let jwk: Jwk = plex_key().public_jwk().into();
    assert_eq!(verify_signed::<Value>(&token, &jwk).unwrap_err(), JwtRejection::Algorithm("HS256".into()));
}

#[test]
fn a_key_of_another_type_or_curve_under_the_kid_is_unknown() {
    let token = plex_token_with(|_| {});
    let good: Jwk = plex_key().public_jwk().into();
    let variants: [fn(&mut Jwk); 5] = [
        |k| k.kty = Some("RSA".into()),
        |k| k.crv = Some("X25519".into()),
        |k| k.alg = Some("RS256".into()),
        |k| k.use_ = Some("enc".into()),
        |k| k.x = Some("c2hvcnQ".into()),
    ];
    for (i, edit) in variants.iter().enumerate() {
        let mut key = good.clone();
        edit(&mut key);
        assert_eq!(key.ed25519_public_key(), None, "variant {i}");
        assert_eq!(rejected(&token, &JwkSet::of([key]), IAT), JwtRejection::UnknownKey(shown_kid()), "variant {i}");
    }
    // Without `alg` and `use` the key is still an Ed25519 signing key.
    let mut bare = good.clone();
    (bare.alg, bare.use_) = (None, None);
    assert!(verify_at(&token, &JwkSet::of([bare]), IAT).is_ok());
}

#[test]
fn malformed_tokens_are_refused_before_any_check() {
    let keys = keys_of(&plex_key());
    let token = plex_token_with(|_| {});
    let long = plex_token_with(|c| c["padding"] = json!("p".repeat(MAX_JWT_LEN)));
    assert!(long.len() > MAX_JWT_LEN);
    assert_eq!(rejected(&long, &keys, IAT), JwtRejection::Malformed("longer than 16 KiB"));
    let (signing_input, _) = token.rsplit_once('.').unwrap();
    assert!(matches!(rejected(signing_input, &keys, IAT), JwtRejection::Malformed(_)), "two parts");
    assert!(matches!(rejected(&format!("{token}.AAAA"), &keys, IAT), JwtRejection::Malformed(_)), "four parts");
    assert!(matches!(rejected(&format!("{token}."), &keys, IAT), JwtRejection::Malformed(_)), "four parts, last empty");
    for bad in ["", ".", "..", "a.b.c", "eyJ.eyJ.sig", "not a jwt"] {
        assert!(matches!(rejected(bad, &keys, IAT), JwtRejection::Malformed(_)), "{bad:?}");
    }
    // A signature of the wrong length, and padded base64.
    let (input, signature) = token.rsplit_once('.').unwrap();
    let short = format!("{input}.{}", &signature[..40]);
    assert!(matches!(rejected(&short, &keys, IAT), JwtRejection::Malformed(_)));
    let padded = format!("{input}.{signature}==");
    assert!(matches!(rejected(&padded, &keys, IAT), JwtRejection::Malformed(_)));
}

#[test]
fn decode_header_reads_only_the_header() {
    let token = plex_token_with(|_| {});
    assert_eq!(
        decode_header(&token).unwrap(),
        JwtHeader { alg: "EdDSA".into(), kid: Some(plex_key().kid()), typ: Some("JWT".into()) }
    );
    let claims: PlexJwtClaims = decode_claims_unverified(&token).unwrap();
    assert_eq!(claims.exp, Some(IAT + WEEK));
    for bad in ["", "x", "x.y", "e30.e30.e30", "bnVsbA.e30.", "W10.e30."] {
        assert!(matches!(decode_header(bad), Err(JwtRejection::Malformed(_))), "{bad:?}");
    }
}

#[test]
fn an_empty_nonce_is_refused_before_signing() {
    let err = device_key().sign_device_jwt(APP, " ", Scopes::all(), at(IAT)).unwrap_err();
    assert!(matches!(err, Error::InvalidInput { field: "nonce", .. }), "{err:?}");
}

#[test]
fn no_rejection_quotes_a_token_however_it_fails() {
    // The rejections above each went through `rejected`, which checks this; here, tokens whose
    // header itself carries secret-looking text: shown values are bounded to 40 characters.
    let keys = keys_of(&plex_key());
    let long_kid = "k".repeat(200);
    let header = json!({"alg": "EdDSA", "kid": long_kid});
    let token = hand_built(&header, &plex_claims(&device_key().kid(), IAT), Some(&plex_key()), &[]);
    let JwtRejection::UnknownKey(shown) = rejected(&token, &keys, IAT) else { panic!() };
    assert_eq!(shown.len(), 40);
    let header = json!({"alg": "\u{1b}[2J\nHS256-with-a-very-long-name-that-goes-on-and-on-and-on", "kid": "k"});
    let token = hand_built(&header, &plex_claims(&device_key().kid(), IAT), Some(&plex_key()), &[]);
    let JwtRejection::Algorithm(shown) = rejected(&token, &keys, IAT) else { panic!() };
    assert!(shown.len() <= 40 && shown.chars().all(|c| c.is_ascii_graphic()), "{shown:?}");
}

// ---------------------------------------------------------------------------------------------
// Interop with jsonwebtoken (its own Ed25519: ed25519-dalek 3, not ours).

/// Plex-JWT claims as a struct, so both implementations serialize them in the same member order.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Claims {
    iss: String,
    aud: Vec<String>,
    iat: i64,
    exp: i64,
    nonce: String,
    thumbprint: String,
}

fn claims_struct(iat: i64) -> Claims {
    Claims {
        iss: "plex.tv".into(),
        aud: vec!["plex.tv".into(), APP.into()],
        iat,
        exp: iat + WEEK,
        nonce: "n-1".into(),
        thumbprint: device_key().kid(),
    }
}

fn their_encoding_key(key: &DeviceKey) -> jsonwebtoken::EncodingKey {
    jsonwebtoken::EncodingKey::from_ed_pem(key.to_pkcs8_pem().unwrap().as_bytes()).unwrap()
}

fn their_header(key: &DeviceKey) -> jsonwebtoken::Header {
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::EdDSA);
    header.kid = Some(key.kid());
    header
}

#[test]
fn a_plex_jwt_signed_by_jsonwebtoken_verifies_with_ours() {
    let token = jsonwebtoken::encode(&their_header(&plex_key()), &claims_struct(IAT), &their_encoding_key(&plex_key()))
        .unwrap();
    let claims = verify_at(&token, &keys_of(&plex_key()), IAT + 1).unwrap();
    assert_eq!(serde_json::to_value(&claims).unwrap(), serde_json::to_value(claims_struct(IAT)).unwrap());
    // And their token, one byte changed, fails ours.
    let tampered = flipped(&token, token.len() - 3, b'A');
    assert!(verify_at(&tampered, &keys_of(&plex_key()), IAT + 1).is_err());
}

#[test]
fn a_device_jwt_signed_by_ours_verifies_with_jsonwebtoken() {
    use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode};
    let key = device_key();
    // Now, so jsonwebtoken's own clock check passes.
    let jwt =
        key.sign_device_jwt(APP, "7c415b56-8f48-488a-98ab-847ef4460442", Scopes::all(), SystemTime::now()).unwrap();
    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.set_audience(&["plex.tv"]);
    validation.set_issuer(&[APP]);
    validation.set_required_spec_claims(&["exp", "aud", "iss"]);
    for decoding in [
        DecodingKey::from_ed_components(&key.x()).unwrap(),
        DecodingKey::from_jwk(&serde_json::from_value(serde_json::to_value(key.public_jwk()).unwrap()).unwrap())
            .unwrap(),
    ] {
        let data = decode::<DeviceJwtClaims>(jwt.expose_secret(), &decoding, &validation).unwrap();
        assert_eq!(data.header.kid, Some(key.kid()));
        assert_eq!(data.header.alg, Algorithm::EdDSA);
        assert_eq!(data.header.typ.as_deref(), Some("JWT"));
        let ours: (JwtHeader, DeviceJwtClaims) = verify_signed(jwt.expose_secret(), &key.public_jwk().into()).unwrap();
        assert_eq!(data.claims, ours.1);
        assert_eq!((data.claims.aud.as_str(), data.claims.exp - data.claims.iat), ("plex.tv", 300));
        assert_eq!(data.claims.scope, "username,email,friendly_name,restricted,anonymous,joinedAt");
    }
    // Another key's x fails theirs too.
    let other = DecodingKey::from_ed_components(&DeviceKey::from_seed([3; 32]).x()).unwrap();
    assert!(decode::<DeviceJwtClaims>(jwt.expose_secret(), &other, &validation).is_err());
}

/// Ed25519 is deterministic, so the two encodings can only differ in their JSON. They do, in the
/// header alone: jsonwebtoken writes `{"typ","alg","kid"}`, we write `{"alg","kid","typ"}`. So
/// the payloads are byte-identical, the headers are the same JSON object, and each
/// implementation verifies the other's token.
#[test]
fn fixed_key_and_claims_encode_alike_and_each_verifies_the_other() {
    use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode};
    let key = plex_key();
    let claims = claims_struct(IAT);
    let ours = sign_claims(&key, &claims).unwrap().expose_secret().to_owned();
    let theirs = jsonwebtoken::encode(&their_header(&key), &claims, &their_encoding_key(&key)).unwrap();
    let (o, t): (Vec<&str>, Vec<&str>) = (ours.split('.').collect(), theirs.split('.').collect());
    assert_eq!(o[1], t[1], "the payloads are byte-identical");
    let json_of = |part: &str| serde_json::from_slice::<Value>(&URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap();
    assert_eq!(json_of(o[0]), json_of(t[0]), "the headers are the same object");
    assert_eq!(
        String::from_utf8(URL_SAFE_NO_PAD.decode(o[0]).unwrap()).unwrap(),
        format!(r#"{{"alg":"EdDSA","kid":"{}","typ":"JWT"}}"#, key.kid())
    );
    if o[0] == t[0] {
        assert_eq!(ours, theirs, "same header bytes, so the same signature");
    } else {
        assert_ne!(o[2], t[2], "a different signing input, so a different signature");
    }
    // Each verifies the other's.
    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.set_audience(&[APP]);
    validation.set_issuer(&["plex.tv"]);
    validation.validate_exp = false; // IAT is in 2027 and fixed; our own check covers time
    validation.required_spec_claims.clear();
    let decoding = DecodingKey::from_ed_components(&key.x()).unwrap();
    for token in [&ours, &theirs] {
        assert_eq!(decode::<Claims>(token, &decoding, &validation).unwrap().claims, claims);
        let verified = verify_at(token, &keys_of(&key), IAT).unwrap();
        assert_eq!(verified.thumbprint, Some(device_key().kid()));
    }
}

// ---------------------------------------------------------------------------------------------
// Requests. Their golden forms (method, URL, exact headers, body) for every JWT operation are
// vectors/requests/*.json, checked by vectors/tests/vectors.rs; what stays here is what the
// vectors cannot express.

fn config() -> ClientConfig {
    ClientConfig::builder().client_identifier(APP).token("legacy-token-9Zq").build().unwrap()
}

fn jwk_json(key: &DeviceKey) -> Value {
    json!({"kty": "OKP", "crv": "Ed25519", "x": key.x(), "use": "sig", "alg": "EdDSA", "kid": key.kid()})
}

#[test]
fn register_device_key_without_any_token_is_refused_before_a_request_exists() {
    let bare = ClientConfig::builder().client_identifier(APP).build().unwrap();
    let err = RegisterDeviceKey::new(device_key().public_jwk()).to_request(&bare).unwrap_err();
    assert!(matches!(err, Error::InvalidInput { field: "X-Plex-Token", .. }), "{err:?}");
}

#[test]
fn a_device_jwt_in_the_query_decodes_back_and_is_redacted() {
    // The exact queries (a JWT as it is, reserved characters percent-encoded) are vectors.
    let odd = "a b+c/d=e&f?g#h%i";
    let req = GetPin::new(1).with_device_jwt(odd).to_request(&config()).unwrap();
    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(req.uri().query().unwrap().as_bytes()).into_owned().collect();
    assert_eq!(pairs, [("deviceJWT".to_owned(), odd.to_owned())]);
    // The redacted view hides a real one.
    let jwt = device_key().sign_device_jwt(APP, "n-1", Scopes::all(), at(IAT)).unwrap();
    let shown = format!("{:?}", redacted(&GetPin::new(1).with_device_jwt(jwt.clone()).to_request(&config()).unwrap()));
    assert!(!shown.contains(jwt.expose_secret()), "{shown}");
}

#[test]
fn the_jwt_routes_follow_an_overridden_base() {
    let key = device_key();
    let both = ClientConfig::builder()
        .client_identifier(APP)
        .token("t")
        .plex_tv_url("http://127.0.0.1:9/plex/api/v2")
        .clients_plex_tv_url("http://127.0.0.1:8/clients/api/v2/")
        .build()
        .unwrap();
    let only_plex_tv = ClientConfig::builder()
        .client_identifier(APP)
        .token("t")
        .plex_tv_url("http://127.0.0.1:9/api/v2")
        .build()
        .unwrap();
    let requests = |cfg: &ClientConfig| {
        [
            RegisterDeviceKey::new(key.public_jwk()).to_request(cfg).unwrap(),
            GetNonce::new().to_request(cfg).unwrap(),
            ExchangeDeviceJwt::new("a.b.c").to_request(cfg).unwrap(),
            GetPlexKeys::new().to_request(cfg).unwrap(),
            CreatePin::new().with_jwk(key.public_jwk()).to_request(cfg).unwrap(),
            GetPin::new(5).with_device_jwt("a.b.c").to_request(cfg).unwrap(),
        ]
        .map(|r| r.uri().to_string())
    };
    assert_eq!(
        requests(&both),
        [
            "http://127.0.0.1:8/clients/api/v2/auth/jwk",
            "http://127.0.0.1:8/clients/api/v2/auth/nonce",
            "http://127.0.0.1:8/clients/api/v2/auth/token",
            "http://127.0.0.1:8/clients/api/v2/auth/keys",
            "http://127.0.0.1:8/clients/api/v2/pins",
            "http://127.0.0.1:8/clients/api/v2/pins/5?deviceJWT=a.b.c",
        ]
    );
    // With only plex.tv overridden, clients.plex.tv follows it (a fake serves both).
    assert!(
        requests(&only_plex_tv).iter().all(|u| u.starts_with("http://127.0.0.1:9/api/v2/")),
        "{:?}",
        requests(&only_plex_tv)
    );
}

// ---------------------------------------------------------------------------------------------
// Decoding: good answers and drift.

fn json_response(status: u16, body: &str) -> HttpResponse {
    make_response(status, Some("application/json"), None, Bytes::from(body.to_owned()))
}

fn decode_reason(err: &Error) -> &DecodeReason {
    match err {
        Error::Decode { reason, .. } => reason,
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[test]
fn register_device_key_accepts_any_2xx_body() {
    let op = RegisterDeviceKey::new(device_key().public_jwk());
    for (status, body) in [(201, ""), (201, "{}"), (200, r#"{"id":5,"weird":[1]}"#), (204, ""), (201, "not json")] {
        assert!(op.from_response(json_response(status, body)).is_ok(), "{status} {body:?}");
    }
    let err =
        op.from_response(json_response(422, r#"{"errors":[{"code":1002,"message":"Thumbprint Already Taken"}]}"#));
    assert!(err.unwrap_err().thumbprint_taken());
}

#[test]
fn get_nonce_reads_the_nonce_and_tolerates_drift() {
    let nonce = "7c415b56-8f48-488a-98ab-847ef4460442";
    let ok = |body: &str| GetNonce::new().from_response(json_response(200, body));
    assert_eq!(ok(&format!(r#"{{"nonce":"{nonce}"}}"#)).unwrap(), nonce);
    assert_eq!(ok(&format!(r#"{{"expiresIn":300,"nonce":"{nonce}","x":{{"y":[1]}}}}"#)).unwrap(), nonce);
    // A repeated key: the first usable value wins.
    assert_eq!(ok(&format!(r#"{{"nonce":null,"nonce":"{nonce}","nonce":"late"}}"#)).unwrap(), nonce);
    // Drift: a number or boolean where the string belongs is read as its text, as every model's strings
    // are; an object or a list there is no nonce.
    assert_eq!(ok(r#"{"nonce":12345}"#).unwrap(), "12345");
    assert_eq!(ok(r#"{"nonce":true}"#).unwrap(), "true");
    for body in [r#"{"nonce":{"v":"x"}}"#, r#"{"nonce":["x"]}"#] {
        let err = ok(body).unwrap_err();
        assert!(matches!(decode_reason(&err), DecodeReason::MissingField("nonce")), "{body}: {err:?}");
    }
    for body in ["{}", r#"{"nonce":""}"#, r#"{"nonce":"   "}"#, r#"{"nonce":null}"#, r#"{"Nonce":"x"}"#] {
        let err = ok(body).unwrap_err();
        assert!(matches!(decode_reason(&err), DecodeReason::MissingField("nonce")), "{body}: {err:?}");
    }
    let err = ok(&format!(r#"{{"nonce":"{}"}}"#, "n".repeat(257))).unwrap_err();
    assert!(matches!(decode_reason(&err), DecodeReason::InvalidField { field: "nonce", .. }), "{err:?}");
    assert_eq!(ok(&format!(r#"{{"nonce":"{}"}}"#, "n".repeat(256))).unwrap().len(), 256);
    let err = ok("[1,2]").unwrap_err();
    assert!(matches!(decode_reason(&err), DecodeReason::Json(_)), "{err:?}");
}

#[test]
fn exchange_device_jwt_reads_auth_token() {
    let op = ExchangeDeviceJwt::new("a.b.c");
    let token = plex_token_with(|_| {});
    let got = op.from_response(json_response(200, &format!(r#"{{"auth_token":"{token}","extra":1}}"#))).unwrap();
    assert_eq!(got.expose_secret(), token);
    for body in
        ["{}", r#"{"auth_token":""}"#, r#"{"auth_token":null}"#, r#"{"authToken":"x.y.z"}"#, r#"{"auth_token":[]}"#]
    {
        let err = op.from_response(json_response(200, body)).unwrap_err();
        assert!(matches!(decode_reason(&err), DecodeReason::MissingField("auth_token")), "{body}: {err:?}");
    }
    // Drift: a number is read as its text (the exchange does not verify; `PlexJwt::verify` does).
    assert_eq!(op.from_response(json_response(200, r#"{"auth_token":5}"#)).unwrap().expose_secret(), "5");
    let err = op.from_response(json_response(200, r#"{"auth_token":"has a space"}"#)).unwrap_err();
    assert!(matches!(decode_reason(&err), DecodeReason::InvalidField { field: "auth_token", .. }), "{err:?}");
    assert!(!format!("{err:?}{err}").contains("has a space"));
}

#[test]
fn get_plex_keys_keeps_unknown_key_types_and_refuses_an_empty_set() {
    let plex = plex_key();
    let body = json!({"keys": [
        jwk_json(&plex),
        {"kty": "RSA", "kid": "rsa-1", "n": "0vx7", "e": "AQAB", "alg": "RS256"},
        {"kty": "OKP", "crv": "X25519", "kid": "x-1", "x": plex.x()},
    ], "etag": "v2"});
    let set = GetPlexKeys::new().from_response(json_response(200, &body.to_string())).unwrap();
    assert_eq!(set.keys().len(), 3);
    assert_eq!(set.extra["etag"], "v2");
    let rsa = set.find("rsa-1").unwrap();
    assert_eq!((rsa.kty.as_deref(), rsa.ed25519_public_key()), (Some("RSA"), None));
    assert_eq!(rsa.extra["n"], "0vx7");
    assert_eq!(set.find("x-1").unwrap().ed25519_public_key(), None);
    assert_eq!(set.find(&plex.kid()).unwrap().ed25519_public_key(), Some(plex.public_key()));
    // The set verifies a token signed by its Ed25519 key.
    assert!(verify_at(&plex_token_with(|_| {}), &set, IAT).is_ok());

    for body in [r#"{}"#, r#"{"keys":[]}"#, r#"{"keys":"none"}"#, r#"{"keys":null}"#, r#"{"keys":[1,"a",null]}"#] {
        let err = GetPlexKeys::new().from_response(json_response(200, body)).unwrap_err();
        assert!(matches!(decode_reason(&err), DecodeReason::MissingField("keys")), "{body}: {err:?}");
    }
}

#[test]
fn get_plex_keys_reads_a_single_key_object_as_a_one_key_set() {
    // Drift: `keys` as one object, not a list, is read as a list of one (the policy of every
    // list in the models).
    let body = json!({"keys": jwk_json(&plex_key())}).to_string();
    let set = GetPlexKeys::new().from_response(json_response(200, &body)).unwrap();
    assert_eq!(set.keys().len(), 1);
    assert!(verify_at(&plex_token_with(|_| {}), &set, IAT).is_ok());
}

#[test]
fn create_and_poll_a_jwt_pin_decode_as_pins() {
    let token = plex_token_with(|_| {});
    let pin = format!(r#"{{"id":4294967301,"code":"abcdefghijklmnopqrstuvwxy","authToken":"{token}"}}"#);
    let created = CreatePin::new().with_jwk(device_key().public_jwk()).from_response(json_response(201, &pin)).unwrap();
    assert_eq!(created.id, Some(4_294_967_301));
    let polled = GetPin::new(4_294_967_301).with_device_jwt("a.b.c").from_response(json_response(200, &pin)).unwrap();
    assert_eq!(polled.token().map(ExposeSecret::expose_secret), Some(token.as_str()));
    assert!(!format!("{polled:?}").contains(&token));
}

// ---------------------------------------------------------------------------------------------
// Decoding: error bodies of the JWT routes.

type Decoder = fn(HttpResponse) -> Result<(), Error>;

/// Every JWT operation's decoder, output dropped.
fn jwt_decoders() -> [(&'static str, &'static str, Decoder); 6] {
    [
        ("POST /auth/jwk", "register", |r| RegisterDeviceKey::new(device_key().public_jwk()).from_response(r)),
        ("GET /auth/nonce", "nonce", |r| GetNonce::new().from_response(r).map(drop)),
        ("POST /auth/token", "exchange", |r| ExchangeDeviceJwt::new("a.b.c").from_response(r).map(drop)),
        ("GET /auth/keys", "keys", |r| GetPlexKeys::new().from_response(r).map(drop)),
        ("POST /pins", "create JWT PIN", |r| {
            CreatePin::new().with_jwk(device_key().public_jwk()).from_response(r).map(drop)
        }),
        ("GET /pins/{id}", "poll JWT PIN", |r| GetPin::new(1).with_device_jwt("a.b.c").from_response(r).map(drop)),
    ]
}

fn errors_body(code: Option<i64>, message: &str, status: u16) -> String {
    json!({"errors": [{"code": code, "message": message, "status": status}]}).to_string()
}

#[test]
fn error_predicates_on_every_jwt_route() {
    for (route, name, decode) in jwt_decoders() {
        let err = |resp: HttpResponse| decode(resp).unwrap_err();

        let expired = err(json_response(498, &errors_body(None, "Token Expired", 498)));
        assert_eq!(expired.api().unwrap().route, route, "{name}");
        assert!(expired.is_token_expired(), "{name}");
        assert!(!expired.is_retryable() && expired.rate_limited().is_none() && !expired.jwk_missing(), "{name}");
        assert!(err(make_response(498, Some("text/html"), None, Bytes::from("<html/>"))).is_token_expired(), "{name}");

        let signature = err(json_response(422, &errors_body(Some(1002), "Signature Verification Failed", 422)));
        assert!(signature.jwt_signature_rejected() && !signature.thumbprint_taken(), "{name}");
        assert!(!signature.is_token_expired(), "{name}");

        let taken = err(json_response(422, &errors_body(None, "Thumbprint Already Taken", 422)));
        assert!(taken.thumbprint_taken() && !taken.jwt_signature_rejected(), "{name}");
        // The same words under another status are not the JWT answers.
        let not_422 = err(json_response(400, &errors_body(None, "Thumbprint Already Taken", 400)));
        assert!(!not_422.thumbprint_taken(), "{name}");

        let missing = err(json_response(401, &errors_body(Some(1097), "jwk missing", 401)));
        assert!(missing.jwk_missing() && missing.plex_code() == Some(1097), "{name}");
        assert!(!taken.jwk_missing(), "{name}");

        let limited = err(make_response(429, Some("text/plain"), Some("30"), Bytes::from("slow down")));
        assert_eq!(limited.rate_limited(), Some(Some(RetryAfter::Delay(Duration::from_secs(30)))), "{name}");
        assert!(limited.is_retryable(), "{name}");
        let limited = err(make_response(429, None, None, Bytes::new()));
        assert_eq!(limited.rate_limited(), Some(None), "{name}: a 429 without Retry-After");
        let limited = err(json_response(400, &errors_body(Some(1003), "Too many requests", 400)));
        assert_eq!(limited.rate_limited(), Some(None), "{name}: code 1003 under 400");
        assert!(!limited.is_retryable(), "{name}: a 400 is not retried as is");
        let plain_400 = err(json_response(400, &errors_body(Some(1000), "X-Plex-Client-Identifier is missing", 400)));
        assert_eq!(plain_400.rate_limited(), None, "{name}");

        // The single-object form.
        let single = err(json_response(422, r#"{"error":"Signature Verification Failed"}"#));
        let api = single.api().unwrap();
        assert_eq!(api.errors.len(), 1, "{name}");
        assert_eq!((api.errors[0].code, api.errors[0].message.as_str()), (None, "Signature Verification Failed"));
        assert!(single.jwt_signature_rejected(), "{name}");
        let single = err(json_response(422, r#"{"error":"Thumbprint Already Taken"}"#));
        assert!(single.thumbprint_taken(), "{name}");
    }
}
