//! `Debug` pieces for the test tools, built on core's one secret rule
//! ([`plex_auth_core::is_secret_name`]): recorded requests, scripted bodies and fake accounts hold
//! passwords, codes and tokens, and `Debug` must not print them. Mismatch reports follow a
//! narrower rule, by value ([`crate::Secrets`]), so that they can show what differs.

use plex_auth_core::{REDACTED, is_secret_name};
use std::fmt;

/// A request target (`/path?query`) with secret-looking query values replaced.
pub(crate) fn target(target: &str) -> String {
    match target.split_once('?') {
        Some((path, query)) => format!("{path}?{}", query_text(query)),
        None => target.to_owned(),
    }
}

fn query_text(query: &str) -> String {
    query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, _)) if is_secret_name(key) => format!("{key}={REDACTED}"),
            _ => pair.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The value to show for header, form or query field `name`: its `Debug`, or `[redacted]`.
pub(crate) fn value(name: &str, value: &str) -> String {
    if is_secret_name(name) { REDACTED.to_owned() } else { format!("{value:?}") }
}

/// `Debug` of name/value pairs (headers), secret-looking values replaced.
pub(crate) struct Pairs<'a>(pub &'a [(String, String)]);

impl fmt::Debug for Pairs<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (k, v) in self.0 {
            map.entry(k, &format_args!("{}", value(k, v)));
        }
        map.finish()
    }
}

/// `Debug` of a body that may hold anything: only its length.
pub(crate) struct Len(pub usize);

impl fmt::Debug for Len {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} bytes", self.0)
    }
}
