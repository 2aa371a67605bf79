//! Realistic response bodies, compacted as the servers send them.

use bytes::Bytes;
use plex_auth_core::jwt::DeviceKey;
use serde_json::{Value, json};

/// A JSON value as compact bytes.
pub fn compact(value: &Value) -> Bytes {
    Bytes::from(serde_json::to_vec(value).unwrap())
}

fn fixture(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).unwrap()
}

/// The full account as plex.tv sends it: the API reference's §6.1 sign-in fixture (41 fields,
/// 59 subscription features, 20 services, one past subscription), 5,444 bytes compacted.
pub fn account() -> Bytes {
    compact(&fixture(include_bytes!("../../tests/fixtures/signin-201.json")))
}

/// A resources list of 20 devices with 4 connections each: the fixture's first device (a
/// server with local IPv4, local IPv6, remote and relay connections), with its name,
/// identifier and token varied per copy.
pub fn resources() -> Bytes {
    let devices = fixture(include_bytes!("../../tests/fixtures/resources-200.json"));
    let first = &devices[0];
    assert_eq!(first["connections"].as_array().map(Vec::len), Some(4));
    let list: Vec<Value> = (0..20)
        .map(|i| {
            let mut device = first.clone();
            device["name"] = json!(format!("Server {i:02}"));
            device["clientIdentifier"] = json!(format!("8276c3fa6bc24e44b347e19c71fbb98b9287c1{i:02}"));
            device["accessToken"] = json!(format!("Hg7FGK9xVGdWZRa_sj{i:02}"));
            device
        })
        .collect();
    compact(&Value::Array(list))
}

/// A PIN as `GET /pins/{id}` answers once the user approved it: the spec's example, with the
/// location block, a token and `newRegistration`.
pub fn pin() -> Bytes {
    compact(&json!({
        "id": 373040866, "code": "7RQZ", "product": "0", "trusted": false,
        "qr": "https://plex.tv/api/v2/pins/qr/7RQZ", "clientIdentifier": "9klpwueublnfbvlx95w83ah9",
        "location": {"code": "NL", "european_union_member": true, "continent_code": "EU",
                     "country": "The Netherlands", "city": "Breda", "time_zone": "Europe/Amsterdam",
                     "postal_code": 802, "in_privacy_restricted_country": true,
                     "in_privacy_restricted_region": true, "subdivisions": "North Brabant",
                     "coordinates": "51.5869, 4.7471"},
        "expiresIn": 876, "createdAt": "2024-07-16T17:03:05Z", "expiresAt": "2024-07-16T17:18:05Z",
        "authToken": "Hg7FGK9xVGdWZRa_sj76", "newRegistration": false
    }))
}

/// A transient token as a server's `/security/token` answers in JSON.
pub fn transient_token() -> Bytes {
    compact(&json!({"MediaContainer": {"size": 0, "token": "transient-9f8e7d6c5b4a39281706"}}))
}

/// A source's connection information (`/security/resources`): one device, two connections.
pub fn source_info() -> Bytes {
    compact(&json!({"MediaContainer": {"size": 1, "Device": [{
        "accessToken": "access-4c5d6e7f8a9b",
        "clientIdentifier": "546684a3d18ac5c39037360ec9ce900b7af9cc36",
        "name": "Living Room",
        "Connection": [
            {"uri": "http://192.168.1.10:32400", "address": "192.168.1.10", "port": 32400,
             "protocol": "http", "local": true, "relay": false},
            {"uri": "https://162-243-175-222.fc6b.plex.direct:8443", "address": "162.243.175.222",
             "port": 8443, "protocol": "https", "local": false, "relay": true}
        ]
    }]}}))
}

/// A server's `/identity`.
pub fn identity() -> Bytes {
    compact(&json!({"MediaContainer": {"size": 0, "claimed": true,
        "machineIdentifier": "8276c3fa6bc24e44b347e19c71fbb98b9287c1e9", "version": "1.50.7.9541-913b34e21"}}))
}

/// A nonce (`GET /auth/nonce`).
pub fn nonce() -> Bytes {
    compact(&json!({"nonce": "7c415b56-8f48-488a-98ab-847ef4460442"}))
}

/// The token a device JWT is exchanged for (`POST /auth/token`): a Plex JWT, 600 bytes.
pub fn token_answer() -> Bytes {
    let jwt = format!("eyJhbGciOiJFZERTQSIsImtpZCI6IjEyMyIsInR5cCI6IkpXVCJ9.{}.{}", "a".repeat(450), "b".repeat(86));
    compact(&json!({"auth_token": jwt}))
}

/// Plex's JWT key set (`GET /auth/keys`): a current and a retired Ed25519 key.
pub fn key_set() -> Bytes {
    let keys: Vec<Value> = [4u8, 5]
        .iter()
        .map(|&seed| serde_json::to_value(DeviceKey::from_seed([seed; 32]).public_jwk()).unwrap())
        .collect();
    compact(&json!({"keys": keys}))
}

/// Plex's JSON error body for a rejected token (401, code 1001).
pub fn error() -> Bytes {
    compact(&json!({"errors": [{"code": 1001, "message": "User could not be authenticated", "status": 401}]}))
}
