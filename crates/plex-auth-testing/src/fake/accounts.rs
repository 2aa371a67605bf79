//! Accounts and servers the fake knows.

use plex_auth_core::{Connection, ExposeSecret, Secret, SourceConnectionInformation, UserPlexAccount};

/// A plex.tv account: login by username or email, a password, optionally a 2FA code.
///
/// The password, the 2FA code and the tokens are [`Secret`]s, so `Debug` never prints them.
#[derive(Debug, Clone)]
pub struct FakeAccount {
    pub(crate) username: String,
    pub(crate) email: String,
    pub(crate) password: Secret,
    pub(crate) two_factor: Option<Secret>,
    pub(crate) tokens: Vec<Secret>,
    pub(crate) admin: bool,
    pub(crate) account: UserPlexAccount,
}

impl FakeAccount {
    /// An account with a realistic profile; `id` and `uuid` are derived from the username.
    pub fn new(username: &str, email: &str, password: &str) -> Self {
        let id = username.bytes().fold(1_000_000i64, |acc, b| (acc * 31 + i64::from(b)) % 900_000_000);
        let account = UserPlexAccount {
            id: Some(id),
            uuid: Some(format!("{id:016x}")),
            username: Some(username.to_owned()),
            title: Some(username.to_owned()),
            email: Some(email.to_owned()),
            friendly_name: Some(username.to_owned()),
            confirmed: Some(true),
            joined_at: Some(1_552_593_531),
            has_password: Some(true),
            two_factor_enabled: Some(false),
            home: Some(false),
            home_size: Some(1),
            max_home_size: Some(15),
            country: Some("US".to_owned()),
            entitlements: Some(Vec::new()),
            ..UserPlexAccount::default()
        };
        Self {
            username: username.to_owned(),
            email: email.to_owned(),
            password: Secret::new(password),
            two_factor: None,
            tokens: Vec::new(),
            admin: true,
            account,
        }
    }

    /// Requires this 2FA `code` at sign-in.
    pub fn two_factor(mut self, code: &str) -> Self {
        self.two_factor = Some(Secret::new(code));
        self.account.two_factor_enabled = Some(true);
        self
    }

    /// A token already valid for this account (no sign-in needed).
    pub fn token(mut self, token: &str) -> Self {
        self.tokens.push(Secret::new(token));
        self
    }

    /// Marks the account as not a server admin: its tokens get no `/security/resources` access.
    pub fn not_admin(mut self) -> Self {
        self.admin = false;
        self
    }

    /// Replaces the account model returned by `/user` and sign-in (the token is filled in).
    pub fn with_model(mut self, account: UserPlexAccount) -> Self {
        self.account = account;
        self
    }

    pub(crate) fn matches_login(&self, login: &str) -> bool {
        login == self.username || login.eq_ignore_ascii_case(&self.email)
    }

    pub(crate) fn password_is(&self, password: &str) -> bool {
        self.password.expose_secret() == password
    }
}

/// A source known to the PMS, answered by `/security/resources?source=server://<machine id>`.
#[derive(Debug, Clone)]
pub struct FakeServer {
    pub(crate) source: String,
    pub(crate) info: SourceConnectionInformation,
    /// Keeps this server's own loopback listeners running ([`FakeServer::listener`]).
    pub(crate) listeners: Vec<std::sync::Arc<super::listeners::Listener>>,
}

impl FakeServer {
    /// A server with `machine_id` and `name`; its source is `server://<machine_id>`.
    pub fn new(machine_id: &str, name: &str) -> Self {
        let info = SourceConnectionInformation {
            client_identifier: Some(machine_id.to_owned()),
            name: Some(name.to_owned()),
            connections: Some(Vec::new()),
            ..SourceConnectionInformation::default()
        };
        Self { source: format!("server://{machine_id}"), info, listeners: Vec::new() }
    }

    /// Uses another source URI (e.g. `provider://tv.plex.provider.podcasts`).
    pub fn source(mut self, source: &str) -> Self {
        self.source = source.to_owned();
        self
    }

    /// Adds a connection at `uri` (address, port and protocol are read from it).
    pub fn connection(mut self, uri: &str, local: bool, relay: bool) -> Self {
        let parsed: Option<http::Uri> = uri.parse().ok();
        let connection = Connection {
            uri: Some(uri.to_owned()),
            address: parsed.as_ref().and_then(|u| u.host().map(str::to_owned)),
            port: parsed.as_ref().and_then(http::Uri::port_u16).or(Some(32400)),
            protocol: parsed.as_ref().and_then(|u| u.scheme_str().map(str::to_owned)),
            local: Some(local),
            relay: Some(relay),
            ..Connection::default()
        };
        self.info.connections.get_or_insert_with(Vec::new).push(connection);
        self
    }
}
