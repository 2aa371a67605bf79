//! JWT device authentication through the real adapters against FakePlex on loopback: register
//! and log in, then use the Plex JWT on plex.tv (reqwest async, hyper, reqwest blocking), and a
//! JWT PIN login approved after two polls (hyper, reqwest blocking). Real sockets and real
//! timers; each flow is bounded by the adapters' timeouts and the fake approving at once.

use super::support::{ADMIN_TOKEN, Ctx, TIMEOUT};
use plex_auth_core::flow::JwtPinOutcome;
use plex_auth_core::jwt::{DeviceKey, JwtSession, Scope, Scopes};
use plex_auth_core::{BlockingClient, BlockingTransport, Client, ExposeSecret, Transport};
use plex_auth_testing::Route;
use std::time::{Duration, SystemTime};

const CLIENT_ID: &str = "integration-test-client";

fn key() -> DeviceKey {
    DeviceKey::from_seed([77; 32])
}

fn scopes() -> Scopes {
    Scopes::empty().with(Scope::Username).with(Scope::FriendlyName)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap()
}

/// The session is the fake's Plex JWT for this client identifier and key, as scoped.
fn check_session(ctx: &Ctx, session: &JwtSession, key: &DeviceKey) {
    let claims = &session.jwt.claims;
    assert_eq!(claims.iss.as_deref(), Some("plex.tv"));
    assert!(claims.aud.as_ref().unwrap().iter().any(|a| a == CLIENT_ID));
    assert_eq!(claims.thumbprint.as_deref(), Some(key.kid().as_str()));
    assert_eq!(claims.exp.unwrap() - claims.iat.unwrap(), 7 * 24 * 60 * 60);
    let user = claims.user.as_ref().unwrap();
    assert_eq!(
        (user.username.as_deref(), user.friendly_name.as_deref(), user.email.as_deref()),
        (Some("ana"), Some("ana"), None)
    );
    assert!(session.jwt.remaining(SystemTime::now()) > Duration::from_secs(7 * 24 * 60 * 60 - 120));
    assert!(ctx.fake.issued_tokens().iter().any(|t| t == session.jwt.token.expose_secret()));
    assert_eq!(session.keys, ctx.fake.plex_jwt_keys(), "verified with the served key set");
}

/// The request `route` last got carried the session's JWT as its token.
fn sent_the_jwt(ctx: &Ctx, route: Route, session: &JwtSession) {
    let sent = ctx.fake.last_headers(route).unwrap();
    assert_eq!(sent["x-plex-token"].as_bytes(), session.jwt.token.expose_secret().as_bytes());
}

fn login_async<T: Transport>(transport: T) {
    let ctx = Ctx::new();
    runtime().block_on(async {
        let mut client = Client::new(ctx.config(Some(ADMIN_TOKEN)), transport);
        let key = key();
        client.register_device_key(&key).await.unwrap();
        assert_eq!(ctx.fake.registered_kid(CLIENT_ID), Some(key.kid()));
        let session = client.jwt_login(&key, scopes(), &plex_auth_reqwest::TokioTimer).await.unwrap();
        check_session(&ctx, &session, &key);
        let me = client.get_token_details().await.unwrap();
        assert_eq!(me.username.as_deref(), Some("ana"));
        sent_the_jwt(&ctx, Route::User, &session);
        let nonce = ctx.fake.last_headers(Route::AuthNonce).unwrap();
        assert_eq!(nonce["x-plex-client-identifier"], CLIENT_ID);
        assert!(!nonce.contains_key("x-plex-token"));
    });
}

fn pin_login_async<T: Transport>(transport: T) {
    let ctx = Ctx::new();
    let fake = ctx.fake.clone().approve_pins_after(2, "ana");
    runtime().block_on(async {
        let mut client = Client::new(ctx.config(None), transport);
        let key = key();
        let pin = client.create_jwt_pin(&key).await.unwrap();
        let outcome = client.wait_for_jwt_pin(&pin, &key, scopes(), &plex_auth_reqwest::TokioTimer).await.unwrap();
        let JwtPinOutcome::Linked(session) = outcome else { panic!("{outcome:?}") };
        check_session(&ctx, &session, &key);
        assert_eq!(fake.request_count(Route::GetPin), 2);
        assert_eq!(client.get_token_details().await.unwrap().username.as_deref(), Some("ana"));
        sent_the_jwt(&ctx, Route::User, &session);
    });
}

fn blocking() -> impl BlockingTransport {
    plex_auth_reqwest::ReqwestBlockingTransport::builder().timeout(TIMEOUT).build().unwrap()
}

#[test]
fn login_reqwest() {
    login_async(plex_auth_reqwest::ReqwestTransport::builder().timeout(TIMEOUT).build().unwrap());
}

#[test]
fn login_hyper() {
    login_async(plex_auth_hyper::HyperTransport::http().with_timeout(TIMEOUT));
}

#[test]
fn login_reqwest_blocking() {
    let ctx = Ctx::new();
    let mut client = BlockingClient::new(ctx.config(Some(ADMIN_TOKEN)), blocking());
    let key = key();
    client.register_device_key(&key).unwrap();
    let session = client.jwt_login(&key, scopes(), &plex_auth_reqwest::StdTimer).unwrap();
    check_session(&ctx, &session, &key);
    assert_eq!(client.get_token_details().unwrap().username.as_deref(), Some("ana"));
    sent_the_jwt(&ctx, Route::User, &session);
    client.ping().unwrap();
    sent_the_jwt(&ctx, Route::Ping, &session);
}

#[test]
fn pin_login_hyper() {
    pin_login_async(plex_auth_hyper::HyperTransport::http().with_timeout(TIMEOUT));
}

#[test]
fn pin_login_reqwest_blocking() {
    let ctx = Ctx::new();
    let fake = ctx.fake.clone().approve_pins_after(2, "ana");
    let mut client = BlockingClient::new(ctx.config(None), blocking());
    let key = key();
    let pin = client.create_jwt_pin(&key).unwrap();
    let outcome = client.wait_for_jwt_pin(&pin, &key, scopes(), &plex_auth_reqwest::StdTimer).unwrap();
    let JwtPinOutcome::Linked(session) = outcome else { panic!("{outcome:?}") };
    check_session(&ctx, &session, &key);
    assert_eq!(fake.request_count(Route::GetPin), 2);
    let poll = fake.last_headers(Route::GetPin).unwrap();
    assert_eq!(poll["x-plex-client-identifier"], CLIENT_ID);
    assert_eq!(client.get_token_details().unwrap().username.as_deref(), Some("ana"));
    sent_the_jwt(&ctx, Route::User, &session);
}
