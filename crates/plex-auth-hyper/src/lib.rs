//! plex-auth-hyper (in progress).
