//! The fuzz input of the response targets: status, content type, `Retry-After` and body.
//!
//! Layout (so the committed seeds stay readable with `xxd`): two bytes of status, big-endian
//! (100..=999 used as is, anything else picks from [`STATUSES`]), one byte choosing the content
//! type from [`CONTENT_TYPES`], one byte choosing a `Retry-After` from [`RETRY_AFTERS`], then the
//! body, placeholders expanded ([`crate::secrets::expand`]). `fuzz/seeds/make-corpus.sh` writes
//! seeds in this layout.

use arbitrary::{Arbitrary, Unstructured};
use bytes::Bytes;
use plex_auth_core::HttpResponse;

/// Statuses picked when the two status bytes are out of range.
pub const STATUSES: &[u16] = &[200, 201, 204, 400, 401, 403, 404, 422, 429, 500, 503];

/// Content types, `None` for no header. HTML wins over XML and JSON in `BodyKind`.
pub const CONTENT_TYPES: &[Option<&str>] = &[
    None,
    Some("application/json"),
    Some("application/json; charset=utf-8"),
    Some("text/xml"),
    Some("application/xml"),
    Some("text/xml;charset=utf-8"),
    Some("text/html"),
    Some("text/plain"),
    Some("application/octet-stream"),
    Some("APPLICATION/JSON"),
    Some("text/html; charset=xml"),
    Some("application/problem+json"),
    Some("image/svg+xml"),
    Some("application/x-www-form-urlencoded"),
];

/// `Retry-After` values, `None` for no header.
pub const RETRY_AFTERS: &[Option<&str>] = &[
    None,
    Some("30"),
    Some("0"),
    Some("18446744073709551616"),
    Some("Wed, 21 Oct 2015 07:28:00 GMT"),
    Some("-1"),
    Some("soon"),
    Some("99999999999999"),
];

/// A response chosen by the fuzzer.
#[derive(Debug, Clone)]
pub struct FuzzResponse {
    /// The status code.
    pub status: u16,
    /// The `Content-Type`, if any.
    pub content_type: Option<&'static str>,
    /// The `Retry-After`, if any.
    pub retry_after: Option<&'static str>,
    /// The body, placeholders expanded.
    pub body: Vec<u8>,
}

impl<'a> Arbitrary<'a> for FuzzResponse {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let head = u.bytes(4.min(u.len()))?;
        let byte = |i: usize| head.get(i).copied().unwrap_or(0);
        let raw = u16::from_be_bytes([byte(0), byte(1)]);
        let status = if (100..=999).contains(&raw) { raw } else { STATUSES[usize::from(raw) % STATUSES.len()] };
        let content_type = CONTENT_TYPES[usize::from(byte(2)) % CONTENT_TYPES.len()];
        let retry_after = RETRY_AFTERS[usize::from(byte(3)) % RETRY_AFTERS.len()];
        let body = crate::secrets::expand(u.bytes(u.len())?);
        Ok(Self { status, content_type, retry_after, body })
    }
}

impl FuzzResponse {
    /// The `http::Response` the decoders see.
    pub fn to_response(&self) -> HttpResponse {
        build(self.status, self.content_type, self.retry_after, self.body.clone())
    }
}

/// Builds a response with the given status, `Content-Type`, `Retry-After` and body.
pub fn build(status: u16, content_type: Option<&str>, retry_after: Option<&str>, body: Vec<u8>) -> HttpResponse {
    let mut resp = http::Response::new(Bytes::from(body));
    *resp.status_mut() = http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::OK);
    let headers = resp.headers_mut();
    for (name, value) in [(http::header::CONTENT_TYPE, content_type), (http::header::RETRY_AFTER, retry_after)] {
        if let Some(value) = value.and_then(|v| http::HeaderValue::from_str(v).ok()) {
            headers.insert(name, value);
        }
    }
    resp
}
