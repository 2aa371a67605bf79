//! Property (b): any model value, serialized into a 2xx JSON response, decodes back to an equal
//! value through the operation's `from_response` — unknown fields and `Unknown(raw)` enum values
//! included.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bytes::Bytes;
use plex_auth_core::*;
use plex_auth_testing::strategies::*;
use proptest::prelude::*;
use proptest::sample::select;

/// A JSON content type, or none (then the body is sniffed).
fn json_content_type() -> impl Strategy<Value = Option<&'static str>> {
    select(&[Some("application/json"), Some("application/json; charset=utf-8"), Some("text/json"), None][..])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn account_round_trips_through_token_details(account in account(), ct in json_content_type()) {
        let body = Bytes::from(serde_json::to_vec(&account).unwrap());
        let decoded = GetTokenDetails::new().from_response(make_response(200, ct, None, body)).unwrap();
        prop_assert_eq!(decoded, account);
    }

    #[test]
    fn account_round_trips_through_sign_in(
        mut account in account(),
        token in "[!-~]{1,32}",
        status in select(&[200u16, 201][..]),
        ct in json_content_type(),
    ) {
        account.auth_token = Some(Secret::new(token));
        let body = Bytes::from(serde_json::to_vec(&account).unwrap());
        let decoded = PostUsersSignInData::new("ana", "pw").from_response(make_response(status, ct, None, body)).unwrap();
        prop_assert_eq!(decoded, account);
    }

    #[test]
    fn source_info_round_trips_as_object_and_as_array(info in source_info(), as_array in any::<bool>()) {
        let device = serde_json::to_value(&info).unwrap();
        let device = if as_array { serde_json::Value::Array(vec![device]) } else { device };
        let body = serde_json::json!({ "MediaContainer": { "size": 1, "Device": device } }).to_string();
        let resp = make_response(200, Some("application/json"), None, Bytes::from(body));
        let decoded = GetSourceConnectionInformation::new("server://abc").from_response(resp).unwrap();
        prop_assert_eq!(decoded, info);
    }

    #[test]
    fn resources_round_trip_with_unknown_fields(list in proptest::collection::vec(resource(), 0..4), ct in json_content_type()) {
        let body = Bytes::from(serde_json::to_vec(&list).unwrap());
        let decoded = GetResources::new().from_response(make_response(200, ct, None, body)).unwrap();
        prop_assert_eq!(decoded, list);
    }

    #[test]
    fn server_identity_round_trips_with_unknown_fields(identity in server_identity(), ct in json_content_type()) {
        let container = serde_json::to_value(&identity).unwrap();
        let body = Bytes::from(serde_json::json!({ "MediaContainer": container }).to_string());
        let op = GetServerIdentity::new("http://10.0.0.5:32400").unwrap();
        let decoded = op.from_response(make_response(200, ct, None, body)).unwrap();
        prop_assert_eq!(decoded, identity);
    }

    #[test]
    fn pin_round_trips_with_unknown_fields(
        pin in pin(),
        create in any::<bool>(),
        ct in json_content_type(),
    ) {
        let body = Bytes::from(serde_json::to_vec(&pin).unwrap());
        let decoded = if create {
            CreatePin::new().from_response(make_response(201, ct, None, body))
        } else {
            GetPin::new(pin.id.unwrap_or_default()).from_response(make_response(200, ct, None, body))
        };
        prop_assert_eq!(decoded.unwrap(), pin);
    }

    /// Plex's key set, with unknown key types and fields, through `GetPlexKeys` (which needs a
    /// key) and through plain serde.
    #[test]
    fn jwk_set_round_trips_with_unknown_keys_and_fields(set in jwk_set(), ct in json_content_type()) {
        let body = serde_json::to_vec(&set).unwrap();
        prop_assert_eq!(&serde_json::from_slice::<jwt::JwkSet>(&body).unwrap(), &set);
        let decoded = GetPlexKeys::new().from_response(make_response(200, ct, None, Bytes::from(body)));
        if set.keys().is_empty() {
            let missing = matches!(decoded, Err(Error::Decode { reason: DecodeReason::MissingField("keys"), .. }));
            prop_assert!(missing, "{:?}", decoded);
        } else {
            prop_assert_eq!(decoded.unwrap(), set);
        }
    }

    /// Any Plex JWT claims, signed and verified (signature only), come back equal; and as JSON.
    #[test]
    fn plex_jwt_claims_round_trip_through_a_signed_token(claims in plex_jwt_claims(), seed in any::<[u8; 32]>()) {
        let json = serde_json::to_vec(&claims).unwrap();
        prop_assert_eq!(&serde_json::from_slice::<jwt::PlexJwtClaims>(&json).unwrap(), &claims);
        let key = jwt::DeviceKey::from_seed(seed);
        let token = jwt::sign_claims(&key, &claims).unwrap();
        let (_, back): (_, jwt::PlexJwtClaims) = jwt::verify_signed(token.expose_secret(), &key.public_jwk().into()).unwrap();
        prop_assert_eq!(&back, &claims);
        let unverified: jwt::PlexJwtClaims = jwt::decode_claims_unverified(token.expose_secret()).unwrap();
        prop_assert_eq!(unverified, claims);
    }

    /// The nonce answer round trips as a model, and `GetNonce` returns its nonce exactly when
    /// it is usable.
    #[test]
    fn nonce_answer_round_trips(answer in nonce_answer(), ct in json_content_type()) {
        let body = serde_json::to_vec(&answer).unwrap();
        prop_assert_eq!(&serde_json::from_slice::<NonceAnswer>(&body).unwrap(), &answer);
        let got = GetNonce::new().from_response(make_response(200, ct, None, Bytes::from(body)));
        let usable = answer.nonce.as_deref().filter(|n| !n.trim().is_empty() && n.len() <= 256);
        let got = got.ok();
        prop_assert_eq!(got.as_deref(), usable);
    }

    /// The token answer round trips as a model, and `ExchangeDeviceJwt` returns its token exactly
    /// when the client could send it.
    #[test]
    fn token_answer_round_trips(mut answer in token_answer(), sendable in "[!-~]{1,64}", use_sendable in any::<bool>()) {
        if use_sendable {
            answer.auth_token = Some(Secret::new(sendable));
        }
        let body = serde_json::to_vec(&answer).unwrap();
        prop_assert_eq!(&serde_json::from_slice::<TokenAnswer>(&body).unwrap(), &answer);
        let got = ExchangeDeviceJwt::new("a.b.c").from_response(make_response(200, Some("application/json"), None, Bytes::from(body)));
        let usable = answer.auth_token.as_ref().map(ExposeSecret::expose_secret).filter(|t| check_token(t).is_ok());
        let got = got.ok();
        prop_assert_eq!(got.as_ref().map(ExposeSecret::expose_secret), usable);
    }

    /// `from_response` takes a strict streaming pass first and degrades per field only when that
    /// fails: wherever the strict pass succeeds, the degrading decode must give the same value.
    #[test]
    fn the_fast_path_agrees_with_the_degrading_decode(account in account(), body in body(), use_account in any::<bool>()) {
        let bytes = if use_account { Bytes::from(serde_json::to_vec(&account).unwrap()) } else { body };
        if let Ok(strict) = serde_json::from_slice::<decode::StrictValue<UserPlexAccount>>(&bytes) {
            let degrading = serde_json::from_slice::<UserPlexAccount>(&bytes);
            prop_assert_eq!(degrading.ok(), Some(strict.0));
        }
    }
}
