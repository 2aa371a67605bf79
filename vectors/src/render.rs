//! The expected halves of the vectors, rendered from what the core produced.

use crate::VectorError;
use plex_auth_core::{DecodeReason, Error, HttpRequest, RetryAfter};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::time::UNIX_EPOCH;

/// A request as a vector expects it: `method`, `url`, `headers` (lowercase names, sorted, the
/// exact set), `body` (the exact text) and `sensitive_headers` (the names marked sensitive).
pub fn request_expectation(req: &HttpRequest) -> Result<Value, VectorError> {
    let mut headers = BTreeMap::new();
    let mut sensitive = Vec::new();
    for (name, value) in req.headers() {
        let text = String::from_utf8(value.as_bytes().to_vec())
            .map_err(|_| VectorError::new(format!("header {name} is not UTF-8")))?;
        if headers.insert(name.as_str().to_owned(), text).is_some() {
            return Err(VectorError::new(format!("header {name} is repeated; vectors hold one value per name")));
        }
        if value.is_sensitive() {
            sensitive.push(name.as_str().to_owned());
        }
    }
    sensitive.sort();
    let body = String::from_utf8(req.body().to_vec()).map_err(|_| VectorError::new("request body is not UTF-8"))?;
    Ok(json!({
        "method": req.method().as_str(),
        "url": req.uri().to_string(),
        "headers": headers,
        "body": body,
        "sensitive_headers": sensitive,
    }))
}

/// An error as a vector expects it: `kind`, `status`, `plex_codes`, for decode errors `reason`
/// (and `field`), the `retry_after` of a rate limit, and every predicate.
pub fn error_summary(err: &Error) -> Value {
    let mut out = Map::new();
    out.insert("kind".into(), json!(err.kind()));
    out.insert("status".into(), json!(err.status().map(|s| s.as_u16())));
    let codes: Vec<i64> = err.api().map(|a| a.errors.iter().filter_map(|e| e.code).collect()).unwrap_or_default();
    out.insert("plex_codes".into(), json!(codes));
    if let Error::Decode { reason, .. } = err {
        let (name, field) = match reason {
            DecodeReason::Json(_) => ("json", None),
            DecodeReason::Xml(_) => ("xml", None),
            DecodeReason::UnexpectedContent(_) => ("unexpected_content", None),
            DecodeReason::MissingField(f) => ("missing_field", Some(*f)),
            DecodeReason::InvalidField { field, .. } => ("invalid_field", Some(*field)),
            _ => ("other", None),
        };
        out.insert("reason".into(), json!(name));
        if let Some(field) = field {
            out.insert("field".into(), json!(field));
        }
    }
    let retry_after = match err.rate_limited().flatten() {
        Some(RetryAfter::Delay(d)) => json!({ "delay_seconds": d.as_secs() }),
        Some(RetryAfter::At(t)) => json!({ "at_unix": t.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0) }),
        None => Value::Null,
    };
    out.insert("retry_after".into(), retry_after);
    out.insert(
        "predicates".into(),
        json!({
            "is_unauthorized": err.is_unauthorized(),
            "two_factor_required": err.two_factor_required(),
            "pin_expired": err.pin_expired(),
            "rate_limited": err.rate_limited().is_some(),
            "is_retryable": err.is_retryable(),
            "is_token_expired": err.is_token_expired(),
            "jwt_signature_rejected": err.jwt_signature_rejected(),
            "thumbprint_taken": err.thumbprint_taken(),
            "jwk_missing": err.jwk_missing(),
        }),
    );
    Value::Object(out)
}
