//! Shared helpers for the core crate's integration tests: one fully populated config, a
//! response builder, the committed fixtures, a field-by-field request comparison, and the
//! responses and bodies of the decoding vectors.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // not every test file uses every helper

use bytes::Bytes;
use plex_auth_core::{ClientConfig, HttpRequest, HttpResponse};

pub const CLIENT_ID: &str = "3381b62b-9ab7-4e37-827b-203e9809eb58";
pub const TOKEN: &str = "CV5xoxjTpFKUzBTShsaf";
pub const SERVER: &str = "http://127.0.0.1:32400";
pub const PLEX_TV: &str = "http://127.0.0.1:8443/api/v2";

/// Every identity header the config sends, in the order the builder takes them.
pub const IDENTITY: [(&str, &str); 10] = [
    ("x-plex-client-identifier", CLIENT_ID),
    ("x-plex-product", "Plex for Roku"),
    ("x-plex-version", "2.4.1"),
    ("x-plex-platform", "Roku"),
    ("x-plex-platform-version", "4.3 build 1057"),
    ("x-plex-device", "Roku 3"),
    ("x-plex-device-name", "Wohnzimmer – Fernseher"),
    ("x-plex-model", "4200X"),
    ("x-plex-device-vendor", "Roku"),
    ("x-plex-marketplace", "googlePlay"),
];

/// A config with every setting given, the token included.
pub fn full_config() -> ClientConfig {
    ClientConfig::builder()
        .client_identifier(CLIENT_ID)
        .product("Plex for Roku")
        .version("2.4.1")
        .platform("Roku")
        .platform_version("4.3 build 1057")
        .device("Roku 3")
        .device_name("Wohnzimmer – Fernseher")
        .model("4200X")
        .device_vendor("Roku")
        .marketplace("googlePlay")
        .server_url(SERVER)
        .plex_tv_url(PLEX_TV)
        .token(TOKEN)
        .build()
        .expect("the full config is valid")
}

/// A response with `status`, an optional `Content-Type` and `body`.
pub fn response(status: u16, content_type: Option<&str>, body: impl Into<Bytes>) -> HttpResponse {
    let mut builder = http::Response::builder().status(status);
    if let Some(ct) = content_type {
        builder = builder.header(http::header::CONTENT_TYPE, ct);
    }
    builder.body(body.into()).unwrap()
}

/// A JSON response.
pub fn json(status: u16, body: impl Into<Bytes>) -> HttpResponse {
    response(status, Some("application/json; charset=utf-8"), body)
}

/// The §6.1 sign-in fixture of the API reference, as JSON.
pub const SIGNIN_201: &[u8] = include_bytes!("../fixtures/signin-201.json");
/// The second fixture of the same test file (nulls, no past subscriptions, `active`).
pub const SIGNIN_201_VARIANT: &[u8] = include_bytes!("../fixtures/signin-201-variant.json");

/// The fixture as a JSON value, for tests that drift it.
pub fn fixture_value() -> serde_json::Value {
    serde_json::from_slice(SIGNIN_201).unwrap()
}

/// The headers of a request as sorted (name, value) pairs, duplicates kept.
fn header_list(req: &HttpRequest) -> Vec<(String, Vec<u8>)> {
    let mut list: Vec<_> =
        req.headers().iter().map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec())).collect();
    list.sort();
    list
}

/// Asserts `actual` equals `expected` field by field: method, full URI, exact header set, body.
pub fn assert_same_request(actual: &HttpRequest, expected: &HttpRequest) {
    assert_eq!(actual.method(), expected.method(), "method");
    assert_eq!(actual.uri().to_string(), expected.uri().to_string(), "URI");
    assert_eq!(actual.version(), expected.version(), "HTTP version");
    let (got, want) = (header_list(actual), header_list(expected));
    let shown = |l: &[(String, Vec<u8>)]| {
        l.iter().map(|(n, v)| format!("{n}: {}", String::from_utf8_lossy(v))).collect::<Vec<_>>().join("\n")
    };
    assert_eq!(got, want, "headers differ:\n-- got --\n{}\n-- want --\n{}", shown(&got), shown(&want));
    assert_eq!(actual.body(), expected.body(), "body");
}

/// The expected request, built by hand: `Accept`, every identity header, then `extra` headers.
pub fn expected_request(method: &str, uri: &str, extra: &[(&str, &str)], body: &'static str) -> HttpRequest {
    let mut builder = http::Request::builder().method(method).uri(uri).header("accept", "application/json");
    for (name, value) in IDENTITY.iter().chain(extra) {
        builder = builder.header(*name, *value);
    }
    builder.body(Bytes::from_static(body.as_bytes())).unwrap()
}

/// The `response` object of the decoding vector `name` (`vectors/decoding/<name>.json`).
fn vector_response_json(name: &str) -> serde_json::Value {
    let path = format!("{}/../../vectors/decoding/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut vector: serde_json::Value = serde_json::from_str(&text).unwrap();
    vector["response"].take()
}

/// The response of the decoding vector `name` (`vectors/decoding/<name>.json`): tests that assert
/// what JSON cannot (typed variants, where unknown fields land, kept bodies) take their inputs
/// from the vectors, so each case is written once.
pub fn vector_response(name: &str) -> HttpResponse {
    let r = vector_response_json(name);
    let mut builder = http::Response::builder().status(r["status"].as_u64().unwrap() as u16);
    for (name, value) in r["headers"].as_object().unwrap() {
        builder = builder.header(name.as_str(), value.as_str().unwrap());
    }
    builder.body(Bytes::from(r["body"].as_str().unwrap().to_owned())).unwrap()
}

/// The body of the decoding vector `name`, for tests that compare a kept body with it or send
/// the same body under another status or content type.
pub fn vector_body(name: &str) -> String {
    vector_response_json(name)["body"].as_str().unwrap().to_owned()
}
