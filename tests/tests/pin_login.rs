//! The PIN login flow under a fake clock, against FakePlex in memory (and on loopback through
//! every adapter): linked after 3 polls, expired, client identifier mismatch, deadline before
//! expiry, a transport failure mid-polling, another API error, cancel. No test sleeps.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use plex_auth_core::flow::{Flow, PinLogin, PinLoginOutcome, Step};
use plex_auth_core::{AuthUrl, BlockingClient, Client, ClientConfig, ExposeSecret, Pin};
use plex_auth_testing::{FakeAccount, FakeClock, FakePlex, Fault, Route};
use std::time::Duration;

const CLIENT_ID: &str = "pin-test-client";

fn config(plex_tv: &str) -> ClientConfig {
    ClientConfig::builder().client_identifier(CLIENT_ID).product("PIN Test").plex_tv_url(plex_tv).build().unwrap()
}

fn fake(clock: &FakeClock) -> FakePlex {
    FakePlex::new().with_account(FakeAccount::new("ana", "ana@example.com", "pw")).with_clock(clock.clone())
}

/// An in-memory client whose every route goes to `fake`.
fn client(fake: &FakePlex) -> Client<FakePlex> {
    Client::new(config("http://plex.invalid/api/v2"), fake.clone())
}

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

#[tokio::test]
async fn linked_after_three_polls_and_the_client_uses_the_token() {
    let clock = FakeClock::new();
    let fake = fake(&clock).approve_pins_after(3, "ana");
    let mut client = client(&fake);
    let pin = client.create_pin().await.unwrap();
    assert!(pin.id.unwrap() > i64::from(i32::MAX) - 10, "64-bit ids");
    assert_eq!(pin.code.as_deref().map(str::len), Some(25), "strong PIN");
    let outcome = client.wait_for_pin(&pin, &clock).await.unwrap();
    let PinLoginOutcome::Linked { token, pin: linked } = outcome else { panic!("{outcome:?}") };
    assert!(token.expose_secret().starts_with("pin-"));
    assert_eq!(linked.new_registration, Some(false));
    assert_eq!(fake.request_count(Route::GetPin), 3);
    assert_eq!(clock.sleeps(), vec![secs(1), secs(1)], "polled at once, then every second");
    let me = client.get_token_details().await.unwrap();
    assert_eq!(me.username.as_deref(), Some("ana"), "the client adopted the token");
}

#[test]
fn the_blocking_client_does_the_same() {
    let clock = FakeClock::new();
    let fake = fake(&clock).approve_pins_after(2, "ana");
    let mut client = BlockingClient::new(config("http://plex.invalid/api/v2"), fake.clone());
    let pin = client.create_pin().unwrap();
    assert!(matches!(client.wait_for_pin(&pin, &clock).unwrap(), PinLoginOutcome::Linked { .. }));
    assert_eq!((fake.request_count(Route::GetPin), clock.slept()), (2, secs(1)));
    assert!(client.get_token_details().is_ok());
}

#[tokio::test]
async fn a_pin_nobody_approves_expires_at_its_own_expiry_not_a_hard_coded_one() {
    let clock = FakeClock::new();
    let fake = fake(&clock);
    let client = client(&fake);
    let pin = client.create_pin().await.unwrap();
    assert_eq!(pin.expires_in, Some(1799));
    let flow = PinLogin::new(client.config(), &pin, clock.now())
        .unwrap()
        .interval(secs(60))
        .deadline(clock.now() + secs(7200));
    let outcome = client.drive(flow, &clock).await.unwrap();
    assert!(matches!(outcome, PinLoginOutcome::Expired), "{outcome:?}");
    assert_eq!(clock.slept(), secs(1799));
    assert_eq!(fake.request_count(Route::GetPin), 30, "a poll a minute for 1799 s");
}

#[tokio::test]
async fn plex_tv_answering_1020_is_expired_and_another_client_id_is_refused_up_front() {
    let clock = FakeClock::new();
    let fake = fake(&clock);
    let client = client(&fake);
    let mut pin = client.create_pin().await.unwrap();
    let other = ClientConfig::builder()
        .client_identifier("someone-else")
        .plex_tv_url("http://plex.invalid/api/v2")
        .build()
        .unwrap();
    let err = PinLogin::new(&other, &pin, clock.now()).unwrap_err();
    assert!(err.to_string().contains("differs from the one that created the PIN"), "{err}");

    // Without the creator recorded, the mismatch shows only as Plex's 1020.
    pin.client_identifier = None;
    let flow = PinLogin::new(&other, &pin, clock.now()).unwrap();
    let outcome = Client::new(other, fake.clone()).drive(flow, &clock).await.unwrap();
    assert!(matches!(outcome, PinLoginOutcome::Expired), "{outcome:?}");
    assert_eq!(fake.request_count(Route::GetPin), 1);
}

#[tokio::test]
async fn the_callers_deadline_before_expiry_ends_the_wait() {
    let clock = FakeClock::new();
    let fake = fake(&clock);
    let client = client(&fake);
    let pin = client.create_pin().await.unwrap();
    let start = clock.now();
    let flow = PinLogin::new(client.config(), &pin, start).unwrap().deadline(start + secs(5));
    let outcome = client.drive(flow, &clock).await.unwrap();
    assert!(matches!(outcome, PinLoginOutcome::DeadlineReached), "{outcome:?}");
    assert_eq!(clock.now(), start + secs(5));
    assert_eq!(fake.request_count(Route::GetPin), 5, "at 0, 1, 2, 3 and 4 s");
}

#[tokio::test]
async fn a_transport_failure_while_polling_is_retried_with_backoff_not_called_expiry() {
    let clock = FakeClock::new();
    let fake = fake(&clock).approve_pins_after(2, "ana");
    fake.inject_once(Route::GetPin, Fault::Reset);
    fake.inject_once(Route::GetPin, Fault::plex_error(503, 0, "busy"));
    let mut client = client(&fake);
    let pin = client.create_pin().await.unwrap();
    let outcome = client.wait_for_pin(&pin, &clock).await.unwrap();
    assert!(matches!(outcome, PinLoginOutcome::Linked { .. }), "{outcome:?}");
    // Reset, then 503: waits of 2 s and 4 s; then pending (1 s), then linked.
    assert_eq!(clock.sleeps(), vec![secs(2), secs(4), secs(1)]);
    assert_eq!(fake.request_count(Route::GetPin), 4);
}

#[tokio::test]
async fn another_api_error_stops_the_flow_with_that_error() {
    let clock = FakeClock::new();
    let fake = fake(&clock);
    fake.inject_once(Route::GetPin, Fault::plex_error(400, 1000, "X-Plex-Client-Identifier is missing"));
    let mut client = client(&fake);
    let pin = client.create_pin().await.unwrap();
    let err = client.wait_for_pin(&pin, &clock).await.unwrap_err();
    assert_eq!((err.status().map(|s| s.as_u16()), err.plex_code()), (Some(400), Some(1000)));
    assert!(!err.pin_expired());
}

#[tokio::test]
async fn cancel_ends_the_flow_at_its_next_poll() {
    let clock = FakeClock::new();
    let fake = fake(&clock);
    let client = client(&fake);
    let pin = client.create_pin().await.unwrap();
    let mut flow = PinLogin::new(client.config(), &pin, clock.now()).unwrap();
    let cancel = flow.cancel_handle();
    let Step::Send(id, request) = flow.poll(clock.now()).unwrap() else { panic!("a poll first") };
    let response = plex_auth_core::Transport::send(&fake, request).await;
    flow.on_response(id, response, clock.now());
    assert!(matches!(flow.poll(clock.now()).unwrap(), Step::WaitUntil(_)));
    cancel.cancel();
    assert!(matches!(flow.poll(clock.now()).unwrap(), Step::Done(PinLoginOutcome::Cancelled)));
    assert!(flow.poll(clock.now()).is_err(), "finished flows say so");
}

#[tokio::test]
async fn approving_by_code_as_a_user_would() {
    let clock = FakeClock::new();
    let fake = fake(&clock);
    let mut client = client(&fake);
    let pin = client.create_pin().await.unwrap();
    assert!(!fake.approve_pin("not-the-code", "ana@example.com"));
    assert!(fake.approve_pin(pin.code.as_deref().unwrap(), "ana@example.com"));
    assert!(matches!(client.wait_for_pin(&pin, &clock).await.unwrap(), PinLoginOutcome::Linked { .. }));
    assert_eq!(clock.slept(), Duration::ZERO, "the first poll saw the token");
}

#[test]
fn the_auth_url_parses_back_to_the_same_values() {
    let config = ClientConfig::builder()
        .client_identifier("id with spaces&=")
        .product("My Cool Plex App")
        .version("1.2.3")
        .platform("Linux")
        .device("Pi & Co")
        .build()
        .unwrap();
    let pin: Pin = serde_json::from_str(r#"{"id": 1, "code": "8lzjqnq8lye02n52jq3fqxf8e"}"#).unwrap();
    let url = AuthUrl::new(&config, &pin).forward_url("https://example.com/back?x=1#y").build().unwrap();
    let (base, fragment) = url.split_once("#?").unwrap();
    assert_eq!(base, "https://app.plex.tv/auth");
    assert!(!fragment.contains(' ') && !fragment.contains('+'), "spaces as %20: {fragment}");
    let pairs: Vec<(String, String)> = form_urlencoded::parse(fragment.as_bytes()).into_owned().collect();
    let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
    assert_eq!(get("clientID"), Some("id with spaces&="));
    assert_eq!(get("code"), Some("8lzjqnq8lye02n52jq3fqxf8e"));
    assert_eq!(get("context[device][product]"), Some("My Cool Plex App"));
    assert_eq!(get("context[device][version]"), Some("1.2.3"));
    assert_eq!(get("context[device][platform]"), Some("Linux"));
    assert_eq!(get("context[device][device]"), Some("Pi & Co"));
    assert_eq!(get("forwardUrl"), Some("https://example.com/back?x=1#y"));
}

/// Through every adapter against FakePlex on real loopback sockets: the PIN is approved before
/// the first poll, so nothing waits and the fake clock never moves while a request is out.
mod over_loopback {
    use super::*;

    async fn run_async<T: plex_auth_core::Transport>(transport: T) {
        let clock = FakeClock::new();
        let fake = fake(&clock);
        let server = fake.serve().await.unwrap();
        let mut client = Client::new(config(&server.plex_tv_url()), transport);
        let pin = client.create_pin().await.unwrap();
        assert!(fake.approve_pin(pin.code.as_deref().unwrap(), "ana"));
        let outcome = client.wait_for_pin(&pin, &clock).await.unwrap();
        assert!(matches!(outcome, PinLoginOutcome::Linked { .. }), "{outcome:?}");
        assert_eq!(client.get_token_details().await.unwrap().username.as_deref(), Some("ana"));
        assert_eq!(clock.now(), FakeClock::new().now(), "no time passed");
        server.shutdown();
    }

    #[tokio::test]
    async fn reqwest() {
        run_async(plex_auth_reqwest::ReqwestTransport::new().unwrap()).await;
    }

    #[tokio::test]
    async fn hyper() {
        run_async(plex_auth_hyper::HyperTransport::http()).await;
    }

    #[test]
    fn reqwest_blocking() {
        let clock = FakeClock::new();
        let fake = fake(&clock);
        let server = fake.serve_in_background().unwrap();
        let transport = plex_auth_reqwest::ReqwestBlockingTransport::new().unwrap();
        let mut client = BlockingClient::new(config(&server.plex_tv_url()), transport);
        let pin = client.create_pin().unwrap();
        assert!(fake.approve_pin(pin.code.as_deref().unwrap(), "ana"));
        assert!(matches!(client.wait_for_pin(&pin, &clock).unwrap(), PinLoginOutcome::Linked { .. }));
        assert!(client.get_token_details().is_ok());
    }
}
