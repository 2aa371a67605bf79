//! `Retry-After` as Plex (and any HTTP server) may send it: delay seconds or an HTTP date.

use std::time::{Duration, SystemTime};

/// The longest wait a `Retry-After` can ask for; larger values are capped to it. A server (or
/// anyone in between on plain HTTP) must not be able to park a client for days.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60 * 60);

/// When the server says to try again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryAfter {
    /// After this many seconds.
    Delay(Duration),
    /// At this moment.
    At(SystemTime),
}

impl RetryAfter {
    /// Parses a `Retry-After` header value; `None` when it is neither form. A delay is capped at
    /// [`MAX_RETRY_AFTER`] (digits beyond `u64` included).
    pub fn parse(value: &str) -> Option<Self> {
        let value = value.trim();
        if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
            let secs = value.parse::<u64>().unwrap_or(u64::MAX);
            return Some(Self::Delay(Duration::from_secs(secs).min(MAX_RETRY_AFTER)));
        }
        httpdate::parse_http_date(value).ok().map(Self::At)
    }

    /// How long to wait from `now` (the core never reads the clock itself), at most
    /// [`MAX_RETRY_AFTER`].
    pub fn delay_from(&self, now: SystemTime) -> Duration {
        let delay = match self {
            Self::Delay(d) => *d,
            Self::At(t) => t.duration_since(now).unwrap_or(Duration::ZERO),
        };
        delay.min(MAX_RETRY_AFTER)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_seconds_and_dates() {
        assert_eq!(RetryAfter::parse(" 120 "), Some(RetryAfter::Delay(Duration::from_secs(120))));
        let at = RetryAfter::parse("Wed, 21 Oct 2015 07:28:00 GMT");
        let expected = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        assert_eq!(at, Some(RetryAfter::At(expected)));
        let now = expected - Duration::from_secs(30);
        assert_eq!(at.map(|a| a.delay_from(now)), Some(Duration::from_secs(30)));
        assert_eq!(RetryAfter::parse("soon"), None);
        assert_eq!(RetryAfter::parse("-5"), None);
    }

    #[test]
    fn huge_delays_are_capped() {
        let capped = Some(RetryAfter::Delay(MAX_RETRY_AFTER));
        assert_eq!(RetryAfter::parse("18446744073709551615"), capped);
        assert_eq!(RetryAfter::parse("99999999999999999999999"), capped);
        assert_eq!(RetryAfter::parse("86400"), capped);
        assert_eq!(RetryAfter::parse("3599"), Some(RetryAfter::Delay(Duration::from_secs(3599))));
        let now = SystemTime::UNIX_EPOCH;
        let far = RetryAfter::parse("Fri, 31 Dec 9999 23:59:59 GMT");
        assert_eq!(far.map(|a| a.delay_from(now)), Some(MAX_RETRY_AFTER));
    }
}
