//! Judging a response: what kind of body it is, success or `Error::Api`, and JSON decoding
//! that reports failures as `Error::Decode` with the body kept.

use crate::decode::value::FirstWins;
use crate::decode::{Lenient, StrictValue, repair, xml};
use crate::error::{ApiError, Body, DecodeReason, Error, JsonError, PlexError};
use crate::ops::Route;
use crate::retry_after::RetryAfter;
use crate::transport::HttpResponse;
use http::header::{CONTENT_TYPE, RETRY_AFTER};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// What a response body is, by `Content-Type` or, when absent, by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// JSON.
    Json,
    /// XML (the PMS default, and some plex.tv errors).
    Xml,
    /// An HTML page (PMS and proxy error pages).
    Html,
    /// Nothing.
    Empty,
    /// Compressed or otherwise content-encoded (the adapters ask for none and decode none).
    Encoded,
    /// Anything else.
    Other,
}

impl BodyKind {
    /// Classifies `resp`'s body.
    pub fn of(resp: &HttpResponse) -> Self {
        let body = resp.body().trim_ascii_start();
        if body.is_empty() {
            return Self::Empty;
        }
        let encoding = resp.headers().get(http::header::CONTENT_ENCODING).map(|v| v.as_bytes().trim_ascii());
        if encoding.is_some_and(|e| !e.is_empty() && !e.eq_ignore_ascii_case(b"identity")) {
            return Self::Encoded;
        }
        let content_type = resp.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        let ct = content_type.to_ascii_lowercase();
        if ct.contains("json") {
            Self::Json
        } else if ct.contains("html") {
            Self::Html
        } else if ct.contains("xml") {
            Self::Xml
        } else {
            Self::sniff(body)
        }
    }

    fn sniff(body: &[u8]) -> Self {
        let head = &body[..body.len().min(64)];
        let lower = head.to_ascii_lowercase();
        match body.first() {
            Some(b'{' | b'[') => Self::Json,
            Some(b'<') if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") => Self::Html,
            Some(b'<') => Self::Xml,
            _ => Self::Other,
        }
    }

    /// A short name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::Json => "JSON",
            Self::Xml => "XML",
            Self::Html => "HTML",
            Self::Empty => "empty",
            Self::Encoded => "content-encoded",
            Self::Other => "non-JSON",
        }
    }
}

/// Returns the response when its status is 2xx, else the `Error::Api` it stands for.
pub(crate) fn expect_success(route: &Route, resp: HttpResponse) -> Result<HttpResponse, Error> {
    if resp.status().is_success() { Ok(resp) } else { Err(api_error(route, resp)) }
}

/// Builds the `Error::Api` for a non-success response, parsing Plex's error list when present.
fn api_error(route: &Route, resp: HttpResponse) -> Error {
    let kind = BodyKind::of(&resp);
    let retry_after = resp.headers().get(RETRY_AFTER).and_then(|v| v.to_str().ok()).and_then(RetryAfter::parse);
    let (parts, body) = resp.into_parts();
    let errors = match kind {
        BodyKind::Json => json_errors(&body),
        BodyKind::Xml => xml_errors(&body),
        _ => Vec::new(),
    };
    ApiError {
        route: route.label,
        status: parts.status,
        errors,
        retry_after,
        body: Body(body),
        forbidden_means_unauthorized: route.forbidden_means_unauthorized,
    }
    .into()
}

fn int(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn plex_error(code: Option<i64>, message: String, status: Option<i64>) -> PlexError {
    PlexError { code, message, status: status.and_then(|s| u16::try_from(s).ok()) }
}

/// `{"errors":[{"code","message","status"}]}`, or the occasional `{"error":"..."}`.
fn json_errors(body: &[u8]) -> Vec<PlexError> {
    let Some(value) = serde_json::from_slice::<FirstWins>(body).ok().map(|v| v.0).or_else(|| repair::repaired(body))
    else {
        return Vec::new();
    };
    if let Some(list) = value.get("errors").and_then(Value::as_array) {
        return list
            .iter()
            .map(|e| match e {
                Value::String(s) => plex_error(None, s.clone(), None),
                _ => plex_error(
                    int(e.get("code")),
                    e.get("message").and_then(Value::as_str).unwrap_or_default().to_owned(),
                    int(e.get("status")),
                ),
            })
            .collect();
    }
    match value.get("error") {
        Some(Value::String(message)) => vec![plex_error(None, message.clone(), None)],
        _ => Vec::new(),
    }
}

/// `<errors><error code=".." message=".." status=".."/></errors>` or `<errors><error>text</error></errors>`.
fn xml_errors(body: &[u8]) -> Vec<PlexError> {
    let Ok(root) = xml::parse(body) else { return Vec::new() };
    let entries: Vec<&xml::Element> =
        if root.name == "error" { vec![&root] } else { root.children_named("error").collect() };
    entries
        .into_iter()
        .map(|e| {
            let message = e.attr("message").map(str::to_owned).unwrap_or_else(|| e.text.trim().to_owned());
            let parse = |name| e.attr(name).and_then(|v| v.trim().parse().ok());
            plex_error(parse("code"), message, parse("status"))
        })
        .collect()
}

/// Decodes a 2xx JSON body into `T`, or says why not with the body kept.
///
/// A body that is valid JSON but holds a value `serde_json::Value` cannot (`1e400`, nesting past
/// 128) gets a second, bounded pass that keeps such values as text instead of failing.
pub(crate) fn decode_json<T: Lenient + DeserializeOwned>(route: &Route, resp: &HttpResponse) -> Result<T, Error> {
    match BodyKind::of(resp) {
        // Fast path: a body that fits as a whole decodes in one streaming pass; the degrading
        // decode (which buffers objects and lists to keep what does not fit) is the fallback.
        BodyKind::Json | BodyKind::Other => serde_json::from_slice::<StrictValue<T>>(resp.body())
            .map(|v| v.0)
            .or_else(|_| serde_json::from_slice::<T>(resp.body()))
            .or_else(|e| {
                repair::repaired(resp.body())
                    .and_then(|value| serde::Deserialize::deserialize(value).ok())
                    .ok_or_else(|| decode_error(route, resp, DecodeReason::Json(JsonError::from(&e))))
            }),
        other => Err(decode_error(route, resp, DecodeReason::UnexpectedContent(other.name()))),
    }
}

/// Parses an XML body, or says why not with the body kept.
pub(crate) fn decode_xml(route: &Route, resp: &HttpResponse) -> Result<xml::Element, Error> {
    xml::parse(resp.body()).map_err(|e| decode_error(route, resp, DecodeReason::Xml(e)))
}

/// Builds an `Error::Decode` for `resp`.
pub(crate) fn decode_error(route: &Route, resp: &HttpResponse, reason: DecodeReason) -> Error {
    Error::Decode { route: route.label, status: resp.status(), body: Body(resp.body().clone()), reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, ct: Option<&str>, body: &'static str) -> HttpResponse {
        let mut b = http::Response::builder().status(status);
        if let Some(ct) = ct {
            b = b.header(CONTENT_TYPE, ct);
        }
        b.body(bytes::Bytes::from_static(body.as_bytes())).unwrap_or_default()
    }

    #[test]
    fn classifies_by_header_then_sniffs() {
        assert_eq!(BodyKind::of(&resp(200, Some("application/json; charset=utf-8"), "{}")), BodyKind::Json);
        assert_eq!(BodyKind::of(&resp(200, Some("text/xml;charset=utf-8"), "<a/>")), BodyKind::Xml);
        assert_eq!(BodyKind::of(&resp(500, None, "  <!DOCTYPE html><p>")), BodyKind::Html);
        assert_eq!(BodyKind::of(&resp(500, None, "<MediaContainer/>")), BodyKind::Xml);
        assert_eq!(BodyKind::of(&resp(500, None, "")), BodyKind::Empty);
    }

    #[test]
    fn parses_json_and_xml_error_lists() {
        const USER: Route = Route::new("GET /user", crate::ops::Host::PlexTv, "/user");
        let e = api_error(
            &USER,
            resp(
                401,
                Some("application/json"),
                r#"{"errors":[{"code":1001,"message":"User could not be authenticated","status":401}]}"#,
            ),
        );
        let api = e.api().map(|a| a.errors.clone()).unwrap_or_default();
        assert_eq!(
            api,
            vec![PlexError { code: Some(1001), message: "User could not be authenticated".into(), status: Some(401) }]
        );
        let e = api_error(&USER, resp(422, Some("application/xml"), "<errors><error>Invalid token</error></errors>"));
        assert_eq!(e.api().map(|a| a.errors[0].message.as_str()), Some("Invalid token"));
        assert!(e.is_unauthorized());
    }
}
