//! Linking a 4-character PIN from an account that is already signed in
//! (`PUT {plex.tv}/pins/link`, form `code=...`, 204).

use super::{Endpoint, Host, RequestBody, Route, build_request, require_token};
use crate::config::ClientConfig;
use crate::decode::expect_success;
use crate::error::Error;
use crate::secret::Secret;
use crate::transport::{HttpRequest, HttpResponse};
use http::{HeaderValue, Method};
use secrecy::ExposeSecret;

const ROUTE: Route = Route::new("PUT /pins/link", Host::PlexTv, "/pins/link");

/// Approves the short PIN `code` that another device shows (as `plex.tv/link` does), with this
/// client's token. Plex expects `X-Plex-Product: Plex SSO` on this route. Output: nothing.
#[derive(Debug, Clone)]
pub struct LinkPin {
    code: Secret,
    token: Option<Secret>,
}

impl LinkPin {
    /// Links `code` (4 characters, as shown by the other device).
    pub fn new(code: impl Into<Secret>) -> Self {
        Self { code: code.into(), token: None }
    }

    /// Authenticates with `token` instead of the config's.
    pub fn with_token(mut self, token: impl Into<Secret>) -> Self {
        self.token = Some(token.into());
        self
    }
}

impl Endpoint for LinkPin {
    type Output = ();

    fn to_request(&self, cfg: &ClientConfig) -> Result<HttpRequest, Error> {
        let code = self.code.expose_secret().trim();
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(Error::invalid("code", "must be the letters and digits the other device shows"));
        }
        let form = form_urlencoded::Serializer::new(String::new()).append_pair("code", code).finish();
        let token = require_token(self.token.as_ref(), cfg)?;
        let mut req = build_request(cfg, Method::PUT, ROUTE.url(cfg, None)?, Some(token), RequestBody::Form(form))?;
        req.headers_mut().insert("X-Plex-Product", HeaderValue::from_static("Plex SSO"));
        Ok(req)
    }

    fn from_response(&self, resp: HttpResponse) -> Result<(), Error> {
        expect_success(&ROUTE, resp).map(|_| ())
    }
}
