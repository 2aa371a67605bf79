//! `plex-auth token`: the one deliberate way a token reaches stdout, alone on its line, for
//! `PLEX_TOKEN=$(plex-auth token)`.

use crate::context::{Context, TokenSource, no_token};
use crate::failure::Failure;
use serde_json::json;

/// `token` takes no options of its own.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Prints the given (`--token`/`PLEX_TOKEN`) or saved token, unredacted: asking for it is the
/// point. With `--json`: `{"token": ..., "source": "given" | "saved"}`.
pub fn exec(ctx: &mut Context<'_>, _args: &Args) -> Result<(), Failure> {
    let (token, source) = ctx.token()?.ok_or_else(no_token)?;
    plex_auth_core::check_token(&token).map_err(|reason| {
        Failure::invalid(format!("invalid token: it {reason}")).with_hint("check --token (or PLEX_TOKEN)")
    })?;
    let source = match source {
        TokenSource::Given => "given",
        TokenSource::Saved => "saved",
    };
    if ctx.cli.json {
        ctx.out.line(&crate::escape::json_text(&json!({"token": token, "source": source})))
    } else {
        ctx.out.line(&token)
    }
}
