//! Drift, applied as one pass over a finished answer (a [`Fault::DriftedJson`](super::Fault)):
//! the same JSON, in the shapes plex.tv and servers have been seen to send over time (numbers
//! and strings for booleans, numbers as strings, new enum values, unknown fields, a missing
//! block, an object where a list was), so every handler answers plainly and drift lives here.

use super::Route;
use plex_auth_core::HttpResponse;
use serde_json::{Value, json};

/// `resp` drifted for `route`; non-JSON and unsuccessful answers are left as they are.
pub(crate) fn apply(route: Route, resp: HttpResponse) -> HttpResponse {
    let is_json = resp
        .headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.contains("json"));
    if !resp.status().is_success() || !is_json {
        return resp;
    }
    let (parts, body) = resp.into_parts();
    let Ok(mut value) = serde_json::from_slice::<Value>(&body) else {
        return http::Response::from_parts(parts, body);
    };
    match route {
        Route::SignIn | Route::User => account(&mut value),
        Route::TransientToken => transient_token(&mut value),
        Route::Resources => source_info(&mut value),
        Route::PlexTvResources => plex_tv_resources(&mut value),
        Route::AuthKeys => key_set(&mut value),
        _ => new_field(&mut value),
    }
    let body = serde_json::to_vec(&value).map(bytes::Bytes::from).unwrap_or(body);
    http::Response::from_parts(parts, body)
}

/// An unknown field, as every model must keep.
fn new_field(value: &mut Value) {
    if let Value::Object(map) = value {
        map.insert("newTopLevelField".into(), json!({"nested": [1, 2]}));
    }
}

/// A boolean as plex.tv also writes it.
fn flag_text(value: Option<&Value>) -> Value {
    json!(if value.and_then(Value::as_bool).unwrap_or(false) { "1" } else { "0" })
}

/// Drifts an account the way plex.tv has: numbers and strings for booleans, new enum values,
/// unknown fields, a missing block.
fn account(value: &mut Value) {
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

fn transient_token(value: &mut Value) {
    if let Some(container) = value.get_mut("MediaContainer").and_then(Value::as_object_mut) {
        container.insert("size".into(), json!("0"));
        container.insert("identifier".into(), json!(7));
    }
}

/// A source's connections with flags and ports as text, and the `Device` as a list.
fn source_info(value: &mut Value) {
    let Some(container) = value.get_mut("MediaContainer").and_then(Value::as_object_mut) else { return };
    let Some(mut device) = container.remove("Device") else { return };
    if let Some(conns) = device.get_mut("Connection").and_then(Value::as_array_mut) {
        for c in conns.iter_mut().filter_map(Value::as_object_mut) {
            c.insert("local".into(), flag_text(c.get("local")));
            c.insert("relay".into(), json!(0));
            c.insert("port".into(), json!(c.get("port").map(|p| p.to_string()).unwrap_or_default()));
            c.insert("IPv6".into(), json!(false));
        }
    }
    container.insert("Device".into(), json!([device]));
}

/// Devices with flags and ports as text and a field no version of the crate knows.
fn plex_tv_resources(value: &mut Value) {
    for device in value.as_array_mut().into_iter().flatten().filter_map(Value::as_object_mut) {
        device.insert("owned".into(), json!(1));
        device.insert("presence".into(), json!("1"));
        device.insert("brandNewDeviceField".into(), json!({"nested": [1, 2]}));
        for c in device.get_mut("connections").and_then(Value::as_array_mut).into_iter().flatten() {
            if let Value::Object(c) = c {
                for flag in ["local", "relay", "IPv6"] {
                    let text = flag_text(c.get(flag));
                    c.insert(flag.into(), text);
                }
                let port = c.get("port").map(|p| p.to_string());
                c.insert("port".into(), json!(port));
            }
        }
    }
}

/// A key set with an RSA key first (clients must pick by `kid`, never `keys[0]`), a key entry
/// that is not an object, and unknown fields.
fn key_set(value: &mut Value) {
    let Some(keys) = value.get_mut("keys").and_then(Value::as_array_mut) else { return };
    keys.insert(0, json!({"kty": "RSA", "kid": "rsa-legacy", "use": "sig", "alg": "RS256", "n": "sXch", "e": "AQAB"}));
    keys.push(json!("not-a-key"));
    for key in keys.iter_mut().filter_map(Value::as_object_mut) {
        key.insert("x5t".into(), json!("unused"));
    }
    new_field(value);
}
