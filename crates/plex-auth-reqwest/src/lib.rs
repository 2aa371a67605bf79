//! [reqwest] transport for [`plex_auth_core`].
//!
//! [`ReqwestTransport`] implements [`plex_auth_core::Transport`]: it converts the core's
//! [`http::Request`] into a reqwest request, sends it, and collects the response body into
//! [`bytes::Bytes`]. It does nothing else: status codes are judged by the core, so a 401 comes back
//! as an ordinary response.
//!
//! [`ReqwestTransport::new`] gives the safe defaults:
//! - **no redirects**: Plex sends the token in the `X-Plex-Token` header, and reqwest does not strip
//!   that header on a redirect to another host;
//! - connect timeout [`DEFAULT_CONNECT_TIMEOUT`] (5 s), whole-request timeout [`DEFAULT_TIMEOUT`]
//!   (30 s, covering the body too);
//! - response bodies capped at [`DEFAULT_MAX_BODY_BYTES`] (4 MiB); a larger body fails with
//!   [`TransportErrorKind::BodyTooLarge`](plex_auth_core::TransportErrorKind::BodyTooLarge).
//!
//! Change them with [`ReqwestTransport::builder`], or wrap a `reqwest::Client` you already have
//! with `ReqwestTransport::from(client)` (its own redirect policy and timeouts then apply).
//!
//! ```no_run
//! use plex_auth_core::{Client, ClientConfig};
//! use plex_auth_reqwest::ReqwestTransport;
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let config = ClientConfig::builder()
//!     .client_identifier("3381b62b-9ab7-4e37-827b-203e9809eb58")
//!     .product("My Dashboard")
//!     .build()?;
//! let transport = ReqwestTransport::builder().timeout(std::time::Duration::from_secs(10)).build()?;
//! let client = Client::new(config, transport);
//! let account = client.sign_in("ana@example.com", "correct horse").await?;
//! println!("signed in as {:?}", account.username);
//! # Ok(())
//! # }
//! ```
//!
//! # Features
//!
//! - `rustls-tls` (default): TLS through rustls with the ring provider and the webpki root
//!   certificates. Pure Rust plus C compiled by `cc`: no system library, no cmake.
//! - `native-tls`: TLS through the platform library (OpenSSL on Linux, which needs `pkg-config` and
//!   `libssl-dev` to build). When both TLS features are on, reqwest prefers native-tls.
//! - `blocking`: [`ReqwestBlockingTransport`], implementing
//!   [`plex_auth_core::BlockingTransport`] over `reqwest::blocking::Client`.
//!
//! The feature names are reqwest's own, forwarded as they are.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
// Links to feature-gated items resolve in the documented (all-features) build only.
#![cfg_attr(not(feature = "blocking"), allow(rustdoc::broken_intra_doc_links))]

#[cfg(feature = "blocking")]
mod blocking;
mod builder;
mod error;
mod timer;
mod transport;

#[cfg(feature = "blocking")]
pub use blocking::ReqwestBlockingTransport;
pub use builder::Builder;
#[cfg(feature = "blocking")]
pub use timer::StdTimer;
pub use timer::TokioTimer;
pub use transport::ReqwestTransport;

/// The defaults every adapter shares, defined once in the core.
pub use plex_auth_core::transport::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT};
