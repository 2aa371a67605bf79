//! Get a transient token from a Plex Media Server with hyper, then the connection details of a
//! source using that token.
//!
//! Env: `PLEX_SERVER_URL`, `PLEX_TOKEN` (an admin token), `PLEX_SOURCE` (e.g. `server://<id>`).

use plex_auth_core::{Client, GetSourceConnectionInformation};
use plex_auth_examples::{config_from_env, env, redacted};
use plex_auth_hyper::HyperTransport;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new(config_from_env().build()?, HyperTransport::https()?);
    let transient = client.get_transient_token().await?;
    println!("transient token {}", redacted(&transient));
    let op = GetSourceConnectionInformation::new(env("PLEX_SOURCE")?).with_token(transient);
    let info = client.execute(&op).await?;
    println!("{} ({})", info.name.unwrap_or_default(), info.client_identifier.unwrap_or_default());
    for c in info.connections.unwrap_or_default() {
        let local = if c.local == Some(true) { " local" } else { "" };
        println!("  {}{local}", c.uri.unwrap_or_default());
    }
    Ok(())
}
