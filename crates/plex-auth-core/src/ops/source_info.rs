//! `getSourceConnectionInformation`: a token and connections for a source known to the PMS
//! (`/security/resources?source=...`).

use super::{Endpoint, Host, RequestBody, Route, build_request, encode_query_value, media_container, require_token};
use crate::config::ClientConfig;
use crate::decode::{BodyKind, decode_error, decode_xml, expect_success, xml};
use crate::error::{DecodeReason, Error};
use crate::models::SourceConnectionInformation;
use crate::secret::Secret;
use crate::transport::{HttpRequest, HttpResponse};
use http::Method;
use serde::Deserialize;
use serde_json::{Map, Value};

const ROUTE: Route =
    Route::new("GET /security/resources", Host::Server, "/security/resources").forbidden_means_unauthorized();

/// Asks the PMS how to reach `source` (`server://<machine id>` or `provider://<id>`) and for a
/// token to use there. Needs an admin token or a transient token made from one.
#[derive(Debug, Clone)]
pub struct GetSourceConnectionInformation {
    source: String,
    refresh: bool,
    token: Option<Secret>,
}

impl GetSourceConnectionInformation {
    /// A request for `source`.
    pub fn new(source: impl Into<String>) -> Self {
        Self { source: source.into(), refresh: false, token: None }
    }

    /// Sends `refresh=1` to make the server refresh its information first.
    pub fn refresh(mut self, refresh: bool) -> Self {
        self.refresh = refresh;
        self
    }

    /// Authenticates with `token` (for example a transient token) instead of the config's.
    pub fn with_token(mut self, token: impl Into<Secret>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// The source asked about.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The query string this request sends.
    fn query(&self) -> String {
        let mut query = format!("source={}", encode_query_value(&self.source));
        if self.refresh {
            query.push_str("&refresh=1");
        }
        query
    }
}

/// An XML element's attributes as a JSON object, so XML goes through the same lenient model.
pub(super) fn attrs_to_json(element: &xml::Element) -> Map<String, Value> {
    let mut object = Map::new();
    for (k, v) in &element.attrs {
        // The first of a repeated attribute wins, as for JSON keys.
        object.entry(k.clone()).or_insert_with(|| Value::String(v.clone()));
    }
    object
}

fn from_xml(root: &xml::Element) -> Option<SourceConnectionInformation> {
    let device = if root.name == "Device" { root } else { root.children_named("Device").next()? };
    let mut object = attrs_to_json(device);
    let connections = device.children_named("Connection").map(|c| Value::Object(attrs_to_json(c))).collect();
    object.insert("Connection".into(), Value::Array(connections));
    // The model degrades per field, so only a non-object could fail here, and this is one.
    SourceConnectionInformation::deserialize(Value::Object(object)).ok()
}

impl Endpoint for GetSourceConnectionInformation {
    type Output = SourceConnectionInformation;

    fn to_request(&self, cfg: &ClientConfig) -> Result<HttpRequest, Error> {
        let scheme_ok = self.source.split_once("://").is_some_and(|(scheme, rest)| {
            !scheme.is_empty() && scheme.bytes().all(|b| b.is_ascii_alphanumeric()) && !rest.is_empty()
        });
        if !scheme_ok {
            return Err(Error::invalid(
                "source",
                "expected a source URI such as server://<machine id> or provider://<id>",
            ));
        }
        let url = ROUTE.url(cfg, Some(&self.query()))?;
        build_request(cfg, Method::GET, url, Some(require_token(self.token.as_ref(), cfg)?), RequestBody::Empty)
    }

    fn from_response(&self, resp: HttpResponse) -> Result<SourceConnectionInformation, Error> {
        let resp = expect_success(&ROUTE, resp)?;
        let device = match BodyKind::of(&resp) {
            BodyKind::Xml => from_xml(&decode_xml(&ROUTE, &resp)?),
            _ => media_container(&ROUTE, &resp)?.device.and_then(|devices| devices.into_iter().next()),
        };
        device.ok_or_else(|| decode_error(&ROUTE, &resp, DecodeReason::MissingField("MediaContainer.Device")))
    }
}
