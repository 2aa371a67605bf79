//! The app.plex.tv URL where a user approves a PIN.

use crate::config::ClientConfig;
use crate::error::Error;
use crate::models::Pin;
use crate::ops::encode_query_value;

/// Where Plex's web app approves PINs. Its parameters go in the fragment (`#?`), so the code
/// never reaches a server log.
pub const DEFAULT_AUTH_APP_URL: &str = "https://app.plex.tv/auth";

/// `X-Plex-*` headers and the `context[device][...]` keys Plex's web app shows them under.
const DEVICE_CONTEXT: [(&str, &str); 6] = [
    ("x-plex-product", "product"),
    ("x-plex-version", "version"),
    ("x-plex-platform", "platform"),
    ("x-plex-platform-version", "platformVersion"),
    ("x-plex-device", "device"),
    ("x-plex-device-name", "deviceName"),
];

/// Builds the URL to send a user to for approving a PIN:
/// `https://app.plex.tv/auth#?clientID=...&code=...&context%5Bdevice%5D%5Bproduct%5D=...`.
///
/// ```
/// use plex_auth_core::{AuthUrl, ClientConfig, Pin};
/// let config = ClientConfig::builder().client_identifier("my-app").product("My Cool App").build()?;
/// let pin: Pin = serde_json::from_str(r#"{"id": 7, "code": "8lzjqnq8"}"#)?;
/// let url = AuthUrl::new(&config, &pin).forward_url("https://example.com/done").build()?;
/// assert_eq!(
///     url,
///     "https://app.plex.tv/auth#?clientID=my-app&code=8lzjqnq8\
///      &context%5Bdevice%5D%5Bproduct%5D=My%20Cool%20App&forwardUrl=https%3A%2F%2Fexample.com%2Fdone"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct AuthUrl<'a> {
    config: &'a ClientConfig,
    pin: &'a Pin,
    app: &'a str,
    forward: Option<&'a str>,
}

impl<'a> AuthUrl<'a> {
    /// The URL for `pin`, created with `config`.
    pub fn new(config: &'a ClientConfig, pin: &'a Pin) -> Self {
        Self { config, pin, app: DEFAULT_AUTH_APP_URL, forward: None }
    }

    /// Where the browser goes after approval (the forwarding flow of web apps).
    pub fn forward_url(mut self, url: &'a str) -> Self {
        self.forward = Some(url);
        self
    }

    /// Another approval page than app.plex.tv's (FakePlex serves one).
    pub fn app_url(mut self, url: &'a str) -> Self {
        self.app = url;
        self
    }

    /// The URL; fails when the PIN has no code.
    pub fn build(&self) -> Result<String, Error> {
        let code = self.pin.code.as_deref().filter(|c| !c.is_empty());
        let code = code.ok_or_else(|| Error::invalid("code", "the PIN has no code to approve"))?;
        let mut pairs: Vec<(String, String)> =
            vec![("clientID".into(), self.config.client_identifier().to_owned()), ("code".into(), code.to_owned())];
        for (name, value) in self.config.identity_headers() {
            let key = DEVICE_CONTEXT.iter().find(|(header, _)| name.as_str() == *header).map(|(_, key)| *key);
            if let (Some(key), Ok(value)) = (key, value.to_str()) {
                pairs.push((format!("context[device][{key}]"), value.to_owned()));
            }
        }
        if let Some(forward) = self.forward {
            pairs.push(("forwardUrl".into(), forward.to_owned()));
        }
        let fragment: Vec<String> =
            pairs.iter().map(|(k, v)| format!("{}={}", encode_query_value(k), encode_query_value(v))).collect();
        Ok(format!("{}#?{}", self.app.trim_end_matches('/'), fragment.join("&")))
    }
}
