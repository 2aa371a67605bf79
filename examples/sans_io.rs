//! The sans-IO way: build the request, send it with any HTTP client (reqwest here, used
//! directly), hand the response back to be decoded.
//!
//! Env: `PLEX_TOKEN`, optional `PLEX_TV_URL`.

use plex_auth_core::{Endpoint, GetTokenDetails};
use plex_auth_examples::config_from_env;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = config_from_env().build()?;
    let op = GetTokenDetails::new();
    let request = op.to_request(&config)?;
    println!("built {} {}", request.method(), request.uri());

    // reqwest runs here with `rustls-no-provider` (as plex-auth-reqwest turns it on): the
    // application picks the crypto provider, once, before building a client. Err means one was
    // installed already.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build()?;
    let reply = http.execute(reqwest::Request::try_from(request)?).await?;
    let mut response = http::Response::builder().status(reply.status());
    for (name, value) in reply.headers() {
        response = response.header(name, value);
    }
    let response = response.body(reply.bytes().await?)?;

    let account = op.from_response(response)?;
    println!("decoded account {} ({})", account.username.unwrap_or_default(), account.id.unwrap_or_default());
    Ok(())
}
