//! `HyperTransport` against a raw loopback server: every outcome a server can cause.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../plex-auth-reqwest/tests/support/mod.rs"]
mod support;

use std::time::Duration;

use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use plex_auth_core::TransportErrorKind;
use plex_auth_core::{Client as PlexClient, ClientConfig, HttpRequest, HttpResponse, Transport, TransportError};
use plex_auth_hyper::HyperTransport;
use support::{Script, Server};

/// A short whole-request timeout so the fault tests finish quickly.
fn transport() -> HyperTransport<HttpConnector> {
    HyperTransport::http().with_timeout(Duration::from_millis(300)).with_max_body_bytes(16 * 1024)
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
    let server = Server::start(Script::chunked(&[&[b'x'; 8], &[b'y'; 8]])).await;
    let resp = transport().with_max_body_bytes(16).send(support::get(&server.url("/"))).await.unwrap();
    assert_eq!(resp.body().as_ref(), b"xxxxxxxxyyyyyyyy");
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
async fn unanswered_connect_times_out() {
    let (_guard, url) = support::unanswered_connect("/").await;
    let err = transport().send(support::get(&url)).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Timeout);
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
async fn connector_timeout_is_timeout() {
    let mut tcp = HttpConnector::new();
    tcp.set_connect_timeout(Some(Duration::from_millis(200)));
    let transport = HyperTransport::from(Client::builder(TokioExecutor::new()).build(tcp));
    let (_guard, url) = support::unanswered_connect("/").await;
    let err = transport.send(support::get(&url)).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Timeout);
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
    let account = PlexClient::new(config, transport()).get_token_details().await.unwrap();
    assert_eq!(account.username.as_deref(), Some("ana"));
}

#[cfg(feature = "rustls")]
#[tokio::test]
async fn https_transport_also_speaks_plain_http() {
    let server = Server::start(Script::sample()).await;
    let resp = HyperTransport::https().unwrap().send(support::get(&server.url("/"))).await.unwrap();
    support::assert_sample_response(&resp);
}

#[tokio::test]
async fn https_url_on_the_plain_http_transport_is_connect() {
    let err = transport().send(support::get("https://127.0.0.1:9/")).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Connect);
}
