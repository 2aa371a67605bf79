//! The PIN operations: golden requests (create, poll, link) and decoding of `AuthPinContainer`
//! as the spec shows it and as it drifts.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use plex_auth_core::{CreatePin, DecodeReason, Endpoint, Error, ExposeSecret, GetPin, LinkPin, Pin};
use support::*;

/// The spec's example (`AuthPinContainer.yaml`, "Example 1"), `postal_code` and all.
const SPEC_PIN: &str = r#"{
  "id": 373040866, "code": "7RQZ", "product": "0", "trusted": false,
  "qr": "https://plex.tv/api/v2/pins/qr/7RQZ", "clientIdentifier": "9klpwueublnfbvlx95w83ah9",
  "location": {"code": "NL", "european_union_member": true, "continent_code": "EU", "country": "The Netherlands",
               "city": "Breda", "time_zone": "Europe/Amsterdam", "postal_code": 802,
               "in_privacy_restricted_country": true, "in_privacy_restricted_region": true,
               "subdivisions": "North Brabant", "coordinates": "51.5869, 4.7471"},
  "expiresIn": 876, "createdAt": "2024-07-16T17:03:05Z", "expiresAt": "2024-07-16T17:18:05Z",
  "authToken": null, "newRegistration": null
}"#;

#[test]
fn create_pin_posts_to_clients_plex_tv_without_a_token() {
    let req = CreatePin::new().to_request(&full_config()).unwrap();
    // full_config() sets plex_tv_url only, so clients.plex.tv follows it.
    assert_same_request(&req, &expected_request("POST", "http://127.0.0.1:8443/api/v2/pins?strong=true", &[], ""));
    let req = CreatePin::new().strong(false).to_request(&full_config()).unwrap();
    assert_eq!(req.uri(), "http://127.0.0.1:8443/api/v2/pins?strong=false");
    let default = plex_auth_core::ClientConfig::builder().client_identifier("c").build().unwrap();
    assert_eq!(CreatePin::new().to_request(&default).unwrap().uri(), "https://clients.plex.tv/api/v2/pins?strong=true");
}

#[test]
fn get_pin_polls_by_64_bit_id_with_the_same_identity_and_no_token() {
    let req = GetPin::new(4_294_967_301).to_request(&full_config()).unwrap();
    assert_same_request(&req, &expected_request("GET", "http://127.0.0.1:8443/api/v2/pins/4294967301", &[], ""));
    assert!(matches!(GetPin::new(-1).to_request(&full_config()), Err(Error::InvalidInput { field: "id", .. })));
}

#[test]
fn link_pin_puts_the_code_as_plex_sso_with_the_token() {
    let req = LinkPin::new("7rqz").to_request(&full_config()).unwrap();
    assert_eq!(
        (req.method().as_str(), req.uri().to_string().as_str()),
        ("PUT", "http://127.0.0.1:8443/api/v2/pins/link")
    );
    assert_eq!(req.headers()["x-plex-product"], "Plex SSO");
    assert_eq!(req.headers()["x-plex-token"], TOKEN);
    assert_eq!(req.headers()["content-type"], "application/x-www-form-urlencoded");
    assert_eq!(req.headers()["x-plex-client-identifier"], CLIENT_ID);
    assert_eq!(req.body().as_ref(), b"code=7rqz");
    assert!(LinkPin::new("ab cd").to_request(&full_config()).is_err());
    assert!(LinkPin::new("").to_request(&full_config()).is_err());
    assert!(LinkPin::new("7RQZ").from_response(json(204, "")).is_ok());
    assert!(LinkPin::new("7RQZ").from_response(json(401, "")).unwrap_err().is_unauthorized());
}

#[test]
fn the_spec_example_decodes_with_null_token_and_registration() {
    let pin = CreatePin::new().from_response(json(201, SPEC_PIN)).unwrap();
    assert_eq!(pin.id, Some(373_040_866));
    assert_eq!(pin.code.as_deref(), Some("7RQZ"));
    assert_eq!(pin.expires_in, Some(876));
    assert_eq!(pin.expires_at.as_deref(), Some("2024-07-16T17:18:05Z"));
    assert_eq!(pin.client_identifier.as_deref(), Some("9klpwueublnfbvlx95w83ah9"));
    assert!(pin.token().is_none());
    assert_eq!(pin.new_registration, None);
    assert_eq!(pin.location.as_ref().unwrap()["postal_code"], 802, "free-form geo data kept as sent");
    let back: serde_json::Value = serde_json::to_value(&pin).unwrap();
    let mut sent: serde_json::Value = serde_json::from_str(SPEC_PIN).unwrap();
    sent.as_object_mut().unwrap().retain(|_, v| !v.is_null()); // models write no nulls
    assert_eq!(back, sent, "round trip keeps everything else");
}

#[test]
fn a_claimed_pin_carries_its_token_and_ids_past_32_bits_survive() {
    let body =
        r#"{"id": 4294967301, "code": "x", "authToken": "tok-123456", "newRegistration": true, "futureField": [1]}"#;
    let pin = GetPin::new(4_294_967_301).from_response(json(200, body)).unwrap();
    assert_eq!(pin.id, Some(4_294_967_301));
    assert_eq!(pin.token().map(|t| t.expose_secret()), Some("tok-123456"));
    assert_eq!(pin.new_registration, Some(true));
    assert_eq!(pin.extra["futureField"], serde_json::json!([1]));
    let shown = format!("{pin:?}");
    assert!(!shown.contains("tok-123456"), "Debug hides the token: {shown}");
}

#[test]
fn drifted_fields_degrade_instead_of_failing_the_pin() {
    let body = r#"{"id": "42", "code": "abcd", "expiresIn": "maybe", "trusted": "1", "newRegistration": "perhaps", "authToken": ""}"#;
    let pin = GetPin::new(42).from_response(json(200, body)).unwrap();
    assert_eq!(pin.id, Some(42), "a numeric string is still an id");
    assert_eq!(pin.trusted, Some(true));
    assert_eq!(pin.expires_in, None);
    assert_eq!(pin.extra["expiresIn"], "maybe", "the raw value is kept");
    assert_eq!(pin.new_registration, None);
    assert!(pin.token().is_none(), "an empty token is no token");
}

#[test]
fn a_pin_without_id_or_code_or_with_an_unusable_token_is_a_decode_error() {
    let missing = |body: &'static str| CreatePin::new().from_response(json(201, body)).unwrap_err();
    assert!(matches!(missing(r#"{"code": "abcd"}"#), Error::Decode { reason: DecodeReason::MissingField("id"), .. }));
    assert!(matches!(missing(r#"{"id": 1}"#), Error::Decode { reason: DecodeReason::MissingField("code"), .. }));
    let err = GetPin::new(1).from_response(json(200, r#"{"id": 1, "code": "a", "authToken": "a\r\nb"}"#)).unwrap_err();
    assert!(
        matches!(err, Error::Decode { reason: DecodeReason::InvalidField { field: "authToken", .. }, .. }),
        "{err}"
    );
}

#[test]
fn not_found_or_expired_is_1020_and_says_so() {
    let body = r#"{"errors":[{"code":1020,"message":"Code not found or expired","status":404}]}"#;
    let err = GetPin::new(1).from_response(json(404, body)).unwrap_err();
    assert!(err.pin_expired());
    assert!(!err.is_unauthorized() && !err.is_retryable());
    assert_eq!(err.to_string(), "GET /pins/{id} answered 404 Not Found: Code not found or expired (code 1020)");
    let xml = response(
        404,
        Some("application/xml"),
        r#"<errors><error code="1020" message="Code not found or expired"/></errors>"#,
    );
    assert!(GetPin::new(1).from_response(xml).unwrap_err().pin_expired());
}

#[test]
fn pin_debug_hides_code_and_token() {
    let pin: Pin = serde_json::from_str(r#"{"id": 1, "code": "SECRETCODE", "authToken": "tok-abcdef"}"#).unwrap();
    let shown = format!("{pin:?}");
    assert!(!shown.contains("SECRETCODE") && !shown.contains("tok-abcdef"), "{shown}");
}
