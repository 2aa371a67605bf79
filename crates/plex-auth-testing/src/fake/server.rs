//! The fake's network face: a hyper HTTP/1.1 server on `127.0.0.1:0`.

use super::FakePlex;
use super::routes::{self, Outcome};
use bytes::Bytes;
use http_body_util::BodyExt;
use hyper::body::{Body, Frame, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// A response body that can also end early with an error (for the truncation fault).
struct FakeBody {
    data: Option<Bytes>,
    truncated: bool,
    /// Whether the truncated body already yielded once after its data, letting hyper flush it.
    flushed: bool,
}

impl Body for FakeBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        match self.data.take() {
            Some(data) => Poll::Ready(Some(Ok(Frame::data(data)))),
            None if self.truncated && !self.flushed => {
                // Pending once so hyper writes the partial body out before the error aborts.
                self.flushed = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            None if self.truncated => {
                self.truncated = false;
                Poll::Ready(Some(Err(io::Error::new(io::ErrorKind::ConnectionAborted, "fake: truncated"))))
            }
            None => Poll::Ready(None),
        }
    }
}

/// A running fake server. Stops on [`shutdown`](Self::shutdown) or when dropped.
#[derive(Debug)]
pub struct FakePlexServer {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl FakePlexServer {
    /// The bound address (always on 127.0.0.1).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The plex.tv API base: `http://127.0.0.1:PORT/api/v2`.
    pub fn plex_tv_url(&self) -> String {
        format!("{}/api/v2", self.base_url())
    }

    /// The fake's approval page, `http://127.0.0.1:PORT/auth`: pass it as the app URL of
    /// [`AuthUrl`](plex_auth_core::AuthUrl) (the CLI's `--auth-url`) and approve in a browser.
    pub fn auth_url(&self) -> String {
        format!("{}/auth", self.base_url())
    }

    /// The PMS base URL: `http://127.0.0.1:PORT`.
    pub fn server_url(&self) -> String {
        self.base_url()
    }

    /// Stops accepting connections (and, for a background server, stops its thread).
    pub fn shutdown(mut self) {
        self.stop_now();
    }

    fn stop_now(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for FakePlexServer {
    fn drop(&mut self) {
        self.stop_now();
    }
}

async fn serve_one(fake: FakePlex, req: hyper::Request<Incoming>) -> Result<hyper::Response<FakeBody>, io::Error> {
    let (parts, body) = req.into_parts();
    let body = body.collect().await.map_err(io::Error::other)?.to_bytes();
    let req = http::Request::from_parts(parts, body);
    let reply = routes::handle(&fake, &req);
    if let Some(delay) = reply.delay {
        tokio::time::sleep(delay).await;
    }
    let (resp, truncated) = match reply.outcome {
        Outcome::Respond(resp) => (resp, false),
        Outcome::Truncate(resp) => (resp, true),
        Outcome::Reset => return Err(io::Error::new(io::ErrorKind::ConnectionReset, "fake: reset")),
    };
    let (mut parts, body) = resp.into_parts();
    parts.headers.insert(http::header::CONTENT_LENGTH, http::HeaderValue::from(body.len()));
    let data = if truncated { body.slice(..body.len() / 2) } else { body };
    Ok(hyper::Response::from_parts(parts, FakeBody { data: Some(data), truncated, flushed: false }))
}

async fn accept_loop(fake: FakePlex, listener: TcpListener, mut stop: oneshot::Receiver<()>) {
    loop {
        let stream = tokio::select! {
            _ = &mut stop => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => continue,
            },
        };
        let fake = fake.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| serve_one(fake.clone(), req));
            let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

impl FakePlex {
    /// Serves the fake on `127.0.0.1:0` in the current tokio runtime.
    pub async fn serve(&self) -> io::Result<FakePlexServer> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = oneshot::channel();
        tokio::spawn(accept_loop(self.clone(), listener, stopped));
        Ok(FakePlexServer { addr, stop: Some(stop), thread: None })
    }

    /// Serves the fake on `127.0.0.1:0` from a thread with its own runtime: for blocking
    /// clients, CLIs and tests without a runtime.
    pub fn serve_in_background(&self) -> io::Result<FakePlexServer> {
        let std_listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        std_listener.set_nonblocking(true)?;
        let addr = std_listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        let (stop, stopped) = oneshot::channel();
        let fake = self.clone();
        let thread = std::thread::Builder::new().name("fake-plex".into()).spawn(move || {
            runtime.block_on(async move {
                if let Ok(listener) = TcpListener::from_std(std_listener) {
                    accept_loop(fake, listener, stopped).await;
                }
            });
        })?;
        Ok(FakePlexServer { addr, stop: Some(stop), thread: Some(thread) })
    }
}
