//! Serves FakePlex on loopback for the other examples.
//!
//! `PLEX_LOGIN=... PLEX_PASSWORD=... PLEX_TOKEN=... cargo run -p plex-auth-examples --example fake_plex`
//! creates that account (plus a 2FA account with the same password and code `PLEX_CODE`), prints
//! the URLs to export as `NAME=value` lines (never the credentials), then serves until stdin
//! closes.
//!
//! The account has two servers. "Demo Server" (`PLEX_SOURCE`) lists a LAN address that nothing
//! here may probe: no example races it. "Loopback Server" (`PLEX_RACE_SERVER`, its machine
//! identifier) has only connections with listeners of their own on 127.0.0.1, for a connection
//! race to choose from: one refuses, one answers as another server, one answers right, one never
//! answers, and a relay answers right. Those listeners live two minutes at most (the limit of
//! `FakeServer::listener`), so race within two minutes of the start.

use plex_auth_examples::env;
use plex_auth_testing::{FakeAccount, FakePlex, FakeServer, Probe};
use tokio::io::AsyncReadExt;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let machine = "0123456789abcdef0123456789abcdef01234567";
    let race_machine = "fedcba9876543210fedcba9876543210fedcba98";
    let impostor = "1111111111111111111111111111111111111111";
    let (login, password, token, code) =
        (env("PLEX_LOGIN")?, env("PLEX_PASSWORD")?, env("PLEX_TOKEN")?, env("PLEX_CODE")?);
    let loopback_server = FakeServer::new(race_machine, "Loopback Server")
        .listener(Probe::Refuse, true, false)
        .listener(Probe::WrongServer(impostor.into()), true, false)
        .listener(Probe::Right, true, false)
        .listener(Probe::Never, false, false)
        .listener(Probe::Right, false, true);
    let fake = FakePlex::new()
        .with_account(FakeAccount::new("demo", &login, &password).token(&token))
        .with_account(FakeAccount::new("twofa", &format!("twofa-{login}"), &password).two_factor(&code))
        .with_server(FakeServer::new(machine, "Demo Server").connection("http://192.168.1.20:32400", true, false))
        .with_server(loopback_server);
    let server = fake.serve().await?;
    println!("PLEX_TV_URL={}", server.plex_tv_url());
    println!("PLEX_SERVER_URL={}", server.server_url());
    println!("PLEX_SOURCE=server://{machine}");
    println!("PLEX_RACE_SERVER={race_machine}");
    println!("READY");
    // Serve until stdin closes (or the process is killed).
    let mut sink = Vec::new();
    tokio::io::stdin().read_to_end(&mut sink).await?;
    server.shutdown();
    Ok(())
}
