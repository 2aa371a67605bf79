//! What `GET /identity` on a Plex Media Server returns.

use crate::decode::macros::plex_model;

plex_model! {
    /// What `GET /identity` on a Plex Media Server answers (its `MediaContainer`): who the
    /// server is. Check `machine_identifier` against the resource's `client_identifier` before
    /// trusting a connection: a LAN address can belong to another server.
    pub struct ServerIdentity {
        /// The server's machine identifier (always present in a decoded answer).
        "machineIdentifier" => machine_identifier: String,
        /// The server version.
        "version" => version: String,
        /// True when the server is claimed by an account.
        "claimed" => claimed: bool,
    }
}
