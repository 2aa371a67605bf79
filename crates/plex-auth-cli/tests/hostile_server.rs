//! The binary against a hostile or careless server: secret-shaped fields, fields the CLI does
//! not model, control characters, unusable tokens. Each test names the defect of issue 8 it guards.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::{Run, World, expect_exit, run};
use plex_auth_core::UserPlexAccount;
use plex_auth_testing::{FakeAccount, FakePlex, FakeServer, Fault, Route};
use serde_json::{Value, json};

const PASSWORD: &str = "ana-password-X9";
const PRE_TOKEN: &str = "pre-issued-token-W3";
const MACHINE: &str = "abcdef0123456789";

fn world_with(account: Value) -> World {
    let model: UserPlexAccount = serde_json::from_value(account).unwrap();
    World::serve(
        FakePlex::new()
            .with_account(FakeAccount::new("ana", "ana@example.com", PASSWORD).token(PRE_TOKEN).with_model(model))
            .with_server(FakeServer::new(MACHINE, "Den").connection("http://10.0.0.5:32400", true, false)),
    )
}

/// `whoami --json` used to print these in clear: the CLI had its own, narrower rule.
#[test]
fn whoami_json_hides_every_secret_shaped_field() {
    let w = world_with(json!({
        "username": "ana", "email": "ana@example.com",
        "apiKey": "apikey-S1", "authJWT": "jwt-S2", "backupCodes": ["backup-S3", "backup-S4"],
        "refreshTokens": [{"value": "refresh-S5"}], "accessToken": {"value": "access-S6", "expires": 1},
        "services": [{"identifier": "metadata", "endpoint": "https://metadata.example", "credentials": {"user": "cred-S7"}}],
        "brandNewField": "kept-K1"
    }));
    for args in [&["--json", "whoami"][..], &["whoami"]] {
        let r = run(w.cmd().args(args).env("PLEX_TOKEN", PRE_TOKEN));
        assert_eq!(r.code, 0, "{}", r.stderr);
        for s in ["apikey-S1", "jwt-S2", "backup-S3", "backup-S4", "refresh-S5", "access-S6", "cred-S7", PRE_TOKEN] {
            assert!(!r.stdout.contains(s) && !r.stderr.contains(s), "{s} shown by {args:?}: {}", r.stdout);
        }
    }
    let doc = run(w.cmd().args(["--json", "whoami"]).env("PLEX_TOKEN", PRE_TOKEN)).json();
    for key in ["apiKey", "authJWT", "backupCodes", "refreshTokens", "accessToken", "authToken"] {
        assert_eq!(doc[key], "[redacted]", "{key}: {doc}");
    }
    assert_eq!(doc["services"][0]["credentials"], "[redacted]");
    assert_eq!(doc["services"][0]["endpoint"], "https://metadata.example");
    assert_eq!(doc["brandNewField"], "kept-K1");
}

/// `source-info --json` used to be assembled by hand and dropped what it did not list.
#[test]
fn source_info_json_keeps_every_field_the_server_sent() {
    let w = world_with(json!({"username": "ana"}));
    let device = json!({
        "name": "Den", "clientIdentifier": MACHINE, "accessToken": "server-token-S8",
        "product": "Plex Media Server", "publicAddress": "203.0.113.7", "futureField": {"nested": [1, "two"]},
        "Connection": [{"protocol": "https", "address": "10.0.0.5", "port": 32400, "uri": "https://10-0-0-5.x.plex.direct:32400",
                        "local": true, "relay": false, "IPv6": false, "futureConnectionField": 7}]
    });
    let body = json!({"MediaContainer": {"size": 1, "Device": device.clone()}}).to_string();
    w.fake.inject(Route::Resources, Fault::respond(200, "application/json", body));
    let source = format!("server://{MACHINE}");
    let r = run(w.cmd().args(["--json", "--token", PRE_TOKEN, "source-info", &source]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut expected = device.clone();
    expected["accessToken"] = json!("[redacted]");
    assert_eq!(r.json(), expected);
    let r = run(w.cmd().args(["--json", "--show-secrets", "--token", PRE_TOKEN, "source-info", &source]));
    assert_eq!(r.json(), device);
}

/// Everything a process printed, with the line breaks between lines taken out.
fn printed(r: &Run) -> String {
    format!("{}{}", r.stdout, r.stderr).replace('\n', "")
}

fn assert_terminal_safe(r: &Run, what: &str) {
    let text = printed(r);
    let raw: Vec<char> = text.chars().filter(|c| c.is_control() || *c == '\u{202e}').collect();
    assert!(raw.is_empty(), "{what} printed raw {raw:?}: {text:?}");
}

/// Control characters in account fields, server names, URIs and error messages used to be
/// printed raw (`ESC ] 0;…` retitles the terminal, `ESC [2J` clears it).
#[test]
fn control_characters_from_the_server_never_reach_the_terminal() {
    let w = world_with(json!({
        "username": "ana\u{1b}]0;owned\u{7}", "email": "ana\u{1b}[2J@example.com", "uuid": "u\u{9b}31m\u{7f}\u{202e}",
        "title": "t\u{85}"
    }));
    let device = json!({
        "name": "Den\u{1b}[5m", "clientIdentifier": "m\u{0}1", "accessToken": "server-token-S9",
        "Connection": [{"uri": "http://10.0.0.5:32400/\u{1b}[8m", "local": true, "relay": false, "address": "\u{9d}"}]
    });
    w.fake.inject(
        Route::Resources,
        Fault::respond(200, "application/json", json!({"MediaContainer": {"Device": device}}).to_string()),
    );
    let source = format!("server://{MACHINE}");

    let r = run(w.cmd().args(["--token", PRE_TOKEN, "whoami"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains(r"username    ana\u{1b}]0;owned\u{7}"), "{}", r.stdout);
    assert!(r.stdout.contains(r"uuid        u\u{9b}31m\u{7f}\u{202e}"), "{}", r.stdout);
    assert_terminal_safe(&r, "whoami");

    let r = run(w.cmd().args(["--json", "--token", PRE_TOKEN, "whoami"]));
    assert_terminal_safe(&r, "whoami --json");
    assert_eq!(r.json()["uuid"], "u\u{9b}31m\u{7f}\u{202e}", "the JSON still decodes to what was sent");

    let r = run(w.cmd().args(["--token", PRE_TOKEN, "source-info", &source]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains(r"http://10.0.0.5:32400/\u{1b}[8m (local)"), "{}", r.stdout);
    assert_terminal_safe(&r, "source-info");
    let r = run(w.cmd().args(["--json", "--token", PRE_TOKEN, "source-info", &source]));
    assert_terminal_safe(&r, "source-info --json");

    for json in [false, true] {
        w.fake.inject_once(Route::User, Fault::plex_error(401, 1001, "denied\u{1b}]0;owned\u{7}\u{9b}2J"));
        let mut cmd = w.cmd();
        cmd.args(["--token", PRE_TOKEN, "whoami"]);
        if json {
            cmd.arg("--json");
        }
        let r = run(&mut cmd);
        assert_eq!(r.code, 3, "{}", r.stderr);
        assert_eq!(r.stderr.lines().count(), 2, "a message and a hint: {}", r.stderr);
        assert!(r.stderr.contains(r"denied\u{1b}]0;owned\u{7}\u{9b}2J"), "{}", r.stderr);
        assert_terminal_safe(&r, "an error");
    }
}

/// A sign-in answer with an unusable token used to exit 0 and save it.
#[test]
fn an_unusable_token_from_signin_is_never_saved() {
    let w = world_with(json!({"username": "ana"}));
    for bad in ["abc\r\ndef", "   ", ""] {
        let body = json!({"id": 1, "username": "ana", "authToken": bad}).to_string();
        w.fake.inject_once(Route::SignIn, Fault::respond(201, "application/json", body));
        let r = run(w.cmd().args(["--json", "signin", "--login", "ana", "--save"]).env("PLEX_PASSWORD", PASSWORD));
        let doc = expect_exit(&r, 8, "decode");
        assert!(doc["error"]["message"].as_str().unwrap().to_lowercase().contains("token"), "{bad:?}: {doc}");
        assert!(!w.config.path().join("token").exists(), "{bad:?} was saved");
    }
}
