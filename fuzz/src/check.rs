//! Decoding a fuzzed response with each operation, and the invariants every outcome must keep.
//!
//! Not just "no panic": the error variant and status match the response, the body is kept, the
//! predicates agree with the status, nothing secret is printed, and a decoded model written back
//! to JSON decodes to the same model (nothing lost, nothing invented).

use crate::input::{FuzzResponse, build};
use crate::secrets::{Planted, REQUEST_CODE, REQUEST_PASSWORD, REQUEST_TOKEN, assert_no_leak};
use plex_auth_core::jwt::{DeviceKey, Expected, JwkSet, JwtRejection, MAX_JWT_LEN, decode_header, verify_plex_jwt};
use plex_auth_core::{
    ClientConfig, CreatePin, Endpoint, Error, ExchangeDeviceJwt, ExposeSecret, GetNonce, GetPin, GetPlexKeys,
    GetResources, GetServerIdentity, GetSourceConnectionInformation, GetTokenDetails, GetTransientToken, HttpResponse,
    LinkPin, Pin, Ping, PostUsersSignInData, RegisterDeviceKey, Resource, Secret, ServerIdentity, SignOut,
    SourceConnectionInformation, TransientTokenMethod, TransportError, TransportErrorKind, UserPlexAccount,
    execute_blocking,
};

/// An operation whose `from_response` is fuzzed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `GET /security/token`.
    TransientGet,
    /// `POST /security/token`.
    TransientPost,
    /// `GET /security/resources`.
    SourceInfo,
    /// `GET /user`.
    TokenDetails,
    /// `POST /users/signin`.
    SignIn,
    /// `GET /resources`.
    Resources,
    /// `GET /identity` (with a token, as a probe with a resource's access token).
    Identity,
    /// `GET /ping`.
    Ping,
    /// `DELETE /users/signout`.
    SignOut,
    /// `POST /pins` (no token).
    CreatePin,
    /// `GET /pins/{id}` (no token).
    GetPin,
    /// `PUT /pins/link` (the token and the code).
    LinkPin,
    /// `POST /auth/jwk` (the token; the public key is no secret).
    RegisterDeviceKey,
    /// `GET /auth/nonce` (nothing secret).
    GetNonce,
    /// `POST /auth/token` (the device JWT, which is [`REQUEST_TOKEN`] here).
    ExchangeDeviceJwt,
    /// `GET /auth/keys` (nothing secret).
    GetPlexKeys,
}

impl Op {
    /// Every operation.
    pub const ALL: [Op; 16] = [
        Op::TransientGet,
        Op::TransientPost,
        Op::SourceInfo,
        Op::TokenDetails,
        Op::SignIn,
        Op::Resources,
        Op::Identity,
        Op::Ping,
        Op::SignOut,
        Op::CreatePin,
        Op::GetPin,
        Op::LinkPin,
        Op::RegisterDeviceKey,
        Op::GetNonce,
        Op::ExchangeDeviceJwt,
        Op::GetPlexKeys,
    ];

    /// The route the operation names in its errors.
    pub fn route(self) -> &'static str {
        match self {
            Op::TransientGet => "GET /security/token",
            Op::TransientPost => "POST /security/token",
            Op::SourceInfo => "GET /security/resources",
            Op::TokenDetails => "GET /user",
            Op::SignIn => "POST /users/signin",
            Op::Resources => "GET /resources",
            Op::Identity => "GET /identity",
            Op::Ping => "GET /ping",
            Op::SignOut => "DELETE /users/signout",
            Op::CreatePin => "POST /pins",
            Op::GetPin => "GET /pins/{id}",
            Op::LinkPin => "PUT /pins/link",
            Op::RegisterDeviceKey => "POST /auth/jwk",
            Op::GetNonce => "GET /auth/nonce",
            Op::ExchangeDeviceJwt => "POST /auth/token",
            Op::GetPlexKeys => "GET /auth/keys",
        }
    }

    /// The secrets the operation's request carries.
    pub fn sent(self) -> &'static [&'static str] {
        match self {
            Op::SignIn => &[REQUEST_PASSWORD, REQUEST_CODE],
            Op::CreatePin | Op::GetPin | Op::GetNonce | Op::GetPlexKeys => &[],
            Op::LinkPin => &[REQUEST_TOKEN, REQUEST_CODE],
            _ => &[REQUEST_TOKEN],
        }
    }

    /// PMS `/security/*` routes document 403 as "invalid or no token"; on ping and sign-out only
    /// 401/403/422 reject a token.
    fn forbidden_means_unauthorized(self) -> bool {
        matches!(self, Op::TransientGet | Op::TransientPost | Op::SourceInfo | Op::Ping | Op::SignOut)
    }
}

/// What an operation decoded.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // one per input, never stored
pub enum Decoded {
    /// A transient token.
    Token(Result<Secret, Error>),
    /// An account (token details, sign-in).
    Account(Result<UserPlexAccount, Error>),
    /// Source connection information.
    Source(Result<SourceConnectionInformation, Error>),
    /// The account's devices.
    Resources(Result<Vec<Resource>, Error>),
    /// A server's identity.
    Identity(Result<ServerIdentity, Error>),
    /// A PIN (created or polled).
    Pin(Result<Pin, Error>),
    /// A nonce.
    Nonce(Result<String, Error>),
    /// Plex's key set.
    Keys(Result<JwkSet, Error>),
    /// Ping, sign-out, linking a PIN and registering a key: nothing.
    Unit(Result<(), Error>),
}

impl Decoded {
    /// The error, if decoding failed.
    pub fn err(&self) -> Option<&Error> {
        match self {
            Decoded::Token(r) => r.as_ref().err(),
            Decoded::Account(r) => r.as_ref().err(),
            Decoded::Source(r) => r.as_ref().err(),
            Decoded::Resources(r) => r.as_ref().err(),
            Decoded::Identity(r) => r.as_ref().err(),
            Decoded::Pin(r) => r.as_ref().err(),
            Decoded::Nonce(r) => r.as_ref().err(),
            Decoded::Keys(r) => r.as_ref().err(),
            Decoded::Unit(r) => r.as_ref().err(),
        }
    }
}

/// The config every fuzzed exchange runs with (no token: each operation carries its own).
fn config() -> &'static ClientConfig {
    static CONFIG: std::sync::OnceLock<ClientConfig> = std::sync::OnceLock::new();
    CONFIG.get_or_init(|| {
        ClientConfig::builder()
            .client_identifier("fuzz")
            .server_url("http://127.0.0.1:32400")
            .plex_tv_url("http://127.0.0.1:8443/api/v2")
            .build()
            .unwrap_or_else(|e| panic!("the fuzz config is valid: {e}"))
    })
}

/// Runs `endpoint` through the blocking driver, as users do, with `resp` as the one answer: the
/// driver scrubs what the request carried and emits its tracing.
fn run<E: Endpoint + Sync>(endpoint: &E, resp: HttpResponse) -> Result<E::Output, Error> {
    let slot = std::sync::Mutex::new(Some(resp));
    let transport = plex_auth_core::transport::from_fn(move |_req| {
        slot.lock()
            .ok()
            .and_then(|mut s| s.take())
            .ok_or_else(|| TransportError::with_message(TransportErrorKind::Other, "asked twice"))
    });
    execute_blocking(&transport, config(), endpoint)
}

/// Decodes `resp` with `op`, built as a caller would (its own token, or password and code).
pub fn decode(op: Op, resp: HttpResponse) -> Decoded {
    match op {
        Op::TransientGet => Decoded::Token(run(&GetTransientToken::new().with_token(REQUEST_TOKEN), resp)),
        Op::TransientPost => Decoded::Token(run(
            &GetTransientToken::new().method(TransientTokenMethod::Post).with_token(REQUEST_TOKEN),
            resp,
        )),
        Op::SourceInfo => Decoded::Source(run(
            &GetSourceConnectionInformation::new("server://546684a3d18ac5c39037360ec9ce900b7af9cc36")
                .with_token(REQUEST_TOKEN),
            resp,
        )),
        Op::TokenDetails => Decoded::Account(run(&GetTokenDetails::new().with_token(REQUEST_TOKEN), resp)),
        Op::SignIn => Decoded::Account(run(
            &PostUsersSignInData::new("ana@example.com", REQUEST_PASSWORD).verification_code(REQUEST_CODE),
            resp,
        )),
        Op::Resources => Decoded::Resources(run(&GetResources::new().with_token(REQUEST_TOKEN), resp)),
        Op::Identity => Decoded::Identity(run(&identity_probe().with_token(REQUEST_TOKEN), resp)),
        Op::Ping => Decoded::Unit(run(&Ping::new().with_token(REQUEST_TOKEN), resp)),
        Op::SignOut => Decoded::Unit(run(&SignOut::new().with_token(REQUEST_TOKEN), resp)),
        Op::CreatePin => Decoded::Pin(run(&CreatePin::new(), resp)),
        Op::GetPin => Decoded::Pin(run(&GetPin::new(PIN_ID), resp)),
        Op::LinkPin => Decoded::Unit(run(&LinkPin::new(REQUEST_CODE).with_token(REQUEST_TOKEN), resp)),
        Op::RegisterDeviceKey => {
            Decoded::Unit(run(&RegisterDeviceKey::new(device_key().public_jwk()).with_token(REQUEST_TOKEN), resp))
        }
        Op::GetNonce => Decoded::Nonce(run(&GetNonce::new(), resp)),
        Op::ExchangeDeviceJwt => Decoded::Token(run(&ExchangeDeviceJwt::new(REQUEST_TOKEN), resp)),
        Op::GetPlexKeys => Decoded::Keys(run(&GetPlexKeys::new(), resp)),
    }
}

/// The device key of every fuzzed JWT exchange (its public half is registered; no secret).
fn device_key() -> DeviceKey {
    DeviceKey::from_seed([7; 32])
}

/// The PIN every fuzzed poll reads: past 32 bits, as plex.tv's ids are.
const PIN_ID: i64 = 4_294_967_301;

/// The identity probe every fuzzed identity answer is decoded with.
fn identity_probe() -> GetServerIdentity {
    GetServerIdentity::new("http://127.0.0.1:32400").unwrap_or_else(|e| panic!("the probe URL is valid: {e}"))
}

/// Decodes `input` with `op` and asserts every invariant; returns the outcome for cross-checks.
pub fn check(op: Op, input: &FuzzResponse, planted: &Planted) -> Decoded {
    let decoded = decode(op, input.to_response());
    let sent = op.sent();
    match &decoded {
        Decoded::Token(Ok(token)) => {
            assert!(!token.is_empty(), "{op:?} returned an empty token");
            assert_eq!(format!("{token:?}"), "[redacted]");
            if op == Op::ExchangeDeviceJwt {
                assert!(plex_auth_core::check_token(token.expose_secret()).is_ok(), "a Plex JWT that cannot be sent");
            }
        }
        Decoded::Nonce(Ok(nonce)) => {
            assert!((200..300).contains(&input.status), "a nonce from a {} answer", input.status);
            assert!(!nonce.trim().is_empty() && nonce.len() <= 256, "an unusable nonce of {} bytes", nonce.len());
        }
        Decoded::Keys(Ok(set)) => {
            assert!(!set.keys().is_empty(), "a key set without keys");
            assert_no_leak("Debug of the key set", &format!("{set:?}"), &[], planted);
            keys_round_trip(set);
        }
        Decoded::Account(Ok(account)) => {
            // A success is the server's word: a request secret it echoes into an ordinary field
            // (say, as the username) is printed as that field. Secret-named fields never are.
            assert_no_leak(&format!("Debug of the {op:?} account"), &format!("{account:?}"), &[], planted);
            if op == Op::SignIn {
                assert!(
                    account.auth_token.as_ref().is_some_and(|t| !t.expose_secret().is_empty()),
                    "sign-in succeeded without a token"
                );
            }
            account_round_trips(account);
        }
        Decoded::Source(Ok(info)) => {
            assert_no_leak("Debug of the source information", &format!("{info:?}"), &[], planted);
            source_round_trips(info);
        }
        Decoded::Resources(Ok(list)) => {
            assert_no_leak("Debug of the resources", &format!("{list:?}"), &[], planted);
            resources_round_trip(list);
        }
        Decoded::Identity(Ok(identity)) => {
            assert!(
                identity.machine_identifier.as_deref().is_some_and(|id| !id.trim().is_empty()),
                "an identity without a machine identifier"
            );
            assert_no_leak("Debug of the server identity", &format!("{identity:?}"), &[], planted);
            identity_round_trips(identity);
        }
        Decoded::Pin(Ok(pin)) => {
            assert!(pin.id.is_some(), "{op:?} succeeded without a PIN id");
            assert!(pin.code.as_deref().is_some_and(|c| !c.is_empty()), "{op:?} succeeded without a code");
            if op == Op::GetPin {
                if let Some(token) = pin.token() {
                    assert!(
                        plex_auth_core::check_token(token.expose_secret()).is_ok(),
                        "a PIN token that cannot be sent"
                    );
                }
            }
            assert_no_leak(&format!("Debug of the {op:?} PIN"), &format!("{pin:?}"), &[], planted);
            pin_round_trips(op, pin);
        }
        Decoded::Unit(Ok(())) => {
            assert!((200..300).contains(&input.status), "{op:?} succeeded on a {} answer", input.status);
        }
        _ => {}
    }
    if let Some(err) = decoded.err() {
        let judged = Judged { route: op.route(), forbidden_means_unauthorized: op.forbidden_means_unauthorized() };
        check_error(err, input, judged, sent, planted);
    }
    decoded
}

/// What the error of a route must say about itself.
#[derive(Debug, Clone, Copy)]
pub struct Judged {
    /// The route named in the error.
    pub route: &'static str,
    /// Whether 403 counts as unauthorized on this route.
    pub forbidden_means_unauthorized: bool,
}

/// The invariants of an error decoded from `input`.
pub fn check_error(err: &Error, input: &FuzzResponse, judged: Judged, sent: &[&str], planted: &Planted) {
    assert_no_leak("Display of the error", &err.to_string(), sent, planted);
    assert_no_leak("Debug of the error", &format!("{err:?}"), sent, planted);
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        assert_no_leak("Display of an error source", &s.to_string(), sent, planted);
        source = s.source();
    }

    // The kept body may be scrubbed of what the request sent; otherwise it is the body, whole.
    let echoes_request = sent.iter().any(|s| input.body.windows(s.len()).any(|w| w == s.as_bytes()));
    let status = input.status;
    let success = (200..300).contains(&status);
    let predicates_ok = || {
        // Predicates never panic and agree with each other.
        let _ = (err.is_unauthorized(), err.two_factor_required(), err.plex_code());
    };
    predicates_ok();
    match err {
        Error::Api(api) => {
            assert!(!success, "{}: a {status} answer became Error::Api", judged.route);
            assert_eq!(api.status.as_u16(), status, "Error::Api names another status");
            assert_eq!(api.route, judged.route);
            assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
            if !echoes_request {
                assert!(api.body.as_bytes() == input.body.as_slice(), "Error::Api did not keep the body as sent");
            }
            // 429, or Plex's code 1003 (too many requests) under any status.
            let limited = status == 429 || api.errors.iter().any(|e| e.code == Some(1003));
            assert_eq!(err.rate_limited().is_some(), limited, "rate_limited() disagrees with {status}");
            assert_eq!(
                err.is_retryable(),
                matches!(status, 429 | 500 | 502 | 503 | 504),
                "is_retryable() disagrees with {status}"
            );
            assert_eq!(err.plex_code(), api.errors.iter().find_map(|e| e.code));
            if status == 403 && judged.forbidden_means_unauthorized {
                assert!(err.is_unauthorized(), "403 on a PMS route is unauthorized");
            }
            if status == 401 {
                assert_ne!(err.is_unauthorized(), err.two_factor_required(), "401 is either bad token or 2FA");
            }
        }
        Error::Decode { route, status: got, body, .. } => {
            assert!(success, "{}: a {status} answer became Error::Decode: {err}", judged.route);
            assert_eq!(*route, judged.route);
            assert_eq!(got.as_u16(), status);
            if !echoes_request {
                assert!(body.as_bytes() == input.body.as_slice(), "Error::Decode did not keep the body as sent");
            }
            assert!(!err.is_retryable() && err.api().is_none() && err.rate_limited().is_none());
        }
        other => panic!("{}: decoding a response gave neither Api nor Decode: {other:?}", judged.route),
    }
}

/// An account written back to JSON decodes to the same account.
fn account_round_trips(account: &UserPlexAccount) {
    let json = serde_json::to_vec(account).unwrap_or_else(|e| panic!("an account does not serialize: {e}"));
    let again = GetTokenDetails::new().with_token(REQUEST_TOKEN).from_response(build(
        200,
        Some("application/json"),
        None,
        json,
    ));
    match again {
        Ok(again) => assert!(again == *account, "the account changed on a JSON round trip:\n{account:?}\n{again:?}"),
        Err(e) => panic!("a decoded account, written back, no longer decodes: {e}"),
    }
}

/// Source information written back inside a `MediaContainer` decodes to the same value.
fn source_round_trips(info: &SourceConnectionInformation) {
    let device = serde_json::to_value(info).unwrap_or_else(|e| panic!("source information does not serialize: {e}"));
    let body = serde_json::json!({ "MediaContainer": { "Device": device } }).to_string().into_bytes();
    let again = GetSourceConnectionInformation::new("server://a").with_token(REQUEST_TOKEN).from_response(build(
        200,
        Some("application/json"),
        None,
        body,
    ));
    match again {
        Ok(again) => assert!(again == *info, "source information changed on a JSON round trip:\n{info:?}\n{again:?}"),
        Err(e) => panic!("decoded source information, written back, no longer decodes: {e}"),
    }
}

/// Resources written back as a JSON list decode to the same list.
fn resources_round_trip(list: &[Resource]) {
    let json = serde_json::to_vec(list).unwrap_or_else(|e| panic!("resources do not serialize: {e}"));
    let again =
        GetResources::new().with_token(REQUEST_TOKEN).from_response(build(200, Some("application/json"), None, json));
    match again {
        Ok(again) => assert!(again == list, "the resources changed on a JSON round trip:\n{list:?}\n{again:?}"),
        Err(e) => panic!("decoded resources, written back, no longer decode: {e}"),
    }
}

/// A server identity written back inside a `MediaContainer` decodes to the same value.
fn identity_round_trips(identity: &ServerIdentity) {
    let container = serde_json::to_value(identity).unwrap_or_else(|e| panic!("an identity does not serialize: {e}"));
    let body = serde_json::json!({ "MediaContainer": container }).to_string().into_bytes();
    let again = identity_probe().from_response(build(200, Some("application/json"), None, body));
    match again {
        Ok(again) => assert!(again == *identity, "the identity changed on a JSON round trip:\n{identity:?}\n{again:?}"),
        Err(e) => panic!("a decoded identity, written back, no longer decodes: {e}"),
    }
}

/// A PIN written back to JSON decodes to the same PIN, through the operation that decoded it.
fn pin_round_trips(op: Op, pin: &Pin) {
    let json = serde_json::to_vec(pin).unwrap_or_else(|e| panic!("a PIN does not serialize: {e}"));
    let resp = build(if op == Op::CreatePin { 201 } else { 200 }, Some("application/json"), None, json);
    let again = if op == Op::CreatePin {
        CreatePin::new().from_response(resp)
    } else {
        GetPin::new(PIN_ID).from_response(resp)
    };
    match again {
        Ok(again) => assert!(again == *pin, "the PIN changed on a JSON round trip:\n{pin:?}\n{again:?}"),
        Err(e) => panic!("a decoded PIN, written back, no longer decodes: {e}"),
    }
}

/// A key set written back to JSON decodes to the same set.
fn keys_round_trip(set: &JwkSet) {
    let json = serde_json::to_vec(set).unwrap_or_else(|e| panic!("a key set does not serialize: {e}"));
    match GetPlexKeys::new().from_response(build(200, Some("application/json"), None, json)) {
        Ok(again) => assert!(again == *set, "the key set changed on a JSON round trip:\n{set:?}\n{again:?}"),
        Err(e) => panic!("a decoded key set, written back, no longer decodes: {e}"),
    }
}

/// Plex's signing key in the `verify_plex_jwt` target, and the moment it verifies at.
fn plex_key() -> &'static DeviceKey {
    static KEY: std::sync::OnceLock<DeviceKey> = std::sync::OnceLock::new();
    KEY.get_or_init(|| DeviceKey::from_seed([0x50; 32]))
}
const VERIFY_NOW: u64 = 1_800_000_000;

/// The `verify_plex_jwt` target. The first byte picks the input's use: even, the rest is the
/// token text; odd, the rest is the payload (raw bytes, any JSON or none) of a token the fixed
/// key signs properly, so the claim checks see arbitrary claims. Never a panic; a rejection
/// never quotes the token; a success only when every claim fits.
pub fn verify_plex_jwt_target(data: &[u8]) {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let Some((&mode, rest)) = data.split_first() else { return };
    let key = plex_key();
    let token = if mode & 1 == 0 {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        let header = format!(r#"{{"alg":"EdDSA","kid":"{}","typ":"JWT"}}"#, key.kid());
        let input = format!("{}.{}", URL_SAFE_NO_PAD.encode(header), URL_SAFE_NO_PAD.encode(rest));
        let signature = key.sign(input.as_bytes());
        format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature))
    };
    let keys = JwkSet::of([key.public_jwk().into()]);
    let device = device_key().kid();
    let expected = Expected::new("fuzz", &device);
    let now = std::time::UNIX_EPOCH + std::time::Duration::from_secs(VERIFY_NOW);
    match verify_plex_jwt(&token, &keys, &expected, now) {
        Ok(claims) => {
            assert!(token.len() <= MAX_JWT_LEN, "accepted a token of {} bytes", token.len());
            assert_eq!(claims.iss.as_deref(), Some("plex.tv"));
            let aud = claims.aud.as_deref().unwrap_or_default();
            assert!(aud.iter().any(|a| a == "plex.tv") && aud.iter().any(|a| a == "fuzz"), "audience {aud:?}");
            assert_eq!(claims.thumbprint.as_deref(), Some(device.as_str()));
            let (exp, iat) = (claims.exp.unwrap_or(i64::MIN), claims.iat.unwrap_or(i64::MAX));
            let now = VERIFY_NOW as i64;
            assert!(exp >= now - 60 && iat <= now + 60, "accepted exp {exp} / iat {iat} at {now}");
            let header = decode_header(&token).unwrap_or_else(|e| panic!("verified, yet the header fails: {e}"));
            assert_eq!(header.alg, "EdDSA");
        }
        Err(rejection) => {
            let error = Error::Jwt(rejection.clone());
            let shown = [rejection.to_string(), format!("{rejection:?}"), error.to_string(), format!("{error:?}")];
            // Shown header values are at most 40 characters: a longer token never appears whole.
            if token.len() > 40 {
                for text in &shown {
                    assert!(!text.contains(&token), "the rejection quotes the token: {text}");
                }
            }
            if let Err(header_rejection) = decode_header(&token) {
                assert_eq!(rejection, header_rejection, "verify and decode_header disagree on the header");
            }
            if token.len() > MAX_JWT_LEN {
                assert_eq!(rejection, JwtRejection::Malformed("longer than 16 KiB"));
            }
        }
    }
}

/// The response targets: decode with `op` and check.
pub fn response_target(op: Op, input: &FuzzResponse) {
    let planted = Planted::scan(&input.body);
    check(op, input, &planted);
}

/// The error-body target: the judge every operation uses for non-2xx answers.
pub fn error_body_target(input: &FuzzResponse) {
    let planted = Planted::scan(&input.body);
    let err = plex_auth_core::fuzzing::error_body(input.to_response());
    if (200..300).contains(&input.status) {
        assert!(matches!(err, Error::InvalidInput { .. }), "a 2xx is no error body: {err:?}");
        return;
    }
    check_error(&err, input, Judged { route: "FUZZ /error", forbidden_means_unauthorized: false }, &[], &planted);
}

/// The XML reader target: no panic, an element count the input can hold, no secret in errors.
pub fn xml_target(data: &[u8]) {
    let body = crate::secrets::expand(data);
    let planted = Planted::scan(&body);
    match plex_auth_core::fuzzing::xml(&body) {
        Ok(elements) => {
            let tags = body.iter().filter(|&&b| b == b'<').count();
            assert!(elements >= 1 && elements <= tags, "{elements} elements from {tags} '<'");
        }
        Err(message) => assert_no_leak("the XML error", &message, &[], &planted),
    }
}

/// The token-file target: accepted values are what the client can send; refusals never quote.
pub fn token_file_target(data: &[u8]) {
    match plex_auth_cli::store::parse_token_file(data) {
        Ok(Some(value)) => {
            assert_eq!(value.trim(), value, "kept untrimmed");
            assert!(plex_auth_core::check_token(&value).is_ok(), "accepted a token core would not send");
            assert!(data.windows(value.len()).any(|w| w == value.as_bytes()), "invented a value");
        }
        Ok(None) => {
            assert!(std::str::from_utf8(data).is_ok_and(|t| t.trim().is_empty()), "a non-blank file read as empty")
        }
        Err(failure) => {
            // Refusals are fixed texts: nothing from the file can reach them.
            let reasons = [
                "is larger than 65536 bytes",
                "is not UTF-8",
                "is longer than 4096 bytes",
                "contains a space, control or non-ASCII character, so it cannot be sent in a header",
            ];
            let message = failure.message();
            let known = reasons.iter().any(|r| message == format!("unusable token or client-id file: its content {r}"));
            assert!(known, "an unexpected refusal: {message}");
        }
    }
}
