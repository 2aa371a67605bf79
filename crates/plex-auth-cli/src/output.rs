//! What commands print: a short aligned summary for people, one JSON document for programs.
//!
//! The JSON is the core model serialized as is (Plex's field names, unknown fields kept), then
//! passed through [`plex_auth_core::redact_json`] unless `--show-secrets`: core's one rule
//! decides what is secret. The human summary is escaped for the terminal in [`Rendered::human_text`].

use crate::escape::terminal_safe;
use crate::failure::Failure;
use plex_auth_core::flow::{ConnectReport, ProbeOutcome};
use plex_auth_core::{
    ExposeSecret, REDACTED, Resource, Secret, SentSecrets, SourceConnectionInformation, UserPlexAccount, redact_json,
};
use serde::Serialize;
use serde_json::{Value, json};

/// A command's result, in both forms.
#[derive(Debug)]
pub struct Rendered {
    /// Human summary lines, raw (escaped when rendered).
    pub human: Vec<(String, String)>,
    /// The `--json` document, already redacted unless secrets are shown.
    pub json: Value,
}

impl Rendered {
    /// Replaces every secret this run sent (token, password, code) wherever the server echoed it
    /// into an ordinary field: a success is the server's word, but not one we print.
    pub fn scrub(mut self, sent: &SentSecrets) -> Self {
        if sent.is_empty() {
            return self;
        }
        for (k, v) in &mut self.human {
            sent.scrub_text(k);
            sent.scrub_text(v);
        }
        scrub_json(&mut self.json, sent);
        self
    }

    /// The aligned human form, every key and value escaped for the terminal.
    pub fn human_text(&self) -> String {
        let lines: Vec<(_, _)> = self.human.iter().map(|(k, v)| (terminal_safe(k), terminal_safe(v))).collect();
        let width = lines.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
        lines.iter().map(|(k, v)| format!("{k:width$}  {v}\n")).collect()
    }
}

fn scrub_json(value: &mut Value, sent: &SentSecrets) {
    match value {
        Value::String(s) => sent.scrub_text(s),
        Value::Array(items) => items.iter_mut().for_each(|v| scrub_json(v, sent)),
        Value::Object(map) => {
            let echoed: Vec<String> = map.keys().filter(|k| scrubbed(k, sent) != **k).cloned().collect();
            for key in echoed {
                if let Some(v) = map.remove(&key) {
                    map.insert(scrubbed(&key, sent), v);
                }
            }
            map.values_mut().for_each(|v| scrub_json(v, sent));
        }
        _ => {}
    }
}

fn scrubbed(text: &str, sent: &SentSecrets) -> String {
    let mut out = text.to_owned();
    sent.scrub_text(&mut out);
    out
}

/// `[redacted]`, or the value when secrets are shown.
pub fn secret_text(secret: Option<&Secret>, show: bool) -> String {
    match secret {
        None => "(none)".into(),
        Some(s) if show => s.expose_secret().to_owned(),
        Some(_) => REDACTED.into(),
    }
}

/// `model` as JSON, redacted by core's rule unless `show`.
fn document(model: &impl Serialize, show: bool) -> Result<Value, Failure> {
    let mut json = serde_json::to_value(model).map_err(|e| Failure::io(format!("cannot render JSON: {e}")))?;
    if !show {
        redact_json(&mut json);
    }
    Ok(json)
}

/// An account with Plex's own field names (unknown fields kept).
pub fn account(account: &UserPlexAccount, show: bool, saved_to: Option<&std::path::Path>) -> Result<Rendered, Failure> {
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
    Ok(Rendered { human, json: document(account, show)? })
}

/// A transient token: `{"token": …}`.
pub fn transient_token(token: &Secret, show: bool) -> Result<Rendered, Failure> {
    Ok(Rendered {
        human: vec![("transient token".into(), secret_text(Some(token), show))],
        json: document(&json!({"token": token.expose_secret()}), show)?,
    })
}

/// Source connection information (the `Device` as the server sent it, unknown fields kept).
pub fn source_info(info: &SourceConnectionInformation, show: bool) -> Result<Rendered, Failure> {
    let mut human = vec![
        ("name".to_owned(), info.name.clone().unwrap_or_else(|| "-".into())),
        ("client id".to_owned(), info.client_identifier.clone().unwrap_or_else(|| "-".into())),
        ("access token".to_owned(), secret_text(info.access_token.as_ref(), show)),
    ];
    for c in info.connections() {
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
    Ok(Rendered { human, json: document(info, show)? })
}

/// What a JWT command knows about a Plex JWT. `verified` is false for `jwt status`, which
/// reads a saved token without asking plex.tv for its keys.
pub struct JwtView<'a> {
    /// The JWT client identifier.
    pub client_id: &'a str,
    /// The device key's id.
    pub kid: Option<&'a str>,
    /// The token and its claims.
    pub token: Option<(&'a Secret, &'a plex_auth_core::jwt::PlexJwtClaims)>,
    /// Whether the claims were verified against Plex's keys.
    pub verified: bool,
    /// When to refresh.
    pub refresh_at: Option<std::time::SystemTime>,
    /// Extra lines (`registered`, `refreshed`, `saved to`), in order.
    pub notes: Vec<(&'static str, String)>,
}

/// A Plex JWT with its claims. JSON: `{"client_identifier", "kid", "verified", "claims": <as
/// sent>, "expires_at", "refresh_at", "token", ...notes}`.
pub fn jwt(view: &JwtView<'_>, show: bool) -> Result<Rendered, Failure> {
    let time = |t: std::time::SystemTime| humantime::format_rfc3339_seconds(t).to_string();
    let mut human = vec![("client id".to_owned(), view.client_id.to_owned())];
    human.push(("device key".to_owned(), view.kid.unwrap_or("(none)").to_owned()));
    let mut json = json!({"client_identifier": view.client_id, "kid": view.kid, "verified": view.verified});
    if let Some((token, claims)) = view.token {
        let user = claims.user.clone().unwrap_or_default();
        let text = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        human.push(("user id".to_owned(), user.id.map_or("-".into(), |i| i.to_string())));
        human.push(("username".to_owned(), text(&user.username)));
        human.push(("email".to_owned(), text(&user.email)));
        human.push(("verified".to_owned(), if view.verified { "yes" } else { "no (read offline)" }.to_owned()));
        if let Some(exp) = claims.expires_at() {
            human.push(("expires".to_owned(), time(exp)));
            json["expires_at"] = json!(time(exp));
        }
        if let Some(at) = view.refresh_at {
            human.push(("refresh from".to_owned(), time(at)));
            json["refresh_at"] = json!(time(at));
        }
        human.push(("token".to_owned(), secret_text(Some(token), show)));
        json["claims"] = document(claims, show)?;
        json["token"] = json!(secret_text(Some(token), show));
    } else {
        human.push(("token".to_owned(), "(none saved)".to_owned()));
    }
    for (name, value) in &view.notes {
        human.push(((*name).to_owned(), value.clone()));
        json[name.replace(' ', "_")] = json!(value);
    }
    Ok(Rendered { human, json })
}

/// Servers (resources), each with its connections and, when raced, the chosen one and every
/// probe's outcome. JSON: `{"servers": [<resource as sent, plus "connect": {...}>]}`.
pub fn servers(devices: &[Resource], reports: &[Option<ConnectReport>], show: bool) -> Result<Rendered, Failure> {
    let mut human = Vec::new();
    let mut list = Vec::new();
    for (device, report) in devices.iter().zip(reports) {
        let name = device.name.clone().unwrap_or_else(|| "-".into());
        let owner = if device.owned == Some(true) { "owned" } else { "shared" };
        let id = device.client_identifier.clone().unwrap_or_else(|| "-".into());
        human.push(("server".to_owned(), format!("{name} ({owner}, {id})")));
        for c in device.connections() {
            let mut flags = Vec::new();
            for (on, flag) in [(c.local, "local"), (c.relay, "relay"), (c.ipv6, "IPv6")] {
                if on == Some(true) {
                    flags.push(flag);
                }
            }
            let uri = c.uri.clone().unwrap_or_else(|| "-".into());
            let line = if flags.is_empty() { uri } else { format!("{uri} ({})", flags.join(", ")) };
            human.push(("  connection".to_owned(), line));
        }
        let mut json = document(device, show)?;
        if let Some(report) = report {
            human.push((
                "  chosen".to_owned(),
                report.chosen().map_or_else(|| "none: no connection answered as this server".into(), |c| c.uri.clone()),
            ));
            for (candidate, outcome) in &report.probes {
                human.push(("  probe".to_owned(), format!("{}: {outcome}", candidate.uri)));
            }
            if let Some(map) = json.as_object_mut() {
                map.insert("connect".into(), connect_json(report));
            }
        }
        list.push(json);
    }
    if devices.is_empty() {
        human.push(("servers".to_owned(), "none on this account".to_owned()));
    }
    Ok(Rendered { human, json: json!({ "servers": list }) })
}

/// `{"chosen": uri | null, "probes": [{"uri", "local", "relay", "ipv6", "outcome", "ms"?, "error"?}]}`.
fn connect_json(report: &ConnectReport) -> Value {
    let probes: Vec<Value> = report
        .probes
        .iter()
        .map(|(c, outcome)| {
            let mut probe = json!({"uri": c.uri, "local": c.local, "relay": c.relay, "ipv6": c.ipv6});
            let (kind, ms, detail) = match outcome {
                ProbeOutcome::Answered(d) => ("answered", Some(d.as_millis()), None),
                ProbeOutcome::Failed(e) => ("failed", None, Some(e.to_string())),
                ProbeOutcome::WrongServer(id) => ("wrong_server", None, Some(id.clone())),
                ProbeOutcome::TimedOut(d) => ("timed_out", Some(d.as_millis()), None),
                ProbeOutcome::NotAwaited => ("not_awaited", None, None),
            };
            if let Some(map) = probe.as_object_mut() {
                map.insert("outcome".into(), kind.into());
                if let Some(ms) = ms {
                    map.insert("ms".into(), json!(ms));
                }
                if let Some(detail) = detail {
                    map.insert("detail".into(), detail.into());
                }
            }
            probe
        })
        .collect();
    json!({"chosen": report.chosen().map(|c| c.uri.clone()), "probes": probes})
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn account_json_redacts_every_secret_by_core_rule_unless_shown() {
        let account: UserPlexAccount = serde_json::from_value(json!({
            "username": "ana", "authToken": "tok-1",
            "services": [{"identifier": "metadata", "token": "tok-2", "secret": "sec-3", "credentials": {"u": "cr-8"}}],
            "futureRefreshToken": "tok-4", "apiKey": 5551234, "authJWT": "jwt-5",
            "backupCodes": ["bc-6", "bc-7"], "refreshTokens": [{"value": "rt-9"}], "accessToken": {"value": "at-10"},
            "newField": "kept"
        }))
        .unwrap();
        let secrets = ["tok-1", "tok-2", "sec-3", "tok-4", "5551234", "jwt-5", "bc-6", "bc-7", "cr-8", "rt-9", "at-10"];
        let hidden = account_json_text(&account, false);
        for s in secrets {
            assert!(!hidden.contains(s), "{s} in {hidden}");
        }
        assert!(hidden.contains(r#""authToken":"[redacted]""#), "{hidden}");
        assert!(hidden.contains(r#""newField":"kept""#), "{hidden}");
        let shown = account_json_text(&account, true);
        assert!(secrets.iter().all(|s| shown.contains(s)), "{shown}");
    }

    fn account_json_text(a: &UserPlexAccount, show: bool) -> String {
        super::account(a, show, None).unwrap().json.to_string()
    }

    #[test]
    fn source_info_json_is_the_whole_model() {
        let sent = json!({
            "accessToken": "at-1", "clientIdentifier": "m1", "name": "Den", "product": "Plex Media Server",
            "publicAddress": "203.0.113.7", "futureField": {"a": [1]},
            "Connection": [{"uri": "http://10.0.0.5:32400", "address": "10.0.0.5", "port": 32400,
                            "protocol": "http", "local": true, "relay": false, "IPv6": false}]
        });
        let info: SourceConnectionInformation = serde_json::from_value(sent.clone()).unwrap();
        let mut expected = sent.clone();
        expected["accessToken"] = json!(REDACTED);
        assert_eq!(source_info(&info, false).unwrap().json, expected);
        assert_eq!(source_info(&info, true).unwrap().json, sent);
    }

    #[test]
    fn human_text_is_aligned_and_escaped() {
        let r = transient_token(&Secret::new("abc"), false).unwrap();
        assert_eq!(r.human_text(), "transient token  [redacted]\n");
        assert_eq!(r.json, json!({"token": "[redacted]"}));
        let r =
            Rendered { human: vec![("k".into(), "v\u{1b}[2J".into()), ("long".into(), "x".into())], json: json!(null) };
        assert_eq!(r.human_text(), "k     v\\u{1b}[2J\nlong  x\n");
    }
}
