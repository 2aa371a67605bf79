//! How failures become an exit code, a kind, a one-line message and a JSON document.

use plex_auth_core::Error;
use serde_json::{Value, json};

/// A failed command.
#[derive(Debug)]
pub enum Failure {
    /// Plex, the network or the input said no.
    Plex(Error),
    /// Reading or writing local state failed.
    Local(String),
    /// The server handed out a token that could not be sent back (empty, blank, or holding a
    /// control, space or non-ASCII character), so it was not saved. The reason never quotes it.
    UnusableToken(&'static str),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Self::Plex(e)
    }
}

impl Failure {
    /// The kind named in `--json` errors.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Local(_) => "io",
            Self::UnusableToken(_) => "decode",
            Self::Plex(e) => match e {
                Error::InvalidInput { .. } => "invalid_input",
                Error::Transport(_) => "transport",
                Error::Decode { .. } => "decode",
                _ if e.two_factor_required() => "two_factor_required",
                _ if e.is_unauthorized() => "unauthorized",
                _ if e.rate_limited().is_some() => "rate_limited",
                _ => "api",
            },
        }
    }

    /// The process exit code for this failure.
    pub fn exit_code(&self) -> u8 {
        match self.kind() {
            "invalid_input" => 2,
            "unauthorized" => 3,
            "two_factor_required" => 4,
            "rate_limited" => 5,
            "api" => 6,
            "transport" => 7,
            "decode" => 8,
            _ => 1,
        }
    }

    /// One line naming what failed. Core errors never carry secrets in their text.
    pub fn message(&self) -> String {
        match self {
            Self::Local(m) => m.clone(),
            Self::UnusableToken(reason) => {
                format!("the token received cannot be used and was not saved: it {reason}")
            }
            Self::Plex(e) => {
                let mut text = e.to_string();
                if let Some(Some(after)) = e.rate_limited() {
                    let secs = after.delay_from(std::time::SystemTime::now()).as_secs();
                    text.push_str(&format!(" (retry after {secs} s)"));
                }
                text.replace('\n', " ")
            }
        }
    }

    /// `{"error": {"kind", "status", "code", "message"}}`.
    pub fn to_json(&self) -> Value {
        let (status, code) = match self {
            Self::Plex(e) => (e.status().map(|s| s.as_u16()), e.plex_code()),
            Self::Local(_) | Self::UnusableToken(_) => (None, None),
        };
        json!({"error": {"kind": self.kind(), "status": status, "code": code, "message": self.message()}})
    }
}
