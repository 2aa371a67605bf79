//! Command-line arguments: the global options and the list of commands. Each command's own
//! options live next to it in `commands/`.

use crate::commands::{demo, jwt, login, ping, servers, signin, signout, source_info, token, transient_token, whoami};
use crate::failure::exit_code_table;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

/// The heading global options are listed under, after a command's own.
const GLOBAL: &str = "Global options";

const EXAMPLES: &str = "\
Examples:
  plex-auth demo                                   run everything against an embedded fake Plex
  plex-auth login --save                           approve in a browser, keep the token
  PLEX_PASSWORD=... plex-auth signin --login ana@example.com --save
  PLEX_LOGIN=ana@example.com PLEX_PASSWORD=... PLEX_CODE=... plex-auth signin --save
  plex-auth whoami --json
  plex-auth servers --connect                      your servers and the best way to reach each
  plex-auth login --jwt --save                     a Plex JWT (7 days) instead of a token
  plex-auth jwt refresh                            renew the saved JWT when less than a day is left
  PLEX_TOKEN=$(plex-auth token) some-other-tool
  plex-auth --server http://192.168.1.20:32400 transient-token --method post
  plex-auth --server http://192.168.1.20:32400 source-info server://<machine id>";

const GLOSSARY: &str = "\
Plex words:
  Plex Media Server (PMS)  the server holding your media; --server points at it (port 32400)
  plex.tv                  Plex's account service: sign-in, tokens, your servers
  token                    what `signin` gets; it stands for your account (X-Plex-Token)
  transient token          a short-lived token a server hands out, for one-off access
  source                   something a server knows, named like server://<machine id>";

const ENVIRONMENT: &str = "\
Environment:
  PLEX_SERVER_URL, PLEX_TV_URL, PLEX_TOKEN, PLEX_CLIENT_IDENTIFIER  as the options above
  PLEX_LOGIN, PLEX_PASSWORD, PLEX_CODE  login, password and two-factor code for `signin`
  PLEX_AUTH_CONFIG_DIR                  where the client id and a saved token live
Values are shown above only when set, and never for secrets (tokens, passwords, codes) or
URLs carrying user:password@. Prefer PLEX_PASSWORD and PLEX_CODE (or the prompts) to
command-line values, which other users can read with `ps`.";

/// Plex authentication from a shell: sign in, check tokens, get server tokens.
#[derive(Debug, Parser)]
#[command(name = "plex-auth", version, about)]
pub struct Cli {
    /// Plex Media Server base URL, e.g. http://192.168.1.20:32400 (transient-token,
    /// source-info).
    #[arg(long, global = true, env = "PLEX_SERVER_URL", value_name = "URL", help_heading = GLOBAL)]
    pub server: Option<String>,
    /// plex.tv API base; it ends in /api/v2.
    #[arg(
        long = "plex-tv",
        global = true,
        env = "PLEX_TV_URL",
        value_name = "URL",
        default_value = plex_auth_core::DEFAULT_PLEX_TV_URL,
        help_heading = GLOBAL
    )]
    pub plex_tv: String,
    /// Token to use; else the one saved by `signin --save`. Prefer PLEX_TOKEN: command-line
    /// values are visible to other users in `ps`.
    #[arg(long, global = true, env = "PLEX_TOKEN", value_name = "TOKEN", help_heading = GLOBAL)]
    pub token: Option<String>,
    /// Client identifier; else one generated once and stored in the config dir.
    #[arg(long = "client-id", global = true, env = "PLEX_CLIENT_IDENTIFIER", value_name = "ID", help_heading = GLOBAL)]
    pub client_id: Option<String>,
    /// HTTP stack to send requests with.
    #[arg(long, global = true, value_enum, default_value_t = TransportChoice::Reqwest, help_heading = GLOBAL)]
    pub transport: TransportChoice,
    /// Whole-request timeout in seconds [default: 30].
    #[arg(long, global = true, value_name = "SECONDS", help_heading = GLOBAL)]
    pub timeout: Option<f64>,
    /// Print exactly one JSON document on stdout.
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub json: bool,
    /// Print tokens in clear (default: redacted).
    #[arg(long = "show-secrets", global = true, help_heading = GLOBAL)]
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

impl TransportChoice {
    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::Reqwest => "reqwest",
            Self::Hyper => "hyper",
        }
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Log in with a PIN: approve in a browser (the way Plex asks apps to sign in).
    Login(login::Args),
    /// Sign in with a login and password (from PLEX_PASSWORD, stdin, or a prompt).
    Signin(signin::Args),
    /// Show the account behind the token (GET /user); also checks the token is valid.
    Whoami(whoami::Args),
    /// List the account's servers; with --connect, race their connections and show the best.
    Servers(servers::Args),
    /// Check that the token still works (and keep it alive).
    Ping(ping::Args),
    /// Revoke the token at plex.tv and delete the saved one.
    Signout(signout::Args),
    /// Print the token alone (given, or saved by `signin --save`), for PLEX_TOKEN=$(plex-auth token).
    Token(token::Args),
    /// Get a transient token from the server.
    TransientToken(transient_token::Args),
    /// Get connection details and a token for a source, e.g. server://MACHINE_ID.
    SourceInfo(source_info::Args),
    /// JWT device authentication: register a device key, get, refresh and verify Plex JWTs.
    Jwt(jwt::Args),
    /// Start a fake Plex on loopback and run every command against it, through each transport.
    Demo(demo::Args),
}

/// The text after `--help`'s options: examples, exit codes, Plex words, environment.
pub fn after_help() -> String {
    format!("{EXAMPLES}\n\nExit codes:\n{}\n{GLOSSARY}\n\n{ENVIRONMENT}", exit_code_table())
}

/// The clap command, with help that shows an environment value only when it is set and not a
/// secret (core's [`plex_auth_core::is_secret_name`] decides, on the variable's name).
pub fn command() -> clap::Command {
    let env = |name: &std::ffi::OsStr| std::env::var_os(name);
    with_env_display(Cli::command().after_help(after_help()), &env)
}

/// Applies the env display rule to `cmd` and its subcommands, reading variables with `env`.
pub fn with_env_display(
    cmd: clap::Command,
    env: &dyn Fn(&std::ffi::OsStr) -> Option<std::ffi::OsString>,
) -> clap::Command {
    cmd.mut_args(|arg| {
        let Some(name) = arg.get_env() else { return arg };
        let show = env(name).is_some_and(|v| !v.is_empty() && safe_to_show(&name.to_string_lossy(), &v));
        arg.hide_env_values(!show)
    })
    .mut_subcommands(|sub| with_env_display(sub, env))
}

/// True when a variable's value may appear in help: not secret-named, no credentials or query.
fn safe_to_show(name: &str, value: &std::ffi::OsStr) -> bool {
    let Some(value) = value.to_str() else { return false };
    let name = name.strip_prefix("PLEX_").unwrap_or(name);
    !plex_auth_core::is_secret_name(name) && !value.contains(['@', '?', '#']) && !value.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::{OsStr, OsString};

    fn help_of(sub: Option<&str>) -> String {
        let mut cmd = with_env_display(Cli::command().after_help(after_help()), &|_: &OsStr| None::<OsString>);
        cmd.build();
        let mut target = match sub {
            Some(s) => cmd.find_subcommand_mut(s).cloned().unwrap_or_default(),
            None => cmd,
        };
        target.render_help().to_string()
    }

    #[test]
    fn only_plain_values_of_plain_names_may_be_shown() {
        let show = |name: &str, value: &str| safe_to_show(name, OsStr::new(value));
        assert!(show("PLEX_SERVER_URL", "http://10.0.0.9:32400"));
        assert!(!show("PLEX_LOGIN", "ana@example.com"), "an @ may be userinfo");
        assert!(!show("PLEX_TOKEN", "abc"));
        assert!(!show("PLEX_CODE", "123456"));
        assert!(!show("PLEX_PASSWORD", "pw"));
        assert!(!show("PLEX_TV_URL", "https://u:pw@plex.tv/api/v2"));
        assert!(!show("PLEX_SERVER_URL", "http://x/?X-Plex-Token=t"));
        assert!(show("PLEX_CLIENT_IDENTIFIER", "3381b62b"));
    }

    #[test]
    fn subcommand_help_lists_its_own_options_before_the_global_ones() {
        let help = help_of(Some("signin"));
        let own = help.find("--login").unwrap_or(usize::MAX);
        let global = help.find("Global options:").unwrap_or(0);
        assert!(own < global, "{help}");
        assert!(help[global..].contains("--server"), "{help}");
        assert!(help.contains("[env: PLEX_LOGIN]") && help.contains("[env: PLEX_CODE]"), "{help}");
    }

    #[test]
    fn help_lists_every_exit_code_and_the_plex_words() {
        let help = help_of(None);
        for row in crate::failure::EXIT_CODES {
            assert!(help.contains(&format!("{:>3}  {}", row.code, row.meaning)), "{} missing: {help}", row.code);
        }
        assert!(help.contains("transient token") && help.contains("server://"), "{help}");
    }
}
