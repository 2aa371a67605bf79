//! `plex-auth jwt refresh`: renews the saved Plex JWT when its refresh is due (less than
//! `--window` left), or always with `--force`, and saves the new one.

use super::{ScopeArg, at, plex_keys, print_session, saved_key};
use crate::context::Context;
use crate::failure::Failure;
use plex_auth_core::flow::JwtLogin;
use plex_auth_core::jwt::{Expected, JwtRejection, JwtSession, PlexJwt};
use plex_auth_core::{Error, Secret, Timer};
use std::time::Duration;

/// Options of `jwt refresh`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Refresh even when the JWT has more than --window left.
    #[arg(long)]
    pub force: bool,
    /// Refresh when less than this many seconds are left.
    #[arg(long, value_name = "SECONDS", default_value_t = 86_400)]
    pub window: u64,
    #[command(flatten)]
    pub scope: ScopeArg,
}

/// Runs `jwt refresh`.
pub async fn exec(ctx: &mut Context<'_>, args: &Args) -> Result<(), Failure> {
    let key = saved_key(ctx)?;
    let saved = ctx.store()?.jwt()?.ok_or_else(|| {
        Failure::invalid("no saved Plex JWT to refresh").with_hint("get one with `plex-auth jwt login --save`")
    })?;
    ctx.sent.add(&saved);
    let client = ctx.jwt_client(None)?;
    let client_id = client.config().client_identifier().to_owned();
    let timer = plex_auth_reqwest::TokioTimer;
    let keys = plex_keys(ctx, &client).await?;
    let kid = key.kid();
    let window = Duration::from_secs(args.window);
    // An expired token is refreshed like one that is due: a refresh is a new login.
    let current = match PlexJwt::verify(Secret::new(saved), &keys, &Expected::new(&client_id, &kid), timer.now()) {
        Ok(jwt) => Some(JwtSession::new(jwt, keys.clone()).refresh_window(window)),
        Err(JwtRejection::Expired { .. }) => None,
        Err(rejection) => return Err(ctx.fail(&Error::from(rejection), at())),
    };
    if let Some(session) = current.as_ref().filter(|s| !args.force && !s.refresh_due(timer.now())) {
        return print_session(ctx, &client_id, &key, session, false, vec![("refreshed", "no: not due yet".into())]);
    }
    let flow = match &current {
        Some(session) => JwtLogin::refresh(client.config(), key.clone(), args.scope.scope, session),
        None => JwtLogin::new(client.config(), key.clone(), args.scope.scope).with_keys(keys),
    };
    let session = client.drive(flow, &timer).await.map_err(|e| ctx.fail(&e, at()))?;
    print_session(ctx, &client_id, &key, &session, true, vec![("refreshed", "yes".into())])
}
