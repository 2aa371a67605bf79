//! Whole responses: content types, bodies shaped like Plex's answers or not, error bodies.

use super::account::account;
use super::json::json_value;
use super::jwt::jwk_set;
use super::pin::{nonce_answer, pin, token_answer};
use super::resources::resource;
use super::text::text;
use bytes::Bytes;
use plex_auth_core::HttpResponse;
use proptest::collection::vec;
use proptest::option::of as opt;
use proptest::prelude::*;
use proptest::sample::select;

/// A `Content-Type` that a server might send, or none.
pub fn content_type() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        select(
            &[
                "application/json",
                "application/json; charset=utf-8",
                "APPLICATION/JSON",
                "text/xml;charset=utf-8",
                "application/xml",
                "text/html",
                "text/plain",
                "application/octet-stream",
            ][..]
        )
        .prop_map(|s| Some(s.to_owned())),
        "[ -~]{0,24}".prop_map(Some),
    ]
}

/// A Plex error code: the ones the error predicates read (1001, 1003 rate limited, 1020, 1029,
/// 1097 JWK missing) as often as any other number.
pub fn error_code() -> impl Strategy<Value = i64> {
    prop_oneof![any::<i64>(), select(&[1001i64, 1003, 1020, 1029, 1097][..])]
}

/// A Plex error message: the ones the predicates read (the JWT 422s, 498) as often as any text.
pub fn error_message() -> impl Strategy<Value = String> {
    prop_oneof![
        text(),
        select(&["Signature Verification Failed", "Thumbprint Already Taken", "Token Expired", "Invalid token"][..])
            .prop_map(String::from),
    ]
}

/// Plex's JSON error body, `{"errors":[{"code","message","status"}]}`, with none to three
/// entries, any of their fields absent or null; or the older `{"error":"..."}` form.
pub fn error_body_json() -> impl Strategy<Value = serde_json::Value> {
    let entry = (opt(error_code()), opt(error_message()), opt(any::<i64>()))
        .prop_map(|(code, message, status)| serde_json::json!({"code": code, "message": message, "status": status}));
    prop_oneof![
        vec(entry, 0..3).prop_map(|errors| serde_json::json!({ "errors": errors })),
        text().prop_map(|error| serde_json::json!({ "error": error })),
    ]
}

/// Plex's XML error body, `<errors><error code=".." message="..">text</error></errors>`, or a
/// single `<error .../>`; attribute values are escaped, so the document is well formed.
pub fn error_body_xml() -> impl Strategy<Value = String> {
    let entry = (opt(error_code()), opt(error_message()), opt(text()))
        .prop_map(|(code, message, text)| {
            let mut out = String::from("<error");
            if let Some(code) = code {
                out.push_str(&format!(" code=\"{code}\""));
            }
            if let Some(message) = message {
                out.push_str(&format!(" message=\"{}\"", quick_xml::escape::escape(message.as_str())));
            }
            match text {
                Some(text) => out.push_str(&format!(">{}</error>", quick_xml::escape::escape(text.as_str()))),
                None => out.push_str("/>"),
            }
            out
        })
        .boxed();
    prop_oneof![vec(entry.clone(), 0..3).prop_map(|errors| format!("<errors>{}</errors>", errors.concat())), entry,]
}

/// A response body: random bytes, random JSON, or things shaped like Plex answers (every model,
/// error bodies in JSON and XML, raw XML with unescaped text).
pub fn body() -> impl Strategy<Value = Bytes> {
    prop_oneof![
        vec(any::<u8>(), 0..128).prop_map(Bytes::from),
        json_value().prop_map(|v| Bytes::from(v.to_string())),
        error_body_json().prop_map(|v| Bytes::from(v.to_string())),
        error_body_xml().prop_map(Bytes::from),
        (text(), text(), text()).prop_map(|(a, b, c)| Bytes::from(format!(
            "<errors><error code=\"{a}\" message=\"{b}\">{c}</error></errors>"
        ))),
        (text(), text()).prop_map(|(a, b)| Bytes::from(format!("<MediaContainer token=\"{a}\"><Device {b}/>"))),
        json_value().prop_map(|v| Bytes::from(
            serde_json::json!({"MediaContainer": {"token": v.clone(), "Device": v}}).to_string()
        )),
        account().prop_map(|a| json_bytes(&a)),
        vec(resource(), 0..3).prop_map(|r| json_bytes(&r)),
        pin().prop_map(|p| json_bytes(&p)),
        nonce_answer().prop_map(|n| json_bytes(&n)),
        token_answer().prop_map(|t| json_bytes(&t)),
        jwk_set().prop_map(|k| json_bytes(&k)),
        (text(), text()).prop_map(|(a, b)| Bytes::from(format!(
            "<MediaContainer machineIdentifier=\"{a}\"><Device name=\"{b}\"><Connection port=\"{a}\"/></Device>"
        ))),
    ]
}

/// A model as JSON text (the models always serialize; an empty body would show if one did not).
fn json_bytes(value: &impl serde::Serialize) -> Bytes {
    Bytes::from(serde_json::to_vec(value).unwrap_or_default())
}

/// A response with `status`, optional `Content-Type` and `Retry-After`, and `body`. A status
/// outside 100..=999 becomes 500, and a header value `http` refuses is left out.
pub fn make_response(status: u16, content_type: Option<&str>, retry_after: Option<&str>, body: Bytes) -> HttpResponse {
    let mut resp = http::Response::new(body);
    *resp.status_mut() = http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = [(http::header::CONTENT_TYPE, content_type), (http::header::RETRY_AFTER, retry_after)];
    for (name, value) in headers {
        if let Some(value) = value.and_then(|v| http::HeaderValue::from_str(v).ok()) {
            resp.headers_mut().insert(name, value);
        }
    }
    resp
}
