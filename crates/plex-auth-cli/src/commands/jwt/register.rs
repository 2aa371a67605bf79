//! `plex-auth jwt register`: registers the device key (made now if there is none) under the
//! JWT client identifier, with a token plex.tv issued to that identifier.

use super::at;
use crate::context::Context;
use crate::failure::Failure;
use crate::output::{self, JwtView};

/// Options of `jwt register`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `jwt register`.
pub async fn exec(ctx: &mut Context<'_>, _args: &Args) -> Result<(), Failure> {
    let token = ctx.required_token()?;
    let store = ctx.store()?;
    let (key, created) = store.device_key_or_new()?;
    let client = ctx.jwt_client(Some(token))?;
    client.register_device_key(&key).await.map_err(|e| ctx.fail(&e, at()))?;
    let client_id = client.config().client_identifier().to_owned();
    let kid = key.kid();
    let notes = vec![
        ("registered", "yes".to_owned()),
        ("new key", if created { "yes" } else { "no" }.to_owned()),
        ("key file", store.device_key_path().display().to_string()),
    ];
    let view =
        JwtView { client_id: &client_id, kid: Some(&kid), token: None, verified: false, refresh_at: None, notes };
    let rendered = output::jwt(&view, ctx.cli.show_secrets)?;
    ctx.print(rendered)
}
