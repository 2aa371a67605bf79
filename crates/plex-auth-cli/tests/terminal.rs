//! `plex-auth signin` on a real terminal (a pty): the hidden password prompt, then the 2FA code
//! prompt and one retry when Plex answers 1029, with neither secret echoed.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use plex_auth_testing::{FakeAccount, FakePlex};
use rexpect::session::spawn_command;

const PASSWORD: &str = "bo-password-Q7";
const CODE: &str = "246802";

/// Runs `signin --login bo` on a pty with `extra_args`, answering the password prompt and, if
/// `code` is given, the code prompt; returns everything the terminal showed and the exit code.
fn signin_on_a_terminal(code: Option<&str>, extra_args: &[&str]) -> (String, i32) {
    let fake = FakePlex::new().with_account(FakeAccount::new("bo", "bo@example.com", PASSWORD).two_factor(CODE));
    let server = fake.serve_in_background().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("plex-auth"));
    cmd.env_clear()
        .env("PLEX_AUTH_CONFIG_DIR", config.path())
        .env("PLEX_TV_URL", server.plex_tv_url())
        .args(["--timeout", "20", "signin", "--login", "bo"])
        .args(extra_args);
    let mut session = spawn_command(cmd, Some(30_000)).unwrap();

    let mut shown = session.exp_string("Plex password: ").unwrap();
    session.send_line(PASSWORD).unwrap();
    if let Some(code) = code {
        shown += &session.exp_string("Plex verification code: ").unwrap();
        session.send_line(code).unwrap();
    }
    shown += &session.exp_eof().unwrap();
    let status = session.process().wait().unwrap();
    let rexpect::process::WaitStatus::Exited(_, exit) = status else { panic!("{status:?}") };
    assert!(!shown.contains(PASSWORD) && !shown.contains(CODE), "a secret was echoed: {shown}");
    for token in fake.issued_tokens() {
        assert!(!shown.contains(&token), "the token was shown: {shown}");
    }
    (shown, exit)
}

#[test]
fn prompts_for_the_password_then_the_code_and_signs_in() {
    let (shown, exit) = signin_on_a_terminal(Some(CODE), &[]);
    assert_eq!(exit, 0, "{shown}");
    assert!(shown.contains("username    bo"), "{shown}");
    assert!(shown.contains("token       [redacted]"), "{shown}");
}

#[test]
fn a_wrong_code_is_retried_once_then_unauthorized() {
    let (shown, exit) = signin_on_a_terminal(Some("000000"), &[]);
    assert_eq!(exit, 3, "{shown}");
    assert!(!shown.contains("username"), "{shown}");
}

#[test]
fn a_code_given_up_front_asks_only_for_the_password() {
    let (shown, exit) = signin_on_a_terminal(None, &["--code", CODE]);
    assert_eq!(exit, 0, "{shown}");
    assert!(!shown.contains("verification code"), "{shown}");
}
