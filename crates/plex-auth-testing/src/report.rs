//! The wording of a mismatch, the same everywhere: which check, then both values, e.g.
//! ``header `X-Plex-Product`: expected "My App", got "Other"``. Values in a secret place are
//! written `[redacted]`; scrubbing the rest for registered secrets is the caller's last step.

use crate::secrets::{Secrets, is_secret_query};
use plex_auth_core::REDACTED;

/// Longest body text shown, in characters; longer bodies are cut (after scrubbing).
const BODY_SHOWN: usize = 300;

fn show(values: &[&str], secret: bool) -> String {
    match values {
        [] => "nothing".to_owned(),
        [_] if secret => REDACTED.to_owned(),
        many if secret => format!("{} values, all {REDACTED}", many.len()),
        [one] => format!("{one:?}"),
        many => many.iter().map(|v| format!("{v:?}")).collect::<Vec<_>>().join(" and "),
    }
}

/// `check: expected …, got …`; `expected` or `actual` empty reads "nothing". With `secret`, the
/// values are not shown and the line says they differ.
pub(crate) fn mismatch(check: &str, expected: &[&str], actual: &[&str], secret: bool) -> String {
    let mut line = format!("{check}: expected {}, got {}", show(expected, secret), show(actual, secret));
    if secret && !expected.is_empty() && !actual.is_empty() {
        line.push_str(" (the values differ)");
    }
    line
}

/// `scheme://host:port/path?query` with userinfo dropped and the `X-Plex-Token` query value
/// written `[redacted]`, for messages that name a request.
pub(crate) fn uri(uri: &http::Uri) -> String {
    let mut out = String::new();
    if let (Some(scheme), Some(authority)) = (uri.scheme_str(), uri.authority()) {
        let port = authority.port().map(|p| format!(":{p}")).unwrap_or_default();
        out.push_str(&format!("{scheme}://{}{port}", authority.host()));
    }
    out.push_str(uri.path());
    if let Some(query) = uri.query() {
        out.push('?');
        let pairs = query.split('&').map(|pair| {
            let secret = form_urlencoded::parse(pair.as_bytes()).next().is_some_and(|(k, _)| is_secret_query(&k));
            match pair.split_once('=') {
                Some((key, _)) if secret => format!("{key}={REDACTED}"),
                _ => pair.to_owned(),
            }
        });
        out.push_str(&pairs.collect::<Vec<_>>().join("&"));
    }
    out
}

/// A body for a report: its length and its text (lossy UTF-8), scrubbed, then cut if long.
pub(crate) fn body(bytes: &[u8], secrets: &Secrets) -> String {
    if bytes.is_empty() {
        return "an empty body".to_owned();
    }
    let text = secrets.scrub(&String::from_utf8_lossy(bytes));
    let mut shown: String = text.chars().take(BODY_SHOWN).collect();
    if shown.len() < text.len() {
        shown.push('…');
    }
    format!("{} bytes {shown:?}", bytes.len())
}

/// A request for a report: `METHOD uri` (see [`uri`]).
pub(crate) fn request(req: &plex_auth_core::HttpRequest) -> String {
    format!("{} {}", req.method(), uri(req.uri()))
}
