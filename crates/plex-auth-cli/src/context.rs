//! What every command shares: the global options, where output goes, the secrets this run sent,
//! and how to build a client for the host a command talks to.

use crate::cli::Cli;
use crate::explain::{Host, Situation, explain};
use crate::failure::Failure;
use crate::output::Rendered;
use crate::print::Stdout;
use crate::store::Store;
use crate::transport::{self, SharedTransport};
use plex_auth_core::{Client, ClientConfig, Error, SentSecrets};
use std::time::Duration;

/// The client every command uses.
pub type PlexClient = Client<SharedTransport>;

/// The default whole-request timeout, as the adapters have it.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Where a token came from, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenSource {
    /// `--token` or `PLEX_TOKEN`.
    Given,
    /// The file `signin --save` wrote.
    Saved,
}

/// Shared state of one run.
pub struct Context<'a> {
    /// The global options.
    pub cli: &'a Cli,
    /// Standard output.
    pub out: Stdout,
    /// What this run sent that must not come back out, even inside a good answer.
    pub sent: SentSecrets,
    /// The global flags given on the command line (e.g. `--server`), for commands that refuse
    /// some.
    pub given: Vec<String>,
}

impl<'a> Context<'a> {
    /// A context for `cli` writing to stdout.
    pub fn new(cli: &'a Cli) -> Self {
        Self { cli, out: Stdout::new(), sent: SentSecrets::default(), given: Vec::new() }
    }

    /// The config dir.
    pub fn store(&self) -> Result<Store, Failure> {
        Store::locate()
    }

    /// The identity this tool sends as `X-Plex-*` headers.
    pub fn config_builder(client_id: &str) -> plex_auth_core::ClientConfigBuilder {
        ClientConfig::builder()
            .client_identifier(client_id)
            .product("plex-auth")
            .version(env!("CARGO_PKG_VERSION"))
            .platform(std::env::consts::OS)
            .device("plex-auth-cli")
    }

    /// The `--timeout`, or the default.
    pub fn timeout(&self) -> Result<Duration, Failure> {
        Ok(transport::timeout(self.cli.timeout)?.unwrap_or(DEFAULT_TIMEOUT))
    }

    /// The token given with `--token`/`PLEX_TOKEN`, else the saved one; `None` if neither.
    pub fn token(&self) -> Result<Option<(String, TokenSource)>, Failure> {
        if let Some(t) = self.cli.token.as_ref().filter(|t| !t.is_empty()) {
            return Ok(Some((t.clone(), TokenSource::Given)));
        }
        Ok(self.store()?.token()?.map(|t| (t, TokenSource::Saved)))
    }

    /// The token, or a failure saying how to get one.
    pub fn required_token(&self) -> Result<String, Failure> {
        self.token()?.map(|(t, _)| t).ok_or_else(no_token)
    }

    /// A client for a command talking to `host`, sending `token` if given.
    pub fn client(&mut self, host: Host, token: Option<String>) -> Result<PlexClient, Failure> {
        let client_id = match &self.cli.client_id {
            Some(id) => id.clone(),
            None => self.store()?.client_id()?,
        };
        self.client_as(&client_id, host, token)
    }

    /// The client identifier JWT commands use: `--client-id`, else the JWT one kept in the
    /// config dir (never the one of `signin`/`login`: a JWT retires its identifier's token).
    pub fn jwt_client_id(&self) -> Result<String, Failure> {
        match &self.cli.client_id {
            Some(id) => Ok(id.clone()),
            None => self.store()?.jwt_client_id(),
        }
    }

    /// A plex.tv client for the JWT commands, as [`jwt_client_id`](Self::jwt_client_id).
    pub fn jwt_client(&mut self, token: Option<String>) -> Result<PlexClient, Failure> {
        let client_id = self.jwt_client_id()?;
        self.client_as(&client_id, Host::PlexTv, token)
    }

    fn client_as(&mut self, client_id: &str, host: Host, token: Option<String>) -> Result<PlexClient, Failure> {
        let plex_tv = checked_url(&self.cli.plex_tv, Host::PlexTv)?;
        let mut builder = Self::config_builder(client_id).plex_tv_url(plex_tv);
        match (&self.cli.server, host) {
            (Some(server), _) => builder = builder.server_url(checked_url(server, Host::Server)?),
            (None, Host::Server) => return Err(no_server()),
            (None, Host::PlexTv) => {}
        }
        if let Some(token) = token {
            self.sent.add(&token);
            builder = builder.token(token);
        }
        let at = Situation::on(host);
        let config = builder.build().map_err(|e| explain(&e, at))?;
        let transport = transport::build(self.cli.transport, Some(self.timeout()?)).map_err(|e| explain(&e, at))?;
        Ok(Client::new(config, transport))
    }

    /// Prints a command's result in the chosen mode, scrubbed of what this run sent unless
    /// `--show-secrets`.
    pub fn print(&mut self, rendered: Rendered) -> Result<(), Failure> {
        let rendered = if self.cli.show_secrets { rendered } else { rendered.scrub(&self.sent) };
        if self.cli.json {
            self.out.line(&crate::escape::json_text(&rendered.json))
        } else {
            self.out.text(&rendered.human_text())
        }
    }

    /// `err` explained for a command in situation `at`.
    pub fn fail(&self, err: &Error, at: Situation) -> Failure {
        explain(err, at)
    }
}

/// The failure for a command that needs a token and has none.
pub fn no_token() -> Failure {
    Failure::invalid("no token: this command needs one")
        .with_hint("pass --token or set PLEX_TOKEN, or sign in once with `plex-auth signin --save`")
}

fn no_server() -> Failure {
    Failure::invalid("no Plex Media Server URL: this command talks to a server")
        .with_hint("pass --server or set PLEX_SERVER_URL, e.g. --server http://192.168.1.20:32400")
}

/// `url` if it names a scheme; else a failure suggesting `http://` (without any credentials,
/// path or query of what was typed).
fn checked_url(url: &str, host: Host) -> Result<&str, Failure> {
    if url.contains("://") {
        return Ok(url);
    }
    let authority = url.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let (field, example) = match host {
        Host::PlexTv => ("plex_tv_url", format!("https://{authority}/api/v2")),
        Host::Server => ("server_url", format!("http://{authority}")),
    };
    let flag = host.flag();
    Err(Failure::invalid(format!("invalid {field}: missing http:// or https://"))
        .with_hint(format!("did you mean {example}? Set it with {flag}")))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_url_without_a_scheme_suggests_one_without_credentials_or_query() {
        let f = checked_url("ana:pw@192.168.1.20:32400/x?X-Plex-Token=t", Host::Server).unwrap_err();
        assert_eq!(f.exit_code(), 2);
        assert_eq!(
            f.hint.as_deref(),
            Some("did you mean http://192.168.1.20:32400? Set it with --server (or PLEX_SERVER_URL)")
        );
        assert!(checked_url("http://x", Host::Server).is_ok());
        let f = checked_url("plex.tv", Host::PlexTv).unwrap_err();
        assert!(f.hint.unwrap().contains("https://plex.tv/api/v2"));
    }
}
