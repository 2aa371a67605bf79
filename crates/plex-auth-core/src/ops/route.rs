//! The facts of each route in one constant next to its operation: its label, the host it goes
//! to, and what a 403 means there. The decode helpers take a [`Route`] instead of bool flags.

/// Which base URL a route is joined to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Host {
    /// `plex.tv/api/v2` ([`ClientConfig::plex_tv_url`](crate::ClientConfig::plex_tv_url)).
    PlexTv,
    /// `clients.plex.tv/api/v2` ([`ClientConfig::clients_plex_tv_url`](crate::ClientConfig::clients_plex_tv_url)).
    ClientsPlexTv,
    /// The configured Plex Media Server ([`ClientConfig::server_url`](crate::ClientConfig::server_url)).
    Server,
    /// A URL given to the operation itself (a connection being probed).
    Given,
}

/// One route's facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// Method and path as errors name it, e.g. `GET /user`.
    pub label: &'static str,
    /// The path joined to the host's base URL, e.g. `/user`.
    pub path: &'static str,
    /// Where it goes.
    pub host: Host,
    /// True where a 403 means "invalid or no token" (the PMS `/security/*` routes, as Plex
    /// documents; plex.tv's ping and sign-out, where only 401/403/422 reject a token), so that
    /// [`Error::is_unauthorized`](crate::Error::is_unauthorized) holds for it.
    pub forbidden_means_unauthorized: bool,
}

impl Route {
    /// A route to `path` on `host`, named `label` in errors, where 403 means what it says.
    pub const fn new(label: &'static str, host: Host, path: &'static str) -> Self {
        Self { label, path, host, forbidden_means_unauthorized: false }
    }

    /// The same route, with 403 meaning "invalid or no token".
    pub const fn forbidden_means_unauthorized(mut self) -> Self {
        self.forbidden_means_unauthorized = true;
        self
    }
}

impl Route {
    /// The URL of this route for `cfg`, with `query` when given. [`Host::Given`] routes have no
    /// base in the config: their operations build the URL themselves.
    pub fn url(&self, cfg: &crate::ClientConfig, query: Option<&str>) -> Result<String, crate::Error> {
        let base = match self.host {
            Host::PlexTv => cfg.plex_tv_url(),
            Host::ClientsPlexTv => cfg.clients_plex_tv_url(),
            Host::Server => cfg.require_server_url()?,
            Host::Given => {
                return Err(crate::Error::invalid("url", "this route is joined to a URL the operation names"));
            }
        };
        Ok(base.join(self.path, query))
    }
}

/// A request body: Plex routes take none, a form, or (the JWT routes) JSON.
#[derive(Debug, Clone, PartialEq)]
pub enum RequestBody {
    /// No body.
    Empty,
    /// `application/x-www-form-urlencoded`, already encoded.
    Form(String),
    /// `application/json`.
    Json(serde_json::Value),
}
