//! `plex-auth login`: PIN login, the way Plex asks apps to sign in. Shows a URL (and a QR code
//! on a terminal) where the user approves, waits with a spinner, then prints the account and
//! optionally saves the token.

use crate::context::Context;
use crate::explain::{Host, Situation};
use crate::failure::{Failure, FailureKind};
use crate::output;
use crate::print::stderr_line;
use plex_auth_core::flow::{PinLogin, PinLoginOutcome};
use plex_auth_core::{AuthUrl, ExposeSecret, Pin};
use std::io::IsTerminal;
use std::time::Duration;

/// Options of `login`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Save the token in the config dir for later commands (`plex-auth token` prints it).
    #[arg(long)]
    pub save: bool,
    /// How long to wait for approval, in seconds (also ends when the PIN expires).
    #[arg(long, value_name = "SECONDS", default_value_t = 120)]
    pub wait: u64,
    /// Where the approval page is (Plex's web app by default).
    #[arg(long = "auth-url", value_name = "URL", default_value = plex_auth_core::DEFAULT_AUTH_APP_URL)]
    pub auth_url: String,
    /// Do not draw a QR code of the URL.
    #[arg(long = "no-qr")]
    pub no_qr: bool,
    /// Get a Plex JWT instead of a token, with the device key and JWT client identifier of
    /// `plex-auth jwt` (made on first use); --save keeps it for `jwt refresh`.
    #[arg(long)]
    pub jwt: bool,
}

/// Runs `login`.
pub async fn exec(ctx: &mut Context<'_>, args: &Args) -> Result<(), Failure> {
    if args.jwt {
        return crate::commands::jwt::pin_login::exec(ctx, args).await;
    }
    let at = Situation::on(Host::PlexTv);
    let mut client = ctx.client(Host::PlexTv, None)?;
    let pin = client.create_pin().await.map_err(|e| ctx.fail(&e, at))?;
    let url = AuthUrl::new(client.config(), &pin).app_url(&args.auth_url).build().map_err(|e| ctx.fail(&e, at))?;
    let interactive = std::io::stderr().is_terminal() && !ctx.cli.json;
    show_url(&url, &pin, interactive && !args.no_qr);

    let timer = plex_auth_reqwest::TokioTimer;
    let now = plex_auth_core::Timer::now(&timer);
    let flow = PinLogin::new(client.config(), &pin, now)
        .map_err(|e| ctx.fail(&e, at))?
        .deadline(now + Duration::from_secs(args.wait));
    let spinner = interactive.then(spinner);
    let outcome = client.drive(flow, &timer).await;
    if let Some(spinner) = spinner {
        spinner.finish_and_clear();
    }
    let token = match outcome.map_err(|e| ctx.fail(&e, at))? {
        PinLoginOutcome::Linked { token, .. } => token,
        PinLoginOutcome::Expired => return Err(not_approved("the PIN expired before it was approved")),
        PinLoginOutcome::DeadlineReached => {
            return Err(not_approved(&format!("nobody approved the PIN within {} s", args.wait)));
        }
        PinLoginOutcome::Cancelled => return Err(not_approved("the login was cancelled")),
    };
    ctx.sent.add(token.expose_secret());
    client.set_token(token.clone()).map_err(|e| ctx.fail(&e, at))?;
    let account = client.get_token_details().await.map_err(|e| ctx.fail(&e, at))?;
    let saved = match args.save {
        true => Some(ctx.store()?.save_token(token.expose_secret())?),
        false => None,
    };
    let rendered = output::account(&account, ctx.cli.show_secrets, saved.as_deref())?;
    ctx.print(rendered)?;
    if saved.is_none() && !ctx.cli.show_secrets {
        stderr_line("plex-auth: the token was not saved: log in with --save to keep it for later commands");
    }
    Ok(())
}

pub(crate) fn not_approved(message: &str) -> Failure {
    Failure::new(FailureKind::NotApproved, message)
        .with_hint("run `plex-auth login` again and approve in the browser; --wait SECONDS gives more time")
}

/// The URL and code on stderr (stdout is for the result), with a QR code on a terminal.
pub(crate) fn show_url(url: &str, pin: &Pin, qr: bool) {
    stderr_line(&format!("Open this URL to sign in to Plex and approve plex-auth:\n  {url}"));
    if let Some(code) = pin.code.as_deref().filter(|c| c.len() <= 8) {
        stderr_line(&format!("(or enter the code {code} at https://plex.tv/link)"));
    }
    if qr {
        if let Ok(code) = qrcode::QrCode::new(url.as_bytes()) {
            let art = code.render::<qrcode::render::unicode::Dense1x2>().quiet_zone(true).build();
            stderr_line(&art);
        }
    }
}

pub(crate) fn spinner() -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_message("waiting for approval in the browser...");
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}
