//! Scenarios for the discovery and session operations: resources, the identity probe, ping and
//! sign-out, run by `main.rs` through every adapter against FakePlex on loopback.

use super::support::{ADMIN_TOKEN, Ctx, Exec, MACHINE_ID};
use plex_auth_core::{
    ConnectionProtocol, Endpoint, ExposeSecret, GetResources, GetServerIdentity, GetTokenDetails, Ping,
    PostUsersSignInData, SignOut,
};
use plex_auth_testing::Route;

/// The account's resources are the fake's servers, owned, with their token and connections; the
/// identity probe of the server's URL names the same machine.
pub fn resources_then_identity<X: Exec>(x: &X, ctx: &Ctx) {
    let cfg = ctx.config(Some(ADMIN_TOKEN));
    let list = x.run(&cfg, &GetResources::new()).unwrap();
    assert_eq!(list.len(), 1, "{list:?}");
    let server = &list[0];
    assert!(server.is_server() && server.owned == Some(true), "{server:?}");
    assert_eq!((server.name.as_deref(), server.client_identifier.as_deref()), (Some("Living Room"), Some(MACHINE_ID)));
    let token = server.access_token.clone().unwrap();
    assert!(token.expose_secret().starts_with("server-"));
    let c = server.connections();
    assert_eq!(c.len(), 2);
    assert_eq!(
        (c[0].protocol.clone(), c[0].address.as_deref(), c[0].port, c[0].local, c[0].relay, c[0].ipv6),
        (Some(ConnectionProtocol::Http), Some("192.168.1.20"), Some(32400), Some(true), Some(false), Some(false))
    );
    assert_eq!((c[1].protocol.clone(), c[1].relay), (Some(ConnectionProtocol::Https), Some(true)));
    let sent = ctx.fake.last_headers(Route::PlexTvResources).unwrap();
    assert_eq!(sent["x-plex-token"], ADMIN_TOKEN);

    // Leaving relays out drops the relayed connection.
    let list = x.run(&cfg, &GetResources::new().include_relay(false)).unwrap();
    assert_eq!(list[0].connections().len(), 1);
    assert_eq!(list[0].connections()[0].relay, Some(false));

    // The same answer in XML, when XML is asked for.
    let op = GetResources::new();
    let mut req = op.to_request(&cfg).unwrap();
    req.headers_mut().insert(http::header::ACCEPT, http::HeaderValue::from_static("application/xml"));
    let xml = op.from_response(x.send(req).unwrap()).unwrap();
    assert_eq!(xml.len(), 1);
    assert_eq!((xml[0].client_identifier.as_deref(), xml[0].owned), (Some(MACHINE_ID), Some(true)));
    assert_eq!(xml[0].access_token.as_ref().map(ExposeSecret::expose_secret), Some(token.expose_secret()));
    assert_eq!(xml[0].connections().len(), 2);

    // The probe: no token unless asked, and the machine identifier the resource named.
    let identity = x.run(&cfg, &GetServerIdentity::new(&ctx.server.server_url()).unwrap()).unwrap();
    assert_eq!(identity.machine_identifier.as_deref(), server.client_identifier.as_deref());
    assert_eq!(identity.claimed, Some(true));
    assert!(!ctx.fake.last_headers(Route::Identity).unwrap().contains_key("x-plex-token"));
    let probe = GetServerIdentity::new(&ctx.server.server_url()).unwrap().with_token(token.clone());
    assert_eq!(x.run(&cfg, &probe).unwrap().machine_identifier.as_deref(), Some(MACHINE_ID));
    let sent = ctx.fake.last_headers(Route::Identity).unwrap();
    assert_eq!(sent["x-plex-token"].as_bytes(), token.expose_secret().as_bytes());

    // A bad plex.tv token is refused.
    let err = x.run(&ctx.config(Some("not-a-real-token")), &GetResources::new()).unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
    assert_eq!(err.plex_code(), Some(1001));
}

/// Ping keeps a fresh token working; sign-out revokes it, after which `/user`, ping and a second
/// sign-out all say the token is invalid.
pub fn ping_then_sign_out<X: Exec>(x: &X, ctx: &Ctx) {
    let account = x.run(&ctx.config(None), &PostUsersSignInData::new("ana", "correct horse")).unwrap();
    let token = account.auth_token.unwrap();
    let cfg = ctx.config(Some(token.expose_secret()));
    x.run(&cfg, &Ping::new()).unwrap();
    assert_eq!(
        ctx.fake.last_headers(Route::Ping).unwrap()["x-plex-token"].as_bytes(),
        token.expose_secret().as_bytes()
    );
    assert!(x.run(&cfg, &GetTokenDetails::new()).is_ok());
    x.run(&cfg, &SignOut::new()).unwrap();
    let err = x.run(&cfg, &GetTokenDetails::new()).unwrap_err();
    assert!(err.is_unauthorized(), "a signed-out token is revoked: {err}");
    let err = x.run(&cfg, &Ping::new()).unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
    assert_eq!(err.api().map(|a| a.route), Some("GET /ping"));
    let err = x.run(&cfg, &SignOut::new()).unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
    // Other tokens of the account are untouched.
    x.run(&ctx.config(Some(ADMIN_TOKEN)), &Ping::new()).unwrap();
    assert_eq!(ctx.fake.request_count(Route::SignOut), 2);
}
