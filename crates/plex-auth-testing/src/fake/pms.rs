//! The Plex Media Server routes: `/security/token` (transient tokens) and
//! `/security/resources?source=...` (a source's token and connections).

use super::State;
use super::routes::{token_of, wants_json, xml_escape};
use crate::compare::parse_pairs;
use crate::responses::{html_error_response, json_response, response};
use plex_auth_core::{ExposeSecret, HttpRequest, HttpResponse, SourceConnectionInformation};
use serde_json::{Value, json};

/// The account a PMS token belongs to: an account token or a transient token.
fn pms_account(state: &State, req: &HttpRequest) -> Option<usize> {
    let token = token_of(req)?;
    state.tokens.get(&token).or_else(|| state.transient.get(&token)).copied()
}

pub(super) fn transient_token(state: &mut State, req: &HttpRequest) -> HttpResponse {
    let query = parse_pairs(req.uri().query().unwrap_or("").as_bytes());
    let has = |k: &str, v: &str| query.iter().any(|(qk, qv)| qk == k && qv == v);
    if !has("type", "delegation") || !has("scope", "all") {
        return html_error_response(400);
    }
    let Some(index) = pms_account(state, req) else { return html_error_response(401) };
    let token = state.new_token("transient-");
    state.transient.insert(token.clone(), index);
    if !wants_json(req) {
        return response(
            200,
            "text/xml;charset=utf-8",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<MediaContainer size=\"0\" token=\"{}\">\n</MediaContainer>\n",
                xml_escape(&token)
            ),
        );
    }
    json_response(200, &json!({"MediaContainer": {"size": 0, "token": token}}))
}

fn device_xml(info: &SourceConnectionInformation) -> String {
    let attr =
        |name: &str, value: Option<&str>| value.map(|v| format!(" {name}=\"{}\"", xml_escape(v))).unwrap_or_default();
    let mut xml = format!(
        "<Device{}{}{}>",
        attr("name", info.name.as_deref()),
        attr("clientIdentifier", info.client_identifier.as_deref()),
        attr("accessToken", info.access_token.as_ref().map(ExposeSecret::expose_secret)),
    );
    for c in info.connections() {
        let port = c.port.map(|p| p.to_string());
        let flag = |b: Option<bool>| b.map(|b| if b { "1" } else { "0" });
        xml.push_str(&format!(
            "<Connection{}{}{}{}{}{}/>",
            attr("protocol", c.protocol.as_deref()),
            attr("address", c.address.as_deref()),
            attr("port", port.as_deref()),
            attr("uri", c.uri.as_deref()),
            attr("local", flag(c.local)),
            attr("relay", flag(c.relay)),
        ));
    }
    xml.push_str("</Device>");
    xml
}

pub(super) fn resources(state: &mut State, req: &HttpRequest) -> HttpResponse {
    let query = parse_pairs(req.uri().query().unwrap_or("").as_bytes());
    let Some(source) = query.iter().find(|(k, _)| k == "source").map(|(_, v)| v.clone()) else {
        return html_error_response(400);
    };
    match pms_account(state, req) {
        Some(index) if state.accounts[index].admin => {}
        _ => return html_error_response(401),
    }
    let Some(server) = state.servers.iter().find(|s| s.source == source) else { return html_error_response(404) };
    if !wants_json(req) {
        return response(
            200,
            "text/xml;charset=utf-8",
            format!("<MediaContainer size=\"1\">{}</MediaContainer>", device_xml(&server.info)),
        );
    }
    let device = serde_json::to_value(&server.info).unwrap_or(Value::Null);
    json_response(200, &json!({"MediaContainer": {"size": 1, "Device": device}}))
}
