//! Every operation through every adapter (reqwest async, reqwest blocking, hyper, in-memory)
//! against FakePlex on loopback: success and failure paths, with the typed error asserted.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod discovery;
mod jwt;
mod support;

use discovery::{ping_then_sign_out, resources_then_identity};
use plex_auth_core::{
    AutoSelectSubtitle, DecodeReason, Endpoint, Error, ExposeSecret, GetSourceConnectionInformation, GetTokenDetails,
    GetTransientToken, MailingListStatus, PostUsersSignInData, RetryAfter, Secret, TransientTokenMethod,
    TransportErrorKind,
};
use plex_auth_testing::{Fault, Route};
use std::time::Duration;
use support::{ADMIN_TOKEN, Ctx, DELAY, Exec, MACHINE_ID, MAX_BODY};

fn transport_kind(err: &Error) -> Option<TransportErrorKind> {
    match err {
        Error::Transport(t) => Some(t.kind()),
        _ => None,
    }
}

fn sign_in_and_check_token<X: Exec>(x: &X, ctx: &Ctx) {
    let cfg = ctx.config(None);
    let account = x.run(&cfg, &PostUsersSignInData::new("ana@example.com", "correct horse").remember_me(true)).unwrap();
    assert_eq!(account.username.as_deref(), Some("ana"));
    assert_eq!(account.past_subscriptions, Some(vec![]));
    let token = account.auth_token.clone().unwrap();
    assert!(ctx.fake.issued_tokens().iter().any(|t| t == token.expose_secret()));
    let me = x.run(&cfg, &GetTokenDetails::new().with_token(token.clone())).unwrap();
    assert_eq!(me.email.as_deref(), Some("ana@example.com"));
    assert_eq!(me.auth_token, Some(token));
    let form = ctx.fake.last_headers(Route::SignIn).unwrap();
    assert_eq!(form["x-plex-client-identifier"], "integration-test-client");
    assert!(!form.contains_key("x-plex-token"));
}

fn sign_in_with_two_factor<X: Exec>(x: &X, ctx: &Ctx) {
    let cfg = ctx.config(None);
    let err = x.run(&cfg, &PostUsersSignInData::new("bo", "battery staple")).unwrap_err();
    assert!(err.two_factor_required(), "{err}");
    assert!(!err.is_unauthorized());
    assert_eq!((err.status().map(|s| s.as_u16()), err.plex_code()), (Some(401), Some(1029)));
    let err = x.run(&cfg, &PostUsersSignInData::new("bo", "battery staple").verification_code("111111")).unwrap_err();
    assert!(err.is_unauthorized() && !err.two_factor_required(), "{err}");
    assert_eq!(err.plex_code(), Some(1001));
    let account = x.run(&cfg, &PostUsersSignInData::new("bo", "battery staple").verification_code("246810")).unwrap();
    assert_eq!(account.two_factor_enabled, Some(true));
    assert!(account.auth_token.is_some_and(|t| !t.is_empty()));
}

fn wrong_password<X: Exec>(x: &X, ctx: &Ctx) {
    let err = x.run(&ctx.config(None), &PostUsersSignInData::new("ana", "wrong")).unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
    let api = err.api().unwrap();
    assert_eq!(api.errors[0].message, "User could not be authenticated");
    assert_eq!((api.errors[0].code, api.errors[0].status), (Some(1001), Some(401)));
}

fn missing_client_identifier<X: Exec>(x: &X, ctx: &Ctx) {
    let op = GetTokenDetails::new();
    let mut req = op.to_request(&ctx.config(Some(ADMIN_TOKEN))).unwrap();
    req.headers_mut().remove("x-plex-client-identifier");
    let err = op.from_response(x.send(req).unwrap()).unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(err.plex_code(), Some(1000));
    assert_eq!(err.api().unwrap().errors[0].message, "X-Plex-Client-Identifier is missing");
}

fn bad_token<X: Exec>(x: &X, ctx: &Ctx) {
    let cfg = ctx.config(Some("not-a-real-token"));
    let err = x.run(&cfg, &GetTokenDetails::new()).unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
    assert_eq!(err.plex_code(), Some(1001));
    let err = x.run(&cfg, &GetTransientToken::new()).unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert!(err.api().unwrap().errors.is_empty(), "PMS errors are HTML pages");
}

fn transient_token_then_source_info<X: Exec>(x: &X, ctx: &Ctx) {
    let cfg = ctx.config(Some(ADMIN_TOKEN));
    for method in [TransientTokenMethod::Get, TransientTokenMethod::Post] {
        let transient = x.run(&cfg, &GetTransientToken::new().method(method)).unwrap();
        assert!(transient.expose_secret().starts_with("transient-"));
        let info = x
            .run(
                &cfg,
                &GetSourceConnectionInformation::new(format!("server://{MACHINE_ID}")).with_token(transient.clone()),
            )
            .unwrap();
        assert_eq!(info.client_identifier.as_deref(), Some(MACHINE_ID));
        assert_eq!(info.name.as_deref(), Some("Living Room"));
        assert!(info.access_token.as_ref().is_some_and(|t| t.expose_secret().starts_with("server-")));
        let conns = info.connections.unwrap();
        assert_eq!(conns.len(), 2);
        assert_eq!(
            (conns[0].address.as_deref(), conns[0].port, conns[0].local, conns[0].relay),
            (Some("192.168.1.20"), Some(32400), Some(true), Some(false))
        );
        assert_eq!(
            (conns[1].protocol.as_deref(), conns[1].port, conns[1].relay),
            (Some("https"), Some(8443), Some(true))
        );
        let sent = ctx.fake.last_headers(Route::Resources).unwrap();
        assert_eq!(sent["x-plex-token"].as_bytes(), transient.expose_secret().as_bytes());
        ctx.fake.restart();
        let err = x
            .run(&cfg, &GetSourceConnectionInformation::new(format!("server://{MACHINE_ID}")).with_token(transient))
            .unwrap_err();
        assert!(err.is_unauthorized(), "a restart revokes transient tokens: {err}");
    }
    let err = x.run(&cfg, &GetSourceConnectionInformation::new("server://unknown")).unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    assert!(!err.is_unauthorized() && !err.is_retryable());
}

fn rate_limited<X: Exec>(x: &X, ctx: &Ctx) {
    ctx.fake.inject_once(Route::SignIn, Fault::rate_limited(30));
    let err = x.run(&ctx.config(None), &PostUsersSignInData::new("ana", "correct horse")).unwrap_err();
    assert_eq!(err.rate_limited(), Some(Some(RetryAfter::Delay(Duration::from_secs(30)))));
    assert!(err.is_retryable());
    // One-shot: the next attempt goes through.
    assert!(x.run(&ctx.config(None), &PostUsersSignInData::new("ana", "correct horse")).is_ok());
}

fn html_500<X: Exec>(x: &X, ctx: &Ctx) {
    let page = "<html><body><h1>500 Internal Server Error</h1></body></html>";
    ctx.fake.inject(Route::User, Fault::respond(500, "text/html", page));
    let err = x.run(&ctx.config(Some(ADMIN_TOKEN)), &GetTokenDetails::new()).unwrap_err();
    let api = err.api().unwrap();
    assert_eq!((api.status.as_u16(), api.errors.len(), api.body.as_bytes()), (500, 0, page.as_bytes()));
    assert!(err.is_retryable() && !err.is_unauthorized());
}

fn html_where_json_expected<X: Exec>(x: &X, ctx: &Ctx) {
    ctx.fake.inject(Route::User, Fault::respond(200, "text/html", "<html>captive portal</html>"));
    let err = x.run(&ctx.config(Some(ADMIN_TOKEN)), &GetTokenDetails::new()).unwrap_err();
    assert!(matches!(err, Error::Decode { reason: DecodeReason::UnexpectedContent("HTML"), .. }), "{err:?}");
}

fn timeout<X: Exec>(x: &X, ctx: &Ctx) {
    ctx.fake.inject(Route::User, Fault::Delay(DELAY));
    let err = x.run(&ctx.config(Some(ADMIN_TOKEN)), &GetTokenDetails::new()).unwrap_err();
    assert_eq!(transport_kind(&err), Some(TransportErrorKind::Timeout), "{err}");
    assert!(err.is_retryable());
}

fn oversized<X: Exec>(x: &X, ctx: &Ctx) {
    ctx.fake.inject(Route::User, Fault::Oversized(MAX_BODY * 4));
    let result = x.run(&ctx.config(Some(ADMIN_TOKEN)), &GetTokenDetails::new());
    if X::NETWORK {
        assert_eq!(transport_kind(&result.unwrap_err()), Some(TransportErrorKind::BodyTooLarge));
    } else {
        // In memory there is no cap to hit: the body arrives and its unknown field is kept.
        assert_eq!(result.unwrap().extra["pad"].as_str().map(str::len), Some(MAX_BODY * 4 - 12));
    }
}

fn truncated<X: Exec>(x: &X, ctx: &Ctx) {
    ctx.fake.inject(Route::User, Fault::Truncate);
    let err = x.run(&ctx.config(Some(ADMIN_TOKEN)), &GetTokenDetails::new()).unwrap_err();
    assert_eq!(transport_kind(&err), Some(TransportErrorKind::Io), "{err}");
}

fn connection_reset<X: Exec>(x: &X, ctx: &Ctx) {
    ctx.fake.inject(Route::TransientToken, Fault::Reset);
    let err = x.run(&ctx.config(Some(ADMIN_TOKEN)), &GetTransientToken::new()).unwrap_err();
    assert_eq!(transport_kind(&err), Some(TransportErrorKind::Io), "{err}");
}

fn drifted_json<X: Exec>(x: &X, ctx: &Ctx) {
    ctx.fake.inject(Route::User, Fault::DriftedJson);
    let account = x.run(&ctx.config(Some(ADMIN_TOKEN)), &GetTokenDetails::new()).unwrap();
    assert_eq!(
        (account.two_factor_enabled, account.has_password, account.confirmed),
        (Some(false), Some(true), Some(true))
    );
    assert_eq!(account.home_size, Some(1));
    assert_eq!(account.subscription, None);
    assert_eq!(account.mailing_list_status, Some(MailingListStatus::Unknown("paused".into())));
    let profile = account.profile.unwrap();
    assert_eq!(profile.auto_select_subtitle, Some(AutoSelectSubtitle::AlwaysEnabled));
    assert_eq!(profile.extra["brandNewSetting"], "x");
    assert_eq!(account.extra["newTopLevelField"], serde_json::json!({"nested": [1, 2]}));
    assert_eq!(account.auth_token, Some(Secret::new(ADMIN_TOKEN)));
}

macro_rules! on_every_transport {
    ($($scenario:ident),* $(,)?) => {
        $(
            mod $scenario {
                use super::support::*;
                #[test]
                fn reqwest() {
                    let ctx = Ctx::new();
                    super::$scenario(&reqwest_async(), &ctx);
                }
                #[test]
                fn reqwest_blocking() {
                    let ctx = Ctx::new();
                    super::$scenario(&super::support::reqwest_blocking(), &ctx);
                }
                #[test]
                fn hyper() {
                    let ctx = Ctx::new();
                    super::$scenario(&super::support::hyper(), &ctx);
                }
                #[test]
                fn in_memory() {
                    let ctx = Ctx::new();
                    super::$scenario(&super::support::in_memory(&ctx), &ctx);
                }
            }
        )*
    };
}

on_every_transport!(
    sign_in_and_check_token,
    sign_in_with_two_factor,
    wrong_password,
    missing_client_identifier,
    bad_token,
    transient_token_then_source_info,
    rate_limited,
    html_500,
    html_where_json_expected,
    timeout,
    oversized,
    truncated,
    connection_reset,
    drifted_json,
    resources_then_identity,
    ping_then_sign_out,
);
