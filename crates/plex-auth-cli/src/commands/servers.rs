//! `plex-auth servers`: the account's servers from plex.tv `resources`, and with `--connect`
//! the best way to reach each one, raced as the library does it.

use crate::context::Context;
use crate::explain::{Host, Situation};
use crate::failure::Failure;
use crate::output;
use plex_auth_core::flow::RaceOptions;
use std::time::Duration;

/// Options of `servers`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Probe each server's connections and show the one to use, and why.
    #[arg(long)]
    pub connect: bool,
    /// List every device, not only servers.
    #[arg(long)]
    pub all: bool,
    /// With --connect: how long each probe may take, in seconds [default: 3].
    #[arg(long = "probe-timeout", value_name = "SECONDS")]
    pub probe_timeout: Option<f64>,
}

/// Runs `servers`.
pub async fn exec(ctx: &mut Context<'_>, args: &Args) -> Result<(), Failure> {
    let token = ctx.required_token()?;
    let client = ctx.client(Host::PlexTv, Some(token))?;
    let at = Situation::on(Host::PlexTv);
    let resources = client.get_resources().await.map_err(|e| ctx.fail(&e, at))?;
    let devices: Vec<_> = resources.into_iter().filter(|r| args.all || r.is_server()).collect();
    let mut options = RaceOptions::default();
    if let Some(secs) = args.probe_timeout {
        options.attempt_timeout = Duration::try_from_secs_f64(secs)
            .ok()
            .filter(|d| !d.is_zero())
            .ok_or_else(|| Failure::invalid("invalid --probe-timeout: must be a positive number of seconds"))?;
    }
    let mut reports = Vec::new();
    for device in &devices {
        let report = match args.connect && device.is_server() {
            true => Some(
                client
                    .connect(device, options.clone(), &plex_auth_reqwest::TokioTimer)
                    .await
                    .map_err(|e| ctx.fail(&e, at))?,
            ),
            false => None,
        };
        reports.push(report);
    }
    let rendered = output::servers(&devices, &reports, ctx.cli.show_secrets)?;
    ctx.print(rendered)
}
