//! Core errors as failures a user can act on: the cause in words, and the flag or variable to
//! set next. The wording comes from the core error (the same through every transport); this
//! file only adds what the command knows: which host it talked to and which flag configured it.

use crate::failure::{Failure, FailureKind};
use plex_auth_core::{
    CODE_NOT_AUTHENTICATED, CODE_REPEATED_FAILURES, CODE_TWO_FACTOR_REQUIRED, Error, TransportCause, TransportError,
};
use std::time::{Duration, SystemTime};

/// Which of the two hosts a command talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    /// plex.tv (`--plex-tv`).
    PlexTv,
    /// A Plex Media Server (`--server`).
    Server,
}

impl Host {
    /// The flag and variable that set this host's URL.
    pub fn flag(self) -> &'static str {
        match self {
            Self::PlexTv => "--plex-tv (or PLEX_TV_URL)",
            Self::Server => "--server (or PLEX_SERVER_URL)",
        }
    }

    fn what(self) -> &'static str {
        match self {
            Self::PlexTv => "plex.tv",
            Self::Server => "a Plex Media Server",
        }
    }
}

/// What the failing command was doing, as far as the hints need to know.
#[derive(Debug, Clone, Copy)]
pub struct Situation {
    /// The host the command talks to.
    pub host: Host,
    /// True for `signin` (a 401 then means the login, not a token).
    pub signing_in: bool,
    /// True when a two-factor code was sent.
    pub sent_code: bool,
}

impl Situation {
    /// An ordinary command talking to `host` (not signing in, no code sent).
    pub fn on(host: Host) -> Self {
        Self { host, signing_in: false, sent_code: false }
    }
}

/// `err` as a failure, with the hint that fits `at`.
pub fn explain(err: &Error, at: Situation) -> Failure {
    match err {
        Error::InvalidInput { field, reason } => invalid_input(field, reason),
        Error::Transport(t) => transport(t, at.host),
        Error::Api(_) => api(err, at),
        Error::Decode { .. } => Failure::new(FailureKind::Decode, err.to_string()).with_hint(format!(
            "the answer is not what {} sends: check {}",
            at.host.what(),
            at.host.flag()
        )),
        Error::Jwt(rejection) => jwt_rejected(rejection),
        other => Failure::new(FailureKind::Api, other.to_string()),
    }
}

fn jwt_rejected(rejection: &plex_auth_core::jwt::JwtRejection) -> Failure {
    use plex_auth_core::jwt::JwtRejection;
    let hint = match rejection {
        JwtRejection::Expired { .. } => {
            "get a fresh one with `plex-auth jwt refresh` (or `plex-auth jwt login --save`)"
        }
        JwtRejection::Thumbprint => {
            "the JWT was issued to another device key: log in again with `plex-auth jwt login --save`"
        }
        JwtRejection::Audience(_) => {
            "the JWT was issued to another client identifier: check --client-id (or PLEX_CLIENT_IDENTIFIER)"
        }
        _ => {
            "do not use this token; get a fresh one with `plex-auth jwt login --save`, and check --plex-tv (or PLEX_TV_URL)"
        }
    };
    Failure::new(FailureKind::JwtRejected, format!("Plex JWT rejected: {rejection}")).with_hint(hint)
}

/// The flag or variable behind a core config field, for invalid-input hints.
pub fn flag_of(field: &str) -> Option<&'static str> {
    Some(match field {
        "server_url" => Host::Server.flag(),
        "plex_tv_url" => Host::PlexTv.flag(),
        "X-Plex-Token" => "--token (or PLEX_TOKEN)",
        "X-Plex-Client-Identifier" => "--client-id (or PLEX_CLIENT_IDENTIFIER)",
        "login" => "--login (or PLEX_LOGIN)",
        "password" => "PLEX_PASSWORD (or pipe it on stdin)",
        "verificationCode" => "--code (or PLEX_CODE)",
        _ => return None,
    })
}

fn invalid_input(field: &str, reason: &str) -> Failure {
    let failure = Failure::invalid(format!("invalid {field}: {reason}"));
    match flag_of(field) {
        Some(flag) => failure.with_hint(format!("check {flag}")),
        None => failure,
    }
}

/// The source chain of `err` below itself, each as one line.
pub fn causes(err: &(dyn std::error::Error + 'static)) -> Vec<String> {
    std::iter::successors(err.source(), |e| e.source()).map(|e| e.to_string().replace('\n', " ")).collect()
}

fn transport(t: &TransportError, host: Host) -> Failure {
    let flag = host.flag();
    let hint = match t.cause() {
        TransportCause::Refused => format!("nothing is listening there: check that {flag} points at {}", host.what()),
        TransportCause::Dns => format!("check the host name in {flag}, and your network or DNS"),
        TransportCause::Tls => match t.target() {
            Some(target) if target.scheme() == "https" => format!(
                "the server may speak plain HTTP on that port: try http://{}:{} in {flag}",
                target.host(),
                target.port().unwrap_or(443)
            ),
            _ => format!("check the server's certificate and {flag}"),
        },
        TransportCause::TimedOut => {
            format!("check that {flag} is reachable from here, or allow more time with --timeout SECONDS")
        }
        TransportCause::BodyTooLarge => format!("check that {flag} points at {}", host.what()),
        TransportCause::Reset | TransportCause::ClosedEarly | TransportCause::InvalidHttp => {
            format!("check that {flag} points at {} and uses the right scheme (http or https)", host.what())
        }
        _ => format!("check {flag} and your network"),
    };
    let mut failure = Failure::new(FailureKind::Transport, t.to_string()).with_hint(hint);
    failure.causes = causes(t);
    failure
}

fn api(err: &Error, at: Situation) -> Failure {
    let code = err.plex_code();
    let status = err.status().map(|s| s.as_u16());
    let text = err.to_string().replace('\n', " ");
    let (kind, message, hint) = if let Some((kind, hint)) = jwt_api_hint(err) {
        (kind, text, hint.to_owned())
    } else if err.two_factor_required() {
        if at.sent_code && code == Some(CODE_TWO_FACTOR_REQUIRED) {
            (
                FailureKind::TwoFactorRequired,
                format!("the two-factor code was not accepted ({text})"),
                "give the current code from your authenticator app with --code or PLEX_CODE".to_owned(),
            )
        } else {
            (
                FailureKind::TwoFactorRequired,
                format!("this account needs a two-factor code ({text})"),
                "pass it with --code or PLEX_CODE (on a terminal you are asked for it)".to_owned(),
            )
        }
    } else if code == Some(CODE_REPEATED_FAILURES) {
        (
            FailureKind::Unauthorized,
            format!("plex.tv saw repeated failed sign-ins from this address ({text})"),
            "wait a while before trying again".to_owned(),
        )
    } else if err.is_unauthorized() && at.signing_in {
        let what = if at.sent_code && code == Some(CODE_NOT_AUTHENTICATED) {
            "the login, password or two-factor code was not accepted"
        } else {
            "the login or password was not accepted"
        };
        (
            FailureKind::Unauthorized,
            format!("{what} ({text})"),
            "check --login (or PLEX_LOGIN) and PLEX_PASSWORD".to_owned(),
        )
    } else if err.is_unauthorized() {
        let hint = match at.host {
            Host::PlexTv => {
                "sign in again with `plex-auth signin --save`, or pass a valid token with --token (or PLEX_TOKEN)"
            }
            Host::Server => "use a token of an account with access to this server: --token (or PLEX_TOKEN)",
        };
        (FailureKind::Unauthorized, format!("the token was rejected ({text})"), hint.to_owned())
    } else if let Some(after) = err.rate_limited() {
        let secs = after.map(|a| a.delay_from(SystemTime::now()).as_secs());
        let mut failure = Failure::new(
            FailureKind::RateLimited,
            match secs {
                Some(s) => format!("rate limited ({text}); retry after {s} s"),
                None => format!("rate limited ({text})"),
            },
        )
        .with_hint(match secs {
            Some(s) => format!("wait {} and try again", plural_seconds(Duration::from_secs(s))),
            None => "wait a minute and try again".to_owned(),
        });
        failure.retry_after_seconds = secs;
        return with_plex_details(failure, err, status, code);
    } else if status == Some(404) && at.host == Host::PlexTv {
        (
            FailureKind::Api,
            text,
            "check that --plex-tv (or PLEX_TV_URL) ends in /api/v2, like https://plex.tv/api/v2".to_owned(),
        )
    } else {
        (FailureKind::Api, text, format!("check {}; the server's own message is above", at.host.flag()))
    };
    with_plex_details(Failure::new(kind, message).with_hint(hint), err, status, code)
}

/// The JWT routes' own refusals, each with its next step.
fn jwt_api_hint(err: &Error) -> Option<(FailureKind, &'static str)> {
    Some(if err.is_token_expired() {
        (FailureKind::Unauthorized, "the JWT expired: run `plex-auth jwt refresh`")
    } else if err.jwk_missing() {
        (
            FailureKind::Unauthorized,
            "the device key is not registered for this client identifier (or was removed from Authorized Devices): \
             log in with `plex-auth login --jwt` under a new --client-id",
        )
    } else if err.thumbprint_taken() {
        (
            FailureKind::Api,
            "this device key is registered under another client identifier: use that --client-id, or move the key file away to make a new one",
        )
    } else if err.jwt_signature_rejected() {
        (
            FailureKind::Unauthorized,
            "plex.tv did not accept the device key's signature: register the key with `plex-auth jwt register`, or log in with `plex-auth login --jwt`",
        )
    } else {
        return None;
    })
}

fn with_plex_details(mut failure: Failure, err: &Error, status: Option<u16>, code: Option<i64>) -> Failure {
    failure.status = status;
    failure.code = code;
    if let Some(api) = err.api() {
        failure.causes = api.errors.iter().map(|e| e.to_string().replace('\n', " ")).collect();
    }
    failure
}

fn plural_seconds(d: Duration) -> String {
    match d.as_secs() {
        1 => "1 second".to_owned(),
        n => format!("{n} seconds"),
    }
}

impl From<Error> for Failure {
    /// The failure's kind and message without a hint, for callers (the demo) whose inputs are
    /// not the user's flags.
    fn from(err: Error) -> Self {
        let mut failure = explain(&err, Situation::on(Host::PlexTv));
        failure.hint = None;
        failure
    }
}
