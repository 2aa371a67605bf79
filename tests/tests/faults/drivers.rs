//! The adapters under test, and the misbehaving servers they talk to.

use super::leaks::Capture;
use super::ops::{AnyOp, CLIENT_ID, CODE, KEY, Op, Out, PASSWORD, PIN_CODE, PIN_ID, SERVICE_TOKEN, TOKEN};
use bytes::Bytes;
use plex_auth_core::transport::from_fn;
use plex_auth_core::{ClientConfig, DynTransport, Error, HttpResponse, TransportError, execute, execute_blocking};
use plex_auth_testing::{
    FakeAccount, FakePlex, FakePlexServer, FakeServer, Fault, Script, ScriptedServer, refused_url,
};
use std::sync::Arc;
use std::time::Duration;

/// Whole-request timeout of every adapter under test: short, so the slow cases stay quick.
pub const TIMEOUT: Duration = Duration::from_secs(1);
/// Body cap of every adapter under test: above every hostile body, below the 10 MiB ones.
pub const MAX_BODY: usize = 1024 * 1024;

/// Which adapter a test runs through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Reqwest,
    ReqwestBlocking,
    Hyper,
    /// No network: FakePlex's in-memory face, or the scripted answer handed over directly.
    InMemory,
}

/// An adapter, ready to send.
pub enum Driver {
    /// An async adapter (reqwest or hyper), driven on its own runtime.
    Async(tokio::runtime::Runtime, Box<dyn DynTransport>),
    ReqwestBlocking(plex_auth_reqwest::ReqwestBlockingTransport),
    InMemory(tokio::runtime::Runtime),
}

/// A runtime whose threads send their tracing events to `capture`.
pub fn runtime(capture: &Capture) -> tokio::runtime::Runtime {
    let capture = capture.clone();
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .on_thread_start(move || capture.tag_this_thread())
        .build()
        .unwrap()
}

impl Driver {
    /// The adapter for `via`; the threads it runs on send their tracing events to `capture`.
    pub fn new(via: Via, capture: &Capture) -> Self {
        match via {
            Via::Reqwest => Self::Async(
                runtime(capture),
                Box::new(
                    plex_auth_reqwest::ReqwestTransport::builder()
                        .timeout(TIMEOUT)
                        .connect_timeout(TIMEOUT)
                        .max_body_bytes(MAX_BODY)
                        .build()
                        .unwrap(),
                ),
            ),
            Via::ReqwestBlocking => Self::ReqwestBlocking(
                plex_auth_reqwest::ReqwestBlockingTransport::builder()
                    .timeout(TIMEOUT)
                    .connect_timeout(TIMEOUT)
                    .max_body_bytes(MAX_BODY)
                    .build()
                    .unwrap(),
            ),
            Via::Hyper => Self::Async(
                runtime(capture),
                Box::new(plex_auth_hyper::HyperTransport::http().with_timeout(TIMEOUT).with_max_body_bytes(MAX_BODY)),
            ),
            Via::InMemory => Self::InMemory(runtime(capture)),
        }
    }

    /// Runs `op` against `target` through the core's own drivers.
    pub fn call(&self, target: &Target, op: &AnyOp) -> Result<Out, Error> {
        let cfg = &target.config;
        match self {
            Self::Async(rt, t) => rt.block_on(execute(&**t, cfg, op)),
            Self::ReqwestBlocking(t) => execute_blocking(t, cfg, op),
            Self::InMemory(rt) => {
                let memory =
                    target.memory.as_ref().expect("this server has no in-memory face: drop in_memory from the row");
                rt.block_on(execute(&**memory, cfg, op))
            }
        }
    }
}

/// A whole answer, for faults that are about the bytes of a body rather than the wire (on the
/// network a `ScriptedServer` sends it; in memory it is handed over as is).
#[derive(Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

/// How the server misbehaves.
#[derive(Clone)]
pub enum Server {
    /// Nothing listens.
    Refused,
    /// FakePlex with this fault injected (persistently) on the operation's route.
    Fake(Fault),
    /// FakePlex answering as itself: the account behind [`TOKEN`] (password, 2FA code, a model
    /// with an `apiKey` and a service token), the source `server://machine-1` and the PIN
    /// [`PIN_ID`].
    Honest,
    /// A raw server playing these bytes on every connection.
    Raw(Script),
    /// A raw server (or, in memory, a closure) answering with this.
    Reply(Reply),
}

/// The server for one operation, running, and the config pointing at it.
pub struct Target {
    pub config: ClientConfig,
    pub memory: Option<Arc<dyn DynTransport>>,
    pub fake: Option<FakePlex>,
    _served: Option<FakePlexServer>,
    _scripted: Option<ScriptedServer>,
}

fn config(base: &str) -> ClientConfig {
    ClientConfig::builder()
        .client_identifier(CLIENT_ID)
        .plex_tv_url(format!("{base}/api/v2"))
        .server_url(base.to_owned())
        .token(TOKEN)
        .build()
        .unwrap()
}

/// FakePlex for [`Server::Fake`] and [`Server::Honest`]: every operation succeeds against it. Its
/// PIN [`PIN_ID`] showing [`PIN_CODE`] is pending (so linking it succeeds) and approved for ana
/// on its first poll (so polling it answers with a token FakePlex issued).
fn honest_fake() -> FakePlex {
    let model = serde_json::json!({
        "id": 7, "username": "ana", "email": "ana@example.com", "apiKey": KEY,
        "services": [{"identifier": "metadata", "endpoint": "https://metadata.example", "token": SERVICE_TOKEN}],
    });
    let account = FakeAccount::new("ana", "ana@example.com", PASSWORD)
        .token(TOKEN)
        .two_factor(CODE)
        .with_model(serde_json::from_value(model).unwrap());
    FakePlex::new()
        .with_account(account)
        .with_server(FakeServer::new("machine-1", "Den").connection("http://10.0.0.5:32400", true, false))
        .with_pin(PIN_ID, CLIENT_ID, PIN_CODE)
        .approve_pins_after(1, "ana")
}

fn reply_response(reply: &Reply) -> HttpResponse {
    let mut b = http::Response::builder().status(reply.status);
    for (name, value) in &reply.headers {
        b = b.header(*name, value.as_str());
    }
    b.body(Bytes::from(reply.body.clone())).unwrap()
}

impl Server {
    /// Whether the fault means anything without a network.
    pub fn in_memory(&self) -> bool {
        match self {
            Self::Refused | Self::Raw(_) => false,
            Self::Fake(fault) => {
                matches!(
                    fault,
                    Fault::Respond { .. } | Fault::Delay(_) | Fault::EchoRequest { .. } | Fault::DriftedJson
                )
            }
            Self::Honest => true,
            Self::Reply(_) => true,
        }
    }

    /// Starts the server for `op`; `host` runs raw servers.
    pub fn start(&self, op: &Op, via: Via, host: &tokio::runtime::Runtime) -> Target {
        let mut target = Target {
            config: config("http://unused.invalid"),
            memory: None,
            fake: None,
            _served: None,
            _scripted: None,
        };
        match self {
            Self::Refused => target.config = config(refused_url("").unwrap().trim_end_matches('/')),
            Self::Fake(_) | Self::Honest => {
                let fake = honest_fake();
                if let Self::Fake(fault) = self {
                    fake.inject(op.route, fault.clone());
                }
                let mut base = "http://unused.invalid".to_owned();
                if via == Via::InMemory {
                    target.memory = Some(Arc::new(fake.clone()));
                } else {
                    let served = fake.serve_in_background().unwrap();
                    base = served.base_url();
                    target._served = Some(served);
                }
                target.config = config(&base);
                target.fake = Some(fake);
            }
            Self::Raw(script) => {
                let server = host.block_on(ScriptedServer::start(script.clone())).unwrap();
                target.config = config(&server.url(""));
                target._scripted = Some(server);
            }
            Self::Reply(reply) => {
                if via == Via::InMemory {
                    let reply = reply.clone();
                    let answer = move |_| Ok::<_, TransportError>(reply_response(&reply));
                    target.memory = Some(Arc::new(from_fn(answer)));
                } else {
                    let headers: Vec<(&str, &str)> = reply.headers.iter().map(|(n, v)| (*n, v.as_str())).collect();
                    let status = format!(
                        "{} {}",
                        reply.status,
                        http::StatusCode::from_u16(reply.status).unwrap().canonical_reason().unwrap_or("")
                    );
                    let script = Script::respond(&status, &headers, &reply.body);
                    let server = host.block_on(ScriptedServer::start(script)).unwrap();
                    target.config = config(&server.url(""));
                    target._scripted = Some(server);
                }
            }
        }
        target
    }
}
