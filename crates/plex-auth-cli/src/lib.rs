//! The `plex-auth` command as a library: `main.rs` only calls [`run`]. The library target exists
//! so fuzz targets and tests can reach the pure parts, such as [`store::parse_token_file`] and
//! [`escape::terminal_safe`].
#![forbid(unsafe_code)]

mod cli;
mod commands;
mod demo;
pub mod escape;
pub mod failure;
mod input;
mod output;
pub mod store;
mod transport;

use clap::Parser;
use cli::{Cli, Command};
use escape::{json_text, terminal_safe};
use failure::Failure;
use std::process::ExitCode;

/// Parses the command line, runs the command, prints its result or failure, and returns the
/// exit code (see `plex-auth --help`).
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(rt) => rt,
        Err(e) => return report(&cli, &Failure::Local(format!("cannot start the async runtime: {e}"))),
    };
    let outcome = runtime.block_on(async {
        match cli.command {
            Command::Demo => demo::run(&cli).await.map(|()| None),
            _ => commands::run(&cli).await.map(Some),
        }
    });
    match outcome {
        Ok(Some(rendered)) => {
            if cli.json {
                println!("{}", json_text(&rendered.json));
            } else {
                print!("{}", rendered.human_text());
            }
            ExitCode::SUCCESS
        }
        Ok(None) => ExitCode::SUCCESS,
        Err(failure) => report(&cli, &failure),
    }
}

/// One line on stderr (escaped for the terminal); with `--json`, the error document on stdout.
fn report(cli: &Cli, failure: &Failure) -> ExitCode {
    eprintln!("plex-auth: {}", terminal_safe(&failure.message()));
    if cli.json {
        println!("{}", json_text(&failure.to_json()));
    }
    ExitCode::from(failure.exit_code())
}
