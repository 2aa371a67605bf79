//! `GET /api/v2/resources`: the account's devices, derived from the fake's [`FakeServer`]s
//! (each owned by the account, with its access token and connections).

use super::routes::{wants_json, xml_escape};
use super::session::{authenticate, missing_client_id};
use super::{FakeServer, State};
use crate::compare::parse_pairs;
use crate::responses::{html_error_response, json_response, response};
use plex_auth_core::{ExposeSecret, HttpRequest, HttpResponse};
use serde_json::{Map, Value, json};

/// One connection as plex.tv lists it.
fn connection_json(c: &plex_auth_core::Connection) -> Value {
    let address = c.address.clone().unwrap_or_default();
    let ipv6 = address.contains(':') || address.starts_with('[');
    json!({
        "protocol": c.protocol,
        "address": address.trim_start_matches('[').trim_end_matches(']'),
        "port": c.port,
        "uri": c.uri,
        "local": c.local.unwrap_or(false),
        "relay": c.relay.unwrap_or(false),
        "IPv6": ipv6,
    })
}

/// Whether the query leaves this connection in: each `include*` flag must be `1` for its kind.
fn included(query: &[(String, String)], c: &Value) -> bool {
    let on = |k: &str| query.iter().any(|(qk, qv)| qk == k && qv == "1");
    let is = |k: &str| matches!(c.get(k), Some(Value::Bool(true))) || c.get(k) == Some(&json!("1"));
    (on("includeRelay") || !is("relay"))
        && (on("includeIPv6") || !is("IPv6"))
        && (on("includeHttps") || c.get("protocol") != Some(&json!("https")))
}

/// A server as a plex.tv device.
fn device_json(server: &FakeServer, query: &[(String, String)]) -> Value {
    let info = &server.info;
    let connections: Vec<Value> =
        info.connections().iter().map(connection_json).filter(|c| included(query, c)).collect();
    let relay = info.connections().iter().any(|c| c.relay == Some(true));
    let device = json!({
        "name": info.name,
        "product": "Plex Media Server",
        "productVersion": "1.40.2.8395-c67dce28e",
        "platform": "Linux",
        "platformVersion": "6.1.0",
        "device": "PC",
        "clientIdentifier": info.client_identifier,
        "createdAt": "2020-01-12T15:30:18Z",
        "lastSeenAt": "2024-09-05T03:15:45Z",
        "provides": "server",
        "ownerId": null,
        "sourceTitle": null,
        "publicAddress": "203.0.113.7",
        "accessToken": info.access_token.as_ref().map(ExposeSecret::expose_secret),
        "owned": true,
        "home": false,
        "synced": false,
        "relay": relay,
        "presence": true,
        "httpsRequired": false,
        "publicAddressMatches": true,
        "dnsRebindingProtection": false,
        "natLoopbackSupported": false,
        "connections": connections,
    });
    device
}

/// `device` as plex.tv's XML `<Device>` with `<Connection>` children.
fn device_xml(device: &Value) -> String {
    let attrs = |map: &Map<String, Value>| {
        let mut out = String::new();
        for (k, v) in map {
            let text = match v {
                Value::Bool(b) => {
                    if *b {
                        "1".to_owned()
                    } else {
                        "0".to_owned()
                    }
                }
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => continue,
            };
            out.push_str(&format!(" {k}=\"{}\"", xml_escape(&text)));
        }
        out
    };
    let Value::Object(map) = device else { return String::new() };
    let mut xml = format!("<Device{}>", attrs(map));
    for c in map.get("connections").and_then(Value::as_array).into_iter().flatten() {
        if let Value::Object(c) = c {
            xml.push_str(&format!("<Connection{}/>", attrs(c)));
        }
    }
    xml.push_str("</Device>");
    xml
}

/// `GET /api/v2/resources` for a valid account token: every server, as JSON (or XML when
/// JSON was not asked for).
pub(super) fn resources(state: &mut State, req: &HttpRequest) -> HttpResponse {
    if req.method() != http::Method::GET {
        return html_error_response(405);
    }
    if let Some(missing) = missing_client_id(req) {
        return missing;
    }
    if let Err(refusal) = authenticate(state, req) {
        return refusal;
    }
    let query = parse_pairs(req.uri().query().unwrap_or("").as_bytes());
    let devices: Vec<Value> = state.servers.iter().map(|s| device_json(s, &query)).collect();
    if wants_json(req) {
        return json_response(200, &devices);
    }
    let inner: String = devices.iter().map(device_xml).collect();
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<MediaContainer size=\"{}\">{inner}</MediaContainer>\n",
        devices.len()
    );
    response(200, "application/xml", body)
}
