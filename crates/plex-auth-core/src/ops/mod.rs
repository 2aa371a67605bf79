//! One type per Plex operation, each with its request encoding and response decoding side by side.

mod create_pin;
mod exchange_device_jwt;
mod get_nonce;
mod get_pin;
mod get_plex_keys;
mod identity;
mod link_pin;
mod ping;
mod register_device_key;
mod resources;
mod route;
mod sign_in;
mod sign_out;
mod source_info;
mod token_details;
mod transient_token;

pub use create_pin::CreatePin;
pub use exchange_device_jwt::ExchangeDeviceJwt;
pub use get_nonce::GetNonce;
pub use get_pin::GetPin;
pub use get_plex_keys::GetPlexKeys;
pub use identity::GetServerIdentity;
pub use link_pin::LinkPin;
pub use ping::Ping;
pub use register_device_key::RegisterDeviceKey;
pub use resources::GetResources;
pub use route::{Host, RequestBody, Route};
pub use sign_in::PostUsersSignInData;
pub use sign_out::SignOut;
pub use source_info::GetSourceConnectionInformation;
pub use token_details::GetTokenDetails;
pub use transient_token::{GetTransientToken, TransientTokenMethod};

use crate::config::{ClientConfig, X_PLEX_TOKEN, token_header};
use crate::decode::macros::plex_model;
use crate::error::Error;
use crate::models::SourceConnectionInformation;
use crate::secret::Secret;
use crate::transport::{HttpRequest, HttpResponse};
use bytes::Bytes;
use http::header::{ACCEPT, CONTENT_TYPE};
use http::{HeaderName, HeaderValue, Method};
use secrecy::ExposeSecret;

/// One Plex operation, sans-IO: build its request, decode its response.
///
/// Both methods are public so any HTTP client can do the sending.
pub trait Endpoint {
    /// What a successful response decodes to.
    type Output;

    /// Builds the request for `cfg`. Fails only on invalid inputs, naming the field.
    fn to_request(&self, cfg: &ClientConfig) -> Result<HttpRequest, Error>;

    /// Decodes the response: the output on success, `Error::Api` for a non-2xx status,
    /// `Error::Decode` for a 2xx body that cannot be used.
    #[allow(clippy::wrong_self_convention)] // the sans-IO contract names it so (DESIGN.md §4)
    fn from_response(&self, resp: HttpResponse) -> Result<Self::Output, Error>;
}

plex_model! {
    /// `{"MediaContainer": {...}}`: how the PMS wraps every answer.
    pub struct PmsEnvelope {
        /// The container.
        "MediaContainer" => media_container: MediaContainer,
    }
}

plex_model! {
    /// The parts of a PMS `MediaContainer` that the operations read, decoded by the same policy
    /// as every model (repeated keys, drifted values).
    pub struct MediaContainer {
        /// How many items it holds. Read by no operation: named so that the field every
        /// container carries is skipped instead of kept in `extra`, which no caller sees.
        "size" => size: serde_json::Value,
        /// `GET /security/token`'s transient token.
        "token" => token: Secret,
        /// `GET /security/resources`'s device (an object or a list).
        "Device" => device: Vec<SourceConnectionInformation>,
    }
}

/// Checks a token a server handed out before the caller can save or send it.
pub(crate) fn check_token(token: &Secret) -> Result<(), &'static str> {
    crate::config::check_token(token.expose_secret())
}

/// Decodes a PMS JSON answer and returns its container (empty when there is none).
pub(crate) fn media_container(route: &Route, resp: &HttpResponse) -> Result<MediaContainer, Error> {
    Ok(crate::decode::decode_json::<PmsEnvelope>(route, resp)?.media_container.unwrap_or_default())
}

/// The `Content-Type` of a form body.
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// Characters left as they are in a query value: RFC 3986 unreserved.
const QUERY_VALUE: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes `value` for use in a query string.
pub(crate) fn encode_query_value(value: &str) -> percent_encoding::PercentEncode<'_> {
    percent_encoding::utf8_percent_encode(value, QUERY_VALUE)
}

/// The token an operation sends: its own override, else the config's, else an error.
pub(crate) fn require_token<'a>(own: Option<&'a Secret>, cfg: &'a ClientConfig) -> Result<&'a Secret, Error> {
    own.or(cfg.token())
        .ok_or_else(|| Error::invalid("X-Plex-Token", "no token configured for an operation that needs one"))
}

/// The `Content-Type` of a JSON body.
pub const JSON_CONTENT_TYPE: &str = "application/json";

/// Assembles a request with `Accept: application/json`, the identity headers, the token if any,
/// and `body` with its content type.
pub(crate) fn build_request(
    cfg: &ClientConfig,
    method: Method,
    url: String,
    token: Option<&Secret>,
    body: RequestBody,
) -> Result<HttpRequest, Error> {
    let uri: http::Uri = url.parse().map_err(|e| Error::invalid("url", format!("{e}")))?;
    let (bytes, content_type) = match body {
        RequestBody::Empty => (Bytes::new(), None),
        RequestBody::Form(form) => (Bytes::from(form), Some(FORM_CONTENT_TYPE)),
        RequestBody::Json(value) => (Bytes::from(value.to_string()), Some(JSON_CONTENT_TYPE)),
    };
    let mut req = http::Request::new(bytes);
    *req.method_mut() = method;
    *req.uri_mut() = uri;
    let headers = req.headers_mut();
    headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
    for (name, value) in cfg.identity_headers() {
        headers.insert(name.clone(), value.clone());
    }
    if let Some(token) = token {
        headers.insert(HeaderName::from_static(X_PLEX_TOKEN), token_header(token)?);
    }
    if let Some(content_type) = content_type {
        req.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    }
    Ok(req)
}
