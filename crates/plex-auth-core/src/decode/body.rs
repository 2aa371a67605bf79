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
        // Compared in place, case-insensitively: classifying a body allocates nothing.
        let content_type = resp.headers().get(CONTENT_TYPE).map_or(&b""[..], |v| v.as_bytes());
        let starts =
            |prefix: &[u8]| content_type.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix));
        if starts(b"application/json") || contains_ignore_case(content_type, b"json") {
            Self::Json
        } else if contains_ignore_case(content_type, b"html") {
            Self::Html
        } else if contains_ignore_case(content_type, b"xml") {
            Self::Xml
        } else {
            Self::sniff(body)
        }
    }

    fn sniff(body: &[u8]) -> Self {
        let starts = |prefix: &[u8]| body.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix));
        match body.first() {
            Some(b'{' | b'[') => Self::Json,
            Some(b'<') if starts(b"<!doctype html") || starts(b"<html") => Self::Html,
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

/// True when `needle` (lowercase ASCII) occurs in `haystack`, ignoring ASCII case.
fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window.eq_ignore_ascii_case(needle))
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
    // Fast path: the usual shape, streamed into the list with no intermediate tree. Anything
    // else (repeated keys, codes as strings, bare strings, `error`) fails it, and the
    // first-wins tree below reads it exactly as before.
    if let Ok(usual) = serde_json::from_slice::<UsualErrors>(body) {
        return usual.errors.into_iter().map(|e| plex_error(e.code, e.message.unwrap_or_default(), e.status)).collect();
    }
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

/// The usual JSON error body, typed strictly: the fast path of [`json_errors`].
#[derive(serde::Deserialize)]
struct UsualErrors {
    errors: Vec<UsualError>,
}

#[derive(serde::Deserialize)]
struct UsualError {
    code: Option<i64>,
    message: Option<String>,
    status: Option<i64>,
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
        // Case is ignored in the header and in the sniffed doctype, without lowercasing copies.
        assert_eq!(BodyKind::of(&resp(200, Some("Application/JSON"), "{}")), BodyKind::Json);
        assert_eq!(BodyKind::of(&resp(200, Some("TEXT/HTML"), "x")), BodyKind::Html);
        assert_eq!(BodyKind::of(&resp(500, None, "<HTML><body>")), BodyKind::Html);
        assert_eq!(BodyKind::of(&resp(500, None, "<!doctype HTML>")), BodyKind::Html);
        assert_eq!(BodyKind::of(&resp(500, None, "<!doc")), BodyKind::Xml);
        assert_eq!(BodyKind::of(&resp(200, Some("text/plain"), "hello")), BodyKind::Other);
    }

    #[test]
    fn error_lists_read_the_same_by_fast_path_and_tree() {
        // The usual shape takes the typed fast path; the rest the first-wins tree. Both agree.
        let usual =
            json_errors(br#"{"errors":[{"code":1001,"message":"User could not be authenticated","status":401}]}"#);
        assert_eq!(
            (usual[0].code, usual[0].message.as_str(), usual[0].status),
            (Some(1001), "User could not be authenticated", Some(401))
        );
        let drifted = json_errors(br#"{"errors":[{"code":"1001","message":"m","status":"401","code":7}]}"#);
        assert_eq!((drifted[0].code, drifted[0].message.as_str(), drifted[0].status), (Some(1001), "m", Some(401)));
        let null_message = json_errors(br#"{"errors":[{"code":1,"message":null}]}"#);
        assert_eq!((null_message[0].message.as_str(), null_message[0].status), ("", None));
        assert_eq!(json_errors(br#"{"error":"nope"}"#)[0].message, "nope");
        assert_eq!(json_errors(br#"{"errors":["plain"]}"#)[0].message, "plain");
        assert!(json_errors(br#"{"errors":[]}"#).is_empty());
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
