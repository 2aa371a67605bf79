//! `plex-auth signout`: revokes the token at plex.tv (`DELETE /users/signout`) and deletes the
//! saved one.

use crate::context::{Context, TokenSource, no_token};
use crate::explain::{Host, Situation};
use crate::failure::Failure;
use crate::output::Rendered;
use serde_json::json;

/// `signout` takes no options of its own.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `signout`. The saved token is deleted when it is the one signed out, and also when
/// plex.tv says it was already invalid (it is of no use either way).
pub async fn exec(ctx: &mut Context<'_>, _args: &Args) -> Result<(), Failure> {
    let (token, source) = ctx.token()?.ok_or_else(no_token)?;
    let store = ctx.store()?;
    let saved = store.token()?;
    let is_saved = source == TokenSource::Saved || saved.as_deref() == Some(token.as_str());
    let client = ctx.client(Host::PlexTv, Some(token))?;
    let at = Situation::on(Host::PlexTv);
    let result = client.sign_out().await;
    let deleted = match &result {
        Ok(()) => is_saved.then(|| store.forget_token()).transpose()?.flatten(),
        Err(e) if e.is_unauthorized() && is_saved => store.forget_token()?,
        Err(_) => None,
    };
    result.map_err(|e| ctx.fail(&e, at))?;
    let mut human = vec![("signed out".to_owned(), "the token no longer works".to_owned())];
    if let Some(path) = &deleted {
        human.push(("deleted".to_owned(), path.display().to_string()));
    }
    let json = json!({"signed_out": true, "deleted": deleted.as_ref().map(|p| p.display().to_string())});
    ctx.print(Rendered { human, json })
}
