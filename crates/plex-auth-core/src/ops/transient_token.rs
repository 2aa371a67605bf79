//! `getTransientToken`: a temporary token from a Plex Media Server (`/security/token`).

use super::{Endpoint, MediaContainer, build_request, require_token};
use crate::config::ClientConfig;
use crate::decode::{BodyKind, LenientValue, decode_json, expect_success, xml};
use crate::error::{DecodeReason, Error};
use crate::secret::Secret;
use crate::transport::{HttpRequest, HttpResponse};
use http::Method;
use serde::Deserialize;

const ROUTE: &str = "/security/token";
const QUERY: &str = "type=delegation&scope=all";

/// Which HTTP method asks for the transient token.
///
/// The PMS "responds to all HTTP verbs"; spec 1.1.1 prefers POST, spec 0.0.3 and most clients
/// use GET. GET is the default because every server version accepts it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TransientTokenMethod {
    /// `GET /security/token`.
    #[default]
    Get,
    /// `POST /security/token`.
    Post,
}

/// Asks the PMS for a transient token with the caller's access level (valid up to 48 hours,
/// gone when the server restarts). Output: the token.
#[derive(Debug, Clone, Default)]
pub struct GetTransientToken {
    method: TransientTokenMethod,
    token: Option<Secret>,
}

impl GetTransientToken {
    /// A request with the default method (GET) and the config's token.
    pub fn new() -> Self {
        Self::default()
    }

    /// Uses `method` instead of GET.
    pub fn method(mut self, method: TransientTokenMethod) -> Self {
        self.method = method;
        self
    }

    /// Authenticates with `token` instead of the config's.
    pub fn with_token(mut self, token: impl Into<Secret>) -> Self {
        self.token = Some(token.into());
        self
    }
}

#[derive(Deserialize)]
struct Container {
    /// Lenient: a numeric token is still a token, and a type error must not echo its value.
    token: Option<LenientValue<Secret>>,
}

impl Endpoint for GetTransientToken {
    type Output = Secret;

    fn to_request(&self, cfg: &ClientConfig) -> Result<HttpRequest, Error> {
        let url = cfg.require_server_url()?.join(ROUTE, Some(QUERY));
        let method = match self.method {
            TransientTokenMethod::Get => Method::GET,
            TransientTokenMethod::Post => Method::POST,
        };
        build_request(cfg, method, url, Some(require_token(self.token.as_ref(), cfg)?), None)
    }

    fn from_response(&self, resp: HttpResponse) -> Result<Secret, Error> {
        let route = match self.method {
            TransientTokenMethod::Get => "GET /security/token",
            TransientTokenMethod::Post => "POST /security/token",
        };
        let resp = expect_success(route, resp, true)?;
        let token = match BodyKind::of(&resp) {
            BodyKind::Xml => {
                let root = xml::parse(resp.body())
                    .map_err(|e| crate::decode::decode_error(route, &resp, DecodeReason::Xml(e)))?;
                root.attr("token").map(Secret::new)
            }
            _ => decode_json::<MediaContainer<Container>>(route, &resp)?
                .media_container
                .and_then(|c| c.token)
                .map(|t| t.0),
        };
        token.filter(|t| !t.is_empty()).ok_or_else(|| {
            crate::decode::decode_error(route, &resp, DecodeReason::MissingField("MediaContainer.token"))
        })
    }
}
