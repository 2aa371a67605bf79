//! Floors for the smaller bodies: plain serde structs with the fields our models have, every
//! one optional, strict types, no leniency, no unknown-field map, no secrets.
#![allow(dead_code)] // fields are decoded to be measured, never read

use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainResource {
    name: Option<String>,
    product: Option<String>,
    product_version: Option<String>,
    platform: Option<String>,
    platform_version: Option<String>,
    device: Option<String>,
    client_identifier: Option<String>,
    created_at: Option<String>,
    last_seen_at: Option<String>,
    provides: Option<String>,
    owner_id: Option<i64>,
    source_title: Option<String>,
    public_address: Option<String>,
    access_token: Option<String>,
    owned: Option<bool>,
    home: Option<bool>,
    synced: Option<bool>,
    relay: Option<bool>,
    presence: Option<bool>,
    https_required: Option<bool>,
    public_address_matches: Option<bool>,
    dns_rebinding_protection: Option<bool>,
    nat_loopback_supported: Option<bool>,
    pub connections: Option<Vec<PlainResourceConnection>>,
}

#[derive(Deserialize)]
pub struct PlainResourceConnection {
    protocol: Option<String>,
    address: Option<String>,
    port: Option<u16>,
    uri: Option<String>,
    local: Option<bool>,
    relay: Option<bool>,
    #[serde(rename = "IPv6")]
    ipv6: Option<bool>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainPin {
    pub id: Option<i64>,
    code: Option<String>,
    product: Option<String>,
    trusted: Option<bool>,
    qr: Option<String>,
    client_identifier: Option<String>,
    expires_in: Option<i64>,
    created_at: Option<String>,
    expires_at: Option<String>,
    auth_token: Option<String>,
    new_registration: Option<bool>,
    location: Option<Value>,
}

#[derive(Deserialize)]
pub struct PlainContainer<T> {
    #[serde(rename = "MediaContainer")]
    pub media_container: Option<T>,
}

#[derive(Deserialize)]
pub struct PlainTransientToken {
    size: Option<i64>,
    pub token: Option<String>,
}

#[derive(Deserialize)]
pub struct PlainDevices {
    size: Option<i64>,
    #[serde(rename = "Device")]
    pub device: Option<Vec<PlainDevice>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainDevice {
    access_token: Option<String>,
    client_identifier: Option<String>,
    name: Option<String>,
    #[serde(rename = "Connection")]
    connections: Option<Vec<PlainConnection>>,
}

#[derive(Deserialize)]
pub struct PlainConnection {
    uri: Option<String>,
    address: Option<String>,
    port: Option<u16>,
    protocol: Option<String>,
    local: Option<bool>,
    relay: Option<bool>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainIdentity {
    size: Option<i64>,
    pub machine_identifier: Option<String>,
    version: Option<String>,
    claimed: Option<bool>,
}

#[derive(Deserialize)]
pub struct PlainNonce {
    pub nonce: Option<String>,
}

#[derive(Deserialize)]
pub struct PlainTokenAnswer {
    pub auth_token: Option<String>,
}

#[derive(Deserialize)]
pub struct PlainKeySet {
    pub keys: Option<Vec<PlainJwk>>,
}

#[derive(Deserialize)]
pub struct PlainJwk {
    kty: Option<String>,
    crv: Option<String>,
    x: Option<String>,
    #[serde(rename = "use")]
    use_: Option<String>,
    alg: Option<String>,
    kid: Option<String>,
}

#[derive(Deserialize)]
pub struct PlainErrors {
    pub errors: Option<Vec<PlainError>>,
}

#[derive(Deserialize)]
pub struct PlainError {
    pub code: Option<i64>,
    message: Option<String>,
    status: Option<u16>,
}
