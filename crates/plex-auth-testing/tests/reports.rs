//! Mismatch reports of `MockTransport` and `compare_requests`: each names the check that failed
//! and shows both values, redacting only the test's real secrets (the token, password and code).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use plex_auth_core::{BlockingTransport, HttpRequest};
use plex_auth_testing::{Expect, MockTransport, Secrets, compare_requests, compare_requests_with, json_response};
use serde_json::json;

const TOKEN: &str = "real-token-Zk42";
const OTHER_TOKEN: &str = "stale-token-Qx7";
const PASSWORD: &str = "real-password-951";
const WRONG_PASSWORD: &str = "typo-password-357";

fn get(uri: &str, headers: &[(&str, &str)]) -> HttpRequest {
    let mut b = http::Request::get(uri);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    b.body(bytes::Bytes::new()).unwrap()
}

fn sign_in(login: &str, password: &str) -> HttpRequest {
    http::Request::post("http://plex.test/api/v2/users/signin")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(bytes::Bytes::from(format!("login={login}&password={password}&rememberMe=true")))
        .unwrap()
}

/// Sends `req` to `mock`, which must refuse it, and returns the mock's report of it.
fn refused(mock: &MockTransport, req: HttpRequest) -> String {
    let err = BlockingTransport::send(mock, req).unwrap_err();
    let failures = mock.failures();
    let last = failures.last().unwrap();
    assert!(err.to_string().contains(last.as_str()), "the error carries the report: {err}");
    last.clone()
}

#[track_caller]
fn assert_absent(text: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(!text.contains(secret), "{secret} shows in: {text}");
    }
}

#[test]
fn compare_shows_both_values_of_a_non_secret_header() {
    let expected = get("http://plex.test/p", &[("X-Plex-Product", "My App"), ("X-Plex-Token", TOKEN)]);
    let actual = get("http://plex.test/p", &[("X-Plex-Product", "Other"), ("X-Plex-Token", TOKEN)]);
    let diff = compare_requests(&actual, &expected).unwrap_err();
    assert_eq!(diff.0, ["header `x-plex-product`: expected \"My App\", got \"Other\""]);
}

#[test]
fn compare_shows_values_under_secret_sounding_names_that_hold_no_secret() {
    let expected = get("http://plex.test/p?sort_key=name", &[("X-Session-Key", "abc-1"), ("X-Plex-Token", TOKEN)]);
    let actual = get("http://plex.test/p?sort_key=date", &[("X-Session-Key", "abc-2"), ("X-Plex-Token", TOKEN)]);
    let diff = compare_requests(&actual, &expected).unwrap_err();
    assert_eq!(
        diff.0,
        [
            "query `sort_key`: expected \"name\", got \"date\"",
            "header `x-session-key`: expected \"abc-1\", got \"abc-2\"",
        ]
    );
}

#[test]
fn compare_names_a_differing_token_header_without_either_token() {
    let expected = get("http://plex.test/p", &[("X-Plex-Token", TOKEN)]);
    let actual = get("http://plex.test/p", &[("X-Plex-Token", OTHER_TOKEN)]);
    let diff = compare_requests(&actual, &expected).unwrap_err();
    assert_eq!(diff.0, ["header `x-plex-token`: expected [redacted], got [redacted] (the values differ)"]);
    // Short tokens too: the place is secret, whatever the value's length.
    let diff = compare_requests(&get("/p", &[("X-Plex-Token", "ab")]), &get("/p", &[("X-Plex-Token", "cd")]));
    assert_eq!(diff.unwrap_err().0, ["header `x-plex-token`: expected [redacted], got [redacted] (the values differ)"]);
    // A missing token is named as missing.
    let diff = compare_requests(&get("http://plex.test/p", &[]), &expected).unwrap_err();
    assert_eq!(diff.0, ["header `x-plex-token`: expected [redacted], got nothing"]);
}

#[test]
fn compare_never_prints_either_password_but_shows_the_login() {
    let diff = compare_requests(&sign_in("bob", WRONG_PASSWORD), &sign_in("ana", PASSWORD)).unwrap_err();
    assert_eq!(
        diff.0,
        [
            "form field `login`: expected \"ana\", got \"bob\"",
            "form field `password`: expected [redacted], got [redacted] (the values differ)",
        ]
    );
    // The actual password is scrubbed elsewhere too, say echoed in a header.
    let mut echoed = sign_in("ana", PASSWORD);
    echoed.headers_mut().insert("x-debug", WRONG_PASSWORD.parse().unwrap());
    let mut actual = sign_in("ana", WRONG_PASSWORD);
    actual.headers_mut().insert("x-debug", PASSWORD.parse().unwrap());
    let text = compare_requests(&actual, &echoed).unwrap_err().to_string();
    assert!(text.contains("header `x-debug`: expected \"[redacted]\", got \"[redacted]\""), "{text}");
    assert_absent(&text, &[PASSWORD, WRONG_PASSWORD]);
}

#[test]
fn compare_with_scrubs_a_registered_secret_wherever_it_appears() {
    let expected = get("http://plex.test/users/me?page=1", &[("X-Plex-Product", "My App")]);
    let actual = get(&format!("http://plex.test/users/{TOKEN}?page=1&echo={TOKEN}"), &[("X-Plex-Product", TOKEN)]);
    let secrets = Secrets::new().with(TOKEN);
    let diff = compare_requests_with(&actual, &expected, &secrets).unwrap_err();
    assert_eq!(
        diff.0,
        [
            "URI: expected http://plex.test/users/me, got http://plex.test/users/[redacted]",
            "query `echo`: expected nothing, got \"[redacted]\"",
            "header `x-plex-product`: expected \"My App\", got \"[redacted]\"",
        ]
    );
    // Unregistered, the same value is no secret of the test: shown, so the author sees it.
    let text = compare_requests(&actual, &expected).unwrap_err().to_string();
    assert!(text.contains(&format!("got \"{TOKEN}\"")), "{text}");
}

#[test]
fn compare_shows_both_bodies_scrubbed() {
    let body = |text: &str| {
        http::Request::post("/p")
            .header("content-type", "application/json")
            .body(bytes::Bytes::from(text.to_owned()))
            .unwrap()
    };
    let diff = compare_requests_with(
        &body(&format!("{{\"name\":\"bob\",\"token\":\"{TOKEN}\"}}")),
        &body("{\"name\":\"ana\"}"),
        &Secrets::from_iter([TOKEN]),
    )
    .unwrap_err();
    assert_eq!(
        diff.0,
        [r#"body: expected 14 bytes "{\"name\":\"ana\"}", got 40 bytes "{\"name\":\"bob\",\"token\":\"[redacted]\"}""#]
    );
}

#[test]
fn mock_shows_both_values_of_a_non_secret_header() {
    let mock = MockTransport::new().expect(
        Expect::get("/api/v2/user").header("X-Plex-Product", "My App").header("X-Plex-Token", TOKEN),
        json_response(200, &json!({})),
    );
    let report =
        refused(&mock, get("http://plex.test/api/v2/user", &[("X-Plex-Product", "Other"), ("X-Plex-Token", TOKEN)]));
    assert!(
        report.starts_with("GET http://plex.test/api/v2/user (next expected: exchange #1, GET /api/v2/user"),
        "{report}"
    );
    assert!(report.contains("\n    - header `X-Plex-Product`: expected \"My App\", got \"Other\""), "{report}");
    assert!(!report.contains("X-Plex-Token`"), "the token check passed and is not listed: {report}");
}

#[test]
fn mock_names_a_differing_token_header_without_either_token() {
    let mock = MockTransport::new()
        .expect(Expect::get("/api/v2/user").header("X-Plex-Token", TOKEN), json_response(200, &json!({})));
    let report = refused(&mock, get("http://plex.test/api/v2/user", &[("X-Plex-Token", OTHER_TOKEN)]));
    assert!(
        report.contains("header `X-Plex-Token`: expected [redacted], got [redacted] (the values differ)"),
        "{report}"
    );
    let done = mock.check_done().unwrap_err().to_string();
    assert_absent(&format!("{report}{done}{mock:?}"), &[TOKEN, OTHER_TOKEN]);
}

#[test]
fn mock_never_prints_either_password_but_shows_the_login() {
    let mock = MockTransport::new().expect(
        Expect::post("/api/v2/users/signin").form("login", "ana").form("password", PASSWORD),
        json_response(201, &json!({})),
    );
    let report = refused(&mock, sign_in("bob", WRONG_PASSWORD));
    assert!(report.contains("\n    - form field `login`: expected \"ana\", got \"bob\""), "{report}");
    assert!(
        report.contains("\n    - form field `password`: expected [redacted], got [redacted] (the values differ)"),
        "{report}"
    );
    assert_absent(&format!("{report}{mock:?}"), &[PASSWORD, WRONG_PASSWORD]);
}

#[test]
fn mock_scrubs_registered_secrets_wherever_they_appear() {
    let mock = MockTransport::new()
        .secret(TOKEN)
        .expect(Expect::get("/api/v2/user").query("page", "1"), json_response(200, &json!({})));
    let report = refused(&mock, get(&format!("http://plex.test/api/v2/{TOKEN}?page=2&echo={TOKEN}"), &[]));
    assert!(report.starts_with("GET http://plex.test/api/v2/[redacted]?page=2&echo=[redacted]"), "{report}");
    assert!(report.contains("\n    - path: expected \"/api/v2/user\", got \"/api/v2/[redacted]\""), "{report}");
    assert!(report.contains("\n    - query `page`: expected \"1\", got \"2\""), "{report}");
    assert_absent(&report, &[TOKEN]);
    // Registered after the failure: still scrubbed from what the mock reports.
    let mock = MockTransport::new();
    let _ = BlockingTransport::send(&mock, get(&format!("http://plex.test/x?id={OTHER_TOKEN}"), &[]));
    assert!(mock.failures()[0].contains(OTHER_TOKEN), "not yet a secret: {:?}", mock.failures());
    let mock = mock.with_secrets([OTHER_TOKEN]);
    assert_absent(&mock.check_done().unwrap_err().to_string(), &[OTHER_TOKEN]);
}

#[test]
fn unexpected_requests_and_leftovers_name_method_and_path() {
    let mock = MockTransport::new()
        .expect(Expect::get("/api/v2/user"), json_response(200, &json!({})))
        .expect(Expect::post("/api/v2/pins").form("strong", "true"), json_response(201, &json!({})));
    BlockingTransport::send(&mock, get("http://plex.test/api/v2/user", &[])).unwrap();
    let report = refused(&mock, get("http://plex.test/api/v2/resources", &[]));
    assert!(report.starts_with("GET http://plex.test/api/v2/resources (next expected: exchange #2, POST /api/v2/pins"));
    assert!(report.contains("\n    - method: expected POST, got GET"), "{report}");
    assert!(report.contains("\n    - path: expected \"/api/v2/pins\", got \"/api/v2/resources\""), "{report}");
    assert!(report.contains("\n    - form field `strong`: expected \"true\", got nothing"), "{report}");
    let done = mock.check_done().unwrap_err();
    assert_eq!(done.leftover, ["POST /api/v2/pins [form strong]"]);
    let text = done.to_string();
    assert!(text.contains("\n  unexpected: GET http://plex.test/api/v2/resources"), "{text}");
    assert!(text.contains("\n  never sent: POST /api/v2/pins [form strong]"), "{text}");
}

#[test]
fn a_request_past_the_script_reports_the_count() {
    let mock = MockTransport::new().expect(Expect::get("/a"), json_response(200, &json!({})));
    BlockingTransport::send(&mock, get("/a", &[])).unwrap();
    let report = refused(&mock, get("/b", &[]));
    assert_eq!(
        report,
        "GET /b\n    - request count: expected 1 request(s), got 2 (every scripted exchange was already used)"
    );
}

#[test]
fn an_out_of_order_request_says_which_exchange_it_matches() {
    let mock = MockTransport::new()
        .expect(Expect::get("/a"), json_response(200, &json!({})))
        .expect(Expect::get("/b"), json_response(200, &json!({})));
    let report = refused(&mock, get("/b", &[]));
    assert_eq!(
        report,
        "GET /b (next expected: exchange #1, GET /a)\n    - order: matches exchange #2 (GET /b), but #1 comes first\n    \
         - path: expected \"/a\", got \"/b\""
    );
}

#[test]
fn any_order_explains_the_exchanges_on_the_same_route() {
    let mock = MockTransport::new()
        .any_order()
        .expect(Expect::get("/api/v2/user").header("X-Plex-Client-Identifier", "one"), json_response(200, &json!({})))
        .expect(Expect::get("/api/v2/user").header("X-Plex-Client-Identifier", "two"), json_response(200, &json!({})))
        .expect(Expect::post("/api/v2/pins"), json_response(201, &json!({})));
    let report = refused(&mock, get("/api/v2/user", &[("X-Plex-Client-Identifier", "three")]));
    assert_eq!(
        report,
        "GET /api/v2/user\
         \n  vs GET /api/v2/user [header X-Plex-Client-Identifier]:\
         \n    - header `X-Plex-Client-Identifier`: expected \"one\", got \"three\"\
         \n  vs GET /api/v2/user [header X-Plex-Client-Identifier]:\
         \n    - header `X-Plex-Client-Identifier`: expected \"two\", got \"three\""
    );
    let report = refused(&mock, get("/api/v2/home", &[]));
    assert!(report.contains("method and path: no remaining exchange expects GET /api/v2/home"), "{report}");
    assert!(report.contains("(remaining: GET /api/v2/user [header X-Plex-Client-Identifier]; "), "{report}");
}

#[test]
fn secrets_scrub_encoded_forms_and_hide_themselves_in_debug() {
    let secrets: Secrets = ["p@ss word!"].into_iter().collect();
    assert_eq!(
        secrets.scrub("a=p%40ss+word%21 b=p%40ss%20word%21 c=p@ss word!"),
        "a=[redacted] b=[redacted] c=[redacted]"
    );
    assert_eq!(format!("{secrets:?}"), "Secrets(1 values)");
    assert!(secrets.contains("p@ss word!") && !Secrets::new().contains("p@ss word!"));
    let of = Secrets::of(&sign_in("ana", PASSWORD));
    assert!(of.contains(PASSWORD) && !of.contains("ana"), "only the password is a secret of a sign-in form");
}
