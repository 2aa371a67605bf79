//! From a case's language-neutral inputs (an operation name and its parameters as JSON) to the
//! core's operation: its request, and its decoded response as JSON.

use crate::VectorError;
use plex_auth_core::jwt::PublicJwk;
use plex_auth_core::{
    ClientConfig, CreatePin, Endpoint, Error, ExchangeDeviceJwt, GetNonce, GetPin, GetPlexKeys, GetResources,
    GetServerIdentity, GetSourceConnectionInformation, GetTokenDetails, GetTransientToken, HttpRequest, HttpResponse,
    LinkPin, Ping, PostUsersSignInData, RegisterDeviceKey, Secret, SignOut, TransientTokenMethod,
};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::any::TypeId;

/// Every operation name a vector may use, with the parameters it takes (`?` marks optional ones).
pub const OPERATIONS: &[(&str, &str)] = &[
    ("get_transient_token", "method? (\"GET\" | \"POST\"), token?"),
    ("get_source_connection_information", "source, refresh? (bool), token?"),
    ("get_token_details", "token?"),
    ("sign_in", "login, password, remember_me? (bool), verification_code?"),
    ("create_pin", "strong? (bool, default true), jwk? (public JWK object)"),
    ("get_pin", "id (integer), device_jwt?"),
    ("link_pin", "code, token?"),
    ("get_resources", "include_https?, include_relay?, include_ipv6? (bool, default true), token?"),
    ("get_server_identity", "url, token?"),
    ("ping", "token?"),
    ("sign_out", "token?"),
    ("get_nonce", "(none)"),
    ("get_plex_keys", "(none)"),
    ("exchange_device_jwt", "device_jwt"),
    ("register_device_key", "jwk (public JWK object), token?"),
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TokenOnly {
    token: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Nothing {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TransientParams {
    method: Option<String>,
    token: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceParams {
    source: String,
    refresh: Option<bool>,
    token: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SignInParams {
    login: String,
    password: String,
    remember_me: Option<bool>,
    verification_code: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CreatePinParams {
    strong: Option<bool>,
    jwk: Option<PublicJwk>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GetPinParams {
    id: i64,
    device_jwt: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LinkPinParams {
    code: String,
    token: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResourcesParams {
    include_https: Option<bool>,
    include_relay: Option<bool>,
    include_ipv6: Option<bool>,
    token: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IdentityParams {
    url: String,
    token: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExchangeParams {
    device_jwt: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegisterParams {
    jwk: PublicJwk,
    token: Option<String>,
}

/// One core operation, built from a vector's operation name and parameters.
#[derive(Debug, Clone)]
#[allow(missing_docs)] // one variant per core operation of the same name
pub enum Operation {
    GetTransientToken(GetTransientToken),
    GetSourceConnectionInformation(GetSourceConnectionInformation),
    GetTokenDetails(GetTokenDetails),
    SignIn(PostUsersSignInData),
    CreatePin(CreatePin),
    GetPin(GetPin),
    LinkPin(LinkPin),
    GetResources(GetResources),
    GetServerIdentity(GetServerIdentity),
    Ping(Ping),
    SignOut(SignOut),
    GetNonce(GetNonce),
    GetPlexKeys(GetPlexKeys),
    ExchangeDeviceJwt(ExchangeDeviceJwt),
    RegisterDeviceKey(RegisterDeviceKey),
}

fn params<T: DeserializeOwned>(operation: &str, params: &Value) -> Result<T, VectorError> {
    // A case without parameters may write `{}` or leave them out (`null`).
    let value = if params.is_null() { Value::Object(Default::default()) } else { params.clone() };
    serde_json::from_value(value).map_err(|e| VectorError::new(format!("{operation}: bad params: {e}")))
}

fn with_token<T>(op: T, token: Option<String>, set: fn(T, String) -> T) -> T {
    match token {
        Some(t) => set(op, t),
        None => op,
    }
}

impl Operation {
    /// The operation named `operation` with `params` (see [`OPERATIONS`]).
    pub fn from_json(operation: &str, params_json: &Value) -> Result<Self, VectorError> {
        let p = params_json;
        Ok(match operation {
            "get_transient_token" => {
                let TransientParams { method, token } = params(operation, p)?;
                let method = match method.as_deref() {
                    None | Some("GET") => TransientTokenMethod::Get,
                    Some("POST") => TransientTokenMethod::Post,
                    Some(other) => return Err(VectorError::new(format!("{operation}: unknown method {other:?}"))),
                };
                let op = GetTransientToken::new().method(method);
                Self::GetTransientToken(with_token(op, token, |o, t| o.with_token(t)))
            }
            "get_source_connection_information" => {
                let SourceParams { source, refresh, token } = params(operation, p)?;
                let mut op = GetSourceConnectionInformation::new(source);
                if let Some(refresh) = refresh {
                    op = op.refresh(refresh);
                }
                Self::GetSourceConnectionInformation(with_token(op, token, |o, t| o.with_token(t)))
            }
            "get_token_details" => {
                let TokenOnly { token } = params(operation, p)?;
                Self::GetTokenDetails(with_token(GetTokenDetails::new(), token, |o, t| o.with_token(t)))
            }
            "sign_in" => {
                let SignInParams { login, password, remember_me, verification_code } = params(operation, p)?;
                let mut op = PostUsersSignInData::new(login, password);
                if let Some(remember) = remember_me {
                    op = op.remember_me(remember);
                }
                Self::SignIn(with_token(op, verification_code, |o, c| o.verification_code(c)))
            }
            "create_pin" => {
                let CreatePinParams { strong, jwk } = params(operation, p)?;
                let mut op = CreatePin::new();
                if let Some(strong) = strong {
                    op = op.strong(strong);
                }
                if let Some(jwk) = jwk {
                    op = op.with_jwk(jwk);
                }
                Self::CreatePin(op)
            }
            "get_pin" => {
                let GetPinParams { id, device_jwt } = params(operation, p)?;
                Self::GetPin(with_token(GetPin::new(id), device_jwt, |o, j| o.with_device_jwt(j)))
            }
            "link_pin" => {
                let LinkPinParams { code, token } = params(operation, p)?;
                Self::LinkPin(with_token(LinkPin::new(code), token, |o, t| o.with_token(t)))
            }
            "get_resources" => {
                let ResourcesParams { include_https, include_relay, include_ipv6, token } = params(operation, p)?;
                let mut op = GetResources::new();
                if let Some(v) = include_https {
                    op = op.include_https(v);
                }
                if let Some(v) = include_relay {
                    op = op.include_relay(v);
                }
                if let Some(v) = include_ipv6 {
                    op = op.include_ipv6(v);
                }
                Self::GetResources(with_token(op, token, |o, t| o.with_token(t)))
            }
            "get_server_identity" => {
                let IdentityParams { url, token } = params(operation, p)?;
                let op = GetServerIdentity::new(&url).map_err(|e| VectorError::new(format!("{operation}: {e}")))?;
                Self::GetServerIdentity(with_token(op, token, |o, t| o.with_token(t)))
            }
            "ping" => {
                let TokenOnly { token } = params(operation, p)?;
                Self::Ping(with_token(Ping::new(), token, |o, t| o.with_token(t)))
            }
            "sign_out" => {
                let TokenOnly { token } = params(operation, p)?;
                Self::SignOut(with_token(SignOut::new(), token, |o, t| o.with_token(t)))
            }
            "get_nonce" => {
                let Nothing {} = params(operation, p)?;
                Self::GetNonce(GetNonce::new())
            }
            "get_plex_keys" => {
                let Nothing {} = params(operation, p)?;
                Self::GetPlexKeys(GetPlexKeys::new())
            }
            "exchange_device_jwt" => {
                let ExchangeParams { device_jwt } = params(operation, p)?;
                Self::ExchangeDeviceJwt(ExchangeDeviceJwt::new(device_jwt))
            }
            "register_device_key" => {
                let RegisterParams { jwk, token } = params(operation, p)?;
                Self::RegisterDeviceKey(with_token(RegisterDeviceKey::new(jwk), token, |o, t| o.with_token(t)))
            }
            other => return Err(VectorError::new(format!("unknown operation {other:?}"))),
        })
    }

    /// The request the core builds for `cfg`.
    pub fn to_request(&self, cfg: &ClientConfig) -> Result<HttpRequest, Error> {
        match self {
            Self::GetTransientToken(op) => op.to_request(cfg),
            Self::GetSourceConnectionInformation(op) => op.to_request(cfg),
            Self::GetTokenDetails(op) => op.to_request(cfg),
            Self::SignIn(op) => op.to_request(cfg),
            Self::CreatePin(op) => op.to_request(cfg),
            Self::GetPin(op) => op.to_request(cfg),
            Self::LinkPin(op) => op.to_request(cfg),
            Self::GetResources(op) => op.to_request(cfg),
            Self::GetServerIdentity(op) => op.to_request(cfg),
            Self::Ping(op) => op.to_request(cfg),
            Self::SignOut(op) => op.to_request(cfg),
            Self::GetNonce(op) => op.to_request(cfg),
            Self::GetPlexKeys(op) => op.to_request(cfg),
            Self::ExchangeDeviceJwt(op) => op.to_request(cfg),
            Self::RegisterDeviceKey(op) => op.to_request(cfg),
        }
    }

    /// True when the operation's output is itself a secret (a transient token, a Plex JWT): a
    /// vector's scalar `ok` is then listed among its `secrets`. Read off the output type, so a
    /// new operation returning a [`Secret`] is covered without a list to keep.
    pub fn output_is_secret(&self) -> bool {
        fn secret<E: Endpoint>(_: &E) -> bool
        where
            E::Output: 'static,
        {
            TypeId::of::<E::Output>() == TypeId::of::<Secret>()
        }
        match self {
            Self::GetTransientToken(op) => secret(op),
            Self::GetSourceConnectionInformation(op) => secret(op),
            Self::GetTokenDetails(op) => secret(op),
            Self::SignIn(op) => secret(op),
            Self::CreatePin(op) => secret(op),
            Self::GetPin(op) => secret(op),
            Self::LinkPin(op) => secret(op),
            Self::GetResources(op) => secret(op),
            Self::GetServerIdentity(op) => secret(op),
            Self::Ping(op) => secret(op),
            Self::SignOut(op) => secret(op),
            Self::GetNonce(op) => secret(op),
            Self::GetPlexKeys(op) => secret(op),
            Self::ExchangeDeviceJwt(op) => secret(op),
            Self::RegisterDeviceKey(op) => secret(op),
        }
    }

    /// Decodes `resp`: `Ok` with the output as the JSON its model serializes to (`null` for
    /// operations without output), or the core's error. The outer error is a model that does not
    /// serialize, which no model does.
    pub fn decode(&self, resp: HttpResponse) -> Result<Result<Value, Error>, VectorError> {
        fn json<T: serde::Serialize>(out: Result<T, Error>) -> Result<Result<Value, Error>, VectorError> {
            match out {
                Ok(v) => serde_json::to_value(&v).map(Ok).map_err(|e| VectorError::new(format!("serialize: {e}"))),
                Err(e) => Ok(Err(e)),
            }
        }
        match self {
            Self::GetTransientToken(op) => json(op.from_response(resp)),
            Self::GetSourceConnectionInformation(op) => json(op.from_response(resp)),
            Self::GetTokenDetails(op) => json(op.from_response(resp)),
            Self::SignIn(op) => json(op.from_response(resp)),
            Self::CreatePin(op) => json(op.from_response(resp)),
            Self::GetPin(op) => json(op.from_response(resp)),
            Self::LinkPin(op) => json(op.from_response(resp)),
            Self::GetResources(op) => json(op.from_response(resp)),
            Self::GetServerIdentity(op) => json(op.from_response(resp)),
            Self::Ping(op) => json(op.from_response(resp)),
            Self::SignOut(op) => json(op.from_response(resp)),
            Self::GetNonce(op) => json(op.from_response(resp)),
            Self::GetPlexKeys(op) => json(op.from_response(resp)),
            Self::ExchangeDeviceJwt(op) => json(op.from_response(resp)),
            Self::RegisterDeviceKey(op) => json(op.from_response(resp)),
        }
    }
}
