//! Plex authentication, sans-IO.
//!
//! This crate turns values into [`http::Request`]s and [`http::Response`]s into values for the
//! Plex authentication API: transient tokens and source connection information on a Plex Media
//! Server; token details and username/password/2FA sign-in on plex.tv. It does no I/O, reads no
//! clock and needs no runtime: send the requests with any HTTP client, or plug a
//! [`Transport`] from an adapter crate (`plex-auth-reqwest`, `plex-auth-hyper`) into a
//! [`Client`].
//!
//! ```
//! use plex_auth_core::{BlockingClient, ClientConfig, Endpoint, GetTokenDetails, ExposeSecret};
//! use plex_auth_core::transport::from_fn;
//!
//! # fn main() -> Result<(), plex_auth_core::Error> {
//! let config = ClientConfig::builder()
//!     .client_identifier("3381b62b-9ab7-4e37-827b-203e9809eb58")
//!     .product("My Dashboard")
//!     .plex_tv_url("http://127.0.0.1:9/api/v2")
//!     .build()?;
//!
//! // The sans-IO way: build the request, send it however you like, decode the answer.
//! let op = GetTokenDetails::new().with_token("my-token");
//! let request = op.to_request(&config)?;
//! assert_eq!(request.uri(), "http://127.0.0.1:9/api/v2/user");
//! assert_eq!(request.headers()["X-Plex-Client-Identifier"], "3381b62b-9ab7-4e37-827b-203e9809eb58");
//! let response = http::Response::builder()
//!     .status(200)
//!     .header("content-type", "application/json")
//!     .body(bytes::Bytes::from_static(br#"{"id": 1, "username": "ana", "twoFactorEnabled": 0}"#))
//!     .unwrap();
//! let account = op.from_response(response)?;
//! assert_eq!(account.username.as_deref(), Some("ana"));
//! assert_eq!(account.two_factor_enabled, Some(false));
//!
//! // Or let a client drive a transport (here a closure standing in for an HTTP stack).
//! let transport = from_fn(|req| {
//!     assert_eq!(req.uri().path(), "/api/v2/users/signin");
//!     Ok(http::Response::builder()
//!         .status(201)
//!         .body(bytes::Bytes::from_static(br#"{"id": 7, "authToken": "abc123"}"#))
//!         .unwrap())
//! });
//! let client = BlockingClient::new(config, transport);
//! let account = client.sign_in("ana@example.com", "correct horse")?;
//! assert_eq!(account.auth_token.as_ref().map(|t| t.expose_secret()), Some("abc123"));
//! assert_eq!(format!("{:?}", account.auth_token), "Some([redacted])");
//! # Ok(())
//! # }
//! ```
//!
//! Decoding never fails on drift: booleans arrive as `true`, `1` or `"1"`; enums are open
//! (`Unknown(raw)`); unknown fields are kept in `extra`; XML bodies are recognised. Errors are one
//! [`Error`] enum with the predicates programs branch on ([`Error::is_unauthorized`],
//! [`Error::two_factor_required`], [`Error::rate_limited`], [`Error::is_retryable`]). Tokens,
//! passwords and codes are [`Secret`]s: never printed.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

/// The `bytes` crate of request and response bodies, so callers need not pin a matching version.
pub use bytes;
/// The `http` crate this one builds requests with, so callers need not pin a matching version.
pub use http;

mod auth_url;
mod client;
mod config;
pub mod decode;
mod error;
pub mod flow;
mod fn_transport;
#[doc(hidden)]
pub mod fuzzing;
pub mod jwt;
pub mod models;
mod ops;
mod redact;
mod redacted;
mod retry;
mod retry_after;
mod scrub;
mod secret;
mod timer;
mod trace;
pub mod transport;
mod transport_cause;

pub use auth_url::{AuthUrl, DEFAULT_AUTH_APP_URL};
pub use client::{BlockingClient, Client, execute, execute_blocking};
pub use config::{
    BaseUrl, ClientConfig, ClientConfigBuilder, DEFAULT_CLIENTS_PLEX_TV_URL, DEFAULT_PLEX_TV_URL,
    X_PLEX_CLIENT_IDENTIFIER, X_PLEX_TOKEN, check_token,
};
pub use error::{
    ApiError, Body, CODE_CLIENT_IDENTIFIER_MISSING, CODE_JWK_MISSING, CODE_NOT_AUTHENTICATED, CODE_PIN_NOT_FOUND,
    CODE_REPEATED_FAILURES, CODE_TOO_MANY_REQUESTS, CODE_TWO_FACTOR_REQUIRED, DecodeReason, Error, JsonError,
    PlexError, XmlError,
};
pub use models::*;
pub use ops::{
    CreatePin, Endpoint, ExchangeDeviceJwt, FORM_CONTENT_TYPE, GetNonce, GetPin, GetPlexKeys, GetResources,
    GetServerIdentity, GetSourceConnectionInformation, GetTokenDetails, GetTransientToken, Host, JSON_CONTENT_TYPE,
    LinkPin, Ping, PostUsersSignInData, RegisterDeviceKey, RequestBody, Route, SignOut, TransientTokenMethod,
};
pub use redact::{RedactedJson, is_secret_name, redact_json};
pub use redacted::{Redacted, redacted};
pub use retry::{Jitter, NoJitter, RetryPolicy, RetryReason, Retrying};
pub use retry_after::{MAX_RETRY_AFTER, RetryAfter};
pub use scrub::SentSecrets;
pub use secrecy::ExposeSecret;
pub use secret::{REDACTED, Secret};
pub use timer::{BlockingTimer, Timer};
pub use transport::{
    BlockingTransport, DynTransport, HttpRequest, HttpResponse, Target, Transport, TransportCause, TransportError,
    TransportErrorKind,
};
