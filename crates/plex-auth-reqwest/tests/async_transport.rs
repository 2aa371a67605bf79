//! `ReqwestTransport` against a raw loopback server: every outcome a server can cause.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use plex_auth_core::{Client, ClientConfig, HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind};
use plex_auth_reqwest::ReqwestTransport;
use support::{Script, Server};

/// Short timeouts so the fault tests finish quickly; the success paths never come near them.
fn transport() -> ReqwestTransport {
    ReqwestTransport::builder()
        .connect_timeout(Duration::from_secs(2))
        .timeout(Duration::from_millis(300))
        .max_body_bytes(16 * 1024)
        .build()
        .unwrap()
}

async fn send(
    script: Script,
    req: impl FnOnce(&Server) -> HttpRequest,
) -> (Result<HttpResponse, TransportError>, Server) {
    let server = Server::start(script).await;
    let result = transport().send(req(&server)).await;
    (result, server)
}

async fn error_kind(script: Script) -> TransportErrorKind {
    let (result, _server) = send(script, |s| support::get(&s.url("/user"))).await;
    result.unwrap_err().kind()
}

#[tokio::test]
async fn round_trip_keeps_request_and_response_unchanged() {
    let (result, mut server) =
        send(Script::sample(), |s| support::sample_request(&s.url("/api/v2/users/signin?x=1"))).await;
    support::assert_sample_response(&result.unwrap());
    support::assert_sample_recorded(&server.recorded());
}

#[tokio::test]
async fn unauthorized_is_a_response_not_an_error() {
    let (result, _server) = send(Script::unauthorized(), |s| support::get(&s.url("/user"))).await;
    let resp = result.unwrap();
    assert_eq!(resp.status(), 401);
    assert_eq!(resp.body().as_ref(), support::UNAUTHORIZED_BODY);
}

#[tokio::test]
async fn body_at_the_cap_is_accepted() {
    let server = Server::start(Script::respond("200 OK", &[], &[b'x'; 16])).await;
    let resp = transport().with_max_body_bytes(16).send(support::get(&server.url("/"))).await.unwrap();
    assert_eq!(resp.body().len(), 16);
}

#[tokio::test]
async fn declared_body_over_the_cap_is_too_large() {
    let server = Server::start(Script::respond("200 OK", &[], &[b'x'; 17])).await;
    let err = transport().with_max_body_bytes(16).send(support::get(&server.url("/"))).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::BodyTooLarge);
    assert_eq!(err.to_string(), "transport error (body too large): response body exceeds 16 bytes");
}

#[tokio::test]
async fn streamed_body_over_the_cap_is_too_large() {
    let server = Server::start(Script::chunked(&[&[b'x'; 10], &[b'y'; 10]])).await;
    let err = transport().with_max_body_bytes(16).send(support::get(&server.url("/"))).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::BodyTooLarge);
}

#[tokio::test]
async fn silent_server_times_out() {
    assert_eq!(error_kind(Script::silent()).await, TransportErrorKind::Timeout);
}

#[tokio::test]
async fn stalled_body_times_out() {
    assert_eq!(error_kind(Script::stalled_body()).await, TransportErrorKind::Timeout);
}

#[tokio::test]
async fn truncated_body_is_io() {
    assert_eq!(error_kind(Script::truncated()).await, TransportErrorKind::Io);
}

#[tokio::test]
async fn reset_is_io() {
    assert_eq!(error_kind(Script::reset()).await, TransportErrorKind::Io);
}

#[tokio::test]
async fn invalid_http_is_io() {
    assert_eq!(error_kind(Script::garbage()).await, TransportErrorKind::Io);
}

#[tokio::test]
async fn refused_connection_is_connect_and_hides_the_url() {
    let url = support::refused_url(&format!("/user?X-Plex-Token={}", support::SAMPLE_TOKEN));
    let err = transport().send(support::get(&url)).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Connect);
    assert!(err.is_retryable());
    let shown = support::chain(&err);
    assert!(!shown.contains(support::SAMPLE_TOKEN), "{shown}");
}

#[tokio::test]
async fn redirect_to_another_host_is_returned_not_followed() {
    let mut elsewhere = Server::start(Script::sample()).await;
    let target = elsewhere.url("/stolen");
    let (result, _server) = send(Script::redirect(&target), |s| support::get(&s.url("/user"))).await;
    let resp = result.unwrap();
    assert_eq!(resp.status(), 302);
    assert_eq!(resp.headers()["location"], target.as_str());
    assert!(elsewhere.received_nothing());
}

#[tokio::test]
async fn plugs_into_the_core_client() {
    let server = Server::start(Script::respond(
        "200 OK",
        &[("content-type", "application/json")],
        br#"{"id": 1, "username": "ana"}"#,
    ))
    .await;
    let config = ClientConfig::builder()
        .client_identifier("client-1")
        .plex_tv_url(server.url("/api/v2"))
        .token(support::SAMPLE_TOKEN)
        .build()
        .unwrap();
    let account = Client::new(config, transport()).get_token_details().await.unwrap();
    assert_eq!(account.username.as_deref(), Some("ana"));
}

#[tokio::test]
async fn default_transport_builds() {
    let transport = ReqwestTransport::new().unwrap();
    let server = Server::start(Script::sample()).await;
    support::assert_sample_response(&transport.send(support::get(&server.url("/"))).await.unwrap());
}

#[tokio::test]
async fn unanswered_connect_times_out_on_the_connect_timeout() {
    let transport = ReqwestTransport::builder()
        .connect_timeout(Duration::from_millis(200))
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let (_guard, url) = support::unanswered_connect("/").await;
    let err = transport.send(support::get(&url)).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Timeout);
}
