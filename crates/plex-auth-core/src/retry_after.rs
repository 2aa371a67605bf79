//! `Retry-After` as Plex (and any HTTP server) may send it: delay seconds or an HTTP date.

use std::time::{Duration, SystemTime};

/// When the server says to try again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryAfter {
    /// After this many seconds.
    Delay(Duration),
    /// At this moment.
    At(SystemTime),
}

impl RetryAfter {
    /// Parses a `Retry-After` header value; `None` when it is neither form.
    pub fn parse(value: &str) -> Option<Self> {
        let value = value.trim();
        if let Ok(secs) = value.parse::<u64>() {
            return Some(Self::Delay(Duration::from_secs(secs)));
        }
        httpdate::parse_http_date(value).ok().map(Self::At)
    }

    /// How long to wait from `now` (the core never reads the clock itself).
    pub fn delay_from(&self, now: SystemTime) -> Duration {
        match self {
            Self::Delay(d) => *d,
            Self::At(t) => t.duration_since(now).unwrap_or(Duration::ZERO),
        }
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
}
