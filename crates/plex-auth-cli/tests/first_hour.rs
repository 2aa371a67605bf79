//! A new user's first hour (issue 9): every failure names its cause and the next step, reads the
//! same through both transports, never shows a secret, credentials or a query; output to a
//! closed pipe or a full disk never panics; `token` prints the token alone for piping.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::{World, expect_exit, hint, run};
use plex_auth_testing::{FakeAccount, FakePlex, Fault, Route};
use serde_json::Value;
use std::time::Duration;

const PASSWORD: &str = "ana-password-X9";
const BO_PASSWORD: &str = "bo-password-Q7";
const CODE: &str = "135791";
const PRE_TOKEN: &str = "pre-issued-token-W3";
const TRANSPORTS: [&str; 2] = ["reqwest", "hyper"];

fn world() -> World {
    World::serve(
        FakePlex::new()
            .with_account(FakeAccount::new("ana", "ana@example.com", PASSWORD).token(PRE_TOKEN))
            .with_account(FakeAccount::new("bo", "bo@example.com", BO_PASSWORD).two_factor(CODE)),
    )
}

/// Runs `args` with `--json` through each transport; asserts the exit code and kind, that the
/// message and hint are the same for both, and that no secret, credential or query shows.
fn same_through_both(w: &World, args: &[&str], code: i32, kind: &str) -> Value {
    let mut first: Option<Value> = None;
    for transport in TRANSPORTS {
        let mut cmd = w.cmd();
        cmd.args(["--json", "--transport", transport, "--token", PRE_TOKEN]).args(args);
        let r = run(&mut cmd);
        let doc = expect_exit(&r, code, kind);
        for shown in [&r.stdout, &r.stderr] {
            for secret in [PRE_TOKEN, "X-Plex-Token", "user:pw", "?"] {
                assert!(!shown.contains(secret), "{transport} {args:?} shows {secret}: {shown}");
            }
        }
        assert!(!hint(&doc).is_empty(), "{transport} {args:?}: no hint: {doc}");
        if let Some(first) = &first {
            assert_eq!(first["error"]["message"], doc["error"]["message"], "{args:?}: worded per transport");
            assert_eq!(first["error"]["hint"], doc["error"]["hint"], "{args:?}: hinted per transport");
        }
        first = Some(doc);
    }
    first.unwrap()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[test]
fn a_refused_connection_names_the_target_and_the_cause() {
    let w = world();
    let port = free_port();
    let plex_tv = format!("http://127.0.0.1:{port}/api/v2");
    let doc = same_through_both(&w, &["--plex-tv", &plex_tv, "whoami"], 7, "transport");
    assert_eq!(doc["error"]["message"], format!("cannot connect to http://127.0.0.1:{port}: connection refused"));
    assert!(hint(&doc).contains("--plex-tv (or PLEX_TV_URL)"), "{doc}");
    let causes = doc["error"]["causes"].as_array().unwrap();
    assert!(causes.iter().any(|c| c.as_str().unwrap().contains("refused")), "{doc}");

    let server = format!("http://127.0.0.1:{port}");
    let doc = same_through_both(&w, &["--server", &server, "transient-token"], 7, "transport");
    assert!(hint(&doc).contains("--server (or PLEX_SERVER_URL)"), "{doc}");
}

#[test]
fn https_at_a_plain_http_port_suggests_http() {
    let w = world();
    let port = w.server.addr().port();
    let server = format!("https://127.0.0.1:{port}");
    let doc = same_through_both(&w, &["--server", &server, "transient-token"], 7, "transport");
    assert_eq!(doc["error"]["message"], format!("cannot connect to https://127.0.0.1:{port}: TLS handshake failed"));
    assert_eq!(
        hint(&doc),
        format!(
            "the server may speak plain HTTP on that port: try http://127.0.0.1:{port} in --server (or PLEX_SERVER_URL)"
        )
    );
}

#[test]
fn an_unknown_host_is_a_dns_failure() {
    let w = world();
    let doc = same_through_both(&w, &["--plex-tv", "http://no-such-host.invalid/api/v2", "whoami"], 7, "transport");
    assert_eq!(
        doc["error"]["message"],
        "cannot connect to http://no-such-host.invalid:80: the host name could not be resolved"
    );
    assert!(hint(&doc).contains("host name"), "{doc}");
}

#[test]
fn a_timeout_says_after_how_long_and_which_flag_gives_more_time() {
    let w = world();
    for _ in TRANSPORTS {
        w.fake.inject_once(Route::User, Fault::Delay(Duration::from_secs(5)));
    }
    let doc = same_through_both(&w, &["--timeout", "1", "whoami"], 7, "transport");
    let port = w.server.addr().port();
    assert_eq!(doc["error"]["message"], format!("no answer from http://127.0.0.1:{port} in time: timed out after 1 s"));
    assert!(hint(&doc).contains("--timeout SECONDS"), "{doc}");
}

#[test]
fn a_body_over_the_cap_is_named_too_large() {
    let w = world();
    for _ in TRANSPORTS {
        w.fake.inject_once(Route::User, Fault::Oversized(5 * 1024 * 1024));
    }
    let doc = same_through_both(&w, &["whoami"], 7, "transport");
    let port = w.server.addr().port();
    assert_eq!(
        doc["error"]["message"],
        format!("the answer from http://127.0.0.1:{port} is too large: response body exceeds 4194304 bytes")
    );
}

#[test]
fn missing_inputs_name_the_flag_or_variable_to_set() {
    let w = world();
    let mut cmd = w.cmd();
    cmd.env_remove("PLEX_SERVER_URL").args(["--json", "--token", PRE_TOKEN, "transient-token"]);
    let doc = expect_exit(&run(&mut cmd), 2, "invalid_input");
    assert!(hint(&doc).contains("--server or set PLEX_SERVER_URL"), "{doc}");

    let doc = expect_exit(&run(w.cmd().args(["--json", "whoami"])), 2, "invalid_input");
    assert!(hint(&doc).contains("--token") && hint(&doc).contains("PLEX_TOKEN"), "{doc}");
    assert!(hint(&doc).contains("signin --save"), "{doc}");

    let args =
        ["--json", "--token", PRE_TOKEN, "--server", "ana:pw@10.0.0.9:32400/x?X-Plex-Token=t", "transient-token"];
    let r = run(w.cmd().args(args));
    let doc = expect_exit(&r, 2, "invalid_input");
    assert_eq!(hint(&doc), "did you mean http://10.0.0.9:32400? Set it with --server (or PLEX_SERVER_URL)");
    assert!(!r.stderr.contains("pw@") && !r.stderr.contains("X-Plex-Token"), "{}", r.stderr);
}

#[test]
fn sign_in_failures_tell_a_missing_code_from_a_wrong_one_and_from_a_wrong_password() {
    let w = world();
    let signin = |extra: &[&str], password: &str| {
        let mut cmd = w.cmd();
        cmd.args(["--json", "signin", "--login", "bo"]).args(extra).env("PLEX_PASSWORD", password);
        run(&mut cmd)
    };
    let doc = expect_exit(&signin(&[], BO_PASSWORD), 4, "two_factor_required");
    assert_eq!(hint(&doc), "pass it with --code or PLEX_CODE (on a terminal you are asked for it)");
    assert!(doc["error"]["message"].as_str().unwrap().starts_with("this account needs a two-factor code"));

    let doc = expect_exit(&signin(&["--code", "000000"], BO_PASSWORD), 3, "unauthorized");
    assert!(
        doc["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("the login, password or two-factor code was not accepted")
    );

    let doc = expect_exit(&signin(&[], "wrong-password"), 3, "unauthorized");
    assert!(doc["error"]["message"].as_str().unwrap().starts_with("the login or password was not accepted"), "{doc}");
    assert!(hint(&doc).contains("PLEX_LOGIN") && hint(&doc).contains("PLEX_PASSWORD"), "{doc}");

    w.fake.inject_once(Route::SignIn, Fault::plex_error(401, 1029, "Please enter the verification code"));
    let doc = expect_exit(&signin(&["--code", "000000"], BO_PASSWORD), 4, "two_factor_required");
    assert!(doc["error"]["message"].as_str().unwrap().starts_with("the two-factor code was not accepted"), "{doc}");
}

#[test]
fn a_404_from_plex_tv_points_at_the_api_v2_suffix() {
    let w = world();
    let doc = same_through_both(&w, &["--plex-tv", &w.server.base_url(), "whoami"], 6, "api");
    assert_eq!(doc["error"]["status"], 404);
    assert_eq!(hint(&doc), "check that --plex-tv (or PLEX_TV_URL) ends in /api/v2, like https://plex.tv/api/v2");
}

#[test]
fn rate_limits_carry_retry_after_seconds_and_causes() {
    let w = world();
    for _ in TRANSPORTS {
        w.fake.inject_once(Route::User, Fault::rate_limited(30));
    }
    let doc = same_through_both(&w, &["whoami"], 5, "rate_limited");
    let secs = doc["error"]["retry_after_seconds"].as_u64().unwrap();
    assert!((29..=30).contains(&secs), "{doc}");
    assert!(doc["error"]["causes"].is_array(), "{doc}");
    assert!(hint(&doc).starts_with("wait "), "{doc}");
}

#[test]
fn plex_login_and_plex_code_come_from_the_environment() {
    let w = world();
    let r = run(w
        .cmd()
        .args(["--json", "signin"])
        .env("PLEX_LOGIN", "bo")
        .env("PLEX_PASSWORD", BO_PASSWORD)
        .env("PLEX_CODE", CODE));
    assert_eq!((r.code, r.json()["username"].as_str()), (0, Some("bo")), "{}", r.stderr);
    let r = run(w.cmd().args(["signin"]).env("PLEX_PASSWORD", PASSWORD));
    assert_eq!(r.code, 2, "no login: {}", r.stderr);
    assert!(r.stderr.contains("--login"), "{}", r.stderr);
}

#[test]
fn signin_without_save_says_how_to_keep_the_token_and_token_prints_it_alone() {
    let w = world();
    let r = run(w.cmd().args(["signin", "--login", "ana"]).env("PLEX_PASSWORD", PASSWORD));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("--save") && r.stderr.contains("plex-auth token"), "{}", r.stderr);

    let r = run(w.cmd().arg("token"));
    let doc = expect_exit(&{ run(w.cmd().args(["--json", "token"])) }, 2, "invalid_input");
    assert!(hint(&doc).contains("signin --save"), "{doc}");
    assert_eq!(r.code, 2);

    let r = run(w.cmd().args(["signin", "--login", "ana", "--save"]).env("PLEX_PASSWORD", PASSWORD));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("was not saved"), "{}", r.stderr);
    let saved = std::fs::read_to_string(w.config.path().join("token")).unwrap();
    let r = run(w.cmd().arg("token"));
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, format!("{saved}\n").as_str(), ""));
    let r = run(w.cmd().args(["--json", "token"]));
    assert_eq!(r.json(), serde_json::json!({"token": saved, "source": "saved"}));
    let r = run(w.cmd().args(["token"]).env("PLEX_TOKEN", "given-token-G1"));
    assert_eq!(r.stdout, "given-token-G1\n");
    let r = run(w.cmd().args(["--json", "token", "--token", "bad token"]));
    expect_exit(&r, 2, "invalid_input");
}

#[test]
fn demo_refuses_flags_it_does_not_use() {
    let w = world();
    let r = run(w.cmd().args(["--json", "--server", "http://127.0.0.1:9", "demo"]));
    let doc = expect_exit(&r, 2, "invalid_input");
    assert_eq!(doc["error"]["message"], "demo does not use --server: it runs against its own fake Plex");
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_quietly_and_a_full_disk_is_a_local_io_error() {
    use std::process::Stdio;
    let w = world();
    for args in [&["demo"][..], &["--json", "demo"], &["--help"]] {
        let mut cmd = w.std_cmd();
        let mut child = cmd.args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(matches!(out.status.code(), Some(141) | Some(0)), "{args:?}: {:?} {stderr}", out.status);
        if args != ["--help"] {
            assert_eq!(out.status.code(), Some(141), "{args:?}: {stderr}");
            assert_eq!(stderr, "", "{args:?}: quiet");
        }
    }
    if std::path::Path::new("/dev/full").exists() {
        for args in [&["demo"][..], &["--token", PRE_TOKEN, "whoami"], &["--help"]] {
            let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
            let out = w.std_cmd().args(args).stdout(full).output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
            assert!(stderr.contains("cannot write the output: No space left on device"), "{args:?}: {stderr}");
            assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        }
    }
}

#[test]
fn help_and_readme_agree_on_commands_variables_and_exit_codes() {
    // The workspace README sits two levels up; a packaged crate (cargo package, crates.io) has
    // no workspace around it, and so nothing to compare with.
    if !std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.toml")).exists() {
        eprintln!("skipped: no workspace around this crate, so no workspace README to compare --help with");
        return;
    }
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    let help = run(assert_cmd::Command::cargo_bin("plex-auth").unwrap().env_clear().arg("--help")).stdout;
    let table = plex_auth_cli::failure::exit_code_table();
    assert!(help.contains(&table), "--help lacks the exit-code table:\n{help}");
    assert!(readme.contains(&table), "README lacks the exit-code table, exactly as --help has it:\n{table}");
    for command in
        ["login", "signin", "whoami", "servers", "ping", "signout", "token", "transient-token", "source-info", "demo"]
    {
        assert!(help.contains(&format!("  {command} ")), "--help lacks {command}");
        let shown = readme.lines().any(|l| l.contains("plex-auth ") && l.split_whitespace().any(|w| w == command));
        assert!(shown, "README shows no `plex-auth ... {command}` line");
    }
    for var in [
        "PLEX_TV_URL",
        "PLEX_SERVER_URL",
        "PLEX_TOKEN",
        "PLEX_CLIENT_IDENTIFIER",
        "PLEX_LOGIN",
        "PLEX_PASSWORD",
        "PLEX_CODE",
        "PLEX_AUTH_CONFIG_DIR",
    ] {
        assert!(readme.contains(var), "README lacks {var}");
        let sub =
            run(assert_cmd::Command::cargo_bin("plex-auth").unwrap().env_clear().args(["signin", "--help"])).stdout;
        assert!(help.contains(var) || sub.contains(var), "--help lacks {var}");
    }
}
