//! How failures become an exit code, a `--json` kind, a message and a hint.
//!
//! [`FailureKind`] is the one place that owns each exit code, its `--json` kind and its
//! description; `--help`, README and the code all read [`EXIT_CODES`]. A [`Failure`] is a kind
//! with a one-line message naming the cause and, where there is one, a hint naming the next
//! step (which flag or variable to set). Turning a core error into a failure, with the hint that
//! fits the command, is in the private `explain` module.

use serde_json::{Value, json};

/// Every way a command can end badly, each with its own exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// Reading or writing local state or output failed.
    Io,
    /// Bad command line or input, rejected before anything was sent.
    InvalidInput,
    /// The token (or login) was rejected.
    Unauthorized,
    /// Plex wants a two-factor code.
    TwoFactorRequired,
    /// Plex asked us to slow down.
    RateLimited,
    /// Plex or the server answered with another error.
    Api,
    /// The server could not be reached or the connection broke.
    Transport,
    /// The answer could not be used (undecodable, or an unusable token).
    Decode,
    /// A PIN login ended without approval: the PIN expired, or the wait ran out.
    NotApproved,
    /// A Plex JWT failed verification (signature, key, issuer, audience, time or thumbprint).
    JwtRejected,
    /// Standard output was closed early (`plex-auth demo | head -2`): nothing more is printed,
    /// and the exit status is the one a shell reports for a program ended by `SIGPIPE`.
    ClosedOutput,
}

/// One row of the exit-code table.
#[derive(Debug, Clone, Copy)]
pub struct ExitCode {
    /// The process exit status.
    pub code: u8,
    /// The `--json` error kind, if a failure (`None` for success).
    pub kind: Option<&'static str>,
    /// What it means.
    pub meaning: &'static str,
}

/// Every exit status, in order: the source of `--help`'s list and README's.
pub const EXIT_CODES: [ExitCode; 12] = [
    ExitCode { code: 0, kind: None, meaning: "ok" },
    FailureKind::Io.row(),
    FailureKind::InvalidInput.row(),
    FailureKind::Unauthorized.row(),
    FailureKind::TwoFactorRequired.row(),
    FailureKind::RateLimited.row(),
    FailureKind::Api.row(),
    FailureKind::Transport.row(),
    FailureKind::Decode.row(),
    FailureKind::NotApproved.row(),
    FailureKind::JwtRejected.row(),
    FailureKind::ClosedOutput.row(),
];

impl FailureKind {
    /// The process exit status.
    pub const fn exit_code(self) -> u8 {
        match self {
            Self::Io => 1,
            Self::InvalidInput => 2,
            Self::Unauthorized => 3,
            Self::TwoFactorRequired => 4,
            Self::RateLimited => 5,
            Self::Api => 6,
            Self::Transport => 7,
            Self::Decode => 8,
            Self::NotApproved => 9,
            Self::JwtRejected => 10,
            Self::ClosedOutput => 141,
        }
    }

    /// The `kind` of a `--json` error.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Io => "io",
            Self::InvalidInput => "invalid_input",
            Self::Unauthorized => "unauthorized",
            Self::TwoFactorRequired => "two_factor_required",
            Self::RateLimited => "rate_limited",
            Self::Api => "api",
            Self::Transport => "transport",
            Self::Decode => "decode",
            Self::NotApproved => "not_approved",
            Self::JwtRejected => "jwt_rejected",
            Self::ClosedOutput => "closed_output",
        }
    }

    /// What the exit code means, for the table.
    pub const fn meaning(self) -> &'static str {
        match self {
            Self::Io => "local I/O error (config dir, token file, output)",
            Self::InvalidInput => "usage or invalid input",
            Self::Unauthorized => "unauthorized: token or login rejected",
            Self::TwoFactorRequired => "two-factor code required",
            Self::RateLimited => "rate limited",
            Self::Api => "other error from Plex or the server",
            Self::Transport => "transport error: server unreachable, timeout, broken connection",
            Self::Decode => "undecodable answer, or an unusable token (never saved)",
            Self::NotApproved => "PIN login not approved: the PIN expired or the wait ran out",
            Self::JwtRejected => "a Plex JWT failed verification (key, signature, claims or expiry)",
            Self::ClosedOutput => "output closed early, e.g. by `| head` (128 + SIGPIPE; nothing printed)",
        }
    }

    const fn row(self) -> ExitCode {
        ExitCode { code: self.exit_code(), kind: Some(self.as_str()), meaning: self.meaning() }
    }
}

/// The exit-code table as `--help` and README show it, one line per code.
pub fn exit_code_table() -> String {
    EXIT_CODES.iter().map(|row| format!("  {:>3}  {}\n", row.code, row.meaning)).collect()
}

/// A failed command: what kind, what went wrong, and what to do next.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// Which kind, and so which exit code.
    pub kind: FailureKind,
    /// One line naming the cause. Never holds a secret.
    pub message: String,
    /// The next step, if there is an obvious one.
    pub hint: Option<String>,
    /// The underlying errors, outermost first (the transport's source chain, Plex's messages).
    pub causes: Vec<String>,
    /// The HTTP status, when the server answered.
    pub status: Option<u16>,
    /// Plex's error code, when it gave one.
    pub code: Option<i64>,
    /// Seconds to wait before trying again, when rate limited.
    pub retry_after_seconds: Option<u64>,
}

impl Failure {
    /// A failure of `kind` with `message` and nothing else.
    pub fn new(kind: FailureKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            hint: None,
            causes: Vec::new(),
            status: None,
            code: None,
            retry_after_seconds: None,
        }
    }

    /// A local I/O failure.
    pub fn io(message: impl Into<String>) -> Self {
        Self::new(FailureKind::Io, message)
    }

    /// Bad input, rejected before anything was sent.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(FailureKind::InvalidInput, message)
    }

    /// The server handed out a token that cannot be sent back (empty, blank, or holding a
    /// control, space or non-ASCII character), so it was not saved. `reason` never quotes it.
    pub fn unusable_token(reason: &str) -> Self {
        Self::new(FailureKind::Decode, format!("the token received cannot be used and was not saved: it {reason}"))
            .with_hint("this is the server's fault; try again later, or sign in another way")
    }

    /// Adds the next step.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The process exit code for this failure.
    pub fn exit_code(&self) -> u8 {
        self.kind.exit_code()
    }

    /// The `--json` kind.
    pub fn kind(&self) -> &'static str {
        self.kind.as_str()
    }

    /// The one-line message.
    pub fn message(&self) -> String {
        self.message.clone()
    }

    /// `{"error": {"kind", "message", "hint", "causes", "status", "code", "retry_after_seconds"}}`.
    pub fn to_json(&self) -> Value {
        let mut error = json!({
            "kind": self.kind(),
            "message": self.message,
            "hint": self.hint,
            "causes": self.causes,
            "status": self.status,
            "code": self.code,
        });
        if let (Some(secs), Some(map)) = (self.retry_after_seconds, error.as_object_mut()) {
            map.insert("retry_after_seconds".into(), secs.into());
        }
        json!({ "error": error })
    }

    /// Replaces every secret this run sent in the message, hint and causes.
    pub fn scrub(mut self, sent: &plex_auth_core::SentSecrets) -> Self {
        sent.scrub_text(&mut self.message);
        if let Some(hint) = &mut self.hint {
            sent.scrub_text(hint);
        }
        self.causes.iter_mut().for_each(|c| sent.scrub_text(c));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_failure_kind_has_its_own_exit_code_and_kind() {
        let codes: Vec<u8> = EXIT_CODES.iter().map(|r| r.code).collect();
        let mut unique = codes.clone();
        unique.dedup();
        assert_eq!(codes, unique, "sorted and distinct");
        let kinds: Vec<_> = EXIT_CODES.iter().filter_map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            [
                "io",
                "invalid_input",
                "unauthorized",
                "two_factor_required",
                "rate_limited",
                "api",
                "transport",
                "decode",
                "not_approved",
                "jwt_rejected",
                "closed_output"
            ]
        );
    }

    #[test]
    fn json_errors_carry_hint_causes_and_retry_after() {
        let mut f = Failure::new(FailureKind::RateLimited, "slow down").with_hint("wait");
        f.retry_after_seconds = Some(30);
        f.causes = vec!["a".into()];
        let doc = f.to_json();
        assert_eq!(doc["error"]["retry_after_seconds"], 30);
        assert_eq!(doc["error"]["hint"], "wait");
        assert_eq!(doc["error"]["causes"][0], "a");
        let doc = Failure::io("x").to_json();
        assert!(doc["error"].get("retry_after_seconds").is_none());
    }
}
