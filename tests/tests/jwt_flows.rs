//! JWT device authentication against FakePlex in memory, under a FakeClock (no test sleeps):
//! register then log in (claims as scoped, 7 days, the JWT works on plex.tv), a nonce that
//! expires between fetch and exchange, the refresh window's edge, Plex key rotation, a JWT PIN
//! approved after the poll's device JWT expired, and the errors Plex gives (thumbprint taken,
//! jwk missing, expired JWT, nonce rate limits).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use plex_auth_core::flow::{Flow, JwtLogin, JwtPinLogin, JwtPinOutcome, MAX_ATTEMPTS, Step};
use plex_auth_core::jwt::{DeviceKey, Expected, JwtSession, PublicJwk, Scope, Scopes, decode_header, verify_plex_jwt};
use plex_auth_core::{
    BlockingClient, BlockingTimer, BlockingTransport, ClientConfig, Endpoint, ExchangeDeviceJwt, ExposeSecret,
    GetNonce, GetPin, HttpResponse, RegisterDeviceKey, RetryAfter, execute_blocking,
};
use plex_auth_testing::{FakeAccount, FakeClock, FakePlex, Route};
use std::time::{Duration, SystemTime};

const CLIENT_ID: &str = "jwt-test-client";
const ACCOUNT_TOKEN: &str = "account-token-J1xq";
const DAY: Duration = Duration::from_secs(24 * 60 * 60);

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

fn unix(t: SystemTime) -> i64 {
    t.duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs() as i64
}

fn config_for(client_id: &str, token: Option<&str>) -> ClientConfig {
    let mut b = ClientConfig::builder()
        .client_identifier(client_id)
        .product("JWT Test")
        .plex_tv_url("http://plex.invalid/api/v2");
    if let Some(t) = token {
        b = b.token(t);
    }
    b.build().unwrap()
}

fn fake(clock: &FakeClock) -> FakePlex {
    FakePlex::seeded(11)
        .with_account(FakeAccount::new("ana", "ana@example.com", "pw").token(ACCOUNT_TOKEN))
        .with_clock(clock.clone())
}

fn key() -> DeviceKey {
    DeviceKey::from_seed([42; 32])
}

/// A client on `fake` with the account token, its key registered under [`CLIENT_ID`].
fn registered(fake: &FakePlex) -> (BlockingClient<FakePlex>, DeviceKey) {
    let client = BlockingClient::new(config_for(CLIENT_ID, Some(ACCOUNT_TOKEN)), fake.clone());
    let key = key();
    client.register_device_key(&key).unwrap();
    (client, key)
}

fn counts(fake: &FakePlex) -> [usize; 4] {
    [Route::AuthJwk, Route::AuthNonce, Route::AuthToken, Route::AuthKeys].map(|r| fake.request_count(r))
}

#[test]
fn register_then_login_gives_a_scoped_seven_day_jwt_that_works_on_plex_tv() {
    let clock = FakeClock::new();
    let fake = fake(&clock);
    let (mut client, key) = registered(&fake);
    assert_eq!(fake.registered_kid(CLIENT_ID), Some(key.kid()));
    let sent = fake.last_headers(Route::AuthJwk).unwrap();
    assert_eq!(sent["x-plex-token"], ACCOUNT_TOKEN);

    let scopes = Scopes::empty().with(Scope::Username).with(Scope::Email);
    let session = client.jwt_login(&key, scopes, &clock).unwrap();
    let claims = &session.jwt.claims;
    assert_eq!(claims.iss.as_deref(), Some("plex.tv"));
    let aud = claims.aud.clone().unwrap();
    assert!(aud.iter().any(|a| a == CLIENT_ID) && aud.iter().any(|a| a == "plex.tv"), "{aud:?}");
    assert_eq!(claims.thumbprint.as_deref(), Some(key.kid().as_str()));
    assert_eq!(claims.iat, Some(unix(clock.now())));
    assert_eq!(claims.exp.unwrap() - claims.iat.unwrap(), 7 * 24 * 60 * 60);
    let user = claims.user.clone().unwrap();
    assert_eq!((user.username.as_deref(), user.email.as_deref()), (Some("ana"), Some("ana@example.com")));
    assert_eq!((user.friendly_name, user.joined_at, user.restricted), (None, None, None), "only what was scoped");
    let header = decode_header(session.jwt.token.expose_secret()).unwrap();
    assert_eq!(header.kid.as_deref(), fake.plex_jwt_keys().keys()[0].kid.as_deref(), "signed by the current key");
    assert_eq!(counts(&fake), [1, 1, 1, 1]);
    assert!(fake.issued_tokens().iter().any(|t| t == session.jwt.token.expose_secret()), "recorded as issued");

    // The client adopted the JWT; plex.tv takes it as a token of the account.
    let me = client.get_token_details().unwrap();
    assert_eq!((me.username.as_deref(), me.id), (Some("ana"), user.id));
    assert_eq!(
        fake.last_headers(Route::User).unwrap()["x-plex-token"].as_bytes(),
        session.jwt.token.expose_secret().as_bytes()
    );
    client.ping().unwrap();

    // That client identifier's legacy token no longer works; under another one it still does.
    let legacy = BlockingClient::new(config_for(CLIENT_ID, Some(ACCOUNT_TOKEN)), fake.clone());
    assert!(legacy.get_token_details().unwrap_err().is_unauthorized());
    let other = BlockingClient::new(config_for("another-client", Some(ACCOUNT_TOKEN)), fake.clone());
    assert_eq!(other.get_token_details().unwrap().username.as_deref(), Some("ana"));
}

/// Drives `flow` by hand over `fake`, calling `before_send` with each request's path first;
/// returns the output and every response's status, in order.
fn drive_by_hand<F: Flow>(
    flow: &mut F,
    fake: &FakePlex,
    clock: &FakeClock,
    mut before_send: impl FnMut(&str),
) -> (F::Output, Vec<(String, u16, String)>) {
    let mut seen = Vec::new();
    loop {
        match flow.poll(clock.now()).unwrap() {
            Step::Send(id, req) => {
                let path = req.uri().path().to_owned();
                before_send(&path);
                let resp: Result<HttpResponse, _> = BlockingTransport::send(fake, req);
                if let Ok(r) = &resp {
                    seen.push((path, r.status().as_u16(), String::from_utf8_lossy(r.body()).into_owned()));
                }
                flow.on_response(id, resp, clock.now());
            }
            Step::WaitUntil(t) => BlockingTimer::sleep_until(clock, t),
            Step::AwaitResponse => panic!("nothing is in flight"),
            Step::Done(output) => return (output, seen),
        }
    }
}

#[test]
fn a_nonce_that_expires_before_the_exchange_is_replaced_by_a_fresh_one() {
    let clock = FakeClock::new();
    let fake = fake(&clock);
    let (client, key) = registered(&fake);
    let mut flow = JwtLogin::new(client.config(), key.clone(), Scopes::all());
    let mut delayed = false;
    let (session, seen) = drive_by_hand(&mut flow, &fake, &clock, |path| {
        if path.ends_with("/auth/token") && !delayed {
            delayed = true;
            clock.advance(secs(301));
        }
    });
    let statuses: Vec<(&str, u16)> = seen.iter().map(|(p, s, _)| (p.as_str(), *s)).collect();
    assert_eq!(
        statuses,
        vec![
            ("/api/v2/auth/nonce", 200),
            ("/api/v2/auth/token", 422),
            ("/api/v2/auth/nonce", 200),
            ("/api/v2/auth/token", 200),
            ("/api/v2/auth/keys", 200),
        ]
    );
    assert!(seen[1].2.contains("Invalid or expired nonce"), "{}", seen[1].2);
    assert!(!seen[1].2.contains("Signature"), "a stale nonce is not a signature failure");
    assert_eq!(fake.request_count(Route::AuthNonce), 2);
    let second_nonce: serde_json::Value = serde_json::from_str(&seen[2].2).unwrap();
    assert_eq!(session.jwt.claims.nonce.as_deref(), second_nonce["nonce"].as_str());
    assert_eq!(session.jwt.claims.iat, Some(unix(clock.now())));
}

#[test]
fn a_nonce_is_single_use_and_a_foreign_key_fails_the_signature_check() {
    let clock = FakeClock::new();
    let fake = fake(&clock);
    let (client, key) = registered(&fake);
    let cfg = client.config().clone();
    let nonce = execute_blocking(&fake, &cfg, &GetNonce::new()).unwrap();
    assert_eq!(nonce.len(), 36, "uuid-looking: {nonce}");
    assert_eq!(nonce.matches('-').count(), 4);
    let jwt = key.sign_device_jwt(CLIENT_ID, &nonce, Scopes::empty(), clock.now()).unwrap();
    assert!(execute_blocking(&fake, &cfg, &ExchangeDeviceJwt::new(jwt.clone())).is_ok());
    let err = execute_blocking(&fake, &cfg, &ExchangeDeviceJwt::new(jwt)).unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(422));
    assert!(!err.jwt_signature_rejected() && !err.jwk_missing(), "{err}");
    assert_eq!(err.api().unwrap().errors[0].message, "Invalid or expired nonce");

    let nonce = execute_blocking(&fake, &cfg, &GetNonce::new()).unwrap();
    let foreign = DeviceKey::from_seed([9; 32]).sign_device_jwt(CLIENT_ID, &nonce, Scopes::all(), clock.now()).unwrap();
    let err = execute_blocking(&fake, &cfg, &ExchangeDeviceJwt::new(foreign)).unwrap_err();
    assert!(err.jwt_signature_rejected(), "{err}");
    assert_eq!(err.plex_code(), Some(1099));
    // The nonce was not used up by a JWT whose signature failed.
    let jwt = key.sign_device_jwt(CLIENT_ID, &nonce, Scopes::all(), clock.now()).unwrap();
    assert!(execute_blocking(&fake, &cfg, &ExchangeDeviceJwt::new(jwt)).is_ok());
    // A device JWT for another client identifier (iss) is refused, not as a signature failure.
    let nonce = execute_blocking(&fake, &cfg, &GetNonce::new()).unwrap();
    let jwt = key.sign_device_jwt("someone-else", &nonce, Scopes::all(), clock.now()).unwrap();
    let err = execute_blocking(&fake, &cfg, &ExchangeDeviceJwt::new(jwt)).unwrap_err();
    assert_eq!((err.status().map(|s| s.as_u16()), err.jwt_signature_rejected()), (Some(422), false));
}

#[test]
fn refresh_is_not_due_with_exactly_a_day_left_and_is_one_second_later() {
    let clock = FakeClock::new();
    let fake = fake(&clock);
    let (mut client, key) = registered(&fake);
    let mut session = client.jwt_login(&key, Scopes::all(), &clock).unwrap();
    let first = session.jwt.token.clone();
    let first_exp = session.jwt.claims.exp.unwrap();
    clock.advance(7 * DAY - DAY);
    assert_eq!(session.jwt.remaining(clock.now()), DAY);
    let before = counts(&fake);
    assert!(!client.refresh_jwt_if_due(&mut session, &key, Scopes::all(), &clock).unwrap());
    assert_eq!(counts(&fake), before, "nothing sent");
    assert_eq!(session.jwt.token, first);

    clock.advance(secs(1));
    assert!(client.refresh_jwt_if_due(&mut session, &key, Scopes::all(), &clock).unwrap());
    assert_ne!(session.jwt.token, first);
    assert_eq!(session.jwt.claims.exp.unwrap(), first_exp + (6 * 24 * 60 * 60 + 1) as i64);
    let [jwk, nonce, token, keys] = counts(&fake);
    assert_eq!((jwk, nonce, token, keys), (1, 2, 2, 1), "the cached key set verified the refresh");
    assert_eq!(
        client.config().token().map(|t| t.expose_secret().to_owned()),
        Some(session.jwt.token.expose_secret().to_owned())
    );
    // The old token still has a day left, and works; so does the new one.
    assert!(BlockingClient::new(config_for(CLIENT_ID, Some(first.expose_secret())), fake.clone()).ping().is_ok());
    assert!(client.ping().is_ok());
}

fn due(session: &JwtSession, clock: &FakeClock) {
    let wait = session.refresh_at().duration_since(clock.now()).unwrap() + secs(1);
    clock.advance(wait);
}

#[test]
fn after_a_key_rotation_the_refresh_fetches_the_keys_and_a_retired_key_still_verifies() {
    let clock = FakeClock::new();
    let fake = fake(&clock);
    let (mut client, key) = registered(&fake);
    let mut session = client.jwt_login(&key, Scopes::all(), &clock).unwrap();
    let before = fake.plex_jwt_keys();
    let old_kid = before.keys()[0].kid.clone().unwrap();

    fake.rotate_signing_key();
    let served = fake.plex_jwt_keys();
    let new_kid = served.keys()[0].kid.clone().unwrap();
    assert_ne!(new_kid, old_kid);
    assert_eq!(served.keys()[1].kid.as_deref(), Some(old_kid.as_str()), "the old current key is now the retired one");
    assert!(session.keys.find(&new_kid).is_none());

    due(&session, &clock);
    assert!(client.refresh_jwt_if_due(&mut session, &key, Scopes::all(), &clock).unwrap());
    assert_eq!(decode_header(session.jwt.token.expose_secret()).unwrap().kid.as_deref(), Some(new_kid.as_str()));
    assert_eq!(fake.request_count(Route::AuthKeys), 2, "the cached set lacked the new kid");
    assert!(session.keys.find(&new_kid).is_some());

    fake.sign_with_retired_key(true);
    due(&session, &clock);
    assert!(client.refresh_jwt_if_due(&mut session, &key, Scopes::all(), &clock).unwrap());
    assert_eq!(decode_header(session.jwt.token.expose_secret()).unwrap().kid.as_deref(), Some(old_kid.as_str()));
    assert_eq!(fake.request_count(Route::AuthKeys), 2, "the retired key is in the cached set");
    let kid = key.kid();
    let claims =
        verify_plex_jwt(session.jwt.token.expose_secret(), &served, &Expected::new(CLIENT_ID, &kid), clock.now())
            .unwrap();
    assert_eq!(claims.thumbprint.as_deref(), Some(kid.as_str()));
    // Only the set the fake serves verifies it: a set without the retired key does not.
    let current_only = plex_auth_core::jwt::JwkSet::of([served.keys()[0].clone()]);
    assert!(
        verify_plex_jwt(session.jwt.token.expose_secret(), &current_only, &Expected::new(CLIENT_ID, &kid), clock.now())
            .is_err()
    );
}

#[test]
fn a_jwt_pin_approved_after_seven_minutes_re_mints_the_device_jwt_and_links() {
    let clock = FakeClock::new();
    let start = clock.now();
    let fake = fake(&clock).approve_pins_after(420, "ana");
    let client = BlockingClient::new(config_for(CLIENT_ID, None), fake.clone());
    let key = key();
    let pin = client.create_jwt_pin(&key).unwrap();
    let sent = fake.last_headers(Route::CreatePin).unwrap();
    assert_eq!(sent[http::header::CONTENT_TYPE], "application/json");
    let flow = JwtPinLogin::new(client.config(), key.clone(), Scopes::all(), &pin, clock.now())
        .unwrap()
        .deadline(start + secs(600));
    let outcome = client.drive(flow, &clock).unwrap();
    let JwtPinOutcome::Linked(session) = outcome else { panic!("{outcome:?}") };
    let waited = clock.now().duration_since(start).unwrap();
    assert!(waited >= secs(400) && waited < secs(440), "{waited:?}");
    assert_eq!(fake.request_count(Route::GetPin), 420);
    assert!(fake.request_count(Route::AuthNonce) >= 2, "the 5-minute device JWT was re-minted");
    assert_eq!(session.jwt.claims.thumbprint.as_deref(), Some(key.kid().as_str()));
    assert_eq!(session.jwt.claims.user.as_ref().and_then(|u| u.username.as_deref()), Some("ana"));
    assert!(session.jwt.remaining(clock.now()) > 6 * DAY);
    assert!(fake.issued_tokens().iter().any(|t| t == session.jwt.token.expose_secret()));

    // The PIN registered the key: a nonce-and-exchange login works without POST /auth/jwk.
    assert_eq!(fake.registered_kid(CLIENT_ID), Some(key.kid()));
    let mut client = BlockingClient::new(config_for(CLIENT_ID, None), fake.clone());
    let again = client.jwt_login(&key, Scopes::all(), &clock).unwrap();
    assert_eq!(fake.request_count(Route::AuthJwk), 0);
    assert_eq!(client.get_token_details().unwrap().username.as_deref(), Some("ana"));
    assert_ne!(again.jwt.token, session.jwt.token);
}

#[test]
fn a_jwt_pin_poll_needs_a_device_jwt_by_the_pins_key_that_has_not_expired() {
    let clock = FakeClock::new();
    let fake = fake(&clock);
    let cfg = config_for(CLIENT_ID, None);
    let key = key();
    let client = BlockingClient::new(cfg.clone(), fake.clone());
    let pin = client.create_jwt_pin(&key).unwrap();
    let id = pin.id.unwrap();
    assert_eq!(pin.code.as_deref().map(str::len), Some(25), "create_jwt_pin asks for a strong PIN");

    let err = execute_blocking(&fake, &cfg, &GetPin::new(id)).unwrap_err();
    assert!(err.jwt_signature_rejected(), "no deviceJWT: {err}");
    let nonce = execute_blocking(&fake, &cfg, &GetNonce::new()).unwrap();
    let foreign = DeviceKey::from_seed([8; 32]).sign_device_jwt(CLIENT_ID, &nonce, Scopes::all(), clock.now()).unwrap();
    let err = execute_blocking(&fake, &cfg, &GetPin::new(id).with_device_jwt(foreign)).unwrap_err();
    assert!(err.jwt_signature_rejected(), "another key: {err}");
    let made_up = key.sign_device_jwt(CLIENT_ID, "not-a-fake-nonce", Scopes::all(), clock.now()).unwrap();
    assert!(
        execute_blocking(&fake, &cfg, &GetPin::new(id).with_device_jwt(made_up)).unwrap_err().jwt_signature_rejected()
    );

    let jwt = key.sign_device_jwt(CLIENT_ID, &nonce, Scopes::all(), clock.now()).unwrap();
    let pending = execute_blocking(&fake, &cfg, &GetPin::new(id).with_device_jwt(jwt.clone())).unwrap();
    assert!(pending.token().is_none());
    assert!(fake.approve_pin(pin.code.as_deref().unwrap(), "ana"));
    clock.advance(secs(300));
    let err = execute_blocking(&fake, &cfg, &GetPin::new(id).with_device_jwt(jwt)).unwrap_err();
    assert!(err.is_token_expired(), "a device JWT reused past its 5 minutes: {err}");
    let nonce = execute_blocking(&fake, &cfg, &GetNonce::new()).unwrap();
    let jwt = key.sign_device_jwt(CLIENT_ID, &nonce, Scopes::empty(), clock.now()).unwrap();
    let linked = execute_blocking(&fake, &cfg, &GetPin::new(id).with_device_jwt(jwt.clone())).unwrap();
    let token = linked.token().unwrap().clone();
    let again = execute_blocking(&fake, &cfg, &GetPin::new(id).with_device_jwt(jwt)).unwrap();
    assert_eq!(again.token(), Some(&token), "the same Plex JWT on every later poll");
    let kid = key.kid();
    let claims =
        verify_plex_jwt(token.expose_secret(), &fake.plex_jwt_keys(), &Expected::new(CLIENT_ID, &kid), clock.now())
            .unwrap();
    assert_eq!(claims.user.as_ref().and_then(|u| u.username.as_deref()), None, "no scope, no username");
    assert!(claims.user.as_ref().and_then(|u| u.id).is_some());
}

#[test]
fn a_key_registered_by_another_client_identifier_is_taken() {
    let clock = FakeClock::new();
    let fake = fake(&clock);
    let (client, key) = registered(&fake);
    let other = BlockingClient::new(config_for("other-client", Some(ACCOUNT_TOKEN)), fake.clone());
    let err = other.register_device_key(&key).unwrap_err();
    assert!(err.thumbprint_taken(), "{err}");
    assert_eq!((err.status().map(|s| s.as_u16()), err.plex_code()), (Some(422), Some(1098)));
    assert_eq!(fake.registered_kid("other-client"), None);
    // The owner may register again, and a new key replaces the old.
    client.register_device_key(&key).unwrap();
    let new_key = DeviceKey::from_seed([43; 32]);
    client.register_device_key(&new_key).unwrap();
    assert_eq!(fake.registered_kid(CLIENT_ID), Some(new_key.kid()));
    other.register_device_key(&key).unwrap();
}

#[test]
fn registration_needs_a_valid_token_and_an_ed25519_key() {
    let clock = FakeClock::new();
    let fake = fake(&clock);
    let cfg = config_for(CLIENT_ID, Some(ACCOUNT_TOKEN));
    let key = key();
    let err =
        execute_blocking(&fake, &cfg, &RegisterDeviceKey::new(key.public_jwk()).with_token("bogus-token")).unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
    let x25519 = PublicJwk { crv: "X25519".into(), ..key.public_jwk() };
    let err = execute_blocking(&fake, &cfg, &RegisterDeviceKey::new(x25519)).unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    let short = PublicJwk { x: "AAAA".into(), ..key.public_jwk() };
    let err = execute_blocking(&fake, &cfg, &RegisterDeviceKey::new(short)).unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(fake.registered_kid(CLIENT_ID), None);
    // The 201 has an empty body, and that is success.
    let resp =
        BlockingTransport::send(&fake, RegisterDeviceKey::new(key.public_jwk()).to_request(&cfg).unwrap()).unwrap();
    assert_eq!((resp.status().as_u16(), resp.body().len()), (201, 0));
}

#[test]
fn an_exchange_without_a_registered_key_is_jwk_missing_and_not_retried() {
    let clock = FakeClock::new();
    let fake = fake(&clock);
    let mut client = BlockingClient::new(config_for("never-registered", None), fake.clone());
    let err = client.jwt_login(&key(), Scopes::all(), &clock).unwrap_err();
    assert!(err.jwk_missing(), "{err}");
    assert_eq!(err.plex_code(), Some(1097));
    assert_eq!((fake.request_count(Route::AuthNonce), fake.request_count(Route::AuthToken)), (1, 1));
}

#[test]
fn an_expired_plex_jwt_gets_498_on_plex_tv() {
    let clock = FakeClock::new();
    let fake = fake(&clock);
    let (mut client, key) = registered(&fake);
    let session = client.jwt_login(&key, Scopes::all(), &clock).unwrap();
    clock.advance(session.jwt.remaining(clock.now()) - secs(1));
    assert!(client.get_token_details().is_ok(), "valid until its exp");
    clock.advance(secs(1));
    let err = client.get_token_details().unwrap_err();
    assert!(err.is_token_expired(), "{err}");
    assert_eq!((err.status().map(|s| s.as_u16()), err.plex_code()), (Some(498), Some(1001)));
    assert_eq!(err.api().unwrap().errors[0].message, "Token Expired");
    assert!(client.ping().unwrap_err().is_token_expired());
    assert!(client.get_resources().unwrap_err().is_token_expired());
    // A fresh login (the key is still registered) gives a working token again.
    client.jwt_login(&key, Scopes::all(), &clock).unwrap();
    assert!(client.ping().is_ok());
}

#[test]
fn a_nonce_rate_limit_with_retry_after_is_waited_out() {
    let clock = FakeClock::new();
    let fake = fake(&clock);
    let (mut client, key) = registered(&fake);
    fake.limit_nonces(1, Some(60));
    client.jwt_login(&key, Scopes::all(), &clock).unwrap();
    let err = execute_blocking(&fake, client.config(), &GetNonce::new()).unwrap_err();
    assert_eq!(err.rate_limited(), Some(Some(RetryAfter::Delay(secs(60)))));
    assert_eq!(err.plex_code(), Some(1003));
    let start = clock.now();
    let session = client.jwt_login(&key, Scopes::all(), &clock).unwrap();
    assert_eq!(clock.sleeps(), vec![secs(60)], "waited exactly as long as Retry-After said");
    assert_eq!(clock.now().duration_since(start).unwrap(), secs(60));
    assert_eq!(fake.request_count(Route::AuthNonce), 4, "ok, 429 by hand, 429, ok");
    assert_eq!(session.jwt.claims.iat, Some(unix(clock.now())));
}

#[test]
fn a_nonce_rate_limit_without_retry_after_gives_up_after_max_attempts() {
    let clock = FakeClock::new();
    let fake = fake(&clock);
    let (mut client, key) = registered(&fake);
    fake.limit_nonces(1, None);
    client.jwt_login(&key, Scopes::all(), &clock).unwrap();
    let err = client.jwt_login(&key, Scopes::all(), &clock).unwrap_err();
    assert_eq!(err.rate_limited(), Some(None), "{err}");
    assert_eq!(fake.request_count(Route::AuthNonce), 1 + MAX_ATTEMPTS as usize);
    assert!(!fake.last_headers(Route::AuthNonce).unwrap().contains_key("x-plex-token"), "nonces need no token");
    assert!(clock.slept() < secs(60), "{:?}", clock.sleeps());
    // Once the minute has passed, a nonce goes out again.
    clock.advance(secs(60));
    assert!(client.jwt_login(&key, Scopes::all(), &clock).is_ok());
}

#[test]
fn the_fakes_debug_shows_no_jwt_nonce_or_private_key() {
    let clock = FakeClock::new();
    let fake = fake(&clock);
    let (mut client, key) = registered(&fake);
    let session = client.jwt_login(&key, Scopes::all(), &clock).unwrap();
    let shown = format!("{fake:?}");
    assert!(!shown.contains(session.jwt.token.expose_secret()));
    let nonce = session.jwt.claims.nonce.clone().unwrap();
    assert!(!shown.contains(&nonce), "{shown}");
    assert!(!shown.contains(ACCOUNT_TOKEN));
    assert!(shown.contains("plex_jwts: 1"), "{shown}");
}

#[test]
fn faults_on_the_jwt_routes_are_retried_and_a_drifted_key_set_still_verifies() {
    let clock = FakeClock::new();
    let fake = fake(&clock);
    let (mut client, key) = registered(&fake);
    fake.inject_once(Route::AuthToken, plex_auth_testing::Fault::Reset);
    fake.inject_once(Route::AuthKeys, plex_auth_testing::Fault::plex_error(503, 1001, "busy"));
    fake.inject(Route::AuthKeys, plex_auth_testing::Fault::DriftedJson);
    let session = client.jwt_login(&key, Scopes::all(), &clock).unwrap();
    assert_eq!(counts(&fake), [1, 2, 2, 2], "a fresh nonce after the reset, the keys again after the 503");
    let rsa = session.keys.find("rsa-legacy").unwrap();
    assert_eq!(rsa.ed25519_public_key(), None, "the RSA key the drift put first is never used");
    assert_eq!(session.keys.keys().len(), 3);
    assert!(client.get_token_details().is_ok());
}
