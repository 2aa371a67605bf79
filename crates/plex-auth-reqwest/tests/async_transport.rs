//! `ReqwestTransport` against a raw loopback server: the shared conformance suite, then what is
//! particular to reqwest (its default build, its own connect timeout).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use plex_auth_core::{Transport, TransportErrorKind};
use plex_auth_reqwest::ReqwestTransport;
use plex_auth_testing::conformance::AsyncSubject;
use plex_auth_testing::{Script, ScriptedServer, UnansweredConnect};

/// Short timeouts so the hanging-server checks finish quickly; the success paths never come near them.
fn transport(max_body_bytes: usize) -> ReqwestTransport {
    ReqwestTransport::builder()
        .connect_timeout(Duration::from_secs(2))
        .timeout(Duration::from_millis(300))
        .max_body_bytes(max_body_bytes)
        .build()
        .unwrap()
}

plex_auth_testing::transport_conformance!(conformance, AsyncSubject(transport));

#[tokio::test]
async fn default_transport_builds_and_sends() {
    let server = ScriptedServer::start(Script::respond("200 OK", &[], b"ok")).await.unwrap();
    let resp = ReqwestTransport::new().unwrap().send(get(&server.url("/"))).await.unwrap();
    assert_eq!((resp.status().as_u16(), resp.body().as_ref()), (200, &b"ok"[..]));
}

#[tokio::test]
async fn with_max_body_bytes_overrides_the_builder_cap() {
    let server = ScriptedServer::start(Script::respond("200 OK", &[], &[b'x'; 17])).await.unwrap();
    let err = transport(1024).with_max_body_bytes(16).send(get(&server.url("/"))).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::BodyTooLarge);
    assert_eq!(err.to_string(), "the answer from the server is too large: response body exceeds 16 bytes");
}

#[tokio::test]
async fn unanswered_connect_times_out_on_the_connect_timeout() {
    let transport = ReqwestTransport::builder()
        .connect_timeout(Duration::from_millis(200))
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let target = UnansweredConnect::bind().unwrap();
    let err = transport.send(get(&target.url("/"))).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Timeout);
}

fn get(url: &str) -> plex_auth_core::HttpRequest {
    http::Request::get(url).body(bytes::Bytes::new()).unwrap()
}
