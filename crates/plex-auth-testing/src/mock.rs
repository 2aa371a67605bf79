//! `MockTransport`: scripted exchanges that record every request and fail closed.

use crate::expect::Expect;
use crate::report;
use crate::secrets::Secrets;
use plex_auth_core::{
    BlockingTransport, HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind, redacted,
};
use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};

/// At most this many same-route exchanges are explained for a request that matched none.
const EXPLAINED: usize = 3;

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
    /// Exchanges used so far (answered, with a response or a scripted error).
    used: usize,
    /// Registered, plus those the expectations and the requests carry in secret places.
    secrets: Secrets,
    /// Scrubbed when recorded, and again when read (a secret may be registered later).
    failures: Vec<String>,
}

impl State {
    fn failures(&self) -> Vec<String> {
        self.failures.iter().map(|f| self.secrets.scrub(f)).collect()
    }

    /// Why `req` (request number `n`) matched no exchange: which checks failed, with both values.
    fn explain(&self, req: &HttpRequest, n: usize, any_order: bool) -> String {
        let lines = |e: &Expect| e.mismatches(req).iter().map(|l| format!("\n    - {l}")).collect::<String>();
        let scripted = self.used + self.exchanges.len();
        let Some(front) = self.exchanges.front() else {
            return format!(
                "\n    - request count: expected {scripted} request(s), got {n} (every scripted exchange was already used)"
            );
        };
        if !any_order {
            let first = self.used + 1;
            let later = self.exchanges.iter().position(|e| e.expect.matches(req));
            let order = later.map(|i| {
                format!(
                    "\n    - order: matches exchange #{} ({}), but #{first} comes first",
                    first + i,
                    self.exchanges[i].expect
                )
            });
            return format!(
                " (next expected: exchange #{first}, {}){}{}",
                front.expect,
                order.unwrap_or_default(),
                lines(&front.expect)
            );
        }
        let candidates: Vec<&Expect> =
            self.exchanges.iter().map(|e| &e.expect).filter(|e| e.same_route(req)).take(EXPLAINED).collect();
        if candidates.is_empty() {
            let remaining: Vec<String> = self.exchanges.iter().map(|e| e.expect.to_string()).collect();
            return format!(
                "\n    - method and path: no remaining exchange expects {} {} (remaining: {})",
                req.method(),
                req.uri().path(),
                remaining.join("; ")
            );
        }
        candidates.iter().map(|e| format!("\n  vs {e}:{}", lines(e))).collect()
    }
}

/// Recorded requests hold passwords, codes and tokens: each is shown through core's
/// [`redacted`].
impl fmt::Debug for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("State")
            .field("exchanges", &self.exchanges)
            .field("requests", &self.requests.iter().map(redacted).collect::<Vec<_>>())
            .field("used", &self.used)
            .field("secrets", &self.secrets)
            .field("failures", &self.failures())
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
/// A failure says which check failed (method, path, a query parameter, a header, a form field,
/// the order, the request count) and shows both the expected and the received value. Only the
/// test's real secrets are redacted: the values expectations and requests carry where Plex keeps
/// secrets (the `X-Plex-Token` header and query parameter, the `password` and `verificationCode`
/// form fields), and any registered with [`secret`](Self::secret) or
/// [`with_secrets`](Self::with_secrets).
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
    /// Requests that matched no exchange: method and URI, then which checks failed with both
    /// values (an indented line each); the test's secrets redacted.
    pub unmatched: Vec<String>,
    /// Exchanges never used: method, path and the names of their checks.
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

    /// Registers a real secret of the test (a token, password or code), redacted wherever it
    /// appears in failures and reports. Values in secret places need no registering.
    pub fn secret(self, value: impl Into<String>) -> Self {
        self.lock().secrets.add(value);
        self
    }

    /// Registers several secrets, as [`secret`](Self::secret) does.
    pub fn with_secrets(self, values: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.lock().secrets.extend(values);
        self
    }

    fn push(self, exchange: Exchange) -> Self {
        let mut state = self.lock();
        let secrets: Vec<String> = exchange.expect.secrets().map(str::to_owned).collect();
        state.secrets.extend(secrets);
        state.exchanges.push_back(exchange);
        drop(state);
        self
    }

    /// Adds an exchange answered with `response`.
    pub fn expect(self, expect: Expect, response: HttpResponse) -> Self {
        self.push(Exchange { expect, reply: Ok(response) })
    }

    /// Adds an exchange answered with a transport error of `kind`.
    pub fn expect_error(self, expect: Expect, kind: TransportErrorKind) -> Self {
        self.push(Exchange { expect, reply: Err(kind) })
    }

    /// Every request received, in order.
    pub fn requests(&self) -> Vec<HttpRequest> {
        self.lock().requests.clone()
    }

    /// Failures so far (requests that matched no exchange), as in [`MockError::unmatched`].
    pub fn failures(&self) -> Vec<String> {
        self.lock().failures()
    }

    /// `Ok` when every exchange was used and no request failed.
    pub fn check_done(&self) -> Result<(), MockError> {
        let state = self.lock();
        let leftover: Vec<String> =
            state.exchanges.iter().map(|e| state.secrets.scrub(&e.expect.to_string())).collect();
        if state.failures.is_empty() && leftover.is_empty() {
            Ok(())
        } else {
            Err(MockError { unmatched: state.failures(), leftover })
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
        state.secrets.merge(&Secrets::of(&req));
        let position = if self.any_order {
            state.exchanges.iter().position(|e| e.expect.matches(&req))
        } else {
            state.exchanges.front().is_some_and(|e| e.expect.matches(&req)).then_some(0)
        };
        let Some(exchange) = position.and_then(|i| state.exchanges.remove(i)) else {
            let n = state.requests.len() + 1;
            let why = state.explain(&req, n, self.any_order);
            let message = state.secrets.scrub(&format!("{}{why}", report::request(&req)));
            state.requests.push(req);
            state.failures.push(message.clone());
            return Err(TransportError::with_message(
                TransportErrorKind::Other,
                format!("mock: unexpected request {message}"),
            ));
        };
        state.requests.push(req);
        state.used += 1;
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
