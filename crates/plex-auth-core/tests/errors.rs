//! Every error status Plex is known to send, mapped to `Error::Api` with the predicates programs
//! branch on; and 2xx bodies that cannot be used, mapped to `Error::Decode` with the body kept.
//! Where a decoding vector holds the response (`vectors/decoding/error_*`, `decode_*`: kind,
//! status, codes, predicates, `Retry-After`, which other SDKs check themselves against), the test
//! reads it, and its body, from the vector; responses no vector holds stay written out here. This
//! file adds what the vectors do not hold: the route, the parsed messages, `Display` and the kept
//! body.
#![allow(clippy::unwrap_used, clippy::expect_used)] // helpers outside #[test] fns unwrap too

mod support;

use plex_auth_core::*;
use std::time::{Duration, SystemTime};
use support::*;

fn api(err: &Error) -> &ApiError {
    err.api().unwrap_or_else(|| panic!("expected Error::Api, got {err:?}"))
}

fn sign_in_err(resp: HttpResponse) -> Error {
    PostUsersSignInData::new("ana", "pw").from_response(resp).unwrap_err()
}

fn user_err(resp: HttpResponse) -> Error {
    GetTokenDetails::new().from_response(resp).unwrap_err()
}

#[test]
fn status_400_missing_client_identifier() {
    let err = sign_in_err(vector_response("error_400_client_identifier_missing"));
    let a = api(&err);
    assert_eq!(a.status, 400);
    assert_eq!(a.route, "POST /users/signin");
    assert_eq!(
        a.errors,
        vec![PlexError { code: Some(1000), message: "X-Plex-Client-Identifier is missing".into(), status: Some(400) }]
    );
    assert_eq!(a.body.as_bytes(), vector_body("error_400_client_identifier_missing").as_bytes());
    assert_eq!(err.plex_code(), Some(CODE_CLIENT_IDENTIFIER_MISSING));
    assert_eq!(err.status(), Some(http::StatusCode::BAD_REQUEST));
    assert!(!err.is_unauthorized());
    assert!(!err.two_factor_required());
    assert!(!err.is_retryable());
    assert_eq!(err.rate_limited(), None);
    assert_eq!(
        err.to_string(),
        "POST /users/signin answered 400 Bad Request: X-Plex-Client-Identifier is missing (code 1000)"
    );
}

#[test]
fn status_401_not_authenticated() {
    for err in [sign_in_err(vector_response("error_401_sign_in")), user_err(vector_response("error_401_token_details"))]
    {
        assert_eq!(api(&err).status, 401);
        assert_eq!(err.plex_code(), Some(CODE_NOT_AUTHENTICATED));
        assert!(err.is_unauthorized());
        assert!(!err.two_factor_required());
        assert!(!err.is_retryable());
    }
}

#[test]
fn status_401_two_factor_required() {
    let err = sign_in_err(vector_response("error_2fa_1029"));
    assert!(err.two_factor_required());
    assert!(!err.is_unauthorized(), "a 2FA prompt is not a bad token");
    assert_eq!(err.plex_code(), Some(CODE_TWO_FACTOR_REQUIRED));
    // python-plexapi's heuristic: the message alone, without a code, in XML.
    let err = sign_in_err(vector_response("error_2fa_xml_message_only"));
    assert!(err.two_factor_required());
    assert!(!err.is_unauthorized());
}

#[test]
fn status_403_html_on_pms_security_routes_means_unauthorized() {
    type Decoder = Box<dyn Fn(HttpResponse) -> Result<(), Error>>;
    let ops: [(&str, Decoder); 3] = [
        ("GET /security/token", Box::new(|r| GetTransientToken::new().from_response(r).map(drop))),
        (
            "POST /security/token",
            Box::new(|r| GetTransientToken::new().method(TransientTokenMethod::Post).from_response(r).map(drop)),
        ),
        (
            "GET /security/resources",
            Box::new(|r| GetSourceConnectionInformation::new("server://a").from_response(r).map(drop)),
        ),
    ];
    let html_403 = vector_body("error_403_html_security_route");
    for (route, op) in ops {
        let err = op(vector_response("error_403_html_security_route")).unwrap_err();
        let a = api(&err);
        assert_eq!(a.route, route);
        assert_eq!(a.status, 403);
        assert!(a.errors.is_empty(), "HTML carries no Plex error list");
        assert_eq!(a.body.as_bytes(), html_403.as_bytes());
        assert!(err.is_unauthorized(), "{route}: 403 is documented as invalid or no token");
        assert!(!err.is_retryable());
    }
}

#[test]
fn status_403_on_plex_tv_user_is_not_unauthorized() {
    let err = user_err(vector_response("error_403_html_plex_tv_user"));
    assert_eq!(api(&err).status, 403);
    assert!(!err.is_unauthorized());
    assert!(!err.two_factor_required());
}

#[test]
fn status_404() {
    let body = r#"{"errors":[{"code":1020,"message":"Code not found or expired"}]}"#;
    let err = user_err(json(404, body));
    assert_eq!(err.status(), Some(http::StatusCode::NOT_FOUND));
    assert_eq!(api(&err).errors[0].status, None);
    assert_eq!(err.plex_code(), Some(CODE_PIN_NOT_FOUND));
    assert!(!err.is_unauthorized());
    assert!(!err.is_retryable());
    let err =
        GetTransientToken::new().from_response(response(404, Some("text/html"), "<h1>Not Found</h1>")).unwrap_err();
    assert_eq!(api(&err).status, 404);
    assert!(!err.is_unauthorized());
}

#[test]
fn status_422_invalid_token_in_xml() {
    let err = user_err(vector_response("error_422_invalid_token_xml"));
    let a = api(&err);
    assert_eq!(a.status, 422);
    assert_eq!(a.errors, vec![PlexError { code: None, message: "Invalid token".into(), status: None }]);
    assert!(err.is_unauthorized());
    // The same body without a content type is sniffed as XML.
    assert!(user_err(response(422, None, vector_body("error_422_invalid_token_xml"))).is_unauthorized());
    // Another 422 (a JWT signature error) is not a bad token.
    let other = r#"{"errors":[{"code":1099,"message":"Signature Verification Failed","status":422}]}"#;
    assert!(!user_err(json(422, other)).is_unauthorized());
}

#[test]
fn status_429_with_retry_after_seconds() {
    let err = sign_in_err(vector_response("error_429_retry_after_seconds"));
    assert_eq!(err.rate_limited(), Some(Some(RetryAfter::Delay(Duration::from_secs(30)))));
    assert!(err.is_retryable());
    assert!(!err.is_unauthorized());
    assert_eq!(api(&err).body.as_bytes(), vector_body("error_429_retry_after_seconds").as_bytes());
}

#[test]
fn status_429_with_retry_after_date() {
    let err = user_err(vector_response("error_429_retry_after_date"));
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
    assert_eq!(err.rate_limited(), Some(Some(RetryAfter::At(at))));
    let wait = err.rate_limited().flatten().map(|r| r.delay_from(at - Duration::from_secs(90)));
    assert_eq!(wait, Some(Duration::from_secs(90)));
    assert!(err.is_retryable());
}

#[test]
fn status_429_without_usable_retry_after() {
    assert_eq!(user_err(json(429, "{}")).rate_limited(), Some(None));
    assert_eq!(user_err(vector_response("error_429_retry_after_unusable")).rate_limited(), Some(None));
    // Retry-After on another status is kept but is not rate limiting.
    let err = user_err(vector_response("error_503_retry_after"));
    assert_eq!(err.rate_limited(), None);
    assert_eq!(api(&err).retry_after, Some(RetryAfter::Delay(Duration::from_secs(5))));
    assert!(err.is_retryable());
}

#[test]
fn status_500_html_is_retryable() {
    let err = GetTransientToken::new().from_response(vector_response("error_500_html")).unwrap_err();
    let a = api(&err);
    assert_eq!(a.status, 500);
    assert!(a.errors.is_empty());
    assert_eq!(a.body.as_bytes(), vector_body("error_500_html").as_bytes());
    assert!(err.is_retryable());
    assert!(!err.is_unauthorized());
    for status in [502, 503, 504] {
        assert!(user_err(response(status, None, "")).is_retryable(), "{status}");
    }
    for status in [400, 401, 403, 404, 409, 422, 501] {
        assert!(!user_err(response(status, None, "")).is_retryable(), "{status}");
    }
}

#[test]
fn redirects_and_informational_statuses_are_api_errors() {
    for status in [101, 301, 302, 304, 307] {
        let err = user_err(response(status, None, "moved"));
        assert_eq!(api(&err).status, status);
        assert_eq!(api(&err).body.as_bytes(), b"moved");
    }
}

#[test]
fn json_error_variants() {
    let err = user_err(json(400, r#"{"error":"Something broke"}"#));
    assert_eq!(api(&err).errors, vec![PlexError { code: None, message: "Something broke".into(), status: None }]);
    let err = user_err(json(400, r#"{"errors":["plain text entry"]}"#));
    assert_eq!(api(&err).errors[0].message, "plain text entry");
    let err = user_err(json(400, r#"{"errors":[{"code":"1000","message":"m","status":"400"}]}"#));
    assert_eq!(api(&err).errors, vec![PlexError { code: Some(1000), message: "m".into(), status: Some(400) }]);
    let err = user_err(json(400, "not json at all"));
    assert!(api(&err).errors.is_empty());
    assert_eq!(api(&err).body.as_bytes(), b"not json at all");
}

#[test]
fn xml_error_with_attributes() {
    let err = user_err(vector_response("error_401_xml_attributes"));
    assert_eq!(
        api(&err).errors,
        vec![PlexError { code: Some(1001), message: "User could not be authenticated".into(), status: Some(401) }]
    );
    assert!(err.is_unauthorized());
}

// ---- 2xx that cannot be used ----

#[test]
fn html_where_json_was_asked_is_unexpected_content() {
    // The vector, and its body under another status and content type, and under none.
    let body = vector_body("decode_html_captive_portal");
    let errs = [
        user_err(vector_response("decode_html_captive_portal")),
        sign_in_err(response(201, Some("text/html"), body.clone())),
        GetSourceConnectionInformation::new("server://a").from_response(response(200, None, body.clone())).unwrap_err(),
    ];
    for err in errs {
        match &err {
            Error::Decode { reason: DecodeReason::UnexpectedContent(kind), body: kept, status, .. } => {
                assert_eq!(*kind, "HTML");
                assert_eq!(kept.as_bytes(), body.as_bytes());
                assert!(status.is_success());
            }
            other => panic!("expected UnexpectedContent, got {other:?}"),
        }
        assert!(err.to_string().contains("unexpected HTML body"), "{err}");
        assert!(!err.is_retryable());
        assert!(err.api().is_none());
    }
}

#[test]
fn xml_where_json_was_asked_on_plex_tv_is_unexpected_content() {
    match user_err(vector_response("decode_xml_on_plex_tv")) {
        Error::Decode { reason: DecodeReason::UnexpectedContent("XML"), body: kept, .. } => {
            assert_eq!(kept.as_bytes(), vector_body("decode_xml_on_plex_tv").as_bytes())
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn empty_2xx_body_is_unexpected_content() {
    match user_err(vector_response("decode_empty_body")) {
        Error::Decode { reason: DecodeReason::UnexpectedContent("empty"), .. } => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn sign_in_without_auth_token_is_missing_field() {
    // No vector holds an empty authToken: that body stays here.
    let empty_token = r#"{"id": 7, "authToken": ""}"#;
    let cases = [
        (vector_response("decode_sign_in_without_token"), vector_body("decode_sign_in_without_token")),
        (json(201, empty_token), empty_token.to_owned()),
        (vector_response("decode_sign_in_null_token"), vector_body("decode_sign_in_null_token")),
    ];
    for (resp, body) in cases {
        let err = sign_in_err(resp);
        match &err {
            Error::Decode { route, status, body: kept, reason: DecodeReason::MissingField(field) } => {
                assert_eq!(*route, "POST /users/signin");
                assert_eq!(*status, 201);
                assert_eq!(*field, "authToken");
                assert_eq!(kept.as_bytes(), body.as_bytes());
            }
            other => panic!("expected MissingField, got {other:?}"),
        }
        assert_eq!(
            err.to_string(),
            "POST /users/signin: could not decode the 201 Created response: missing required field `authToken`"
        );
    }
    // Token details does not insist: an account is meaningful without a token.
    assert!(GetTokenDetails::new().from_response(json(200, r#"{"id": 7}"#)).is_ok());
}

#[test]
fn malformed_json_is_a_json_decode_error_with_body_kept() {
    let body = r#"{"id": 7, "authToken": "abc""#;
    match sign_in_err(json(201, body)) {
        Error::Decode { reason: DecodeReason::Json(_), body: kept, .. } => assert_eq!(kept.as_bytes(), body.as_bytes()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn transport_errors_pass_through_the_blocking_client() {
    let transport =
        transport::from_fn(|_req| Err(TransportError::with_message(TransportErrorKind::Timeout, "deadline")));
    let client = BlockingClient::new(full_config(), transport);
    let err = client.get_token_details().unwrap_err();
    assert!(matches!(err, Error::Transport(ref t) if t.kind() == TransportErrorKind::Timeout), "{err:?}");
    assert!(err.is_retryable());
    assert!(err.status().is_none());
}
