//! The PIN operations, for what the vectors cannot express: inputs refused before a request is
//! built, where drifted and unknown values land, the token accessor, and what `Debug` and
//! `Display` show. The golden requests (create, poll, link) are `vectors/requests/create_pin_*`,
//! `get_pin_*` and `link_pin`; the decoding cases (the spec's example, a claimed PIN, drift,
//! missing fields, 1020) are `vectors/decoding/*pin*`, checked by `vectors/tests/vectors.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use plex_auth_core::{CreatePin, DecodeReason, Endpoint, Error, ExposeSecret, GetPin, LinkPin, Pin};
use support::*;

#[test]
fn pin_inputs_that_cannot_be_sent_are_refused() {
    assert!(matches!(GetPin::new(-1).to_request(&full_config()), Err(Error::InvalidInput { field: "id", .. })));
    assert!(LinkPin::new("ab cd").to_request(&full_config()).is_err());
    assert!(LinkPin::new("").to_request(&full_config()).is_err());
}

#[test]
fn the_spec_example_has_no_token_and_keeps_its_geo_data_as_sent() {
    let pin = CreatePin::new().from_response(vector_response("create_pin_spec_example")).unwrap();
    assert!(pin.token().is_none());
    assert_eq!(pin.location.as_ref().unwrap()["postal_code"], 802, "free-form geo data kept as sent");
}

#[test]
fn a_claimed_pin_gives_its_token_and_hides_it_from_debug() {
    let pin = GetPin::new(4_294_967_301).from_response(vector_response("pin_claimed_64_bit_id")).unwrap();
    assert_eq!(pin.token().map(|t| t.expose_secret()), Some("tok-123456"));
    assert_eq!(pin.extra["futureField"], serde_json::json!([1]));
    let shown = format!("{pin:?}");
    assert!(!shown.contains("tok-123456"), "Debug hides the token: {shown}");
}

#[test]
fn drifted_pin_fields_keep_the_raw_value_and_an_empty_token_is_none() {
    let pin = GetPin::new(42).from_response(vector_response("pin_drifted_fields")).unwrap();
    assert_eq!(pin.expires_in, None);
    assert_eq!(pin.extra["expiresIn"], "maybe", "the raw value is kept");
    assert!(pin.token().is_none(), "an empty token is no token");
}

#[test]
fn a_pin_without_id_or_code_or_with_an_unusable_token_names_the_field() {
    let missing = |name| CreatePin::new().from_response(vector_response(name)).unwrap_err();
    let id = missing("decode_pin_without_id");
    assert!(matches!(id, Error::Decode { reason: DecodeReason::MissingField("id"), .. }), "{id}");
    let code = missing("decode_pin_without_code");
    assert!(matches!(code, Error::Decode { reason: DecodeReason::MissingField("code"), .. }), "{code}");
    let err = GetPin::new(1).from_response(vector_response("decode_pin_unusable_token")).unwrap_err();
    assert!(
        matches!(err, Error::Decode { reason: DecodeReason::InvalidField { field: "authToken", .. }, .. }),
        "{err}"
    );
}

#[test]
fn not_found_or_expired_says_so() {
    let err = GetPin::new(1).from_response(vector_response("error_404_pin_expired")).unwrap_err();
    assert_eq!(err.to_string(), "GET /pins/{id} answered 404 Not Found: Code not found or expired (code 1020)");
}

#[test]
fn pin_debug_hides_code_and_token() {
    let pin: Pin = serde_json::from_str(r#"{"id": 1, "code": "SECRETCODE", "authToken": "tok-abcdef"}"#).unwrap();
    let shown = format!("{pin:?}");
    assert!(!shown.contains("SECRETCODE") && !shown.contains("tok-abcdef"), "{shown}");
}
