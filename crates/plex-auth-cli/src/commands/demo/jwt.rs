//! The demo's JWT steps: register a device key with a token issued to a JWT client
//! identifier, log in, use and refresh the Plex JWT, then a JWT PIN login approved in the
//! fake's browser page, all on loopback.

use super::{CODE, LOGIN, PASSWORD, Report, approve_in_browser, unexpected};
use crate::context::Context;
use crate::failure::Failure;
use crate::output::{self, JwtView};
use crate::transport::SharedTransport;
use plex_auth_core::flow::JwtPinOutcome;
use plex_auth_core::jwt::{DeviceKey, JwtSession, Scopes};
use plex_auth_core::{Client, PostUsersSignInData};
use plex_auth_reqwest::TokioTimer;
use std::time::Duration;

/// A fixed seed per key and transport: the demo's keys need no randomness (it never registers
/// a real device), and each key has its own client identifier, as Plex requires.
fn seed(key: u8, transport: &str) -> [u8; 32] {
    let mut seed = [key; 32];
    for (byte, t) in seed.iter_mut().zip(transport.bytes()) {
        *byte ^= t;
    }
    seed
}

fn view<'a>(client_id: &'a str, kid: &'a str, session: &'a JwtSession, note: (&'static str, String)) -> JwtView<'a> {
    JwtView {
        client_id,
        kid: Some(kid),
        token: Some((&session.jwt.token, &session.jwt.claims)),
        verified: true,
        refresh_at: Some(session.refresh_at()),
        notes: vec![note],
    }
}

/// Runs the JWT steps through `transport` against the fake's plex.tv at `plex_tv_url`, with
/// client identifiers of their own (JWT retires an identifier's legacy token).
pub(super) async fn steps(
    report: &mut Report<'_>,
    transport: &SharedTransport,
    plex_tv_url: &str,
    auth_url: &str,
    show: bool,
) -> Result<(), Failure> {
    let timer = TokioTimer;
    let client_id = format!("plex-auth-demo-jwt-{}", report.transport);
    let config = Context::config_builder(&client_id).plex_tv_url(plex_tv_url).build()?;
    let key = DeviceKey::from_seed(seed(0x4a, report.transport));
    let kid = key.kid();

    // The registering token must be one issued to the JWT client identifier: sign in under it.
    let mut client = Client::new(config, transport.clone());
    let account =
        client.post_users_sign_in_data(&PostUsersSignInData::new(LOGIN, PASSWORD).verification_code(CODE)).await?;
    client.use_token_of(&account)?;
    client.register_device_key(&key).await?;
    report.note("jwt register", &format!("device key {kid} registered under client id {client_id}"))?;

    let mut session = client.jwt_login(&key, Scopes::all(), &timer).await?;
    report.step(
        "jwt login",
        &output::jwt(
            &view(
                &client_id,
                &kid,
                &session,
                ("checked", "key by kid, signature, iss, aud, exp, iat, thumbprint".into()),
            ),
            show,
        )?,
    )?;
    let account = client.get_token_details().await?;
    report.step("whoami with the Plex JWT", &output::account(&account, show, None)?)?;

    // A window longer than the JWT's 7 days makes the refresh due now.
    session.refresh_window = Duration::from_secs(8 * 24 * 60 * 60);
    let before = session.jwt.claims.nonce.clone();
    if !client.refresh_jwt_if_due(&mut session, &key, Scopes::all(), &timer).await?
        || session.jwt.claims.nonce == before
    {
        return Err(unexpected("jwt refresh", "the JWT was not renewed"));
    }
    report.step("jwt refresh", &output::jwt(&view(&client_id, &kid, &session, ("refreshed", "yes".into())), show)?)?;

    let pin_id = format!("plex-auth-demo-jwt-pin-{}", report.transport);
    let pin_key = DeviceKey::from_seed(seed(0x50, report.transport));
    let pin_kid = pin_key.kid();
    let pin_config = Context::config_builder(&pin_id).plex_tv_url(plex_tv_url).build()?;
    let mut pin_client = Client::new(pin_config, transport.clone());
    let pin = pin_client.create_jwt_pin(&pin_key).await?;
    approve_in_browser(transport, auth_url, pin.code.as_deref().unwrap_or_default()).await?;
    match pin_client.wait_for_jwt_pin(&pin, &pin_key, Scopes::all(), &timer).await? {
        JwtPinOutcome::Linked(session) => report.step(
            "login --jwt (PIN approved)",
            &output::jwt(&view(&pin_id, &pin_kid, &session, ("new key", "yes".into())), show)?,
        ),
        other => Err(unexpected("login --jwt", format!("{other:?}"))),
    }
}
