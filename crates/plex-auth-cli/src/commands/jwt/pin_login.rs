//! `plex-auth login --jwt`: PIN login that ends in a Plex JWT, for a user with no token: the
//! PIN carries the device key (made now if there is none), the user approves in a browser, and
//! the poll's device JWT is re-minted before its 5 minutes run out.

use super::{at, print_session};
use crate::commands::login::{Args, not_approved, show_url, spinner};
use crate::context::Context;
use crate::failure::Failure;
use plex_auth_core::flow::{JwtPinLogin, JwtPinOutcome};
use plex_auth_core::jwt::Scopes;
use plex_auth_core::{AuthUrl, Timer};
use std::io::IsTerminal;
use std::time::Duration;

/// Runs `login --jwt`.
pub async fn exec(ctx: &mut Context<'_>, args: &Args) -> Result<(), Failure> {
    let (key, created) = ctx.store()?.device_key_or_new()?;
    let client = ctx.jwt_client(None)?;
    let pin = client.create_jwt_pin(&key).await.map_err(|e| ctx.fail(&e, at()))?;
    let url = AuthUrl::new(client.config(), &pin).app_url(&args.auth_url).build().map_err(|e| ctx.fail(&e, at()))?;
    let interactive = std::io::stderr().is_terminal() && !ctx.cli.json;
    show_url(&url, &pin, interactive && !args.no_qr);

    let timer = plex_auth_reqwest::TokioTimer;
    let now = timer.now();
    let flow = JwtPinLogin::new(client.config(), key.clone(), Scopes::all(), &pin, now)
        .map_err(|e| ctx.fail(&e, at()))?
        .deadline(now + Duration::from_secs(args.wait));
    let spinner = interactive.then(spinner);
    let outcome = client.drive(flow, &timer).await;
    if let Some(spinner) = spinner {
        spinner.finish_and_clear();
    }
    let session = match outcome.map_err(|e| ctx.fail(&e, at()))? {
        JwtPinOutcome::Linked(session) => session,
        JwtPinOutcome::Expired => return Err(not_approved("the PIN expired before it was approved")),
        JwtPinOutcome::DeadlineReached => {
            return Err(not_approved(&format!("nobody approved the PIN within {} s", args.wait)));
        }
        JwtPinOutcome::Cancelled => return Err(not_approved("the login was cancelled")),
    };
    let client_id = client.config().client_identifier().to_owned();
    let notes = vec![("new key", if created { "yes" } else { "no" }.to_owned())];
    print_session(ctx, &client_id, &key, &session, args.save, notes)
}
