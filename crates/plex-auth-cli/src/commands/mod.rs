//! One file per command, each with its `Args` and one entry function, `exec`, in the style of
//! cargo's `src/bin/cargo/commands/`.

pub mod demo;
pub mod jwt;
pub mod login;
pub mod ping;
pub mod servers;
pub mod signin;
pub mod signout;
pub mod source_info;
pub mod token;
pub mod transient_token;
pub mod whoami;

use crate::cli::Command;
use crate::context::Context;
use crate::failure::Failure;

/// Runs the chosen command; every failure is scrubbed of what this run sent.
pub async fn exec(ctx: &mut Context<'_>, command: &Command) -> Result<(), Failure> {
    let result = match command {
        Command::Signin(args) => signin::exec(ctx, args).await,
        Command::Login(args) => login::exec(ctx, args).await,
        Command::Whoami(args) => whoami::exec(ctx, args).await,
        Command::Servers(args) => servers::exec(ctx, args).await,
        Command::Ping(args) => ping::exec(ctx, args).await,
        Command::Signout(args) => signout::exec(ctx, args).await,
        Command::Token(args) => token::exec(ctx, args),
        Command::TransientToken(args) => transient_token::exec(ctx, args).await,
        Command::SourceInfo(args) => source_info::exec(ctx, args).await,
        Command::Jwt(args) => jwt::exec(ctx, args).await,
        Command::Demo(args) => demo::exec(ctx, args).await,
    };
    result.map_err(|f| f.scrub(&ctx.sent))
}
