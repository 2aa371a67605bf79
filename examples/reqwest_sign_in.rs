//! Sign in with a login and password (and a 2FA code when asked), then check the new token.
//!
//! Env: `PLEX_LOGIN`, `PLEX_PASSWORD`, optional `PLEX_CODE`, optional `PLEX_TV_URL`.

use plex_auth_core::{Client, PostUsersSignInData};
use plex_auth_examples::{config_from_env, env, redacted};
use plex_auth_reqwest::ReqwestTransport;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = config_from_env().build()?;
    let mut client = Client::new(config, ReqwestTransport::new()?);
    let mut sign_in = PostUsersSignInData::new(env("PLEX_LOGIN")?, env("PLEX_PASSWORD")?);
    if let Ok(code) = std::env::var("PLEX_CODE") {
        sign_in = sign_in.verification_code(code);
    }
    let account = match client.post_users_sign_in_data(&sign_in).await {
        Ok(account) => account,
        Err(e) if e.two_factor_required() => return Err("this account needs a 2FA code: set PLEX_CODE".into()),
        Err(e) if e.is_unauthorized() => return Err(format!("wrong login or password: {e}").into()),
        Err(e) => return Err(e.into()),
    };
    let token = account.auth_token.ok_or("no token in the answer")?;
    println!("signed in as {}; token {}", account.username.unwrap_or_default(), redacted(&token));
    client.config_mut().set_token(token)?;
    let me = client.get_token_details().await?;
    println!("token is valid for account id {}", me.id.unwrap_or_default());
    Ok(())
}
