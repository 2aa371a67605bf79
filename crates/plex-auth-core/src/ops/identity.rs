//! `GET {uri}/identity` on a Plex Media Server: who answers at a connection. The probe of
//! connection choice: a LAN address can belong to another server, so compare the answer's
//! machine identifier with the resource's client identifier.

use super::source_info::attrs_to_json;
use super::{Endpoint, Host, RequestBody, Route, build_request};
use crate::config::{BaseUrl, ClientConfig};
use crate::decode::macros::plex_model;
use crate::decode::{BodyKind, decode_error, decode_json, decode_xml, expect_success};
use crate::error::{DecodeReason, Error};
use crate::models::ServerIdentity;
use crate::secret::Secret;
use crate::transport::{HttpRequest, HttpResponse};
use http::Method;
use serde::Deserialize;
use serde_json::Value;

const ROUTE: Route = Route::new("GET /identity", Host::Given, "/identity");

plex_model! {
    /// `{"MediaContainer": {...}}` of `/identity`.
    pub struct IdentityEnvelope {
        /// The container, which is the identity.
        "MediaContainer" => media_container: ServerIdentity,
    }
}

/// Asks the Plex Media Server at a given URL (a connection's `uri`) who it is. Needs no token;
/// [`with_token`](Self::with_token) sends one (a resource's access token) when wanted.
#[derive(Debug, Clone)]
pub struct GetServerIdentity {
    url: BaseUrl,
    token: Option<Secret>,
}

impl GetServerIdentity {
    /// A probe of the server at `url` (`http`/`https`, no credentials, query or fragment).
    pub fn new(url: &str) -> Result<Self, Error> {
        BaseUrl::parse("uri", url).map(Self::at)
    }

    /// A probe of the server at an already validated `url`.
    pub fn at(url: BaseUrl) -> Self {
        Self { url, token: None }
    }

    /// Sends `token` as `X-Plex-Token` (none is sent otherwise, not even the config's).
    pub fn with_token(mut self, token: impl Into<Secret>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// The server probed.
    pub fn url(&self) -> &BaseUrl {
        &self.url
    }
}

impl Endpoint for GetServerIdentity {
    type Output = ServerIdentity;

    fn to_request(&self, cfg: &ClientConfig) -> Result<HttpRequest, Error> {
        let url = self.url.join(ROUTE.path, None);
        build_request(cfg, Method::GET, url, self.token.as_ref(), RequestBody::Empty)
    }

    fn from_response(&self, resp: HttpResponse) -> Result<ServerIdentity, Error> {
        let resp = expect_success(&ROUTE, resp)?;
        let identity = match BodyKind::of(&resp) {
            BodyKind::Xml => {
                let root = decode_xml(&ROUTE, &resp)?;
                // The model degrades per field, so only a non-object could fail here, and this is one.
                (root.name == "MediaContainer")
                    .then(|| ServerIdentity::deserialize(Value::Object(attrs_to_json(&root))).ok())
                    .flatten()
            }
            _ => decode_json::<IdentityEnvelope>(&ROUTE, &resp)?.media_container,
        };
        match identity {
            Some(identity) if identity.machine_identifier.as_deref().is_some_and(|id| !id.trim().is_empty()) => {
                Ok(identity)
            }
            _ => Err(decode_error(&ROUTE, &resp, DecodeReason::MissingField("MediaContainer.machineIdentifier"))),
        }
    }
}
