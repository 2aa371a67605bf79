//! `plex-auth source-info`: connection details and a token for a source the server knows.

use crate::context::Context;
use crate::explain::{Host, Situation};
use crate::failure::Failure;
use crate::output;
use plex_auth_core::GetSourceConnectionInformation;

/// Options of `source-info`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The source URI, e.g. server://MACHINE_ID.
    pub source: String,
    /// Ask the server to refresh its information first.
    #[arg(long)]
    pub refresh: bool,
}

/// Runs `source-info`.
pub async fn exec(ctx: &mut Context<'_>, args: &Args) -> Result<(), Failure> {
    let token = ctx.required_token()?;
    let client = ctx.client(Host::Server, Some(token))?;
    let op = GetSourceConnectionInformation::new(args.source.as_str()).refresh(args.refresh);
    let at = Situation::on(Host::Server);
    let info = client.execute(&op).await.map_err(|e| ctx.fail(&e, at))?;
    let rendered = output::source_info(&info, ctx.cli.show_secrets)?;
    ctx.print(rendered)
}
