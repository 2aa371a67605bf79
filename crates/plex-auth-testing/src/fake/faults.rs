//! Faults that can be injected per route, to test how clients cope with a misbehaving Plex.

use crate::redact;
use std::fmt;
use std::time::Duration;

/// The routes the fake serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Route {
    /// `POST {plex.tv}/users/signin`.
    SignIn,
    /// `GET {plex.tv}/user`.
    User,
    /// `/security/token` on the PMS.
    TransientToken,
    /// `GET /security/resources` on the PMS.
    Resources,
    /// `POST {clients.plex.tv}/pins`: create a PIN.
    CreatePin,
    /// `GET {clients.plex.tv}/pins/{id}`: poll a PIN.
    GetPin,
    /// `PUT {plex.tv}/pins/link`: approve a short PIN from a signed-in account.
    LinkPin,
    /// `GET {plex.tv}/resources`: the account's devices.
    PlexTvResources,
    /// `GET /identity` on the PMS.
    Identity,
    /// `GET {plex.tv}/ping`.
    Ping,
    /// `DELETE {plex.tv}/users/signout`.
    SignOut,
    /// The fake's approval page, `GET /auth`, and its `POST /auth/approve` (fake only).
    Approval,
    /// `POST {clients.plex.tv}/auth/jwk`: register a device's public key.
    AuthJwk,
    /// `GET {clients.plex.tv}/auth/nonce`: a nonce for the next device JWT.
    AuthNonce,
    /// `POST {clients.plex.tv}/auth/token`: a device JWT exchanged for a Plex JWT.
    AuthToken,
    /// `GET {clients.plex.tv}/auth/keys`: the keys Plex JWTs are signed with.
    AuthKeys,
}

/// A way for a route to misbehave.
///
/// `Debug` shows a [`Fault::Respond`] body's length only (a test may script a body that echoes a
/// token) and redacts secret-looking headers.
#[derive(Clone, PartialEq, Eq)]
pub enum Fault {
    /// Answer with this status, headers and body instead of the real answer.
    Respond {
        /// HTTP status.
        status: u16,
        /// Extra headers (e.g. `Retry-After`), after `Content-Type`.
        headers: Vec<(String, String)>,
        /// `Content-Type`.
        content_type: String,
        /// Body.
        body: String,
    },
    /// Wait this long before answering normally. In memory, where there is no clock, the
    /// request fails with a `Timeout` transport error instead.
    Delay(Duration),
    /// Send the normal answer's head with its full `Content-Length`, half the body, then close.
    /// In memory: an `Io` transport error.
    Truncate,
    /// Close the connection without answering. In memory: an `Io` transport error.
    Reset,
    /// Answer 200 with a JSON body of this many bytes.
    Oversized(usize),
    /// Answer normally, but with the body drifted the way real Plex drifts: numbers and strings
    /// for booleans, new enum values, unknown fields, missing blocks, an array for an object.
    DriftedJson,
    /// Answer with this status and the request echoed back: its request line, every header and
    /// its body, as a careless server's error page does. The body's shape follows
    /// `content_type`: a JSON type gives Plex's JSON error with the head as its `message`, an XML
    /// type Plex's XML error with the head as its `message` attribute, anything else the head as
    /// is. For leak sweeps: every secret the client sent comes back in the answer.
    EchoRequest {
        /// HTTP status.
        status: u16,
        /// `Content-Type`, which also picks the body's shape.
        content_type: String,
    },
}

impl fmt::Debug for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Respond { status, headers, content_type, body } => f
                .debug_struct("Respond")
                .field("status", status)
                .field("headers", &redact::Pairs(headers))
                .field("content_type", content_type)
                .field("body", &redact::Len(body.len()))
                .finish(),
            Self::Delay(d) => f.debug_tuple("Delay").field(d).finish(),
            Self::Truncate => f.write_str("Truncate"),
            Self::Reset => f.write_str("Reset"),
            Self::Oversized(n) => f.debug_tuple("Oversized").field(n).finish(),
            Self::DriftedJson => f.write_str("DriftedJson"),
            Self::EchoRequest { status, content_type } => {
                f.debug_struct("EchoRequest").field("status", status).field("content_type", content_type).finish()
            }
        }
    }
}

impl Fault {
    /// A fixed answer: `status` with `content_type` and `body`.
    pub fn respond(status: u16, content_type: &str, body: impl Into<String>) -> Self {
        Self::Respond { status, headers: Vec::new(), content_type: content_type.to_owned(), body: body.into() }
    }

    /// Plex's JSON error body with `code` and `message`.
    pub fn plex_error(status: u16, code: i64, message: &str) -> Self {
        Self::respond(status, "application/json", crate::responses::plex_error_body(status, code, message).to_string())
    }

    /// `429 Too Many Requests` with `Retry-After: seconds`.
    pub fn rate_limited(seconds: u64) -> Self {
        Self::respond(429, "text/plain", "Too Many Requests").with_header("Retry-After", &seconds.to_string())
    }

    /// A [`Fault::EchoRequest`]: `status` with the request head and body echoed back.
    pub fn echo_request(status: u16, content_type: &str) -> Self {
        Self::EchoRequest { status, content_type: content_type.to_owned() }
    }

    /// Adds a header to a [`Fault::Respond`]; other faults are returned unchanged.
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        if let Self::Respond { headers, .. } = &mut self {
            headers.push((name.to_owned(), value.to_owned()));
        }
        self
    }
}
