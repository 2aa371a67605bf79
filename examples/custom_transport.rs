//! A transport of your own in a few lines: here, one that logs method and path (never headers,
//! which carry the token) and hands the request to reqwest.
//!
//! Env: `PLEX_TOKEN`, optional `PLEX_TV_URL`.

use plex_auth_core::{Client, HttpRequest, HttpResponse, Transport, TransportError};
use plex_auth_examples::config_from_env;
use plex_auth_reqwest::ReqwestTransport;

/// Logs each exchange, then delegates.
struct Logging<T>(T);

impl<T: Transport> Transport for Logging<T> {
    async fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        let line = format!("{} {}", req.method(), req.uri().path());
        let result = self.0.send(req).await;
        match &result {
            Ok(resp) => println!("{line} -> {}", resp.status()),
            Err(e) => println!("{line} -> {e}"),
        }
        result
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new(config_from_env().build()?, Logging(ReqwestTransport::new()?));
    let me = client.get_token_details().await?;
    println!("account {}", me.username.unwrap_or_default());
    Ok(())
}
