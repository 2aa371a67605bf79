//! The `plex-auth` command (in progress).
fn main() {}
