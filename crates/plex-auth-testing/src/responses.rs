//! Response builders for scripting Plex's answers.

use bytes::Bytes;
use plex_auth_core::HttpResponse;
use serde::Serialize;

/// A response with `status`, `content_type` and `body`.
pub fn response(status: u16, content_type: &str, body: impl Into<Bytes>) -> HttpResponse {
    let mut resp = http::Response::new(body.into());
    *resp.status_mut() = http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    if let Ok(value) = http::HeaderValue::from_str(content_type) {
        resp.headers_mut().insert(http::header::CONTENT_TYPE, value);
    }
    resp
}

/// A JSON response with `value` serialized as the body.
pub fn json_response(status: u16, value: &impl Serialize) -> HttpResponse {
    let body = serde_json::to_vec(value).unwrap_or_default();
    response(status, "application/json", body)
}

/// Plex's JSON error body: `{"errors":[{"code","message","status"}]}`.
pub fn plex_error_body(status: u16, code: i64, message: &str) -> serde_json::Value {
    serde_json::json!({"errors": [{"code": code, "message": message, "status": status}]})
}

/// A response with Plex's JSON error body ([`plex_error_body`]).
pub fn plex_error_response(status: u16, code: i64, message: &str) -> HttpResponse {
    json_response(status, &plex_error_body(status, code, message))
}

/// The HTML page a Plex Media Server answers errors with.
pub fn html_error_response(status: u16) -> HttpResponse {
    let reason = http::StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()).unwrap_or("Error");
    let body = format!("<html><head><title>{reason}</title></head><body><h1>{status} {reason}</h1></body></html>");
    response(status, "text/html", body)
}
