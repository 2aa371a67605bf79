//! What commands print: a short aligned summary for people, one JSON document for programs.
//! Secrets are redacted unless `--show-secrets`.

use plex_auth_core::{ExposeSecret, REDACTED, Secret, SourceConnectionInformation, UserPlexAccount};
use serde_json::{Map, Value, json};

/// A command's result, in both forms.
#[derive(Debug)]
pub struct Rendered {
    /// Human summary lines.
    pub human: Vec<(String, String)>,
    /// The `--json` document.
    pub json: Value,
}

impl Rendered {
    /// The aligned human form.
    pub fn human_text(&self) -> String {
        let width = self.human.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        self.human.iter().map(|(k, v)| format!("{k:width$}  {v}\n")).collect()
    }
}

/// `[redacted]`, or the value when secrets are shown.
pub fn secret_text(secret: Option<&Secret>, show: bool) -> String {
    match secret {
        None => "(none)".into(),
        Some(s) if show => s.expose_secret().to_owned(),
        Some(_) => REDACTED.into(),
    }
}

fn secret_json(secret: Option<&Secret>, show: bool) -> Value {
    secret.map_or(Value::Null, |s| Value::String(secret_text(Some(s), show)))
}

/// Keys whose string values are secrets wherever they appear in an account document.
fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.contains("token") || key.contains("secret") || key.contains("password")
}

fn redact(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if is_secret_key(k) && v.is_string() {
                    *v = Value::String(REDACTED.into());
                } else {
                    redact(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

/// An account with Plex's own field names (unknown fields kept).
pub fn account(account: &UserPlexAccount, show: bool, saved_to: Option<&std::path::Path>) -> Rendered {
    let mut json = serde_json::to_value(account).unwrap_or(Value::Null);
    if !show {
        redact(&mut json);
    }
    let text = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let mut human = vec![
        ("username".to_owned(), text(&account.username)),
        ("email".to_owned(), text(&account.email)),
        ("id".to_owned(), account.id.map_or("-".into(), |i| i.to_string())),
        ("uuid".to_owned(), text(&account.uuid)),
        ("two-factor".to_owned(), if account.two_factor_enabled == Some(true) { "enabled" } else { "disabled" }.into()),
        (
            "plex pass".to_owned(),
            match account.subscription.as_ref().and_then(|s| s.active) {
                Some(true) => "active".into(),
                Some(false) => "inactive".into(),
                None => "-".into(),
            },
        ),
        ("token".to_owned(), secret_text(account.auth_token.as_ref(), show)),
    ];
    if let Some(path) = saved_to {
        human.push(("saved to".to_owned(), path.display().to_string()));
    }
    Rendered { human, json }
}

/// A transient token.
pub fn transient_token(token: &Secret, show: bool) -> Rendered {
    let text = secret_text(Some(token), show);
    Rendered { human: vec![("transient token".into(), text.clone())], json: json!({"token": text}) }
}

/// Source connection information.
pub fn source_info(info: &SourceConnectionInformation, show: bool) -> Rendered {
    let connections: Vec<Value> = info
        .connections
        .iter()
        .flatten()
        .map(|c| {
            json!({"uri": c.uri, "address": c.address, "port": c.port, "protocol": c.protocol, "local": c.local, "relay": c.relay})
        })
        .collect();
    let mut doc = Map::new();
    doc.insert("accessToken".into(), secret_json(info.access_token.as_ref(), show));
    doc.insert("clientIdentifier".into(), json!(info.client_identifier));
    doc.insert("name".into(), json!(info.name));
    doc.insert("connections".into(), Value::Array(connections));
    let mut human = vec![
        ("name".to_owned(), info.name.clone().unwrap_or_else(|| "-".into())),
        ("client id".to_owned(), info.client_identifier.clone().unwrap_or_else(|| "-".into())),
        ("access token".to_owned(), secret_text(info.access_token.as_ref(), show)),
    ];
    for c in info.connections.iter().flatten() {
        let mut flags = Vec::new();
        if c.local == Some(true) {
            flags.push("local");
        }
        if c.relay == Some(true) {
            flags.push("relay");
        }
        let uri = c.uri.clone().unwrap_or_else(|| "-".into());
        let line = if flags.is_empty() { uri } else { format!("{uri} ({})", flags.join(", ")) };
        human.push(("connection".to_owned(), line));
    }
    Rendered { human, json: Value::Object(doc) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_json_redacts_every_token_unless_shown() {
        let account: UserPlexAccount = serde_json::from_value(json!({
            "username": "ana", "authToken": "tok-1",
            "services": [{"identifier": "metadata", "token": "tok-2", "secret": "sec-3"}],
            "futureRefreshToken": "tok-4"
        }))
        .unwrap();
        let hidden = account_json_text(&account, false);
        for s in ["tok-1", "tok-2", "sec-3", "tok-4"] {
            assert!(!hidden.contains(s), "{hidden}");
        }
        assert!(hidden.contains(r#""authToken":"[redacted]""#), "{hidden}");
        let shown = account_json_text(&account, true);
        assert!(["tok-1", "tok-2", "sec-3", "tok-4"].iter().all(|s| shown.contains(s)), "{shown}");
    }

    fn account_json_text(a: &UserPlexAccount, show: bool) -> String {
        super::account(a, show, None).json.to_string()
    }

    #[test]
    fn human_text_is_aligned() {
        let r = transient_token(&Secret::new("abc"), false);
        assert_eq!(r.human_text(), "transient token  [redacted]\n");
        assert_eq!(r.json, json!({"token": "[redacted]"}));
    }
}
