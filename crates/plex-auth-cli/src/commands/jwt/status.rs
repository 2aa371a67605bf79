//! `plex-auth jwt status`: the JWT client identifier, the device key and the saved Plex JWT's
//! expiry, read offline (no request, so the claims are shown as unverified).

use crate::context::Context;
use crate::failure::Failure;
use crate::output::{self, JwtView};
use plex_auth_core::jwt::{DEFAULT_REFRESH_WINDOW, PlexJwtClaims, decode_claims_unverified};
use plex_auth_core::{Secret, Timer};

/// Options of `jwt status`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `jwt status`.
pub fn exec(ctx: &mut Context<'_>, _args: &Args) -> Result<(), Failure> {
    let store = ctx.store()?;
    let client_id = ctx.jwt_client_id()?;
    let key = store.device_key()?;
    let kid = key.as_ref().map(|k| k.kid());
    let saved = store.jwt()?.map(Secret::new);
    let claims = match &saved {
        Some(token) => {
            ctx.sent.add(plex_auth_core::ExposeSecret::expose_secret(token));
            Some(
                decode_claims_unverified::<PlexJwtClaims>(plex_auth_core::ExposeSecret::expose_secret(token)).map_err(
                    |e| {
                        Failure::io(format!("the saved Plex JWT is unusable: {e}"))
                            .with_hint("get a new one with `plex-auth jwt login --save`")
                    },
                )?,
            )
        }
        None => None,
    };
    let now = plex_auth_reqwest::TokioTimer.now();
    let expires = claims.as_ref().and_then(PlexJwtClaims::expires_at);
    let refresh_at = expires.and_then(|e| e.checked_sub(DEFAULT_REFRESH_WINDOW));
    let state = match (expires, refresh_at) {
        (Some(e), _) if now >= e => "expired: run `plex-auth jwt login --save`",
        (_, Some(r)) if now >= r => "refresh due: run `plex-auth jwt refresh`",
        (Some(_), _) => "valid",
        _ if key.is_none() => "no device key: run `plex-auth login --jwt --save`",
        _ => "no saved JWT: run `plex-auth jwt login --save`",
    };
    let notes = vec![("key file", store.device_key_path().display().to_string()), ("state", state.to_owned())];
    let token = saved.as_ref().zip(claims.as_ref());
    let view = JwtView { client_id: &client_id, kid: kid.as_deref(), token, verified: false, refresh_at, notes };
    let rendered = output::jwt(&view, ctx.cli.show_secrets)?;
    ctx.print(rendered)
}
