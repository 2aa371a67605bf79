//! plex-auth-testing (in progress).
