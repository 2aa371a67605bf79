//! The operations the matrix runs, one row each: how to call it, what a good answer looks like
//! (so a fault can be wrapped around it), and which secret it sends.

use plex_auth_core::jwt::{DeviceKey, JwkSet};
use plex_auth_core::{
    ClientConfig, CreatePin, Endpoint, Error, ExposeSecret, GetPin, GetResources, GetServerIdentity,
    GetSourceConnectionInformation, GetTokenDetails, GetTransientToken, HttpRequest, HttpResponse, LinkPin, Pin, Ping,
    PostUsersSignInData, Resource, Secret, ServerIdentity, SignOut, SourceConnectionInformation, UserPlexAccount,
};
use plex_auth_core::{ExchangeDeviceJwt, GetNonce, GetPlexKeys, RegisterDeviceKey};
use plex_auth_testing::Route;
use serde_json::{Map, Value};

// Sentinels: secrets with values that appear nowhere else, so finding one in printed text is a
// leak (the leak sweep, `leaks.rs`, looks for each). The password has a space and an `&` so its
// form-encoded, JSON and XML forms differ from the raw value.

/// The token of the config, which every operation but sign-in and the PIN's create and poll sends.
pub const TOKEN: &str = "matrix-token-Vq93kd";
/// The password sign-in sends.
pub const PASSWORD: &str = "matrix pass&word-Hb27";
/// The 2FA code sign-in sends.
pub const CODE: &str = "2fa-code-481516";
/// The code of the matrix's PIN: what linking sends, and what the PIN answers carry under `code`
/// (and inside `qr`). Letters and digits only, as `LinkPin` requires.
pub const PIN_CODE: &str = "matrixPinCode7Rq4";
/// The id of the matrix's PIN (FakePlex's `with_pin`, and the scripted PIN answers): past 32 bits.
pub const PIN_ID: i64 = 4_294_967_301;
/// The client identifier every request of the matrix sends (and the PIN was created by).
pub const CLIENT_ID: &str = "fault-matrix";
/// A key the server puts in its answers under a secret name (`apiKey`).
pub const KEY: &str = "matrix-api-key-Lm40";
/// The token in the scripted good sign-in and token-details answers (`authToken`).
pub const ANSWERED_TOKEN: &str = "matrix-answered-token-Ye62";
/// The token in the scripted good transient-token answer.
pub const TRANSIENT_TOKEN: &str = "matrix-transient-token-Pw15";
/// The device access token in the scripted good source answer (`accessToken`).
pub const SERVER_TOKEN: &str = "matrix-server-token-Ca88";
/// The device JWT the exchange sends (any text: the row checks the operation, not Plex's check).
pub const DEVICE_JWT: &str = "matrix-device-jwt-Kx71";
/// The nonce of the scripted good nonce answer.
pub const NONCE: &str = "matrix-nonce-2f1c";
/// A service token in FakePlex's own account answers (`services[].token`).
pub const SERVICE_TOKEN: &str = "matrix-service-token-Tz37";

/// What an operation decodes to, in one type so every row fits one table.
#[derive(Debug)]
pub enum Out {
    Account(Box<UserPlexAccount>),
    Token(Secret),
    Source(Box<SourceConnectionInformation>),
    Resources(Vec<Resource>),
    Identity(Box<ServerIdentity>),
    /// A PIN (created or polled).
    Pin(Box<Pin>),
    /// A nonce.
    Nonce(String),
    /// Plex's JWT key set.
    Keys(Box<JwkSet>),
    /// Ping, sign-out, linking a PIN, registering a key: nothing.
    Unit,
}

impl Out {
    /// Unknown (and, per DESIGN.md section 5, unusable) fields kept by the model, if it keeps any.
    pub fn extra(&self) -> Option<&Map<String, Value>> {
        match self {
            Self::Account(a) => Some(&a.extra),
            Self::Token(_) => None,
            Self::Source(s) => Some(&s.extra),
            Self::Resources(list) => list.first().map(|r| &r.extra),
            Self::Identity(i) => Some(&i.extra),
            Self::Pin(p) => Some(&p.extra),
            Self::Keys(k) => Some(&k.extra),
            Self::Nonce(_) | Self::Unit => None,
        }
    }

    pub fn source(&self) -> &SourceConnectionInformation {
        match self {
            Self::Source(s) => s,
            other => panic!("expected source connection information, got {other:?}"),
        }
    }
}

type ToRequest = dyn Fn(&ClientConfig) -> Result<HttpRequest, Error> + Send + Sync;
type FromResponse = dyn Fn(HttpResponse) -> Result<Out, Error> + Send + Sync;

/// Any endpoint with its output wrapped in [`Out`]: still an [`Endpoint`], so it goes through the
/// real `execute` / `execute_blocking` drivers.
pub struct AnyOp {
    to_request: Box<ToRequest>,
    from_response: Box<FromResponse>,
}

impl AnyOp {
    pub fn new<E>(endpoint: E, wrap: fn(E::Output) -> Out) -> Self
    where
        E: Endpoint + Send + Sync + 'static,
    {
        let endpoint = std::sync::Arc::new(endpoint);
        let e = endpoint.clone();
        Self {
            to_request: Box::new(move |cfg| e.to_request(cfg)),
            from_response: Box::new(move |resp| endpoint.from_response(resp).map(wrap)),
        }
    }
}

impl Endpoint for AnyOp {
    type Output = Out;

    fn to_request(&self, cfg: &ClientConfig) -> Result<HttpRequest, Error> {
        (self.to_request)(cfg)
    }

    fn from_response(&self, resp: HttpResponse) -> Result<Out, Error> {
        (self.from_response)(resp)
    }
}

impl AnyOp {
    /// The identity probe of the config's server URL (the URL is the operation's own input, so it
    /// is read from the config the matrix points at the server under test). It sends [`TOKEN`],
    /// as a probe with a resource's access token does.
    pub fn identity() -> Self {
        let probe = |cfg: &ClientConfig| {
            GetServerIdentity::at(cfg.server_url().cloned().expect("the matrix configures a server")).with_token(TOKEN)
        };
        let decoder = GetServerIdentity::new("http://probe.invalid").unwrap();
        Self {
            to_request: Box::new(move |cfg| probe(cfg).to_request(cfg)),
            from_response: Box::new(move |resp| decoder.from_response(resp).map(|i| Out::Identity(Box::new(i)))),
        }
    }
}

/// One operation of the matrix.
pub struct Op {
    pub name: &'static str,
    /// Where FakePlex injects a fault for it.
    pub route: Route,
    /// The secrets the request carries (checked by `every_operation_sends_its_secrets`); a
    /// server echoing them must not get them printed.
    pub sends: &'static [&'static str],
    pub endpoint: fn() -> AnyOp,
    /// The status of a good answer.
    pub ok_status: u16,
    /// A good JSON answer carrying one unknown field, `"weird": <raw JSON text>`.
    pub json_ok: fn(weird: &str) -> String,
    /// A good XML answer with `inner` inside its main element, for operations that read XML.
    pub xml_ok: Option<fn(inner: &str) -> String>,
    /// Checks the output decoded from `json_ok` or `xml_ok`.
    pub check_ok: fn(&Out),
}

fn account(wrap: UserPlexAccount) -> Out {
    Out::Account(Box::new(wrap))
}

fn account_json(token: &str, weird: &str) -> String {
    format!(
        r#"{{"id":7,"uuid":"0000000000000007","username":"ana","email":"ana@example.com","authToken":"{token}","apiKey":"{KEY}","weird":{weird}}}"#
    )
}

fn check_account(out: &Out, token: &str) {
    let Out::Account(a) = out else { panic!("expected an account, got {out:?}") };
    assert_eq!((a.id, a.username.as_deref(), a.email.as_deref()), (Some(7), Some("ana"), Some("ana@example.com")));
    assert_eq!(a.auth_token.as_ref().map(ExposeSecret::expose_secret), Some(token));
}

/// The connection every good source answer lists.
pub const CONNECTION_JSON: &str =
    r#"{"protocol":"http","address":"10.0.0.5","port":32400,"uri":"http://10.0.0.5:32400","local":true,"relay":false}"#;
pub const CONNECTION_XML: &str =
    r#"<Connection protocol="http" address="10.0.0.5" port="32400" uri="http://10.0.0.5:32400" local="1" relay="0"/>"#;

/// A source answer with `connections` (JSON array items) and an unknown field.
pub fn source_json(connections: &str, weird: &str) -> String {
    format!(
        r#"{{"MediaContainer":{{"size":1,"Device":{{"name":"Den","clientIdentifier":"machine-1","accessToken":"{SERVER_TOKEN}","apiKey":"{KEY}","Connection":[{connections}],"weird":{weird}}}}}}}"#
    )
}

pub fn source_xml(inner: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><MediaContainer size="1"><Device name="Den" clientIdentifier="machine-1" accessToken="{SERVER_TOKEN}" apiKey="{KEY}">{inner}</Device></MediaContainer>"#
    )
}

/// Checks the device fields of a source answer (the connections are each row's business).
pub fn check_device(out: &Out) {
    let s = out.source();
    assert_eq!((s.name.as_deref(), s.client_identifier.as_deref()), (Some("Den"), Some("machine-1")));
    assert_eq!(s.access_token.as_ref().map(ExposeSecret::expose_secret), Some(SERVER_TOKEN));
}

/// Checks that the connection is [`CONNECTION_JSON`] / [`CONNECTION_XML`].
pub fn check_good_connection(c: &plex_auth_core::Connection) {
    assert_eq!(
        (c.protocol.as_deref(), c.address.as_deref(), c.port, c.uri.as_deref(), c.local, c.relay),
        (Some("http"), Some("10.0.0.5"), Some(32400), Some("http://10.0.0.5:32400"), Some(true), Some(false))
    );
}

/// A resources answer: one owned server with [`CONNECTION_JSON`] (and `more` connections after
/// it) and an unknown field.
pub fn resources_json(more: &str, weird: &str) -> String {
    format!(
        r#"[{{"name":"Den","clientIdentifier":"machine-1","provides":"server","owned":true,"accessToken":"{SERVER_TOKEN}","apiKey":"{KEY}","connections":[{CONNECTION_JSON}{more}],"weird":{weird}}}]"#
    )
}

pub fn resources_xml(inner: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><MediaContainer size="1"><Device name="Den" clientIdentifier="machine-1" provides="server" owned="1" accessToken="{SERVER_TOKEN}" apiKey="{KEY}">{CONNECTION_XML}{inner}</Device></MediaContainer>"#
    )
}

fn check_resources(out: &Out) {
    let Out::Resources(list) = out else { panic!("expected resources, got {out:?}") };
    assert_eq!(list.len(), 1, "{list:?}");
    let r = &list[0];
    assert_eq!((r.name.as_deref(), r.client_identifier.as_deref()), (Some("Den"), Some("machine-1")));
    assert!(r.is_server() && r.owned == Some(true));
    assert_eq!(r.access_token.as_ref().map(ExposeSecret::expose_secret), Some(SERVER_TOKEN));
    let c = r.connections();
    assert!(!c.is_empty());
    assert_eq!(
        (c[0].address.as_deref(), c[0].port, c[0].uri.as_deref(), c[0].local, c[0].relay),
        (Some("10.0.0.5"), Some(32400), Some("http://10.0.0.5:32400"), Some(true), Some(false))
    );
}

fn check_identity(out: &Out) {
    let Out::Identity(i) = out else { panic!("expected a server identity, got {out:?}") };
    assert_eq!(i.machine_identifier.as_deref(), Some("machine-1"));
}

fn pin(p: Pin) -> Out {
    Out::Pin(Box::new(p))
}

/// A PIN answer (the spec's `AuthPinContainer`): [`PIN_ID`] showing [`PIN_CODE`], with `token`
/// (JSON text: `null` while pending) and an unknown field.
pub fn pin_json(token: &str, weird: &str) -> String {
    format!(
        r#"{{"id":{PIN_ID},"code":"{PIN_CODE}","product":"0","trusted":false,"qr":"https://plex.tv/api/v2/pins/qr/{PIN_CODE}","clientIdentifier":"{CLIENT_ID}","location":{{"code":"NL","country":"The Netherlands"}},"expiresIn":876,"createdAt":"2024-07-16T17:03:05Z","expiresAt":"2024-07-16T17:18:05Z","authToken":{token},"newRegistration":null,"weird":{weird}}}"#
    )
}

fn check_pin(out: &Out, token: Option<&str>) {
    let Out::Pin(p) = out else { panic!("expected a PIN, got {out:?}") };
    assert_eq!((p.id, p.code.as_deref(), p.expires_in), (Some(PIN_ID), Some(PIN_CODE), Some(876)), "{p:?}");
    assert_eq!(p.client_identifier.as_deref(), Some(CLIENT_ID));
    assert_eq!(p.token().map(ExposeSecret::expose_secret), token);
}

/// The device key whose JWK the matrix registers.
fn matrix_key() -> DeviceKey {
    DeviceKey::from_seed([0x3c; 32])
}

fn check_keys(out: &Out) {
    let Out::Keys(set) = out else { panic!("expected a key set, got {out:?}") };
    let kid = matrix_key().kid();
    assert_eq!(set.keys().len(), 1, "{set:?}");
    assert!(set.find(&kid).and_then(|k| k.ed25519_public_key()).is_some(), "{set:?}");
}

fn check_unit(out: &Out) {
    assert!(matches!(out, Out::Unit), "expected nothing, got {out:?}");
}

/// Every operation of the core. A new operation is one more row here.
pub const OPS: &[Op] = &[
    Op {
        name: "sign_in",
        route: Route::SignIn,
        sends: &[PASSWORD, CODE],
        endpoint: || AnyOp::new(PostUsersSignInData::new("ana", PASSWORD).verification_code(CODE), account),
        ok_status: 201,
        json_ok: |weird| account_json(ANSWERED_TOKEN, weird),
        xml_ok: None,
        check_ok: |out| check_account(out, ANSWERED_TOKEN),
    },
    Op {
        name: "token_details",
        route: Route::User,
        sends: &[TOKEN],
        endpoint: || AnyOp::new(GetTokenDetails::new(), account),
        ok_status: 200,
        json_ok: |weird| account_json(ANSWERED_TOKEN, weird),
        xml_ok: None,
        check_ok: |out| check_account(out, ANSWERED_TOKEN),
    },
    Op {
        name: "transient_token",
        route: Route::TransientToken,
        sends: &[TOKEN],
        endpoint: || AnyOp::new(GetTransientToken::new(), Out::Token),
        ok_status: 200,
        json_ok: |weird| format!(r#"{{"MediaContainer":{{"size":0,"token":"{TRANSIENT_TOKEN}","weird":{weird}}}}}"#),
        xml_ok: Some(|inner| {
            format!(
                r#"<?xml version="1.0"?><MediaContainer size="0" token="{TRANSIENT_TOKEN}">{inner}</MediaContainer>"#
            )
        }),
        check_ok: |out| match out {
            Out::Token(t) => assert_eq!(t.expose_secret(), TRANSIENT_TOKEN),
            other => panic!("expected a token, got {other:?}"),
        },
    },
    Op {
        name: "source_info",
        route: Route::Resources,
        sends: &[TOKEN],
        endpoint: || {
            AnyOp::new(GetSourceConnectionInformation::new("server://machine-1"), |s| Out::Source(Box::new(s)))
        },
        ok_status: 200,
        json_ok: |weird| source_json(CONNECTION_JSON, weird),
        xml_ok: Some(|inner| source_xml(&format!("{CONNECTION_XML}{inner}"))),
        check_ok: |out| {
            check_device(out);
            let connections = out.source().connections.as_deref().unwrap_or_default();
            assert_eq!(connections.len(), 1, "{connections:?}");
            check_good_connection(&connections[0]);
        },
    },
    Op {
        name: "resources",
        route: Route::PlexTvResources,
        sends: &[TOKEN],
        endpoint: || AnyOp::new(GetResources::new(), Out::Resources),
        ok_status: 200,
        json_ok: |weird| resources_json("", weird),
        xml_ok: Some(resources_xml),
        check_ok: check_resources,
    },
    Op {
        name: "identity",
        route: Route::Identity,
        sends: &[TOKEN],
        endpoint: AnyOp::identity,
        ok_status: 200,
        json_ok: |weird| {
            format!(
                r#"{{"MediaContainer":{{"size":0,"claimed":true,"machineIdentifier":"machine-1","version":"1.40.2","weird":{weird}}}}}"#
            )
        },
        xml_ok: Some(|inner| {
            format!(
                r#"<?xml version="1.0"?><MediaContainer size="0" claimed="1" machineIdentifier="machine-1" version="1.40.2">{inner}</MediaContainer>"#
            )
        }),
        check_ok: check_identity,
    },
    Op {
        name: "ping",
        route: Route::Ping,
        sends: &[TOKEN],
        endpoint: || AnyOp::new(Ping::new(), |()| Out::Unit),
        ok_status: 200,
        json_ok: |weird| format!(r#"{{"pong":true,"weird":{weird}}}"#),
        xml_ok: None,
        check_ok: check_unit,
    },
    Op {
        name: "sign_out",
        route: Route::SignOut,
        sends: &[TOKEN],
        endpoint: || AnyOp::new(SignOut::new(), |()| Out::Unit),
        // 204 No Content: a good answer has no body to carry an unknown field in.
        ok_status: 204,
        json_ok: |_| String::new(),
        xml_ok: None,
        check_ok: check_unit,
    },
    Op {
        name: "create_pin",
        route: Route::CreatePin,
        // No token: a PIN is how an app without one gets one.
        sends: &[],
        endpoint: || AnyOp::new(CreatePin::new(), pin),
        ok_status: 201,
        json_ok: |weird| pin_json("null", weird),
        xml_ok: None,
        check_ok: |out| check_pin(out, None),
    },
    Op {
        name: "get_pin",
        route: Route::GetPin,
        sends: &[],
        endpoint: || AnyOp::new(GetPin::new(PIN_ID), pin),
        ok_status: 200,
        json_ok: |weird| pin_json(&format!("\"{ANSWERED_TOKEN}\""), weird),
        xml_ok: None,
        check_ok: |out| check_pin(out, Some(ANSWERED_TOKEN)),
    },
    Op {
        name: "link_pin",
        route: Route::LinkPin,
        sends: &[TOKEN, PIN_CODE],
        endpoint: || AnyOp::new(LinkPin::new(PIN_CODE), |()| Out::Unit),
        // 204 No Content, as sign-out.
        ok_status: 204,
        json_ok: |_| String::new(),
        xml_ok: None,
        check_ok: check_unit,
    },
    Op {
        name: "register_device_key",
        route: Route::AuthJwk,
        sends: &[TOKEN],
        endpoint: || AnyOp::new(RegisterDeviceKey::new(matrix_key().public_jwk()), |()| Out::Unit),
        // 201 Created, possibly with an empty body (reference 7.5).
        ok_status: 201,
        json_ok: |_| String::new(),
        xml_ok: None,
        check_ok: check_unit,
    },
    Op {
        name: "get_nonce",
        route: Route::AuthNonce,
        // No token: the device proves itself by signing over the nonce.
        sends: &[],
        endpoint: || AnyOp::new(GetNonce::new(), Out::Nonce),
        ok_status: 200,
        json_ok: |weird| format!(r#"{{"nonce":"{NONCE}","weird":{weird}}}"#),
        xml_ok: None,
        check_ok: |out| assert!(matches!(out, Out::Nonce(n) if n == NONCE), "{out:?}"),
    },
    Op {
        name: "exchange_device_jwt",
        route: Route::AuthToken,
        sends: &[DEVICE_JWT],
        endpoint: || AnyOp::new(ExchangeDeviceJwt::new(DEVICE_JWT), Out::Token),
        ok_status: 200,
        json_ok: |weird| format!(r#"{{"auth_token":"{ANSWERED_TOKEN}","apiKey":"{KEY}","weird":{weird}}}"#),
        xml_ok: None,
        check_ok: |out| assert!(matches!(out, Out::Token(t) if t.expose_secret() == ANSWERED_TOKEN), "{out:?}"),
    },
    Op {
        name: "get_plex_keys",
        route: Route::AuthKeys,
        sends: &[],
        endpoint: || AnyOp::new(GetPlexKeys::new(), |k| Out::Keys(Box::new(k))),
        ok_status: 200,
        json_ok: |weird| {
            let jwk = serde_json::to_string(&matrix_key().public_jwk()).unwrap();
            format!(r#"{{"keys":[{jwk}],"weird":{weird}}}"#)
        },
        xml_ok: None,
        check_ok: check_keys,
    },
];
