//! `plex-auth login --jwt` and `plex-auth jwt register|login|refresh|verify|status` against
//! FakePlex on loopback through both transports: what is saved (and with which modes), what is
//! printed (never a JWT or the key), and the exit codes and hints of each failure.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::{World, expect_exit, hint, mode, run};
use plex_auth_testing::{FakeAccount, FakeClock, FakePlex, Fault, Route};
use std::time::{Duration, SystemTime};

const PRE_TOKEN: &str = "pre-issued-token-ana";

fn world() -> World {
    World::serve(
        FakePlex::new()
            .with_account(FakeAccount::new("ana", "ana@example.com", "pw").token(PRE_TOKEN))
            .approve_pins_after(1, "ana"),
    )
}

fn read(w: &World, name: &str) -> String {
    std::fs::read_to_string(w.config.path().join(name)).unwrap()
}

/// Neither the saved JWT nor the key's PEM body may appear in anything printed.
fn assert_nothing_secret_printed(w: &World, runs: &[&common::Run]) {
    let jwt = read(w, "jwt-token");
    let pem = read(w, "jwt-device-key.pem");
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    for r in runs {
        for out in [&r.stdout, &r.stderr] {
            assert!(!out.contains(jwt.trim()), "the JWT was printed: {out}");
            assert!(!out.contains(&body), "the private key was printed: {out}");
            let signature = jwt.trim().rsplit('.').next().unwrap();
            assert!(!out.contains(signature), "a JWT signature was printed: {out}");
        }
    }
}

#[test]
fn login_jwt_saves_the_key_and_a_verified_jwt_that_status_verify_and_refresh_use() {
    for transport in ["reqwest", "hyper"] {
        let w = world();
        let cmd = |args: &[&str]| {
            let mut c = w.cmd();
            c.args(["--json", "--transport", transport]).args(args);
            run(&mut c)
        };
        let login = cmd(&["login", "--jwt", "--save"]);
        assert_eq!(login.code, 0, "{transport}: {}", login.stderr);
        let doc = login.json();
        assert_eq!(doc["verified"], true, "{doc}");
        assert_eq!(doc["new_key"], "yes", "{doc}");
        assert_eq!(doc["claims"]["iss"], "plex.tv", "{doc}");
        assert_eq!(doc["claims"]["thumbprint"], doc["kid"], "{doc}");
        assert_eq!(doc["claims"]["user"]["username"], "ana", "{doc}");
        assert_eq!(doc["token"], "[redacted]", "{doc}");
        assert!(login.stderr.contains("https://app.plex.tv/auth#?clientID="), "{}", login.stderr);
        // Its own client identifier, and owner-only files.
        let jwt_id = read(&w, "jwt-client-id");
        assert_eq!(doc["client_identifier"], jwt_id.trim());
        assert!(!w.config.path().join("client-id").exists() || read(&w, "client-id") != jwt_id);
        for file in ["jwt-device-key.pem", "jwt-token", "jwt-client-id"] {
            assert_eq!(mode(&w.config.path().join(file)) & 0o777, 0o600, "{file}");
        }
        assert!(read(&w, "jwt-device-key.pem").starts_with("-----BEGIN PRIVATE KEY-----"));

        let status = cmd(&["jwt", "status"]);
        assert_eq!(status.code, 0, "{}", status.stderr);
        let st = status.json();
        assert_eq!(
            (st["kid"].clone(), st["verified"].clone(), st["state"].clone()),
            (doc["kid"].clone(), false.into(), "valid".into())
        );
        assert_eq!(st["expires_at"], doc["expires_at"]);

        let verify = cmd(&["jwt", "verify"]);
        assert_eq!(verify.code, 0, "{}", verify.stderr);
        assert_eq!(verify.json()["verified"], true);

        let not_due = cmd(&["jwt", "refresh"]);
        assert_eq!(not_due.code, 0, "{}", not_due.stderr);
        assert_eq!(not_due.json()["refreshed"], "no: not due yet");
        let before = read(&w, "jwt-token");
        let nonces = w.fake.request_count(Route::AuthNonce);
        let forced = cmd(&["jwt", "refresh", "--force"]);
        assert_eq!(forced.code, 0, "{}", forced.stderr);
        assert_eq!(forced.json()["refreshed"], "yes");
        assert_ne!(read(&w, "jwt-token"), before, "a new JWT was saved");
        assert_eq!(w.fake.request_count(Route::AuthNonce), nonces + 1);
        // With less than the window left, a plain refresh renews it too.
        let due = cmd(&["jwt", "refresh", "--window", "700000"]);
        assert_eq!(due.json()["refreshed"], "yes", "{}", due.stdout);

        // The key registered by the PIN logs in by nonce too.
        let again = cmd(&["jwt", "login"]);
        assert_eq!(again.code, 0, "{}", again.stderr);
        assert_eq!(again.json()["kid"], doc["kid"]);
        assert_nothing_secret_printed(&w, &[&login, &status, &verify, &not_due, &forced, &due, &again]);
    }
}

#[test]
fn register_with_a_token_then_login_and_a_taken_thumbprint_is_explained() {
    let w = world();
    let register = run(w.cmd().args(["--json", "--token", PRE_TOKEN, "jwt", "register"]));
    assert_eq!(register.code, 0, "{}", register.stderr);
    let doc = register.json();
    assert_eq!((doc["registered"].as_str(), doc["new_key"].as_str()), (Some("yes"), Some("yes")), "{doc}");
    let login = run(w.cmd().args(["--json", "jwt", "login", "--save", "--scope", "username"]));
    assert_eq!(login.code, 0, "{}", login.stderr);
    let claims = &login.json()["claims"];
    assert_eq!(claims["user"]["username"], "ana");
    assert!(claims["user"].get("email").is_none(), "only the username was asked for: {claims}");

    // The same key under another client identifier: Plex's 422 "Thumbprint Already Taken".
    let taken = run(w.cmd().args(["--json", "--token", PRE_TOKEN, "--client-id", "another-device", "jwt", "register"]));
    let doc = expect_exit(&taken, 6, "api");
    assert!(hint(&doc).contains("another client identifier"), "{doc}");
    assert_nothing_secret_printed(&w, &[&register, &login, &taken]);
}

#[test]
fn failures_exit_with_their_codes_and_name_the_next_step() {
    let w = world();
    let no_key = run(w.cmd().args(["--json", "jwt", "login"]));
    let doc = expect_exit(&no_key, 2, "invalid_input");
    assert!(hint(&doc).contains("login --jwt"), "{doc}");

    let no_token = run(w.cmd().args(["--json", "jwt", "register"]));
    expect_exit(&no_token, 2, "invalid_input");

    assert_eq!(run(w.cmd().args(["login", "--jwt", "--save"])).code, 0);
    let garbage = run(w.cmd().args(["--json", "--token", "not.a.jwt", "jwt", "verify"]));
    let doc = expect_exit(&garbage, 10, "jwt_rejected");
    assert!(doc["error"]["message"].as_str().unwrap().starts_with("Plex JWT rejected: "), "{doc}");

    // Verified for another client identifier, the audience does not match.
    let other = run(w.cmd().args(["--json", "--client-id", "someone-else", "jwt", "verify"]));
    let doc = expect_exit(&other, 10, "jwt_rejected");
    assert!(hint(&doc).contains("--client-id"), "{doc}");
}

#[test]
fn a_jwt_expired_by_this_machines_clock_is_refused_and_never_saved() {
    // The fake's clock is a year behind: what it issues has expired by this machine's time.
    let clock = FakeClock::at(SystemTime::now() - Duration::from_secs(365 * 24 * 60 * 60));
    let w = World::serve(
        FakePlex::new()
            .with_clock(clock.clone())
            .with_account(FakeAccount::new("ana", "ana@example.com", "pw"))
            .approve_pins_after(1, "ana"),
    );
    let login = run(w.cmd().args(["--json", "login", "--jwt", "--save"]));
    assert_eq!(login.code, 10, "{}", login.stderr);
    let doc = login.json();
    assert_eq!(doc["error"]["kind"], "jwt_rejected", "{doc}");
    assert!(doc["error"]["message"].as_str().unwrap().starts_with("Plex JWT rejected: JWT expired at "), "{doc}");
    assert!(hint(&doc).contains("jwt refresh"), "{doc}");
    assert!(!w.config.path().join("jwt-token").exists(), "an unverified JWT is never saved");
}

#[test]
fn plex_tv_answers_498_to_an_expired_jwt_and_the_hint_says_refresh() {
    let clock = FakeClock::at(SystemTime::now());
    let w = World::serve(
        FakePlex::new()
            .with_clock(clock.clone())
            .with_account(FakeAccount::new("ana", "ana@example.com", "pw"))
            .approve_pins_after(1, "ana"),
    );
    assert_eq!(run(w.cmd().args(["login", "--jwt", "--save"])).code, 0);
    let jwt = read(&w, "jwt-token");
    clock.advance(Duration::from_secs(8 * 24 * 60 * 60));
    let whoami = run(w.cmd().args(["--json", "whoami"]).env("PLEX_TOKEN", jwt.trim()));
    let doc = expect_exit(&whoami, 3, "unauthorized");
    assert_eq!(doc["error"]["status"], 498, "{doc}");
    assert!(hint(&doc).contains("jwt refresh"), "{doc}");
    assert!(!whoami.stdout.contains(jwt.trim()) && !whoami.stderr.contains(jwt.trim()));
}

#[test]
fn a_server_echoing_the_device_jwt_or_the_key_back_prints_neither() {
    let w = world();
    assert_eq!(run(w.cmd().args(["login", "--jwt", "--save"])).code, 0);
    let pem = read(&w, "jwt-device-key.pem");
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    for content_type in ["application/json", "application/xml", "text/plain"] {
        for json in [true, false] {
            let mut cmd = w.cmd();
            if json {
                cmd.arg("--json");
            }
            // Refused twice (the second try has a fresh nonce): inject for both.
            for _ in 0..2 {
                w.fake.inject_once(Route::AuthToken, Fault::echo_request(422, content_type));
            }
            let r = run(cmd.args(["jwt", "login"]));
            assert_ne!(r.code, 0, "{content_type}: {}", r.stdout);
            for out in [&r.stdout, &r.stderr] {
                assert!(!out.contains("eyJ"), "{content_type} json={json}: a JWT was printed: {out}");
                assert!(!out.contains(&body), "the key was printed: {out}");
            }
        }
    }
}
