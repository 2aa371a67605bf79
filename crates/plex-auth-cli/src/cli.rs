//! Command-line arguments.

use clap::{Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  plex-auth demo                                   run everything against an embedded fake Plex
  PLEX_PASSWORD=... plex-auth signin --login ana@example.com --save
  PLEX_PASSWORD=... PLEX_CODE=... plex-auth signin --login ana@example.com
  plex-auth whoami --json
  plex-auth --server http://192.168.1.20:32400 transient-token --method post
  plex-auth --server http://192.168.1.20:32400 source-info server://<machine id>

Exit codes: 0 ok, 2 usage or invalid input, 3 unauthorized, 4 two-factor code required,
5 rate limited, 6 other API error, 7 transport error, 8 undecodable response, 1 local I/O error.

Environment values are never shown here: URLs may carry user:password@, and tokens, passwords
and codes are secrets. Prefer PLEX_PASSWORD and PLEX_CODE (or the prompts) to command-line
values, which other users can read with `ps`.";

/// Plex authentication from a shell: sign in, check tokens, get server tokens.
#[derive(Debug, Parser)]
#[command(name = "plex-auth", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// Plex Media Server base URL (transient-token, source-info).
    #[arg(long, global = true, env = "PLEX_SERVER_URL", value_name = "URL", hide_env_values = true)]
    pub server: Option<String>,
    /// plex.tv API base.
    #[arg(
        long = "plex-tv",
        global = true,
        env = "PLEX_TV_URL",
        value_name = "URL",
        default_value = plex_auth_core::DEFAULT_PLEX_TV_URL,
        hide_env_values = true
    )]
    pub plex_tv: String,
    /// Token to use; else the one saved by `signin --save`. Prefer PLEX_TOKEN: command-line
    /// values are visible to other users in `ps`.
    #[arg(long, global = true, env = "PLEX_TOKEN", value_name = "TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Client identifier; else one generated once and stored in the config dir.
    #[arg(
        long = "client-id",
        global = true,
        env = "PLEX_CLIENT_IDENTIFIER",
        value_name = "ID",
        hide_env_values = true
    )]
    pub client_id: Option<String>,
    /// HTTP stack to send requests with.
    #[arg(long, global = true, value_enum, default_value_t = TransportChoice::Reqwest)]
    pub transport: TransportChoice,
    /// Whole-request timeout in seconds.
    #[arg(long, global = true, value_name = "SECONDS")]
    pub timeout: Option<f64>,
    /// Print exactly one JSON document on stdout.
    #[arg(long, global = true)]
    pub json: bool,
    /// Print tokens in clear (default: redacted).
    #[arg(long = "show-secrets", global = true)]
    pub show_secrets: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The HTTP stacks on offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TransportChoice {
    /// reqwest (rustls).
    Reqwest,
    /// hyper-util's client (rustls).
    Hyper,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sign in with a login and password (from PLEX_PASSWORD, stdin, or a prompt).
    Signin {
        /// Username or email.
        #[arg(long)]
        login: String,
        /// Two-factor verification code; else asked for on a terminal when Plex wants one.
        /// Prefer PLEX_CODE or the prompt: a value given with --code is visible to other users
        /// in `ps`.
        #[arg(long, env = "PLEX_CODE", value_name = "CODE", hide_env_values = true)]
        code: Option<String>,
        /// Ask plex.tv for a longer-lived session.
        #[arg(long = "remember-me")]
        remember_me: bool,
        /// Save the token in the config dir for later commands.
        #[arg(long)]
        save: bool,
    },
    /// Show the account behind the token (GET /user); also checks the token is valid.
    Whoami,
    /// Get a transient token from the server.
    TransientToken {
        /// HTTP method to ask with.
        #[arg(long, value_enum, default_value_t = MethodChoice::Get)]
        method: MethodChoice,
    },
    /// Get connection details and a token for a source, e.g. server://MACHINE_ID.
    SourceInfo {
        /// The source URI.
        source: String,
        /// Ask the server to refresh its information first.
        #[arg(long)]
        refresh: bool,
    },
    /// Start a fake Plex on loopback and run every command against it, through each transport.
    Demo,
}

/// Methods for `transient-token`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodChoice {
    /// GET (accepted by every server version).
    Get,
    /// POST (preferred by the newer API spec).
    Post,
}
