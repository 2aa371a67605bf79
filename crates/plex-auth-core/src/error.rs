//! The one error type of the crate, and the predicates programs branch on.

pub use crate::decode::xml::XmlError;
use crate::retry_after::RetryAfter;
use crate::transport::TransportError;
use bytes::Bytes;
use http::StatusCode;
use std::fmt;

/// Plex error code: `X-Plex-Client-Identifier` is missing.
pub const CODE_CLIENT_IDENTIFIER_MISSING: i64 = 1000;
/// Plex error code: the user could not be authenticated.
pub const CODE_NOT_AUTHENTICATED: i64 = 1001;
/// Plex error code: too many requests (seen on the JWT routes).
pub const CODE_TOO_MANY_REQUESTS: i64 = 1003;
/// Plex error code: a PIN was not found or has expired.
pub const CODE_PIN_NOT_FOUND: i64 = 1020;
/// Plex error code: a two-factor verification code is required.
pub const CODE_TWO_FACTOR_REQUIRED: i64 = 1029;
/// Plex error code: too many failed attempts from this address.
pub const CODE_REPEATED_FAILURES: i64 = 1031;

/// Plex error code: "jwk missing": the device key is no longer registered (the device was
/// removed from Authorized Devices). Register a new key under a new client identifier.
pub const CODE_JWK_MISSING: i64 = 1097;

/// Everything that can go wrong, from building a request to decoding its response.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input was rejected before any request was built.
    #[error("invalid {field}: {reason}")]
    InvalidInput {
        /// Which input (a config field, a header name, a parameter).
        field: &'static str,
        /// Why it was rejected. Never contains a secret value.
        reason: String,
    },
    /// The request could not be sent or its response not received.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// The server answered with a non-success status.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The server answered 2xx, but the body could not be used.
    #[error("{route}: could not decode the {status} response: {reason}")]
    Decode {
        /// Which operation's response this was, e.g. `GET /user`.
        route: &'static str,
        /// The HTTP status received.
        status: StatusCode,
        /// The body as received, for diagnosis. Its `Debug` shows only its length.
        body: Body,
        /// What was wrong with it.
        reason: DecodeReason,
    },
    /// A JWT Plex issued did not pass verification (or one we were given is unusable).
    #[error("Plex JWT rejected: {0}")]
    Jwt(#[from] crate::jwt::JwtRejection),
}

/// Why a 2xx body could not be decoded. Never quotes the body: it may hold a token.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeReason {
    /// The JSON was malformed or not an object where one was expected.
    #[error("invalid JSON: {0}")]
    Json(JsonError),
    /// The XML was malformed or over the reader's limits.
    #[error("invalid XML: {0}")]
    Xml(XmlError),
    /// The body is of a kind the operation cannot decode (for example HTML where JSON was asked).
    #[error("unexpected {0} body")]
    UnexpectedContent(&'static str),
    /// A field without which the result is meaningless is missing.
    #[error("missing required field `{0}`")]
    MissingField(&'static str),
    /// A field without which the result is meaningless is present but unusable.
    #[error("unusable field `{field}`: {reason}")]
    InvalidField {
        /// The field, by its Plex name.
        field: &'static str,
        /// What is wrong with it (never the value).
        reason: &'static str,
    },
}

/// Where and how a JSON body failed to parse: serde_json's category and position, without its
/// message, which can quote values from the body (`invalid type: string "<a token>"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonError {
    /// What kind of failure it was.
    pub category: serde_json::error::Category,
    /// 1-based line of the failure.
    pub line: usize,
    /// 1-based column of the failure.
    pub column: usize,
}

impl From<&serde_json::Error> for JsonError {
    fn from(e: &serde_json::Error) -> Self {
        Self { category: e.classify(), line: e.line(), column: e.column() }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use serde_json::error::Category;
        let what = match self.category {
            Category::Syntax => "malformed JSON",
            Category::Eof => "JSON ends early",
            Category::Data => "JSON of an unexpected shape",
            Category::Io => "JSON could not be read",
        };
        write!(f, "{what} at line {}, column {}", self.line, self.column)
    }
}

impl std::error::Error for JsonError {}

/// A non-success answer from plex.tv or a Plex Media Server.
#[derive(Debug)]
pub struct ApiError {
    /// Which operation this answered, e.g. `POST /users/signin`.
    pub route: &'static str,
    /// The HTTP status.
    pub status: StatusCode,
    /// Errors Plex listed in the body (`{"errors":[...]}` or `<errors><error/></errors>`).
    pub errors: Vec<PlexError>,
    /// The parsed `Retry-After` header, if any.
    pub retry_after: Option<RetryAfter>,
    /// The body as received.
    pub body: Body,
    /// True where a 403 means "invalid or no token" (the PMS `/security/*` routes; plex.tv's
    /// `/ping` and `/users/signout`).
    pub forbidden_means_unauthorized: bool,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} answered {}", self.route, self.status)?;
        for (i, e) in self.errors.iter().enumerate() {
            f.write_str(if i == 0 { ": " } else { "; " })?;
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// One entry of Plex's error list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PlexError {
    /// Plex's numeric code (1000, 1001, 1029, ...), when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<i64>,
    /// The human-readable message.
    #[serde(default)]
    pub message: String,
    /// The HTTP status Plex repeats inside the entry, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
}

impl fmt::Display for PlexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.code {
            Some(code) => write!(f, "{} (code {code})", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// A response body kept for diagnosis. `Debug` prints only its length: it may hold a token.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Body(pub Bytes);

impl Body {
    /// The raw bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Body({} bytes)", self.0.len())
    }
}

impl Error {
    /// Builds an [`Error::InvalidInput`].
    pub fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        Self::InvalidInput { field, reason: reason.into() }
    }

    /// A short stable name for the variant, for logs and metrics: `invalid_input`, `transport`,
    /// `api` or `decode`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::InvalidInput { .. } => "invalid_input",
            Self::Transport(_) => "transport",
            Self::Api(_) => "api",
            Self::Decode { .. } => "decode",
            Self::Jwt(_) => "jwt",
        }
    }

    /// The API error, if the server said no.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Self::Api(api) => Some(api),
            _ => None,
        }
    }

    /// The HTTP status of the response this error came from, if there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api(api) => Some(api.status),
            Self::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The first Plex error code in the body, if any.
    pub fn plex_code(&self) -> Option<i64> {
        self.api()?.errors.iter().find_map(|e| e.code)
    }

    /// The token is missing, invalid or revoked: discard it and authenticate again.
    ///
    /// True for 401 (except when Plex asks for a 2FA code), for 403 from the PMS `/security/*`
    /// routes (documented as "invalid or no token") and from plex.tv's `/ping` and
    /// `/users/signout` (where only 401/403/422 reject a token), and for plex.tv's 422
    /// "Invalid token".
    pub fn is_unauthorized(&self) -> bool {
        let Some(api) = self.api() else { return false };
        match api.status.as_u16() {
            401 => !self.two_factor_required(),
            403 => api.forbidden_means_unauthorized,
            422 => api.errors.iter().any(|e| e.message.to_ascii_lowercase().contains("invalid token")),
            _ => false,
        }
    }

    /// Plex wants a two-factor verification code (error code 1029): ask the user and retry.
    pub fn two_factor_required(&self) -> bool {
        self.api().is_some_and(|api| {
            api.errors.iter().any(|e| {
                e.code == Some(CODE_TWO_FACTOR_REQUIRED)
                    || (e.code.is_none() && e.message.to_ascii_lowercase().contains("verification code"))
            })
        })
    }

    /// A PIN is unknown to plex.tv (404, code 1020 "Code not found or expired"): it expired, or
    /// it was polled with another client identifier than the one that created it (Plex answers
    /// both the same way).
    pub fn pin_expired(&self) -> bool {
        self.plex_code() == Some(CODE_PIN_NOT_FOUND)
    }

    /// Rate limited (429, or Plex's code 1003 under any status): `Some` with the server's
    /// `Retry-After` when it sent one.
    ///
    /// Returns `Some(None)` when rate limited without a usable `Retry-After` (nonce 429s often
    /// come without one), `None` when not rate limited.
    pub fn rate_limited(&self) -> Option<Option<RetryAfter>> {
        let api = self.api()?;
        let limited = api.status == StatusCode::TOO_MANY_REQUESTS
            || api.errors.iter().any(|e| e.code == Some(CODE_TOO_MANY_REQUESTS));
        limited.then_some(api.retry_after)
    }

    /// The JWT sent as a token has expired (Plex answers 498): refresh it
    /// ([`JwtSession`](crate::jwt::JwtSession)) and retry. Also true for a Plex JWT that failed
    /// our own verification as expired.
    pub fn is_token_expired(&self) -> bool {
        match self {
            Self::Api(api) => api.status.as_u16() == 498,
            Self::Jwt(rejection) => matches!(rejection, crate::jwt::JwtRejection::Expired { .. }),
            _ => false,
        }
    }

    /// Plex refused a device JWT's signature or structure (422 "Signature Verification
    /// Failed"): the key is not the registered one, or the JWT is malformed.
    pub fn jwt_signature_rejected(&self) -> bool {
        self.api_422_says("signature")
    }

    /// Plex refused to register a key already registered by another device (422 "Thumbprint
    /// Already Taken"): generate a new key, or use the client identifier that owns it.
    pub fn thumbprint_taken(&self) -> bool {
        self.api_422_says("thumbprint")
    }

    /// The device key is no longer registered (Plex code 1097 "jwk missing"): the device was
    /// removed from Authorized Devices. Register a new key under a new client identifier.
    pub fn jwk_missing(&self) -> bool {
        self.api().is_some_and(|api| api.errors.iter().any(|e| e.code == Some(CODE_JWK_MISSING)))
    }

    fn api_422_says(&self, word: &str) -> bool {
        self.api().is_some_and(|api| {
            api.status == StatusCode::UNPROCESSABLE_ENTITY
                && api.errors.iter().any(|e| e.message.to_ascii_lowercase().contains(word))
        })
    }

    /// Worth retrying later as is: transport failures, 429, 5xx (500, 502, 503, 504).
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Transport(t) => t.is_retryable(),
            Self::Api(api) => matches!(api.status.as_u16(), 429 | 500 | 502 | 503 | 504),
            _ => false,
        }
    }
}

impl From<ApiError> for Error {
    fn from(value: ApiError) -> Self {
        Self::Api(Box::new(value))
    }
}
