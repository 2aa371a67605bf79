//! plex-auth-reqwest (in progress).
