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

/// The TLS backend is wired in: the client says hello in TLS, offering ALPN `http/1.1` only
/// (HTTP/2 stays off), and a peer that answers in plain HTTP fails the handshake as a connect
/// error, with no panic (reqwest 0.13's `rustls-no-provider` panics when no provider is set).
#[cfg(any(feature = "rustls", feature = "native-tls"))]
#[tokio::test]
async fn https_says_tls_hello_and_a_plain_http_answer_is_a_connect_error() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("https://{}/", listener.local_addr().unwrap());
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        // One TLS record: a 5-byte header whose last two bytes give the length.
        let mut hello = Vec::new();
        let mut chunk = [0u8; 4096];
        while hello.len() < 5 || hello.len() < 5 + usize::from(u16::from_be_bytes([hello[3], hello[4]])) {
            let n = stream.read(&mut chunk).await.unwrap();
            assert_ne!(n, 0, "the client closed before its hello was whole");
            hello.extend_from_slice(&chunk[..n]);
        }
        stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n").await.unwrap();
        hello
    });
    let err = ReqwestTransport::new().unwrap().send(get(&url)).await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Connect, "{err:?}");
    let hello = server.await.unwrap();
    assert_eq!(hello[0], 0x16, "a TLS handshake record");
    // The ALPN extension (type 16, 11 bytes) holding a 9-byte list of one name: `http/1.1`.
    let alpn = b"\x00\x10\x00\x0b\x00\x09\x08http/1.1";
    assert!(hello.windows(alpn.len()).any(|w| w == alpn), "ALPN offers http/1.1 and nothing else");
}

fn get(url: &str) -> plex_auth_core::HttpRequest {
    http::Request::get(url).body(bytes::Bytes::new()).unwrap()
}
