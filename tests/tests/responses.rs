//! Property (c): any status with any body (and any content type or `Retry-After`) never panics;
//! a non-2xx status always becomes `Error::Api` with the body kept byte for byte, and a 2xx that
//! cannot be used becomes `Error::Decode`, also with the body kept.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bytes::Bytes;
use plex_auth_core::*;
use plex_auth_testing::strategies::*;
use proptest::option::of as opt;
use proptest::prelude::*;
use proptest::sample::select;

/// Runs every operation's `from_response` on the same response, keeping only the error.
fn decode_all(make: impl Fn() -> HttpResponse) -> Vec<Option<Error>> {
    vec![
        GetTransientToken::new().from_response(make()).err(),
        GetTransientToken::new().method(TransientTokenMethod::Post).from_response(make()).err(),
        GetSourceConnectionInformation::new("server://abc").from_response(make()).err(),
        GetTokenDetails::new().from_response(make()).err(),
        PostUsersSignInData::new("ana", "pw").from_response(make()).err(),
        GetResources::new().from_response(make()).err(),
        GetServerIdentity::new("http://10.0.0.5:32400").unwrap().from_response(make()).err(),
        Ping::new().from_response(make()).err(),
        SignOut::new().from_response(make()).err(),
        CreatePin::new().from_response(make()).err(),
        GetPin::new(4_294_967_301).from_response(make()).err(),
        LinkPin::new("7RQZ").from_response(make()).err(),
        RegisterDeviceKey::new(jwt::DeviceKey::from_seed([7; 32]).public_jwk()).from_response(make()).err(),
        GetNonce::new().from_response(make()).err(),
        ExchangeDeviceJwt::new("a.b.c").from_response(make()).err(),
        GetPlexKeys::new().from_response(make()).err(),
        CreatePin::new().with_jwk(jwt::DeviceKey::from_seed([7; 32]).public_jwk()).from_response(make()).err(),
        GetPin::new(4_294_967_301).with_device_jwt("a.b.c").from_response(make()).err(),
    ]
}

/// The Plex codes an API error lists.
fn api_codes(err: &Error) -> Vec<i64> {
    err.api().map(|api| api.errors.iter().filter_map(|e| e.code).collect()).unwrap_or_default()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn any_response_is_judged_without_panicking(
        status in prop_oneof![100u16..=999, select(&[200u16, 201, 204, 400, 401, 403, 404, 422, 429, 498, 500, 503][..])],
        ct in content_type(),
        retry_after in opt(prop_oneof!["[0-9]{1,6}", "[ -~]{0,30}", Just("Wed, 21 Oct 2015 07:28:00 GMT".to_owned())]),
        body in body(),
    ) {
        let make = || make_response(status, ct.as_deref(), retry_after.as_deref(), body.clone());
        let success = (200..300).contains(&status);
        for err in decode_all(make) {
            match err {
                None => prop_assert!(success, "only a 2xx can succeed"),
                Some(Error::Api(api)) => {
                    prop_assert!(!success, "a 2xx is never an API error");
                    prop_assert_eq!(api.status.as_u16(), status);
                    prop_assert_eq!(api.body.as_bytes(), &body[..]);
                    let err = Error::Api(api);
                    // Every predicate answers, consistently with the status.
                    // 429, or Plex's code 1003 (too many requests) under any status.
                    let code_1003 = api_codes(&err).contains(&1003);
                    prop_assert_eq!(err.rate_limited().is_some(), status == 429 || code_1003);
                    prop_assert_eq!(err.is_token_expired(), status == 498);
                    if err.thumbprint_taken() || err.jwt_signature_rejected() {
                        prop_assert_eq!(status, 422);
                    }
                    prop_assert_eq!(err.jwk_missing(), api_codes(&err).contains(&1097));
                    prop_assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
                    if err.is_unauthorized() {
                        prop_assert!(matches!(status, 401 | 403 | 422), "unauthorized on {}", status);
                    }
                    if err.is_retryable() {
                        prop_assert!(matches!(status, 429 | 500 | 502 | 503 | 504), "retryable on {}", status);
                    }
                    let _ = (err.two_factor_required(), err.plex_code(), err.to_string(), format!("{err:?}"));
                }
                Some(Error::Decode { status: got, body: kept, .. }) => {
                    prop_assert!(success, "only a 2xx is a decode error");
                    prop_assert_eq!(got.as_u16(), status);
                    prop_assert_eq!(kept.as_bytes(), &body[..]);
                }
                Some(other) => prop_assert!(false, "unexpected error kind: {:?}", other),
            }
        }
    }

    /// Random bytes under a JSON label on a 2xx are a decode error, never a panic or a success
    /// that invents data (the body must at least be an object to decode).
    #[test]
    fn random_bytes_under_json_label(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
        prop_assume!(serde_json::from_slice::<serde_json::Value>(&bytes).map(|v| !v.is_object()).unwrap_or(true));
        let resp = make_response(200, Some("application/json"), None, Bytes::from(bytes.clone()));
        match GetTokenDetails::new().from_response(resp) {
            Err(Error::Decode { body, .. }) => prop_assert_eq!(body.as_bytes(), &bytes[..]),
            other => prop_assert!(false, "expected a decode error, got {:?}", other),
        }
    }

    /// Plex's error bodies, JSON or XML, under any error status: an API error with that status
    /// whose Plex codes are the body's, in order.
    #[test]
    fn plex_error_bodies_give_their_codes(
        status in 400u16..600,
        json_body in error_body_json(),
        xml_body in error_body_xml(),
        as_xml in any::<bool>(),
    ) {
        let (body, content_type, codes): (String, &str, Vec<i64>) = if as_xml {
            let codes = xml_body
                .split(" code=\"")
                .skip(1)
                .filter_map(|rest| rest.split('"').next()?.parse().ok())
                .collect();
            (xml_body, "text/xml;charset=utf-8", codes)
        } else {
            let codes = json_body["errors"]
                .as_array()
                .map(|errors| errors.iter().filter_map(|e| e["code"].as_i64()).collect())
                .unwrap_or_default();
            (json_body.to_string(), "application/json", codes)
        };
        let resp = make_response(status, Some(content_type), None, Bytes::from(body.clone()));
        let err = GetTokenDetails::new().from_response(resp).unwrap_err();
        prop_assert_eq!(err.status().map(|s| s.as_u16()), Some(status), "{}", body);
        prop_assert_eq!(api_codes(&err), codes, "{}", body);
    }

    /// Account JSON as plex.tv drifts it (booleans as numbers and strings, unknown enum values,
    /// blocks null, of the wrong type or gone, unknown fields) still decodes, keeping the fields
    /// that did not drift.
    #[test]
    fn drifted_accounts_decode_and_keep_identity(drifted in drifted_account()) {
        let resp = make_response(200, Some("application/json"), None, Bytes::from(drifted.json.to_string()));
        let account = GetTokenDetails::new().from_response(resp);
        prop_assert!(account.is_ok(), "{:?} after drift at {:?}", account, drifted.drifted);
        let account = account.unwrap();
        prop_assert_eq!(account.id, drifted.original.id);
        prop_assert_eq!(account.uuid, drifted.original.uuid);
        prop_assert_eq!(account.username, drifted.original.username);
    }
}
