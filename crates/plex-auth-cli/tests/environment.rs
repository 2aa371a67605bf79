//! The binary in a careless environment: credentials in environment variables, endless stdin,
//! a loose or oversized config dir. Each test names the defect of issue 8 it guards.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::{World, expect_exit, run};
use plex_auth_testing::{FakeAccount, FakePlex, Route};

const PASSWORD: &str = "ana-password-X9";
const BO_PASSWORD: &str = "bo-password-Q7";
const CODE: &str = "864209";
const PRE_TOKEN: &str = "pre-issued-token-W3";

fn world() -> World {
    World::serve(
        FakePlex::new()
            .with_account(FakeAccount::new("ana", "ana@example.com", PASSWORD).token(PRE_TOKEN))
            .with_account(FakeAccount::new("bo", "bo@example.com", BO_PASSWORD).two_factor(CODE)),
    )
}

/// `--help` used to print `[env: PLEX_SERVER_URL=http://user:password@…]`. Secrets and URLs with
/// credentials are never shown; a plain value is shown only when set (issue 9).
#[test]
fn help_never_shows_secret_environment_values() {
    let w = world();
    let sentinels = ["srv-pass-S1", "tv-pass-T1", "tok-env-E1", "code-env-C1", "pw-env-P1"];
    for args in [&["--help"][..], &["signin", "--help"], &["whoami", "--help"], &["help", "source-info"]] {
        let r = run(w
            .cmd()
            .args(args)
            .env("PLEX_SERVER_URL", "http://admin:srv-pass-S1@10.0.0.9:32400")
            .env("PLEX_TV_URL", "https://ana:tv-pass-T1@plex.tv/api/v2")
            .env("PLEX_TOKEN", "tok-env-E1")
            .env("PLEX_CODE", "code-env-C1")
            .env("PLEX_CLIENT_IDENTIFIER", "client-env-I1")
            .env("PLEX_PASSWORD", "pw-env-P1"));
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        for s in sentinels {
            assert!(!r.stdout.contains(s) && !r.stderr.contains(s), "{args:?} shows {s}: {}", r.stdout);
        }
        assert!(r.stdout.contains("[env: PLEX_TOKEN]"), "{args:?}: {}", r.stdout);
        assert!(r.stdout.contains("[env: PLEX_CLIENT_IDENTIFIER=client-env-I1]"), "{args:?}: {}", r.stdout);
    }
    let r = run(w.cmd().args(["signin", "--help"]));
    assert!(r.stdout.contains("[env: PLEX_CODE]") && r.stdout.contains("`ps`"), "{}", r.stdout);
    let mut cmd = w.cmd();
    cmd.env_remove("PLEX_TV_URL").env("PLEX_SERVER_URL", "http://10.0.0.9:32400").env("PLEX_LOGIN", "ana");
    let r = run(cmd.args(["signin", "--help"]));
    assert!(r.stdout.contains("[env: PLEX_SERVER_URL=http://10.0.0.9:32400]"), "plain and set: {}", r.stdout);
    assert!(r.stdout.contains("[env: PLEX_LOGIN=ana]"), "plain and set: {}", r.stdout);
    assert!(r.stdout.contains("[env: PLEX_TV_URL]") && !r.stdout.contains("PLEX_TV_URL="), "unset: {}", r.stdout);
}

/// `signin < /dev/zero` used to read until memory ran out and abort.
#[cfg(unix)]
#[test]
fn a_password_from_an_endless_stdin_is_refused() {
    let w = world();
    let zero = std::fs::File::open("/dev/zero").unwrap();
    let out = w.std_cmd().args(["--json", "signin", "--login", "ana"]).stdin(zero).output().unwrap();
    let r = common::finished(out);
    let doc = expect_exit(&r, 2, "invalid_input");
    assert_eq!(
        doc["error"]["message"], "invalid password: the line read from stdin is longer than 4096 bytes",
        "{}",
        r.stderr
    );
    assert_eq!(w.fake.request_count(Route::SignIn), 0);
}

/// The 2FA code could only be given as `--code`, which `ps` shows to every user.
#[test]
fn plex_code_gives_the_code_without_the_command_line() {
    let w = world();
    let r = run(w
        .cmd()
        .args(["--json", "signin", "--login", "bo"])
        .env("PLEX_PASSWORD", BO_PASSWORD)
        .env("PLEX_CODE", CODE));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["username"], "bo");
    assert!(!r.stdout.contains(CODE) && !r.stderr.contains(CODE));
}

/// A token saved by an older version in a 0755 dir with mode 0644 is fixed, and the user told.
#[cfg(unix)]
#[test]
fn a_loose_config_dir_and_token_file_are_tightened_with_a_warning() {
    let w = world();
    let token = w.config.path().join("token");
    std::fs::write(&token, format!("{PRE_TOKEN}\n")).unwrap();
    common::set_mode(&token, 0o644);
    common::set_mode(w.config.path(), 0o755);
    let r = run(w.cmd().args(["--json", "whoami"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["username"], "ana");
    let warnings: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(warnings.len(), 2, "{}", r.stderr);
    assert!(warnings[0].starts_with("plex-auth: warning: config dir ") && warnings[0].ends_with("changed it to 700"));
    assert!(warnings[1].starts_with("plex-auth: warning: token file ") && warnings[1].ends_with("changed it to 600"));
    assert_eq!((common::mode(w.config.path()), common::mode(&token)), (0o700, 0o600));
    let r = run(w.cmd().args(["--json", "whoami"]));
    assert_eq!((r.code, r.stderr.as_str()), (0, ""), "warned only once");
}

/// The token file used to be read whole, whatever its size, then sent as a header.
#[test]
fn an_oversized_token_file_is_refused_by_name() {
    let w = world();
    let token = w.config.path().join("token");
    std::fs::write(&token, vec![b'A'; 1024 * 1024]).unwrap();
    #[cfg(unix)]
    common::set_mode(&token, 0o600);
    let r = run(w.cmd().args(["--json", "whoami"]));
    let doc = expect_exit(&r, 1, "io");
    assert_eq!(
        doc["error"]["message"],
        format!("cannot use {}: its content is larger than 65536 bytes", token.display()),
        "{}",
        r.stderr
    );
    assert_eq!(w.fake.request_count(Route::User), 0);
}
