//! `FakePlex`: a stateful fake of the plex.tv and Plex Media Server routes the core implements.

mod accounts;
mod approval;
mod drift;
mod faults;
mod identity;
mod jwt;
mod jwt_routes;
mod listeners;
mod pins;
mod plex_tv;
mod pms;
mod resources;
mod routes;
mod server;
mod session;

pub use accounts::{FakeAccount, FakeServer};
pub use faults::{Fault, Route};
pub use listeners::Probe;
pub use server::FakePlexServer;

use plex_auth_core::{
    BlockingTransport, ExposeSecret, HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind,
};
use routes::Outcome;
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};

/// The fake's state: accounts, issued tokens, servers, faults and counters.
#[derive(Default)]
pub(crate) struct State {
    pub(crate) accounts: Vec<FakeAccount>,
    /// Account token -> account index.
    pub(crate) tokens: HashMap<String, usize>,
    /// Transient token -> account index. Cleared by [`FakePlex::restart`].
    pub(crate) transient: HashMap<String, usize>,
    pub(crate) servers: Vec<FakeServer>,
    pub(crate) faults: HashMap<Route, Vec<(Fault, bool)>>,
    pub(crate) counts: HashMap<Route, usize>,
    pub(crate) last_headers: HashMap<Route, http::HeaderMap>,
    pub(crate) issued: Vec<String>,
    pub(crate) rng: u64,
    /// PINs created, oldest first.
    pub(crate) pins: Vec<pins::FakePin>,
    /// Approve every PIN for this account (index) once it has been polled this many times.
    pub(crate) pin_approval: Option<(usize, u32)>,
    /// Where time comes from: a shared [`FakeClock`](crate::FakeClock), else the system clock.
    pub(crate) clock: Option<crate::FakeClock>,
    /// Device keys, nonces, signing keys and Plex JWTs (its own `Debug` shows counts only).
    pub(crate) jwt: jwt::JwtState,
}

/// Tokens are map keys and list items here, and the last headers hold `X-Plex-Token`: `Debug`
/// shows accounts and servers (whose own `Debug` redacts), faults and counters, and only how
/// many tokens there are.
impl fmt::Debug for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("State")
            .field("accounts", &self.accounts)
            .field("servers", &self.servers)
            .field("faults", &self.faults)
            .field("counts", &self.counts)
            .field("account_tokens", &self.tokens.len())
            .field("transient_tokens", &self.transient.len())
            .field("issued_tokens", &self.issued.len())
            .field("pins", &self.pins.len())
            .field("jwt", &self.jwt)
            .finish_non_exhaustive()
    }
}

impl State {
    /// The fake's idea of now.
    pub(crate) fn now(&self) -> std::time::SystemTime {
        match &self.clock {
            Some(clock) => plex_auth_core::BlockingTimer::now(clock),
            None => std::time::SystemTime::now(),
        }
    }

    /// A new random-looking token (splitmix64 over a per-fake seed), remembered as issued.
    pub(crate) fn new_token(&mut self, prefix: &str) -> String {
        let token = format!("{prefix}{}", self.random_text(20));
        self.issued.push(token.clone());
        token
    }

    /// `len` random-looking letters and digits (splitmix64 over the per-fake seed); not a token.
    pub(crate) fn random_text(&mut self, len: usize) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        let mut text = String::with_capacity(len);
        for _ in 0..len {
            self.rng = self.rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.rng;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            text.push(char::from(ALPHABET[(z % ALPHABET.len() as u64) as usize]));
        }
        text
    }
}

/// A stateful fake Plex: plex.tv (`/api/v2/users/signin`, `/api/v2/user`, PINs, resources, JWT
/// device authentication under `/api/v2/auth/`) and a Plex Media Server (`/security/token`,
/// `/security/resources`) in one.
///
/// Use it in memory as a [`Transport`]/[`BlockingTransport`], or serve it on loopback with
/// [`serve`](Self::serve) / [`serve_in_background`](Self::serve_in_background). Clones share
/// state. It checks what real Plex checks: a missing `X-Plex-Client-Identifier` on plex.tv gives
/// 400 code 1000, a missing or bad token 401, a 2FA account without a code 401 code 1029.
///
/// ```
/// use plex_auth_core::{BlockingClient, ClientConfig, PostUsersSignInData};
/// use plex_auth_testing::{FakeAccount, FakePlex};
///
/// let fake = FakePlex::new().with_account(FakeAccount::new("ana", "ana@example.com", "pw").two_factor("123456"));
/// let config = ClientConfig::builder()
///     .client_identifier("test-client")
///     .plex_tv_url("http://fake.plex/api/v2")
///     .build()?;
/// let client = BlockingClient::new(config, fake.clone());
/// let err = client.sign_in("ana", "pw").unwrap_err();
/// assert!(err.two_factor_required());
/// let account = client.post_users_sign_in_data(&PostUsersSignInData::new("ana", "pw").verification_code("123456"))?;
/// assert_eq!(account.username.as_deref(), Some("ana"));
/// # Ok::<(), plex_auth_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct FakePlex {
    state: Arc<Mutex<State>>,
}

impl Default for FakePlex {
    fn default() -> Self {
        Self::new()
    }
}

impl FakePlex {
    /// An empty fake with a fresh token seed.
    pub fn new() -> Self {
        use std::hash::{BuildHasher, Hasher};
        let seed = std::collections::hash_map::RandomState::new().build_hasher().finish();
        Self::seeded(seed)
    }

    /// An empty fake whose tokens, PIN codes and other random-looking values come from `seed`:
    /// the same seed and the same requests give the same answers, for reproducible runs.
    pub fn seeded(seed: u64) -> Self {
        let jwt = jwt::JwtState::new(seed);
        Self { state: Arc::new(Mutex::new(State { rng: seed, jwt, ..State::default() })) }
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Adds an account (its pre-issued tokens become valid).
    pub fn with_account(self, account: FakeAccount) -> Self {
        {
            let mut state = self.lock();
            let index = state.accounts.len();
            for token in &account.tokens {
                state.tokens.insert(token.expose_secret().to_owned(), index);
            }
            state.accounts.push(account);
        }
        self
    }

    /// Adds a source known to the PMS; its access token is generated.
    pub fn with_server(self, mut server: FakeServer) -> Self {
        {
            let mut state = self.lock();
            let token = state.new_token("server-");
            server.info.access_token = Some(token.into());
            state.servers.push(server);
        }
        self
    }

    /// Makes `route` misbehave on every request until [`clear_faults`](Self::clear_faults).
    pub fn inject(&self, route: Route, fault: Fault) {
        self.lock().faults.entry(route).or_default().push((fault, false));
    }

    /// Makes `route` misbehave on its next request only.
    pub fn inject_once(&self, route: Route, fault: Fault) {
        self.lock().faults.entry(route).or_default().push((fault, true));
    }

    /// Removes every fault.
    pub fn clear_faults(&self) {
        self.lock().faults.clear();
    }

    /// Simulates a PMS restart: every transient token is revoked.
    pub fn restart(&self) {
        self.lock().transient.clear();
    }

    /// How many requests `route` has received.
    pub fn request_count(&self, route: Route) -> usize {
        self.lock().counts.get(&route).copied().unwrap_or(0)
    }

    /// The headers of the last request `route` received.
    pub fn last_headers(&self, route: Route) -> Option<http::HeaderMap> {
        self.lock().last_headers.get(&route).cloned()
    }

    /// Every token the fake has issued (account, transient, server and PIN tokens and Plex
    /// JWTs), for tests that check no secret leaked.
    pub fn issued_tokens(&self) -> Vec<String> {
        self.lock().issued.clone()
    }

    /// Answers `req` in memory.
    fn answer(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        let reply = routes::handle(self, &req);
        if let Some(delay) = reply.delay {
            return Err(TransportError::with_message(
                TransportErrorKind::Timeout,
                format!("fake: answer delayed by {delay:?} (in memory, a delay is a timeout)"),
            ));
        }
        match reply.outcome {
            Outcome::Respond(resp) => Ok(resp),
            Outcome::Truncate(_) => Err(TransportError::with_message(TransportErrorKind::Io, "fake: truncated body")),
            Outcome::Reset => Err(TransportError::with_message(TransportErrorKind::Io, "fake: connection reset")),
        }
    }
}

impl Transport for FakePlex {
    fn send(&self, req: HttpRequest) -> impl Future<Output = Result<HttpResponse, TransportError>> + Send {
        std::future::ready(self.answer(req))
    }
}

impl BlockingTransport for FakePlex {
    fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.answer(req)
    }
}
