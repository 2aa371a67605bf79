//! Regression tests for what a hostile or broken server sent in the issue 8 probe: each body
//! once failed a whole response, leaked a value into an error, or cost quadratic time.
#![allow(clippy::unwrap_used, clippy::expect_used)] // helpers outside #[test] fns unwrap too

mod support;

use plex_auth_core::*;
use serde_json::json;
use support::*;

/// The adapters' default body cap: nothing larger reaches a decoder.
const BODY_CAP: usize = 4 * 1024 * 1024;

fn xml(status: u16, body: impl Into<bytes::Bytes>) -> HttpResponse {
    response(status, Some("text/xml"), body)
}

fn user(body: serde_json::Value) -> UserPlexAccount {
    GetTokenDetails::new().from_response(json(200, body.to_string())).unwrap()
}

fn device(connection: serde_json::Value) -> SourceConnectionInformation {
    let body = json!({"MediaContainer": {"Device": {"name": "nas", "Connection": [
        connection, {"uri": "http://10.0.0.5:32400", "port": 32400, "local": true}
    ]}}});
    GetSourceConnectionInformation::new("server://a").from_response(json(200, body.to_string())).unwrap()
}

#[test]
fn xml_attribute_flood_at_the_body_cap_is_rejected_in_linear_work() {
    let mut body = String::from("<errors><error");
    while body.len() < BODY_CAP - 32 {
        body.push_str(" a=\"\"");
    }
    body.push_str("/></errors>");
    // No deadline covers decoding, so the bound is on the work itself: a step per event or
    // attribute, and the reader stops at its cap long before the body ends.
    let steps = plex_auth_core::fuzzing::xml_steps(body.as_bytes());
    assert!(steps <= 300, "{steps} steps");
    let err = GetTransientToken::new().from_response(xml(401, body.clone())).unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert!(err.api().unwrap().errors.is_empty());
    let err = GetTransientToken::new().from_response(xml(200, body)).unwrap_err();
    assert!(matches!(err, Error::Decode { reason: DecodeReason::Xml(XmlError::TooManyAttributes), .. }), "{err:?}");
}

#[test]
fn xml_work_is_linear_in_the_body_for_every_shape() {
    let shapes: [(&str, &str, &str); 4] = [
        ("<a>", "<b x=\"1\" y=\"2\"/>", "</a>"),
        ("<a>", "<b>t</b>", "</a>"),
        ("<a", " k=\"v\"", "/>"),
        ("<a>", "&amp;&#65;", "</a>"),
    ];
    for (open, unit, close) in shapes {
        for n in [10usize, 100, 1_000, 100_000] {
            let body = format!("{open}{}{close}", unit.repeat(n));
            let steps = plex_auth_core::fuzzing::xml_steps(body.as_bytes());
            assert!(steps <= body.len() + 2, "{unit} x {n}: {steps} steps for {} bytes", body.len());
        }
    }
}

#[test]
fn decode_errors_never_quote_the_body() {
    let body = format!("\"{TOKEN}\"");
    for resp in [json(200, body.clone()), json(201, body.clone()), json(200, format!("[1, \"{TOKEN}\""))] {
        let err = GetTokenDetails::new().from_response(resp).unwrap_err();
        let shown = format!("{err} {err:?}");
        assert!(matches!(err, Error::Decode { reason: DecodeReason::Json(_), .. }), "{shown}");
        assert!(!shown.contains(TOKEN), "{shown}");
    }
    let err = GetTokenDetails::new().from_response(json(200, body)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "GET /user: could not decode the 200 OK response: invalid JSON: JSON of an unexpected shape at line 1, column 22"
    );
}

#[test]
fn one_bad_connection_field_costs_nothing_else() {
    for (field, bad) in [
        ("port", json!(-5)),
        ("port", json!(70000)),
        ("local", json!("maybe")),
        ("uri", json!({"href": "http://x"})),
        ("relay", json!([true])),
    ] {
        let mut connection = json!({"uri": "https://a.plex.direct:8443", "port": 8443, "local": false, "relay": false});
        connection[field] = bad.clone();
        let info = device(connection.clone());
        let first = &info.connections.as_ref().unwrap()[0];
        assert_eq!(first.extra.get(field), Some(&bad), "{field}");
        assert_eq!(info.connections.as_ref().unwrap()[1].port, Some(32400));
        assert_eq!(info.name.as_deref(), Some("nas"));
        // Re-serializing gives back what was sent.
        assert_eq!(serde_json::to_value(first).unwrap(), connection, "{field}");
    }
}

#[test]
fn a_bad_port_over_xml_is_not_a_missing_device() {
    let body = r#"<MediaContainer><Device name="nas" accessToken="tok"><Connection uri="http://10.0.0.5:99999" port="99999"/></Device></MediaContainer>"#;
    let info = GetSourceConnectionInformation::new("server://a").from_response(xml(200, body)).unwrap();
    let c = &info.connections.unwrap()[0];
    assert_eq!((c.port, c.uri.as_deref()), (None, Some("http://10.0.0.5:99999")));
    assert_eq!(c.extra.get("port"), Some(&json!("99999")));
}

#[test]
fn account_fields_degrade_one_by_one() {
    let a = user(json!({
        "id": 7, "username": "ana", "authToken": "tok",
        "joinedAt": "2019-03-16T15:20:12Z",
        "subscription": {"active": true, "features": "webhooks,sync"},
        "roles": ["plexpass", {"odd": 1}, "admin"],
    }));
    assert_eq!((a.id, a.username.as_deref()), (Some(7), Some("ana")));
    assert_eq!(a.joined_at, None);
    assert_eq!(a.extra.get("joinedAt"), Some(&json!("2019-03-16T15:20:12Z")));
    let sub = a.subscription.as_ref().unwrap();
    assert_eq!((sub.active, sub.features.as_ref()), (Some(true), None));
    assert_eq!(sub.extra.get("features"), Some(&json!("webhooks,sync")));
    // One bad item never costs the others; the whole list is kept raw so nothing is lost.
    assert_eq!(a.roles, Some(vec!["plexpass".to_owned(), "admin".to_owned()]));
    assert_eq!(a.extra.get("roles"), Some(&json!(["plexpass", {"odd": 1}, "admin"])));
    assert_eq!(serde_json::to_value(&a).unwrap()["roles"], json!(["plexpass", {"odd": 1}, "admin"]));
}

#[test]
fn out_of_range_ids_are_kept_raw_not_clamped() {
    let a = user(json!({"id": 9.3e18, "homeSize": 18446744073709551615u64}));
    assert_eq!((a.id, a.home_size), (None, None));
    assert_eq!(a.extra.get("id"), Some(&json!(9.3e18)));
    assert_eq!(a.extra.get("homeSize"), Some(&json!(18446744073709551615u64)));
}

#[test]
fn huge_numbers_and_deep_nesting_in_unknown_fields_keep_the_sign_in() {
    let deep = format!("{}1{}", "[".repeat(300), "]".repeat(300));
    let body = format!(r#"{{"id": 7, "authToken": "tok-A", "future": 1e400, "deeper": {deep}, "username": "ana"}}"#);
    let account = PostUsersSignInData::new("ana", "pw").from_response(json(201, body)).unwrap();
    assert_eq!(account.auth_token.as_ref().map(ExposeSecret::expose_secret), Some("tok-A"));
    assert_eq!(account.username.as_deref(), Some("ana"));
    assert_eq!(account.extra.get("future"), Some(&json!("1e400")));
    assert!(account.extra.contains_key("deeper"));
}

#[test]
fn repeated_keys_keep_the_first_usable_value_in_every_model() {
    let body = r#"{"id": 7, "authToken": "A", "authToken": null, "username": "ana", "username": "eve"}"#;
    let account = PostUsersSignInData::new("ana", "pw").from_response(json(201, body)).unwrap();
    assert_eq!(account.auth_token.as_ref().map(ExposeSecret::expose_secret), Some("A"));
    assert_eq!(account.username.as_deref(), Some("ana"));
    let body = r#"{"authToken": null, "authToken": {"x": 1}, "authToken": "B"}"#;
    let account = PostUsersSignInData::new("ana", "pw").from_response(json(201, body)).unwrap();
    assert_eq!(account.auth_token.as_ref().map(ExposeSecret::expose_secret), Some("B"));
    assert!(account.extra.is_empty(), "{:?}", account.extra.keys());
    // The PMS envelope follows the same rule (it used to fail with "duplicate field").
    let body = r#"{"MediaContainer": {"token": "T1", "token": "T2"}, "MediaContainer": null}"#;
    let token = GetTransientToken::new().from_response(json(200, body)).unwrap();
    assert_eq!(token.expose_secret(), "T1");
    let xml_body = r#"<MediaContainer token="T1" token="T2"/>"#;
    assert_eq!(GetTransientToken::new().from_response(xml(200, xml_body)).unwrap().expose_secret(), "T1");
}

#[test]
fn unusable_tokens_are_not_handed_out() {
    for token in ["abc\r\ndef", "   ", "tab\there", "ünïcode"] {
        let body = json!({"id": 1, "authToken": token}).to_string();
        let err = PostUsersSignInData::new("ana", "pw").from_response(json(201, body)).unwrap_err();
        match &err {
            Error::Decode { reason: DecodeReason::InvalidField { field: "authToken", .. }, .. } => {}
            other => panic!("{token:?}: {other:?}"),
        }
        assert!(!err.to_string().contains(token), "{err}");
        let body = json!({"MediaContainer": {"token": token}}).to_string();
        let err = GetTransientToken::new().from_response(json(200, body)).unwrap_err();
        assert!(matches!(err, Error::Decode { reason: DecodeReason::InvalidField { .. }, .. }), "{err:?}");
    }
}

#[test]
fn content_encoded_bodies_are_named_as_such() {
    let resp = http::Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .header("content-encoding", "gzip")
        .body(bytes::Bytes::from_static(b"\x1f\x8b\x08\x00garbage"))
        .unwrap();
    let err = GetTokenDetails::new().from_response(resp).unwrap_err();
    assert!(matches!(err, Error::Decode { reason: DecodeReason::UnexpectedContent("content-encoded"), .. }), "{err:?}");
}

/// A transport that answers `status` with `content_type` and a body made from the request.
fn echoing(
    status: u16,
    content_type: &'static str,
    body: impl Fn(&HttpRequest) -> String + Send + Sync,
) -> impl BlockingTransport {
    plex_auth_core::transport::from_fn(move |req: HttpRequest| {
        Ok(http::Response::builder()
            .status(status)
            .header("content-type", content_type)
            .body(bytes::Bytes::from(body(&req)))
            .unwrap())
    })
}

#[track_caller]
fn assert_scrubbed(err: &Error, secrets: &[&str]) {
    let body = match err {
        Error::Api(api) => api.body.as_bytes().to_vec(),
        Error::Decode { body, .. } => body.as_bytes().to_vec(),
        other => panic!("{other:?}"),
    };
    let shown = format!("{err} | {err:?} | {}", String::from_utf8_lossy(&body));
    for secret in secrets {
        assert!(!shown.contains(secret), "{secret:?} echoed: {shown}");
    }
    assert!(shown.contains(REDACTED), "{shown}");
}

#[test]
fn secrets_a_server_echoes_are_scrubbed_from_errors() {
    let head = |req: &HttpRequest| {
        let headers: String =
            req.headers().iter().map(|(k, v)| format!("{k}: {}\n", String::from_utf8_lossy(v.as_bytes()))).collect();
        format!("{} {}\n{headers}\n{}", req.method(), req.uri(), String::from_utf8_lossy(req.body()))
    };
    let cases: Vec<(Box<dyn BlockingTransport>, &str)> = vec![
        (
            Box::new(echoing(401, "application/json", |_| {
                format!(r#"{{"errors":[{{"code":1001,"message":"token {TOKEN} is not valid"}}]}}"#)
            })),
            "JSON message",
        ),
        (
            Box::new(echoing(401, "text/xml", |_| {
                format!(r#"<errors><error code="1001" message="bad {TOKEN}"/></errors>"#)
            })),
            "XML message attribute",
        ),
        (Box::new(echoing(400, "text/plain", head)), "request head"),
        (Box::new(echoing(200, "application/json", |_| format!("[\"{TOKEN}\""))), "decode error body"),
    ];
    for (transport, what) in cases {
        let client = BlockingClient::new(full_config(), transport);
        let err = client.get_token_details().unwrap_err();
        assert_scrubbed(&err, &[TOKEN]);
        if what == "JSON message" {
            assert_eq!(err.api().unwrap().errors[0].message, format!("token {REDACTED} is not valid"));
        }
    }
    // Sign-in: the password and code, decoded and form-encoded.
    let password = "p@ss word+1";
    let code = "918273";
    let client = BlockingClient::new(full_config(), echoing(401, "text/plain", head));
    let err =
        client.post_users_sign_in_data(&PostUsersSignInData::new("ana", password).verification_code(code)).unwrap_err();
    assert_scrubbed(&err, &[password, "p%40ss+word%2B1", code]);
    let client = BlockingClient::new(
        full_config(),
        echoing(401, "application/json", move |_| {
            format!(r#"{{"errors":[{{"message":"wrong password {}"}}]}}"#, serde_json::to_string(password).unwrap())
        }),
    );
    let err = client.sign_in("ana", password).unwrap_err();
    assert_scrubbed(&err, &[password]);
    // Sans-IO callers scrub with the request they sent.
    let op = GetTokenDetails::new();
    let req = op.to_request(&full_config()).unwrap();
    let err = op.from_response(json(401, format!(r#"{{"error":"{TOKEN}"}}"#))).unwrap_err();
    assert!(err.to_string().contains(TOKEN));
    assert_scrubbed(&err.scrubbed(&req), &[TOKEN]);
}
