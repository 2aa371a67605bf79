//! `plex-auth whoami`: the account behind the token (`GET /user`), which also checks it.

use crate::context::Context;
use crate::explain::{Host, Situation};
use crate::failure::Failure;
use crate::output;

/// `whoami` takes no options of its own.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `whoami`.
pub async fn exec(ctx: &mut Context<'_>, _args: &Args) -> Result<(), Failure> {
    let token = ctx.required_token()?;
    let client = ctx.client(Host::PlexTv, Some(token))?;
    let at = Situation::on(Host::PlexTv);
    let account = client.get_token_details().await.map_err(|e| ctx.fail(&e, at))?;
    let rendered = output::account(&account, ctx.cli.show_secrets, None)?;
    ctx.print(rendered)
}
