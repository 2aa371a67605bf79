//! `plex-auth jwt login`: a Plex JWT for the registered device key (nonce, signed device JWT,
//! exchange), verified against plex.tv's keys before it is printed or saved.

use super::{ScopeArg, at, print_session, saved_key};
use crate::context::Context;
use crate::failure::Failure;

/// Options of `jwt login`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Save the Plex JWT in the config dir (`jwt refresh` renews it).
    #[arg(long)]
    pub save: bool,
    #[command(flatten)]
    pub scope: ScopeArg,
}

/// Runs `jwt login`.
pub async fn exec(ctx: &mut Context<'_>, args: &Args) -> Result<(), Failure> {
    let key = saved_key(ctx)?;
    let mut client = ctx.jwt_client(None)?;
    let session = client
        .jwt_login(&key, args.scope.scope, &plex_auth_reqwest::TokioTimer)
        .await
        .map_err(|e| ctx.fail(&e, at()))?;
    let client_id = client.config().client_identifier().to_owned();
    print_session(ctx, &client_id, &key, &session, args.save, Vec::new())
}
