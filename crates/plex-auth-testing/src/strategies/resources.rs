//! Servers and how to reach them: source connection information, resources, identities.

use super::json::{extra, open_str, secret};
use super::text::{non_blank, text};
use plex_auth_core::*;
use proptest::collection::vec;
use proptest::option::of as opt;
use proptest::prelude::*;

/// A connection of a source's device (`GET /security/resources`).
pub fn connection() -> BoxedStrategy<Connection> {
    (
        opt(text()),
        opt(text()),
        opt(any::<u16>()),
        opt(text()),
        opt(any::<bool>()),
        opt(any::<bool>()),
        extra(Connection::FIELDS),
    )
        .prop_map(|(uri, address, port, protocol, local, relay, extra)| Connection {
            uri,
            address,
            port,
            protocol,
            local,
            relay,
            extra,
        })
        .boxed()
}

/// Source connection information: a device, its access token and connections.
pub fn source_info() -> BoxedStrategy<SourceConnectionInformation> {
    (opt(secret()), opt(text()), opt(text()), opt(vec(connection(), 0..4)), extra(SourceConnectionInformation::FIELDS))
        .prop_map(|(access_token, client_identifier, name, connections, extra)| SourceConnectionInformation {
            access_token,
            client_identifier,
            name,
            connections,
            extra,
        })
        .boxed()
}

/// A connection of a resource (`GET /resources`): protocol, address, port, URI, flags.
pub fn resource_connection() -> BoxedStrategy<ResourceConnection> {
    (
        opt(open_str::<ConnectionProtocol>(&["http", "https"])),
        opt(text()),
        opt(any::<u16>()),
        opt(text()),
        opt(any::<bool>()),
        opt(any::<bool>()),
        opt(any::<bool>()),
        extra(ResourceConnection::FIELDS),
    )
        .prop_map(|(protocol, address, port, uri, local, relay, ipv6, extra)| ResourceConnection {
            protocol,
            address,
            port,
            uri,
            local,
            relay,
            ipv6,
            extra,
        })
        .boxed()
}

/// A resource (`GET /resources`): a server or client with its connections and access token.
pub fn resource() -> BoxedStrategy<Resource> {
    (
        (opt(text()), opt(text()), opt(text()), opt(text()), opt(text()), opt(text())),
        (opt(text()), opt(text()), opt(text()), opt(text()), opt(any::<i64>()), opt(text())),
        (opt(text()), opt(secret()), opt(any::<bool>()), opt(any::<bool>()), opt(any::<bool>()), opt(any::<bool>())),
        (opt(any::<bool>()), opt(any::<bool>()), opt(any::<bool>()), opt(any::<bool>()), opt(any::<bool>())),
        (opt(vec(resource_connection(), 0..4)), extra(Resource::FIELDS)),
    )
        .prop_map(
            |(
                (name, product, product_version, platform, platform_version, device),
                (client_identifier, created_at, last_seen_at, provides, owner_id, source_title),
                (public_address, access_token, owned, home, synced, relay),
                (presence, https_required, public_address_matches, dns_rebinding_protection, nat_loopback_supported),
                (connections, extra),
            )| Resource {
                name,
                product,
                product_version,
                platform,
                platform_version,
                device,
                client_identifier,
                created_at,
                last_seen_at,
                provides,
                owner_id,
                source_title,
                public_address,
                access_token,
                owned,
                home,
                synced,
                relay,
                presence,
                https_required,
                public_address_matches,
                dns_rebinding_protection,
                nat_loopback_supported,
                connections,
                extra,
            },
        )
        .boxed()
}

/// A server's identity (`GET /identity`); the machine identifier is always there.
pub fn server_identity() -> BoxedStrategy<ServerIdentity> {
    (non_blank(), opt(text()), opt(any::<bool>()), extra(ServerIdentity::FIELDS))
        .prop_map(|(id, version, claimed, extra)| ServerIdentity {
            machine_identifier: Some(id),
            version,
            claimed,
            extra,
        })
        .boxed()
}
