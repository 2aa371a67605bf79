//! Valid client configurations, with the inputs kept so a test can check what a request carries.

use super::text::{base_url, client_identifier, header_text, token};
use plex_auth_core::{ClientConfig, ClientConfigBuilder, Error};
use proptest::collection::vec;
use proptest::option::of as opt;
use proptest::prelude::*;

/// The optional identity headers, in the order of [`ConfigInputs::optional`].
pub const OPTIONAL_HEADERS: [&str; 9] = [
    "x-plex-product",
    "x-plex-version",
    "x-plex-platform",
    "x-plex-platform-version",
    "x-plex-device",
    "x-plex-device-name",
    "x-plex-model",
    "x-plex-device-vendor",
    "x-plex-marketplace",
];

/// The builder setter for each of [`OPTIONAL_HEADERS`].
const SETTERS: [fn(ClientConfigBuilder, String) -> ClientConfigBuilder; 9] = [
    |b, v| b.product(v),
    |b, v| b.version(v),
    |b, v| b.platform(v),
    |b, v| b.platform_version(v),
    |b, v| b.device(v),
    |b, v| b.device_name(v),
    |b, v| b.model(v),
    |b, v| b.device_vendor(v),
    |b, v| b.marketplace(v),
];

/// What a valid [`ClientConfig`] is built from.
#[derive(Debug, Clone)]
pub struct ConfigInputs {
    /// `X-Plex-Client-Identifier`: not blank, no control characters.
    pub client_identifier: String,
    /// A value or none for each of [`OPTIONAL_HEADERS`], in that order.
    pub optional: Vec<Option<String>>,
    /// The Plex Media Server base URL.
    pub server_url: String,
    /// The plex.tv base URL.
    pub plex_tv_url: String,
    /// The token, as `check_token` accepts it.
    pub token: String,
}

impl ConfigInputs {
    /// Builds the configuration (it always succeeds for inputs from [`config_inputs`]).
    pub fn build(&self) -> Result<ClientConfig, Error> {
        let mut builder = ClientConfig::builder()
            .client_identifier(self.client_identifier.clone())
            .server_url(self.server_url.clone())
            .plex_tv_url(self.plex_tv_url.clone())
            .token(self.token.clone());
        for (set, value) in SETTERS.iter().zip(&self.optional) {
            if let Some(value) = value {
                builder = set(builder, value.clone());
            }
        }
        builder.build()
    }
}

/// Inputs that build a valid configuration: any client identifier, optional headers and base
/// URLs the builder accepts.
pub fn config_inputs() -> impl Strategy<Value = ConfigInputs> {
    (client_identifier(), vec(opt(header_text()), OPTIONAL_HEADERS.len()), base_url(), base_url(), token()).prop_map(
        |(client_identifier, optional, server_url, plex_tv_url, token)| ConfigInputs {
            client_identifier,
            optional,
            server_url,
            plex_tv_url,
            token,
        },
    )
}

/// A valid configuration (see [`config_inputs`] to keep what it was built from).
pub fn client_config() -> impl Strategy<Value = ClientConfig> {
    config_inputs().prop_filter_map("valid inputs build a config", |inputs| inputs.build().ok())
}
