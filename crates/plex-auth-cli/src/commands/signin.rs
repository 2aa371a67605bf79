//! `plex-auth signin`: username/password sign-in with two-factor codes, optionally saving the
//! token.

use crate::context::Context;
use crate::explain::{Host, Situation};
use crate::failure::Failure;
use crate::input::read_password;
use crate::output;
use crate::print::stderr_line;
use plex_auth_core::{ExposeSecret, PostUsersSignInData, UserPlexAccount};
use std::io::IsTerminal;

/// Options of `signin`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Username or email.
    #[arg(long, env = "PLEX_LOGIN", value_name = "LOGIN")]
    pub login: String,
    /// Two-factor verification code; else asked for on a terminal when Plex wants one.
    /// Prefer PLEX_CODE or the prompt: a value given with --code is visible to other users
    /// in `ps`.
    #[arg(long, env = "PLEX_CODE", value_name = "CODE")]
    pub code: Option<String>,
    /// Ask plex.tv for a longer-lived session.
    #[arg(long = "remember-me")]
    pub remember_me: bool,
    /// Save the token in the config dir for later commands (`plex-auth token` prints it).
    #[arg(long)]
    pub save: bool,
}

/// Runs `signin`.
pub async fn exec(ctx: &mut Context<'_>, args: &Args) -> Result<(), Failure> {
    let client = ctx.client(Host::PlexTv, None)?;
    let password = read_password()?;
    ctx.sent.add(password.expose_secret());
    let mut request = PostUsersSignInData::new(args.login.as_str(), password);
    if args.remember_me {
        request = request.remember_me(true);
    }
    let code = args.code.as_deref().map(str::trim).filter(|c| !c.is_empty());
    if let Some(code) = code {
        ctx.sent.add(code);
        request = request.verification_code(code);
    }
    let at = Situation { host: Host::PlexTv, signing_in: true, sent_code: code.is_some() };
    let account = match client.post_users_sign_in_data(&request).await {
        Err(e) if e.two_factor_required() && code.is_none() && std::io::stdin().is_terminal() => {
            let code = prompt_code()?;
            ctx.sent.add(&code);
            let at = Situation { sent_code: true, ..at };
            client.post_users_sign_in_data(&request.verification_code(code)).await.map_err(|e| ctx.fail(&e, at))?
        }
        other => other.map_err(|e| ctx.fail(&e, at))?,
    };
    let saved = save(ctx, args, &account)?;
    let rendered = output::account(&account, ctx.cli.show_secrets, saved.as_deref())?;
    ctx.print(rendered)?;
    if saved.is_none() && !ctx.cli.show_secrets {
        stderr_line(
            "plex-auth: the token was not saved: sign in with --save to keep it for later commands \
             (then `plex-auth token` prints it), or with --show-secrets to see it now",
        );
    }
    Ok(())
}

fn prompt_code() -> Result<String, Failure> {
    let code = rpassword::prompt_password("Plex verification code: ")
        .map_err(|e| Failure::io(format!("cannot read the code: {e}")))?;
    Ok(code.trim().to_owned())
}

fn save(ctx: &Context<'_>, args: &Args, account: &UserPlexAccount) -> Result<Option<std::path::PathBuf>, Failure> {
    match (args.save, &account.auth_token) {
        (true, Some(token)) => Ok(Some(ctx.store()?.save_token(token.expose_secret())?)),
        _ => Ok(None),
    }
}
