//! What a transport failure was, in words that do not depend on the HTTP stack, and where the
//! request was going.
//!
//! Adapters hand the core their stack's error as a source; [`TransportCause::of`] walks that
//! source chain once, so reqwest and hyper failures read the same.

use std::error::Error as StdError;
use std::fmt;

/// The underlying cause of a transport failure, read from the error's source chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportCause {
    /// Nothing listens on that port (`ECONNREFUSED`).
    Refused,
    /// The host name could not be resolved.
    Dns,
    /// The TLS handshake failed: a bad certificate, or a peer that does not speak TLS.
    Tls,
    /// A deadline passed.
    TimedOut,
    /// The peer reset or aborted the connection.
    Reset,
    /// The peer closed the connection before the response was complete.
    ClosedEarly,
    /// The peer sent bytes that are not HTTP.
    InvalidHttp,
    /// The response body was over the transport's cap.
    BodyTooLarge,
    /// None of the above could be told from the error.
    Unknown,
}

impl TransportCause {
    /// The first cause recognised in `err`'s source chain, outermost first; `Unknown` if none.
    pub fn of(err: &(dyn StdError + 'static)) -> Self {
        chain(err).find_map(recognise).unwrap_or(Self::Unknown)
    }

    /// A short phrase: "connection refused", "TLS handshake failed", ...
    pub fn phrase(self) -> &'static str {
        match self {
            Self::Refused => "connection refused",
            Self::Dns => "the host name could not be resolved",
            Self::Tls => "TLS handshake failed",
            Self::TimedOut => "timed out",
            Self::Reset => "connection reset by the peer",
            Self::ClosedEarly => "connection closed before the response was complete",
            Self::InvalidHttp => "the peer did not answer in HTTP",
            Self::BodyTooLarge => "response body too large",
            Self::Unknown => "unknown cause",
        }
    }

    /// A stable snake_case name for programs (`--json` output, metrics).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Refused => "refused",
            Self::Dns => "dns",
            Self::Tls => "tls",
            Self::TimedOut => "timed_out",
            Self::Reset => "reset",
            Self::ClosedEarly => "closed_early",
            Self::InvalidHttp => "invalid_http",
            Self::BodyTooLarge => "body_too_large",
            Self::Unknown => "unknown",
        }
    }
}

impl fmt::Display for TransportCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.phrase())
    }
}

/// `err` and its sources, outermost first.
pub(crate) fn chain<'a>(err: &'a (dyn StdError + 'static)) -> impl Iterator<Item = &'a (dyn StdError + 'static)> {
    std::iter::successors(Some(err), |e| (*e).source())
}

/// One link's cause. The texts matched are those of hyper-util's connector ("dns error"), the
/// system resolver, rustls and hyper's parser; an I/O error's kind is trusted over its text.
fn recognise(err: &(dyn StdError + 'static)) -> Option<TransportCause> {
    use std::io::ErrorKind;
    if let Some(io) = err.downcast_ref::<std::io::Error>() {
        match io.kind() {
            ErrorKind::ConnectionRefused => return Some(TransportCause::Refused),
            ErrorKind::TimedOut => return Some(TransportCause::TimedOut),
            ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted | ErrorKind::BrokenPipe => {
                return Some(TransportCause::Reset);
            }
            ErrorKind::UnexpectedEof => return Some(TransportCause::ClosedEarly),
            _ => {}
        }
    }
    let text = err.to_string().to_ascii_lowercase();
    let has = |needles: &[&str]| needles.iter().any(|n| text.contains(n));
    if has(&[
        "dns error",
        "failed to lookup address",
        "name or service not known",
        "no such host",
        "nodename nor servname",
    ]) {
        Some(TransportCause::Dns)
    } else if has(&["certificate", "tls", "handshake", "corrupt message", "invalidcontenttype"]) {
        Some(TransportCause::Tls)
    } else if has(&["connection refused"]) {
        Some(TransportCause::Refused)
    } else if has(&["invalid http", "invalid status", "invalid header", "parse error", "invalid response"]) {
        Some(TransportCause::InvalidHttp)
    } else if has(&["connection closed before message completed", "incomplete message", "unexpected eof"]) {
        Some(TransportCause::ClosedEarly)
    } else if has(&["connection reset"]) {
        Some(TransportCause::Reset)
    } else if has(&["timed out", "deadline has elapsed"]) {
        Some(TransportCause::TimedOut)
    } else {
        None
    }
}

/// Where a request was going: scheme, host and port only, never userinfo, path or query.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Target {
    scheme: String,
    host: String,
    port: Option<u16>,
}

impl Target {
    /// The target of `uri`, or `None` when it has no host.
    pub fn of(uri: &http::Uri) -> Option<Self> {
        let host = uri.host()?.to_owned();
        let scheme = uri.scheme_str().unwrap_or("http").to_owned();
        let port = uri.port_u16().or(match scheme.as_str() {
            "http" => Some(80),
            "https" => Some(443),
            _ => None,
        });
        Some(Self { scheme, host, port })
    }

    /// `http` or `https`.
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// The host name or address (IPv6 in brackets).
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The port, explicit or the scheme's default.
    pub fn port(&self) -> Option<u16> {
        self.port
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}", self.scheme, self.host)?;
        match self.port {
            Some(port) => write!(f, ":{port}"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[derive(Debug)]
    struct Wrap(&'static str, Option<Box<dyn StdError + Send + Sync>>);
    impl fmt::Display for Wrap {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }
    }
    impl StdError for Wrap {
        fn source(&self) -> Option<&(dyn StdError + 'static)> {
            self.1.as_deref().map(|e| e as &(dyn StdError + 'static))
        }
    }

    fn cause(outer: &'static str, inner: std::io::Error) -> TransportCause {
        TransportCause::of(&Wrap(outer, Some(Box::new(Wrap("client error (Connect)", Some(Box::new(inner)))))))
    }

    #[test]
    fn io_kinds_and_stack_texts_are_recognised() {
        use std::io::{Error, ErrorKind};
        assert_eq!(cause("error sending request", Error::from(ErrorKind::ConnectionRefused)), TransportCause::Refused);
        assert_eq!(
            cause("dns error", Error::other("failed to lookup address information: Name or service not known")),
            TransportCause::Dns
        );
        assert_eq!(
            cause(
                "error sending request",
                Error::new(ErrorKind::InvalidData, "received corrupt message of type InvalidContentType")
            ),
            TransportCause::Tls
        );
        assert_eq!(
            cause("x", Error::new(ErrorKind::InvalidData, "invalid peer certificate: UnknownIssuer")),
            TransportCause::Tls
        );
        assert_eq!(cause("x", Error::from(ErrorKind::ConnectionReset)), TransportCause::Reset);
        assert_eq!(cause("x", Error::from(ErrorKind::TimedOut)), TransportCause::TimedOut);
        assert_eq!(cause("x", Error::from(ErrorKind::UnexpectedEof)), TransportCause::ClosedEarly);
        assert_eq!(cause("x", Error::other("something else")), TransportCause::Unknown);
    }

    #[test]
    fn targets_keep_scheme_host_and_port_only() {
        let uri: http::Uri = "https://example.com/api/v2/user?X-Plex-Token=secret".parse().unwrap();
        assert_eq!(Target::of(&uri).unwrap().to_string(), "https://example.com:443");
        let uri: http::Uri = "http://[::1]:32400/identity".parse().unwrap();
        assert_eq!(Target::of(&uri).unwrap().to_string(), "http://[::1]:32400");
        assert_eq!(Target::of(&"/relative".parse().unwrap()), None);
    }
}
