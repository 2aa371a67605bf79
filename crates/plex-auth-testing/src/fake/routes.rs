//! How the fake answers each route, as real plex.tv and PMS do.

use super::{FakePlex, Fault, Route, State, drift, plex_tv, pms};
use crate::compare::parse_pairs;
use crate::responses::{html_error_response, plex_error_response, response};
use plex_auth_core::{HttpRequest, HttpResponse};
use serde_json::json;
use std::time::Duration;

/// What to do with a request. No `Debug`: the responses carry tokens.
pub(crate) enum Outcome {
    /// Send this response.
    Respond(HttpResponse),
    /// Send this response's head and half its body, then close.
    Truncate(HttpResponse),
    /// Close without answering.
    Reset,
}

/// An outcome, possibly after a delay.
pub(crate) struct Reply {
    pub delay: Option<Duration>,
    pub outcome: Outcome,
}

fn route_of(path: &str) -> Option<Route> {
    match path.trim_end_matches('/') {
        "/api/v2/users/signin" => Some(Route::SignIn),
        "/api/v2/user" => Some(Route::User),
        "/security/token" => Some(Route::TransientToken),
        "/security/resources" => Some(Route::Resources),
        "/api/v2/pins" => Some(Route::CreatePin),
        "/api/v2/pins/link" => Some(Route::LinkPin),
        pin if pin.starts_with("/api/v2/pins/") => Some(Route::GetPin),
        "/api/v2/resources" => Some(Route::PlexTvResources),
        "/api/v2/ping" => Some(Route::Ping),
        "/api/v2/users/signout" => Some(Route::SignOut),
        "/identity" => Some(Route::Identity),
        "/auth" | "/auth/approve" => Some(Route::Approval),
        "/api/v2/auth/jwk" => Some(Route::AuthJwk),
        "/api/v2/auth/nonce" => Some(Route::AuthNonce),
        "/api/v2/auth/token" => Some(Route::AuthToken),
        "/api/v2/auth/keys" => Some(Route::AuthKeys),
        _ => None,
    }
}

/// Answers `req`: counts it, applies any fault, else runs the route.
pub(crate) fn handle(fake: &FakePlex, req: &HttpRequest) -> Reply {
    let Some(route) = route_of(req.uri().path()) else {
        return Reply { delay: None, outcome: Outcome::Respond(html_error_response(404)) };
    };
    let mut state = fake.lock();
    *state.counts.entry(route).or_default() += 1;
    state.last_headers.insert(route, req.headers().clone());
    let fault = take_fault(&mut state, route);
    let normal = |state: &mut State| answer(state, route, req);
    let (delay, outcome) = match fault {
        Some(Fault::Respond { status, headers, content_type, body }) => {
            let mut resp = response(status, &content_type, body);
            for (name, value) in headers {
                if let (Ok(n), Ok(v)) =
                    (http::HeaderName::from_bytes(name.as_bytes()), http::HeaderValue::from_str(&value))
                {
                    resp.headers_mut().append(n, v);
                }
            }
            (None, Outcome::Respond(resp))
        }
        Some(Fault::EchoRequest { status, content_type }) => {
            let body = echo_body(req, status, &content_type);
            (None, Outcome::Respond(response(status, &content_type, body)))
        }
        Some(Fault::Oversized(n)) => {
            let pad = "x".repeat(n.saturating_sub(12));
            (None, Outcome::Respond(response(200, "application/json", format!("{{\"pad\":\"{pad}\"}}"))))
        }
        Some(Fault::Reset) => (None, Outcome::Reset),
        Some(Fault::Truncate) => (None, Outcome::Truncate(normal(&mut state))),
        Some(Fault::Delay(d)) => (Some(d), Outcome::Respond(normal(&mut state))),
        Some(Fault::DriftedJson) => (None, Outcome::Respond(drift::apply(route, normal(&mut state)))),
        None => (None, Outcome::Respond(normal(&mut state))),
    };
    Reply { delay, outcome }
}

fn take_fault(state: &mut State, route: Route) -> Option<Fault> {
    let faults = state.faults.get_mut(&route)?;
    let first = faults.first()?.clone();
    if first.1 {
        faults.remove(0);
    }
    Some(first.0)
}

fn answer(state: &mut State, route: Route, req: &HttpRequest) -> HttpResponse {
    match route {
        Route::SignIn | Route::User => {
            let has_client_id = req
                .headers()
                .get("x-plex-client-identifier")
                .is_some_and(|v| !v.as_bytes().iter().all(u8::is_ascii_whitespace));
            if !has_client_id {
                return plex_error_response(400, 1000, "X-Plex-Client-Identifier is missing");
            }
            if route == Route::SignIn { plex_tv::sign_in(state, req) } else { plex_tv::user(state, req) }
        }
        Route::TransientToken => pms::transient_token(state, req),
        Route::Resources => pms::resources(state, req),
        Route::CreatePin => super::pins::create(state, req),
        Route::GetPin => super::pins::poll(state, req),
        Route::LinkPin => super::pins::link(state, req),
        Route::PlexTvResources => super::resources::resources(state, req),
        Route::Ping => super::session::ping(state, req),
        Route::SignOut => super::session::sign_out(state, req),
        Route::Identity => super::identity::identity(state, req),
        Route::Approval => super::approval::approval(state, req),
        Route::AuthJwk => super::jwt_routes::register(state, req),
        Route::AuthNonce => super::jwt_routes::nonce(state, req),
        Route::AuthToken => super::jwt_routes::token(state, req),
        Route::AuthKeys => super::jwt_routes::keys(state, req),
    }
}

pub(super) fn token_of(req: &HttpRequest) -> Option<String> {
    let header = req.headers().get("x-plex-token").and_then(|v| v.to_str().ok()).map(str::to_owned);
    header.or_else(|| {
        parse_pairs(req.uri().query().unwrap_or("").as_bytes())
            .into_iter()
            .find(|(k, _)| k == "X-Plex-Token")
            .map(|(_, v)| v)
    })
}

pub(super) fn not_authenticated() -> HttpResponse {
    plex_error_response(401, 1001, "User could not be authenticated")
}

pub(super) fn wants_json(req: &HttpRequest) -> bool {
    req.headers().get(http::header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("json"))
}

/// The body of a [`Fault::EchoRequest`] answer to `req`: request line, headers and body, shaped
/// by `content_type` (see the fault's docs).
fn echo_body(req: &HttpRequest, status: u16, content_type: &str) -> String {
    let mut head = format!("{} {} {:?}\r\n", req.method(), req.uri(), req.version());
    for (name, value) in req.headers() {
        head.push_str(&format!("{name}: {}\r\n", String::from_utf8_lossy(value.as_bytes())));
    }
    head.push_str("\r\n");
    head.push_str(&String::from_utf8_lossy(req.body()));
    if content_type.contains("json") {
        json!({"errors": [{"code": 1001, "message": head, "status": status}]}).to_string()
    } else if content_type.contains("xml") {
        let message = xml_escape(&head);
        format!(r#"<errors><error code="1001" message="{message}" status="{status}"/></errors>"#)
    } else {
        head
    }
}

pub(super) fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}
