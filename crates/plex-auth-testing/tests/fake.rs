//! FakePlex in memory and on loopback: routes, checks, state and faults.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use plex_auth_core::{
    BlockingClient, ClientConfig, CreatePin, Error, ExposeSecret, GetPin, GetSourceConnectionInformation, LinkPin,
    TransportErrorKind, execute_blocking,
};
use plex_auth_testing::{FakeAccount, FakePlex, FakeServer, Fault, Route};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

fn fake() -> FakePlex {
    FakePlex::new()
        .with_account(FakeAccount::new("ana", "ana@example.com", "pw").token("ana-token"))
        .with_account(FakeAccount::new("guest", "guest@example.com", "pw2").token("guest-token").not_admin())
        .with_server(FakeServer::new("abc123", "Den").connection("http://10.0.0.5:32400", true, false))
}

fn client(fake: &FakePlex, token: Option<&str>) -> BlockingClient<FakePlex> {
    let mut b = ClientConfig::builder()
        .client_identifier("fake-test")
        .server_url("http://pms.test:32400")
        .plex_tv_url("http://plex.test/api/v2");
    if let Some(t) = token {
        b = b.token(t);
    }
    BlockingClient::new(b.build().unwrap(), fake.clone())
}

#[test]
fn login_by_username_or_email_issues_distinct_valid_tokens() {
    let fake = fake();
    let c = client(&fake, None);
    let by_name = c.sign_in("ana", "pw").unwrap().auth_token.unwrap();
    let by_email = c.sign_in("ANA@example.com", "pw").unwrap().auth_token.unwrap();
    assert_ne!(by_name, by_email);
    assert_eq!(by_name.expose_secret().len(), 20);
    for token in [by_name, by_email] {
        let me = client(&fake, Some(token.expose_secret())).get_token_details().unwrap();
        assert_eq!(me.username.as_deref(), Some("ana"));
    }
    assert_eq!(fake.request_count(Route::SignIn), 2);
    assert_eq!(fake.request_count(Route::User), 2);
    assert!(client(&fake, None).sign_in("nobody", "pw").unwrap_err().is_unauthorized());
}

#[test]
fn resources_need_an_admin_token_and_a_known_source() {
    let fake = fake();
    let info = client(&fake, Some("ana-token")).get_source_connection_information("server://abc123").unwrap();
    assert_eq!(info.name.as_deref(), Some("Den"));
    assert!(
        fake.issued_tokens().iter().any(|t| Some(t.as_str()) == info.access_token.as_ref().map(|s| s.expose_secret()))
    );
    let err = client(&fake, Some("guest-token")).get_source_connection_information("server://abc123").unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
    let err = client(&fake, Some("ana-token")).get_source_connection_information("server://nope").unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    let transient = client(&fake, Some("guest-token")).get_transient_token().unwrap();
    let op = GetSourceConnectionInformation::new("server://abc123").with_token(transient);
    assert!(
        client(&fake, Some("ana-token")).execute(&op).unwrap_err().is_unauthorized(),
        "a guest's transient token is not admin"
    );
}

#[test]
fn faults_are_one_shot_or_persistent_and_map_to_transport_errors_in_memory() {
    let fake = fake();
    let c = client(&fake, Some("ana-token"));
    fake.inject_once(Route::User, Fault::plex_error(503, 0, "maintenance"));
    assert_eq!(c.get_token_details().unwrap_err().status().map(|s| s.as_u16()), Some(503));
    assert!(c.get_token_details().is_ok());
    fake.inject(Route::User, Fault::Reset);
    for _ in 0..2 {
        match c.get_token_details().unwrap_err() {
            Error::Transport(t) => assert_eq!(t.kind(), TransportErrorKind::Io),
            other => panic!("{other:?}"),
        }
    }
    fake.clear_faults();
    fake.inject(Route::User, Fault::Delay(Duration::from_secs(5)));
    match c.get_token_details().unwrap_err() {
        Error::Transport(t) => assert_eq!(t.kind(), TransportErrorKind::Timeout),
        other => panic!("{other:?}"),
    }
}

/// Sends raw HTTP/1.1 to the served fake and returns (status line, headers+body text).
fn raw(addr: std::net::SocketAddr, request: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn served_fake_speaks_plex_over_loopback() {
    let fake = fake();
    let server = fake.serve_in_background().unwrap();
    assert!(server.addr().ip().is_loopback());
    assert_eq!(server.plex_tv_url(), format!("http://{}/api/v2", server.addr()));

    let no_id = raw(
        server.addr(),
        "GET /api/v2/user HTTP/1.1\r\nHost: x\r\nX-Plex-Token: ana-token\r\nConnection: close\r\n\r\n",
    );
    assert!(no_id.starts_with("HTTP/1.1 400"), "{no_id}");
    assert!(no_id.contains(r#""code":1000"#), "{no_id}");

    // The PMS answers XML unless JSON is asked for.
    let xml = raw(
        server.addr(),
        "GET /security/token?type=delegation&scope=all HTTP/1.1\r\nHost: x\r\nX-Plex-Token: ana-token\r\nConnection: close\r\n\r\n",
    );
    assert!(xml.starts_with("HTTP/1.1 200"), "{xml}");
    assert!(xml.contains("<MediaContainer size=\"0\" token=\"transient-"), "{xml}");

    let bad = raw(
        server.addr(),
        "GET /security/token?type=delegation HTTP/1.1\r\nHost: x\r\nX-Plex-Token: ana-token\r\nConnection: close\r\n\r\n",
    );
    assert!(bad.starts_with("HTTP/1.1 400"), "scope is required: {bad}");

    fake.inject_once(Route::User, Fault::Truncate);
    let cut = raw(
        server.addr(),
        "GET /api/v2/user HTTP/1.1\r\nHost: x\r\nX-Plex-Client-Identifier: t\r\nX-Plex-Token: ana-token\r\nAccept: application/json\r\nConnection: close\r\n\r\n",
    );
    let (head, body) = cut.split_once("\r\n\r\n").unwrap_or_else(|| panic!("{cut:?}"));
    let declared: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length: "))
        .unwrap_or_else(|| panic!("{head}"))
        .parse()
        .unwrap();
    assert!(body.len() < declared, "declared {declared}, sent {}", body.len());

    fake.inject_once(Route::User, Fault::Reset);
    let reset = raw(
        server.addr(),
        "GET /api/v2/user HTTP/1.1\r\nHost: x\r\nX-Plex-Client-Identifier: t\r\nConnection: close\r\n\r\n",
    );
    assert!(reset.is_empty(), "no answer at all: {reset}");
    server.shutdown();
}

/// `Fault::EchoRequest` sends back what the client sent, secrets included, in the shape its
/// content type asks for: the raw material of the leak sweeps.
#[test]
fn echo_request_sends_the_request_back_in_text_json_and_xml() {
    use plex_auth_core::{BlockingTransport, Endpoint, PostUsersSignInData};
    let fake = fake();
    let config = client(&fake, Some("ana-token")).config().clone();
    let request = || PostUsersSignInData::new("ana", "pw-echo&me").verification_code("code-77").to_request(&config);
    for (content_type, starts) in [
        ("text/html", "POST http://plex.test/api/v2/users/signin HTTP/1.1\r\n"),
        ("application/json", "{"),
        ("text/xml", "<errors>"),
    ] {
        fake.clear_faults();
        fake.inject(Route::SignIn, Fault::echo_request(500, content_type));
        let resp = BlockingTransport::send(&fake, request().unwrap()).unwrap();
        assert_eq!(resp.status(), 500);
        assert_eq!(resp.headers()["content-type"], content_type);
        let body = String::from_utf8(resp.body().to_vec()).unwrap();
        assert!(body.starts_with(starts), "{body}");
        let head = match content_type {
            "application/json" => {
                let v: serde_json::Value = serde_json::from_str(&body).unwrap();
                assert_eq!(
                    (v["errors"][0]["code"].as_i64(), v["errors"][0]["status"].as_i64()),
                    (Some(1001), Some(500))
                );
                v["errors"][0]["message"].as_str().unwrap().to_owned()
            }
            "text/xml" => body.replace("&amp;", "&"),
            _ => body,
        };
        for sent in ["x-plex-client-identifier: fake-test\r\n", "password=pw-echo%26me", "verificationCode=code-77"] {
            assert!(head.contains(sent), "{sent} not echoed: {head}");
        }
    }
    assert_eq!(
        format!("{:?}", Fault::echo_request(401, "text/xml")),
        r#"EchoRequest { status: 401, content_type: "text/xml" }"#
    );
}

#[test]
fn a_seeded_fake_answers_the_same_way_every_run() {
    use plex_auth_core::{BlockingClient, ClientConfig, ExposeSecret};
    let run = |seed: u64| {
        let fake = plex_auth_testing::FakePlex::seeded(seed).with_account(plex_auth_testing::FakeAccount::new(
            "ana",
            "ana@example.com",
            "pw",
        ));
        let config = ClientConfig::builder().client_identifier("seeded").build().unwrap();
        let client = BlockingClient::new(config, fake.clone());
        let token = client.sign_in("ana", "pw").unwrap().auth_token.unwrap().expose_secret().to_owned();
        let pin = client.create_pin().unwrap();
        (token, pin.code.unwrap(), pin.id.unwrap())
    };
    assert_eq!(run(7), run(7));
    assert_ne!(run(7).0, run(8).0);
}

#[test]
fn linking_approves_a_short_pin_for_the_tokens_account() {
    let id = 4_294_967_301;
    let fake = fake().with_pin(id, "tv-client", "7RQZ");
    let tv =
        ClientConfig::builder().client_identifier("tv-client").plex_tv_url("http://plex.test/api/v2").build().unwrap();
    let pending = execute_blocking(&fake, &tv, &GetPin::new(id)).unwrap();
    assert_eq!((pending.id, pending.code.as_deref()), (Some(id), Some("7RQZ")));
    assert!(pending.token().is_none());

    // A bad token, an unknown code and a strong PIN's code are refused; the letter case is not.
    let cfg = |token: &str| {
        ClientConfig::builder()
            .client_identifier("phone")
            .plex_tv_url("http://plex.test/api/v2")
            .token(token)
            .build()
            .unwrap()
    };
    let err = execute_blocking(&fake, &cfg("not-a-token"), &LinkPin::new("7RQZ")).unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
    let err = execute_blocking(&fake, &cfg("ana-token"), &LinkPin::new("ZZZZ")).unwrap_err();
    assert!(err.pin_expired() && err.status().map(|s| s.as_u16()) == Some(404), "{err}");
    let strong = execute_blocking(&fake, &tv, &CreatePin::new()).unwrap();
    assert!(strong.id.unwrap() > id, "ids continue past with_pin's");
    let err = execute_blocking(&fake, &cfg("ana-token"), &LinkPin::new(strong.code.unwrap())).unwrap_err();
    assert!(err.pin_expired(), "{err}");
    execute_blocking(&fake, &cfg("ana-token"), &LinkPin::new("7rqz")).unwrap();
    assert_eq!(fake.request_count(Route::LinkPin), 4);
    assert_eq!(fake.last_headers(Route::LinkPin).unwrap()["x-plex-product"], "Plex SSO");

    // The TV's next poll has a token for ana.
    let linked = execute_blocking(&fake, &tv, &GetPin::new(id)).unwrap();
    let token = linked.token().unwrap().expose_secret().to_owned();
    assert!(fake.issued_tokens().contains(&token));
    assert_eq!(client(&fake, Some(&token)).get_token_details().unwrap().username.as_deref(), Some("ana"));
}
