//! No token, password, 2FA code or service secret appears in the `Debug` of any value holding
//! one (models, operations, config, clients, errors), nor in the `Display` of any error.
#![allow(clippy::unwrap_used, clippy::expect_used)] // helpers outside #[test] fns unwrap too

mod support;

use plex_auth_core::*;
use std::fmt::Debug;
use support::*;

const PASSWORD: &str = "hunter2-Pa55word";
const CODE: &str = "918273";
const TRANSIENT: &str = "transient-Zq81Lm";
const ACCESS: &str = "access-Wv72Kp";
/// A strong PIN's code (25 letters and digits), which `LinkPin` sends and PIN answers carry.
const PIN_CODE: &str = "pq7wz3lm9kd2xv5rt8hn4bj6f";

/// Every secret value the fixture holds: the account token, service tokens and secrets.
fn fixture_secrets() -> Vec<String> {
    let value = fixture_value();
    let mut out = vec![value["authToken"].as_str().unwrap().to_owned()];
    for service in value["services"].as_array().unwrap() {
        for key in ["token", "secret"] {
            if let Some(s) = service[key].as_str() {
                out.push(s.to_owned());
            }
        }
    }
    assert_eq!(out.len(), 15, "the fixture's token, 13 service tokens and one service secret");
    out
}

fn all_secrets() -> Vec<String> {
    let mut out = fixture_secrets();
    out.extend([TOKEN, PASSWORD, CODE, TRANSIENT, ACCESS, PIN_CODE].map(String::from));
    out
}

#[track_caller]
fn assert_clean(what: &str, text: &str) {
    for secret in all_secrets() {
        assert!(!text.contains(&secret), "{what} leaks {secret:?}:\n{text}");
    }
}

#[track_caller]
fn assert_debug_clean(what: &str, value: &impl Debug) {
    assert_clean(what, &format!("{value:?}"));
    assert_clean(what, &format!("{value:#?}"));
}

#[track_caller]
fn assert_error_clean(what: &str, err: &Error) {
    assert_debug_clean(what, err);
    assert_clean(what, &err.to_string());
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        assert_clean(what, &s.to_string());
        source = s.source();
    }
}

#[test]
fn secret_debug_is_redacted() {
    let s = Secret::new(TOKEN);
    assert_eq!(format!("{s:?}"), REDACTED);
    assert_eq!(format!("{:?}", Some(s.clone())), format!("Some({REDACTED})"));
    assert_eq!(s.expose_secret(), TOKEN, "the value is there, only explicitly");
}

#[test]
fn config_and_builder_debug() {
    let builder = ClientConfig::builder().client_identifier(CLIENT_ID).token(TOKEN);
    assert_debug_clean("ClientConfigBuilder", &builder);
    let cfg = full_config();
    assert_debug_clean("ClientConfig", &cfg);
    assert!(format!("{cfg:?}").contains(REDACTED), "the token is shown as redacted, not dropped silently");
    assert_debug_clean("ClientConfig::token", &cfg.token());
}

#[test]
fn url_userinfo_is_hidden_in_builder_debug_and_refused_by_build() {
    let builder = ClientConfig::builder()
        .client_identifier(CLIENT_ID)
        .server_url(format!("http://admin:{PASSWORD}@127.0.0.1:32400"))
        .plex_tv_url(format!("https://{TOKEN}@proxy.example/api/v2"));
    assert_debug_clean("ClientConfigBuilder with userinfo", &builder);
    let shown = format!("{builder:?}");
    assert!(shown.contains("http://[redacted]@127.0.0.1:32400"), "{shown}");
    assert!(shown.contains("https://[redacted]@proxy.example/api/v2"), "{shown}");
    // Credentials in a URL would reach HTTP stacks' logs: the config refuses them, quietly.
    let err = builder.build().unwrap_err();
    assert_error_clean("userinfo refused", &err);
    assert!(matches!(err, Error::InvalidInput { field: "server_url", .. }), "{err:?}");
}

#[test]
fn secret_named_and_free_form_fields_are_hidden_in_model_debug() {
    let body = serde_json::json!({
        "id": 1,
        "pin": "hashed-pin-sentinel",
        "trials": [{"name": "t", "apiKey": "trial-key-sentinel"}],
        "pastSubscriptions": [{"billing": {"internalPaymentMethod": {"cardToken": "card-sentinel", "last4": "4242"}}}],
    });
    let account = GetTokenDetails::new().from_response(json(200, body.to_string())).unwrap();
    assert_eq!(account.pin.as_deref(), Some("hashed-pin-sentinel"), "the value is there");
    let shown = format!("{account:?} {account:#?}");
    for sentinel in ["hashed-pin-sentinel", "trial-key-sentinel", "card-sentinel"] {
        assert!(!shown.contains(sentinel), "{sentinel} in {shown}");
    }
    assert!(shown.contains("4242") && shown.contains("pin: Some([redacted])"), "{shown}");
}

#[test]
fn operations_debug() {
    assert_debug_clean("GetTransientToken", &GetTransientToken::new().with_token(TOKEN));
    assert_debug_clean(
        "GetSourceConnectionInformation",
        &GetSourceConnectionInformation::new("server://a").with_token(TRANSIENT),
    );
    assert_debug_clean("GetTokenDetails", &GetTokenDetails::new().with_token(TOKEN));
    assert_debug_clean("GetResources", &GetResources::new().with_token(TOKEN));
    let probe = GetServerIdentity::new("http://10.0.0.5:32400").unwrap().with_token(ACCESS);
    assert_debug_clean("GetServerIdentity", &probe);
    assert!(format!("{probe:?}").contains("http://10.0.0.5:32400"), "the URL is not a secret");
    assert_debug_clean("Ping", &Ping::new().with_token(TOKEN));
    assert_debug_clean("SignOut", &SignOut::new().with_token(TOKEN));
    assert_debug_clean("CreatePin", &CreatePin::new().strong(false));
    assert_debug_clean("GetPin", &GetPin::new(4_294_967_301));
    let link = LinkPin::new(PIN_CODE).with_token(TOKEN);
    assert_debug_clean("LinkPin", &link);
    assert!(format!("{link:?}").contains(REDACTED), "the code and token are shown as redacted, not dropped");
    let sign_in = PostUsersSignInData::new("ana@example.com", PASSWORD).remember_me(true).verification_code(CODE);
    assert_debug_clean("PostUsersSignInData", &sign_in);
    assert!(format!("{sign_in:?}").contains("ana@example.com"), "the login is not a secret");
}

#[test]
fn clients_debug() {
    let transport = transport::from_fn(|_| Err(TransportError::new(TransportErrorKind::Connect)));
    assert_debug_clean("BlockingClient", &BlockingClient::new(full_config(), transport.clone()));
    assert_debug_clean("Client", &Client::new(full_config(), transport));
}

#[test]
fn models_debug() {
    let account = PostUsersSignInData::new("ana", PASSWORD).from_response(json(201, SIGNIN_201)).unwrap();
    assert_debug_clean("UserPlexAccount", &account);
    for service in account.services.as_deref().unwrap_or_default() {
        assert_debug_clean("Service", service);
    }
    let body = format!(r#"{{"MediaContainer":{{"Device":{{"accessToken":"{ACCESS}","name":"x","Connection":[]}}}}}}"#);
    let info = GetSourceConnectionInformation::new("server://a").from_response(json(200, body)).unwrap();
    assert_eq!(info.access_token.as_ref().map(ExposeSecret::expose_secret), Some(ACCESS));
    assert_debug_clean("SourceConnectionInformation", &info);
    let token =
        GetTransientToken::new().from_response(json(200, format!(r#"{{"MediaContainer":{{"token":"{TRANSIENT}"}}}}"#)));
    assert_debug_clean("transient token", &token);
}

#[test]
fn resource_debug_never_shows_its_access_token() {
    let body = format!(
        r#"[{{"name":"Den","provides":"server","accessToken":"{ACCESS}","connections":[{{"uri":"http://10.0.0.5:32400","accessToken":"{TRANSIENT}"}}],"serverToken":"{TOKEN}"}}]"#
    );
    let list = GetResources::new().from_response(json(200, body)).unwrap();
    assert_eq!(list[0].access_token.as_ref().map(ExposeSecret::expose_secret), Some(ACCESS), "the value is there");
    assert_debug_clean("Vec<Resource>", &list);
    assert_debug_clean("ResourceConnection", &list[0].connections()[0]);
    let shown = format!("{:?}", list[0]);
    assert!(shown.contains("access_token: Some([redacted])") && shown.contains("Den"), "{shown}");
    // The XML form, and a drifted (numeric) token kept as a secret too.
    let xml = format!(
        r#"<MediaContainer><Device name="Den" accessToken="{ACCESS}"><Connection uri="u"/></Device></MediaContainer>"#
    );
    let list = GetResources::new().from_response(response(200, Some("text/xml"), xml)).unwrap();
    assert_debug_clean("Vec<Resource> from XML", &list);
    let identity = GetServerIdentity::new("http://10.0.0.5:32400")
        .unwrap()
        .from_response(json(200, format!(r#"{{"MediaContainer":{{"machineIdentifier":"m","token":"{TRANSIENT}"}}}}"#)))
        .unwrap();
    assert_debug_clean("ServerIdentity", &identity);
}

#[test]
fn pin_debug_never_shows_its_code_or_token() {
    // The code is under `code` and at the end of the `qr` URL, as plex.tv sends it.
    let pending = format!(
        r#"{{"id":4294967301,"code":"{PIN_CODE}","qr":"https://plex.tv/api/v2/pins/qr/{PIN_CODE}","clientIdentifier":"c","location":{{"code":"NL"}},"authToken":null}}"#
    );
    let pin = CreatePin::new().from_response(json(201, pending)).unwrap();
    assert_eq!(pin.code.as_deref(), Some(PIN_CODE), "the value is there");
    assert_debug_clean("Pin", &pin);
    let shown = format!("{pin:?}");
    assert!(shown.contains("code: Some([redacted])") && shown.contains("qr: Some([redacted])"), "{shown}");
    assert!(shown.contains("4294967301"), "the id is not a secret: {shown}");
    let approved = format!(
        r#"{{"id":4294967301,"code":"{PIN_CODE}","qr":"https://plex.tv/api/v2/pins/qr/{PIN_CODE}","authToken":"{ACCESS}","newRegistration":false,"futureCode":"{TRANSIENT}"}}"#
    );
    let pin = GetPin::new(4_294_967_301).from_response(json(200, approved)).unwrap();
    assert_eq!(pin.token().map(ExposeSecret::expose_secret), Some(ACCESS), "the value is there");
    assert_debug_clean("approved Pin", &pin);
    assert!(format!("{pin:?}").contains("auth_token: Some([redacted])"), "{pin:?}");
}

#[test]
fn requests_mark_tokens_sensitive() {
    let cfg = full_config();
    let requests = [
        GetTransientToken::new().to_request(&cfg).unwrap(),
        GetSourceConnectionInformation::new("server://a").with_token(TRANSIENT).to_request(&cfg).unwrap(),
        GetTokenDetails::new().to_request(&cfg).unwrap(),
        GetResources::new().to_request(&cfg).unwrap(),
        GetServerIdentity::new("http://10.0.0.5:32400").unwrap().with_token(ACCESS).to_request(&cfg).unwrap(),
        Ping::new().to_request(&cfg).unwrap(),
        SignOut::new().to_request(&cfg).unwrap(),
        LinkPin::new(PIN_CODE).to_request(&cfg).unwrap(),
    ];
    for req in &requests {
        assert!(req.headers()["x-plex-token"].is_sensitive());
        assert_debug_clean("request headers", req.headers());
    }
}

#[test]
fn redacted_view_of_every_request_shows_the_exchange_but_no_secret() {
    let cfg = full_config();
    let sign_in = PostUsersSignInData::new("ana@example.com", PASSWORD).verification_code(CODE);
    let requests = [
        GetTransientToken::new().to_request(&cfg).unwrap(),
        GetSourceConnectionInformation::new("server://a").with_token(TRANSIENT).to_request(&cfg).unwrap(),
        GetTokenDetails::new().to_request(&cfg).unwrap(),
        sign_in.to_request(&cfg).unwrap(),
        GetResources::new().to_request(&cfg).unwrap(),
        GetServerIdentity::new("http://10.0.0.5:32400").unwrap().with_token(ACCESS).to_request(&cfg).unwrap(),
        Ping::new().to_request(&cfg).unwrap(),
        SignOut::new().to_request(&cfg).unwrap(),
        CreatePin::new().to_request(&cfg).unwrap(),
        GetPin::new(4_294_967_301).to_request(&cfg).unwrap(),
        LinkPin::new(PIN_CODE).to_request(&cfg).unwrap(),
    ];
    assert!(format!("{:?}", requests[3]).contains(PASSWORD), "http's own Debug prints the body");
    assert!(format!("{:?}", requests[10]).contains(PIN_CODE), "the linked code is in the form body");
    for req in &requests {
        assert_debug_clean("redacted request", &redacted(req));
    }
    let shown = format!("{:?}", redacted(&requests[3]));
    assert!(shown.starts_with("Request { method: POST, uri: http://127.0.0.1:8443/api/v2/users/signin,"), "{shown}");
    assert!(shown.contains(&format!("\"x-plex-client-identifier\": \"{CLIENT_ID}\"")), "{shown}");
    assert!(shown.contains(&format!("body: Body({} bytes)", requests[3].body().len())), "{shown}");
    let shown = format!("{:?}", redacted(&requests[2]));
    assert!(shown.contains(&format!("\"x-plex-token\": {REDACTED}")), "{shown}");
}

#[test]
fn redacted_view_hides_tokens_in_queries_userinfo_and_credential_headers() {
    let req = http::Request::get(format!("http://ana:{PASSWORD}@10.0.0.5:32400/library?X-Plex-Token={TOKEN}&type=1"))
        .header("authorization", format!("Bearer {ACCESS}"))
        .header("x-plex-token", TOKEN)
        .header("accept", "application/json")
        .body(bytes::Bytes::new())
        .unwrap();
    let shown = format!("{:?}", redacted(&req));
    assert_clean("redacted request", &shown);
    assert!(shown.contains(&format!("uri: http://10.0.0.5:32400/library?X-Plex-Token={REDACTED}&type=1,")), "{shown}");
    assert!(shown.contains(&format!("\"authorization\": {REDACTED}")), "{shown}");
    assert!(shown.contains("\"accept\": \"application/json\""), "{shown}");
}

#[test]
fn redacted_view_hides_percent_encoded_and_oddly_spelled_token_keys() {
    for key in ["X-Plex-%54oken", "x-plex-token", "X%2DPlex%2DToken", "auth_token", "apiKey", "verification-code"] {
        let req = http::Request::get(format!("http://10.0.0.5:32400/library?type=1&{key}={TOKEN}"))
            .body(bytes::Bytes::new())
            .unwrap();
        let shown = format!("{:?}", redacted(&req));
        assert_clean("redacted request", &shown);
        assert!(shown.contains(&format!("?type=1&{key}={REDACTED},")), "{key}: {shown}");
    }
}

#[test]
fn redacted_view_of_a_sign_in_answer_shows_status_and_length_only() {
    let resp = json(201, SIGNIN_201);
    assert!(format!("{resp:?}").contains(&fixture_secrets()[0]), "http's own Debug prints the body");
    let shown = format!("{:?}", redacted(&resp));
    assert_debug_clean("redacted response", &redacted(&resp));
    assert!(shown.starts_with("Response { status: 201, version: HTTP/1.1,"), "{shown}");
    assert!(shown.ends_with(&format!("body: Body({} bytes) }}", SIGNIN_201.len())), "{shown}");
}

#[test]
fn invalid_input_errors_do_not_echo_secrets() {
    let cfg = full_config();
    let errors = [
        ClientConfig::builder().client_identifier(CLIENT_ID).token(format!("{TOKEN}\r\n")).build().unwrap_err(),
        full_config().with_token(format!("{TOKEN}\n")).unwrap_err(),
        GetTokenDetails::new().with_token(format!("{TOKEN}\0")).to_request(&cfg).unwrap_err(),
        PostUsersSignInData::new("", PASSWORD).to_request(&cfg).unwrap_err(),
        PostUsersSignInData::new("ana", PASSWORD).verification_code("  ").to_request(&cfg).unwrap_err(),
    ];
    for err in &errors {
        assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
        assert_error_clean("InvalidInput", err);
    }
}

#[test]
fn api_errors_keep_bodies_out_of_debug_and_display() {
    let token = fixture_secrets().remove(0);
    let bodies = [
        (
            401,
            Some("application/json"),
            format!(r#"{{"errors":[{{"code":1001,"message":"nope"}}],"authToken":"{token}"}}"#),
        ),
        (422, Some("application/xml"), format!(r#"<errors token="{TOKEN}"><error>Invalid token</error></errors>"#)),
        (500, Some("text/html"), format!("<html>X-Plex-Token={TOKEN} password={PASSWORD}</html>")),
        (429, None, format!("{TRANSIENT} {ACCESS} {CODE}")),
    ];
    for (status, ct, body) in bodies {
        for err in [
            GetTokenDetails::new().from_response(response(status, ct, body.clone())).unwrap_err(),
            PostUsersSignInData::new("ana", PASSWORD).from_response(response(status, ct, body.clone())).unwrap_err(),
            GetTransientToken::new().from_response(response(status, ct, body.clone())).unwrap_err(),
        ] {
            let api = err.api().unwrap();
            assert_eq!(api.body.as_bytes(), body.as_bytes(), "the body is kept whole for the caller");
            assert_debug_clean("ApiError", api);
            assert_error_clean("Error::Api", &err);
        }
    }
}

#[test]
fn decode_errors_keep_bodies_out_of_debug_and_display() {
    let full = String::from_utf8(SIGNIN_201.to_vec()).unwrap();
    let truncated = &full[..full.len() / 2];
    let bodies: Vec<(Option<&str>, String)> = vec![
        (Some("application/json"), truncated.to_owned()),
        (Some("text/html"), full.clone()),
        (Some("application/json"), full.replace("\"confirmed\": false", "\"confirmed\": \"sometimes\"")),
        (Some("application/json"), full.replace("\"homeSize\": 1", "\"homeSize\": []")),
        (Some("application/json"), full.replace("\"jx9nTbVbHk1gM\"", "{\"value\": \"jx9nTbVbHk1gM\"}")),
        (Some("application/json"), full.replace("\"d2h7zUjKgT5oLwQ3cQ6d\"", "[\"d2h7zUjKgT5oLwQ3cQ6d\"]")),
        (Some("application/xml"), format!("<user authToken=\"{TOKEN}\"/>")),
    ];
    // Drifted fields decode (kept raw in `extra`); what fails must fail cleanly, and what
    // decodes must print cleanly too.
    let mut failures = 0;
    for (ct, body) in &bodies {
        for outcome in [
            PostUsersSignInData::new("ana", PASSWORD).from_response(response(201, *ct, body.clone())),
            GetTokenDetails::new().from_response(response(200, *ct, body.clone())),
        ] {
            match outcome {
                Ok(account) => assert_debug_clean("a drifted account", &account),
                Err(err) => {
                    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
                    assert_error_clean("Error::Decode (account)", &err);
                    failures += 1;
                }
            }
        }
    }
    // Truncated, HTML and XML fail for both operations; an authToken object fails sign-in only.
    assert_eq!(failures, 7);
    let pms_bodies = [
        format!(r#"{{"MediaContainer":{{"token":{{"v":"{TRANSIENT}"}}}}}}"#),
        format!(r#"{{"MediaContainer":{{"token":["{TRANSIENT}"]}}}}"#),
        format!(r#"<MediaContainer token="{TRANSIENT}""#),
        format!(r#"{{"MediaContainer":{{"Device":{{"accessToken":{{"t":"{ACCESS}"}}}}}}}}"#),
    ];
    for body in &pms_bodies {
        let ct = if body.starts_with('<') { "text/xml" } else { "application/json" };
        let err = GetTransientToken::new().from_response(response(200, Some(ct), body.clone())).unwrap_err();
        assert_error_clean("Error::Decode (transient)", &err);
        match GetSourceConnectionInformation::new("server://a").from_response(response(200, Some(ct), body.clone())) {
            Ok(info) => assert_debug_clean("a drifted device", &info),
            Err(err) => assert_error_clean("Error::Decode (resources)", &err),
        }
    }
}
