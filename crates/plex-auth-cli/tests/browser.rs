//! `plex-auth login` approved in a real browser: FakePlex on loopback, the CLI waiting for
//! approval, and headless Chromium opening the URL the CLI printed, reading the PIN code and
//! the product off FakePlex's approval page and clicking Approve; the CLI then prints the
//! account. Chromium is driven over its DevTools protocol (a WebSocket on 127.0.0.1).
//!
//! Chromium is `$CHROMIUM`, else `chromium` or `chromium-browser` on `PATH`; without one the
//! test says so and passes, unless `PLEX_AUTH_REQUIRE_BROWSER` is set (`.ci/run` installs
//! Debian's `chromium` and sets it, so CI really runs the browser). Everything
//! is bounded: one deadline for the whole test, and the CLI and Chromium (its whole process
//! group) are killed at the end whatever happens.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::World;
use plex_auth_testing::{FakeAccount, FakePlex, Route};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};
use tungstenite::{Message, WebSocket};

/// The whole test, Chromium's start-up included.
const OVERALL: Duration = Duration::from_secs(60);

#[test]
fn login_approved_in_headless_chromium() {
    let Some(chromium) = find_chromium() else {
        let required = std::env::var_os("PLEX_AUTH_REQUIRE_BROWSER").is_some_and(|v| !v.is_empty() && v != "0");
        assert!(
            !required,
            "PLEX_AUTH_REQUIRE_BROWSER is set but no Chromium was found (CHROMIUM, chromium, chromium-browser)"
        );
        // Straight to stderr, past the test harness's capture, so the skip shows in CI logs.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED login_approved_in_headless_chromium: no Chromium found (set CHROMIUM, or put chromium or \
             chromium-browser on PATH; Debian: apt-get install chromium)"
        );
        return;
    };
    let started = Instant::now();
    let deadline = started + OVERALL;

    let world = World::serve(FakePlex::new().with_account(FakeAccount::new("ana", "ana@example.com", "pw")));
    let auth_url = world.server.auth_url();

    // The CLI first: it creates the PIN and prints the approval URL on stderr, then polls.
    let mut cli_cmd = world.std_cmd();
    cli_cmd
        .args(["--plex-tv", &world.server.plex_tv_url(), "login", "--auth-url", &auth_url, "--json", "--wait", "60"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut cli = Killed::spawn(cli_cmd, false);
    let mut cli_stderr = lines_of(cli.child.stderr.take().unwrap());
    let prefix = format!("{auth_url}#?");
    let url = cli_stderr
        .wait_for(deadline, |line| line.trim().starts_with(&prefix))
        .unwrap_or_else(|| panic!("no approval URL on the CLI's stderr: {}", cli_stderr.seen()))
        .trim()
        .to_owned();
    let code = fragment_param(&url, "code").unwrap_or_else(|| panic!("no code in {url}"));
    assert!(!code.is_empty(), "{url}");

    // Then Chromium, with a profile of its own, reached over DevTools.
    let profile = tempfile::tempdir().unwrap();
    let mut browser_cmd = Command::new(&chromium);
    browser_cmd
        .args([
            "--headless=new",
            "--remote-debugging-port=0",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-proxy-server",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("about:blank")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut browser = Killed::spawn(browser_cmd, true);
    let mut browser_stderr = lines_of(browser.child.stderr.take().unwrap());
    let ws_url = browser_stderr
        .wait_for(deadline, |line| line.contains("DevTools listening on ws://"))
        .unwrap_or_else(|| panic!("Chromium printed no DevTools URL: {}", browser_stderr.seen()))
        .split_once("DevTools listening on ")
        .map(|(_, url)| url.trim().to_owned())
        .unwrap();
    let mut devtools = DevTools::connect(&ws_url, deadline);

    // A page of our own, attached as a flat session.
    let target = devtools.call(None, "Target.createTarget", json!({"url": "about:blank"}));
    let target_id = target["targetId"].as_str().unwrap().to_owned();
    let attached = devtools.call(None, "Target.attachToTarget", json!({"targetId": target_id, "flatten": true}));
    let session = attached["sessionId"].as_str().unwrap().to_owned();
    let page = Some(session.as_str());

    let navigated = devtools.call(page, "Page.navigate", json!({"url": url}));
    assert!(navigated.get("errorText").is_none(), "navigation failed: {navigated}");
    let shown = devtools.eval_until(page, PAGE_STATE, |s| {
        s["href"].as_str().is_some_and(|h| h.starts_with(&auth_url)) && s["ready"] == "complete" && s["enabled"] == true
    });
    assert_eq!(shown["code"], code.as_str(), "the page shows the PIN's code: {shown}");
    assert_eq!(shown["product"], "plex-auth", "the page shows the product: {shown}");

    let clicked = devtools.eval(page, "document.getElementById('approve').click(), true");
    assert_eq!(clicked, true);
    let approved = devtools.eval_until(page, PAGE_STATE, |s| s["status"].as_str().is_some_and(|t| t != "Approving..."));
    assert_eq!(approved["status"], "Approved", "{approved}");
    assert!(world.fake.request_count(Route::Approval) >= 2, "the page and its approve request");

    // The CLI sees the approval at its next poll and prints the account.
    let status = cli.wait(deadline).unwrap_or_else(|| panic!("the CLI did not finish: {}", cli_stderr.seen()));
    let mut stdout = String::new();
    cli.child.stdout.take().unwrap().read_to_string(&mut stdout).unwrap();
    assert_eq!(status.code(), Some(0), "stdout: {stdout} stderr: {}", cli_stderr.seen());
    let account: Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    assert_eq!(account["username"], "ana", "{account}");
    assert_eq!(account["authToken"], "[redacted]", "{account}");

    let _ = devtools.call(None, "Browser.close", json!({}));
    drop(devtools);
    let _ = browser.wait(Instant::now() + Duration::from_secs(5));
    println!("login_approved_in_headless_chromium: {:.1} s", started.elapsed().as_secs_f64());
}

/// What the page shows, as one value.
const PAGE_STATE: &str = "(() => {
  const text = id => { const e = document.getElementById(id); return e ? e.textContent : null; };
  const button = document.getElementById('approve');
  return { href: location.href, ready: document.readyState, code: text('code'), product: text('product'),
           status: text('status'), enabled: !!button && !button.disabled };
})()";

/// `$CHROMIUM` if set (it must exist then), else `chromium` or `chromium-browser` on `PATH`.
fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        let found = if path.components().count() > 1 { Some(path.clone()) } else { on_path(&path) };
        return Some(
            found.filter(|p| p.is_file()).unwrap_or_else(|| panic!("CHROMIUM={} is not a file", path.display())),
        );
    }
    ["chromium", "chromium-browser"].iter().find_map(|name| on_path(Path::new(name)))
}

fn on_path(name: &Path) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0))
}

/// A query parameter of the `#?...` fragment, percent-decoded.
fn fragment_param(url: &str, name: &str) -> Option<String> {
    let (_, fragment) = url.split_once("#?")?;
    fragment.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('=')).map(percent_decode)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b'+', _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A child that is killed when dropped, with its process group when it leads one (Chromium
/// starts helper processes of its own).
struct Killed {
    child: Child,
    group: bool,
}

impl Killed {
    fn spawn(mut cmd: Command, group: bool) -> Self {
        if group {
            cmd.process_group(0);
        }
        let child = cmd.spawn().unwrap_or_else(|e| panic!("cannot start {:?}: {e}", cmd.get_program()));
        Self { child, group }
    }

    /// Waits for the child to exit, until `deadline`.
    fn wait(&mut self, deadline: Instant) -> Option<std::process::ExitStatus> {
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Killed {
    fn drop(&mut self) {
        if self.group {
            // The group's id is the leader's pid (`process_group(0)`): its helpers go too.
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", self.child.id())])
                .stderr(Stdio::null())
                .status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The lines a child writes, read on a thread of their own (so its pipe never fills).
struct Lines {
    rx: Receiver<String>,
    seen: Vec<String>,
}

fn lines_of(pipe: impl Read + Send + 'static) -> Lines {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    Lines { rx, seen: Vec::new() }
}

impl Lines {
    /// The first line (from now on) that `pred` accepts, if one comes before `deadline`.
    fn wait_for(&mut self, deadline: Instant, pred: impl Fn(&str) -> bool) -> Option<String> {
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let line = self.rx.recv_timeout(left).ok()?;
            self.seen.push(line.clone());
            if pred(&line) {
                return Some(line);
            }
        }
    }

    /// Everything read so far (and whatever is waiting), for failure messages.
    fn seen(&self) -> String {
        let mut seen = self.seen.clone();
        seen.extend(self.rx.try_iter());
        format!("\n{}", seen.join("\n"))
    }
}

/// A DevTools connection to the browser, with flat sessions for pages.
struct DevTools {
    socket: WebSocket<TcpStream>,
    next_id: u64,
    deadline: Instant,
}

impl DevTools {
    fn connect(ws_url: &str, deadline: Instant) -> Self {
        let authority = ws_url.strip_prefix("ws://").and_then(|rest| rest.split('/').next()).unwrap();
        let addr: std::net::SocketAddr = authority.parse().unwrap_or_else(|e| panic!("{ws_url}: {e}"));
        assert!(addr.ip().is_loopback(), "DevTools on loopback only: {ws_url}");
        let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5)).unwrap();
        stream.set_read_timeout(Some(Duration::from_millis(500))).unwrap();
        stream.set_write_timeout(Some(Duration::from_secs(5))).unwrap();
        let (socket, _) = tungstenite::client(ws_url, stream).unwrap_or_else(|e| panic!("{ws_url}: {e}"));
        Self { socket, next_id: 1, deadline }
    }

    /// Sends `method` (to `session`, else to the browser) and returns its result.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.try_call(session, method, params).unwrap_or_else(|e| panic!("{method}: {e}"))
    }

    /// [`call`](Self::call), with the protocol's error as an `Err`; events and other answers on
    /// the way are skipped.
    fn try_call(&mut self, session: Option<&str>, method: &str, params: Value) -> Result<Value, String> {
        let id = self.next_id;
        self.next_id += 1;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(session) = session {
            msg["sessionId"] = json!(session);
        }
        self.socket.send(Message::text(msg.to_string())).unwrap_or_else(|e| panic!("{method}: {e}"));
        loop {
            assert!(Instant::now() < self.deadline, "{method}: no answer before the deadline");
            let frame = match self.socket.read() {
                Ok(frame) => frame,
                Err(tungstenite::Error::Io(e))
                    if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) =>
                {
                    continue;
                }
                Err(e) => panic!("{method}: {e}"),
            };
            let Message::Text(text) = frame else { continue };
            let answer: Value = serde_json::from_str(text.as_str()).unwrap();
            if answer["id"] != id {
                continue;
            }
            return match answer.get("error") {
                Some(error) => Err(error.to_string()),
                None => Ok(answer["result"].clone()),
            };
        }
    }

    /// Evaluates `expression` in the page: its value, or why not (an exception, or no page to
    /// run it in while a navigation replaces the document).
    fn try_eval(&mut self, session: Option<&str>, expression: &str) -> Result<Value, String> {
        let params = json!({"expression": expression, "returnByValue": true});
        let result = self.try_call(session, "Runtime.evaluate", params)?;
        match result.get("exceptionDetails") {
            Some(exception) => Err(exception.to_string()),
            None => Ok(result["result"]["value"].clone()),
        }
    }

    /// Evaluates `expression` in the page and returns its value.
    fn eval(&mut self, session: Option<&str>, expression: &str) -> Value {
        self.try_eval(session, expression).unwrap_or_else(|e| panic!("{expression}: {e}"))
    }

    /// Evaluates `expression` every 100 ms until `done` accepts its value (before the deadline);
    /// failed evaluations (the document being replaced) count as not done yet.
    fn eval_until(&mut self, session: Option<&str>, expression: &str, done: impl Fn(&Value) -> bool) -> Value {
        loop {
            let value = self.try_eval(session, expression);
            if let Ok(value) = &value {
                if done(value) {
                    return value.clone();
                }
            }
            assert!(Instant::now() < self.deadline, "the page never got there: {value:?}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}
