//! What the core's benches share: the realistic bodies, the floors (plain serde structs and
//! requests built by hand), and the list of cases, walked by a visitor so that the timing
//! bench (`decode.rs`, `encode.rs`) and the allocation count (`allocations.rs`) measure the
//! same work.
#![allow(dead_code)] // each bench binary uses its own part

pub mod bodies;
pub mod by_hand;
pub mod plain;
pub mod plain_account;

use bytes::Bytes;
use http::Method;
use plex_auth_core::jwt::DeviceKey;
use plex_auth_core::*;
use serde::de::DeserializeOwned;
use serde_json::json;

/// A JSON response, as every body here is served.
pub fn response(status: u16, body: &Bytes) -> HttpResponse {
    http::Response::builder()
        .status(status)
        .header(http::header::CONTENT_TYPE, "application/json; charset=utf-8")
        .body(body.clone())
        .unwrap()
}

/// Receives each decoding case.
pub trait Decodes {
    /// `op.from_response` of `status` + `body` (a result `check` accepts) against
    /// `serde_json::from_slice::<P>` of the same bytes.
    fn pair<P: DeserializeOwned, E: Endpoint>(
        &mut self,
        name: &str,
        op: E,
        status: u16,
        body: Bytes,
        check: fn(&Result<E::Output, Error>) -> bool,
    );
    /// An operation whose answer is its status alone (no body to decode): `op.from_response`
    /// against `StatusCode::is_success`.
    fn status_only<E: Endpoint>(&mut self, name: &str, op: E, status: u16);
}

/// Every operation's decoding on a realistic body.
pub fn decode_cases(v: &mut impl Decodes) {
    use plain::*;
    use plain_account::PlainAccount;
    let services =
        |a: &Result<UserPlexAccount, Error>| a.as_ref().is_ok_and(|a| a.services.as_ref().map(Vec::len) == Some(20));
    v.pair::<PlainAccount, _>("account (GET /user)", GetTokenDetails::new(), 200, bodies::account(), services);
    v.pair::<PlainAccount, _>(
        "account (POST /users/signin)",
        PostUsersSignInData::new("ana@example.com", "correct horse"),
        201,
        bodies::account(),
        services,
    );
    v.pair::<Vec<PlainResource>, _>(
        "resources (20 devices x 4 connections)",
        GetResources::new(),
        200,
        bodies::resources(),
        |r| r.as_ref().is_ok_and(|r| r.len() == 20 && r.iter().all(|d| d.connections().len() == 4)),
    );
    v.pair::<PlainPin, _>("PIN (GET /pins/{id}, approved)", GetPin::new(373040866), 200, bodies::pin(), |p| {
        p.as_ref().is_ok_and(|p| p.token().is_some())
    });
    v.pair::<PlainPin, _>("PIN (POST /pins)", CreatePin::new(), 201, bodies::pin(), |p| {
        p.as_ref().is_ok_and(|p| p.code.as_deref() == Some("7RQZ"))
    });
    v.pair::<PlainContainer<PlainTransientToken>, _>(
        "transient token (GET /security/token)",
        GetTransientToken::new(),
        200,
        bodies::transient_token(),
        |t| t.as_ref().is_ok_and(|t| t.expose_secret().starts_with("transient-")),
    );
    v.pair::<PlainContainer<PlainDevices>, _>(
        "source info (GET /security/resources)",
        GetSourceConnectionInformation::new("server://546684a3d18ac5c39037360ec9ce900b7af9cc36"),
        200,
        bodies::source_info(),
        |s| s.as_ref().is_ok_and(|s| s.connections().len() == 2),
    );
    v.pair::<PlainContainer<PlainIdentity>, _>(
        "server identity (GET /identity)",
        GetServerIdentity::new(by_hand::SERVER).unwrap(),
        200,
        bodies::identity(),
        |s| s.as_ref().is_ok_and(|s| s.claimed == Some(true)),
    );
    v.pair::<PlainNonce, _>("nonce (GET /auth/nonce)", GetNonce::new(), 200, bodies::nonce(), |n| {
        n.as_ref().is_ok_and(|n| n.len() == 36)
    });
    v.pair::<PlainTokenAnswer, _>(
        "token answer (POST /auth/token)",
        ExchangeDeviceJwt::new("x.y.z"),
        200,
        bodies::token_answer(),
        |t| t.as_ref().is_ok_and(|t| t.expose_secret().len() > 500),
    );
    v.pair::<PlainKeySet, _>("JWT key set (GET /auth/keys)", GetPlexKeys::new(), 200, bodies::key_set(), |k| {
        k.as_ref().is_ok_and(|k| k.keys().len() == 2)
    });
    v.pair::<PlainErrors, _>("error body (401, code 1001)", GetTokenDetails::new(), 401, bodies::error(), |e| {
        e.as_ref().is_err_and(|e| e.is_unauthorized() && e.plex_code() == Some(1001))
    });
    v.status_only("ping (GET /ping)", Ping::new(), 200);
    v.status_only("sign-out (DELETE /users/signout)", SignOut::new(), 204);
    v.status_only("link PIN (PUT /pins/link)", LinkPin::new("7RQZ"), 204);
    v.status_only(
        "register device key (POST /auth/jwk)",
        RegisterDeviceKey::new(DeviceKey::from_seed([7; 32]).public_jwk()),
        204,
    );
}

/// Receives each encoding case.
pub trait Encodes {
    /// `op.to_request(cfg)` against `by_hand()`, which builds the same request.
    fn pair<E: Endpoint>(&mut self, name: &str, op: E, cfg: &ClientConfig, by_hand: impl Fn() -> HttpRequest);
}

/// Every operation's request, ours and by hand.
pub fn encode_cases(v: &mut impl Encodes) {
    use by_hand::{CLIENTS, PLEX_TV, SERVER, TOKEN, form, json, request, request_as};
    let cfg = &by_hand::config();
    let jwk = DeviceKey::from_seed([7; 32]).public_jwk();
    let source = "server://546684a3d18ac5c39037360ec9ce900b7af9cc36";
    v.pair("transient token", GetTransientToken::new(), cfg, || {
        request(Method::GET, format!("{SERVER}/security/token?type=delegation&scope=all"), Some(TOKEN), None)
    });
    v.pair("source info", GetSourceConnectionInformation::new(source), cfg, || {
        let query = form_urlencoded::Serializer::new(String::new()).append_pair("source", source).finish();
        request(Method::GET, format!("{SERVER}/security/resources?{query}"), Some(TOKEN), None)
    });
    v.pair("token details", GetTokenDetails::new(), cfg, || {
        request(Method::GET, format!("{PLEX_TV}/user"), Some(TOKEN), None)
    });
    v.pair(
        "sign in (form, 2FA)",
        PostUsersSignInData::new("ana@example.com", "correct horse").verification_code("123456"),
        cfg,
        || {
            let body =
                form(&[("login", "ana@example.com"), ("password", "correct horse"), ("verificationCode", "123456")]);
            request(Method::POST, format!("{PLEX_TV}/users/signin"), None, body)
        },
    );
    v.pair("sign out", SignOut::new(), cfg, || {
        request(Method::DELETE, format!("{PLEX_TV}/users/signout"), Some(TOKEN), None)
    });
    v.pair("ping", Ping::new(), cfg, || request(Method::GET, format!("{PLEX_TV}/ping"), Some(TOKEN), None));
    v.pair("resources", GetResources::new(), cfg, || {
        let url = format!("{CLIENTS}/resources?includeHttps=1&includeRelay=1&includeIPv6=1");
        request(Method::GET, url, Some(TOKEN), None)
    });
    v.pair("create PIN", CreatePin::new().strong(true), cfg, || {
        request(Method::POST, format!("{CLIENTS}/pins?strong=true"), None, None)
    });
    v.pair("get PIN", GetPin::new(373040866), cfg, || {
        request(Method::GET, format!("{CLIENTS}/pins/{}", 373040866), None, None)
    });
    v.pair("link PIN (form)", LinkPin::new("7RQZ"), cfg, || {
        request_as("Plex SSO", Method::PUT, format!("{PLEX_TV}/pins/link"), Some(TOKEN), form(&[("code", "7RQZ")]))
    });
    v.pair(
        "server identity",
        GetServerIdentity::new("https://192-168-1-10.abc.plex.direct:32400").unwrap(),
        cfg,
        || request(Method::GET, format!("{}/identity", "https://192-168-1-10.abc.plex.direct:32400"), None, None),
    );
    v.pair("register device key (JSON)", RegisterDeviceKey::new(jwk.clone()), cfg, || {
        request(Method::POST, format!("{CLIENTS}/auth/jwk"), Some(TOKEN), json(&json!({"jwk": jwk})))
    });
    v.pair("nonce", GetNonce::new(), cfg, || request(Method::GET, format!("{CLIENTS}/auth/nonce"), None, None));
    let device_jwt = "eyJhbGciOiJFZERTQSJ9.eyJub25jZSI6IjdjNDE1YjU2In0.c2lnbmF0dXJl";
    v.pair("exchange device JWT (JSON)", ExchangeDeviceJwt::new(device_jwt), cfg, || {
        request(Method::POST, format!("{CLIENTS}/auth/token"), None, json(&json!({"jwt": device_jwt})))
    });
    v.pair("Plex keys", GetPlexKeys::new(), cfg, || request(Method::GET, format!("{CLIENTS}/auth/keys"), None, None));
    v.pair("JWT PIN (JSON)", CreatePin::new().with_jwk(jwk.clone()), cfg, || {
        request(Method::POST, format!("{CLIENTS}/pins"), None, json(&json!({"jwk": jwk, "strong": true})))
    });
    v.pair("JWT PIN poll", GetPin::new(373040866).with_device_jwt(device_jwt), cfg, || {
        request(Method::GET, format!("{CLIENTS}/pins/{}?deviceJWT={device_jwt}", 373040866), None, None)
    });
}
