//! `servers [--connect]`, `ping` and `signout` against FakePlex on loopback, through both
//! transports. Every connection is a loopback address: the fake PMS itself, or a closed port.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::{World, expect_exit, hint, run};
use plex_auth_testing::{FakeAccount, FakePlex, FakeServer, refused_url};

const TOKEN: &str = "servers-test-token-K8";
const MACHINE: &str = "0123456789abcdef0123456789abcdef01234567";

fn world() -> World {
    let w = World::serve(FakePlex::new().with_account(FakeAccount::new("ana", "ana@example.com", "pw").token(TOKEN)));
    let closed = refused_url("").unwrap();
    let _ = w.fake.clone().with_server(
        FakeServer::new(MACHINE, "Den").connection(closed.trim_end_matches('/'), true, false).connection(
            &w.server.server_url(),
            true,
            false,
        ),
    );
    w
}

#[test]
fn servers_lists_and_connect_races_with_a_report() {
    let w = world();
    for transport in ["reqwest", "hyper"] {
        let r = run(w.cmd().args(["--json", "--transport", transport, "--token", TOKEN, "servers", "--connect"]));
        assert_eq!(r.code, 0, "{transport}: {}", r.stderr);
        let doc = r.json();
        let server = &doc["servers"][0];
        assert_eq!(server["name"], "Den", "{doc}");
        assert_eq!(server["accessToken"], "[redacted]", "{doc}");
        assert_eq!(server["connect"]["chosen"], w.server.server_url().trim_end_matches('/'), "{doc}");
        let probes = server["connect"]["probes"].as_array().unwrap();
        assert_eq!(probes[0]["outcome"], "failed", "the closed port ranks first (same class, listed first): {doc}");
        assert!(probes[0]["detail"].as_str().unwrap().contains("connection refused"), "{doc}");
        assert_eq!(probes[1]["outcome"], "answered", "{doc}");

        let r = run(w.cmd().args(["--transport", transport, "--token", TOKEN, "servers", "--connect"]));
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.contains("chosen") && r.stdout.contains("answered in"), "{}", r.stdout);
        assert!(!r.stdout.contains(TOKEN), "{}", r.stdout);

        let r = run(w.cmd().args(["--json", "--transport", transport, "--token", TOKEN, "servers"]));
        assert!(r.json()["servers"][0].get("connect").is_none(), "no race without --connect");
    }
}

#[test]
fn ping_then_signout_revokes_and_deletes_the_saved_token() {
    let w = world();
    std::fs::write(w.config.path().join("token"), TOKEN).unwrap();
    #[cfg(unix)]
    common::set_mode(&w.config.path().join("token"), 0o600);
    let r = run(w.cmd().args(["--json", "ping"]));
    assert_eq!((r.code, r.json()), (0, serde_json::json!({"ok": true})), "{}", r.stderr);
    let r = run(w.cmd().args(["--json", "--transport", "hyper", "signout"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["signed_out"], true);
    assert!(!w.config.path().join("token").exists(), "the saved token was deleted");
    let r = run(w.cmd().args(["--json", "--token", TOKEN, "ping"]));
    let doc = expect_exit(&r, 3, "unauthorized");
    assert!(hint(&doc).contains("signin --save"), "{doc}");
    let r = run(w.cmd().args(["--json", "ping"]));
    expect_exit(&r, 2, "invalid_input");
}
