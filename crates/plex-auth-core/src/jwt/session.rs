//! A Plex JWT in use: the verified token, the key set it was checked with, and when to
//! refresh it.

use super::key_set::JwkSet;
use super::plex_jwt::PlexJwt;
use std::time::{Duration, SystemTime};

/// Refresh when less than this is left (python-plexapi and @ctrl/plex use one day).
pub const DEFAULT_REFRESH_WINDOW: Duration = Duration::from_secs(24 * 60 * 60);

/// A verified Plex JWT with the key set that verified it (kept so the next refresh need not
/// fetch it again unless Plex rotated its key).
#[derive(Debug, Clone)]
pub struct JwtSession {
    /// The current token.
    pub jwt: PlexJwt,
    /// Plex's keys as last fetched.
    pub keys: JwkSet,
    /// How early to refresh.
    pub refresh_window: Duration,
}

impl JwtSession {
    /// A session for `jwt`, verified with `keys`, refreshing [`DEFAULT_REFRESH_WINDOW`] early.
    pub fn new(jwt: PlexJwt, keys: JwkSet) -> Self {
        Self { jwt, keys, refresh_window: DEFAULT_REFRESH_WINDOW }
    }

    /// Refresh `window` before expiry instead.
    pub fn refresh_window(mut self, window: Duration) -> Self {
        self.refresh_window = window;
        self
    }

    /// True when less than the refresh window is left at `now`: with exactly the window left,
    /// not yet; a second later, yes.
    pub fn refresh_due(&self, now: SystemTime) -> bool {
        self.jwt.remaining(now) < self.refresh_window
    }

    /// When the refresh falls due.
    pub fn refresh_at(&self) -> SystemTime {
        self.jwt.expires_at().checked_sub(self.refresh_window).unwrap_or(SystemTime::UNIX_EPOCH)
    }

    /// True once the token has expired at `now`.
    pub fn is_expired(&self, now: SystemTime) -> bool {
        self.jwt.remaining(now).is_zero()
    }
}
