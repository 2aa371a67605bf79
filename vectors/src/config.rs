//! A case's client configuration as JSON.

use crate::VectorError;
use plex_auth_core::ClientConfig;
use serde::{Deserialize, Serialize};

/// The configuration a case builds its request with: `client_identifier`, then optional identity
/// headers (`X-Plex-Product` is `product`, and so on), base URLs and the token. Absent fields take
/// the core's defaults (`https://plex.tv/api/v2`; clients.plex.tv follows an overridden plex.tv).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)] // each field is the builder method of the same name
pub struct VectorConfig {
    pub client_identifier: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_vendor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marketplace: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plex_tv_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clients_plex_tv_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}

impl VectorConfig {
    /// A config with only `client_identifier`.
    pub fn id(client_identifier: &str) -> Self {
        Self { client_identifier: client_identifier.to_owned(), ..Self::default() }
    }

    /// Builds the core's [`ClientConfig`] from it.
    pub fn build(&self) -> Result<ClientConfig, VectorError> {
        let mut b = ClientConfig::builder().client_identifier(self.client_identifier.clone());
        let set =
            |b: plex_auth_core::ClientConfigBuilder,
             value: &Option<String>,
             f: fn(plex_auth_core::ClientConfigBuilder, String) -> plex_auth_core::ClientConfigBuilder| {
                match value {
                    Some(v) => f(b, v.clone()),
                    None => b,
                }
            };
        b = set(b, &self.product, |b, v| b.product(v));
        b = set(b, &self.version, |b, v| b.version(v));
        b = set(b, &self.platform, |b, v| b.platform(v));
        b = set(b, &self.platform_version, |b, v| b.platform_version(v));
        b = set(b, &self.device, |b, v| b.device(v));
        b = set(b, &self.device_name, |b, v| b.device_name(v));
        b = set(b, &self.model, |b, v| b.model(v));
        b = set(b, &self.device_vendor, |b, v| b.device_vendor(v));
        b = set(b, &self.marketplace, |b, v| b.marketplace(v));
        b = set(b, &self.server_url, |b, v| b.server_url(v));
        b = set(b, &self.plex_tv_url, |b, v| b.plex_tv_url(v));
        b = set(b, &self.clients_plex_tv_url, |b, v| b.clients_plex_tv_url(v));
        b = set(b, &self.token, |b, v| b.token(v));
        b.build().map_err(|e| VectorError::new(format!("config: {e}")))
    }
}
