//! How the fake answers each route, as real plex.tv and PMS do.

use super::{FakePlex, Fault, Route, State};
use crate::compare::parse_pairs;
use crate::responses::{html_error_response, json_response, plex_error_response, response};
use plex_auth_core::{ExposeSecret, HttpRequest, HttpResponse, Secret, SourceConnectionInformation, UserPlexAccount};
use serde_json::{Value, json};
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
    let drift = fault == Some(Fault::DriftedJson);
    let normal = |state: &mut State| answer(state, route, req, drift);
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
        Some(Fault::DriftedJson) | None => (None, Outcome::Respond(normal(&mut state))),
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

fn answer(state: &mut State, route: Route, req: &HttpRequest, drift: bool) -> HttpResponse {
    match route {
        Route::SignIn | Route::User => {
            let has_client_id = req
                .headers()
                .get("x-plex-client-identifier")
                .is_some_and(|v| !v.as_bytes().iter().all(u8::is_ascii_whitespace));
            if !has_client_id {
                return plex_error_response(400, 1000, "X-Plex-Client-Identifier is missing");
            }
            if route == Route::SignIn { sign_in(state, req, drift) } else { user(state, req, drift) }
        }
        Route::TransientToken => transient_token(state, req, drift),
        Route::Resources => resources(state, req, drift),
        Route::CreatePin => super::pins::create(state, req),
        Route::GetPin => super::pins::poll(state, req),
        Route::LinkPin => super::pins::link(state, req),
        Route::PlexTvResources => super::resources::resources(state, req, drift),
        Route::Ping => super::session::ping(state, req),
        Route::SignOut => super::session::sign_out(state, req),
        Route::Identity => super::identity::identity(state, req),
        Route::Approval => super::approval::approval(state, req),
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

fn account_json(account: &UserPlexAccount, token: &str, sign_in: bool, drift: bool) -> Value {
    let mut model = account.clone();
    model.auth_token = Some(Secret::new(token));
    if sign_in {
        model.past_subscriptions.get_or_insert_with(Vec::new);
        model.trials.get_or_insert_with(Vec::new);
    }
    let mut value = serde_json::to_value(&model).unwrap_or(Value::Null);
    if drift {
        drift_account(&mut value);
    }
    value
}

/// Drifts an account the way plex.tv has: numbers and strings for booleans, new enum values,
/// unknown fields, a missing block.
fn drift_account(value: &mut Value) {
    let Value::Object(map) = value else { return };
    let two_factor = map.get("twoFactorEnabled").and_then(Value::as_bool).unwrap_or(false);
    map.insert("twoFactorEnabled".into(), json!(i32::from(two_factor)));
    map.insert("hasPassword".into(), json!("1"));
    map.insert("confirmed".into(), json!("true"));
    map.insert("homeSize".into(), json!("1"));
    map.remove("subscription");
    map.insert("mailingListStatus".into(), json!("paused"));
    map.insert(
        "profile".into(),
        json!({"autoSelectAudio": 1, "autoSelectSubtitle": 2, "watchedIndicator": 7, "defaultSubtitleForced": "1", "brandNewSetting": "x"}),
    );
    map.insert("newTopLevelField".into(), json!({"nested": [1, 2]}));
}

fn sign_in(state: &mut State, req: &HttpRequest, drift: bool) -> HttpResponse {
    if req.method() != http::Method::POST {
        return html_error_response(405);
    }
    let form = parse_pairs(req.body());
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let (Some(login), Some(password)) = (field("login"), field("password")) else {
        return plex_error_response(400, 1002, "login and password are required");
    };
    let Some(index) = state.accounts.iter().position(|a| a.matches_login(login) && a.password_is(password)) else {
        return not_authenticated();
    };
    if let Some(expected) = state.accounts[index].two_factor.clone() {
        match field("verificationCode") {
            None | Some("") => return plex_error_response(401, 1029, "Please enter the verification code"),
            Some(code) if code != expected.expose_secret() => return not_authenticated(),
            Some(_) => {}
        }
    }
    let token = state.new_token("");
    state.tokens.insert(token.clone(), index);
    json_response(201, &account_json(&state.accounts[index].account, &token, true, drift))
}

fn user(state: &mut State, req: &HttpRequest, drift: bool) -> HttpResponse {
    match token_of(req).and_then(|t| state.tokens.get(&t).map(|i| (t, *i))) {
        Some((token, index)) => json_response(200, &account_json(&state.accounts[index].account, &token, false, drift)),
        None => not_authenticated(),
    }
}

/// The account a PMS token belongs to: an account token or a transient token.
fn pms_account(state: &State, req: &HttpRequest) -> Option<usize> {
    let token = token_of(req)?;
    state.tokens.get(&token).or_else(|| state.transient.get(&token)).copied()
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

fn transient_token(state: &mut State, req: &HttpRequest, drift: bool) -> HttpResponse {
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
    let container =
        if drift { json!({"size": "0", "token": token, "identifier": 7}) } else { json!({"size": 0, "token": token}) };
    json_response(200, &json!({"MediaContainer": container}))
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

fn resources(state: &mut State, req: &HttpRequest, drift: bool) -> HttpResponse {
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
    let mut device = serde_json::to_value(&server.info).unwrap_or(Value::Null);
    if drift {
        if let Some(conns) = device.get_mut("Connection").and_then(Value::as_array_mut) {
            for c in conns {
                if let Value::Object(c) = c {
                    let local = c.get("local").and_then(Value::as_bool).unwrap_or(false);
                    c.insert("local".into(), json!(if local { "1" } else { "0" }));
                    c.insert("relay".into(), json!(0));
                    c.insert("port".into(), json!(c.get("port").map(|p| p.to_string()).unwrap_or_default()));
                    c.insert("IPv6".into(), json!(false));
                }
            }
        }
        device = json!([device]);
    }
    json_response(200, &json!({"MediaContainer": {"size": 1, "Device": device}}))
}
