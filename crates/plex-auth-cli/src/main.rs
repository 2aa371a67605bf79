//! The `plex-auth` command: Plex sign-in, token checks and server tokens from a shell.
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    plex_auth_cli::run()
}
