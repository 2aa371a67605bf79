//! A raw HTTP/1.1 server on `127.0.0.1:0` that plays a [`Script`] byte for byte: well-formed
//! answers, and the faults a real server can produce (silence, a stalled or truncated body, a reset,
//! bytes that are not HTTP). It records each request it reads, so a test can check what a transport
//! actually put on the wire. [`FakePlex`](crate::FakePlex) speaks Plex; this speaks raw bytes.

use crate::redact;
use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::task::{JoinHandle, JoinSet};

/// What the server does with the connection once it has written its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum After {
    /// Close the connection normally (FIN).
    Close,
    /// Keep the connection open and say nothing more.
    Hang,
    /// Abort the connection (RST).
    Reset,
    /// Keep the connection open and send one more body byte (a space) every interval, forever:
    /// a server that trickles, so only a whole-request deadline ends the exchange.
    Trickle(Duration),
}

/// The server's answer to every request: bytes, then what to do with the connection.
///
/// `Debug` shows how many bytes there are, not what they say: a scripted answer may hold a token.
#[derive(Clone, PartialEq, Eq)]
pub struct Script {
    /// Written verbatim after the request has been read.
    pub bytes: Vec<u8>,
    /// What happens to the connection afterwards.
    pub after: After,
}

impl fmt::Debug for Script {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Script").field("bytes", &redact::Len(self.bytes.len())).field("after", &self.after).finish()
    }
}

impl Script {
    /// A well-formed response with a `Content-Length`, then close.
    pub fn respond(status_line: &str, headers: &[(&str, &str)], body: &[u8]) -> Self {
        let mut bytes = head(status_line, headers, &format!("content-length: {}", body.len()));
        bytes.extend_from_slice(body);
        Self { bytes, after: After::Close }
    }

    /// A 200 with a chunked body of `chunks` (no `Content-Length`: the size is known only by reading).
    pub fn chunked(chunks: &[&[u8]]) -> Self {
        let mut bytes = head("200 OK", &[], "transfer-encoding: chunked");
        for chunk in chunks {
            bytes.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
            bytes.extend_from_slice(chunk);
            bytes.extend_from_slice(b"\r\n");
        }
        bytes.extend_from_slice(b"0\r\n\r\n");
        Self { bytes, after: After::Close }
    }

    /// A 302 pointing at `location`.
    pub fn redirect(location: &str) -> Self {
        Self::respond("302 Found", &[("location", location)], b"")
    }

    /// Reads the request and never answers.
    pub fn silent() -> Self {
        Self { bytes: Vec::new(), after: After::Hang }
    }

    /// Sends the head and 2 of the 10 promised body bytes, then goes quiet.
    pub fn stalled_body() -> Self {
        Self { bytes: PARTIAL.to_vec(), after: After::Hang }
    }

    /// Sends the head and 2 of the 10 promised body bytes, then closes.
    pub fn truncated() -> Self {
        Self { bytes: PARTIAL.to_vec(), after: After::Close }
    }

    /// Sends a 200 head promising `content_length` body bytes, then one byte every `every`.
    pub fn trickle(content_length: usize, every: Duration) -> Self {
        let bytes =
            head("200 OK", &[("content-type", "application/json")], &format!("content-length: {content_length}"));
        Self { bytes, after: After::Trickle(every) }
    }

    /// Reads the request, then resets the connection.
    pub fn reset() -> Self {
        Self { bytes: Vec::new(), after: After::Reset }
    }

    /// Answers with bytes that are not HTTP at all.
    pub fn garbage() -> Self {
        Self { bytes: b"SSH-2.0-OpenSSH_9.2\r\n\x00\x01\x02 not http\r\n\r\n".to_vec(), after: After::Close }
    }
}

/// A response head promising 10 body bytes, followed by only 2 of them.
const PARTIAL: &[u8] = b"HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nab";

/// A status line, `headers`, one `framing` header, and the blank line.
fn head(status_line: &str, headers: &[(&str, &str)], framing: &str) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status_line}\r\n");
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!("{framing}\r\n\r\n"));
    out.into_bytes()
}

/// A request as the server read it off the socket.
///
/// `Debug` redacts what authenticates: secret-looking query values and headers (by core's
/// [`is_secret_name`](plex_auth_core::is_secret_name)), and shows the body's length only.
#[derive(Clone, PartialEq, Eq)]
pub struct Recorded {
    /// The method, as sent.
    pub method: String,
    /// The request target: path and query, as sent.
    pub target: String,
    /// Every header in order, names lowercased.
    pub headers: Vec<(String, String)>,
    /// The body (read by `Content-Length`).
    pub body: Vec<u8>,
}

impl fmt::Debug for Recorded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Recorded")
            .field("method", &self.method)
            .field("target", &redact::target(&self.target))
            .field("headers", &redact::Pairs(&self.headers))
            .field("body", &redact::Len(self.body.len()))
            .finish()
    }
}

impl Recorded {
    /// The first value of header `name` (case-insensitive), if it was sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// The running server. Dropping it stops it and every connection it holds.
#[derive(Debug)]
pub struct ScriptedServer {
    addr: SocketAddr,
    requests: mpsc::UnboundedReceiver<Recorded>,
    task: JoinHandle<()>,
}

impl ScriptedServer {
    /// Binds `127.0.0.1:0` and answers every connection with `script`. Needs a tokio runtime.
    pub async fn start(script: Script) -> io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let (tx, requests) = mpsc::unbounded_channel();
        let script = Arc::new(script);
        let task = tokio::spawn(async move {
            let mut connections = JoinSet::new();
            while let Ok((stream, _)) = listener.accept().await {
                connections.spawn(serve(stream, Arc::clone(&script), tx.clone()));
            }
        });
        Ok(Self { addr, requests, task })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:{port}{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The next request it recorded, if any. A request is recorded before it is answered, so once
    /// the client has an answer (or the scripted fault), its request is here.
    pub fn recorded(&mut self) -> Option<Recorded> {
        self.requests.try_recv().ok()
    }
}

impl Drop for ScriptedServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Reads one request, records it, then plays the script.
async fn serve(mut stream: TcpStream, script: Arc<Script>, tx: mpsc::UnboundedSender<Recorded>) {
    let Some(recorded) = read_request(&mut stream).await else { return };
    let _ = tx.send(recorded);
    let _ = stream.write_all(&script.bytes).await;
    let _ = stream.flush().await;
    match script.after {
        After::Close => {
            let _ = stream.shutdown().await;
        }
        After::Hang => std::future::pending::<()>().await,
        After::Reset => {
            let _ = stream.set_zero_linger();
        }
        After::Trickle(every) => loop {
            tokio::time::sleep(every).await;
            if stream.write_all(b" ").await.is_err() || stream.flush().await.is_err() {
                break;
            }
        },
    }
}

/// Reads a head (parsed by httparse) and a `Content-Length` body; `None` on anything else.
async fn read_request(stream: &mut TcpStream) -> Option<Recorded> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut req = httparse::Request::new(&mut headers);
        if let httparse::Status::Complete(head_len) = req.parse(&buf).ok()? {
            let headers = req
                .headers
                .iter()
                .map(|h| (h.name.to_ascii_lowercase(), String::from_utf8_lossy(h.value).into_owned()))
                .collect();
            let mut recorded = Recorded {
                method: req.method?.to_owned(),
                target: req.path?.to_owned(),
                headers,
                body: buf[head_len..].to_vec(),
            };
            let len: usize = match recorded.header("content-length") {
                Some(v) => v.parse().ok()?,
                None => 0,
            };
            while recorded.body.len() < len {
                let n = stream.read(&mut chunk).await.ok()?;
                if n == 0 {
                    return None;
                }
                recorded.body.extend_from_slice(&chunk[..n]);
            }
            return Some(recorded);
        }
    }
}

/// A URL on a loopback port where nothing listens (bound, noted, released), for connect failures.
pub fn refused_url(path: &str) -> io::Result<String> {
    let addr = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?;
    Ok(format!("http://{addr}{path}"))
}

/// A loopback listener whose accept queue is full, so a further connect never completes and the
/// client's connect timeout fires. Keep it alive while connecting; [`url`](Self::url) points at it.
#[derive(Debug)]
pub struct UnansweredConnect {
    addr: SocketAddr,
    _listener: TcpListener,
    _filler: std::net::TcpStream,
}

impl UnansweredConnect {
    /// Binds the listener with a backlog of 0 and fills its queue. Needs a tokio runtime.
    pub fn bind() -> io::Result<Self> {
        let socket = tokio::net::TcpSocket::new_v4()?;
        socket.bind(SocketAddr::from(([127, 0, 0, 1], 0)))?;
        let listener = socket.listen(0)?;
        let addr = listener.local_addr()?;
        // The kernel completes one handshake for a backlog of 0; this connection fills the queue.
        let filler = std::net::TcpStream::connect(addr)?;
        Ok(Self { addr, _listener: listener, _filler: filler })
    }

    /// `http://127.0.0.1:{port}{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}
