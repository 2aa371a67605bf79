//! What the CLI test files share: FakePlex served on loopback, the built binary with a clean
//! environment and a private config dir, and captured runs.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use assert_cmd::Command;
use plex_auth_testing::{FakePlex, FakePlexServer};
use serde_json::Value;
use std::time::Duration;

/// A FakePlex on loopback and a config dir of its own.
pub struct World {
    pub fake: FakePlex,
    pub server: FakePlexServer,
    pub config: tempfile::TempDir,
}

impl World {
    /// Serves `fake` in the background.
    pub fn serve(fake: FakePlex) -> Self {
        let server = fake.serve_in_background().unwrap();
        Self { fake, server, config: private_dir() }
    }

    /// The binary with a clean environment pointed at the fake and a private config dir.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("plex-auth").unwrap();
        cmd.env_clear()
            .env("PLEX_AUTH_CONFIG_DIR", self.config.path())
            .env("PLEX_TV_URL", self.server.plex_tv_url())
            .env("PLEX_SERVER_URL", self.server.server_url())
            .timeout(Duration::from_secs(30));
        cmd
    }

    /// [`cmd`](Self::cmd) as a `std` command, for a stdin that is not a buffer (e.g. `/dev/zero`).
    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("plex-auth"));
        cmd.env_clear()
            .env("PLEX_AUTH_CONFIG_DIR", self.config.path())
            .env("PLEX_TV_URL", self.server.plex_tv_url())
            .env("PLEX_SERVER_URL", self.server.server_url());
        cmd
    }
}

/// A temp dir as the CLI wants its config dir (0700), so that no permission warning is printed.
pub fn private_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    #[cfg(unix)]
    set_mode(dir.path(), 0o700);
    dir
}

#[cfg(unix)]
pub fn set_mode(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(unix)]
pub fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A finished run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Stdout as exactly one JSON document.
    pub fn json(&self) -> Value {
        serde_json::from_str(self.stdout.trim())
            .unwrap_or_else(|e| panic!("not one JSON document ({e}): {}", self.stdout))
    }
}

/// Runs `cmd` to completion.
pub fn run(cmd: &mut Command) -> Run {
    finished(cmd.output().unwrap())
}

/// A finished process as a [`Run`].
pub fn finished(out: std::process::Output) -> Run {
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Asserts the exit code, the message (and at most one hint line) on stderr, and the JSON error
/// kind; returns the document.
pub fn expect_exit(r: &Run, code: i32, kind: &str) -> Value {
    assert_eq!(r.code, code, "stdout: {} stderr: {}", r.stdout, r.stderr);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert!(lines.first().is_some_and(|l| l.starts_with("plex-auth: ")), "message first: {}", r.stderr);
    assert!(lines.len() <= 2, "a message and at most a hint: {}", r.stderr);
    if let Some(hint) = lines.get(1) {
        assert!(hint.starts_with("  hint: "), "{}", r.stderr);
    }
    let doc = r.json();
    assert_eq!(doc["error"]["kind"], kind, "{doc}");
    assert_eq!(doc["error"]["message"], lines[0].trim_start_matches("plex-auth: "), "{doc}");
    doc
}

/// The hint of a failed run's JSON error ("" if none).
pub fn hint(doc: &Value) -> &str {
    doc["error"]["hint"].as_str().unwrap_or("")
}
