//! `MockTransport`: scripted exchanges that record every request and fail closed.

use crate::compare::parse_pairs;
use crate::redact;
use plex_auth_core::{
    BlockingTransport, HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind, redacted,
};
use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};

type Predicate = Arc<dyn Fn(&HttpRequest) -> bool + Send + Sync>;

/// What a scripted exchange expects of a request: method and path, plus optional predicates.
#[derive(Clone)]
pub struct Expect {
    method: http::Method,
    path: String,
    checks: Vec<(String, Predicate)>,
}

impl fmt::Debug for Expect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self}")
    }
}

impl fmt::Display for Expect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)?;
        for (what, _) in &self.checks {
            write!(f, " [{what}]")?;
        }
        Ok(())
    }
}

impl Expect {
    /// A request with `method` to `path` (the URI path, without query).
    pub fn new(method: http::Method, path: impl Into<String>) -> Self {
        Self { method, path: path.into(), checks: Vec::new() }
    }

    /// `GET path`.
    pub fn get(path: impl Into<String>) -> Self {
        Self::new(http::Method::GET, path)
    }

    /// `POST path`.
    pub fn post(path: impl Into<String>) -> Self {
        Self::new(http::Method::POST, path)
    }

    /// The query string has `name=value` (after decoding).
    pub fn query(self, name: &str, value: &str) -> Self {
        let (n, v) = (name.to_owned(), value.to_owned());
        self.check(format!("query {name}"), move |r| {
            parse_pairs(r.uri().query().unwrap_or("").as_bytes()).iter().any(|(k, x)| *k == n && *x == v)
        })
    }

    /// Header `name` equals `value`.
    pub fn header(self, name: &str, value: &str) -> Self {
        let (n, v) = (name.to_owned(), value.to_owned());
        self.check(format!("header {name}"), move |r| {
            r.headers().get(n.as_str()).is_some_and(|x| x.as_bytes() == v.as_bytes())
        })
    }

    /// Header `name` is absent.
    pub fn no_header(self, name: &str) -> Self {
        let n = name.to_owned();
        self.check(format!("no header {name}"), move |r| !r.headers().contains_key(n.as_str()))
    }

    /// The form body has `name=value` (after decoding).
    pub fn form(self, name: &str, value: &str) -> Self {
        let (n, v) = (name.to_owned(), value.to_owned());
        self.check(format!("form {name}"), move |r| parse_pairs(r.body()).iter().any(|(k, x)| *k == n && *x == v))
    }

    /// Any other condition, described by `what` in reports.
    pub fn check(mut self, what: impl Into<String>, f: impl Fn(&HttpRequest) -> bool + Send + Sync + 'static) -> Self {
        self.checks.push((what.into(), Arc::new(f)));
        self
    }

    /// True when `req` meets every expectation.
    pub fn matches(&self, req: &HttpRequest) -> bool {
        req.method() == self.method && req.uri().path() == self.path && self.checks.iter().all(|(_, f)| f(req))
    }
}

struct Exchange {
    expect: Expect,
    reply: Result<HttpResponse, TransportErrorKind>,
}

/// Scripted answers hold tokens (a sign-in answer): the response is shown through core's
/// [`redacted`], which prints the body's length only.
impl fmt::Debug for Exchange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = f.debug_struct("Exchange");
        s.field("expect", &self.expect);
        match &self.reply {
            Ok(resp) => s.field("reply", &redacted(resp)),
            Err(kind) => s.field("reply", kind),
        };
        s.finish()
    }
}

#[derive(Default)]
struct State {
    exchanges: VecDeque<Exchange>,
    requests: Vec<HttpRequest>,
    /// Already redacted when recorded (see [`redact::uri`]).
    failures: Vec<String>,
}

/// Recorded requests hold passwords, codes and tokens: each is shown through core's
/// [`redacted`].
impl fmt::Debug for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("State")
            .field("exchanges", &self.exchanges)
            .field("requests", &self.requests.iter().map(redacted).collect::<Vec<_>>())
            .field("failures", &self.failures)
            .finish()
    }
}

/// A scripted transport for tests.
///
/// Exchanges are answered in order by default, or matched by expectation with
/// [`any_order`](Self::any_order). A request that matches nothing gets a `TransportError` of kind
/// `Other` and is recorded as a failure: the mock fails closed. [`check_done`](Self::check_done)
/// reports failures and leftover exchanges.
///
/// ```
/// use plex_auth_core::{BlockingClient, ClientConfig};
/// use plex_auth_testing::{json_response, Expect, MockTransport};
///
/// let mock = MockTransport::new()
///     .expect(Expect::get("/api/v2/user").header("x-plex-token", "tok"), json_response(200, &serde_json::json!({"id": 7})));
/// let config = ClientConfig::builder().client_identifier("id").plex_tv_url("http://plex.test/api/v2").token("tok").build()?;
/// let client = BlockingClient::new(config, mock.clone());
/// assert_eq!(client.get_token_details()?.id, Some(7));
/// mock.assert_done();
/// # Ok::<(), plex_auth_core::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct MockTransport {
    state: Arc<Mutex<State>>,
    any_order: bool,
}

/// What [`MockTransport::check_done`] found wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockError {
    /// Requests that matched no exchange: method and URI, secret query values redacted.
    pub unmatched: Vec<String>,
    /// Exchanges never used.
    pub leftover: Vec<String>,
}

impl fmt::Display for MockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "mock transport: {} unexpected request(s), {} leftover exchange(s)",
            self.unmatched.len(),
            self.leftover.len()
        )?;
        for u in &self.unmatched {
            write!(f, "\n  unexpected: {u}")?;
        }
        for l in &self.leftover {
            write!(f, "\n  never sent: {l}")?;
        }
        Ok(())
    }
}

impl std::error::Error for MockError {}

impl MockTransport {
    /// An empty mock: every request fails until exchanges are added.
    pub fn new() -> Self {
        Self::default()
    }

    /// Matches requests to exchanges by expectation instead of by order.
    pub fn any_order(mut self) -> Self {
        self.any_order = true;
        self
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Adds an exchange answered with `response`.
    pub fn expect(self, expect: Expect, response: HttpResponse) -> Self {
        self.lock().exchanges.push_back(Exchange { expect, reply: Ok(response) });
        self
    }

    /// Adds an exchange answered with a transport error of `kind`.
    pub fn expect_error(self, expect: Expect, kind: TransportErrorKind) -> Self {
        self.lock().exchanges.push_back(Exchange { expect, reply: Err(kind) });
        self
    }

    /// Every request received, in order.
    pub fn requests(&self) -> Vec<HttpRequest> {
        self.lock().requests.clone()
    }

    /// Failures so far (requests that matched no exchange).
    pub fn failures(&self) -> Vec<String> {
        self.lock().failures.clone()
    }

    /// `Ok` when every exchange was used and no request failed.
    pub fn check_done(&self) -> Result<(), MockError> {
        let state = self.lock();
        let leftover: Vec<String> = state.exchanges.iter().map(|e| e.expect.to_string()).collect();
        if state.failures.is_empty() && leftover.is_empty() {
            Ok(())
        } else {
            Err(MockError { unmatched: state.failures.clone(), leftover })
        }
    }

    /// Panics with a readable report unless [`check_done`](Self::check_done) is `Ok`.
    #[track_caller]
    #[allow(clippy::panic)]
    pub fn assert_done(&self) {
        if let Err(e) = self.check_done() {
            panic!("{e}");
        }
    }

    fn answer(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        let mut state = self.lock();
        let described = format!("{} {}", req.method(), redact::uri(req.uri()));
        let position = if self.any_order {
            state.exchanges.iter().position(|e| e.expect.matches(&req))
        } else {
            state.exchanges.front().is_some_and(|e| e.expect.matches(&req)).then_some(0)
        };
        state.requests.push(req);
        let Some(exchange) = position.and_then(|i| state.exchanges.remove(i)) else {
            let next = state.exchanges.front().map(|e| format!(" (next expected: {})", e.expect));
            let message = format!("{described}{}", next.unwrap_or_default());
            state.failures.push(message.clone());
            return Err(TransportError::with_message(
                TransportErrorKind::Other,
                format!("mock: unexpected request {message}"),
            ));
        };
        exchange.reply.map_err(|kind| TransportError::with_message(kind, "mock: scripted failure"))
    }
}

impl Transport for MockTransport {
    fn send(&self, req: HttpRequest) -> impl Future<Output = Result<HttpResponse, TransportError>> + Send {
        std::future::ready(self.answer(req))
    }
}

impl BlockingTransport for MockTransport {
    fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.answer(req)
    }
}
