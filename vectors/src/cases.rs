//! The cases, as data. The expected halves are not written here: [`generate`](crate::generate)
//! runs each case through the core, and the committed files are what review approves.

use crate::{VectorConfig, VectorError};
use plex_auth_core::jwt::DeviceKey;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// A golden request: what goes in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestCase {
    /// The file stem, `snake_case`.
    pub name: String,
    /// What the case shows.
    pub description: String,
    /// The client configuration.
    pub config: VectorConfig,
    /// The operation (see [`OPERATIONS`](crate::dispatch::OPERATIONS)).
    pub operation: String,
    /// Its parameters.
    pub params: Value,
}

/// A response as a vector holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VectorResponse {
    /// The HTTP status.
    pub status: u16,
    /// The headers, lowercase names.
    pub headers: BTreeMap<String, String>,
    /// The body as text (every body in the vectors is UTF-8).
    pub body: String,
}

impl VectorResponse {
    /// The `http::Response` the core decodes.
    pub fn to_http(&self) -> Result<plex_auth_core::HttpResponse, VectorError> {
        let mut b = http::Response::builder().status(self.status);
        for (name, value) in &self.headers {
            b = b.header(name.as_str(), value.as_str());
        }
        b.body(bytes::Bytes::from(self.body.clone())).map_err(|e| VectorError::new(format!("response: {e}")))
    }
}

/// A decoding case: what comes back, and which operation decodes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecodingCase {
    /// The file stem, `snake_case`.
    pub name: String,
    /// What the case shows.
    pub description: String,
    /// The operation (see [`OPERATIONS`](crate::dispatch::OPERATIONS)).
    pub operation: String,
    /// Its parameters (decoding does not depend on most of them, but they name the operation fully).
    pub params: Value,
    /// The response to decode.
    pub response: VectorResponse,
}

// The inputs of the core's own tests (crates/plex-auth-core/tests/support), with a token that is
// visibly fake: the vectors are read outside this repository.
const CLIENT_ID: &str = "3381b62b-9ab7-4e37-827b-203e9809eb58";
const TOKEN: &str = "fake-vector-token-1";
const SERVER: &str = "http://127.0.0.1:32400";
const PLEX_TV: &str = "http://127.0.0.1:8443/api/v2";
/// The JWT tests' client identifier and token (tests/tests/jwt.rs).
const APP: &str = "plex-auth-jwt-app";
const LEGACY_TOKEN: &str = "legacy-token-9Zq";
/// A device JWT's shape; the core sends it as given, so any fake value shows the encoding.
const DEVICE_JWT: &str = "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJub25jZSI6Im4tMSJ9.ZmFrZS1zaWduYXR1cmU";

fn full_config() -> VectorConfig {
    let s = |v: &str| Some(v.to_owned());
    VectorConfig {
        client_identifier: CLIENT_ID.into(),
        product: s("Plex for Roku"),
        version: s("2.4.1"),
        platform: s("Roku"),
        platform_version: s("4.3 build 1057"),
        device: s("Roku 3"),
        device_name: s("Wohnzimmer – Fernseher"),
        model: s("4200X"),
        device_vendor: s("Roku"),
        marketplace: s("googlePlay"),
        server_url: s(SERVER),
        plex_tv_url: s(PLEX_TV),
        clients_plex_tv_url: None,
        token: s(TOKEN),
    }
}

fn with_token(mut cfg: VectorConfig, token: &str) -> VectorConfig {
    cfg.token = Some(token.to_owned());
    cfg
}

fn jwt_config() -> VectorConfig {
    with_token(VectorConfig::id(APP), LEGACY_TOKEN)
}

/// The device key of the JWT vectors: a fixed seed, so its public JWK is stable.
fn device_jwk() -> Result<Value, VectorError> {
    serde_json::to_value(DeviceKey::from_seed([7; 32]).public_jwk()).map_err(|e| VectorError::new(e.to_string()))
}

fn req(name: &str, description: &str, config: VectorConfig, operation: &str, params: Value) -> RequestCase {
    RequestCase { name: name.into(), description: description.into(), config, operation: operation.into(), params }
}

/// Every golden request case.
pub fn request_cases() -> Result<Vec<RequestCase>, VectorError> {
    let full = full_config;
    let slashes = VectorConfig {
        plex_tv_url: Some("https://clients.plex.tv/api/v2/".into()),
        server_url: Some("https://10-0-0-5.0123456789abcdef0123456789abcdef.plex.direct:32400/".into()),
        ..with_token(VectorConfig::id("abc"), TOKEN)
    };
    let jwk = device_jwk()?;
    let src = "server://546684a3d18ac5c39037360ec9ce900b7af9cc36";
    Ok(vec![
        req(
            "transient_token_get",
            "GET /security/token on the server, with the config's token.",
            full(),
            "get_transient_token",
            json!({}),
        ),
        req("transient_token_post", "The same with POST.", full(), "get_transient_token", json!({"method": "POST"})),
        req(
            "transient_token_own_token",
            "An operation's own token overrides the config's.",
            full(),
            "get_transient_token",
            json!({"token": "transient-override"}),
        ),
        req(
            "transient_token_trailing_slash",
            "A trailing slash on the server URL is not doubled.",
            slashes.clone(),
            "get_transient_token",
            json!({}),
        ),
        req(
            "source_info_server_source",
            "A server:// source is percent-encoded into the query.",
            full(),
            "get_source_connection_information",
            json!({"source": src}),
        ),
        req(
            "source_info_refresh_and_path",
            "refresh=1, and a source with a path.",
            full(),
            "get_source_connection_information",
            json!({"source": format!("{src}/com.plexapp.plugins.library"), "refresh": true}),
        ),
        req(
            "source_info_refresh_false",
            "refresh=false sends no refresh parameter.",
            full(),
            "get_source_connection_information",
            json!({"source": "provider://tv.plex.provider.podcasts", "refresh": false}),
        ),
        req(
            "source_info_reserved_characters",
            "Every reserved character of the source is percent-encoded (RFC 3986 unreserved kept).",
            full(),
            "get_source_connection_information",
            json!({"source": "provider://tv.plex.provider.podcasts/a b&c=d+é?#%~_-", "refresh": true}),
        ),
        req(
            "source_info_own_token",
            "A transient token given to the operation.",
            full(),
            "get_source_connection_information",
            json!({"source": "server://abc", "token": "transient-xyz"}),
        ),
        req("token_details", "GET /user on plex.tv with the token.", full(), "get_token_details", json!({})),
        req(
            "token_details_default_plex_tv",
            "The default plex.tv URL and only the client identifier as identity.",
            with_token(VectorConfig::id("abc"), TOKEN),
            "get_token_details",
            json!({}),
        ),
        req(
            "token_details_trailing_slash",
            "A trailing slash on the plex.tv URL is not doubled.",
            slashes,
            "get_token_details",
            json!({}),
        ),
        req(
            "sign_in_plain",
            "The sign-in form; never the config's token.",
            full(),
            "sign_in",
            json!({"login": "username@email.com", "password": "password123"}),
        ),
        req(
            "sign_in_remember_me_and_code",
            "rememberMe=true and a 2FA code; the password's reserved characters form-encoded.",
            full(),
            "sign_in",
            json!({"login": "ana", "password": "p@ss w0rd&=+é", "remember_me": true, "verification_code": "123456"}),
        ),
        req(
            "sign_in_remember_me_false",
            "rememberMe=false is sent.",
            full(),
            "sign_in",
            json!({"login": "ana", "password": "pw", "remember_me": false}),
        ),
        req(
            "sign_in_code_without_remember_me",
            "A code without rememberMe.",
            full(),
            "sign_in",
            json!({"login": "ana", "password": "pw", "verification_code": "654321"}),
        ),
        req(
            "sign_in_without_any_token",
            "Sign-in needs no token: three headers only.",
            VectorConfig::id("abc"),
            "sign_in",
            json!({"login": "ana", "password": "pw"}),
        ),
        req(
            "create_pin_strong",
            "POST /pins?strong=true on clients.plex.tv (which follows an overridden plex.tv), no token.",
            full(),
            "create_pin",
            json!({}),
        ),
        req("create_pin_short", "A short 4-character PIN.", full(), "create_pin", json!({"strong": false})),
        req("create_pin_default_hosts", "clients.plex.tv by default.", VectorConfig::id("c"), "create_pin", json!({})),
        req(
            "create_pin_with_jwk",
            "The JWT variant: JSON {jwk, strong}, no query.",
            jwt_config(),
            "create_pin",
            json!({"jwk": jwk}),
        ),
        req(
            "create_pin_with_jwk_short",
            "The JWT variant of a short PIN.",
            jwt_config(),
            "create_pin",
            json!({"jwk": jwk, "strong": false}),
        ),
        req(
            "get_pin_64_bit_id",
            "Polling a PIN whose id does not fit 32 bits, without a token.",
            full(),
            "get_pin",
            json!({"id": 4_294_967_301_i64}),
        ),
        req(
            "get_pin_with_device_jwt",
            "Polling a JWT PIN with the device JWT.",
            jwt_config(),
            "get_pin",
            json!({"id": 4_294_967_301_i64, "device_jwt": DEVICE_JWT}),
        ),
        req(
            "get_pin_device_jwt_reserved_characters",
            "A device JWT's reserved characters are percent-encoded in the query (base64url ones are not).",
            jwt_config(),
            "get_pin",
            json!({"id": 1, "device_jwt": "a b+c/d=e&f?g#h%i"}),
        ),
        req(
            "link_pin",
            "PUT /pins/link with the code as a form, the token, and X-Plex-Product: Plex SSO.",
            full(),
            "link_pin",
            json!({"code": "7rqz"}),
        ),
        req("resources", "GET /resources asks for every connection kind.", full(), "get_resources", json!({})),
        req(
            "resources_default_host",
            "clients.plex.tv by default.",
            with_token(VectorConfig::id(CLIENT_ID), TOKEN),
            "get_resources",
            json!({}),
        ),
        req("resources_no_https", "includeHttps=0.", full(), "get_resources", json!({"include_https": false})),
        req("resources_no_relay", "includeRelay=0.", full(), "get_resources", json!({"include_relay": false})),
        req("resources_no_ipv6", "includeIPv6=0.", full(), "get_resources", json!({"include_ipv6": false})),
        req(
            "resources_own_token",
            "An operation's own token.",
            full(),
            "get_resources",
            json!({"token": "other-token"}),
        ),
        req(
            "identity_without_token",
            "GET {uri}/identity on the given URL, no token unless asked.",
            full(),
            "get_server_identity",
            json!({"url": "https://10-0-0-5.abc.plex.direct:32400/"}),
        ),
        req(
            "identity_with_token",
            "An IPv6 URL and a token.",
            full(),
            "get_server_identity",
            json!({"url": "http://[2001:db8::5]:32400", "token": "server-token"}),
        ),
        req("ping", "GET /ping with the token.", full(), "ping", json!({})),
        req("sign_out", "DELETE /users/signout with the token.", full(), "sign_out", json!({})),
        req("sign_out_own_token", "Signing out another token.", full(), "sign_out", json!({"token": "old-token"})),
        req("get_nonce", "GET /auth/nonce, no token.", jwt_config(), "get_nonce", json!({})),
        req("get_plex_keys", "GET /auth/keys, no token.", jwt_config(), "get_plex_keys", json!({})),
        req(
            "exchange_device_jwt",
            "POST /auth/token with JSON {jwt}, no token.",
            jwt_config(),
            "exchange_device_jwt",
            json!({"device_jwt": DEVICE_JWT}),
        ),
        req(
            "register_device_key",
            "POST /auth/jwk with JSON {jwk} and the token.",
            jwt_config(),
            "register_device_key",
            json!({"jwk": jwk}),
        ),
        req(
            "register_device_key_own_token",
            "Its own token wins.",
            jwt_config(),
            "register_device_key",
            json!({"jwk": jwk, "token": "own-token"}),
        ),
    ])
}

const SIGNIN_201: &str = include_str!("../../crates/plex-auth-core/tests/fixtures/signin-201.json");
const SIGNIN_201_VARIANT: &str = include_str!("../../crates/plex-auth-core/tests/fixtures/signin-201-variant.json");
const RESOURCES_200: &str = include_str!("../../crates/plex-auth-core/tests/fixtures/resources-200.json");
const JSON_CT: &str = "application/json; charset=utf-8";

fn seed(name: &str) -> Result<&'static str, VectorError> {
    macro_rules! seeds {
        ($($file:literal),* $(,)?) => {
            match name {
                $($file => Ok(include_str!(concat!("../../fuzz/seeds/bodies/", $file))),)*
                other => Err(VectorError::new(format!("no seed body {other}"))),
            }
        };
    }
    seeds!(
        "identity.json",
        "identity.xml",
        "nonce.json",
        "nonce-drift.json",
        "keys.json",
        "keys-single.json",
        "token-answer.json",
        "error-jwt-signature.json",
        "error-jwt-thumbprint.json",
        "error-jwk-missing.json",
        "error-498-echo.json",
        "error-1003.json",
        "pin-approved.json",
        "pin.json",
        "resources.xml",
        "source-info.json",
        "source-info.xml",
        "transient-token.xml",
        "error-403.html",
        "error-422.xml",
        "error-2fa.xml",
        "error-401.xml",
    )
}

fn resp(status: u16, content_type: Option<&str>, body: impl Into<String>) -> VectorResponse {
    let mut headers = BTreeMap::new();
    if let Some(ct) = content_type {
        headers.insert("content-type".to_owned(), ct.to_owned());
    }
    VectorResponse { status, headers, body: body.into() }
}

fn jsonr(status: u16, body: impl Into<String>) -> VectorResponse {
    resp(status, Some(JSON_CT), body)
}

fn dec(name: &str, description: &str, operation: &str, params: Value, response: VectorResponse) -> DecodingCase {
    DecodingCase { name: name.into(), description: description.into(), operation: operation.into(), params, response }
}

fn parse(text: &str) -> Result<Value, VectorError> {
    serde_json::from_str(text).map_err(|e| VectorError::new(format!("fixture: {e}")))
}

/// Every decoding case.
pub fn decoding_cases() -> Result<Vec<DecodingCase>, VectorError> {
    let sign_in = || json!({"login": "ana", "password": "pw"});
    let user = |name: &str, description: &str, body: Value| {
        dec(name, description, "get_token_details", json!({}), jsonr(200, body.to_string()))
    };
    let src = || json!({"source": "server://546684a3d18ac5c39037360ec9ce900b7af9cc36"});
    let transient = || json!({});
    let device = json!({
        "accessToken": "access-4c5d",
        "clientIdentifier": "546684a3d18ac5c39037360ec9ce900b7af9cc36",
        "name": "Living Room",
        "Connection": [
            {"uri": "http://192.168.1.10:32400", "address": "192.168.1.10", "port": 32400, "protocol": "http",
             "local": true, "relay": false},
            {"uri": "https://162-243-175-222.fc6b.plex.direct:8443", "address": "162.243.175.222", "port": "8443",
             "protocol": "https", "local": "0", "relay": 1, "IPv6": false}
        ]
    });
    let mut second = device.clone();
    second["name"] = json!("Other");
    let mut single_connection = device.clone();
    single_connection["Connection"] = device["Connection"][0].clone();
    let mut unknown_fields = parse(SIGNIN_201)?;
    unknown_fields["newTopLevel"] = json!({"nested": [1, "two", null]});
    unknown_fields["jwtEnabled"] = json!(true);
    unknown_fields["profile"]["defaultSubtitleLanguagesV2"] = json!(["en", "de"]);
    unknown_fields["subscription"]["trialEndsAt"] = json!(1_800_000_000);
    unknown_fields["services"][0]["region"] = json!("eu");
    unknown_fields["pastSubscriptions"][0]["billing"]["currency"] = json!("EUR");
    let html_403 = "<html><head><title>Forbidden</title></head><body><h1>403 Forbidden</h1></body></html>";
    let mut retry_30 = resp(429, Some("text/plain"), "Too Many Requests");
    retry_30.headers.insert("retry-after".into(), "30".into());
    let mut retry_date = resp(429, None, "");
    retry_date.headers.insert("retry-after".into(), "Wed, 21 Oct 2015 07:28:00 GMT".into());
    let mut retry_soon = resp(429, None, "");
    retry_soon.headers.insert("retry-after".into(), "soon".into());
    let mut retry_503 = resp(503, None, "");
    retry_503.headers.insert("retry-after".into(), "5".into());
    let spec_pin = r#"{
  "id": 373040866, "code": "7RQZ", "product": "0", "trusted": false,
  "qr": "https://plex.tv/api/v2/pins/qr/7RQZ", "clientIdentifier": "9klpwueublnfbvlx95w83ah9",
  "location": {"code": "NL", "european_union_member": true, "continent_code": "EU", "country": "The Netherlands",
               "city": "Breda", "time_zone": "Europe/Amsterdam", "postal_code": 802,
               "in_privacy_restricted_country": true, "in_privacy_restricted_region": true,
               "subdivisions": "North Brabant", "coordinates": "51.5869, 4.7471"},
  "expiresIn": 876, "createdAt": "2024-07-16T17:03:05Z", "expiresAt": "2024-07-16T17:18:05Z",
  "authToken": null, "newRegistration": null
}"#;
    let pin = |id: i64| json!({"id": id});
    let jwk = device_jwk()?;
    Ok(vec![
        // The reference fixtures.
        dec(
            "sign_in_fixture",
            "The API reference's sign-in answer (201): every field modelled, nulls absent.",
            "sign_in",
            sign_in(),
            jsonr(201, SIGNIN_201),
        ),
        dec(
            "sign_in_fixture_variant",
            "The reference's second fixture: nulls, no past subscriptions, `active`.",
            "sign_in",
            sign_in(),
            jsonr(201, SIGNIN_201_VARIANT),
        ),
        dec("sign_in_fixture_200", "Sign-in accepts 200 as well as 201.", "sign_in", sign_in(), jsonr(200, SIGNIN_201)),
        dec(
            "token_details_fixture",
            "GET /user decodes the same body to the same account.",
            "get_token_details",
            json!({}),
            jsonr(200, SIGNIN_201),
        ),
        dec(
            "resources_fixture",
            "GET /resources: an owned server, a shared one, a player.",
            "get_resources",
            json!({}),
            jsonr(200, RESOURCES_200),
        ),
        dec(
            "create_pin_spec_example",
            "The spec's AuthPinContainer example: null token and registration.",
            "create_pin",
            json!({}),
            jsonr(201, spec_pin),
        ),
        // Drift (peers.md pain point 1).
        user(
            "account_booleans_as_numbers_and_strings",
            "Booleans as true, 1, \"1\", \"true\", \" 1 \", 0.0, \"TRUE\".",
            json!({
                "confirmed": 1, "emailOnlyAuth": 0, "hasPassword": "1", "protected": "0",
                "mailingListActive": "true", "restricted": "false", "anonymous": true, "home": "TRUE",
                "guest": 0.0, "homeAdmin": false, "adsConsent": "1", "experimentalFeatures": 1,
                "twoFactorEnabled": "0", "backupCodesCreated": " 1 ",
                "profile": {"autoSelectAudio": 0},
                "subscription": {"active": "1"},
                "pastSubscriptions": [{"canceled": 1, "onHold": "false"}]
            }),
        ),
        user(
            "account_numbers_and_strings_cross_over",
            "Numbers as strings and strings as numbers.",
            json!({
                "id": "62735028", "joinedAt": "1552593531", "homeSize": 1.0, "adsConsentSetAt": "1700000000",
                "uuid": 12345, "country": 34, "scrobbleTypes": true
            }),
        ),
        user(
            "account_integer_enums_known",
            "Every profile enum at a known value, one as a string.",
            json!({"profile": {
            "autoSelectSubtitle": 2, "defaultSubtitleAccessibility": 3, "defaultSubtitleForced": "2",
            "watchedIndicator": 3, "mediaReviewsVisibility": 2, "defaultAudioAccessibility": 1}}),
        ),
        user(
            "account_integer_enums_unknown",
            "Unknown integer enum values are kept as sent; true counts as 1.",
            json!({"profile": {
            "autoSelectSubtitle": 7, "watchedIndicator": -1, "defaultSubtitleForced": "9", "mediaReviewsVisibility": true}}),
        ),
        user(
            "account_string_enums_unknown",
            "Unknown string enum values are kept as sent.",
            json!({
                "mailingListStatus": "paused",
                "subscription": {"status": "Pending"},
                "services": [{"identifier": "epg", "status": "degraded"}, {"status": "offline"}],
                "pastSubscriptions": [{"state": "active"}]
            }),
        ),
        user(
            "account_mailing_list_removed",
            "The spec-1.1.1 value `removed` is known.",
            json!({"mailingListStatus": "removed"}),
        ),
        user(
            "account_missing_blocks",
            "Missing optional blocks are absent, not errors.",
            json!({"id": 1, "uuid": "u", "authToken": "t"}),
        ),
        user(
            "account_empty_object",
            "Even an empty object is an account (only sign-in insists on a token).",
            json!({}),
        ),
        user(
            "account_nulls_everywhere",
            "Nulls, including inside blocks.",
            json!({"subscription": null, "profile": {"autoSelectSubtitle": null}, "services": null}),
        ),
        dec(
            "sign_in_unknown_fields_at_every_level",
            "Unknown fields are kept at every level and written back.",
            "sign_in",
            sign_in(),
            jsonr(201, unknown_fields.to_string()),
        ),
        user(
            "account_single_object_for_list",
            "A single object where a list is expected.",
            json!({"subscriptions": {"active": true, "plan": "lifetime"}, "roles": ["plexpass"]}),
        ),
        dec(
            "account_impossible_values",
            "Impossible values degrade to absent, the raw value kept.",
            "get_token_details",
            json!({}),
            jsonr(200, r#"{"id": 1, "confirmed": "maybe", "profile": [1, 2]}"#),
        ),
        dec(
            "pin_claimed_64_bit_id",
            "A claimed PIN: its token, an id past 32 bits, an unknown field.",
            "get_pin",
            pin(4_294_967_301),
            jsonr(
                200,
                r#"{"id": 4294967301, "code": "x", "authToken": "tok-123456", "newRegistration": true, "futureField": [1]}"#,
            ),
        ),
        dec(
            "pin_drifted_fields",
            "Drifted PIN fields degrade instead of failing; an empty token is no token.",
            "get_pin",
            pin(42),
            jsonr(
                200,
                r#"{"id": "42", "code": "abcd", "expiresIn": "maybe", "trusted": "1", "newRegistration": "perhaps", "authToken": ""}"#,
            ),
        ),
        dec(
            "pin_approved",
            "An approved strong PIN.",
            "get_pin",
            pin(4_294_967_301),
            jsonr(200, seed("pin-approved.json")?),
        ),
        // Transient tokens, JSON and XML.
        dec(
            "transient_token_json",
            "The token in MediaContainer.",
            "get_transient_token",
            transient(),
            jsonr(200, r#"{"MediaContainer":{"size":0,"token":"transient-9f8e7d"}}"#),
        ),
        dec(
            "transient_token_json_post",
            "The same answer to POST.",
            "get_transient_token",
            json!({"method": "POST"}),
            jsonr(200, r#"{"MediaContainer":{"size":0,"token":"transient-9f8e7d"}}"#),
        ),
        dec(
            "transient_token_xml",
            "XML by content type.",
            "get_transient_token",
            transient(),
            resp(
                200,
                Some("text/xml;charset=utf-8"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<MediaContainer size=\"0\" token=\"transient-xml-1\"/>",
            ),
        ),
        dec(
            "transient_token_xml_sniffed",
            "XML without a content type is sniffed.",
            "get_transient_token",
            transient(),
            resp(
                200,
                None,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<MediaContainer size=\"0\" token=\"transient-xml-1\"/>",
            ),
        ),
        dec(
            "transient_token_xml_entity",
            "application/xml, and an entity in the attribute.",
            "get_transient_token",
            transient(),
            resp(200, Some("application/xml"), r#"<MediaContainer token="a&amp;b"></MediaContainer>"#),
        ),
        dec(
            "transient_token_numeric",
            "A numeric token is accepted as text.",
            "get_transient_token",
            transient(),
            jsonr(200, r#"{"MediaContainer":{"token":123456789}}"#),
        ),
        dec(
            "transient_token_missing",
            "No token: a missing field.",
            "get_transient_token",
            transient(),
            resp(200, Some("application/json"), r#"{"MediaContainer":{"size":0}}"#),
        ),
        dec(
            "transient_token_empty",
            "An empty token is a missing one.",
            "get_transient_token",
            transient(),
            resp(200, Some("application/json"), r#"{"MediaContainer":{"token":""}}"#),
        ),
        dec(
            "transient_token_no_container",
            "No MediaContainer at all.",
            "get_transient_token",
            transient(),
            resp(200, Some("application/json"), "{}"),
        ),
        dec(
            "transient_token_missing_xml",
            "No token attribute in XML.",
            "get_transient_token",
            transient(),
            resp(200, Some("text/xml"), r#"<MediaContainer size="0"/>"#),
        ),
        dec(
            "transient_token_malformed_xml",
            "Malformed XML is an XML decode error.",
            "get_transient_token",
            transient(),
            resp(200, Some("text/xml"), "<MediaContainer token=\"x\""),
        ),
        // Source connection information.
        dec(
            "source_info_device_object",
            "Device as an object; drifted ports and booleans; unknown IPv6 kept.",
            "get_source_connection_information",
            src(),
            jsonr(200, json!({"MediaContainer": {"size": 1, "Device": device}}).to_string()),
        ),
        dec(
            "source_info_device_array",
            "Device as a list: the first is taken.",
            "get_source_connection_information",
            src(),
            jsonr(200, json!({"MediaContainer": {"size": 2, "Device": [device, second]}}).to_string()),
        ),
        dec(
            "source_info_single_connection",
            "A single Connection object where a list is expected.",
            "get_source_connection_information",
            src(),
            jsonr(200, json!({"MediaContainer": {"Device": single_connection}}).to_string()),
        ),
        dec(
            "source_info_xml",
            "The same device in XML.",
            "get_source_connection_information",
            src(),
            resp(200, Some("application/xml"), seed("source-info.xml")?),
        ),
        dec(
            "source_info_xml_sniffed",
            "The same XML without a content type is sniffed.",
            "get_source_connection_information",
            src(),
            resp(200, None, seed("source-info.xml")?),
        ),
        dec(
            "source_info_no_device_key",
            "No Device key: a missing field.",
            "get_source_connection_information",
            src(),
            resp(200, Some("application/json"), r#"{"MediaContainer":{"size":0}}"#),
        ),
        dec(
            "source_info_without_device",
            "An empty Device list: a missing field.",
            "get_source_connection_information",
            src(),
            resp(200, Some("application/json"), r#"{"MediaContainer":{"size":0,"Device":[]}}"#),
        ),
        dec(
            "source_info_without_device_xml",
            "No Device element.",
            "get_source_connection_information",
            src(),
            resp(200, Some("text/xml"), r#"<MediaContainer size="0"/>"#),
        ),
        // Discovery and JWT answers.
        dec(
            "resources_xml",
            "GET /resources in XML.",
            "get_resources",
            json!({}),
            resp(200, Some("application/xml"), seed("resources.xml")?),
        ),
        dec("resources_empty", "An empty list is no devices.", "get_resources", json!({}), jsonr(200, "[]")),
        dec(
            "identity_json",
            "GET /identity in JSON.",
            "get_server_identity",
            json!({"url": SERVER}),
            jsonr(200, seed("identity.json")?),
        ),
        dec(
            "identity_xml",
            "GET /identity in XML.",
            "get_server_identity",
            json!({"url": SERVER}),
            resp(200, Some("text/xml"), seed("identity.xml")?),
        ),
        dec("nonce", "GET /auth/nonce.", "get_nonce", json!({}), jsonr(200, seed("nonce.json")?)),
        dec(
            "plex_keys",
            "GET /auth/keys: an Ed25519 key and a key of another type.",
            "get_plex_keys",
            json!({}),
            jsonr(200, seed("keys.json")?),
        ),
        dec(
            "exchange_device_jwt",
            "POST /auth/token's answer.",
            "exchange_device_jwt",
            json!({"device_jwt": DEVICE_JWT}),
            jsonr(200, seed("token-answer.json")?),
        ),
        dec(
            "register_device_key_empty_201",
            "POST /auth/jwk: 201 with an empty body.",
            "register_device_key",
            json!({"jwk": jwk}),
            resp(201, None, ""),
        ),
        dec("link_pin_204", "PUT /pins/link: 204.", "link_pin", json!({"code": "7RQZ"}), jsonr(204, "")),
        // Error bodies.
        dec(
            "error_400_client_identifier_missing",
            "400 with code 1000.",
            "sign_in",
            sign_in(),
            jsonr(400, r#"{"errors":[{"code":1000,"message":"X-Plex-Client-Identifier is missing","status":400}]}"#),
        ),
        dec(
            "error_401_sign_in",
            "401 code 1001: bad credentials.",
            "sign_in",
            sign_in(),
            jsonr(401, r#"{"errors":[{"code":1001,"message":"User could not be authenticated","status":401}]}"#),
        ),
        dec(
            "error_401_token_details",
            "401 code 1001 on GET /user: the token is bad.",
            "get_token_details",
            json!({}),
            jsonr(401, r#"{"errors":[{"code":1001,"message":"User could not be authenticated","status":401}]}"#),
        ),
        dec(
            "error_401_xml_attributes",
            "A 401 in XML with attributes.",
            "get_token_details",
            json!({}),
            resp(
                401,
                Some("application/xml"),
                r#"<errors><error code="1001" message="User could not be authenticated" status="401"/></errors>"#,
            ),
        ),
        dec(
            "error_2fa_1029",
            "401 code 1029: a 2FA code is needed, not a bad token.",
            "sign_in",
            sign_in(),
            jsonr(401, r#"{"errors":[{"code":1029,"message":"Please enter the verification code","status":401}]}"#),
        ),
        dec(
            "error_2fa_xml_message_only",
            "The 2FA message alone, without a code, in XML.",
            "sign_in",
            sign_in(),
            resp(
                401,
                Some("text/xml"),
                r#"<?xml version="1.0"?><errors><error message="Please enter the verification code"/></errors>"#,
            ),
        ),
        dec(
            "error_403_html_security_route",
            "403 HTML on a PMS /security route means unauthorized.",
            "get_transient_token",
            transient(),
            resp(403, Some("text/html"), html_403),
        ),
        dec(
            "error_403_html_plex_tv_user",
            "403 HTML on plex.tv's GET /user is not unauthorized.",
            "get_token_details",
            json!({}),
            resp(403, Some("text/html"), html_403),
        ),
        dec(
            "error_404_pin_expired",
            "404 code 1020: the PIN expired.",
            "get_pin",
            pin(1),
            jsonr(404, r#"{"errors":[{"code":1020,"message":"Code not found or expired","status":404}]}"#),
        ),
        dec(
            "error_404_pin_expired_xml",
            "The same in XML.",
            "get_pin",
            pin(1),
            resp(
                404,
                Some("application/xml"),
                r#"<errors><error code="1020" message="Code not found or expired"/></errors>"#,
            ),
        ),
        dec(
            "error_422_invalid_token_xml",
            "422 \"Invalid token\" in XML is unauthorized.",
            "get_token_details",
            json!({}),
            resp(
                422,
                Some("application/xml"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<errors>\n  <error>Invalid token</error>\n</errors>\n",
            ),
        ),
        dec(
            "error_422_jwt_signature",
            "422 Signature Verification Failed: not a bad token, the JWT was refused.",
            "exchange_device_jwt",
            json!({"device_jwt": DEVICE_JWT}),
            jsonr(422, seed("error-jwt-signature.json")?),
        ),
        dec(
            "error_422_thumbprint_taken",
            "422 Thumbprint Already Taken.",
            "register_device_key",
            json!({"jwk": jwk}),
            jsonr(422, seed("error-jwt-thumbprint.json")?),
        ),
        dec(
            "error_401_jwk_missing",
            "Code 1097: the device key is no longer registered.",
            "exchange_device_jwt",
            json!({"device_jwt": DEVICE_JWT}),
            jsonr(401, seed("error-jwk-missing.json")?),
        ),
        dec("error_429_retry_after_seconds", "429 with Retry-After: 30.", "sign_in", sign_in(), retry_30),
        dec(
            "error_429_retry_after_date",
            "429 with an HTTP-date Retry-After.",
            "get_token_details",
            json!({}),
            retry_date,
        ),
        dec(
            "error_429_retry_after_unusable",
            "429 with an unusable Retry-After: rate limited, no delay.",
            "get_token_details",
            json!({}),
            retry_soon,
        ),
        dec(
            "error_503_retry_after",
            "Retry-After on a 503 is not rate limiting, but 503 is retryable.",
            "get_token_details",
            json!({}),
            retry_503,
        ),
        dec(
            "error_1003_rate_limited",
            "Code 1003 under a 400 is rate limiting.",
            "get_token_details",
            json!({}),
            jsonr(400, seed("error-1003.json")?),
        ),
        dec(
            "error_498_token_expired",
            "498: the JWT expired.",
            "get_token_details",
            json!({}),
            jsonr(498, seed("error-498-echo.json")?),
        ),
        dec(
            "error_500_html",
            "An HTML 500 is retryable.",
            "get_transient_token",
            transient(),
            resp(500, Some("text/html"), "<!DOCTYPE html><html><body><h1>500 Internal Server Error</h1></body></html>"),
        ),
        dec(
            "error_502_html",
            "An HTML 502 from a proxy is retryable.",
            "get_token_details",
            json!({}),
            resp(502, Some("text/html"), "<html><body><h1>502 Bad Gateway</h1></body></html>"),
        ),
        dec(
            "error_link_pin_401",
            "PUT /pins/link refused: unauthorized.",
            "link_pin",
            json!({"code": "7RQZ"}),
            jsonr(401, ""),
        ),
        // 2xx bodies that cannot be used.
        dec(
            "decode_html_captive_portal",
            "HTML where JSON was asked: unexpected content.",
            "get_token_details",
            json!({}),
            resp(200, Some("text/html; charset=utf-8"), "<html><body>Captive portal login</body></html>"),
        ),
        dec(
            "decode_xml_on_plex_tv",
            "XML where JSON was asked on plex.tv: unexpected content.",
            "get_token_details",
            json!({}),
            resp(200, Some("application/xml"), r#"<user id="1" authToken="abc"/>"#),
        ),
        dec(
            "decode_empty_body",
            "An empty 2xx body: unexpected content.",
            "get_token_details",
            json!({}),
            resp(200, Some("application/json"), ""),
        ),
        dec(
            "decode_sign_in_without_token",
            "A sign-in answer without authToken: missing field.",
            "sign_in",
            sign_in(),
            jsonr(201, r#"{"id": 7, "username": "ana"}"#),
        ),
        dec(
            "decode_sign_in_null_token",
            "authToken null is missing.",
            "sign_in",
            sign_in(),
            jsonr(201, r#"{"id": 7, "authToken": null}"#),
        ),
        dec(
            "decode_pin_without_id",
            "A PIN without an id cannot be polled.",
            "create_pin",
            json!({}),
            jsonr(201, r#"{"code": "abcd"}"#),
        ),
        dec(
            "decode_pin_without_code",
            "A PIN without a code cannot be shown.",
            "create_pin",
            json!({}),
            jsonr(201, r#"{"id": 1}"#),
        ),
        dec(
            "decode_pin_unusable_token",
            "A token that cannot be sent in a header is an invalid field.",
            "get_pin",
            pin(1),
            jsonr(200, r#"{"id": 1, "code": "a", "authToken": "a\r\nb"}"#),
        ),
        dec("decode_malformed_json", "Malformed JSON.", "get_token_details", json!({}), jsonr(200, r#"{"id": 1,"#)),
    ])
}
