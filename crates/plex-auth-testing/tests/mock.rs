//! MockTransport: ordered and any-order scripts, failing closed, leftovers, recorded requests.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use plex_auth_core::{BlockingClient, ClientConfig, Error, PostUsersSignInData, TransportErrorKind};
use plex_auth_testing::{Expect, MockTransport, json_response, plex_error_response};
use serde_json::json;

fn config(token: Option<&str>) -> ClientConfig {
    let b = ClientConfig::builder().client_identifier("mock-test").plex_tv_url("http://plex.test/api/v2");
    match token {
        Some(t) => b.token(t).build().unwrap(),
        None => b.build().unwrap(),
    }
}

#[test]
fn ordered_script_answers_in_order_and_records_requests() {
    let mock = MockTransport::new()
        .expect(
            Expect::post("/api/v2/users/signin").form("login", "ana").form("password", "pw").no_header("x-plex-token"),
            json_response(201, &json!({"id": 1, "authToken": "fresh"})),
        )
        .expect(Expect::get("/api/v2/user").header("x-plex-token", "fresh"), json_response(200, &json!({"id": 1})));
    let mut client = BlockingClient::new(config(Some("stale")), mock.clone());
    let account = client.post_users_sign_in_data(&PostUsersSignInData::new("ana", "pw")).unwrap();
    client.config_mut().set_token(account.auth_token.unwrap()).unwrap();
    assert_eq!(client.get_token_details().unwrap().id, Some(1));
    assert_eq!(mock.check_done(), Ok(()));
    let paths: Vec<String> = mock.requests().iter().map(|r| r.uri().path().to_owned()).collect();
    assert_eq!(paths, ["/api/v2/users/signin", "/api/v2/user"]);
}

#[test]
fn out_of_order_request_fails_closed_and_is_reported() {
    let mock = MockTransport::new()
        .expect(Expect::post("/api/v2/users/signin"), json_response(201, &json!({"authToken": "t"})))
        .expect(Expect::get("/api/v2/user"), json_response(200, &json!({"id": 1})));
    let client = BlockingClient::new(config(Some("tok")), mock.clone());
    let err = client.get_token_details().unwrap_err();
    match &err {
        Error::Transport(t) => assert_eq!(t.kind(), TransportErrorKind::Other),
        other => panic!("expected a transport error, got {other:?}"),
    }
    let report = mock.check_done().unwrap_err();
    assert_eq!(report.unmatched.len(), 1);
    assert!(report.unmatched[0].starts_with("GET http://plex.test/api/v2/user"), "{report}");
    assert_eq!(report.leftover, ["POST /api/v2/users/signin", "GET /api/v2/user"]);
    assert_eq!(mock.requests().len(), 1, "failed requests are recorded too");
}

#[test]
fn any_order_matches_by_expectation() {
    let mock = MockTransport::new()
        .any_order()
        .expect(Expect::get("/api/v2/user").header("x-plex-token", "b"), json_response(200, &json!({"id": 2})))
        .expect(Expect::get("/api/v2/user").header("x-plex-token", "a"), json_response(200, &json!({"id": 1})));
    let a = BlockingClient::new(config(Some("a")), mock.clone());
    let b = BlockingClient::new(config(Some("b")), mock.clone());
    assert_eq!(a.get_token_details().unwrap().id, Some(1));
    assert_eq!(b.get_token_details().unwrap().id, Some(2));
    mock.assert_done();
}

#[test]
fn scripted_errors_and_leftovers() {
    let mock = MockTransport::new().expect_error(Expect::get("/api/v2/user"), TransportErrorKind::Timeout).expect(
        Expect::post("/api/v2/users/signin"),
        plex_error_response(401, 1029, "Please enter the verification code"),
    );
    let client = BlockingClient::new(config(Some("tok")), mock.clone());
    let err = client.get_token_details().unwrap_err();
    assert!(err.is_retryable(), "{err}");
    let report = mock.check_done().unwrap_err();
    assert!(report.unmatched.is_empty());
    assert_eq!(report.leftover, ["POST /api/v2/users/signin"]);
    let err = client.sign_in("ana", "pw").unwrap_err();
    assert!(err.two_factor_required());
    mock.assert_done();
}

#[tokio::test]
async fn works_as_an_async_transport() {
    let mock = MockTransport::new().expect(
        Expect::get("/api/v2/user").query("x", "1").check("never", |_| true),
        json_response(200, &json!({"id": 9})),
    );
    let client = plex_auth_core::Client::new(config(Some("tok")), mock.clone());
    let err = client.get_token_details().await.unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "query x=1 was required: {err}");
    assert_eq!(mock.failures().len(), 1);
}
