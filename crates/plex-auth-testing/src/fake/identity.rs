//! `GET /identity` on the fake PMS: the machine identifier of the server at the asked address
//! (the first server whose connection has the request's host and port, else the first server).

use super::State;
use super::routes::{wants_json, xml_escape};
use crate::responses::{html_error_response, json_response, response};
use plex_auth_core::{HttpRequest, HttpResponse};
use serde_json::json;

/// Answers `/identity` without asking for a token, as a PMS does.
pub(super) fn identity(state: &mut State, req: &HttpRequest) -> HttpResponse {
    let authority = req.uri().authority().map(|a| a.as_str().to_owned());
    let same_place = |uri: &str| {
        let parsed: Option<http::Uri> = uri.parse().ok();
        authority.is_some() && parsed.and_then(|u| u.authority().map(|a| a.as_str().to_owned())) == authority
    };
    let server = state
        .servers
        .iter()
        .find(|s| s.info.connections().iter().any(|c| c.uri.as_deref().is_some_and(same_place)))
        .or_else(|| state.servers.first());
    let Some(machine_id) = server.and_then(|s| s.info.client_identifier.clone()) else {
        return html_error_response(404);
    };
    const VERSION: &str = "1.40.2.8395-c67dce28e";
    if wants_json(req) {
        let container = json!({"size": 0, "apiVersion": "1.1.1", "claimed": true, "machineIdentifier": machine_id, "version": VERSION});
        return json_response(200, &json!({ "MediaContainer": container }));
    }
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<MediaContainer size=\"0\" apiVersion=\"1.1.1\" claimed=\"1\" machineIdentifier=\"{}\" version=\"{VERSION}\">\n</MediaContainer>\n",
        xml_escape(&machine_id)
    );
    response(200, "text/xml;charset=utf-8", body)
}
