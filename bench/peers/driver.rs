//! The peer comparison's driver for our library: `plex-auth-peer-driver URL TOKEN N` checks
//! `TOKEN` against `URL` (a loopback plex.tv) `N` times with the blocking reqwest transport and
//! exits 0 when every check decoded an account. `N = 0` measures a cold start.

use plex_auth_core::{BlockingClient, ClientConfig};
use plex_auth_reqwest::ReqwestBlockingTransport;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [url, token, n] = args.as_slice() else {
        eprintln!("usage: plex-auth-peer-driver URL TOKEN N");
        return ExitCode::from(2);
    };
    let Ok(n) = n.parse::<u32>() else {
        eprintln!("N must be a whole number, not {n:?}");
        return ExitCode::from(2);
    };
    if n == 0 {
        return ExitCode::SUCCESS;
    }
    let config = ClientConfig::builder()
        .client_identifier("plex-auth-peer-bench")
        .product("plex-auth peer bench")
        .plex_tv_url(url.as_str())
        .token(token.as_str())
        .build();
    let client = match (config, ReqwestBlockingTransport::new()) {
        (Ok(config), Ok(transport)) => BlockingClient::new(config, transport),
        (Err(e), _) => return fail(&e),
        (_, Err(e)) => return fail(&e),
    };
    for _ in 0..n {
        if let Err(e) = client.get_token_details() {
            return fail(&e);
        }
    }
    ExitCode::SUCCESS
}

fn fail(e: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("plex-auth-peer-driver: {e}");
    ExitCode::FAILURE
}
