//! The peer comparison's driver for our library (bench/peers/run.py builds and runs it), with
//! the same two modes as the peers' drivers in bench/peers/drivers/:
//!
//! - `plex-auth-peer-driver bench URL TOKEN N`: builds a blocking reqwest client for `URL` (a
//!   loopback plex.tv API base, ending in /api/v2), checks `TOKEN` (`GET /user`) `N` times and
//!   exits 0 when every check decoded an account. `N = 0` builds the client and makes no call
//!   (cold start).
//! - `plex-auth-peer-driver floor URL TOKEN N`: the same `N` requests with plain reqwest
//!   blocking and `serde_json::Value`, the floor our library's figures are compared with.
//! - `plex-auth-peer-driver drift TOKEN URL...`: one check per `URL`, printing one line each:
//!   `ok<TAB>username` or `fail<TAB>the error's first line`.

use plex_auth_core::{BlockingClient, ClientConfig, UserPlexAccount};
use plex_auth_reqwest::ReqwestBlockingTransport;
use std::process::ExitCode;

type Peer = BlockingClient<ReqwestBlockingTransport>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["bench", url, token, n] => match n.parse::<u32>() {
            Ok(n) => bench(url, token, n),
            Err(_) => usage(),
        },
        ["floor", url, token, n] => match n.parse::<u32>() {
            Ok(n) => floor(url, token, n),
            Err(_) => usage(),
        },
        ["drift", token, urls @ ..] => drift(token, urls),
        _ => usage(),
    }
}

fn bench(url: &str, token: &str, n: u32) -> ExitCode {
    let client = match client(url, token) {
        Ok(client) => client,
        Err(e) => return fail(&e),
    };
    for _ in 0..n {
        if let Err(e) = client.get_token_details() {
            return fail(&e);
        }
    }
    ExitCode::SUCCESS
}

/// The floor: the same request with plain reqwest blocking, the body parsed into a
/// `serde_json::Value` (no status or content-type checks, no model, no secrets).
fn floor(url: &str, token: &str, n: u32) -> ExitCode {
    plex_auth_bench::raw::install_ring();
    let client = match reqwest::blocking::Client::builder().build() {
        Ok(client) => client,
        Err(e) => return fail(&e),
    };
    let user = format!("{url}/user");
    for _ in 0..n {
        let sent = client
            .get(&user)
            .header("X-Plex-Token", token)
            .header("X-Plex-Client-Identifier", "plex-auth-peer-bench")
            .header("Accept", "application/json")
            .send()
            .and_then(reqwest::blocking::Response::bytes);
        match sent.map(|body| serde_json::from_slice::<serde_json::Value>(&body)) {
            Ok(Ok(account)) if account.get("username").is_some() => {}
            Ok(Ok(_)) => return fail(&"no username in the body"),
            Ok(Err(e)) => return fail(&e),
            Err(e) => return fail(&e),
        }
    }
    ExitCode::SUCCESS
}

fn drift(token: &str, urls: &[&str]) -> ExitCode {
    for url in urls {
        match client(url, token).and_then(|c| c.get_token_details().map_err(|e| e.to_string())) {
            Ok(account) => println!("ok\t{}", username(&account)),
            Err(e) => println!("fail\t{}", e.lines().next().unwrap_or("")),
        }
    }
    ExitCode::SUCCESS
}

fn username(account: &UserPlexAccount) -> &str {
    account.username.as_deref().unwrap_or("(none)")
}

fn client(url: &str, token: &str) -> Result<Peer, String> {
    let config = ClientConfig::builder()
        .client_identifier("plex-auth-peer-bench")
        .product("plex-auth peer bench")
        .plex_tv_url(url)
        .token(token)
        .build()
        .map_err(|e| e.to_string())?;
    let transport = ReqwestBlockingTransport::new().map_err(|e| e.to_string())?;
    Ok(BlockingClient::new(config, transport))
}

fn usage() -> ExitCode {
    eprintln!("usage: plex-auth-peer-driver (bench|floor) URL TOKEN N | plex-auth-peer-driver drift TOKEN URL...");
    ExitCode::from(2)
}

fn fail(e: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("plex-auth-peer-driver: {e}");
    ExitCode::FAILURE
}
