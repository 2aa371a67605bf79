//! What a row expects: a good output, or an exact typed error.

use super::ops::{Op, Out};
use plex_auth_core::{DecodeReason, Error, RetryAfter, TransportErrorKind};

/// Everything a program can branch on in an error, in one comparable value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    pub variant: &'static str,
    pub kind: Option<TransportErrorKind>,
    pub status: Option<u16>,
    pub plex_code: Option<i64>,
    /// How many entries Plex's error list had (`Api` only).
    pub errors: Option<usize>,
    /// The `DecodeReason` variant (`Decode` only).
    pub reason: Option<&'static str>,
    pub rate_limited: Option<Option<RetryAfter>>,
    pub retryable: bool,
}

impl Seen {
    pub fn of(err: &Error) -> Self {
        let (variant, kind, errors, reason) = match err {
            Error::InvalidInput { .. } => ("InvalidInput", None, None, None),
            Error::Transport(t) => ("Transport", Some(t.kind()), None, None),
            Error::Api(api) => ("Api", None, Some(api.errors.len()), None),
            Error::Decode { reason, .. } => ("Decode", None, None, Some(reason_name(reason))),
            _ => ("unknown", None, None, None),
        };
        Self {
            variant,
            kind,
            status: err.status().map(|s| s.as_u16()),
            plex_code: err.plex_code(),
            errors,
            reason,
            rate_limited: err.rate_limited(),
            retryable: err.is_retryable(),
        }
    }

    const fn base(variant: &'static str) -> Self {
        Self {
            variant,
            kind: None,
            status: None,
            plex_code: None,
            errors: None,
            reason: None,
            rate_limited: None,
            retryable: false,
        }
    }

    pub fn retryable(mut self) -> Self {
        self.retryable = true;
        self
    }

    pub fn code(mut self, code: i64) -> Self {
        self.plex_code = Some(code);
        self
    }

    pub fn errors(mut self, n: usize) -> Self {
        self.errors = Some(n);
        self
    }

    pub fn rate_limited(mut self, retry_after: Option<RetryAfter>) -> Self {
        self.rate_limited = Some(retry_after);
        self
    }
}

fn reason_name(reason: &DecodeReason) -> &'static str {
    match reason {
        DecodeReason::Json(_) => "Json",
        DecodeReason::Xml(_) => "Xml",
        DecodeReason::UnexpectedContent(_) => "UnexpectedContent",
        DecodeReason::MissingField(_) => "MissingField",
        DecodeReason::InvalidField { .. } => "InvalidField",
        _ => "unknown",
    }
}

/// `Error::Transport` of `kind` (not retryable unless said so).
pub fn transport(kind: TransportErrorKind) -> Seen {
    Seen { kind: Some(kind), ..Seen::base("Transport") }
}

/// `Error::Api` with `status` and an empty error list (not retryable unless said so).
pub fn api(status: u16) -> Seen {
    Seen { status: Some(status), errors: Some(0), ..Seen::base("Api") }
}

/// `Error::Decode` of a `status` answer, for `reason` (a `DecodeReason` variant name).
pub fn decode(status: u16, reason: &'static str) -> Seen {
    Seen { status: Some(status), reason: Some(reason), ..Seen::base("Decode") }
}

/// `Error::Decode` of the operation's own success status (200, or 201 for sign-in).
pub fn decode_ok_status(reason: &'static str) -> Seen {
    Seen { reason: Some(reason), ..Seen::base("Decode") }
}

impl Seen {
    /// Fills what depends on the operation: a decode error's status is its success status.
    fn for_op(mut self, op: &Op) -> Self {
        if self.variant == "Decode" && self.status.is_none() {
            self.status = Some(op.ok_status);
        }
        self
    }
}

/// What a call must return.
#[derive(Clone, Copy)]
pub enum Expect {
    /// Success; the op's own `check_ok` runs first, then this.
    Ok(fn(&Op, &Out)),
    /// Success of another shape than the op's usual output, checked by this alone.
    OkShaped(fn(&Op, &Out)),
    /// Exactly this error.
    Err(Seen),
    /// Exactly this error, and this check on it.
    ErrAnd(Seen, fn(&Op, &Error)),
    /// The operation's good output, or exactly this error: for a hostile body where issue 8
    /// demands a quick typed answer but leaves the bound to the core (an XML element limit may
    /// refuse the body or let it through).
    OkOr(Seen),
}

impl Expect {
    /// Fails with a message naming `what` unless `result` is what is expected.
    pub fn check(self, what: &str, op: &Op, result: Result<Out, Error>) {
        match (self, result) {
            (Self::Ok(check), Ok(out)) => {
                (op.check_ok)(&out);
                check(op, &out);
            }
            (Self::OkShaped(check), Ok(out)) => check(op, &out),
            (Self::Ok(_) | Self::OkShaped(_), Err(e)) => {
                panic!("{what}: expected success, got {:?}: {e}", Seen::of(&e))
            }
            (Self::OkOr(_), Ok(out)) => (op.check_ok)(&out),
            (Self::OkOr(seen), Err(e)) => assert_eq!(Seen::of(&e), seen.for_op(op), "{what}: {e}"),
            (Self::Err(seen) | Self::ErrAnd(seen, _), Ok(out)) => {
                panic!("{what}: expected {seen:?}, got success {out:?}")
            }
            (Self::Err(seen), Err(e)) => assert_eq!(Seen::of(&e), seen.for_op(op), "{what}: {e}"),
            (Self::ErrAnd(seen, check), Err(e)) => {
                assert_eq!(Seen::of(&e), seen.for_op(op), "{what}: {e}");
                check(op, &e);
            }
        }
    }
}
