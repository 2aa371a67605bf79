//! Check a token without async: the blocking reqwest transport and `BlockingClient`.
//!
//! Env: `PLEX_TOKEN`, optional `PLEX_TV_URL`. Exits 3 when the token is invalid.

use plex_auth_core::BlockingClient;
use plex_auth_examples::config_from_env;
use plex_auth_reqwest::ReqwestBlockingTransport;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = BlockingClient::new(config_from_env().build()?, ReqwestBlockingTransport::new()?);
    match client.get_token_details() {
        Ok(me) => {
            println!("valid token for {} <{}>", me.username.unwrap_or_default(), me.email.unwrap_or_default());
            Ok(())
        }
        Err(e) if e.is_unauthorized() => {
            eprintln!("the token is invalid or revoked: discard it and sign in again");
            std::process::exit(3)
        }
        Err(e) => Err(e.into()),
    }
}
