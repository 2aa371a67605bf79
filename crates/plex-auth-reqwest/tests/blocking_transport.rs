//! `ReqwestBlockingTransport` against a raw loopback server: the shared conformance suite (the
//! client is made, used and dropped on a blocking thread, the server runs on the runtime), then
//! its default build.
#![cfg(feature = "blocking")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use plex_auth_core::BlockingTransport;
use plex_auth_reqwest::ReqwestBlockingTransport;
use plex_auth_testing::conformance::BlockingSubject;
use plex_auth_testing::{Script, ScriptedServer};

fn transport(max_body_bytes: usize) -> ReqwestBlockingTransport {
    ReqwestBlockingTransport::builder()
        .connect_timeout(Duration::from_secs(2))
        .timeout(Duration::from_millis(300))
        .max_body_bytes(max_body_bytes)
        .build()
        .unwrap()
}

plex_auth_testing::transport_conformance!(conformance, BlockingSubject(transport));

#[test]
fn default_transport_builds_and_sends() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let server = rt.block_on(ScriptedServer::start(Script::respond("200 OK", &[], b"ok"))).unwrap();
    let req = http::Request::get(server.url("/")).body(bytes::Bytes::new()).unwrap();
    let resp = ReqwestBlockingTransport::new().unwrap().send(req).unwrap();
    assert_eq!((resp.status().as_u16(), resp.body().as_ref()), (200, &b"ok"[..]));
}
