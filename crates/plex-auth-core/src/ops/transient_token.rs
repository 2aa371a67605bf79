//! `getTransientToken`: a temporary token from a Plex Media Server (`/security/token`).

use super::{Endpoint, Host, RequestBody, Route, build_request, check_token, media_container, require_token};
use crate::config::ClientConfig;
use crate::decode::{BodyKind, decode_error, decode_xml, expect_success};
use crate::error::{DecodeReason, Error};
use crate::secret::Secret;
use crate::transport::{HttpRequest, HttpResponse};
use http::Method;

const GET: Route = Route::new("GET /security/token", Host::Server, "/security/token").forbidden_means_unauthorized();
const POST: Route = Route::new("POST /security/token", Host::Server, "/security/token").forbidden_means_unauthorized();
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

impl GetTransientToken {
    fn route(&self) -> Route {
        match self.method {
            TransientTokenMethod::Get => GET,
            TransientTokenMethod::Post => POST,
        }
    }
}

impl Endpoint for GetTransientToken {
    type Output = Secret;

    fn to_request(&self, cfg: &ClientConfig) -> Result<HttpRequest, Error> {
        let method = match self.method {
            TransientTokenMethod::Get => Method::GET,
            TransientTokenMethod::Post => Method::POST,
        };
        let url = self.route().url(cfg, Some(QUERY))?;
        build_request(cfg, method, url, Some(require_token(self.token.as_ref(), cfg)?), RequestBody::Empty)
    }

    fn from_response(&self, resp: HttpResponse) -> Result<Secret, Error> {
        let route = &self.route();
        let resp = expect_success(route, resp)?;
        // Lenient: a numeric token is still a token; an unusable one is an error naming the field.
        let token = match BodyKind::of(&resp) {
            BodyKind::Xml => decode_xml(route, &resp)?.attr("token").map(Secret::new),
            _ => media_container(route, &resp)?.token,
        };
        match token {
            Some(token) if !token.is_empty() => {
                check_token(&token).map_err(|reason| {
                    decode_error(route, &resp, DecodeReason::InvalidField { field: "MediaContainer.token", reason })
                })?;
                Ok(token)
            }
            _ => Err(decode_error(route, &resp, DecodeReason::MissingField("MediaContainer.token"))),
        }
    }
}
