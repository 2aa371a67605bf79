//! The encode floor: each operation's request built by hand with `http::Request::builder()`,
//! as a caller without this crate would write it: the URL formatted from its parts, every
//! header from a string, the form or JSON body encoded per call.

use bytes::Bytes;
use http::{HeaderValue, Method, Request};
use plex_auth_core::HttpRequest;

pub const CLIENT_ID: &str = "3381b62b-9ab7-4e37-827b-203e9809eb58";
pub const TOKEN: &str = "abcdefghij0123456789";
pub const SERVER: &str = "http://192.168.1.10:32400";
pub const PLEX_TV: &str = "https://plex.tv/api/v2";
pub const CLIENTS: &str = "https://clients.plex.tv/api/v2";

/// The identity headers a real app sends (the names as Plex documents them).
const IDENTITY: [(&str, &str); 9] = [
    ("X-Plex-Client-Identifier", CLIENT_ID),
    ("X-Plex-Product", "Plex for Roku"),
    ("X-Plex-Version", "2.4.1"),
    ("X-Plex-Platform", "Roku"),
    ("X-Plex-Platform-Version", "4.3 build 1057"),
    ("X-Plex-Device", "Roku 3"),
    ("X-Plex-Device-Name", "Living room TV"),
    ("X-Plex-Model", "4200X"),
    ("X-Plex-Device-Vendor", "Roku"),
];

/// The config our side encodes with: the same identity and token.
pub fn config() -> plex_auth_core::ClientConfig {
    plex_auth_core::ClientConfig::builder()
        .client_identifier(CLIENT_ID)
        .product("Plex for Roku")
        .version("2.4.1")
        .platform("Roku")
        .platform_version("4.3 build 1057")
        .device("Roku 3")
        .device_name("Living room TV")
        .model("4200X")
        .device_vendor("Roku")
        .server_url(SERVER)
        .token(TOKEN)
        .build()
        .unwrap()
}

/// A request with the identity headers, the token when given (marked sensitive, as ours is),
/// and a body with its content type when given.
pub fn request(method: Method, url: String, token: Option<&str>, body: Option<(&'static str, Vec<u8>)>) -> HttpRequest {
    request_as("Plex for Roku", method, url, token, body)
}

/// [`request`] with another `X-Plex-Product` (PIN linking must say `Plex SSO`).
pub fn request_as(
    product: &str,
    method: Method,
    url: String,
    token: Option<&str>,
    body: Option<(&'static str, Vec<u8>)>,
) -> HttpRequest {
    let mut builder = Request::builder().method(method).uri(url).header("Accept", "application/json");
    for (name, value) in IDENTITY {
        builder = builder.header(name, if name == "X-Plex-Product" { product } else { value });
    }
    if let Some(token) = token {
        let mut value = HeaderValue::from_str(token).unwrap();
        value.set_sensitive(true);
        builder = builder.header("X-Plex-Token", value);
    }
    let body = match body {
        Some((content_type, bytes)) => {
            builder = builder.header("Content-Type", content_type);
            Bytes::from(bytes)
        }
        None => Bytes::new(),
    };
    builder.body(body).unwrap()
}

/// A form body, encoded per call.
pub fn form(pairs: &[(&str, &str)]) -> Option<(&'static str, Vec<u8>)> {
    let encoded = form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
    Some(("application/x-www-form-urlencoded", encoded.into_bytes()))
}

/// A JSON body, encoded per call.
pub fn json(value: &serde_json::Value) -> Option<(&'static str, Vec<u8>)> {
    Some(("application/json", serde_json::to_vec(value).unwrap()))
}

/// The same request, header order aside: method, URI, headers (names, values, sensitivity)
/// and body. Panics naming the first difference, so a bench never compares unlike work.
pub fn assert_same(name: &str, ours: &HttpRequest, floor: &HttpRequest) {
    assert_eq!(ours.method(), floor.method(), "{name}: method");
    assert_eq!(ours.uri(), floor.uri(), "{name}: uri");
    let headers = |r: &HttpRequest| {
        let mut all: Vec<_> =
            r.headers().iter().map(|(n, v)| (n.to_string(), v.as_bytes().to_vec(), v.is_sensitive())).collect();
        all.sort();
        all
    };
    assert_eq!(headers(ours), headers(floor), "{name}: headers");
    assert_eq!(ours.body(), floor.body(), "{name}: body");
}
