//! The `plex-auth` command as a library: `main.rs` only calls [`run`]. The library target exists
//! so fuzz targets and tests can reach the pure parts, such as [`store::parse_token_file`] and
//! [`escape::terminal_safe`].
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod cli;
mod commands;
mod context;
pub mod escape;
mod explain;
pub mod failure;
mod input;
mod output;
pub mod print;
pub mod store;
mod transport;

use clap::FromArgMatches;
use clap::parser::ValueSource;
use cli::Cli;
use context::Context;
use escape::{json_text, terminal_safe};
use failure::{Failure, FailureKind};
use print::stderr_line;
use std::process::ExitCode;

/// The global options a command may refuse when given on the command line, by clap id and flag.
const GLOBAL_FLAGS: [(&str, &str); 6] = [
    ("server", "--server"),
    ("plex_tv", "--plex-tv"),
    ("token", "--token"),
    ("client_id", "--client-id"),
    ("transport", "--transport"),
    ("timeout", "--timeout"),
];

/// Parses the command line, runs the command, prints its result or failure, and returns the
/// exit code (see `plex-auth --help`).
pub fn run() -> ExitCode {
    let matches = match cli::command().try_get_matches() {
        Ok(m) => m,
        Err(e) => return usage(&e),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => return usage(&e),
    };
    let mut ctx = Context::new(&cli);
    ctx.given = given_flags(&matches);
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(rt) => rt,
        Err(e) => return report(&mut ctx, Failure::io(format!("cannot start the async runtime: {e}"))),
    };
    let outcome = runtime.block_on(commands::exec(&mut ctx, &cli.command)).and_then(|()| ctx.out.flush());
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => report(&mut ctx, failure),
    }
}

/// Help and version on stdout, usage errors on stderr, as clap words them; a closed or full
/// stdout is handled like any other output.
fn usage(e: &clap::Error) -> ExitCode {
    let text = e.render().to_string();
    if e.use_stderr() {
        stderr_line(text.trim_end());
        return ExitCode::from(FailureKind::InvalidInput.exit_code());
    }
    let mut out = print::Stdout::new();
    match out.text(&text).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) if f.kind == FailureKind::ClosedOutput => ExitCode::from(f.exit_code()),
        Err(f) => {
            stderr_line(&format!("plex-auth: {}", f.message));
            ExitCode::from(f.exit_code())
        }
    }
}

/// The global flags given on the command line (not from the environment or defaults).
fn given_flags(matches: &clap::ArgMatches) -> Vec<String> {
    let sub = matches.subcommand().map(|(_, m)| m);
    GLOBAL_FLAGS
        .iter()
        .filter(|(id, _)| {
            [Some(matches), sub].into_iter().flatten().any(|m| {
                m.try_get_raw(id).is_ok_and(|raw| raw.is_some()) && m.value_source(id) == Some(ValueSource::CommandLine)
            })
        })
        .map(|(_, flag)| (*flag).to_owned())
        .collect()
}

/// The message (and hint) on stderr, escaped for the terminal; with `--json`, the error
/// document on stdout. A closed stdout prints nothing.
fn report(ctx: &mut Context<'_>, failure: Failure) -> ExitCode {
    let failure = failure.scrub(&ctx.sent);
    if failure.kind == FailureKind::ClosedOutput {
        return ExitCode::from(failure.exit_code());
    }
    stderr_line(&format!("plex-auth: {}", terminal_safe(&failure.message)));
    if let Some(hint) = &failure.hint {
        stderr_line(&format!("  hint: {}", terminal_safe(hint)));
    }
    if ctx.cli.json {
        // The failure is already on stderr; one that writing its document would add is not news.
        let _ = ctx.out.line(&json_text(&failure.to_json())).and_then(|()| ctx.out.flush());
    }
    ExitCode::from(failure.exit_code())
}
