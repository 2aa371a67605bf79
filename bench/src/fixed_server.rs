//! A minimal HTTP/1.1 server that answers `GET /api/v2/user` with one fixed 200 account body,
//! keeping connections alive, run in a child process of the bench.
//!
//! Why a child process: the transport bench reports the client's CPU time per call, and a
//! server in the same process would add its own parsing and writing to that figure. Why so
//! minimal: every microsecond the server spends is a microsecond the client waits, on a 2-core
//! machine shared by both; a fixed answer written in one `write_all` keeps it small and the same
//! for every client measured.
//!
//! The bench binary runs [`serve_child`] when [`SERVE_ENV`] is set, and [`ServerProcess::spawn`]
//! re-executes the binary that way. The child prints its port on stdout and exits when its stdin
//! closes (the parent is gone) or after [`MAX_LIFETIME`], whichever comes first.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

/// Set in the child's environment to make the bench binary serve instead of measure.
pub const SERVE_ENV: &str = "PLEX_AUTH_BENCH_SERVE";
/// The longest the server lives, whatever its parent does.
pub const MAX_LIFETIME: Duration = Duration::from_secs(15 * 60);
/// The path the server answers; anything else gets a 404.
pub const PATH: &str = "/api/v2/user";
/// How a request for [`PATH`] starts.
const REQUEST_LINE: &[u8] = b"GET /api/v2/user ";

/// The API reference's §6.1 account fixture (41 fields, 59 features, 20 services), compacted
/// as plex.tv sends it.
pub fn account_body() -> Result<Vec<u8>, serde_json::Error> {
    let value: serde_json::Value =
        serde_json::from_slice(include_bytes!("../../crates/plex-auth-core/tests/fixtures/signin-201.json"))?;
    serde_json::to_vec(&value)
}

/// The whole answer, head and body, built once.
fn response(status: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let head = format!("HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\n\r\n", body.len());
    let mut out = head.into_bytes();
    out.extend_from_slice(body);
    out
}

/// The child's main: binds 127.0.0.1 on a free port, prints the port, and answers until stdin
/// closes. Never returns normally: the process exits when its parent goes.
pub fn serve_child() -> io::Result<()> {
    let body = account_body().map_err(io::Error::other)?;
    let answers = Arc::new(Answers {
        ok: response("200 OK", "application/json", &body),
        missing: response("404 Not Found", "text/plain", b"not found"),
    });
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    let mut stdout = io::stdout().lock();
    writeln!(stdout, "{}", listener.local_addr()?.port())?;
    stdout.flush()?;
    drop(stdout);
    std::thread::spawn(|| {
        // EOF (or an error) on stdin means the parent has gone: stop with it.
        let _ = io::copy(&mut io::stdin().lock(), &mut io::sink());
        std::process::exit(0);
    });
    std::thread::spawn(|| {
        std::thread::sleep(MAX_LIFETIME);
        std::process::exit(0);
    });
    for stream in listener.incoming() {
        let answers = Arc::clone(&answers);
        let stream = stream?;
        std::thread::spawn(move || answer(stream, &answers));
    }
    Ok(())
}

/// The two answers the server can give.
struct Answers {
    ok: Vec<u8>,
    missing: Vec<u8>,
}

/// Answers every request on one connection until the client closes it. Requests have no body
/// (the bench only sends `GET`), so a request ends at its blank line.
fn answer(mut stream: TcpStream, answers: &Answers) {
    let _ = stream.set_nodelay(true);
    let mut buffered = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    loop {
        while let Some(end) = buffered.windows(4).position(|w| w == b"\r\n\r\n") {
            let wanted = buffered.starts_with(REQUEST_LINE);
            buffered.drain(..end + 4);
            let reply = if wanted { &answers.ok } else { &answers.missing };
            if stream.write_all(reply).is_err() {
                return;
            }
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => buffered.extend_from_slice(&chunk[..n]),
        }
        if buffered.len() > 64 * 1024 {
            return;
        }
    }
}

/// The server child, seen from the bench: its port, and the pipe whose closing stops it.
#[derive(Debug)]
pub struct ServerProcess {
    child: Child,
    stdin: Option<ChildStdin>,
    port: u16,
}

impl ServerProcess {
    /// Re-executes the current binary in server mode and waits for its port.
    pub fn spawn() -> io::Result<Self> {
        let mut child = Command::new(std::env::current_exe()?)
            .env(SERVE_ENV, "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()?;
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().ok_or_else(|| io::Error::other("the server's stdout is not piped"))?;
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line)?;
        let port = line.trim().parse().map_err(|_| io::Error::other(format!("the server printed {line:?}")))?;
        Ok(Self { child, stdin, port })
    }

    /// The URL of plex.tv's API base on this server, e.g. `http://127.0.0.1:41234/api/v2`.
    pub fn plex_tv_url(&self) -> String {
        format!("http://127.0.0.1:{}/api/v2", self.port)
    }

    /// The child's process id, to tell it apart from other sessions' servers.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for ServerProcess {
    /// Closes the child's stdin, which ends it; kills it if it is somehow still there.
    fn drop(&mut self) {
        drop(self.stdin.take());
        std::thread::sleep(Duration::from_millis(50));
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}
