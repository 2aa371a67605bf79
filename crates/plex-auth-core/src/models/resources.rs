//! What `GET {clients.plex.tv}/resources` returns: the account's devices (servers, players,
//! ...) with the token to use on each server and the connections it can be reached at.

use crate::decode::macros::{open_enum, plex_model};
use crate::secret::Secret;

open_enum! {
    /// The scheme of a resource connection (`connections[].protocol`).
    pub enum ConnectionProtocol: str {
        /// Plain HTTP.
        Http = "http",
        /// HTTPS (usually a `*.plex.direct` name).
        Https = "https",
    }
}

plex_model! {
    /// One way to reach a resource (`connections[]`).
    pub struct ResourceConnection {
        /// `http` or `https`.
        "protocol" => protocol: ConnectionProtocol,
        /// The IP address or host name.
        "address" => address: String,
        /// The port.
        "port" => port: u16,
        /// The full URI, e.g. `https://10-0-0-5.abc.plex.direct:32400`.
        "uri" => uri: String,
        /// True for an address on the server's LAN (prefer these).
        "local" => local: bool,
        /// True for a connection relayed by Plex (a last resort: bandwidth is limited).
        "relay" => relay: bool,
        /// True for an IPv6 address.
        "IPv6" => ipv6: bool,
    }
}

plex_model! {
    /// A device of the account, as `GET /resources` lists it: a server, a player, a client.
    pub struct Resource {
        /// The device's name.
        "name" => name: String,
        /// The product, e.g. `Plex Media Server`.
        "product" => product: String,
        /// The product version.
        "productVersion" => product_version: String,
        /// The platform, e.g. `Linux`.
        "platform" => platform: String,
        /// The platform version.
        "platformVersion" => platform_version: String,
        /// The device kind, e.g. `Docker Container`.
        "device" => device: String,
        /// The client identifier (a server's machine identifier).
        "clientIdentifier" => client_identifier: String,
        /// When the device was registered (ISO 8601 date-time).
        "createdAt" => created_at: String,
        /// When the device was last seen (ISO 8601 date-time).
        "lastSeenAt" => last_seen_at: String,
        /// What it provides, comma-separated (`server`, `client,player`, ...): see [`Resource::provides`].
        "provides" => provides: String,
        /// The owner's account id; absent or null when the requesting account owns it.
        "ownerId" => owner_id: i64,
        /// The owner's name, for a shared device.
        "sourceTitle" => source_title: String,
        /// The public address the device was last seen from.
        "publicAddress" => public_address: String,
        /// The token to use on this server (a secret); absent for some shared or non-server devices.
        "accessToken" => access_token: Secret,
        /// True when the requesting account owns the device.
        "owned" => owned: bool,
        /// True for a device of the Plex Home.
        "home" => home: bool,
        /// True for a synced device.
        "synced" => synced: bool,
        /// True when the device can be reached through Plex's relay.
        "relay" => relay: bool,
        /// True when the device is online.
        "presence" => presence: bool,
        /// True when the server accepts HTTPS connections only.
        "httpsRequired" => https_required: bool,
        /// True when the public address matches the requester's.
        "publicAddressMatches" => public_address_matches: bool,
        /// True when the server's network has DNS-rebinding protection (`*.plex.direct` may fail).
        "dnsRebindingProtection" => dns_rebinding_protection: bool,
        /// True when the router supports NAT loopback.
        "natLoopbackSupported" => nat_loopback_supported: bool,
        /// How to reach it.
        "connections" => connections: Vec<ResourceConnection>,
    }
}

impl Resource {
    /// The connections, empty when none were listed: `for c in resource.connections() { .. }`.
    pub fn connections(&self) -> &[ResourceConnection] {
        self.connections.as_deref().unwrap_or_default()
    }

    /// What the device provides, one item each (`server`, `client`, `player`, ...), trimmed,
    /// empty items skipped; nothing when `provides` is absent.
    pub fn provides(&self) -> impl Iterator<Item = &str> {
        self.provides.as_deref().unwrap_or_default().split(',').map(str::trim).filter(|p| !p.is_empty())
    }

    /// True when the device provides `server` (a Plex Media Server).
    pub fn is_server(&self) -> bool {
        self.provides().any(|p| p == "server")
    }
}
