//! Text, tokens, identifiers, URLs and sources as users and servers write them.

use proptest::collection::vec;
use proptest::option::of as opt;
use proptest::prelude::*;
use proptest::sample::select;

/// Any text, control characters and non-ASCII included.
pub fn text() -> impl Strategy<Value = String> {
    vec(any::<char>(), 0..12).prop_map(String::from_iter)
}

/// Text with at least one non-whitespace character (what `trim().is_empty()` rejects).
pub fn non_blank() -> impl Strategy<Value = String> {
    (text(), any::<char>().prop_filter("non-whitespace", |c| !c.is_whitespace()), text())
        .prop_map(|(a, b, c)| format!("{a}{b}{c}"))
}

/// A header value a user may configure: UTF-8 without control characters.
pub fn header_text() -> impl Strategy<Value = String> {
    "[^\\p{Cc}]{1,24}"
}

/// A token as `check_token` accepts it: visible ASCII, not empty.
pub fn token() -> impl Strategy<Value = String> {
    "[!-~]{1,40}"
}

/// A client identifier: a header value that is not blank.
pub fn client_identifier() -> impl Strategy<Value = String> {
    "[^\\p{Cc}\\s][^\\p{Cc}]{0,23}"
}

/// An `http`/`https` base URL with an optional port, path and trailing slash.
pub fn base_url() -> impl Strategy<Value = String> {
    (
        select(&["http", "https"][..]),
        prop_oneof!["[a-z][a-z0-9-]{0,12}(\\.[a-z]{2,6}){0,2}", Just("127.0.0.1".to_owned())],
        opt(1u16..),
        "(/[A-Za-z0-9._~-]{1,8}){0,3}",
        any::<bool>(),
    )
        .prop_map(|(scheme, host, port, path, slash)| {
            let port = port.map(|p| format!(":{p}")).unwrap_or_default();
            format!("{scheme}://{host}{port}{path}{}", if slash { "/" } else { "" })
        })
}

/// A source as `GetSourceConnectionInformation` takes it: `scheme://rest`, e.g.
/// `server://<machine identifier>`.
pub fn source() -> impl Strategy<Value = String> {
    ("[a-zA-Z0-9]{1,8}", non_blank()).prop_map(|(scheme, rest)| format!("{scheme}://{rest}"))
}
