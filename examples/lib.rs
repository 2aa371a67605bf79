//! Shared bits of the runnable examples (`cargo run -p plex-auth-examples --example NAME`).
//!
//! Every example reads its URLs and credentials from the environment, so each one runs against
//! real Plex or against the loopback fake started by `--example fake_plex`.
#![forbid(unsafe_code)]

use plex_auth_core::{ClientConfig, ClientConfigBuilder, ExposeSecret, Secret};

/// Reads `name` from the environment, or fails naming it.
pub fn env(name: &str) -> Result<String, String> {
    std::env::var(name).map_err(|_| format!("set {name} (run the fake_plex example for values to try)"))
}

/// A config from `PLEX_CLIENT_IDENTIFIER`, `PLEX_TV_URL`, `PLEX_SERVER_URL` and `PLEX_TOKEN`,
/// each optional (the client identifier defaults to a fixed example value).
pub fn config_from_env() -> ClientConfigBuilder {
    let mut b = ClientConfig::builder()
        .client_identifier(std::env::var("PLEX_CLIENT_IDENTIFIER").unwrap_or_else(|_| "plex-auth-example".into()))
        .product("plex-auth example");
    if let Ok(url) = std::env::var("PLEX_TV_URL") {
        b = b.plex_tv_url(url);
    }
    if let Ok(url) = std::env::var("PLEX_SERVER_URL") {
        b = b.server_url(url);
    }
    if let Ok(token) = std::env::var("PLEX_TOKEN") {
        b = b.token(token);
    }
    b
}

/// How examples show a secret: never its value.
pub fn redacted(secret: &Secret) -> String {
    format!("[redacted] ({} chars)", secret.expose_secret().len())
}
