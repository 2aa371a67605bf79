//! Drivers that run an [`Endpoint`] over a transport, and clients with one method per operation.

use crate::config::ClientConfig;
use crate::error::Error;
use crate::flow::{
    ConnectRace, ConnectReport, Flow, PinLogin, PinLoginOutcome, RaceOptions, candidates_of, drive, drive_blocking,
    drive_threaded,
};
use crate::flow::{JwtLogin, JwtPinLogin, JwtPinOutcome};
use crate::jwt::{DeviceKey, JwtSession, Scopes};
use crate::models::{Pin, Resource, ServerIdentity, SourceConnectionInformation, UserPlexAccount};
use crate::ops::{
    CreatePin, Endpoint, GetResources, GetServerIdentity, GetSourceConnectionInformation, GetTokenDetails,
    GetTransientToken, Ping, PostUsersSignInData, RegisterDeviceKey, SignOut,
};
use crate::scrub::SentSecrets;
use crate::secret::Secret;
use crate::timer::{BlockingTimer, Timer};
use crate::trace;
use crate::transport::{BlockingTransport, Transport};
use tracing::Instrument;

/// Builds `endpoint`'s request, sends it with `transport`, decodes the response.
pub async fn execute<T, E>(transport: &T, cfg: &ClientConfig, endpoint: &E) -> Result<E::Output, Error>
where
    T: Transport + ?Sized,
    E: Endpoint + Sync,
{
    let req = endpoint.to_request(cfg)?;
    let span = trace::request_span(&req);
    let exchange = async {
        trace::sending(&req);
        let sent = SentSecrets::of(&req);
        let uri = req.uri().clone();
        let resp = transport.send(req).await.map_err(|e| e.with_target(&uri));
        trace::received(&resp);
        let result = resp.map_err(Error::from).and_then(|resp| endpoint.from_response(resp)).map_err(|e| sent.scrub(e));
        trace::finished(&result);
        result
    };
    exchange.instrument(span).await
}

/// Blocking form of [`execute`].
pub fn execute_blocking<T, E>(transport: &T, cfg: &ClientConfig, endpoint: &E) -> Result<E::Output, Error>
where
    T: BlockingTransport + ?Sized,
    E: Endpoint,
{
    let req = endpoint.to_request(cfg)?;
    let _entered = trace::request_span(&req).entered();
    trace::sending(&req);
    let sent = SentSecrets::of(&req);
    let uri = req.uri().clone();
    let resp = transport.send(req).map_err(|e| e.with_target(&uri));
    trace::received(&resp);
    let result = resp.map_err(Error::from).and_then(|resp| endpoint.from_response(resp)).map_err(|e| sent.scrub(e));
    trace::finished(&result);
    result
}

macro_rules! client {
    ($(#[$meta:meta])* $name:ident, $bound:ident, $driver:ident, $($async:ident)?, $($await:tt)*) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        pub struct $name<T> {
            config: ClientConfig,
            transport: T,
        }

        impl<T: $bound> $name<T> {
            /// A client for `config` sending with `transport`.
            pub fn new(config: ClientConfig, transport: T) -> Self {
                Self { config, transport }
            }

            /// The configuration.
            pub fn config(&self) -> &ClientConfig {
                &self.config
            }

            /// The configuration, for changing the token after a sign-in.
            pub fn config_mut(&mut self) -> &mut ClientConfig {
                &mut self.config
            }

            /// Sends `token` from now on, e.g. one read back from storage.
            pub fn set_token(&mut self, token: impl Into<Secret>) -> Result<(), Error> {
                self.config.set_token(token)
            }

            /// Sends the token of a signed-in `account` from now on: the usual next step after
            /// [`sign_in`](Self::sign_in). An account without a token is invalid input.
            pub fn use_token_of(&mut self, account: &UserPlexAccount) -> Result<(), Error> {
                let token = account
                    .auth_token
                    .clone()
                    .ok_or_else(|| Error::invalid("authToken", "the account carries no token"))?;
                self.config.set_token(token)
            }

            /// The transport.
            pub fn transport(&self) -> &T {
                &self.transport
            }

            /// Runs any endpoint with this client's config and transport.
            pub $($async)? fn execute<E: Endpoint + Sync>(&self, endpoint: &E) -> Result<E::Output, Error> {
                $driver(&self.transport, &self.config, endpoint)$($await)*
            }

            /// `GET /security/token` on the PMS: a transient token.
            pub $($async)? fn get_transient_token(&self) -> Result<Secret, Error> {
                self.execute(&GetTransientToken::new())$($await)*
            }

            /// `GET /security/resources?source=...` on the PMS: a source's token and connections.
            pub $($async)? fn get_source_connection_information(&self, source: &str) -> Result<SourceConnectionInformation, Error> {
                self.execute(&GetSourceConnectionInformation::new(source))$($await)*
            }

            /// `GET {plex.tv}/user`: the account behind the token (also validates it).
            pub $($async)? fn get_token_details(&self) -> Result<UserPlexAccount, Error> {
                self.execute(&GetTokenDetails::new())$($await)*
            }

            /// `POST {plex.tv}/users/signin` with a prepared request (2FA code, remember-me).
            pub $($async)? fn post_users_sign_in_data(&self, sign_in: &PostUsersSignInData) -> Result<UserPlexAccount, Error> {
                self.execute(sign_in)$($await)*
            }

            /// `POST {clients.plex.tv}/pins?strong=true`: a PIN for [`PinLogin`](crate::flow::PinLogin).
            pub $($async)? fn create_pin(&self) -> Result<Pin, Error> {
                self.execute(&CreatePin::new())$($await)*
            }

            /// `GET {clients.plex.tv}/resources` (HTTPS, relay and IPv6 connections included): the
            /// account's devices, each server with its access token and connections.
            pub $($async)? fn get_resources(&self) -> Result<Vec<Resource>, Error> {
                self.execute(&GetResources::new())$($await)*
            }

            /// `GET {uri}/identity` on the PMS at `uri` (no token sent): who answers there.
            pub $($async)? fn get_server_identity(&self, uri: &str) -> Result<ServerIdentity, Error> {
                self.execute(&GetServerIdentity::new(uri)?)$($await)*
            }

            /// `GET {plex.tv}/ping`: keeps the token alive; unauthorized when it no longer is.
            pub $($async)? fn ping(&self) -> Result<(), Error> {
                self.execute(&Ping::new())$($await)*
            }

            /// `DELETE {plex.tv}/users/signout`: invalidates the token.
            pub $($async)? fn sign_out(&self) -> Result<(), Error> {
                self.execute(&SignOut::new())$($await)*
            }

            /// `POST {clients.plex.tv}/pins` with `key`'s public JWK: a PIN for [`JwtPinLogin`](crate::flow::JwtPinLogin).
            pub $($async)? fn create_jwt_pin(&self, key: &DeviceKey) -> Result<Pin, Error> {
                self.execute(&CreatePin::new().with_jwk(key.public_jwk()))$($await)*
            }

            /// `POST {clients.plex.tv}/auth/jwk` with the config's token: registers `key` under
            /// the config's client identifier. Use a client identifier dedicated to JWT: once a
            /// JWT is issued for it, its legacy token stops working.
            pub $($async)? fn register_device_key(&self, key: &DeviceKey) -> Result<(), Error> {
                self.execute(&RegisterDeviceKey::new(key.public_jwk()))$($await)*
            }

            /// Signs in with `login` and `password`; alias of [`Self::post_users_sign_in_data`].
            pub $($async)? fn sign_in(&self, login: &str, password: impl Into<Secret>) -> Result<UserPlexAccount, Error> {
                self.execute(&PostUsersSignInData::new(login, password))$($await)*
            }
        }
    };
}

client!(
    /// An async client: config + [`Transport`], one method per operation.
    Client, Transport, execute, async, .await
);
client!(
    /// A blocking client: config + [`BlockingTransport`], one method per operation.
    BlockingClient, BlockingTransport, execute_blocking, ,
);

// Flow methods are written out for each client: their async and blocking bodies differ.

impl<T: Transport> Client<T> {
    /// Runs any [`Flow`] with this client's transport, waiting with `timer`.
    pub async fn drive<F: Flow, C: Timer + ?Sized>(&self, flow: F, timer: &C) -> Result<F::Output, Error> {
        drive(&self.transport, timer, flow).await
    }

    /// Waits until the user approves `pin` (created by [`create_pin`](Self::create_pin)), it
    /// expires, or 120 s pass; polls every second. On [`PinLoginOutcome::Linked`] this client
    /// sends the new token from then on. For another interval, deadline or a cancel handle,
    /// build a [`PinLogin`] and [`drive`](Self::drive) it.
    pub async fn wait_for_pin<C: Timer + ?Sized>(&mut self, pin: &Pin, timer: &C) -> Result<PinLoginOutcome, Error> {
        let flow = PinLogin::new(&self.config, pin, timer.now())?;
        let outcome = self.drive(flow, timer).await?;
        adopt(&mut self.config, &outcome)?;
        Ok(outcome)
    }
}

impl<T: Transport> Client<T> {
    /// Races the connections of `server` (from [`get_resources`](Self::get_resources)) and
    /// reports which to use and what happened to every candidate (see [`ConnectRace`]). Probes
    /// send no token. Use a real timer here: probe timeouts are real time.
    pub async fn connect<C: Timer + ?Sized>(
        &self,
        server: &Resource,
        options: RaceOptions,
        timer: &C,
    ) -> Result<ConnectReport, Error> {
        let race = connect_race(&self.config, server, options)?;
        self.drive(race, timer).await
    }
}

impl<T: BlockingTransport + Clone + Send + 'static> BlockingClient<T> {
    /// Blocking form of [`Client::connect`]: probes run concurrently on threads of their own
    /// ([`drive_threaded`]), so a dead address never holds up a better-ranked answer.
    pub fn connect<C: BlockingTimer + ?Sized>(
        &self,
        server: &Resource,
        options: RaceOptions,
        timer: &C,
    ) -> Result<ConnectReport, Error> {
        let race = connect_race(&self.config, server, options)?;
        drive_threaded(&self.transport, timer, race)
    }
}

/// The race for `server`. Probes carry no token: an address may belong to another server (that
/// is what the identity check is for), and `/identity` needs none.
fn connect_race(config: &ClientConfig, server: &Resource, options: RaceOptions) -> Result<ConnectRace, Error> {
    let machine = server.client_identifier.as_deref().filter(|m| !m.is_empty());
    let machine = machine.ok_or_else(|| Error::invalid("clientIdentifier", "the resource names no server"))?;
    ConnectRace::new(config, machine, candidates_of(server), options)
}

impl<T: BlockingTransport> BlockingClient<T> {
    /// Runs any [`Flow`] with this client's transport, blocking on `timer`.
    pub fn drive<F: Flow, C: BlockingTimer + ?Sized>(&self, flow: F, timer: &C) -> Result<F::Output, Error> {
        drive_blocking(&self.transport, timer, flow)
    }

    /// Blocking form of [`Client::wait_for_pin`].
    pub fn wait_for_pin<C: BlockingTimer + ?Sized>(&mut self, pin: &Pin, timer: &C) -> Result<PinLoginOutcome, Error> {
        let flow = PinLogin::new(&self.config, pin, timer.now())?;
        let outcome = self.drive(flow, timer)?;
        adopt(&mut self.config, &outcome)?;
        Ok(outcome)
    }
}

macro_rules! jwt_flows {
    ($client:ident, $bound:path, $timer:ident, $drive:ident, $($async:ident)?, $($await:tt)*) => {
        impl<T: $bound> $client<T> {
            /// Logs in with `key` (registered under this client identifier): nonce, device JWT,
            /// exchange, verification. The Plex JWT becomes this client's token; keep the
            /// session to refresh it ([`refresh_jwt_if_due`](Self::refresh_jwt_if_due)).
            pub $($async)? fn jwt_login<C: $timer + ?Sized>(&mut self, key: &DeviceKey, scopes: Scopes, timer: &C) -> Result<JwtSession, Error> {
                let session = self.$drive(JwtLogin::new(&self.config, key.clone(), scopes), timer)$($await)*?;
                self.config.set_token(session.jwt.token.clone())?;
                Ok(session)
            }

            /// Refreshes `session` when its refresh is due at `timer.now()` and adopts the new
            /// token; returns whether it did.
            pub $($async)? fn refresh_jwt_if_due<C: $timer + ?Sized>(&mut self, session: &mut JwtSession, key: &DeviceKey, scopes: Scopes, timer: &C) -> Result<bool, Error> {
                if !session.refresh_due(timer.now()) {
                    return Ok(false);
                }
                let flow = JwtLogin::refresh(&self.config, key.clone(), scopes, session);
                *session = self.$drive(flow, timer)$($await)*?;
                self.config.set_token(session.jwt.token.clone())?;
                Ok(true)
            }

            /// Waits until the user approves `pin` (from [`create_jwt_pin`](Self::create_jwt_pin)
            /// with the same `key`), re-minting the poll's device JWT as it nears expiry. On
            /// [`JwtPinOutcome::Linked`] the Plex JWT becomes this client's token.
            pub $($async)? fn wait_for_jwt_pin<C: $timer + ?Sized>(&mut self, pin: &Pin, key: &DeviceKey, scopes: Scopes, timer: &C) -> Result<JwtPinOutcome, Error> {
                let flow = JwtPinLogin::new(&self.config, key.clone(), scopes, pin, timer.now())?;
                let outcome = self.$drive(flow, timer)$($await)*?;
                if let JwtPinOutcome::Linked(session) = &outcome {
                    self.config.set_token(session.jwt.token.clone())?;
                }
                Ok(outcome)
            }
        }
    };
}

jwt_flows!(Client, Transport, Timer, drive, async, .await);
jwt_flows!(BlockingClient, BlockingTransport, BlockingTimer, drive, ,);

/// After a PIN login, a linked token becomes the client's.
fn adopt(config: &mut ClientConfig, outcome: &PinLoginOutcome) -> Result<(), Error> {
    match outcome {
        PinLoginOutcome::Linked { token, .. } => config.set_token(token.clone()),
        _ => Ok(()),
    }
}
