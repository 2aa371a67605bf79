//! A server's own loopback listeners: connections that answer `GET /identity` on 127.0.0.1
//! correctly, slowly, never, not at all (a closed port), or as another server, so connection
//! racing meets real sockets. Each listener runs on a thread of its own until the last copy of
//! its [`FakeServer`] is dropped, and at most [`MAX_LIFETIME`].

use super::FakeServer;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::sync::{Arc, Weak};
use std::time::{Duration, Instant};

/// The longest a listener thread lives, whatever happens to its server.
pub const MAX_LIFETIME: Duration = Duration::from_secs(120);
/// How often an idle listener looks whether its server is gone.
const TICK: Duration = Duration::from_millis(20);

/// How a connection's listener answers its identity probe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Probe {
    /// At once, as this server.
    Right,
    /// As this server, after this long.
    Slow(Duration),
    /// Accepts the connection and never answers.
    Never,
    /// Nothing listens: the port is closed (connection refused).
    Refuse,
    /// At once, as another server with this machine identifier.
    WrongServer(String),
}

/// A running listener; dropping the last handle stops its thread.
#[derive(Debug)]
pub(crate) struct Listener;

impl FakeServer {
    /// Adds a connection whose own listener on 127.0.0.1 answers its probe as `probe` says.
    /// Its URI is `http://127.0.0.1:<port>`; `local` and `relay` are its flags.
    pub fn listener(mut self, probe: Probe, local: bool, relay: bool) -> Self {
        let machine = self.info.client_identifier.clone().unwrap_or_default();
        let Ok(socket) = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)) else { return self };
        let Ok(addr) = socket.local_addr() else { return self };
        let uri = format!("http://{addr}");
        if probe == Probe::Refuse {
            drop(socket);
            return self.connection(&uri, local, relay);
        }
        let handle = Arc::new(Listener);
        let alive = Arc::downgrade(&handle);
        let answer = match &probe {
            Probe::WrongServer(other) => other.clone(),
            _ => machine,
        };
        let spawned = std::thread::Builder::new()
            .name(format!("fake-listener-{}", addr.port()))
            .spawn(move || serve(socket, &probe, &answer, &alive));
        if spawned.is_ok() {
            self.listeners.push(handle);
        }
        self.connection(&uri, local, relay)
    }
}

/// Accepts connections until the server is gone or [`MAX_LIFETIME`] passes.
fn serve(socket: TcpListener, probe: &Probe, machine: &str, alive: &Weak<Listener>) {
    let started = Instant::now();
    if socket.set_nonblocking(true).is_err() {
        return;
    }
    let mut held = Vec::new();
    while alive.upgrade().is_some() && started.elapsed() < MAX_LIFETIME {
        match socket.accept() {
            Ok((stream, _)) => match probe {
                Probe::Never => held.push(stream),
                Probe::Slow(delay) => {
                    let (delay, machine) = (*delay, machine.to_owned());
                    let _ = std::thread::Builder::new().spawn(move || {
                        std::thread::sleep(delay.min(MAX_LIFETIME));
                        answer(stream, &machine);
                    });
                }
                _ => answer(stream, machine),
            },
            Err(_) => std::thread::sleep(TICK),
        }
    }
}

/// Reads the request head and answers `/identity` as `machine`.
fn answer(mut stream: TcpStream, machine: &str) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let body = format!(r#"{{"MediaContainer":{{"size":0,"machineIdentifier":"{machine}","version":"1.40.2"}}}}"#);
    let reply = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(reply.as_bytes());
}
