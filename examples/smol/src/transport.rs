//! A small HTTP/1.1 client over smol's TCP streams, as a [`Transport`].
//!
//! Failures map onto [`TransportErrorKind`] as the other adapters' do, so the core's errors read
//! the same whatever the stack: a refused or unresolvable connect is `Connect`; a deadline is
//! `Timeout`; a reset, a response cut short or bytes that are not HTTP are `Io`; a body over the
//! cap is `BodyTooLarge`. Errors never quote the URL's path or query (where a token may be).

use plex_auth_core::bytes::Bytes;
use plex_auth_core::http::{self, HeaderName, HeaderValue, Method, StatusCode, Version};
use plex_auth_core::transport::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT};
use plex_auth_core::{HttpRequest, HttpResponse, Transport, TransportError, TransportErrorKind};
use smol::io::{AsyncReadExt, AsyncWriteExt};
use smol::net::TcpStream;
use std::fmt;
use std::future::Future;
use std::io;
use std::time::Duration;

/// The largest response head accepted (status line and headers).
const MAX_HEAD_BYTES: usize = 64 * 1024;
/// The most response headers accepted.
const MAX_HEADERS: usize = 128;
/// The longest chunk-size or trailer line accepted.
const MAX_LINE_BYTES: usize = 8 * 1024;
/// How much is read from the socket at a time.
const READ_SIZE: usize = 8 * 1024;

/// Sends the core's requests over plain HTTP/1.1 with smol, one connection per request.
///
/// Defaults, as every adapter in this workspace: connect timeout 5 s, whole-request timeout
/// 30 s (connect, send and the whole body), bodies capped at 4 MiB, redirects returned, never
/// followed. Cheap to clone.
#[derive(Debug, Clone)]
pub struct SmolTransport {
    connect_timeout: Duration,
    timeout: Duration,
    max_body_bytes: usize,
}

impl Default for SmolTransport {
    fn default() -> Self {
        Self::new()
    }
}

impl SmolTransport {
    /// A transport with the defaults.
    pub fn new() -> Self {
        Self {
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }

    /// Sets the time allowed to open the TCP connection.
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sets the time allowed for a whole exchange: connect, send, and read the full body.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the largest response body accepted, in bytes; a larger one fails with
    /// [`TransportErrorKind::BodyTooLarge`].
    pub fn with_max_body_bytes(mut self, max: usize) -> Self {
        self.max_body_bytes = max;
        self
    }

    async fn exchange(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        let target = Target::of(req.uri())?;
        let mut stream = within(self.connect_timeout, connect(&target)).await?;
        stream.write_all(&request_head(&req, &target)).await.map_err(broke)?;
        stream.write_all(req.body()).await.map_err(broke)?;
        stream.flush().await.map_err(broke)?;
        let mut conn = Conn { stream, buf: Vec::new() };
        let head_only = req.method() == Method::HEAD;
        let (parts, framing) = conn.read_head(head_only).await?;
        let body = match framing {
            Framing::Empty => Vec::new(),
            Framing::Length(len) if len > self.max_body_bytes as u64 => {
                return Err(TransportError::body_too_large(self.max_body_bytes));
            }
            Framing::Length(len) => conn.take(usize::try_from(len).unwrap_or(usize::MAX)).await?,
            Framing::Chunked => conn.read_chunked(self.max_body_bytes).await?,
            Framing::UntilClose => conn.read_to_end(self.max_body_bytes).await?,
        };
        Ok(http::Response::from_parts(parts, Bytes::from(body)))
    }
}

impl Transport for SmolTransport {
    async fn send(&self, req: HttpRequest) -> Result<HttpResponse, TransportError> {
        within(self.timeout, self.exchange(req)).await
    }
}

/// `work`, or a timeout error once `limit` has passed (smol's timer; no tokio).
async fn within<T>(
    limit: Duration,
    work: impl Future<Output = Result<T, TransportError>>,
) -> Result<T, TransportError> {
    let deadline = async move {
        smol::Timer::after(limit).await;
        Err(TransportError::timed_out(limit))
    };
    smol::future::or(work, deadline).await
}

/// Where a request goes: the host to connect to, and the `Host` header.
struct Target {
    host: String,
    port: u16,
    host_header: String,
}

impl Target {
    fn of(uri: &http::Uri) -> Result<Self, TransportError> {
        match uri.scheme_str() {
            Some("http") => {}
            Some("https") => {
                return Err(TransportError::with_message(
                    TransportErrorKind::Other,
                    "this example transport speaks plain http only (https needs a TLS crate such as futures-rustls)",
                ));
            }
            _ => return Err(TransportError::with_message(TransportErrorKind::Other, "the URL is not http://")),
        }
        let host = uri.host().filter(|h| !h.is_empty());
        let host =
            host.ok_or_else(|| TransportError::with_message(TransportErrorKind::Other, "the URL has no host"))?;
        let port = uri.port_u16().unwrap_or(80);
        let host_header = match uri.port_u16() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        };
        // `[::1]` in a URL, `::1` to connect to.
        let host = host.trim_start_matches('[').trim_end_matches(']').to_owned();
        Ok(Self { host, port, host_header })
    }
}

/// Opens the connection (resolving the name on smol's blocking pool if it is not an address).
async fn connect(target: &Target) -> Result<TcpStream, TransportError> {
    TcpStream::connect((target.host.as_str(), target.port)).await.map_err(|e| {
        let kind =
            if e.kind() == io::ErrorKind::TimedOut { TransportErrorKind::Timeout } else { TransportErrorKind::Connect };
        TransportError::with_source(kind, e)
    })
}

/// The request line and headers. Framing is this transport's own: the request's
/// `Content-Length`, `Transfer-Encoding` and `Connection` headers are replaced.
fn request_head(req: &HttpRequest, target: &Target) -> Vec<u8> {
    let path = req.uri().path_and_query().map_or("/", |p| p.as_str());
    let mut head = Vec::with_capacity(512);
    head.extend_from_slice(format!("{} {path} HTTP/1.1\r\n", req.method()).as_bytes());
    if !req.headers().contains_key(http::header::HOST) {
        head.extend_from_slice(format!("host: {}\r\n", target.host_header).as_bytes());
    }
    let framing = [http::header::CONTENT_LENGTH, http::header::TRANSFER_ENCODING, http::header::CONNECTION];
    for (name, value) in req.headers().iter().filter(|(name, _)| !framing.contains(name)) {
        head.extend_from_slice(name.as_str().as_bytes());
        head.extend_from_slice(b": ");
        head.extend_from_slice(value.as_bytes());
        head.extend_from_slice(b"\r\n");
    }
    let carries_body = !req.body().is_empty() || [Method::POST, Method::PUT, Method::PATCH].contains(req.method());
    if carries_body {
        head.extend_from_slice(format!("content-length: {}\r\n", req.body().len()).as_bytes());
    }
    head.extend_from_slice(b"connection: close\r\n\r\n");
    head
}

/// How the response body is delimited.
enum Framing {
    Empty,
    Length(u64),
    Chunked,
    UntilClose,
}

/// The peer sent something that is not HTTP/1.1 as this client reads it.
#[derive(Debug)]
struct InvalidHttp(String);

impl fmt::Display for InvalidHttp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid HTTP response: {}", self.0)
    }
}

impl std::error::Error for InvalidHttp {}

fn invalid(what: impl fmt::Display) -> TransportError {
    TransportError::with_source(TransportErrorKind::Io, InvalidHttp(what.to_string()))
}

/// An I/O failure mid-exchange: the connection broke (or a socket-level deadline passed).
fn broke(e: io::Error) -> TransportError {
    let kind = if e.kind() == io::ErrorKind::TimedOut { TransportErrorKind::Timeout } else { TransportErrorKind::Io };
    TransportError::with_source(kind, e)
}

fn closed_early() -> TransportError {
    broke(io::Error::new(io::ErrorKind::UnexpectedEof, "connection closed before the response was complete"))
}

/// A connection with the bytes read from it but not yet used.
struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
}

/// What a parse of the bytes so far gave.
enum Parsed<T> {
    Done(T, usize),
    NeedMore,
}

impl Conn {
    /// Reads more; false at the end of the stream.
    async fn fill(&mut self) -> Result<bool, TransportError> {
        let mut chunk = [0u8; READ_SIZE];
        let n = self.stream.read(&mut chunk).await.map_err(broke)?;
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(n > 0)
    }

    /// Reads more, failing at the end of the stream.
    async fn fill_or_fail(&mut self) -> Result<(), TransportError> {
        if self.fill().await? { Ok(()) } else { Err(closed_early()) }
    }

    /// The response head (1xx interim responses skipped) and how its body is framed.
    async fn read_head(&mut self, head_only: bool) -> Result<(http::response::Parts, Framing), TransportError> {
        loop {
            match parse_head(&self.buf)? {
                Parsed::Done(parts, used) => {
                    self.buf.drain(..used);
                    let status = parts.status;
                    if status.is_informational() && status != StatusCode::SWITCHING_PROTOCOLS {
                        continue;
                    }
                    let framing = framing(&parts, head_only)?;
                    return Ok((parts, framing));
                }
                Parsed::NeedMore if self.buf.len() > MAX_HEAD_BYTES => {
                    return Err(invalid(format_args!("the head is over {MAX_HEAD_BYTES} bytes")));
                }
                Parsed::NeedMore => self.fill_or_fail().await?,
            }
        }
    }

    /// Exactly `len` bytes.
    async fn take(&mut self, len: usize) -> Result<Vec<u8>, TransportError> {
        while self.buf.len() < len {
            self.fill_or_fail().await?;
        }
        let rest = self.buf.split_off(len);
        Ok(std::mem::replace(&mut self.buf, rest))
    }

    /// One line, without its CRLF.
    async fn line(&mut self) -> Result<Vec<u8>, TransportError> {
        loop {
            if let Some(end) = self.buf.windows(2).position(|w| w == b"\r\n") {
                let mut line = self.take(end + 2).await?;
                line.truncate(end);
                return Ok(line);
            }
            if self.buf.len() > MAX_LINE_BYTES {
                return Err(invalid(format_args!("a line is over {MAX_LINE_BYTES} bytes")));
            }
            self.fill_or_fail().await?;
        }
    }

    /// A chunked body of at most `max` bytes; trailers are read and dropped.
    async fn read_chunked(&mut self, max: usize) -> Result<Vec<u8>, TransportError> {
        let mut body = Vec::new();
        loop {
            let size = loop {
                match httparse::parse_chunk_size(&self.buf) {
                    Ok(httparse::Status::Complete((used, size))) => {
                        self.buf.drain(..used);
                        break size;
                    }
                    Ok(httparse::Status::Partial) if self.buf.len() > MAX_LINE_BYTES => {
                        return Err(invalid("a chunk-size line is too long"));
                    }
                    Ok(httparse::Status::Partial) => self.fill_or_fail().await?,
                    Err(e) => return Err(invalid(format_args!("{e:?}"))),
                }
            };
            if size == 0 {
                while !self.line().await?.is_empty() {}
                return Ok(body);
            }
            let size = usize::try_from(size).unwrap_or(usize::MAX);
            if size > max.saturating_sub(body.len()) {
                return Err(TransportError::body_too_large(max));
            }
            body.extend_from_slice(&self.take(size).await?);
            if !self.line().await?.is_empty() {
                return Err(invalid("a chunk is longer than its size"));
            }
        }
    }

    /// Everything until the peer closes, at most `max` bytes.
    async fn read_to_end(&mut self, max: usize) -> Result<Vec<u8>, TransportError> {
        loop {
            if self.buf.len() > max {
                return Err(TransportError::body_too_large(max));
            }
            if !self.fill().await? {
                return Ok(std::mem::take(&mut self.buf));
            }
        }
    }
}

/// The response head at the start of `buf`, if it is all there.
fn parse_head(buf: &[u8]) -> Result<Parsed<http::response::Parts>, TransportError> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut headers);
    let used = match response.parse(buf) {
        Ok(httparse::Status::Complete(used)) => used,
        Ok(httparse::Status::Partial) => return Ok(Parsed::NeedMore),
        Err(e) => return Err(invalid(e)),
    };
    let version = if response.version == Some(0) { Version::HTTP_10 } else { Version::HTTP_11 };
    let status = response.code.map(StatusCode::from_u16).transpose().map_err(invalid)?;
    let mut builder = http::Response::builder().status(status.unwrap_or_default()).version(version);
    for header in response.headers.iter() {
        let name = HeaderName::from_bytes(header.name.as_bytes()).map_err(invalid)?;
        let value = HeaderValue::from_bytes(header.value).map_err(invalid)?;
        builder = builder.header(name, value);
    }
    let (parts, ()) = builder.body(()).map_err(invalid)?.into_parts();
    Ok(Parsed::Done(parts, used))
}

/// How the body of the response with head `parts` is delimited (RFC 9112 §6.3).
fn framing(parts: &http::response::Parts, head_only: bool) -> Result<Framing, TransportError> {
    let status = parts.status;
    if head_only || status.is_informational() || status == StatusCode::NO_CONTENT || status == StatusCode::NOT_MODIFIED
    {
        return Ok(Framing::Empty);
    }
    let encodings = parts.headers.get_all(http::header::TRANSFER_ENCODING);
    if let Some(last) = encodings.iter().next_back() {
        let last = last.to_str().map_err(invalid)?.rsplit(',').next().unwrap_or_default().trim();
        return Ok(if last.eq_ignore_ascii_case("chunked") { Framing::Chunked } else { Framing::UntilClose });
    }
    let mut length = None;
    for value in parts.headers.get_all(http::header::CONTENT_LENGTH) {
        let parsed = value.to_str().ok().and_then(|v| v.trim().parse::<u64>().ok());
        match (parsed, length) {
            (None, _) => return Err(invalid("a Content-Length is not a number")),
            (Some(n), Some(seen)) if n != seen => return Err(invalid("Content-Length values disagree")),
            (Some(n), _) => length = Some(n),
        }
    }
    Ok(length.map_or(Framing::UntilClose, Framing::Length))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(head: &[u8]) -> http::response::Parts {
        match parse_head(head) {
            Ok(Parsed::Done(parts, used)) => {
                assert_eq!(used, head.len());
                parts
            }
            Ok(Parsed::NeedMore) => panic!("the head is incomplete"),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn framing_follows_the_head() {
        let chunked = parts(b"HTTP/1.1 200 OK\r\ntransfer-encoding: gzip, chunked\r\ncontent-length: 3\r\n\r\n");
        assert!(matches!(framing(&chunked, false), Ok(Framing::Chunked)));
        let sized = parts(b"HTTP/1.1 200 OK\r\ncontent-length: 3\r\ncontent-length: 3\r\n\r\n");
        assert!(matches!(framing(&sized, false), Ok(Framing::Length(3))));
        assert!(matches!(framing(&sized, true), Ok(Framing::Empty)));
        let none = parts(b"HTTP/1.0 200 OK\r\n\r\n");
        assert_eq!(none.version, Version::HTTP_10);
        assert!(matches!(framing(&none, false), Ok(Framing::UntilClose)));
        let empty = parts(b"HTTP/1.1 204 No Content\r\ncontent-length: 9\r\n\r\n");
        assert!(matches!(framing(&empty, false), Ok(Framing::Empty)));
    }

    #[test]
    fn disagreeing_lengths_and_garbage_are_invalid_http() {
        let twice = parts(b"HTTP/1.1 200 OK\r\ncontent-length: 3\r\ncontent-length: 4\r\n\r\n");
        let err = framing(&twice, false).err().map(|e| e.cause());
        assert_eq!(err, Some(plex_auth_core::TransportCause::InvalidHttp));
        let err = parse_head(b"SSH-2.0-OpenSSH_9.2\r\n").err().map(|e| (e.kind(), e.cause()));
        assert_eq!(err, Some((TransportErrorKind::Io, plex_auth_core::TransportCause::InvalidHttp)));
        assert!(matches!(parse_head(b"HTTP/1.1 200 OK\r\ncontent-"), Ok(Parsed::NeedMore)));
    }

    #[test]
    fn the_request_head_names_the_host_and_frames_the_body() {
        let mut req = http::Request::new(Bytes::from_static(b"code=ABCD"));
        *req.method_mut() = Method::PUT;
        *req.uri_mut() = http::Uri::from_static("http://[::1]:8080/api/v2/pins/link?x=1");
        req.headers_mut().insert(http::header::CONTENT_LENGTH, HeaderValue::from_static("999"));
        let target = Target::of(req.uri()).map_err(|e| e.to_string());
        let target = target.as_ref().map(|t| (t.host.as_str(), t.port, t.host_header.as_str()));
        assert_eq!(target, Ok(("::1", 8080, "[::1]:8080")));
        let Ok(target) = Target::of(req.uri()) else { return };
        let head = String::from_utf8_lossy(&request_head(&req, &target)).into_owned();
        assert_eq!(
            head,
            "PUT /api/v2/pins/link?x=1 HTTP/1.1\r\nhost: [::1]:8080\r\ncontent-length: 9\r\nconnection: close\r\n\r\n"
        );
    }

    #[test]
    fn https_is_refused_up_front() {
        let err = Target::of(&http::Uri::from_static("https://plex.tv/api/v2/user")).err();
        assert_eq!(err.map(|e| e.kind()), Some(TransportErrorKind::Other));
    }
}
