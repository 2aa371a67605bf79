//! The opt-in retry policy around real adapters and FakePlex on loopback, on a fake clock: which
//! calls are retried, how long each wait is, and that the last answer comes back when retrying
//! stops. No test waits for real.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use plex_auth_core::*;
use plex_auth_testing::{FakeAccount, FakeClock, FakePlex, FakePlexServer, Fault, Route};
use std::time::Duration;

const TOKEN: &str = "retry-token-Qm4";

fn fake() -> (FakePlex, FakePlexServer) {
    let fake = FakePlex::new().with_account(FakeAccount::new("ana", "ana@example.com", "correct horse").token(TOKEN));
    let server = fake.serve_in_background().unwrap();
    (fake, server)
}

fn config(server: &FakePlexServer) -> ClientConfig {
    ClientConfig::builder()
        .client_identifier("retry-tests")
        .server_url(server.server_url())
        .plex_tv_url(server.plex_tv_url())
        .token(TOKEN)
        .build()
        .unwrap()
}

fn busy() -> Fault {
    Fault::respond(503, "text/html", "<html>busy</html>")
}

fn blocking(clock: &FakeClock, policy: RetryPolicy) -> impl BlockingTransport {
    let inner = plex_auth_reqwest::ReqwestBlockingTransport::builder().timeout(Duration::from_secs(5)).build().unwrap();
    Retrying::new(inner, policy, clock.clone(), NoJitter)
}

#[test]
fn a_503_storm_is_retried_with_doubling_backoff_until_it_passes() {
    let (fake, server) = fake();
    fake.inject_once(Route::User, busy());
    fake.inject_once(Route::User, busy());
    let clock = FakeClock::new();
    let client = BlockingClient::new(config(&server), blocking(&clock, RetryPolicy::new().max_attempts(3)));
    let account = client.get_token_details().unwrap();
    assert_eq!(account.username.as_deref(), Some("ana"));
    assert_eq!(fake.request_count(Route::User), 3);
    assert_eq!(clock.sleeps(), vec![Duration::from_millis(500), Duration::from_millis(1000)]);
}

#[test]
fn when_attempts_run_out_the_last_answer_is_returned() {
    let (fake, server) = fake();
    fake.inject(Route::User, busy());
    let clock = FakeClock::new();
    let client = BlockingClient::new(config(&server), blocking(&clock, RetryPolicy::new().max_attempts(4)));
    let err = client.get_token_details().unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(fake.request_count(Route::User), 4);
    assert_eq!(clock.slept(), Duration::from_millis(500 + 1000 + 2000));
}

#[test]
fn sign_in_and_other_posts_are_never_retried() {
    let (fake, server) = fake();
    fake.inject(Route::SignIn, busy());
    fake.inject(Route::TransientToken, busy());
    let clock = FakeClock::new();
    let client = BlockingClient::new(config(&server), blocking(&clock, RetryPolicy::new().max_attempts(5)));
    let err = client.sign_in("ana", "correct horse").unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(fake.request_count(Route::SignIn), 1);
    let post = GetTransientToken::new().method(TransientTokenMethod::Post);
    assert!(client.execute(&post).is_err());
    assert_eq!(fake.request_count(Route::TransientToken), 1);
    assert!(clock.sleeps().is_empty());
    // The same route by GET is retried.
    assert!(client.get_transient_token().is_err());
    assert_eq!(fake.request_count(Route::TransientToken), 1 + 5);
}

#[tokio::test(flavor = "current_thread")]
async fn retry_after_is_waited_for_on_the_clock_when_within_the_cap() {
    let (fake, server) = fake();
    fake.inject_once(Route::User, Fault::rate_limited(7));
    fake.inject_once(Route::User, Fault::rate_limited(45));
    let clock = FakeClock::new();
    let policy = RetryPolicy::new().max_attempts(3).max_retry_after(Duration::from_secs(30));
    let inner = plex_auth_hyper::HyperTransport::http();
    let client = Client::new(config(&server), Retrying::new(inner, policy, clock.clone(), NoJitter));
    // 7 s is waited for; 45 s is over the cap, so that 429 is the answer.
    let err = client.get_token_details().await.unwrap_err();
    assert_eq!(err.rate_limited(), Some(Some(RetryAfter::Delay(Duration::from_secs(45)))));
    assert_eq!(clock.sleeps(), vec![Duration::from_secs(7)]);
    assert_eq!(fake.request_count(Route::User), 2);
}

#[tokio::test(flavor = "current_thread")]
async fn transport_failures_are_retried_and_the_real_timer_works() {
    let (fake, server) = fake();
    fake.inject_once(Route::User, Fault::Reset);
    let policy = RetryPolicy::new().initial_backoff(Duration::ZERO);
    let inner = plex_auth_reqwest::ReqwestTransport::new().unwrap();
    let client = Client::new(config(&server), Retrying::new(inner, policy, plex_auth_reqwest::TokioTimer, || 0.5));
    assert_eq!(client.get_token_details().await.unwrap().username.as_deref(), Some("ana"));
    assert_eq!(fake.request_count(Route::User), 2);
}
