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
//! Built on reqwest 0.13. The feature names this crate had over reqwest 0.12 (`rustls-tls`,
//! `native-tls`, `blocking`, which were reqwest's own) all still work; `rustls` is the new name of
//! `rustls-tls`, as in reqwest 0.13 and `plex-auth-hyper`. They map onto reqwest 0.13's features
//! as follows:
//!
//! | our feature | reqwest 0.13 feature | TLS you get |
//! | --- | --- | --- |
//! | `rustls` (default), alias `rustls-tls` | `rustls-no-provider` | rustls, ring provider, bundled webpki (Mozilla) roots, TLS 1.2 and 1.3 |
//! | `native-tls` | `native-tls` | the platform library (OpenSSL on Linux) |
//! | `blocking` | `blocking` | [`ReqwestBlockingTransport`] |
//!
//! - `rustls` / `rustls-tls` (default): pure Rust plus C compiled by `cc`, no system library, no
//!   cmake. reqwest 0.13's own `rustls` feature would bring the aws-lc-rs provider and the
//!   platform verifier instead; we hand reqwest a ring-based rustls config ourselves, so the
//!   crypto and the roots are exactly what they were with reqwest 0.12's `rustls-tls`. If you
//!   build your own `reqwest::Client` in the same program (to wrap with `ReqwestTransport::from`,
//!   or for anything else) and nothing else turns on a reqwest provider feature, install a
//!   provider first, once: `rustls::crypto::ring::default_provider().install_default()`. Without
//!   one, reqwest 0.13 panics in `build()`. Our own builders never need it.
//! - `native-tls`: TLS through the platform library (OpenSSL on Linux, which needs `pkg-config` and
//!   `libssl-dev` to build). Since reqwest 0.13 it offers ALPN (`http/1.1`; HTTP/2 stays off).
//!   When both TLS features are on, native-tls is used, as reqwest prefers it.
//! - `blocking`: [`ReqwestBlockingTransport`], implementing
//!   [`plex_auth_core::BlockingTransport`] over `reqwest::blocking::Client`.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
// Links to feature-gated items resolve in the documented (all-features) build only.
#![cfg_attr(not(feature = "blocking"), allow(rustdoc::broken_intra_doc_links))]

#[cfg(feature = "blocking")]
mod blocking;
mod builder;
mod error;
mod timer;
#[cfg(feature = "rustls")]
mod tls;
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
