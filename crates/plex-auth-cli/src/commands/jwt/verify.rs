//! `plex-auth jwt verify`: checks a Plex JWT against plex.tv's current key set, the device
//! key's `kid` and the JWT client identifier; exits 10 when it fails.

use super::{at, plex_keys, print_session, saved_key};
use crate::context::Context;
use crate::failure::Failure;
use plex_auth_core::jwt::{Expected, JwtSession, PlexJwt};
use plex_auth_core::{Error, Secret, Timer};

/// Options of `jwt verify`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `jwt verify`.
pub async fn exec(ctx: &mut Context<'_>, _args: &Args) -> Result<(), Failure> {
    let key = saved_key(ctx)?;
    let token = match ctx.cli.token.clone().filter(|t| !t.is_empty()) {
        Some(token) => token,
        None => ctx.store()?.jwt()?.ok_or_else(|| {
            Failure::invalid("no Plex JWT to verify")
                .with_hint("pass one with --token (or PLEX_TOKEN), or save one with `plex-auth jwt login --save`")
        })?,
    };
    ctx.sent.add(&token);
    let client = ctx.jwt_client(None)?;
    let client_id = client.config().client_identifier().to_owned();
    let keys = plex_keys(ctx, &client).await?;
    let kid = key.kid();
    let now = plex_auth_reqwest::TokioTimer.now();
    let jwt = PlexJwt::verify(Secret::new(token), &keys, &Expected::new(&client_id, &kid), now)
        .map_err(|rejection| ctx.fail(&Error::from(rejection), at()))?;
    print_session(ctx, &client_id, &key, &JwtSession::new(jwt, keys), false, Vec::new())
}
