//! A redirect to another host is returned, not followed: the token never leaves for that host.

use super::support::{Exec, hyper, reqwest_async, reqwest_blocking};
use plex_auth_core::{ClientConfig, GetTokenDetails};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// A server that answers one request with `302 Location: <to>`.
fn redirector(to: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            stream.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let reply =
                format!("HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    format!("http://{addr}")
}

/// A host that counts every connection it gets (it should get none).
fn other_host() -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let addr = listener.local_addr().unwrap();
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    std::thread::spawn(move || {
        for _ in 0..40 {
            if listener.accept().is_ok() {
                counter.fetch_add(1, Ordering::SeqCst);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    });
    (format!("http://{addr}"), hits)
}

fn redirect_is_not_followed<X: Exec>(x: &X) {
    let (elsewhere, hits) = other_host();
    let base = redirector(format!("{elsewhere}/api/v2/user"));
    let cfg = ClientConfig::builder()
        .client_identifier("redirect-test")
        .plex_tv_url(format!("{base}/api/v2"))
        .token("token-that-must-stay-home")
        .build()
        .unwrap();
    let err = x.run(&cfg, &GetTokenDetails::new()).unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(302), "{err}");
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(hits.load(Ordering::SeqCst), 0, "the other host was contacted");
}

#[test]
fn reqwest_does_not_follow_redirects() {
    redirect_is_not_followed(&reqwest_async());
}

#[test]
fn reqwest_blocking_does_not_follow_redirects() {
    redirect_is_not_followed(&reqwest_blocking());
}

#[test]
fn hyper_does_not_follow_redirects() {
    redirect_is_not_followed(&hyper());
}
