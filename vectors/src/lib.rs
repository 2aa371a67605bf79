//! Language-neutral test vectors for plex-auth.
//!
//! The cases are data ([`request_cases`], [`decoding_cases`]): a configuration, an operation
//! name and its parameters as JSON, and for decoding cases a response. [`dispatch`] maps those
//! language-neutral inputs to the core's operations; [`generate`] runs every case through the
//! core and renders the JSON files under `vectors/` (`requests/<case>.json`,
//! `decoding/<case>.json`). The `plex-auth-vectors` binary writes them (`write`) or fails when
//! the committed ones are stale (`check`); `tests/vectors.rs` reads every committed file back and
//! checks the core against it, so the files are the one source of truth for the golden and
//! decoding cases. See `vectors/README.md` for the format.

mod cases;
mod config;
pub mod dispatch;
mod files;
mod render;
mod secrets;

pub use cases::{DecodingCase, RequestCase, VectorResponse, decoding_cases, request_cases};
pub use config::VectorConfig;
pub use files::{FileDiff, check, generate, stale_files};
pub use render::{error_summary, request_expectation};
pub use secrets::secrets_of;

use std::fmt;

/// Why a case could not be turned into a request, a response or a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VectorError(pub String);

impl VectorError {
    /// An error saying `message`.
    pub fn new(message: impl Into<String>) -> Self {
        Self(message.into())
    }
}

impl fmt::Display for VectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for VectorError {}
