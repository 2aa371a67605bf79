//! [hyper] transport for [`plex_auth_core`].
//!
//! [`HyperTransport`] implements [`plex_auth_core::Transport`] over hyper-util's legacy
//! [`Client`](hyper_util::client::legacy::Client), generic over its connector: it sends the core's
//! [`http::Request`], collects the response body into [`bytes::Bytes`] under a size cap, and maps
//! failures to [`TransportError`](plex_auth_core::TransportError). Status codes are judged by the
//! core, so a 401 comes back as an ordinary response.
//!
//! [`HyperTransport::http`] (plain HTTP) and [`HyperTransport::https`] (feature `rustls`) give
//! the safe defaults:
//! - connect timeout [`DEFAULT_CONNECT_TIMEOUT`] (5 s), set on the `HttpConnector`;
//! - whole-request timeout [`DEFAULT_TIMEOUT`] (30 s) with tokio's timer, covering connect, send
//!   and reading the whole body, so a server that stalls mid-body cannot hang the caller;
//! - response bodies capped at [`DEFAULT_MAX_BODY_BYTES`] (4 MiB); a larger body fails with
//!   [`TransportErrorKind::BodyTooLarge`](plex_auth_core::TransportErrorKind::BodyTooLarge).
//!
//! hyper's legacy client never follows redirects: a 3xx is returned as it is, so the
//! `X-Plex-Token` header is never sent to another host.
//!
//! The transport needs a tokio runtime with its time driver (`#[tokio::main]` or
//! `Builder::enable_time`), for the timeout and for hyper-util's `TokioExecutor`.
//!
//! ```no_run
//! use plex_auth_core::{Client, ClientConfig};
//! use plex_auth_hyper::HyperTransport;
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let config = ClientConfig::builder()
//!     .client_identifier("3381b62b-9ab7-4e37-827b-203e9809eb58")
//!     .server_url("http://192.0.2.10:32400")
//!     .token("my-token")
//!     .build()?;
//! let transport = HyperTransport::http().with_timeout(std::time::Duration::from_secs(10));
//! let client = Client::new(config, transport);
//! let _transient = client.get_transient_token().await?;
//! # Ok(())
//! # }
//! ```
//!
//! # Features
//!
//! - `rustls` (default): [`HyperTransport::https`], through hyper-rustls with the ring provider
//!   and the bundled webpki (Mozilla) root certificates. Pure Rust plus C compiled by `cc`: no
//!   system library, no cmake. Without it, bring any connector via
//!   `HyperTransport::from(client)`.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
// Links to feature-gated items resolve in the documented (all-features) build only.
#![cfg_attr(not(feature = "rustls"), allow(rustdoc::broken_intra_doc_links))]

mod error;
mod timer;
mod transport;

pub use timer::TokioTimer;
pub use transport::HyperTransport;

/// The defaults every adapter shares, defined once in the core.
pub use plex_auth_core::transport::{DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT};
