//! `get-server-resources`: the account's devices, each server with its own access token and
//! connections (`GET {clients.plex.tv}/resources?includeHttps=1&includeRelay=1&includeIPv6=1`).

use super::source_info::attrs_to_json;
use super::{Endpoint, Host, RequestBody, Route, build_request, require_token};
use crate::config::ClientConfig;
use crate::decode::{BodyKind, Field, Lenient, decode_json, decode_xml, expect_success, xml};
use crate::error::Error;
use crate::models::Resource;
use crate::secret::Secret;
use crate::transport::{HttpRequest, HttpResponse};
use http::Method;
use serde::Deserialize;
use serde::de::{self, Deserializer};
use serde_json::Value;

const ROUTE: Route = Route::new("GET /resources", Host::ClientsPlexTv, "/resources");

/// Lists the account's devices (Plex Media Servers, players, clients). Output: every device
/// that decodes, in the server's order; pick servers with [`Resource::is_server`] and use each
/// server's [`access_token`](Resource::access_token) on it, not the plex.tv token.
///
/// HTTPS, relay and IPv6 connections are asked for by default; each can be left out.
#[derive(Debug, Clone)]
pub struct GetResources {
    include_https: bool,
    include_relay: bool,
    include_ipv6: bool,
    token: Option<Secret>,
}

impl Default for GetResources {
    fn default() -> Self {
        Self { include_https: true, include_relay: true, include_ipv6: true, token: None }
    }
}

impl GetResources {
    /// A request for every kind of connection, with the config's token.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sends `includeHttps=1` (the default) or `0`.
    pub fn include_https(mut self, include: bool) -> Self {
        self.include_https = include;
        self
    }

    /// Sends `includeRelay=1` (the default) or `0`.
    pub fn include_relay(mut self, include: bool) -> Self {
        self.include_relay = include;
        self
    }

    /// Sends `includeIPv6=1` (the default) or `0`.
    pub fn include_ipv6(mut self, include: bool) -> Self {
        self.include_ipv6 = include;
        self
    }

    /// Authenticates with `token` instead of the config's.
    pub fn with_token(mut self, token: impl Into<Secret>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// The query string this request sends.
    fn query(&self) -> String {
        let flag = |on: bool| if on { '1' } else { '0' };
        format!(
            "includeHttps={}&includeRelay={}&includeIPv6={}",
            flag(self.include_https),
            flag(self.include_relay),
            flag(self.include_ipv6)
        )
    }
}

/// The JSON answer, a list of devices: every item that is a device is kept, one bad item never
/// costs the others (a single object counts as a one-item list, as everywhere).
struct ResourceList(Vec<Resource>);

impl<'de> Deserialize<'de> for ResourceList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Field::<Vec<Resource>>::deserialize(d)?
            .value
            .map(ResourceList)
            .ok_or_else(|| de::Error::custom("expected a list of devices"))
    }
}

impl Lenient for ResourceList {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Self::deserialize(d)
    }
    fn deserialize_strict<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<Resource>::deserialize_strict(d).map(ResourceList)
    }
}

/// `<MediaContainer><Device ..><Connection ../></Device></MediaContainer>` (or one bare
/// `<Device>`), through the same lenient model as JSON.
fn from_xml(root: &xml::Element) -> Vec<Resource> {
    let devices: Vec<&xml::Element> =
        if root.name == "Device" { vec![root] } else { root.children_named("Device").collect() };
    devices
        .into_iter()
        .filter_map(|device| {
            let mut object = attrs_to_json(device);
            let connections = device.children_named("Connection").map(|c| Value::Object(attrs_to_json(c))).collect();
            object.insert("connections".into(), Value::Array(connections));
            // The model degrades per field, so only a non-object could fail here, and this is one.
            Resource::deserialize(Value::Object(object)).ok()
        })
        .collect()
}

impl Endpoint for GetResources {
    type Output = Vec<Resource>;

    fn to_request(&self, cfg: &ClientConfig) -> Result<HttpRequest, Error> {
        let url = ROUTE.url(cfg, Some(&self.query()))?;
        build_request(cfg, Method::GET, url, Some(require_token(self.token.as_ref(), cfg)?), RequestBody::Empty)
    }

    fn from_response(&self, resp: HttpResponse) -> Result<Vec<Resource>, Error> {
        let resp = expect_success(&ROUTE, resp)?;
        match BodyKind::of(&resp) {
            BodyKind::Xml => Ok(from_xml(&decode_xml(&ROUTE, &resp)?)),
            _ => decode_json::<ResourceList>(&ROUTE, &resp).map(|list| list.0),
        }
    }
}
