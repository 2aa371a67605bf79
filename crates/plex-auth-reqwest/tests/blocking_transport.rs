//! `ReqwestBlockingTransport` against a raw loopback server. The client is created, used and
//! dropped on the plain test thread; the server runs on a tokio runtime's worker thread.
#![cfg(feature = "blocking")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use plex_auth_core::{BlockingTransport, TransportErrorKind};
use plex_auth_reqwest::ReqwestBlockingTransport;
use support::{Script, Server};

fn transport() -> ReqwestBlockingTransport {
    ReqwestBlockingTransport::builder()
        .connect_timeout(Duration::from_secs(2))
        .timeout(Duration::from_millis(300))
        .max_body_bytes(16)
        .build()
        .unwrap()
}

/// Starts a server playing `script` on its own runtime (returned so it lives as long as needed).
fn serve(script: Script) -> (tokio::runtime::Runtime, Server) {
    let rt = support::runtime();
    let server = rt.block_on(Server::start(script));
    (rt, server)
}

#[test]
fn round_trip_keeps_request_and_response_unchanged() {
    let (_rt, mut server) = serve(Script::sample());
    let transport = transport().with_max_body_bytes(1024);
    let resp = transport.send(support::sample_request(&server.url("/api/v2/users/signin?x=1"))).unwrap();
    support::assert_sample_response(&resp);
    support::assert_sample_recorded(&server.recorded());
}

#[test]
fn unauthorized_is_a_response_not_an_error() {
    let (_rt, server) = serve(Script::unauthorized());
    let resp = transport().with_max_body_bytes(1024).send(support::get(&server.url("/user"))).unwrap();
    assert_eq!(resp.status(), 401);
    assert_eq!(resp.body().as_ref(), support::UNAUTHORIZED_BODY);
}

#[test]
fn body_at_the_cap_is_accepted() {
    let (_rt, server) = serve(Script::chunked(&[&[b'x'; 8], &[b'y'; 8]]));
    let resp = transport().send(support::get(&server.url("/"))).unwrap();
    assert_eq!(resp.body().as_ref(), b"xxxxxxxxyyyyyyyy");
}

#[test]
fn declared_body_over_the_cap_is_too_large() {
    let (_rt, server) = serve(Script::respond("200 OK", &[], &[b'x'; 17]));
    let err = transport().send(support::get(&server.url("/"))).unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::BodyTooLarge);
}

#[test]
fn streamed_body_over_the_cap_is_too_large() {
    let (_rt, server) = serve(Script::chunked(&[&[b'x'; 10], &[b'y'; 10]]));
    let err = transport().send(support::get(&server.url("/"))).unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::BodyTooLarge);
}

#[test]
fn silent_server_times_out() {
    let (_rt, server) = serve(Script::silent());
    let err = transport().send(support::get(&server.url("/"))).unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Timeout);
}

#[test]
fn stalled_body_times_out() {
    let (_rt, server) = serve(Script::stalled_body());
    let err = transport().send(support::get(&server.url("/"))).unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Timeout);
}

#[test]
fn truncated_body_is_io() {
    let (_rt, server) = serve(Script::truncated());
    let err = transport().send(support::get(&server.url("/"))).unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Io);
}

#[test]
fn refused_connection_is_connect() {
    let err = transport().send(support::get(&support::refused_url("/"))).unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Connect);
}

#[test]
fn redirect_is_returned_not_followed() {
    let (_rt, mut elsewhere) = serve(Script::sample());
    let (_rt2, server) = serve(Script::redirect(&elsewhere.url("/stolen")));
    let resp = transport().send(support::get(&server.url("/user"))).unwrap();
    assert_eq!(resp.status(), 302);
    assert!(elsewhere.received_nothing());
}

#[test]
fn default_transport_builds() {
    let (_rt, server) = serve(Script::sample());
    let resp = ReqwestBlockingTransport::new().unwrap().send(support::get(&server.url("/"))).unwrap();
    support::assert_sample_response(&resp);
}
