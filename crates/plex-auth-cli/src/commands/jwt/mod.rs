//! `plex-auth jwt ...`: JWT device authentication (reference §7.4). A device key and a client
//! identifier of its own live in the config dir; one file per subcommand.
//!
//! Why a client identifier of its own: once plex.tv issues a JWT for an identifier, that
//! identifier's legacy token stops working, so the JWT commands never share `signin`'s.

pub mod login;
pub mod pin_login;
pub mod refresh;
pub mod register;
pub mod status;
pub mod verify;

use crate::context::{Context, PlexClient};
use crate::explain::{Host, Situation};
use crate::failure::Failure;
use crate::output::{self, JwtView};
use plex_auth_core::jwt::{DeviceKey, JwkSet, JwtSession, Scopes};
use plex_auth_core::{ExposeSecret, GetPlexKeys};

/// The subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum JwtCommand {
    /// Register the device key with plex.tv using a token issued to the JWT client identifier
    /// (a key is made first if there is none). `login --jwt` needs no token.
    Register(register::Args),
    /// Get a Plex JWT (valid 7 days) with the registered device key.
    Login(login::Args),
    /// Refresh the saved Plex JWT when less than --window is left (or always with --force).
    Refresh(refresh::Args),
    /// Verify a Plex JWT (--token, PLEX_TOKEN, or the saved one) against plex.tv's keys.
    Verify(verify::Args),
    /// Show the JWT client identifier, device key and saved JWT, without any request.
    Status(status::Args),
}

/// Options of `jwt`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: JwtCommand,
}

/// Runs `jwt <subcommand>`.
pub async fn exec(ctx: &mut Context<'_>, args: &Args) -> Result<(), Failure> {
    match &args.command {
        JwtCommand::Register(a) => register::exec(ctx, a).await,
        JwtCommand::Login(a) => login::exec(ctx, a).await,
        JwtCommand::Refresh(a) => refresh::exec(ctx, a).await,
        JwtCommand::Verify(a) => verify::exec(ctx, a).await,
        JwtCommand::Status(a) => status::exec(ctx, a),
    }
}

/// `--scope`: what the Plex JWT should say about the user.
#[derive(Debug, Clone, clap::Args)]
pub struct ScopeArg {
    /// Comma-separated: username, email, friendly_name, restricted, anonymous, joinedAt.
    #[arg(long, value_name = "LIST", default_value = "username,email,friendly_name,restricted,anonymous,joinedAt")]
    pub scope: Scopes,
}

/// Where JWT commands talk: plex.tv (clients.plex.tv follows --plex-tv).
pub(crate) fn at() -> Situation {
    Situation::on(Host::PlexTv)
}

/// The saved device key, or a failure naming how to make one.
pub(crate) fn saved_key(ctx: &Context<'_>) -> Result<DeviceKey, Failure> {
    let store = ctx.store()?;
    store.device_key()?.ok_or_else(|| {
        Failure::invalid(format!("no device key in {}", store.dir().display()))
            .with_hint("log in with `plex-auth login --jwt --save` (no token needed), or register one with `plex-auth jwt register`")
    })
}

/// Plex's key set, fetched.
pub(crate) async fn plex_keys(ctx: &Context<'_>, client: &PlexClient) -> Result<JwkSet, Failure> {
    client.execute(&GetPlexKeys::new()).await.map_err(|e| ctx.fail(&e, at()))
}

/// Prints `session` (and saves it when asked), with `notes`.
pub(crate) fn print_session(
    ctx: &mut Context<'_>,
    client_id: &str,
    key: &DeviceKey,
    session: &JwtSession,
    save: bool,
    mut notes: Vec<(&'static str, String)>,
) -> Result<(), Failure> {
    ctx.sent.add(session.jwt.token.expose_secret());
    if save {
        let path = ctx.store()?.save_jwt(session.jwt.token.expose_secret())?;
        notes.push(("saved to", path.display().to_string()));
    }
    let kid = key.kid();
    let view = JwtView {
        client_id,
        kid: Some(&kid),
        token: Some((&session.jwt.token, &session.jwt.claims)),
        verified: true,
        refresh_at: Some(session.refresh_at()),
        notes,
    };
    let rendered = output::jwt(&view, ctx.cli.show_secrets)?;
    ctx.print(rendered)
}
