//! Loopback `/identity` listeners for the connection-choice bench: each answers as the server
//! after a set delay, hangs (accepts, reads, never answers), or refuses (nothing listens).
//!
//! `plex-auth-testing`'s `FakeServer::listener` does the same for tests, but it polls a
//! non-blocking `accept` every 20 ms, which adds 0–20 ms to every probe: the same order as the
//! 5–30 ms answers this bench times. These listeners run on a tokio runtime of their own (one
//! worker thread, like another machine) and accept at once, so a probe takes its delay and not
//! a tick more.

use plex_auth_core::Resource;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How one listener treats its probe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behaviour {
    /// Answers as the right server this long after the request arrives.
    Answer(Duration),
    /// Accepts, reads the request, never answers.
    Hang,
    /// Nothing listens: the port is closed (connection refused).
    Refuse,
}

/// What kind of connection plex.tv would list it as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// On the server's LAN.
    Local,
    /// A public address.
    Remote,
    /// Through Plex's relay.
    Relay,
}

impl Kind {
    /// The name the bench prints.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Local => "local",
            Kind::Remote => "remote",
            Kind::Relay => "relay",
        }
    }
}

/// A running set of listeners, one per connection, in the order given. Dropping it stops them.
#[derive(Debug)]
pub struct ProbeListeners {
    runtime: Option<tokio::runtime::Runtime>,
    connections: Vec<(String, Kind)>,
}

impl ProbeListeners {
    /// Starts a listener on 127.0.0.1 for each `(behaviour, kind)`, answering as `machine`.
    pub fn start(machine: &str, specs: &[(Behaviour, Kind)]) -> io::Result<Self> {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build()?;
        let mut connections = Vec::with_capacity(specs.len());
        for &(behaviour, kind) in specs {
            let socket = runtime.block_on(TcpListener::bind((Ipv4Addr::LOCALHOST, 0)))?;
            let addr: SocketAddr = socket.local_addr()?;
            connections.push((format!("http://{addr}"), kind));
            match behaviour {
                Behaviour::Refuse => drop(socket),
                Behaviour::Answer(delay) => {
                    runtime.spawn(accept_loop(socket, Some(delay), identity_reply(machine)));
                }
                Behaviour::Hang => {
                    runtime.spawn(accept_loop(socket, None, Vec::new()));
                }
            }
        }
        Ok(Self { runtime: Some(runtime), connections })
    }

    /// The connections' base URIs and kinds, in the order given.
    pub fn connections(&self) -> &[(String, Kind)] {
        &self.connections
    }

    /// The kind of the connection at `uri`.
    pub fn kind_of(&self, uri: &str) -> Option<Kind> {
        self.connections.iter().find(|(u, _)| u == uri).map(|(_, k)| *k)
    }

    /// The server as `GET /resources` would list it: owned (so local connections count), with
    /// these connections.
    pub fn resource(&self, machine: &str) -> Result<Resource, serde_json::Error> {
        let connections: Vec<serde_json::Value> = self
            .connections
            .iter()
            .map(|(uri, kind)| {
                let port = uri.rsplit(':').next().and_then(|p| p.parse::<u16>().ok());
                serde_json::json!({
                    "protocol": "http", "address": "127.0.0.1", "port": port, "uri": uri,
                    "local": *kind == Kind::Local, "relay": *kind == Kind::Relay, "IPv6": false,
                })
            })
            .collect();
        serde_json::from_value(serde_json::json!({
            "name": "Bench", "clientIdentifier": machine, "provides": "server", "owned": true,
            "httpsRequired": false, "connections": connections,
        }))
    }
}

impl Drop for ProbeListeners {
    /// Stops every listener and drops held connections, without blocking (safe inside a runtime).
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// The identity answer, whole, with `Connection: close` (a probe is one request).
fn identity_reply(machine: &str) -> Vec<u8> {
    let body = format!(r#"{{"MediaContainer":{{"size":0,"machineIdentifier":"{machine}","version":"1.40.2"}}}}"#);
    format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Accepts connections forever; each reads its request, then answers after `delay` (or, with
/// none, holds the connection open until the runtime stops).
async fn accept_loop(socket: TcpListener, delay: Option<Duration>, reply: Vec<u8>) {
    let reply: std::sync::Arc<[u8]> = reply.into();
    while let Ok((stream, _)) = socket.accept().await {
        let reply = std::sync::Arc::clone(&reply);
        tokio::spawn(async move { serve(stream, delay, &reply).await });
    }
}

/// One probe's connection: read the request head, then answer or hang.
async fn serve(mut stream: TcpStream, delay: Option<Duration>, reply: &[u8]) {
    let _ = stream.set_nodelay(true);
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let Some(delay) = delay else {
        // Hang: hold the connection open until the runtime stops.
        return std::future::pending().await;
    };
    tokio::time::sleep(delay).await;
    let _ = stream.write_all(reply).await;
    let _ = stream.shutdown().await;
}
