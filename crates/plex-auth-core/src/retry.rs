//! Opt-in retries for idempotent reads: a policy (pure: what to do after an attempt) and
//! [`Retrying`], a transport that applies it around any other transport.
//!
//! Only `GET` and `HEAD` are retried, so sign-in (a `POST`) never is, whatever the policy says.
//! What is retried: connect failures, timeouts, broken connections, 429 and 500/502/503/504.
//! The wait is exponential backoff with full jitter from a caller-supplied source, or the
//! server's `Retry-After` when it sent one, if that is within the policy's cap; a longer
//! `Retry-After` ends the retries and hands the answer back.

use crate::retry_after::RetryAfter;
use crate::timer::{BlockingTimer, Timer};
use crate::transport::{BlockingTransport, HttpRequest, HttpResponse, Transport, TransportError};
use http::Method;
use http::header::RETRY_AFTER;
use std::time::{Duration, SystemTime};

/// A source of jitter: each call returns a number in `[0, 1]` (values outside are clamped).
///
/// The core has no randomness of its own: pass `|| rand::random::<f64>()`, a seeded generator
/// in tests, or [`NoJitter`].
pub trait Jitter: Send + Sync {
    /// A fraction of the backoff to wait.
    fn fraction(&self) -> f64;
}

impl<F: Fn() -> f64 + Send + Sync> Jitter for F {
    fn fraction(&self) -> f64 {
        self()
    }
}

/// Waits the full backoff every time (deterministic; for tests or a single client).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoJitter;

impl Jitter for NoJitter {
    fn fraction(&self) -> f64 {
        1.0
    }
}

/// How many times to try an idempotent read, and how long to wait in between.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
}

impl Default for RetryPolicy {
    /// 3 attempts, backoff 500 ms doubling up to 10 s, `Retry-After` honoured up to 60 s.
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(10),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

/// Why an attempt is worth repeating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryReason {
    /// The transport failed in a way a new attempt may not (connect, timeout, broken connection).
    Transport,
    /// The server answered with this status (429, 500, 502, 503 or 504).
    Status(u16),
}

impl RetryPolicy {
    /// The default policy.
    pub fn new() -> Self {
        Self::default()
    }

    /// Attempts in all, the first included (at least 1; 1 means no retries).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The wait before the first retry, doubled for each one after.
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The longest backoff.
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// The longest `Retry-After` waited for; a server asking for more gets its answer returned.
    pub fn max_retry_after(mut self, wait: Duration) -> Self {
        self.max_retry_after = wait;
        self
    }

    /// Why `outcome` is worth retrying, if it is (whatever the method and attempt).
    pub fn reason(outcome: &Result<HttpResponse, TransportError>) -> Option<RetryReason> {
        match outcome {
            Err(e) if e.is_retryable() => Some(RetryReason::Transport),
            Ok(resp) if matches!(resp.status().as_u16(), 429 | 500 | 502 | 503 | 504) => {
                Some(RetryReason::Status(resp.status().as_u16()))
            }
            _ => None,
        }
    }

    /// How long to wait before attempt `attempt + 1`, after attempt `attempt` (1-based) of a
    /// `method` request ended in `outcome`; `None` to stop and return `outcome`. Pure: `now`
    /// resolves a `Retry-After` date, `jitter` (in `[0, 1]`) scales the backoff.
    pub fn delay(
        &self,
        attempt: u32,
        method: &Method,
        outcome: &Result<HttpResponse, TransportError>,
        now: SystemTime,
        jitter: f64,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts || !(method == Method::GET || method == Method::HEAD) {
            return None;
        }
        Self::reason(outcome)?;
        let retry_after = outcome
            .as_ref()
            .ok()
            .and_then(|resp| resp.headers().get(RETRY_AFTER))
            .and_then(|v| v.to_str().ok())
            .and_then(RetryAfter::parse);
        if let Some(after) = retry_after {
            let wait = after.delay_from(now);
            return (wait <= self.max_retry_after).then_some(wait);
        }
        let doublings = attempt.saturating_sub(1).min(30);
        let backoff = self.initial_backoff.saturating_mul(1 << doublings).min(self.max_backoff);
        Some(backoff.mul_f64(jitter.clamp(0.0, 1.0)))
    }
}

/// A transport that retries idempotent reads through `inner` by a [`RetryPolicy`], waiting on a
/// timer so that tests can run it on a fake clock.
///
/// ```
/// use plex_auth_core::{BlockingClient, ClientConfig, NoJitter, RetryPolicy, Retrying};
/// # struct Clock;
/// # impl plex_auth_core::BlockingTimer for Clock {
/// #     fn now(&self) -> std::time::SystemTime { std::time::SystemTime::UNIX_EPOCH }
/// #     fn sleep_until(&self, _: std::time::SystemTime) {}
/// # }
/// # let transport = plex_auth_core::transport::from_fn(|_| Err(plex_auth_core::TransportError::new(plex_auth_core::TransportErrorKind::Connect)));
/// # let timer = Clock;
/// # let config = ClientConfig::builder().client_identifier("app").token("t0k3n").build().unwrap();
/// let retrying = Retrying::new(transport, RetryPolicy::new().max_attempts(4), timer, NoJitter);
/// let client = BlockingClient::new(config, retrying);
/// assert!(client.get_token_details().unwrap_err().is_retryable());
/// ```
#[derive(Debug, Clone)]
pub struct Retrying<T, C, J> {
    inner: T,
    policy: RetryPolicy,
    timer: C,
    jitter: J,
}

impl<T, C, J> Retrying<T, C, J> {
    /// Wraps `inner`.
    pub fn new(inner: T, policy: RetryPolicy, timer: C, jitter: J) -> Self {
        Self { inner, policy, timer, jitter }
    }

    /// The wrapped transport.
    pub fn inner(&self) -> &T {
        &self.inner
    }
}

/// A copy of `req` for another attempt (`http::Request` is not `Clone`).
fn copy_request(req: &HttpRequest) -> HttpRequest {
    let mut copy = http::Request::new(req.body().clone());
    *copy.method_mut() = req.method().clone();
    *copy.uri_mut() = req.uri().clone();
    *copy.version_mut() = req.version();
    *copy.headers_mut() = req.headers().clone();
    copy
}

fn traced(attempt: u32, wait: Duration, outcome: &Result<HttpResponse, TransportError>) {
    tracing::debug!(attempt, wait_ms = wait.as_millis() as u64, reason = ?RetryPolicy::reason(outcome), "retrying");
}

impl<T: Transport, C: Timer, J: Jitter> Transport for Retrying<T, C, J> {
    async fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        let mut attempt = 1;
        loop {
            let outcome = self.inner.send(copy_request(&req)).await;
            let now = self.timer.now();
            match self.policy.delay(attempt, req.method(), &outcome, now, self.jitter.fraction()) {
                Some(wait) => {
                    traced(attempt, wait, &outcome);
                    self.timer.sleep_until(now + wait).await;
                    attempt += 1;
                }
                None => return outcome,
            }
        }
    }
}

impl<T: BlockingTransport, C: BlockingTimer, J: Jitter> BlockingTransport for Retrying<T, C, J> {
    fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        let mut attempt = 1;
        loop {
            let outcome = self.inner.send(copy_request(&req));
            let now = self.timer.now();
            match self.policy.delay(attempt, req.method(), &outcome, now, self.jitter.fraction()) {
                Some(wait) => {
                    traced(attempt, wait, &outcome);
                    self.timer.sleep_until(now + wait);
                    attempt += 1;
                }
                None => return outcome,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::TransportErrorKind;

    fn status(code: u16, retry_after: Option<&str>) -> Result<HttpResponse, TransportError> {
        let mut b = http::Response::builder().status(code);
        if let Some(v) = retry_after {
            b = b.header(RETRY_AFTER, v);
        }
        Ok(b.body(bytes::Bytes::new()).unwrap_or_default())
    }

    const NOW: SystemTime = SystemTime::UNIX_EPOCH;

    #[test]
    fn backoff_doubles_up_to_the_cap_scaled_by_jitter() {
        let p = RetryPolicy::new().max_attempts(10);
        let err: Result<HttpResponse, TransportError> = Err(TransportError::new(TransportErrorKind::Connect));
        let waits: Vec<_> = (1..=6).map(|a| p.delay(a, &Method::GET, &err, NOW, 1.0)).collect();
        let ms = |m| Some(Duration::from_millis(m));
        assert_eq!(waits, vec![ms(500), ms(1000), ms(2000), ms(4000), ms(8000), ms(10_000)]);
        assert_eq!(p.delay(2, &Method::GET, &err, NOW, 0.25), ms(250));
        assert_eq!(p.delay(2, &Method::GET, &err, NOW, 7.0), ms(1000), "jitter is clamped");
        assert_eq!(p.delay(10, &Method::GET, &err, NOW, 1.0), None, "attempts run out");
    }

    #[test]
    fn only_idempotent_reads_and_only_retryable_outcomes() {
        let p = RetryPolicy::new();
        let busy = status(503, None);
        assert!(p.delay(1, &Method::GET, &busy, NOW, 1.0).is_some());
        assert!(p.delay(1, &Method::HEAD, &busy, NOW, 1.0).is_some());
        for method in [Method::POST, Method::PUT, Method::DELETE, Method::PATCH] {
            assert_eq!(p.delay(1, &method, &busy, NOW, 1.0), None, "{method}");
        }
        for code in [200, 201, 400, 401, 403, 404, 422, 501] {
            assert_eq!(p.delay(1, &Method::GET, &status(code, None), NOW, 1.0), None, "{code}");
        }
        let too_large: Result<HttpResponse, TransportError> = Err(TransportError::body_too_large(1));
        assert_eq!(p.delay(1, &Method::GET, &too_large, NOW, 1.0), None);
    }

    #[test]
    fn retry_after_is_honoured_up_to_the_cap() {
        let p = RetryPolicy::new().max_retry_after(Duration::from_secs(30));
        let wait = |v: &str| p.delay(1, &Method::GET, &status(429, Some(v)), NOW, 0.0);
        assert_eq!(wait("7"), Some(Duration::from_secs(7)), "no jitter on a server-given wait");
        assert_eq!(wait("30"), Some(Duration::from_secs(30)));
        assert_eq!(wait("31"), None, "longer than the cap: hand the 429 back");
        assert_eq!(wait("Thu, 01 Jan 1970 00:00:20 GMT"), Some(Duration::from_secs(20)));
        assert_eq!(wait("soon"), Some(Duration::ZERO), "unusable header: backoff, here jittered to 0");
    }
}
