//! The built `plex-auth` binary against FakePlex on loopback: every command, both output modes,
//! every exit code, saved state, and no secret in any output.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::{World, expect_exit, hint, run};
use plex_auth_testing::{FakeAccount, FakePlex, FakeServer, Fault, Route};
use std::time::Duration;

const PASSWORD: &str = "ana-password-X9";
const BO_PASSWORD: &str = "bo-password-Q7";
const CODE: &str = "135791";
const PRE_TOKEN: &str = "pre-issued-token-W3";
const MACHINE: &str = "abcdef0123456789";

fn world() -> World {
    World::serve(
        FakePlex::new()
            .with_account(FakeAccount::new("ana", "ana@example.com", PASSWORD).token(PRE_TOKEN))
            .with_account(FakeAccount::new("bo", "bo@example.com", BO_PASSWORD).two_factor(CODE))
            .with_server(FakeServer::new(MACHINE, "Den").connection("http://10.0.0.5:32400", true, false)),
    )
}

fn secrets(w: &World) -> Vec<String> {
    let mut all = w.fake.issued_tokens();
    all.extend([PASSWORD, BO_PASSWORD, CODE, PRE_TOKEN].map(String::from));
    all
}

#[test]
fn signin_json_save_then_whoami_reuses_the_saved_token() {
    let w = world();
    let r =
        run(w.cmd().args(["--json", "signin", "--login", "ana@example.com", "--save"]).env("PLEX_PASSWORD", PASSWORD));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = r.json();
    assert_eq!(doc["username"], "ana");
    assert_eq!(doc["authToken"], "[redacted]");
    let token_file = w.config.path().join("token");
    let saved = std::fs::read_to_string(&token_file).unwrap();
    assert!(w.fake.issued_tokens().contains(&saved), "the saved token is the one issued");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&token_file).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let id = std::fs::read_to_string(w.config.path().join("client-id")).unwrap();
    let r = run(w.cmd().args(["--json", "whoami"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["email"], "ana@example.com");
    // A boolean under a secret-looking name is a fact, not a secret: shown as it is.
    assert_eq!(r.json()["hasPassword"], true, "{}", r.stdout);
    let sent = w.fake.last_headers(Route::User).unwrap();
    assert_eq!(sent["x-plex-token"].to_str().unwrap(), saved);
    assert_eq!(sent["x-plex-client-identifier"].to_str().unwrap(), id, "the stored client id is reused");
}

#[test]
fn signin_reads_stdin_and_without_save_stores_no_token() {
    let w = world();
    let r = run(w.cmd().args(["signin", "--login", "ana", "--remember-me"]).write_stdin(format!("{PASSWORD}\n")));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("username    ana"), "{}", r.stdout);
    assert!(r.stdout.contains("token       [redacted]"), "{}", r.stdout);
    assert!(!w.config.path().join("token").exists());
}

#[test]
fn show_secrets_prints_tokens_in_clear() {
    let w = world();
    let r = run(w.cmd().args(["--json", "--show-secrets", "--token", PRE_TOKEN, "whoami"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["authToken"], PRE_TOKEN);
    let r = run(w.cmd().args(["--show-secrets", "--token", PRE_TOKEN, "transient-token"]));
    let issued = w.fake.issued_tokens();
    let shown = r.stdout.split_whitespace().last().unwrap().to_owned();
    assert!(shown.starts_with("transient-") && issued.contains(&shown), "{}", r.stdout);
}

#[test]
fn transient_token_and_source_info_in_both_modes_and_transports() {
    let w = world();
    for transport in ["reqwest", "hyper"] {
        let r = run(w.cmd().args([
            "--json",
            "--transport",
            transport,
            "--token",
            PRE_TOKEN,
            "transient-token",
            "--method",
            "post",
        ]));
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(r.json(), serde_json::json!({"token": "[redacted]"}));
        let r = run(w.cmd().args([
            "--json",
            "--transport",
            transport,
            "--token",
            PRE_TOKEN,
            "source-info",
            &format!("server://{MACHINE}"),
        ]));
        assert_eq!(r.code, 0, "{}", r.stderr);
        let doc = r.json();
        assert_eq!(doc["accessToken"], "[redacted]");
        assert_eq!(doc["clientIdentifier"], MACHINE);
        assert_eq!(doc["name"], "Den");
        assert_eq!(
            doc["Connection"],
            serde_json::json!([{"uri": "http://10.0.0.5:32400", "address": "10.0.0.5", "port": 32400, "protocol": "http", "local": true, "relay": false}])
        );
    }
    assert_eq!(w.fake.request_count(Route::TransientToken), 2);
    let r = run(w.cmd().args(["--token", PRE_TOKEN, "source-info", &format!("server://{MACHINE}")]));
    assert!(r.stdout.contains("connection    http://10.0.0.5:32400 (local)"), "{}", r.stdout);
}

#[test]
fn usage_and_invalid_input_exit_2() {
    let w = world();
    assert_eq!(run(w.cmd().args(["whoami", "--no-such-flag"])).code, 2);
    assert_eq!(run(w.cmd().arg("frobnicate")).code, 2);
    let r = run(w.cmd().args(["--json", "--plex-tv", "ftp://plex.tv", "--token", "x", "whoami"]));
    assert!(expect_exit(&r, 2, "invalid_input")["error"]["message"].as_str().unwrap().contains("plex_tv_url"));
    let r = run(w.cmd().args(["--json", "whoami"]));
    let doc = expect_exit(&r, 2, "invalid_input");
    assert_eq!(doc["error"]["message"], "no token: this command needs one");
    assert_eq!(hint(&doc), "pass --token or set PLEX_TOKEN, or sign in once with `plex-auth signin --save`");
    let r = run(w.cmd().args(["--json", "--timeout", "0", "--token", "x", "whoami"]));
    expect_exit(&r, 2, "invalid_input");
}

#[test]
fn plex_and_transport_failures_have_distinct_exit_codes() {
    let w = world();
    let r = run(w.cmd().args(["--json", "--token", "bogus", "whoami"]));
    let doc = expect_exit(&r, 3, "unauthorized");
    assert_eq!((doc["error"]["status"].as_u64(), doc["error"]["code"].as_u64()), (Some(401), Some(1001)));

    let r = run(w.cmd().args(["--json", "signin", "--login", "bo"]).env("PLEX_PASSWORD", BO_PASSWORD));
    assert_eq!(expect_exit(&r, 4, "two_factor_required")["error"]["code"], 1029);
    let r = run(w.cmd().args(["--json", "signin", "--login", "bo", "--code", CODE]).env("PLEX_PASSWORD", BO_PASSWORD));
    assert_eq!((r.code, r.json()["username"].as_str()), (0, Some("bo")));

    w.fake.inject_once(Route::SignIn, Fault::rate_limited(30));
    let r = run(w.cmd().args(["--json", "signin", "--login", "ana"]).env("PLEX_PASSWORD", PASSWORD));
    assert_eq!(expect_exit(&r, 5, "rate_limited")["error"]["status"], 429);
    assert!(r.stderr.contains("retry after"), "{}", r.stderr);

    let r = run(w.cmd().args(["--json", "--token", PRE_TOKEN, "source-info", "server://unknown"]));
    assert_eq!(expect_exit(&r, 6, "api")["error"]["status"], 404);

    w.fake.inject_once(Route::User, Fault::respond(200, "text/html", "<html>captive portal</html>"));
    let r = run(w.cmd().args(["--json", "--token", PRE_TOKEN, "whoami"]));
    expect_exit(&r, 8, "decode");

    w.fake.inject_once(Route::User, Fault::Delay(Duration::from_secs(5)));
    let r = run(w.cmd().args(["--json", "--timeout", "1", "--token", PRE_TOKEN, "whoami"]));
    expect_exit(&r, 7, "transport");

    w.fake.inject_once(Route::User, Fault::Oversized(5 * 1024 * 1024));
    let r = run(w.cmd().args(["--json", "--transport", "hyper", "--token", PRE_TOKEN, "whoami"]));
    assert!(expect_exit(&r, 7, "transport")["error"]["message"].as_str().unwrap().contains("too large"));
}

#[test]
fn connection_refused_is_a_transport_error() {
    let w = world();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let r = run(w.cmd().args([
        "--json",
        "--plex-tv",
        &format!("http://127.0.0.1:{port}/api/v2"),
        "--token",
        "x",
        "whoami",
    ]));
    expect_exit(&r, 7, "transport");
}

#[test]
fn demo_runs_to_completion() {
    let w = world();
    let r = run(w.cmd().arg("demo"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("== transport: reqwest") && r.stdout.contains("== transport: hyper"), "{}", r.stdout);
    assert!(r.stdout.contains("demo finished"), "{}", r.stdout);
    assert!(!r.stdout.contains("demo-password"));
    let r = run(w.cmd().args(["demo", "--json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = r.json();
    assert_eq!(doc["demo"], "ok");
    let steps = doc["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 34, "17 steps through each transport");
    let names: Vec<&str> = steps.iter().filter_map(|s| s["step"].as_str()).collect();
    assert!(names.contains(&"login (PIN approved), then whoami"), "{names:?}");
    let login = steps.iter().find(|s| s["step"] == "login (PIN approved), then whoami").unwrap();
    assert_eq!(login["result"]["username"], "demo");
    let race = steps.iter().find(|s| s["step"] == "servers --connect").unwrap();
    assert!(race["result"]["servers"][0]["connect"]["chosen"].as_str().unwrap().starts_with("http://127.0.0.1:"));
    for name in ["jwt login", "jwt refresh", "login --jwt (PIN approved)"] {
        let step = steps.iter().find(|s| s["step"] == name).unwrap_or_else(|| panic!("{name}: {names:?}"));
        let result = &step["result"];
        assert_eq!(result["verified"], true, "{name}: {result}");
        assert_eq!(result["claims"]["iss"], "plex.tv", "{name}: {result}");
        assert_eq!(result["claims"]["thumbprint"], result["kid"], "{name}: {result}");
        assert_eq!(result["claims"]["user"]["username"], "demo", "{name}: {result}");
        assert_eq!(result["token"], "[redacted]", "{name}: {result}");
        let aud = result["claims"]["aud"].as_array().unwrap();
        assert!(aud.contains(&result["client_identifier"]), "{name}: {result}");
    }
    let whoami = steps.iter().find(|s| s["step"] == "whoami with the Plex JWT").unwrap();
    assert_eq!(whoami["result"]["username"], "demo");
}

#[test]
fn no_secret_reaches_any_output() {
    let w = world();
    let signin = |login: &str, pw: &str| {
        let mut c = w.cmd();
        c.args(["signin", "--login", login]).env("PLEX_PASSWORD", pw);
        c
    };
    let mut runs = vec![
        run(signin("ana", PASSWORD).arg("--save")),
        run(signin("ana", "wrong-password-Z1").arg("--json")),
        run(&mut signin("bo", BO_PASSWORD)),
        run(signin("bo", BO_PASSWORD).args(["--code", CODE, "--json"])),
        run(signin("bo", BO_PASSWORD).args(["--code", "000000"])),
        run(w.cmd().args(["whoami", "--json"])),
        run(w.cmd().args(["--token", PRE_TOKEN, "transient-token", "--json"])),
        run(w.cmd().args(["--token", PRE_TOKEN, "source-info", &format!("server://{MACHINE}")])),
        run(w
            .cmd()
            .args(["--token", PRE_TOKEN, "--timeout", "0.5", "whoami"])
            .env("PLEX_TV_URL", "http://127.0.0.1:9/api/v2")),
    ];
    w.fake.inject_once(Route::User, Fault::Truncate);
    runs.push(run(w.cmd().args(["--token", PRE_TOKEN, "whoami", "--json"])));
    assert!(runs.iter().filter(|r| r.code == 0).count() >= 5);
    let secrets = secrets(&w);
    assert!(secrets.len() >= 8, "tokens were issued: {secrets:?}");
    for r in &runs {
        for s in secrets.iter().chain(std::iter::once(&"wrong-password-Z1".to_owned())) {
            assert!(!r.stdout.contains(s.as_str()), "secret in stdout: {}", r.stdout);
            assert!(!r.stderr.contains(s.as_str()), "secret in stderr: {}", r.stderr);
        }
    }
}
