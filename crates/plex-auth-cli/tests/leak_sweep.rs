//! The CLI half of issue 8's secret-leak sweep: every command, human and JSON, against a FakePlex
//! whose answers carry secret-named fields the CLI does not model, with known sentinel passwords,
//! code and tokens. No sentinel may appear in anything printed (without `--show-secrets`).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::{Run, World, run};
use plex_auth_core::UserPlexAccount;
use plex_auth_testing::{FakeAccount, FakePlex, FakeServer, Fault, Route};
use serde_json::json;

const PASSWORD: &str = "SENTINEL-password-ana";
const BO_PASSWORD: &str = "SENTINEL-password-bo";
const CODE: &str = "SENTINEL-code-2fa";
const WRONG_CODE: &str = "SENTINEL-code-wrong";
const PRE_TOKEN: &str = "SENTINEL-token-pre";
const MACHINE: &str = "abcdef0123456789";

/// Secret-named fields Plex might add, each holding a sentinel.
fn secret_fields() -> serde_json::Value {
    json!({
        "apiKey": "SENTINEL-field-apikey", "authJWT": "SENTINEL-field-jwt", "sessionSecret": "SENTINEL-field-secret",
        "backupCodes": ["SENTINEL-field-backup"], "refreshTokens": [{"value": "SENTINEL-field-refresh"}],
        "accessToken": {"value": "SENTINEL-field-access"}, "privateKey": 424242424242_u64,
        "services": [{"identifier": "metadata", "token": "SENTINEL-field-service", "credentials": {"p": "SENTINEL-field-cred"}}]
    })
}

fn account(username: &str) -> UserPlexAccount {
    let mut value = secret_fields();
    value["username"] = json!(username);
    value["email"] = json!(format!("{username}@example.com"));
    serde_json::from_value(value).unwrap()
}

#[test]
fn no_sentinel_reaches_stdout_or_stderr() {
    let w = World::serve(
        FakePlex::new()
            .with_account(
                FakeAccount::new("ana", "ana@example.com", PASSWORD).token(PRE_TOKEN).with_model(account("ana")),
            )
            .with_account(
                FakeAccount::new("bo", "bo@example.com", BO_PASSWORD).two_factor(CODE).with_model(account("bo")),
            )
            .with_server(FakeServer::new(MACHINE, "Den").connection("http://10.0.0.5:32400", true, false)),
    );
    let source = format!("server://{MACHINE}");
    let signin = |login: &str, password: &str| {
        let mut cmd = w.cmd();
        cmd.args(["signin", "--login", login]).env("PLEX_PASSWORD", password);
        cmd
    };
    let mut runs: Vec<(&str, Run)> = vec![
        ("signin --save", run(signin("ana", PASSWORD).arg("--save"))),
        (
            "signin --json (stdin)",
            run(w.cmd().args(["--json", "signin", "--login", "ana"]).write_stdin(format!("{PASSWORD}\n"))),
        ),
        ("signin bad password", run(signin("ana", "SENTINEL-password-wrong").arg("--json"))),
        ("signin 2FA missing", run(&mut signin("bo", BO_PASSWORD))),
        ("signin PLEX_CODE --json", run(signin("bo", BO_PASSWORD).arg("--json").env("PLEX_CODE", CODE))),
        ("signin --code", run(signin("bo", BO_PASSWORD).args(["--code", CODE]))),
        ("signin wrong code", run(signin("bo", BO_PASSWORD).env("PLEX_CODE", WRONG_CODE))),
        ("whoami", run(w.cmd().arg("whoami"))),
        ("whoami --json", run(w.cmd().args(["--json", "whoami"]))),
        ("whoami PLEX_TOKEN", run(w.cmd().arg("whoami").env("PLEX_TOKEN", PRE_TOKEN))),
        ("transient-token", run(w.cmd().arg("transient-token"))),
        ("transient-token --json --method post", run(w.cmd().args(["--json", "transient-token", "--method", "post"]))),
        ("source-info", run(w.cmd().args(["source-info", &source]))),
        ("source-info --json", run(w.cmd().args(["--json", "source-info", &source]))),
    ];
    // A PMS whose answer carries secret-named fields of its own.
    let mut device = secret_fields();
    device["name"] = json!("Den");
    device["accessToken"] = json!("SENTINEL-token-server");
    device["Connection"] = json!([{"uri": "http://10.0.0.5:32400", "local": true, "authKey": "SENTINEL-field-conn"}]);
    let body = json!({"MediaContainer": {"size": 1, "Device": [device]}}).to_string();
    w.fake.inject(Route::Resources, Fault::respond(200, "application/json", body));
    runs.push(("source-info (drifted)", run(w.cmd().args(["source-info", &source]))));
    runs.push(("source-info --json (drifted)", run(w.cmd().args(["--json", "source-info", &source]))));

    let failed: Vec<&str> = runs.iter().filter(|(_, r)| r.code != 0).map(|(name, _)| *name).collect();
    assert_eq!(failed, ["signin bad password", "signin 2FA missing", "signin wrong code"], "{:#?}", runs_text(&runs));
    assert_eq!(w.fake.request_count(Route::Resources), 4);
    let issued = w.fake.issued_tokens();
    assert!(issued.len() >= 7, "tokens were issued: {}", issued.len());
    let mut sentinels: Vec<String> = issued;
    sentinels
        .extend([PASSWORD, BO_PASSWORD, CODE, WRONG_CODE, PRE_TOKEN, "SENTINEL", "424242424242"].map(String::from));
    for (name, r) in &runs {
        for s in &sentinels {
            assert!(!r.stdout.contains(s.as_str()), "{name}: {s} in stdout: {}", r.stdout);
            assert!(!r.stderr.contains(s.as_str()), "{name}: {s} in stderr: {}", r.stderr);
        }
    }
}

fn runs_text(runs: &[(&str, Run)]) -> Vec<String> {
    runs.iter().map(|(name, r)| format!("{name}: {} {} {}", r.code, r.stdout, r.stderr)).collect()
}
