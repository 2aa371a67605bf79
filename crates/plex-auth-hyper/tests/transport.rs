//! `HyperTransport` against a raw loopback server: the shared conformance suite, then what is
//! particular to hyper (a connector's own timeout, the https constructor, scheme checks).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use plex_auth_core::{HttpRequest, Transport, TransportErrorKind};
use plex_auth_hyper::HyperTransport;
use plex_auth_testing::UnansweredConnect;
use plex_auth_testing::conformance::AsyncSubject;

/// A short whole-request timeout so the hanging-server checks finish quickly.
fn transport(max_body_bytes: usize) -> HyperTransport<HttpConnector> {
    HyperTransport::http().with_timeout(Duration::from_millis(300)).with_max_body_bytes(max_body_bytes)
}

plex_auth_testing::transport_conformance!(conformance, AsyncSubject(transport));

fn get(url: &str) -> HttpRequest {
    http::Request::get(url).body(bytes::Bytes::new()).unwrap()
}

#[tokio::test]
async fn connector_timeout_is_timeout() {
    let mut tcp = HttpConnector::new();
    tcp.set_connect_timeout(Some(Duration::from_millis(200)));
    let transport = HyperTransport::from(Client::builder(TokioExecutor::new()).build(tcp));
    let target = UnansweredConnect::bind().unwrap();
    let err = transport.send(get(&target.url("/"))).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Timeout);
}

#[tokio::test]
async fn body_over_the_cap_names_the_cap() {
    use plex_auth_testing::{Script, ScriptedServer};
    let server = ScriptedServer::start(Script::respond("200 OK", &[], &[b'x'; 17])).await.unwrap();
    let err = transport(16).send(get(&server.url("/"))).await.unwrap_err();
    assert_eq!(err.to_string(), "the answer from the server is too large: response body exceeds 16 bytes");
}

#[cfg(feature = "rustls")]
#[tokio::test]
async fn https_transport_also_speaks_plain_http() {
    use plex_auth_testing::{Script, ScriptedServer};
    let server = ScriptedServer::start(Script::respond("200 OK", &[], b"ok")).await.unwrap();
    let resp = HyperTransport::https().unwrap().send(get(&server.url("/"))).await.unwrap();
    assert_eq!((resp.status().as_u16(), resp.body().as_ref()), (200, &b"ok"[..]));
}

#[tokio::test]
async fn https_url_on_the_plain_http_transport_is_connect() {
    let err = transport(1024).send(get("https://127.0.0.1:9/")).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Connect);
}
