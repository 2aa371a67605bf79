//! No public type of the test tools prints a password, a 2FA code or a token in `Debug` (plain or
//! pretty), nor in the messages they produce: every type that can hold one is filled with
//! sentinels, used the way a test uses it, and formatted.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use plex_auth_core::{BlockingClient, ClientConfig, Endpoint, GetTokenDetails, PostUsersSignInData};
use plex_auth_testing::{
    Expect, FakeAccount, FakePlex, FakeServer, Fault, MockTransport, Route, Script, ScriptedServer, compare_requests,
    json_response,
};
use std::fmt::Debug;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const PASSWORD: &str = "sentinel-password-Qx7";
const CODE: &str = "sentinel-code-951357";
const TOKEN: &str = "sentinel-token-Zk42";

/// Formats `value` with `{:?}` and `{:#?}` and fails if any sentinel (or any of `more`) shows.
#[track_caller]
fn assert_hidden(what: &str, value: &impl Debug, more: &[String]) {
    for text in [format!("{value:?}"), format!("{value:#?}")] {
        for secret in [PASSWORD, CODE, TOKEN].iter().copied().chain(more.iter().map(String::as_str)) {
            assert!(!text.contains(secret), "{what} leaks {secret}: {text}");
        }
    }
}

fn config(base: &str, token: Option<&str>) -> ClientConfig {
    let b = ClientConfig::builder()
        .client_identifier("debug-test")
        .plex_tv_url(format!("{base}/api/v2"))
        .server_url(base.to_owned());
    match token {
        Some(t) => b.token(t).build().unwrap(),
        None => b.build().unwrap(),
    }
}

fn account() -> FakeAccount {
    FakeAccount::new("ana", "ana@example.com", PASSWORD).two_factor(CODE).token(TOKEN)
}

#[test]
fn fake_account_hides_password_code_and_tokens() {
    assert_hidden("FakeAccount", &account(), &[]);
}

#[test]
fn fake_plex_hides_accounts_issued_tokens_headers_and_fault_bodies() {
    let fake = FakePlex::new().with_account(account()).with_server(FakeServer::new("machine-1", "Den").connection(
        "http://10.0.0.5:32400",
        true,
        false,
    ));
    let client = BlockingClient::new(config("http://fake.plex", Some(TOKEN)), fake.clone());
    let signed_in = client.post_users_sign_in_data(&PostUsersSignInData::new("ana", PASSWORD).verification_code(CODE));
    assert!(signed_in.unwrap().auth_token.is_some());
    assert_eq!(client.get_token_details().unwrap().username.as_deref(), Some("ana"));
    assert!(client.get_source_connection_information("server://machine-1").is_ok());
    assert!(client.get_transient_token().is_ok());
    fake.inject(
        Route::User,
        Fault::plex_error(401, 1001, &format!("bad token {TOKEN}")).with_header("X-Plex-Token", TOKEN),
    );
    let issued = fake.issued_tokens();
    assert_eq!(issued.len(), 3, "sign-in, transient and server tokens");
    assert_eq!(fake.last_headers(Route::User).unwrap()["x-plex-token"], TOKEN, "the headers were recorded");
    assert_hidden("FakePlex", &fake, &issued);
}

#[test]
fn faults_hide_bodies_and_secret_headers() {
    let fault = Fault::respond(401, "application/json", format!("{{\"message\":\"{TOKEN}\"}}"))
        .with_header("Set-Cookie", TOKEN)
        .with_header("Retry-After", "5");
    assert_hidden("Fault", &fault, &[]);
    assert!(format!("{fault:?}").contains("Retry-After"), "non-secret headers stay readable: {fault:?}");
}

#[test]
fn mock_transport_hides_recorded_requests_scripted_answers_and_failures() {
    let mock = MockTransport::new()
        .expect(
            Expect::post("/api/v2/users/signin").form("password", PASSWORD).form("verificationCode", CODE),
            json_response(201, &serde_json::json!({"id": 1, "authToken": TOKEN})),
        )
        .expect(Expect::get("/api/v2/user").header("x-plex-token", TOKEN), json_response(200, &serde_json::json!({})));
    assert_hidden("MockTransport (scripted)", &mock, &[]);
    let client = BlockingClient::new(config("http://plex.test", Some(TOKEN)), mock.clone());
    let account = client.post_users_sign_in_data(&PostUsersSignInData::new("ana", PASSWORD).verification_code(CODE));
    assert!(account.is_ok());
    // Not what the script expects next: fails closed, with the token in the query.
    let mut unexpected = GetTokenDetails::new().to_request(client.config()).unwrap();
    *unexpected.uri_mut() =
        format!("http://plex.test/api/v2/users?X-Plex-Token={TOKEN}&X-Plex-%54oken={TOKEN}&a=1").parse().unwrap();
    let err = plex_auth_core::BlockingTransport::send(&mock, unexpected).unwrap_err();
    assert_hidden("MockTransport (recorded)", &mock, &[]);
    assert_hidden("MockTransport error", &err, &[]);
    assert!(!err.to_string().contains(TOKEN), "{err}");
    let report = mock.check_done().unwrap_err();
    assert_hidden("MockError", &report, &[]);
    assert!(!report.to_string().contains(TOKEN), "{report}");
    assert!(report.unmatched[0].contains("?X-Plex-Token=[redacted]&X-Plex-%54oken=[redacted]&a=1"), "{report}");
    assert_eq!(mock.requests().len(), 2);
}

#[test]
fn expectations_and_request_diffs_hide_secrets() {
    let expect = Expect::post("/p").header("x-plex-token", TOKEN).form("password", PASSWORD).query("code", CODE);
    assert_hidden("Expect", &expect, &[]);
    let req = |uri: &str, token: &str, body: String| {
        http::Request::post(uri)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("x-plex-token", token)
            .body(bytes::Bytes::from(body))
            .unwrap()
    };
    let a = req(&format!("http://ana:{PASSWORD}@h/a?code={CODE}"), TOKEN, format!("verificationCode={CODE}"));
    let b = req("http://h/b?code=1", "other", format!("password={PASSWORD}"));
    let diff = compare_requests(&a, &b).unwrap_err();
    assert_hidden("RequestDiff", &diff, &[]);
    let text = diff.to_string();
    assert!(!text.contains(PASSWORD) && !text.contains(CODE) && !text.contains(TOKEN), "{text}");
    assert!(text.contains("URI: expected http://h/b, got http://h/a"), "{text}");
}

#[tokio::test]
async fn scripts_and_recorded_requests_hide_secrets() {
    let script = Script::respond("201 Created", &[], format!("{{\"authToken\":\"{TOKEN}\"}}").as_bytes());
    assert_hidden("Script", &script, &[]);
    let mut server = ScriptedServer::start(script).await.unwrap();
    let mut stream = tokio::net::TcpStream::connect(server.addr()).await.unwrap();
    let body = format!("login=ana&password={PASSWORD}&verificationCode={CODE}");
    let request = format!(
        "POST /api/v2/users/signin?X-Plex-Token={TOKEN}&page=1 HTTP/1.1\r\nhost: x\r\nX-Plex-Token: {TOKEN}\r\n\
         authorization: Bearer {TOKEN}\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    assert!(String::from_utf8_lossy(&answer).contains(TOKEN), "the script was played");
    let recorded = server.recorded().unwrap();
    assert_eq!(recorded.header("x-plex-token"), Some(TOKEN), "recorded as sent");
    assert_hidden("Recorded", &recorded, &[]);
    assert!(format!("{recorded:?}").contains("page=1"), "non-secret query stays readable: {recorded:?}");
    assert_hidden("ScriptedServer", &server, &[]);
}
