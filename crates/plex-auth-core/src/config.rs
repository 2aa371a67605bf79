//! Who the client is and where it talks to, validated once when built.

use crate::error::Error;
use crate::secret::Secret;
use http::{HeaderName, HeaderValue};
use secrecy::ExposeSecret;

/// The default plex.tv API base.
pub const DEFAULT_PLEX_TV_URL: &str = "https://plex.tv/api/v2";

/// The default `clients.plex.tv` API base, where PINs, resources and (later) JWT routes live.
pub const DEFAULT_CLIENTS_PLEX_TV_URL: &str = "https://clients.plex.tv/api/v2";

/// The `X-Plex-Token` header name.
pub const X_PLEX_TOKEN: &str = "x-plex-token";
/// The `X-Plex-Client-Identifier` header name.
pub const X_PLEX_CLIENT_IDENTIFIER: &str = "x-plex-client-identifier";

/// An `http`/`https` base URL without credentials, query or fragment, stored without a trailing
/// slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

/// A URL as given to the builder, not yet checked (so it may still hold `user:password@`, which
/// `build` refuses); `Debug` hides that part.
#[derive(Clone, Default)]
struct UrlText(String);

impl std::fmt::Debug for UrlText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&without_userinfo(&self.0), f)
    }
}

/// `url` with any `userinfo@` in its authority replaced by `[redacted]@`.
pub(crate) fn without_userinfo(url: &str) -> std::borrow::Cow<'_, str> {
    let Some((scheme, rest)) = url.split_once("://") else { return url.into() };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rsplit_once('@') {
        Some((_, host)) => format!("{scheme}://{}@{host}{}", crate::secret::REDACTED, &rest[authority_end..]).into(),
        None => url.into(),
    }
}

impl BaseUrl {
    /// Validates `url`; `field` names it in the error.
    pub fn parse(field: &'static str, url: &str) -> Result<Self, Error> {
        let uri: http::Uri = url.parse().map_err(|e| Error::invalid(field, format!("not a URL: {e}")))?;
        match uri.scheme_str() {
            Some("http" | "https") => {}
            Some(other) => return Err(Error::invalid(field, format!("scheme must be http or https, not {other}"))),
            None => return Err(Error::invalid(field, "missing http:// or https://")),
        }
        let Some(authority) = uri.authority().filter(|a| !a.host().is_empty()) else {
            return Err(Error::invalid(field, "missing host"));
        };
        // Credentials in a URL travel to every log line an HTTP stack writes about the
        // connection (hyper-util's pool logs the authority at TRACE), and Plex never needs them.
        if authority.as_str().contains('@') {
            return Err(Error::invalid(
                field,
                "must not contain user:password@ (credentials in a URL end up in logs; Plex authenticates with a token)",
            ));
        }
        // `http` accepts any digits as a port; a port that cannot be dialled is bad input, not a
        // transport error later.
        let host_port = authority.as_str();
        let port_text = match host_port.rsplit_once(']') {
            Some((_, rest)) => rest.strip_prefix(':'),
            None => host_port.rsplit_once(':').map(|(_, p)| p),
        };
        if let Some(port) = port_text {
            if !matches!(port.parse::<u16>(), Ok(1..)) {
                return Err(Error::invalid(field, "port must be a number from 1 to 65535"));
            }
        }
        if uri.query().is_some() || url.contains('#') {
            return Err(Error::invalid(field, "must not contain a query or fragment"));
        }
        Ok(Self(url.trim_end_matches('/').to_owned()))
    }

    /// The URL as text, without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `self` + `path` (which starts with `/`) + `?query` when given.
    pub(crate) fn join(&self, path: &str, query: Option<&str>) -> String {
        let mut url = String::with_capacity(self.0.len() + path.len() + query.map_or(0, |q| q.len() + 1));
        url.push_str(&self.0);
        url.push_str(path);
        if let Some(q) = query {
            url.push('?');
            url.push_str(q);
        }
        url
    }
}

/// Client identity, endpoints and token: everything a request needs besides its own inputs.
///
/// Built with [`ClientConfig::builder`]; every value is checked when built, so building a request
/// later cannot fail on a bad header.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    server_url: Option<BaseUrl>,
    plex_tv_url: BaseUrl,
    clients_plex_tv_url: BaseUrl,
    token: Option<Secret>,
    client_identifier: String,
    identity_headers: Vec<(HeaderName, HeaderValue)>,
}

macro_rules! identity_fields {
    ($( $(#[$doc:meta])* $field:ident => $header:literal ),* $(,)?) => {
        /// Builder for [`ClientConfig`].
        #[derive(Debug, Clone, Default)]
        pub struct ClientConfigBuilder {
            server_url: Option<UrlText>,
            plex_tv_url: Option<UrlText>,
            clients_plex_tv_url: Option<UrlText>,
            token: Option<Secret>,
            client_identifier: Option<String>,
            $( $field: Option<String>, )*
        }

        impl ClientConfigBuilder {
            $(
                $(#[$doc])*
                #[doc = concat!("\n\nSent as `", $header, "`.")]
                pub fn $field(mut self, value: impl Into<String>) -> Self {
                    self.$field = Some(value.into());
                    self
                }
            )*

            /// The optional identity headers, by header name.
            fn optional_identity(&self) -> impl Iterator<Item = (&'static str, Option<&String>)> {
                [$( ($header, self.$field.as_ref()), )*].into_iter()
            }
        }
    };
}

identity_fields! {
    /// The name of the client product (e.g. `Plex for Roku`, `My Dashboard`).
    product => "X-Plex-Product",
    /// The version of the client application.
    version => "X-Plex-Version",
    /// The platform of the client (e.g. `Linux`).
    platform => "X-Plex-Platform",
    /// The version of the platform.
    platform_version => "X-Plex-Platform-Version",
    /// A relatively friendly name for the client device.
    device => "X-Plex-Device",
    /// A friendly name for the client (UTF-8 allowed).
    device_name => "X-Plex-Device-Name",
    /// A less friendly identifier for the device model.
    model => "X-Plex-Model",
    /// The device vendor.
    device_vendor => "X-Plex-Device-Vendor",
    /// The marketplace on which the client is distributed.
    marketplace => "X-Plex-Marketplace",
}

impl ClientConfigBuilder {
    /// The opaque identifier of this client install (required). Generate it once and store it:
    /// a new one per run shows up as a new device on the user's account.
    pub fn client_identifier(mut self, value: impl Into<String>) -> Self {
        self.client_identifier = Some(value.into());
        self
    }

    /// The Plex Media Server base URL, e.g. `http://127.0.0.1:32400`.
    pub fn server_url(mut self, url: impl Into<String>) -> Self {
        self.server_url = Some(UrlText(url.into()));
        self
    }

    /// The plex.tv API base; defaults to [`DEFAULT_PLEX_TV_URL`].
    pub fn plex_tv_url(mut self, url: impl Into<String>) -> Self {
        self.plex_tv_url = Some(UrlText(url.into()));
        self
    }

    /// The `clients.plex.tv` API base (PINs, resources). Defaults to
    /// [`DEFAULT_CLIENTS_PLEX_TV_URL`], or to the [`plex_tv_url`](Self::plex_tv_url) when only
    /// that one was set, so one URL is enough to point every route at a fake.
    pub fn clients_plex_tv_url(mut self, url: impl Into<String>) -> Self {
        self.clients_plex_tv_url = Some(UrlText(url.into()));
        self
    }

    /// The token sent as `X-Plex-Token`.
    pub fn token(mut self, token: impl Into<Secret>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Validates everything and builds the config.
    pub fn build(self) -> Result<ClientConfig, Error> {
        let client_identifier = self.client_identifier.clone().unwrap_or_default();
        if client_identifier.trim().is_empty() {
            return Err(Error::invalid("X-Plex-Client-Identifier", "must not be empty"));
        }
        let mut identity_headers = Vec::with_capacity(11);
        identity_headers.push((
            HeaderName::from_static(X_PLEX_CLIENT_IDENTIFIER),
            header_value("X-Plex-Client-Identifier", &client_identifier)?,
        ));
        for (name, value) in self.optional_identity() {
            if let Some(value) = value {
                let header =
                    HeaderName::from_bytes(name.as_bytes()).map_err(|e| Error::invalid(name, e.to_string()))?;
                identity_headers.push((header, header_value(name, value)?));
            }
        }
        if let Some(token) = &self.token {
            token_header(token)?;
        }
        let server_url = self.server_url.as_ref().map(|u| BaseUrl::parse("server_url", &u.0)).transpose()?;
        let plex_tv_url =
            BaseUrl::parse("plex_tv_url", self.plex_tv_url.as_ref().map_or(DEFAULT_PLEX_TV_URL, |u| &u.0))?;
        let clients_plex_tv_url = match (&self.clients_plex_tv_url, &self.plex_tv_url) {
            (Some(url), _) => BaseUrl::parse("clients_plex_tv_url", &url.0)?,
            (None, Some(_)) => plex_tv_url.clone(),
            (None, None) => BaseUrl::parse("clients_plex_tv_url", DEFAULT_CLIENTS_PLEX_TV_URL)?,
        };
        Ok(ClientConfig {
            server_url,
            plex_tv_url,
            clients_plex_tv_url,
            token: self.token,
            client_identifier,
            identity_headers,
        })
    }
}

/// A header value from user text: UTF-8 is allowed (Plex parses it), control bytes are not.
fn header_value(field: &'static str, value: &str) -> Result<HeaderValue, Error> {
    if value.is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    HeaderValue::from_bytes(value.as_bytes()).map_err(|_| {
        Error::invalid(field, "contains a character not allowed in an HTTP header (CR, LF or other control)")
    })
}

/// Checks that `token` can be sent as `X-Plex-Token`: not empty, visible ASCII only (no spaces,
/// CR/LF or other control characters). Plex's tokens are letters, digits, `-` and `_`; a value
/// outside this rule is a server's mistake or an attack, never worth saving or sending.
///
/// The reason returned never contains the token.
pub fn check_token(token: &str) -> Result<(), &'static str> {
    if token.is_empty() {
        Err("is empty")
    } else if token.len() > MAX_TOKEN_LEN {
        Err("is longer than 4096 bytes")
    } else if !all_ascii_graphic(token.as_bytes()) {
        Err("contains a space, control or non-ASCII character, so it cannot be sent in a header")
    } else {
        Ok(())
    }
}

/// True when every byte is visible ASCII (`!` to `~`). Checks every byte without stopping at
/// the first bad one, so the loop vectorises: a 1 KiB JWT costs a few hundred instructions, not
/// a few thousand, on every decode and every request that carries it.
fn all_ascii_graphic(bytes: &[u8]) -> bool {
    bytes.iter().fold(true, |ok, &b| ok & (b.wrapping_sub(b'!') < b'~' - b'!' + 1))
}

/// Longer values are not tokens (Plex's are 20 characters; JWTs about 1 KiB).
const MAX_TOKEN_LEN: usize = 4096;

/// The `X-Plex-Token` value, marked sensitive so HTTP stacks keep it out of their logs.
pub(crate) fn token_header(token: &Secret) -> Result<HeaderValue, Error> {
    check_token(token.expose_secret()).map_err(|reason| Error::invalid("X-Plex-Token", reason))?;
    let mut value = HeaderValue::from_str(token.expose_secret())
        .map_err(|_| Error::invalid("X-Plex-Token", "contains a character not allowed in an HTTP header"))?;
    value.set_sensitive(true);
    Ok(value)
}

impl ClientConfig {
    /// Starts a builder.
    pub fn builder() -> ClientConfigBuilder {
        ClientConfigBuilder::default()
    }

    /// The PMS base URL, if configured.
    pub fn server_url(&self) -> Option<&BaseUrl> {
        self.server_url.as_ref()
    }

    /// The PMS base URL, or an error naming the missing setting.
    pub(crate) fn require_server_url(&self) -> Result<&BaseUrl, Error> {
        self.server_url.as_ref().ok_or_else(|| Error::invalid("server_url", "no Plex Media Server URL configured"))
    }

    /// The plex.tv API base.
    pub fn plex_tv_url(&self) -> &BaseUrl {
        &self.plex_tv_url
    }

    /// The `clients.plex.tv` API base.
    pub fn clients_plex_tv_url(&self) -> &BaseUrl {
        &self.clients_plex_tv_url
    }

    /// The token, if any.
    pub fn token(&self) -> Option<&Secret> {
        self.token.as_ref()
    }

    /// The client identifier sent as `X-Plex-Client-Identifier`.
    pub fn client_identifier(&self) -> &str {
        &self.client_identifier
    }

    /// The `X-Plex-*` identity headers sent with every request, client identifier first.
    pub fn identity_headers(&self) -> &[(HeaderName, HeaderValue)] {
        &self.identity_headers
    }

    /// Replaces the token (for example with the one a sign-in returned).
    pub fn set_token(&mut self, token: impl Into<Secret>) -> Result<(), Error> {
        let token = token.into();
        token_header(&token)?;
        self.token = Some(token);
        Ok(())
    }

    /// Returns a copy with `token` as the token.
    pub fn with_token(mut self, token: impl Into<Secret>) -> Result<Self, Error> {
        self.set_token(token)?;
        Ok(self)
    }

    /// Removes the token.
    pub fn clear_token(&mut self) {
        self.token = None;
    }
}

#[cfg(test)]
mod tests {
    use super::check_token;

    #[test]
    fn tokens_are_visible_ascii_at_both_ends_of_the_range() {
        assert_eq!(check_token("!~azAZ09-_.=+/"), Ok(()));
        for bad in ["a b", "a\x7f", "a\u{0}", "tökén", "a\tb", "\u{20}"] {
            assert!(check_token(bad).is_err(), "{bad:?}");
        }
        assert!(check_token(&"a".repeat(4096)).is_ok());
        assert!(check_token(&"a".repeat(4097)).is_err());
        assert!(check_token("").is_err());
    }
}
