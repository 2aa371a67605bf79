//! proptest strategies for Plex authentication data, for property-testing code built on
//! `plex-auth-core` (feature `proptest`).
//!
//! They are the generators this workspace's own property tests use: valid client inputs and
//! configurations, every model with unknown fields and unknown enum values at every level,
//! account JSON as plex.tv drifts it, Plex error bodies in JSON and XML, and whole responses.
//! Models serialize to the JSON Plex sends, so `serde_json::to_vec(&account)` is a realistic
//! body for a response strategy of your own.
//!
//! ```
//! use plex_auth_core::{Endpoint, GetTokenDetails};
//! use plex_auth_testing::{json_response, strategies};
//! use proptest::prelude::*;
//!
//! proptest!(|(account in strategies::account())| {
//!     let decoded = GetTokenDetails::new().from_response(json_response(200, &account)).unwrap();
//!     prop_assert_eq!(decoded, account);
//! });
//! ```

mod account;
mod config;
mod drift;
mod json;
mod jwt;
mod pin;
mod resources;
mod responses;
mod text;

pub use account::{account, billing, past_subscription, profile, service, subscription};
pub use config::{ConfigInputs, OPTIONAL_HEADERS, client_config, config_inputs};
pub use drift::{DriftedAccount, drifted_account};
pub use json::{extra, json_value, non_null_value, secret, strings};
pub use jwt::{jwk, jwk_set, jwt_user, plex_jwt_claims};
pub use pin::{nonce_answer, pin, token_answer};
pub use resources::{connection, resource, resource_connection, server_identity, source_info};
pub use responses::{body, content_type, error_body_json, error_body_xml, error_code, error_message, make_response};
pub use text::{base_url, client_identifier, header_text, non_blank, source, text, token};

/// Cases per property in this workspace's tests: enough to find drift, small enough that the
/// suite stays fast.
pub const CASES: u32 = 256;
