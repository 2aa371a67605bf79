//! A conformance suite for transports: the checks every adapter of this workspace passes, run
//! against a [`ScriptedServer`] on loopback. Point it at your own transport with
//! [`transport_conformance!`](crate::transport_conformance) and you know it keeps requests and
//! responses byte for byte, caps bodies, times out, never follows a redirect and classifies every
//! failure with the right [`TransportErrorKind`].
//!
//! Each check panics with a message naming what the transport got wrong, like `assert!`.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use bytes::Bytes;
use plex_auth_core::{
    BlockingTransport, Client, ClientConfig, HttpRequest, HttpResponse, Transport, TransportCause, TransportError,
    TransportErrorKind,
};

use crate::scripted::{Recorded, Script, ScriptedServer, UnansweredConnect, refused_url};

/// The cap the suite asks for in its body-size checks.
pub const SMALL_CAP: usize = 16;
/// The cap the suite asks for everywhere else: far above any body it sends.
pub const LARGE_CAP: usize = 64 * 1024;
/// How long a check waits for the transport's own timeout before failing it as hung.
pub const HANG_LIMIT: Duration = Duration::from_secs(10);

/// The token the suite sends; it must never show up in an error.
const TOKEN: &str = "tok-3f9a-conformance-secret";
const FORM: &str = "login=ana%40example.com&password=correct+horse";
/// Not valid UTF-8 at the end: the body must arrive as bytes, untouched.
const SAMPLE_BODY: &[u8] = b"{\"id\": 7, \"authToken\": \"abc\"}\xff\xfe";
const UNAUTHORIZED_BODY: &[u8] =
    br#"{"errors":[{"code":1001,"message":"User could not be authenticated","status":401}]}"#;

/// The boxed future a [`Subject`] returns.
pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + 'a>>;

/// The transport under test, as the suite drives it: build one with a body cap of `max_body_bytes`
/// and send `req` with it. Build it with a whole-request timeout of a second or less, so the
/// hanging-server checks finish quickly.
pub trait Subject: Send + Sync {
    /// Sends `req` through a transport capped at `max_body_bytes`.
    fn send(&self, max_body_bytes: usize, req: HttpRequest) -> SendFuture<'_>;
}

/// An async [`Transport`] made by `make(max_body_bytes)`.
#[derive(Debug, Clone, Copy)]
pub struct AsyncSubject<F>(pub F);

impl<F, T> Subject for AsyncSubject<F>
where
    F: Fn(usize) -> T + Send + Sync,
    T: Transport + 'static,
{
    fn send(&self, max_body_bytes: usize, req: HttpRequest) -> SendFuture<'_> {
        let transport = (self.0)(max_body_bytes);
        Box::pin(async move { transport.send(req).await })
    }
}

/// A [`BlockingTransport`] made by `make(max_body_bytes)`; it is made, used and dropped on a
/// blocking thread, never inside the runtime (reqwest's blocking client insists on that).
#[derive(Debug, Clone, Copy)]
pub struct BlockingSubject<F>(pub F);

impl<F, T> Subject for BlockingSubject<F>
where
    F: Fn(usize) -> T + Clone + Send + Sync + 'static,
    T: BlockingTransport,
{
    fn send(&self, max_body_bytes: usize, req: HttpRequest) -> SendFuture<'_> {
        let make = self.0.clone();
        Box::pin(async move {
            match tokio::task::spawn_blocking(move || make(max_body_bytes).send(req)).await {
                Ok(result) => result,
                Err(join) => std::panic::resume_unwind(join.into_panic()),
            }
        })
    }
}

/// Runs one check on a fresh current-thread runtime; what `transport_conformance!` expands to.
///
/// A blocking transport that hangs past [`HANG_LIMIT`] fails the check without hanging the test:
/// the runtime is shut down without waiting for its thread.
pub fn run(check: impl Future<Output = ()>) {
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => panic!("could not start a tokio runtime for the conformance check: {e}"),
    };
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| runtime.block_on(check)));
    runtime.shutdown_timeout(Duration::from_millis(100));
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// A POST shaped like sign-in: form body, token, client identifier and accept headers.
fn sample_request(url: &str) -> HttpRequest {
    let mut req = http::Request::new(Bytes::from_static(FORM.as_bytes()));
    *req.method_mut() = http::Method::POST;
    *req.uri_mut() = parse_uri(url);
    let headers = req.headers_mut();
    headers.insert("x-plex-token", http::HeaderValue::from_static(TOKEN));
    headers.insert("x-plex-client-identifier", http::HeaderValue::from_static("client-1"));
    headers.insert("content-type", http::HeaderValue::from_static("application/x-www-form-urlencoded"));
    headers.insert("accept", http::HeaderValue::from_static("application/json"));
    req
}

/// A GET to `url` with a token header.
fn get(url: &str) -> HttpRequest {
    let mut req = http::Request::new(Bytes::new());
    *req.uri_mut() = parse_uri(url);
    req.headers_mut().insert("x-plex-token", http::HeaderValue::from_static(TOKEN));
    req
}

fn parse_uri(url: &str) -> http::Uri {
    match url.parse() {
        Ok(uri) => uri,
        Err(e) => panic!("the suite built an invalid URL {url:?}: {e}"),
    }
}

async fn start(script: Script) -> ScriptedServer {
    match ScriptedServer::start(script).await {
        Ok(server) => server,
        Err(e) => panic!("could not start the scripted loopback server: {e}"),
    }
}

/// Sends `req`, failing the check if the transport is still busy after [`HANG_LIMIT`].
async fn send<S: Subject + ?Sized>(subject: &S, cap: usize, req: HttpRequest) -> Result<HttpResponse, TransportError> {
    match tokio::time::timeout(HANG_LIMIT, subject.send(cap, req)).await {
        Ok(result) => result,
        Err(_) => panic!("the transport hung for {HANG_LIMIT:?}: it needs a whole-request timeout"),
    }
}

fn expect_response(result: Result<HttpResponse, TransportError>, case: &str) -> HttpResponse {
    match result {
        Ok(resp) => resp,
        Err(e) => panic!("{case}: expected a response, got {e} ({e:?})"),
    }
}

fn expect_kind(result: Result<HttpResponse, TransportError>, kind: TransportErrorKind, case: &str) -> TransportError {
    match result {
        Err(e) if e.kind() == kind => e,
        Err(e) => panic!("{case}: expected a transport error of kind {kind:?}, got kind {:?} ({e})", e.kind()),
        Ok(resp) => {
            panic!("{case}: expected a transport error of kind {kind:?}, got status {}", resp.status().as_u16())
        }
    }
}

/// Sends a GET to a server playing `script` and expects an error of `kind` whose cause, read
/// from its source chain, is one of `causes` (so that every adapter's failure reads the same).
async fn fails_with<S: Subject + ?Sized>(
    subject: &S,
    script: Script,
    kind: TransportErrorKind,
    causes: &[TransportCause],
    case: &str,
) {
    let server = start(script).await;
    let result = send(subject, LARGE_CAP, get(&server.url("/user"))).await;
    let err = expect_kind(result, kind, case);
    expect_cause(&err, causes, case);
}

/// Asserts that `err`'s cause is one of `causes`.
fn expect_cause(err: &TransportError, causes: &[TransportCause], case: &str) {
    let cause = err.cause();
    assert!(
        causes.contains(&cause),
        "{case}: expected the cause to be one of {causes:?}, got {cause:?} ({})",
        chain(err)
    );
}

fn recorded(server: &mut ScriptedServer) -> Recorded {
    match server.recorded() {
        Some(r) => r,
        None => panic!("the request never reached the server"),
    }
}

/// Method, target, headers and body reach the server unchanged; status, version, headers and a
/// non-UTF-8 body reach the caller unchanged.
pub async fn round_trip_keeps_request_and_response_unchanged<S: Subject + ?Sized>(subject: &S) {
    let script = Script::respond(
        "201 Created",
        &[("content-type", "application/json"), ("x-plex-protocol", "1.0")],
        SAMPLE_BODY,
    );
    let mut server = start(script).await;
    let resp = expect_response(
        send(subject, LARGE_CAP, sample_request(&server.url("/api/v2/users/signin?x=1"))).await,
        "round trip",
    );
    assert_eq!(resp.status(), 201, "round trip: the status changed");
    assert_eq!(resp.version(), http::Version::HTTP_11, "round trip: the version changed");
    assert_eq!(resp.headers().get("content-type").map(|v| v.as_bytes()), Some(&b"application/json"[..]));
    assert_eq!(resp.headers().get("x-plex-protocol").map(|v| v.as_bytes()), Some(&b"1.0"[..]));
    assert_eq!(resp.body().as_ref(), SAMPLE_BODY, "round trip: the body changed");

    let seen = recorded(&mut server);
    assert_eq!(seen.method, "POST");
    assert_eq!(seen.target, "/api/v2/users/signin?x=1");
    assert_eq!(seen.header("x-plex-token"), Some(TOKEN));
    assert_eq!(seen.header("x-plex-client-identifier"), Some("client-1"));
    assert_eq!(seen.header("content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(seen.header("accept"), Some("application/json"));
    assert_eq!(seen.body, FORM.as_bytes());
}

/// A 401 is a response for the core to judge, not a transport error.
pub async fn unauthorized_is_a_response_not_an_error<S: Subject + ?Sized>(subject: &S) {
    let server =
        start(Script::respond("401 Unauthorized", &[("content-type", "application/json")], UNAUTHORIZED_BODY)).await;
    let resp = expect_response(send(subject, LARGE_CAP, get(&server.url("/user"))).await, "401");
    assert_eq!(resp.status(), 401, "401: the status changed");
    assert_eq!(resp.body().as_ref(), UNAUTHORIZED_BODY, "401: the body changed");
}

/// Bodies of exactly the cap are accepted, declared or streamed.
pub async fn body_at_the_cap_is_accepted<S: Subject + ?Sized>(subject: &S) {
    let declared = start(Script::respond("200 OK", &[], &[b'x'; SMALL_CAP])).await;
    let resp = expect_response(send(subject, SMALL_CAP, get(&declared.url("/"))).await, "declared body at the cap");
    assert_eq!(resp.body().as_ref(), &[b'x'; SMALL_CAP][..]);

    let streamed = start(Script::chunked(&[&[b'x'; SMALL_CAP / 2], &[b'y'; SMALL_CAP / 2]])).await;
    let resp = expect_response(send(subject, SMALL_CAP, get(&streamed.url("/"))).await, "streamed body at the cap");
    assert_eq!(resp.body().as_ref(), b"xxxxxxxxyyyyyyyy");
}

/// A `Content-Length` over the cap is refused.
pub async fn declared_body_over_the_cap_is_too_large<S: Subject + ?Sized>(subject: &S) {
    let server = start(Script::respond("200 OK", &[], &[b'x'; SMALL_CAP + 1])).await;
    let result = send(subject, SMALL_CAP, get(&server.url("/"))).await;
    let err = expect_kind(result, TransportErrorKind::BodyTooLarge, "declared body over the cap");
    expect_cause(&err, &[TransportCause::BodyTooLarge], "declared body over the cap");
}

/// A chunked body that grows past the cap is refused.
pub async fn streamed_body_over_the_cap_is_too_large<S: Subject + ?Sized>(subject: &S) {
    let server = start(Script::chunked(&[&[b'x'; 10], &[b'y'; 10]])).await;
    let result = send(subject, SMALL_CAP, get(&server.url("/"))).await;
    expect_kind(result, TransportErrorKind::BodyTooLarge, "streamed body over the cap");
}

/// A server that reads the request and never answers runs into the transport's timeout.
pub async fn silent_server_times_out<S: Subject + ?Sized>(subject: &S) {
    fails_with(subject, Script::silent(), TransportErrorKind::Timeout, &[TransportCause::TimedOut], "silent server")
        .await;
}

/// A body that stops arriving runs into the transport's timeout.
pub async fn stalled_body_times_out<S: Subject + ?Sized>(subject: &S) {
    fails_with(
        subject,
        Script::stalled_body(),
        TransportErrorKind::Timeout,
        &[TransportCause::TimedOut],
        "stalled body",
    )
    .await;
}

/// A body that keeps arriving one byte at a time, never finishing, runs into the transport's
/// timeout: the deadline covers the whole exchange, not only the gaps between reads.
///
/// Not yet generated by [`transport_conformance!`](crate::transport_conformance): the reqwest
/// blocking adapter fails it (its timeout restarts on every read; issue 8). Call it directly.
pub async fn trickling_body_times_out<S: Subject + ?Sized>(subject: &S) {
    let script = Script::trickle(LARGE_CAP / 2, Duration::from_millis(50));
    fails_with(subject, script, TransportErrorKind::Timeout, &[TransportCause::TimedOut], "trickling body").await;
}

/// A connection that is never accepted runs into the transport's timeout.
pub async fn unanswered_connect_times_out<S: Subject + ?Sized>(subject: &S) {
    let target = match UnansweredConnect::bind() {
        Ok(target) => target,
        Err(e) => panic!("could not set up an unanswered connect: {e}"),
    };
    let result = send(subject, LARGE_CAP, get(&target.url("/"))).await;
    let err = expect_kind(result, TransportErrorKind::Timeout, "unanswered connect");
    expect_cause(&err, &[TransportCause::TimedOut], "unanswered connect");
}

/// A body cut short by the server closing is a broken connection.
pub async fn truncated_body_is_io<S: Subject + ?Sized>(subject: &S) {
    let causes = [TransportCause::ClosedEarly, TransportCause::Reset];
    fails_with(subject, Script::truncated(), TransportErrorKind::Io, &causes, "truncated body").await;
}

/// A reset instead of an answer is a broken connection.
pub async fn reset_is_io<S: Subject + ?Sized>(subject: &S) {
    let causes = [TransportCause::Reset, TransportCause::ClosedEarly];
    fails_with(subject, Script::reset(), TransportErrorKind::Io, &causes, "connection reset").await;
}

/// Bytes that are not HTTP are a broken connection.
pub async fn invalid_http_is_io<S: Subject + ?Sized>(subject: &S) {
    fails_with(subject, Script::garbage(), TransportErrorKind::Io, &[TransportCause::InvalidHttp], "invalid HTTP")
        .await;
}

/// A refused connection is a retryable connect error whose text (with its sources) does not show
/// the URL's token.
pub async fn refused_connection_is_connect_and_hides_the_url<S: Subject + ?Sized>(subject: &S) {
    let url = match refused_url(&format!("/user?X-Plex-Token={TOKEN}")) {
        Ok(url) => url,
        Err(e) => panic!("could not find a free loopback port: {e}"),
    };
    let err = expect_kind(send(subject, LARGE_CAP, get(&url)).await, TransportErrorKind::Connect, "refused");
    assert!(err.is_retryable(), "a refused connection is worth retrying");
    expect_cause(&err, &[TransportCause::Refused], "refused");
    let shown = chain(&err);
    assert!(!shown.contains(TOKEN), "the error shows the token: {shown}");
}

/// A redirect comes back to the caller; the token is not sent on to the other host.
pub async fn redirect_is_returned_not_followed<S: Subject + ?Sized>(subject: &S) {
    let mut elsewhere = start(Script::respond("200 OK", &[], b"stolen")).await;
    let target = elsewhere.url("/stolen");
    let server = start(Script::redirect(&target)).await;
    let resp = expect_response(send(subject, LARGE_CAP, get(&server.url("/user"))).await, "redirect");
    assert_eq!(resp.status(), 302, "redirect: the 302 did not come back");
    assert_eq!(resp.headers().get("location").map(|v| v.as_bytes()), Some(target.as_bytes()));
    assert_eq!(elsewhere.recorded(), None, "the redirect was followed");
}

/// The core [`Client`] works over the transport: a token-details call decodes an account.
pub async fn plugs_into_the_core_client<S: Subject + ?Sized>(subject: &S) {
    struct Adapter<'a, S: ?Sized>(&'a S);
    impl<S: Subject + ?Sized> Transport for Adapter<'_, S> {
        async fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
            send(self.0, LARGE_CAP, req).await
        }
    }
    let body = br#"{"id": 1, "username": "ana"}"#;
    let mut server = start(Script::respond("200 OK", &[("content-type", "application/json")], body)).await;
    let config = match ClientConfig::builder()
        .client_identifier("client-1")
        .plex_tv_url(server.url("/api/v2"))
        .token(TOKEN)
        .build()
    {
        Ok(config) => config,
        Err(e) => panic!("the suite's config is invalid: {e}"),
    };
    match Client::new(config, Adapter(subject)).get_token_details().await {
        Ok(account) => assert_eq!(account.username.as_deref(), Some("ana")),
        Err(e) => panic!("token details through the transport failed: {e}"),
    }
    let seen = recorded(&mut server);
    assert_eq!((seen.method.as_str(), seen.target.as_str()), ("GET", "/api/v2/user"));
}

/// An error and its whole source chain, as a user would see them.
fn chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut out = format!("{err} / {err:?}");
    let mut cause = err.source();
    while let Some(e) = cause {
        out.push_str(&format!(" / {e} / {e:?}"));
        cause = e.source();
    }
    out
}

/// Generates one `#[test]` per conformance check, in a module named `$module`, for the
/// [`Subject`](crate::conformance::Subject) `$subject` (evaluated once per test, inside the module,
/// which sees the caller's imports through `use super::*`).
///
/// ```no_run
/// use std::time::Duration;
/// use plex_auth_core::{HttpRequest, HttpResponse, Transport, TransportError};
/// use plex_auth_testing::conformance::AsyncSubject;
///
/// /// A transport of your own, with a body cap and a whole-request timeout.
/// struct MyTransport { max_body_bytes: usize, timeout: Duration }
///
/// impl Transport for MyTransport {
///     async fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
///         # let _ = (req, self.max_body_bytes, self.timeout);
///         # Err(TransportError::new(plex_auth_core::TransportErrorKind::Other))
///     }
/// }
///
/// plex_auth_testing::transport_conformance!(
///     conformance,
///     AsyncSubject(|max_body_bytes| MyTransport { max_body_bytes, timeout: Duration::from_millis(300) })
/// );
/// ```
#[macro_export]
macro_rules! transport_conformance {
    ($module:ident, $subject:expr) => {
        $crate::transport_conformance!(@checks $module, $subject;
            round_trip_keeps_request_and_response_unchanged,
            unauthorized_is_a_response_not_an_error,
            body_at_the_cap_is_accepted,
            declared_body_over_the_cap_is_too_large,
            streamed_body_over_the_cap_is_too_large,
            silent_server_times_out,
            stalled_body_times_out,
            trickling_body_times_out,
            unanswered_connect_times_out,
            truncated_body_is_io,
            reset_is_io,
            invalid_http_is_io,
            refused_connection_is_connect_and_hides_the_url,
            redirect_is_returned_not_followed,
            plugs_into_the_core_client,
        );
    };
    (@checks $module:ident, $subject:expr; $($check:ident),* $(,)?) => {
        mod $module {
            #[allow(unused_imports)]
            use super::*;
            $(
                #[test]
                fn $check() {
                    $crate::conformance::run($crate::conformance::$check(&$subject));
                }
            )*
        }
    };
}
