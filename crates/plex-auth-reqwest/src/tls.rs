//! The rustls setup both transports hand reqwest (feature `rustls`).
//!
//! # Why a preconfigured ring `ClientConfig`, not reqwest's own `rustls` feature
//!
//! reqwest 0.13 renamed `rustls-tls` to `rustls`, and that feature now brings the aws-lc-rs
//! crypto provider and `rustls-platform-verifier` (the system's roots). We turn on reqwest's
//! `rustls-no-provider` instead and pass it, through `tls_backend_preconfigured`, a
//! `rustls::ClientConfig` built here with the ring provider and the bundled webpki (Mozilla) roots:
//!
//! - **the build stays light**: ring is Rust plus a little C compiled by `cc`; aws-lc-sys is
//!   ~70 MB of C that falls back to cmake on platforms its `cc` build does not cover and needs
//!   nasm on Windows x86. `plex-auth-hyper` already uses ring, so the workspace keeps one crypto
//!   library;
//! - **nothing changes for our users**: the same provider, the same roots, TLS 1.2 and 1.3, and
//!   ALPN `http/1.1` (HTTP/2 is off), exactly what reqwest 0.12's `rustls-tls` gave us;
//! - **no process-wide state**: with `rustls-no-provider`, reqwest would otherwise use the
//!   process's default `CryptoProvider` and panic when none is installed. Installing one from a
//!   library would change every other rustls user in the program, so the provider travels inside
//!   each client's config instead.
//!
//! The config is only passed when `native-tls` is off: with both features on, reqwest's default,
//! native-tls, is kept, as it was with 0.12.

use std::sync::Arc;

use plex_auth_core::{TransportError, TransportErrorKind};

/// A rustls client config with the ring provider, the webpki roots, TLS 1.2 and 1.3, and ALPN
/// `http/1.1`.
// Unused with `native-tls` on (reqwest's native-tls is kept then), but still compiled, so that the
// all-features clippy run checks it.
#[cfg_attr(feature = "native-tls", allow(dead_code))]
pub(crate) fn client_config() -> Result<rustls::ClientConfig, TransportError> {
    let roots = rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
    let mut config = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .map_err(|e| TransportError::with_source(TransportErrorKind::Other, e))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    // reqwest sets ALPN only on configs it builds itself; this is what it offered with HTTP/2 off.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}
