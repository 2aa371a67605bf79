//! One way to run an endpoint through each adapter, so every scenario runs on every transport.

use plex_auth_core::{
    BlockingTransport, ClientConfig, Endpoint, Error, HttpRequest, HttpResponse, Transport, TransportError, execute,
    execute_blocking,
};
use plex_auth_testing::{FakeAccount, FakePlex, FakePlexServer, FakeServer};
use std::time::Duration;

/// Whole-request timeout of every adapter under test: short, so the delay fault is quick.
pub const TIMEOUT: Duration = Duration::from_millis(800);
/// The delay fault: well past [`TIMEOUT`].
pub const DELAY: Duration = Duration::from_secs(3);
/// Body cap of every adapter under test.
pub const MAX_BODY: usize = 64 * 1024;

pub const MACHINE_ID: &str = "546684a3d18ac5c39037360ec9ce900b7af9cc36";
pub const ADMIN_TOKEN: &str = "admin-token-Zx81";

/// Sends a request and runs endpoints, whatever the transport's flavour.
pub trait Exec {
    /// True for transports that move bytes over a socket (caps and resets are real there).
    const NETWORK: bool;

    fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError>;

    fn run<E: Endpoint + Sync>(&self, cfg: &ClientConfig, endpoint: &E) -> Result<E::Output, Error>;
}

/// An async transport driven on its own runtime.
pub struct Async<T> {
    pub rt: tokio::runtime::Runtime,
    pub transport: T,
}

impl<T: Transport> Async<T> {
    pub fn new(transport: T) -> Self {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
        Self { rt, transport }
    }
}

/// Network-backed async transports.
pub struct Net<T>(pub Async<T>);
/// The in-memory face of FakePlex.
pub struct Memory(pub Async<FakePlex>);
/// A blocking transport.
pub struct Blocking<T>(pub T);

impl<T: Transport> Exec for Net<T> {
    const NETWORK: bool = true;
    fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.0.rt.block_on(self.0.transport.send(req))
    }
    fn run<E: Endpoint + Sync>(&self, cfg: &ClientConfig, endpoint: &E) -> Result<E::Output, Error> {
        self.0.rt.block_on(execute(&self.0.transport, cfg, endpoint))
    }
}

impl Exec for Memory {
    const NETWORK: bool = false;
    fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.0.rt.block_on(Transport::send(&self.0.transport, req))
    }
    fn run<E: Endpoint + Sync>(&self, cfg: &ClientConfig, endpoint: &E) -> Result<E::Output, Error> {
        self.0.rt.block_on(execute(&self.0.transport, cfg, endpoint))
    }
}

impl<T: BlockingTransport> Exec for Blocking<T> {
    const NETWORK: bool = true;
    fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.0.send(req)
    }
    fn run<E: Endpoint + Sync>(&self, cfg: &ClientConfig, endpoint: &E) -> Result<E::Output, Error> {
        execute_blocking(&self.0, cfg, endpoint)
    }
}

/// A FakePlex with two accounts and one server, served on loopback.
pub struct Ctx {
    pub fake: FakePlex,
    pub server: FakePlexServer,
}

impl Ctx {
    pub fn new() -> Self {
        let fake = FakePlex::new()
            .with_account(FakeAccount::new("ana", "ana@example.com", "correct horse").token(ADMIN_TOKEN))
            .with_account(FakeAccount::new("bo", "bo@example.com", "battery staple").two_factor("246810"))
            .with_server(
                FakeServer::new(MACHINE_ID, "Living Room")
                    .connection("http://192.168.1.20:32400", true, false)
                    .connection("https://relay.plex.direct:8443", false, true),
            );
        let server = fake.serve_in_background().unwrap();
        Self { fake, server }
    }

    /// A config for the fake, with `token` if given.
    pub fn config(&self, token: Option<&str>) -> ClientConfig {
        let mut b = ClientConfig::builder()
            .client_identifier("integration-test-client")
            .product("plex-auth tests")
            .server_url(self.server.server_url())
            .plex_tv_url(self.server.plex_tv_url());
        if let Some(t) = token {
            b = b.token(t);
        }
        b.build().unwrap()
    }
}

pub fn reqwest_async() -> impl Exec {
    let t = plex_auth_reqwest::ReqwestTransport::builder().timeout(TIMEOUT).max_body_bytes(MAX_BODY).build().unwrap();
    Net(Async::new(t))
}

pub fn reqwest_blocking() -> impl Exec {
    let t = plex_auth_reqwest::ReqwestBlockingTransport::builder().timeout(TIMEOUT).max_body_bytes(MAX_BODY).build();
    Blocking(t.unwrap())
}

pub fn hyper() -> impl Exec {
    Net(Async::new(plex_auth_hyper::HyperTransport::http().with_timeout(TIMEOUT).with_max_body_bytes(MAX_BODY)))
}

pub fn in_memory(ctx: &Ctx) -> impl Exec {
    Memory(Async::new(ctx.fake.clone()))
}
