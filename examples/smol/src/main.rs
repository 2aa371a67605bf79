//! PIN login and a connection race on smol, with no tokio anywhere: `plex-auth-core`'s client
//! and its flow driver run over [`SmolTransport`] and [`SmolTimer`] inside `smol::block_on`.
//!
//! 1. A device without a token creates a short PIN; an account that is already signed in
//!    (`PLEX_TOKEN`) links it with `PUT /pins/link`, as a second device would at plex.tv/link,
//!    while the device waits for it with the PIN login flow (`flow::drive` on smol's timer).
//!    Only the fact that a token came back is printed, never the token.
//! 2. The account lists its resources and races the connections of the server
//!    `PLEX_RACE_SERVER` (a machine identifier), printing every candidate's outcome and the
//!    one chosen. Only servers whose every connection is on loopback are probed.
//!
//! Env: `PLEX_TV_URL`, `PLEX_TOKEN`, `PLEX_RACE_SERVER`; optional `PLEX_CLIENT_IDENTIFIER`.
//! `examples/run-against-fake.sh` runs it against the `fake_plex` example.

use plex_auth_core::flow::{self, PinLogin, PinLoginOutcome, RaceOptions, candidates_of};
use plex_auth_core::{Client, ClientConfig, CreatePin, ExposeSecret, LinkPin, Resource, Timer};
use plex_auth_example_smol::{SmolTimer, SmolTransport};
use std::error::Error;
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// How often the device polls its PIN, and how long after the start the account links it.
const POLL_INTERVAL: Duration = Duration::from_millis(250);
const LINK_AFTER: Duration = Duration::from_millis(600);

fn main() -> Result<(), Box<dyn Error>> {
    smol::block_on(run())
}

/// Reads `name` from the environment, or fails naming it.
fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("set {name} (run the fake_plex example for values to try)"))
}

async fn run() -> Result<(), Box<dyn Error>> {
    let plex_tv = env("PLEX_TV_URL")?;
    let account_token = env("PLEX_TOKEN")?;
    let race_server = env("PLEX_RACE_SERVER")?;
    let client_id = std::env::var("PLEX_CLIENT_IDENTIFIER").unwrap_or_else(|_| "plex-auth-example-smol".into());
    let transport = SmolTransport::new().with_timeout(Duration::from_secs(10));
    let timer = SmolTimer;

    // The device that signs in, and an account already signed in on another device.
    let device_config = ClientConfig::builder().client_identifier(&client_id).product("plex-auth smol example");
    let mut device = Client::new(device_config.plex_tv_url(&plex_tv).build()?, transport.clone());
    let account_config =
        ClientConfig::builder().client_identifier(format!("{client_id}-account")).product("plex-auth smol example");
    let account = Client::new(account_config.plex_tv_url(&plex_tv).token(account_token).build()?, transport);

    println!("runtime: smol (async-io); transport: SmolTransport (HTTP/1.1 over smol::net); timer: SmolTimer");

    // (a) PIN login.
    let pin = device.execute(&CreatePin::new().strong(false)).await?;
    let code = pin.code.clone().ok_or("the PIN has no code")?;
    println!("pin: created PIN {} (a {}-character code)", pin.id.unwrap_or_default(), code.len());
    let started = Instant::now();
    let login = PinLogin::new(device.config(), &pin, timer.now())?
        .interval(POLL_INTERVAL)
        .deadline(timer.now() + Duration::from_secs(30));
    let link = async {
        smol::Timer::after(LINK_AFTER).await;
        account.execute(&LinkPin::new(code)).await?;
        println!("pin: linked by the signed-in account (PUT /pins/link) after {} ms", started.elapsed().as_millis());
        Ok::<(), plex_auth_core::Error>(())
    };
    let (outcome, ()) = smol::future::try_zip(flow::drive(device.transport(), &timer, login), link).await?;
    let PinLoginOutcome::Linked { token, .. } = outcome else {
        return Err(format!("the PIN login ended without a token: {outcome:?}").into());
    };
    println!(
        "pin: token obtained after {} ms by polling every {} ms: [redacted] ({} chars)",
        started.elapsed().as_millis(),
        POLL_INTERVAL.as_millis(),
        token.expose_secret().len()
    );
    device.set_token(token)?;
    let me = device.get_token_details().await?;
    println!("pin: the new token is accepted: account {}", me.username.unwrap_or_default());

    // (b) Resources and the connection race.
    let resources = account.get_resources().await?;
    let servers: Vec<&Resource> = resources.iter().filter(|r| r.is_server()).collect();
    println!("resources: {} server(s)", servers.len());
    for server in &servers {
        let probed = if all_loopback(server) { "all on loopback" } else { "not all on loopback: never probed here" };
        println!(
            "  {} ({}): {} connection(s), {probed}",
            server.name.as_deref().unwrap_or_default(),
            server.client_identifier.as_deref().unwrap_or_default(),
            server.connections().len()
        );
    }
    let server = servers
        .iter()
        .find(|s| s.client_identifier.as_deref() == Some(race_server.as_str()))
        .ok_or_else(|| format!("no server {race_server} among the resources"))?;
    if !all_loopback(server) {
        return Err(format!("refusing to race {race_server}: this example probes loopback addresses only").into());
    }
    let options = RaceOptions { attempt_timeout: Duration::from_secs(2), ..RaceOptions::default() };
    let report = account.connect(server, options, &timer).await?;
    println!("race: {} candidate(s), best first:", report.probes.len());
    for (i, (candidate, outcome)) in report.probes.iter().enumerate() {
        let class = if candidate.relay {
            "relay"
        } else if candidate.local {
            "local"
        } else {
            "remote"
        };
        let chosen = if report.chosen == Some(i) { " (chosen)" } else { "" };
        println!("  {} [{class}]: {outcome}{chosen}", candidate.uri);
    }
    let chosen = report.chosen().ok_or("no connection answered as the server")?;
    println!("chosen connection: {}", chosen.uri);
    Ok(())
}

/// Whether every connection the race would probe for `server` is on this machine.
fn all_loopback(server: &Resource) -> bool {
    let candidates = candidates_of(server);
    !candidates.is_empty() && candidates.iter().all(|c| is_loopback(&c.uri))
}

/// `http://127.0.0.1:…`, `http://[::1]:…` or `http://localhost:…`.
fn is_loopback(uri: &str) -> bool {
    let Ok(uri) = uri.parse::<plex_auth_core::http::Uri>() else { return false };
    let Some(host) = uri.host() else { return false };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::is_loopback;

    #[test]
    fn only_this_machine_is_loopback() {
        for uri in ["http://127.0.0.1:32400", "http://127.5.0.1", "http://[::1]:8080", "http://LOCALHOST:1"] {
            assert!(is_loopback(uri), "{uri}");
        }
        for uri in ["http://192.168.1.20:32400", "https://10-0-0-5.abc.plex.direct:32400", "http://[::2]", "nonsense"] {
            assert!(!is_loopback(uri), "{uri}");
        }
    }
}
