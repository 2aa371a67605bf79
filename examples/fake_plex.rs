//! Serves FakePlex on loopback for the other examples.
//!
//! `PLEX_LOGIN=... PLEX_PASSWORD=... PLEX_TOKEN=... cargo run -p plex-auth-examples --example fake_plex`
//! creates that account (plus a 2FA account with the same password and code `PLEX_CODE`), prints
//! the URLs to export as `NAME=value` lines (never the credentials), then serves until stdin
//! closes.

use plex_auth_examples::env;
use plex_auth_testing::{FakeAccount, FakePlex, FakeServer};
use tokio::io::AsyncReadExt;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let machine = "0123456789abcdef0123456789abcdef01234567";
    let (login, password, token, code) =
        (env("PLEX_LOGIN")?, env("PLEX_PASSWORD")?, env("PLEX_TOKEN")?, env("PLEX_CODE")?);
    let fake = FakePlex::new()
        .with_account(FakeAccount::new("demo", &login, &password).token(&token))
        .with_account(FakeAccount::new("twofa", &format!("twofa-{login}"), &password).two_factor(&code))
        .with_server(FakeServer::new(machine, "Demo Server").connection("http://192.168.1.20:32400", true, false));
    let server = fake.serve().await?;
    println!("PLEX_TV_URL={}", server.plex_tv_url());
    println!("PLEX_SERVER_URL={}", server.server_url());
    println!("PLEX_SOURCE=server://{machine}");
    println!("READY");
    // Serve until stdin closes (or the process is killed).
    let mut sink = Vec::new();
    tokio::io::stdin().read_to_end(&mut sink).await?;
    server.shutdown();
    Ok(())
}
