//! What `GET /security/resources` returns: a source's access token and connections.

use crate::decode::macros::plex_model;
use crate::secret::Secret;

plex_model! {
    /// One way to reach a source.
    pub struct Connection {
        /// Full URI, e.g. `https://10-0-0-5.abc.plex.direct:32400`.
        "uri" => uri: String,
        /// Address (IP or host).
        "address" => address: String,
        /// Port.
        "port" => port: u16,
        /// `http` or `https`.
        "protocol" => protocol: String,
        /// True for the server's LAN address.
        "local" => local: bool,
        /// True for a relayed connection.
        "relay" => relay: bool,
    }
}

plex_model! {
    /// Connection details and a token for a source known to the server (`MediaContainer.Device`).
    pub struct SourceConnectionInformation {
        /// Token for the source (a secret).
        "accessToken" => access_token: Secret,
        /// The source's client identifier.
        "clientIdentifier" => client_identifier: String,
        /// The source's name.
        "name" => name: String,
        /// How to reach it.
        "Connection" => connections: Vec<Connection>,
    }
}

impl SourceConnectionInformation {
    /// The connections, empty when the server listed none: `for c in info.connections() { .. }`.
    pub fn connections(&self) -> &[Connection] {
        self.connections.as_deref().unwrap_or_default()
    }
}
