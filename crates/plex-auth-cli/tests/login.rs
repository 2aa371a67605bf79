//! `plex-auth login` against FakePlex on loopback through both transports: the approval URL on
//! stderr, the account on stdout, the token saved with `--save`, and a PIN that expires before
//! approval ending with its own exit code. No test waits: the fake approves at the first poll or
//! answers 1020 at once.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::{World, hint, run};
use plex_auth_testing::{FakeAccount, FakePlex, Fault, Route};

fn world() -> World {
    World::serve(
        FakePlex::new().with_account(FakeAccount::new("ana", "ana@example.com", "pw")).approve_pins_after(1, "ana"),
    )
}

#[test]
fn login_shows_the_url_then_prints_and_saves_the_account() {
    let w = world();
    for transport in ["reqwest", "hyper"] {
        let r = run(w.cmd().args(["--json", "--transport", transport, "login", "--save"]));
        assert_eq!(r.code, 0, "{transport}: {}", r.stderr);
        let doc = r.json();
        assert_eq!(doc["username"], "ana", "{doc}");
        assert_eq!(doc["authToken"], "[redacted]", "{doc}");
        assert!(r.stderr.contains("https://app.plex.tv/auth#?clientID="), "{}", r.stderr);
        assert!(r.stderr.contains("context%5Bdevice%5D%5Bproduct%5D=plex-auth"), "{}", r.stderr);
        let saved = std::fs::read_to_string(w.config.path().join("token")).unwrap();
        assert!(saved.starts_with("pin-"), "the PIN's token was saved");
        assert!(!r.stdout.contains(&saved) && !r.stderr.contains(&saved), "the token is never printed");
        let token = run(w.cmd().arg("token"));
        assert_eq!(token.stdout.trim(), saved);
    }
    assert!(w.fake.request_count(Route::GetPin) >= 2);
}

#[test]
fn an_expired_pin_is_not_approved_with_its_own_exit_code_and_a_next_step() {
    let w = world();
    w.fake.inject_once(Route::GetPin, Fault::plex_error(404, 1020, "Code not found or expired"));
    let r = run(w.cmd().args(["--json", "login", "--auth-url", "http://127.0.0.1:9/auth"]));
    assert_eq!(r.code, 9, "{}", r.stderr);
    let doc = r.json();
    assert_eq!(doc["error"]["kind"], "not_approved", "{doc}");
    let tail: Vec<&str> = r.stderr.lines().rev().take(2).collect();
    assert_eq!(tail, [&format!("  hint: {}", hint(&doc)), "plex-auth: the PIN expired before it was approved"]);
    assert_eq!(doc["error"]["message"], "the PIN expired before it was approved");
    assert!(hint(&doc).contains("plex-auth login") && hint(&doc).contains("--wait"), "{doc}");
    assert!(r.stderr.contains("http://127.0.0.1:9/auth#?clientID="), "the approval page given: {}", r.stderr);
    assert!(!w.config.path().join("token").exists());
}
