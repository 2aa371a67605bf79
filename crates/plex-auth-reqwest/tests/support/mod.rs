//! A raw HTTP/1.1 server on 127.0.0.1:0 for the adapter tests, and the scripted exchanges both
//! adapters are tested against. It records each request, writes scripted bytes, then closes, hangs
//! or resets the connection: the faults a real server can produce, byte for byte.
//!
//! Shared with `plex-auth-hyper`'s tests through `#[path]`, so both adapters face the same bytes.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::net::SocketAddr;
use std::sync::Arc;

use bytes::Bytes;
use plex_auth_core::{HttpRequest, HttpResponse};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::task::{JoinHandle, JoinSet};

/// What the server does once it has written its bytes.
#[derive(Debug, Clone, Copy)]
pub enum After {
    /// Close the connection normally (FIN).
    Close,
    /// Keep the connection open and say nothing more.
    Hang,
    /// Abort the connection (RST).
    Reset,
}

/// The server's answer to every request: bytes, then what to do with the connection.
#[derive(Debug, Clone)]
pub struct Script {
    pub bytes: Vec<u8>,
    pub after: After,
}

impl Script {
    /// A well-formed response (Content-Length added), then close.
    pub fn respond(status_line: &str, headers: &[(&str, &str)], body: &[u8]) -> Self {
        let mut bytes = head(status_line, headers);
        bytes.truncate(bytes.len() - 2);
        bytes.extend_from_slice(format!("content-length: {}\r\n\r\n", body.len()).as_bytes());
        bytes.extend_from_slice(body);
        Self { bytes, after: After::Close }
    }

    /// The response [`assert_sample_response`] expects.
    pub fn sample() -> Self {
        Self::respond("201 Created", &[("content-type", "application/json"), ("x-plex-protocol", "1.0")], SAMPLE_BODY)
    }

    /// A 401 with Plex's JSON error body.
    pub fn unauthorized() -> Self {
        Self::respond("401 Unauthorized", &[("content-type", "application/json")], UNAUTHORIZED_BODY)
    }

    /// A chunked body of `chunks` (no Content-Length, so the size is only known by reading).
    pub fn chunked(chunks: &[&[u8]]) -> Self {
        let mut bytes = head("200 OK", &[("transfer-encoding", "chunked")]);
        for chunk in chunks {
            bytes.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
            bytes.extend_from_slice(chunk);
            bytes.extend_from_slice(b"\r\n");
        }
        bytes.extend_from_slice(b"0\r\n\r\n");
        Self { bytes, after: After::Close }
    }

    /// Reads the request and never answers.
    pub fn silent() -> Self {
        Self { bytes: Vec::new(), after: After::Hang }
    }

    /// Sends the head and 2 of the 10 promised body bytes, then goes quiet.
    pub fn stalled_body() -> Self {
        Self { bytes: b"HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nab".to_vec(), after: After::Hang }
    }

    /// Sends the head and 2 of the 10 promised body bytes, then closes.
    pub fn truncated() -> Self {
        Self { bytes: b"HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nab".to_vec(), after: After::Close }
    }

    /// Reads the request, then resets the connection.
    pub fn reset() -> Self {
        Self { bytes: Vec::new(), after: After::Reset }
    }

    /// Answers with bytes that are not HTTP at all.
    pub fn garbage() -> Self {
        Self { bytes: b"SSH-2.0-OpenSSH_9.2\r\n\x00\x01\x02 not http\r\n\r\n".to_vec(), after: After::Close }
    }

    /// A 302 pointing at `location`.
    pub fn redirect(location: &str) -> Self {
        Self::respond("302 Found", &[("location", location)], b"")
    }
}

/// A status line and headers, ending with the blank line.
fn head(status_line: &str, headers: &[(&str, &str)]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status_line}\r\n");
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    out.into_bytes()
}

/// A request as the server read it off the socket.
#[derive(Debug)]
pub struct Recorded {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    /// The value of header `name` (case-insensitive), if sent once or more (first one).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// The running server. Dropping it stops it and every connection it holds.
pub struct Server {
    pub addr: SocketAddr,
    requests: mpsc::UnboundedReceiver<Recorded>,
    task: JoinHandle<()>,
}

impl Server {
    /// Binds 127.0.0.1:0 and answers every connection with `script`. Needs a tokio runtime.
    pub async fn start(script: Script) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, requests) = mpsc::unbounded_channel();
        let script = Arc::new(script);
        let task = tokio::spawn(async move {
            let mut connections = JoinSet::new();
            while let Ok((stream, _)) = listener.accept().await {
                connections.spawn(serve(stream, Arc::clone(&script), tx.clone()));
            }
        });
        Self { addr, requests, task }
    }

    /// `http://127.0.0.1:{port}{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The next recorded request. The server records a request before it answers, so once the
    /// client has an answer (or the server's fault), the request is here.
    pub fn recorded(&mut self) -> Recorded {
        self.requests.try_recv().expect("the server recorded no request")
    }

    /// True if no (further) request reached this server.
    pub fn received_nothing(&mut self) -> bool {
        self.requests.try_recv().is_err()
    }
}

impl Drop for Server {
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
    }
}

/// Reads a head (parsed by httparse) and a Content-Length body.
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
            let headers: Vec<(String, String)> = req
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
            let len: usize = recorded.header("content-length").map_or(0, |v| v.parse().unwrap());
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

/// A URL on a loopback port where nothing listens: bind, note the port, drop the listener.
pub fn refused_url(path: &str) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{addr}{path}")
}

/// A multi-thread runtime for blocking tests: it serves while the test thread blocks outside it.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap()
}

pub const SAMPLE_TOKEN: &str = "tok-3f9a-secret";
pub const SAMPLE_FORM: &str = "login=ana%40example.com&password=correct+horse";
/// Not valid UTF-8 at the end: the body must arrive as bytes, untouched.
pub const SAMPLE_BODY: &[u8] = b"{\"id\": 7, \"authToken\": \"abc\"}\xff\xfe";
pub const UNAUTHORIZED_BODY: &[u8] =
    br#"{"errors":[{"code":1001,"message":"User could not be authenticated","status":401}]}"#;

/// A sign-in-like POST to `url`: form body, token and client identifier headers.
pub fn sample_request(url: &str) -> HttpRequest {
    http::Request::post(url)
        .header("x-plex-token", SAMPLE_TOKEN)
        .header("x-plex-client-identifier", "client-1")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .body(Bytes::from_static(SAMPLE_FORM.as_bytes()))
        .unwrap()
}

/// A GET to `url` with a token header.
pub fn get(url: &str) -> HttpRequest {
    http::Request::get(url).header("x-plex-token", SAMPLE_TOKEN).body(Bytes::new()).unwrap()
}

/// Checks that [`sample_request`] reached the server unchanged (path `/api/v2/users/signin?x=1`).
pub fn assert_sample_recorded(recorded: &Recorded) {
    assert_eq!(recorded.method, "POST");
    assert_eq!(recorded.target, "/api/v2/users/signin?x=1");
    assert_eq!(recorded.header("x-plex-token"), Some(SAMPLE_TOKEN));
    assert_eq!(recorded.header("x-plex-client-identifier"), Some("client-1"));
    assert_eq!(recorded.header("content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(recorded.header("accept"), Some("application/json"));
    assert_eq!(recorded.body, SAMPLE_FORM.as_bytes());
}

/// Checks that [`Script::sample`]'s answer reached the caller unchanged.
pub fn assert_sample_response(resp: &HttpResponse) {
    assert_eq!(resp.status(), 201);
    assert_eq!(resp.version(), http::Version::HTTP_11);
    assert_eq!(resp.headers()["content-type"], "application/json");
    assert_eq!(resp.headers()["x-plex-protocol"], "1.0");
    assert_eq!(resp.body().as_ref(), SAMPLE_BODY);
}

/// Formats an error and its whole source chain, to check what a user would see.
pub fn chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut out = format!("{err} / {err:?}");
    let mut cause = err.source();
    while let Some(e) = cause {
        out.push_str(&format!(" / {e} / {e:?}"));
        cause = e.source();
    }
    out
}

/// A loopback listener whose accept queue is full: a further connect is never completed, so the
/// client's connect timeout fires. Keep the returned guard alive while connecting.
pub async fn unanswered_connect(path: &str) -> (impl Drop, String) {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(0).unwrap();
    let addr = listener.local_addr().unwrap();
    // The kernel completes one handshake for a backlog of 0; this connection fills the queue.
    let filler = std::net::TcpStream::connect(addr).unwrap();
    (Box::new((listener, filler)), format!("http://{addr}{path}"))
}
