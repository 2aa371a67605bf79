//! The `plex-auth` command: Plex sign-in, token checks and server tokens from a shell.
#![forbid(unsafe_code)]

mod cli;
mod commands;
mod demo;
mod failure;
mod output;
mod store;
mod transport;

use clap::Parser;
use cli::{Cli, Command};
use failure::Failure;
use std::process::ExitCode;

fn main() -> ExitCode {
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
                println!("{}", rendered.json);
            } else {
                print!("{}", rendered.human_text());
            }
            ExitCode::SUCCESS
        }
        Ok(None) => ExitCode::SUCCESS,
        Err(failure) => report(&cli, &failure),
    }
}

/// One line on stderr; with `--json`, the error document on stdout.
fn report(cli: &Cli, failure: &Failure) -> ExitCode {
    eprintln!("plex-auth: {}", failure.message());
    if cli.json {
        println!("{}", failure.to_json());
    }
    ExitCode::from(failure.exit_code())
}
