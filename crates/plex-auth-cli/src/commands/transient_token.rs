//! `plex-auth transient-token`: a short-lived token from the Plex Media Server.

use crate::context::Context;
use crate::explain::{Host, Situation};
use crate::failure::Failure;
use crate::output;
use clap::ValueEnum;
use plex_auth_core::{GetTransientToken, TransientTokenMethod};

/// Options of `transient-token`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// HTTP method to ask with.
    #[arg(long, value_enum, default_value_t = MethodChoice::Get)]
    pub method: MethodChoice,
}

/// Methods for `transient-token`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodChoice {
    /// GET (accepted by every server version).
    Get,
    /// POST (preferred by the newer API spec).
    Post,
}

/// Runs `transient-token`.
pub async fn exec(ctx: &mut Context<'_>, args: &Args) -> Result<(), Failure> {
    let token = ctx.required_token()?;
    let client = ctx.client(Host::Server, Some(token))?;
    let method = match args.method {
        MethodChoice::Get => TransientTokenMethod::Get,
        MethodChoice::Post => TransientTokenMethod::Post,
    };
    let at = Situation::on(Host::Server);
    let transient = client.execute(&GetTransientToken::new().method(method)).await.map_err(|e| ctx.fail(&e, at))?;
    let rendered = output::transient_token(&transient, ctx.cli.show_secrets)?;
    ctx.print(rendered)
}
