//! FakePlex's approval page over loopback, without a browser: `GET /auth` is a constant HTML
//! page that reads the PIN from the fragment, and `POST /auth/approve` approves a PIN by its
//! code for the first account or the one named by `login`.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use plex_auth_core::{AuthUrl, BlockingClient, ClientConfig, ExposeSecret, GetPin, Pin};
use plex_auth_testing::{FakeAccount, FakePlex, Route};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

fn fake() -> FakePlex {
    FakePlex::new().with_account(FakeAccount::new("ana", "ana@example.com", "pw")).with_account(FakeAccount::new(
        "bob",
        "bob@example.com",
        "pw2",
    ))
}

/// Reads `pin` back as the client that created it would.
fn poll(client: &BlockingClient<FakePlex>, pin: &Pin) -> Pin {
    client.execute(&GetPin::new(pin.id.unwrap())).unwrap()
}

fn client(fake: &FakePlex) -> BlockingClient<FakePlex> {
    let config = ClientConfig::builder()
        .client_identifier("approval-test")
        .product("plex-auth-test")
        .plex_tv_url("http://plex.test/api/v2")
        .build()
        .unwrap();
    BlockingClient::new(config, fake.clone())
}

/// Sends raw HTTP/1.1 and returns (head, body).
fn raw(addr: SocketAddr, request: &str) -> (String, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or_else(|| panic!("{text:?}"));
    (head.to_ascii_lowercase(), body.to_owned())
}

fn post_approve(addr: SocketAddr, form: &str) -> (String, String) {
    raw(
        addr,
        &format!(
            "POST /auth/approve HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{form}",
            form.len()
        ),
    )
}

#[test]
fn the_page_is_html_and_the_same_whatever_the_request() {
    let fake = fake();
    let server = fake.serve_in_background().unwrap();
    assert_eq!(server.auth_url(), format!("http://{}/auth", server.addr()));

    let (head, page) = raw(server.addr(), "GET /auth HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(head.contains("content-type: text/html; charset=utf-8"), "{head}");
    assert!(head.contains("content-security-policy: "), "{head}");
    for id in [r#"id="code""#, r#"id="product""#, r#"id="approve""#, r#"id="status""#] {
        assert!(page.contains(id), "{id} in {page}");
    }
    assert!(page.contains("location.hash") && page.contains("URLSearchParams"), "{page}");
    assert!(page.contains("textContent") && !page.contains("innerHTML"), "filled as text only");

    // Nothing from the request reaches the page.
    let (_, hostile) = raw(
        server.addr(),
        "GET /auth/?x=%3Cscript%3Ealert(1)%3C/script%3E&login=%3Cb%3E HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(hostile, page);

    let (head, _) =
        raw(server.addr(), "POST /auth HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    assert!(head.starts_with("http/1.1 405"), "{head}");
    assert_eq!(fake.request_count(Route::Approval), 3);
}

#[test]
fn approve_approves_the_pin_for_the_first_account_or_the_named_one() {
    let fake = fake();
    let server = fake.serve_in_background().unwrap();
    let client = client(&fake);

    for (login, expected) in [(None, "ana"), (Some("bob@example.com"), "bob")] {
        let pin = client.create_pin().unwrap();
        let code = pin.code.clone().unwrap();
        let url = AuthUrl::new(client.config(), &pin).app_url(&server.auth_url()).build().unwrap();
        assert!(url.starts_with(&format!("{}#?", server.auth_url())), "{url}");
        assert!(poll(&client, &pin).token().is_none(), "not approved yet");

        let form = match login {
            Some(login) => format!("code={code}&login={login}"),
            None => format!("code={code}"),
        };
        let (head, body) = post_approve(server.addr(), &form);
        assert!(head.starts_with("http/1.1 200"), "{head}\n{body}");
        assert_eq!(body, r#"{"approved":true}"#);

        let token = poll(&client, &pin).token().expect("approved").expose_secret().to_owned();
        let mut me = self::client(&fake);
        me.set_token(token).unwrap();
        assert_eq!(me.get_token_details().unwrap().username.as_deref(), Some(expected));
    }
}

#[test]
fn approve_refuses_unknown_codes_accounts_and_other_methods() {
    let fake = fake();
    let server = fake.serve_in_background().unwrap();
    let pin = client(&fake).create_pin().unwrap();
    let code = pin.code.unwrap();

    let (head, body) = post_approve(server.addr(), "code=NOPE");
    assert!(head.starts_with("http/1.1 404") && body.contains(r#""code":1020"#), "{head}\n{body}");
    let (head, _) = post_approve(server.addr(), "");
    assert!(head.starts_with("http/1.1 400"), "{head}");
    let (head, _) = post_approve(server.addr(), &format!("code={code}&login=nobody"));
    assert!(head.starts_with("http/1.1 404"), "{head}");
    let (head, _) = raw(server.addr(), "GET /auth/approve?code=x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert!(head.starts_with("http/1.1 405"), "{head}");

    let empty = FakePlex::new();
    let server = empty.serve_in_background().unwrap();
    let code = client(&empty).create_pin().unwrap().code.unwrap();
    let (head, _) = post_approve(server.addr(), &format!("code={code}"));
    assert!(head.starts_with("http/1.1 404"), "no account to approve for: {head}");
}
