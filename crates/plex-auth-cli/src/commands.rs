//! The commands that talk to Plex: gather inputs, call the core client, render the result.

use crate::cli::{Cli, Command, MethodChoice};
use crate::failure::Failure;
use crate::input::read_password;
use crate::output::{self, Rendered};
use crate::store::Store;
use crate::transport::{self, SharedTransport};
use plex_auth_core::{
    Client, ClientConfig, ExposeSecret, GetSourceConnectionInformation, GetTransientToken, PostUsersSignInData,
    SentSecrets, TransientTokenMethod, UserPlexAccount,
};
use std::io::IsTerminal;

/// The client every command uses.
pub type PlexClient = Client<SharedTransport>;

/// The identity this tool sends as `X-Plex-*` headers.
pub fn config_builder(client_id: &str) -> plex_auth_core::ClientConfigBuilder {
    ClientConfig::builder()
        .client_identifier(client_id)
        .product("plex-auth")
        .version(env!("CARGO_PKG_VERSION"))
        .platform(std::env::consts::OS)
        .device("plex-auth-cli")
}

/// Runs a non-demo command.
pub async fn run(cli: &Cli) -> Result<Rendered, Failure> {
    let store = Store::locate()?;
    let timeout = transport::timeout(cli.timeout)?;
    let client_id = match &cli.client_id {
        Some(id) => id.clone(),
        None => store.client_id()?,
    };
    let token = match (&cli.token, &cli.command) {
        (Some(t), _) => Some(t.clone()),
        (None, Command::Signin { .. }) => None,
        (None, _) => store.token()?,
    };
    let mut builder = config_builder(&client_id).plex_tv_url(&cli.plex_tv);
    if let Some(server) = &cli.server {
        builder = builder.server_url(server);
    }
    // What this run sends that must not come back out, even inside a good answer.
    let mut sent = SentSecrets::default();
    if let Some(token) = token {
        sent.add(&token);
        builder = builder.token(token);
    }
    let client = Client::new(builder.build()?, transport::build(cli.transport, timeout)?);
    let show = cli.show_secrets;
    let rendered = render(cli, &client, &store, &mut sent).await?;
    Ok(if show { rendered } else { rendered.scrub(&sent) })
}

/// Runs the command and renders its result.
async fn render(cli: &Cli, client: &PlexClient, store: &Store, sent: &mut SentSecrets) -> Result<Rendered, Failure> {
    let show = cli.show_secrets;
    match &cli.command {
        Command::Signin { login, code, remember_me, save } => {
            let account = sign_in(client, login, code.as_deref(), *remember_me, sent).await?;
            let saved = match (save, &account.auth_token) {
                (true, Some(token)) => Some(store.save_token(token.expose_secret())?),
                _ => None,
            };
            output::account(&account, show, saved.as_deref())
        }
        Command::Whoami => output::account(&client.get_token_details().await?, show, None),
        Command::TransientToken { method } => {
            let method = match method {
                MethodChoice::Get => TransientTokenMethod::Get,
                MethodChoice::Post => TransientTokenMethod::Post,
            };
            output::transient_token(&client.execute(&GetTransientToken::new().method(method)).await?, show)
        }
        Command::SourceInfo { source, refresh } => {
            let op = GetSourceConnectionInformation::new(source.as_str()).refresh(*refresh);
            output::source_info(&client.execute(&op).await?, show)
        }
        Command::Demo => Err(Failure::Local("demo is run by main".into())),
    }
}

/// Signs in; on a terminal, asks for the 2FA code when Plex wants one and none was given.
async fn sign_in(
    client: &PlexClient,
    login: &str,
    code: Option<&str>,
    remember: bool,
    sent: &mut SentSecrets,
) -> Result<UserPlexAccount, Failure> {
    let password = read_password()?;
    sent.add(password.expose_secret());
    let mut request = PostUsersSignInData::new(login, password);
    if remember {
        request = request.remember_me(true);
    }
    if let Some(code) = code {
        sent.add(code);
        request = request.verification_code(code);
    }
    match client.post_users_sign_in_data(&request).await {
        Err(e) if e.two_factor_required() && code.is_none() && std::io::stdin().is_terminal() => {
            let code = rpassword::prompt_password("Plex verification code: ")
                .map_err(|e| Failure::Local(format!("cannot read the code: {e}")))?;
            sent.add(code.trim());
            Ok(client.post_users_sign_in_data(&request.verification_code(code.trim())).await?)
        }
        other => Ok(other?),
    }
}
