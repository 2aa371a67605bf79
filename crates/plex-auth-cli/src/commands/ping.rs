//! `plex-auth ping`: keeps the token alive (`GET {plex.tv}/ping`) and says whether it still works.

use crate::context::Context;
use crate::explain::{Host, Situation};
use crate::failure::Failure;
use crate::output::Rendered;
use serde_json::json;

/// `ping` takes no options of its own.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `ping`.
pub async fn exec(ctx: &mut Context<'_>, _args: &Args) -> Result<(), Failure> {
    let token = ctx.required_token()?;
    let client = ctx.client(Host::PlexTv, Some(token))?;
    let at = Situation::on(Host::PlexTv);
    client.ping().await.map_err(|e| ctx.fail(&e, at))?;
    ctx.print(Rendered {
        human: vec![("token".into(), "valid (plex.tv answered the ping)".into())],
        json: json!({"ok": true}),
    })
}
