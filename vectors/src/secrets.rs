//! The secret values a decoding vector holds, found by the core's one rule ([`is_secret_name`],
//! [`redact_json`]) and listed in the vector (`secrets`), so that a runner in another language
//! can keep them out of what it prints without a rule of its own.

use crate::VectorResponse;
use plex_auth_core::{is_secret_name, redact_json};
use quick_xml::events::Event;
use serde_json::Value;
use std::collections::BTreeSet;

/// Every secret in the vector's params, response (headers, and the body as JSON or XML) and
/// decoded output: values under secret names, and the output itself when the operation's output
/// is a secret (`output_is_secret`). Sorted, without duplicates or empty strings.
pub fn secrets_of(
    params: &Value,
    response: &VectorResponse,
    ok: Option<&Value>,
    output_is_secret: bool,
) -> Vec<String> {
    let mut found = BTreeSet::new();
    json_secrets(params, &mut found);
    for (name, value) in &response.headers {
        if is_secret_name(name) {
            found.insert(value.clone());
        }
    }
    match serde_json::from_str::<Value>(&response.body) {
        Ok(body) => json_secrets(&body, &mut found),
        Err(_) => xml_secrets(&response.body, &mut found),
    }
    if let Some(ok) = ok {
        json_secrets(ok, &mut found);
        if let Some(text) = scalar(ok).filter(|_| output_is_secret) {
            found.insert(text);
        }
    }
    found.into_iter().filter(|s| !s.trim().is_empty()).collect()
}

/// The values `redact_json` would hide: the leaves that differ between `value` and its
/// redacted copy.
fn json_secrets(value: &Value, found: &mut BTreeSet<String>) {
    let mut redacted = value.clone();
    redact_json(&mut redacted);
    differing_leaves(value, &redacted, found);
}

fn differing_leaves(original: &Value, redacted: &Value, found: &mut BTreeSet<String>) {
    if original == redacted {
        return;
    }
    match (original, redacted) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, item) in a {
                if let Some(other) = b.get(key) {
                    differing_leaves(item, other, found);
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (item, other) in a.iter().zip(b) {
                differing_leaves(item, other, found);
            }
        }
        // A whole hidden value: every scalar inside it is a secret.
        (hidden, _) => all_scalars(hidden, found),
    }
}

fn all_scalars(value: &Value, found: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => map.values().for_each(|v| all_scalars(v, found)),
        Value::Array(items) => items.iter().for_each(|v| all_scalars(v, found)),
        other => {
            if let Some(text) = scalar(other) {
                found.insert(text);
            }
        }
    }
}

/// A string or number as text; nothing for the rest.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Attributes under secret names, and the text of elements under secret names. A body that is
/// not XML, or stops being XML, yields what was read before that point.
fn xml_secrets(body: &str, found: &mut BTreeSet<String>) {
    let mut reader = quick_xml::Reader::from_str(body);
    let mut in_secret_element = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                in_secret_element = is_secret_name(&String::from_utf8_lossy(e.local_name().as_ref()));
                for attr in e.attributes().flatten() {
                    if !is_secret_name(&String::from_utf8_lossy(attr.key.local_name().as_ref())) {
                        continue;
                    }
                    if let Ok(value) = attr.unescape_value() {
                        found.insert(value.into_owned());
                    }
                }
            }
            Ok(Event::Text(t)) if in_secret_element => {
                if let Ok(text) = t.unescape() {
                    found.insert(text.trim().to_owned());
                }
            }
            Ok(Event::End(_)) => in_secret_element = false,
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::BTreeMap;

    fn response(headers: &[(&str, &str)], body: &str) -> VectorResponse {
        let headers: BTreeMap<String, String> =
            headers.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        VectorResponse { status: 200, headers, body: body.to_owned() }
    }

    #[test]
    fn finds_secrets_in_params_headers_json_xml_and_output() {
        let params = json!({ "login": "ana", "password": "pw-1", "verification_code": "123456" });
        let json_body = response(
            &[("x-plex-token", "echoed-token")],
            r#"{"user":{"authToken":"tok-1","title":"Ana","hasPassword":true}}"#,
        );
        let ok = json!({ "authToken": "tok-1", "services": [{ "token": "svc-1", "endpoint": "https://x" }] });
        assert_eq!(
            secrets_of(&params, &json_body, Some(&ok), false),
            ["123456", "echoed-token", "pw-1", "svc-1", "tok-1"]
        );

        let xml = response(
            &[],
            r#"<user title="Ana" authToken="xml-&amp;-tok"><authentication-token>inner-tok</authentication-token></user>"#,
        );
        assert_eq!(secrets_of(&json!({}), &xml, None, false), ["inner-tok", "xml-&-tok"]);

        let scalar = json!("transient-1");
        assert_eq!(secrets_of(&json!({}), &response(&[], "<MediaContainer"), Some(&scalar), true), ["transient-1"]);
        assert!(secrets_of(&json!({}), &response(&[], "nonce"), Some(&json!("nonce-1")), false).is_empty());
    }
}
