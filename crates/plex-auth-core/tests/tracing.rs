//! The drivers' tracing: one span per exchange with method, host and path, the outcome with
//! status and error kind, the redacted request and response at TRACE, and no secret anywhere.
#![allow(clippy::unwrap_used, clippy::expect_used)] // helpers outside #[test] fns unwrap too

mod support;

use plex_auth_core::*;
use std::sync::{Arc, Mutex};
use support::*;
use tracing_subscriber::fmt::format::FmtSpan;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs `f` with every event and span close at TRACE written to a string.
fn traced(f: impl FnOnce()) -> String {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    tracing::subscriber::with_default(subscriber, f);
    String::from_utf8(captured.0.lock().unwrap().clone()).unwrap()
}

const PASSWORD: &str = "Pa55-sentinel-word";
const CODE: &str = "493817";

fn echo_everything() -> impl BlockingTransport + Clone {
    transport::from_fn(|req: HttpRequest| {
        let echoed = format!(
            r#"{{"errors":[{{"code":1001,"message":"{} {}"}}]}}"#,
            req.headers().get("x-plex-token").map(|v| v.to_str().unwrap_or_default()).unwrap_or_default(),
            String::from_utf8_lossy(req.body()).replace('"', "'")
        );
        Ok(http::Response::builder()
            .status(401)
            .header("content-type", "application/json")
            .header("x-plex-token", "echoed-header-token-zzz")
            .body(bytes::Bytes::from(echoed))
            .unwrap())
    })
}

#[test]
fn exchanges_are_traced_without_secrets() {
    let log = traced(|| {
        let client = BlockingClient::new(full_config(), echo_everything());
        let _ = client.get_token_details();
        let _ = client.post_users_sign_in_data(&PostUsersSignInData::new("ana", PASSWORD).verification_code(CODE));
        let _ = client.get_transient_token();
    });
    for secret in [TOKEN, PASSWORD, CODE, "echoed-header-token-zzz"] {
        assert!(!log.contains(secret), "{secret} in:\n{log}");
    }
    assert!(
        log.contains("plex_auth.request{method=GET host=\"127.0.0.1\" port=\"8443\" path=\"/api/v2/user\"}"),
        "{log}"
    );
    assert!(log.contains("path=\"/api/v2/users/signin\""), "{log}");
    assert!(log.contains("path=\"/security/token\""), "{log}");
    assert!(log.contains("outcome=\"error\" error.kind=\"api\" status=401 plex.code=1001"), "{log}");
    assert!(log.contains("TRACE") && log.contains("sending request=Request { method: GET"), "{log}");
    assert!(log.contains("close time.busy"), "the span's close carries the duration: {log}");
}

#[tokio::test(flavor = "current_thread")]
async fn async_exchanges_are_traced_too() {
    let transport = transport::from_fn(|_| Err(TransportError::new(TransportErrorKind::Timeout)));
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let client = Client::new(full_config(), transport);
    let err = client.get_token_details().await.unwrap_err();
    assert_eq!(err.kind(), "transport");
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("transport failed transport.kind=timeout"), "{log}");
    assert!(log.contains("outcome=\"error\" error.kind=\"transport\""), "{log}");
    assert!(!log.contains(TOKEN), "{log}");
}
