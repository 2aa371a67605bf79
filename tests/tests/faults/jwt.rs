//! The JWT operations in the leak sweep (issue 11), without a network: FakePlex does not fake
//! the JWT routes in this crate's version yet, so each operation gets scripted answers through
//! the in-memory transport and the core's own driver (`execute_blocking`), with the tracing
//! captured as in the matrix.
//!
//! Secrets: the registering token ([`TOKEN`]), the device JWT sent to `/auth/token` and as
//! `deviceJWT=`, the Plex JWT answered under `auth_token`/`authToken`, and the device key's
//! PKCS#8 PEM. None may appear in the `Debug` of the request's `redacted` view, of the output,
//! in any rendering of the error and its sources, or in the TRACE-level tracing, including when
//! the server echoes the request back.

use super::leaks::{self, Capture};
use super::ops::{CLIENT_ID, TOKEN};
use bytes::Bytes;
use plex_auth_core::jwt::{DeviceKey, Scopes, sign_claims};
use plex_auth_core::transport::from_fn;
use plex_auth_core::{
    ClientConfig, CreatePin, Endpoint, ExchangeDeviceJwt, ExposeSecret, GetNonce, GetPin, GetPlexKeys, HttpRequest,
    HttpResponse, RegisterDeviceKey, TransportError, execute_blocking, redacted,
};
use std::fmt::Debug;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

fn device_key() -> DeviceKey {
    DeviceKey::from_seed([0x3c; 32])
}

fn device_jwt() -> String {
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    device_key().sign_device_jwt(CLIENT_ID, "nonce-Xw81", Scopes::all(), now).unwrap().expose_secret().to_owned()
}

fn plex_jwt() -> String {
    let claims = serde_json::json!({"iss": "plex.tv", "aud": ["plex.tv", CLIENT_ID], "thumbprint": device_key().kid()});
    sign_claims(&DeviceKey::from_seed([0x50; 32]), &claims).unwrap().expose_secret().to_owned()
}

/// The PEM's base64 body, one line (what a leak of the key would show).
fn pem_body() -> String {
    device_key().to_pkcs8_pem().unwrap().lines().filter(|l| !l.starts_with("-----")).collect()
}

fn secrets() -> Vec<(String, String)> {
    let jwt = device_jwt();
    let (_, signature) = jwt.rsplit_once('.').unwrap();
    let plex = plex_jwt();
    let (_, plex_signature) = plex.rsplit_once('.').unwrap();
    vec![
        ("the device JWT".into(), jwt.clone()),
        ("the device JWT's signature".into(), signature.to_owned()),
        ("the Plex JWT".into(), plex.clone()),
        ("the Plex JWT's signature".into(), plex_signature.to_owned()),
        ("the device key's PEM".into(), pem_body()),
    ]
}

/// What a scripted server answers, given the request (so it can echo it).
type Answer = fn(&HttpRequest) -> (u16, &'static str, String);

/// The request head and body as text, every secret in it: what an echoing server sends back.
fn echo(req: &HttpRequest) -> String {
    let mut text = format!("{} {}\n", req.method(), req.uri());
    for (name, value) in req.headers() {
        text.push_str(&format!("{name}: {}\n", value.to_str().unwrap_or("?")));
    }
    text.push_str(&String::from_utf8_lossy(req.body()));
    text
}

fn answers() -> Vec<(&'static str, Answer)> {
    vec![
        ("good answer", |req| {
            let path = req.uri().path();
            let body = if path.ends_with("/auth/nonce") {
                r#"{"nonce":"7c415b56"}"#.to_owned()
            } else if path.ends_with("/auth/keys") {
                serde_json::json!({"keys": [DeviceKey::from_seed([0x50; 32]).public_jwk()]}).to_string()
            } else if path.contains("/pins") {
                format!(r#"{{"id":5,"code":"abcdefghijklmnopqrstuvwxy","authToken":"{}"}}"#, plex_jwt())
            } else {
                format!(r#"{{"auth_token":"{}"}}"#, plex_jwt())
            };
            (if req.method() == http::Method::POST { 201 } else { 200 }, "application/json", body)
        }),
        ("good answer echoing secrets under secret names", |req| {
            let body = serde_json::json!({
                "nonce": "n-1", "auth_token": plex_jwt(), "id": 5, "code": "abcdefghijklmnopqrstuvwxy",
                "keys": [DeviceKey::from_seed([0x50; 32]).public_jwk()],
                "jwt": device_jwt(), "deviceJWT": device_jwt(), "privateKey": pem_body(), "token": TOKEN,
                "request": {"authorization": echo(req)},
            });
            (200, "application/json", body.to_string())
        }),
        ("JSON error echoing the request", |req| {
            let body =
                serde_json::json!({"errors": [{"code": 1001, "message": format!("Invalid token: {}", echo(req))}]});
            (401, "application/json", body.to_string())
        }),
        ("single-object error echoing the request", |req| {
            (
                422,
                "application/json",
                serde_json::json!({"error": format!("Signature Verification Failed: {}", echo(req))}).to_string(),
            )
        }),
        ("text error echoing the request", |req| (400, "text/plain", echo(req))),
        ("498 echoing the request in XML", |req| {
            let message = echo(req).replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;");
            (498, "text/xml", format!(r#"<errors><error code="1001" message="{message}"/></errors>"#))
        }),
        ("success body that is only the device JWT", |_| (200, "application/json", format!("\"{}\"", device_jwt()))),
    ]
}

fn config() -> ClientConfig {
    ClientConfig::builder()
        .client_identifier(CLIENT_ID)
        .plex_tv_url("http://127.0.0.1:9/api/v2")
        .token(TOKEN)
        .build()
        .unwrap()
}

/// Runs `op` against `answer` and returns every rendering a program or log could show.
fn sweep<E>(op: &E, answer: Answer, capture: &Capture) -> Vec<(String, String)>
where
    E: Endpoint + Sync,
    E::Output: Debug,
{
    let seen: Mutex<Option<HttpRequest>> = Mutex::new(None);
    let transport = from_fn(|req: HttpRequest| {
        let (status, content_type, body) = answer(&req);
        *seen.lock().unwrap() = Some(req);
        let resp: HttpResponse = http::Response::builder()
            .status(status)
            .header("content-type", content_type)
            .body(Bytes::from(body))
            .unwrap();
        Ok::<_, TransportError>(resp)
    });
    let before = capture.len();
    let result = execute_blocking(&transport, &config(), op);
    let mut texts = vec![("the TRACE-level tracing output".to_owned(), capture.since(before))];
    if let Some(req) = seen.lock().unwrap().as_ref() {
        texts.push(("the redacted request".into(), format!("{:?}", redacted(req))));
    }
    match &result {
        Ok(out) => texts.push(("the output's {:#?}".into(), format!("{out:#?}"))),
        Err(err) => {
            texts.push(("the error's Display".into(), err.to_string()));
            texts.push(("the error's {:#?}".into(), format!("{err:#?}")));
            let mut source = std::error::Error::source(err);
            while let Some(s) = source {
                texts.push(("a source's Display and Debug".into(), format!("{s} {s:?}")));
                source = s.source();
            }
        }
    }
    texts
}

#[test]
fn the_jwt_operations_leak_no_jwt_key_or_token() {
    let capture = Capture::start();
    capture.tag_this_thread();
    let jwt = device_jwt();
    let secrets = secrets();
    let mut ran = 0;
    for (answer_name, answer) in answers() {
        let runs: Vec<(&str, Vec<(String, String)>)> = vec![
            (
                "register_device_key",
                sweep(&RegisterDeviceKey::new(device_key().public_jwk()).with_token(TOKEN), answer, &capture),
            ),
            ("get_nonce", sweep(&GetNonce::new(), answer, &capture)),
            ("exchange_device_jwt", sweep(&ExchangeDeviceJwt::new(jwt.as_str()), answer, &capture)),
            ("get_plex_keys", sweep(&GetPlexKeys::new(), answer, &capture)),
            ("create_jwt_pin", sweep(&CreatePin::new().with_jwk(device_key().public_jwk()), answer, &capture)),
            ("get_jwt_pin", sweep(&GetPin::new(5).with_device_jwt(jwt.as_str()), answer, &capture)),
        ];
        for (op, texts) in runs {
            assert!(texts[0].1.contains(" finished outcome="), "{answer_name} / {op}: no tracing captured");
            leaks::check_with(&format!("jwt / {answer_name} / {op}"), &texts, &secrets);
            ran += 1;
        }
    }
    assert_eq!(ran, 42);
    // The key itself: its Debug, and the refusal of a damaged PEM.
    let pem = device_key().to_pkcs8_pem().unwrap();
    let damaged = pem.replace('A', "B");
    let refusal = DeviceKey::from_pkcs8_pem(&damaged).map(|_| ()).unwrap_err();
    let texts = vec![
        ("the key's Debug".to_owned(), format!("{:?}", device_key())),
        ("a damaged PEM's refusal".to_owned(), format!("{refusal} {refusal:?}")),
    ];
    let mut with_damaged = secrets.clone();
    with_damaged.push(("the damaged PEM".into(), damaged.lines().filter(|l| !l.starts_with("-----")).collect()));
    leaks::check_with("jwt / device key", &texts, &with_damaged);
    // The sweep's sentinels are real: the requests carry the secrets they are checked for.
    let req = ExchangeDeviceJwt::new(jwt.as_str()).to_request(&config()).unwrap();
    assert!(String::from_utf8_lossy(req.body()).contains(&jwt));
    let req = GetPin::new(5).with_device_jwt(jwt.as_str()).to_request(&config()).unwrap();
    assert!(req.uri().to_string().contains(&jwt));
    let req = RegisterDeviceKey::new(device_key().public_jwk()).to_request(&config()).unwrap();
    assert_eq!(req.headers()["x-plex-token"], TOKEN);
}

#[test]
fn the_jwt_leak_sweep_would_see_a_leak() {
    let texts = vec![("a careless log".to_owned(), format!("sent {}", device_jwt()))];
    let caught = std::panic::catch_unwind(|| leaks::check_with("t", &texts, &secrets())).unwrap_err();
    let message = caught.downcast_ref::<String>().unwrap();
    assert!(message.contains("the device JWT (raw) appears in a careless log"), "{message}");
    assert!(!message.contains(&device_jwt()), "{message}");
}
