//! `plex-auth demo`: FakePlex on loopback, every command through each transport, no account or
//! network needed.

use crate::cli::{Cli, TransportChoice};
use crate::commands::config_builder;
use crate::escape::json_text;
use crate::failure::Failure;
use crate::output::{self, Rendered};
use crate::transport;
use plex_auth_core::{
    Client, GetSourceConnectionInformation, GetTransientToken, PostUsersSignInData, TransientTokenMethod,
};
use plex_auth_testing::{FakeAccount, FakePlex, FakeServer};
use serde_json::{Value, json};
use std::time::Duration;

const LOGIN: &str = "demo@example.com";
const PASSWORD: &str = "demo-password";
const CODE: &str = "424242";
const MACHINE_ID: &str = "d3m0d3m0d3m0d3m0d3m0d3m0d3m0d3m0d3m0d3m0";

/// Prints steps as they happen (or collects them for one JSON document).
struct Report {
    json: bool,
    steps: Vec<Value>,
}

impl Report {
    fn section(&self, title: &str) {
        if !self.json {
            println!("\n== {title}");
        }
    }

    fn step(&mut self, title: &str, result: &Rendered) {
        if self.json {
            self.steps.push(json!({"step": title, "result": result.json}));
        } else {
            println!("-> {title}");
            for line in result.human_text().lines() {
                println!("   {line}");
            }
        }
    }

    fn note(&mut self, title: &str, outcome: &str) {
        if self.json {
            self.steps.push(json!({"step": title, "outcome": outcome}));
        } else {
            println!("-> {title}\n   {outcome}");
        }
    }
}

fn unexpected(step: &str, got: impl std::fmt::Display) -> Failure {
    Failure::Local(format!("demo: {step}: unexpected outcome: {got}"))
}

/// Runs the demo.
pub async fn run(cli: &Cli) -> Result<(), Failure> {
    let fake = FakePlex::new().with_account(FakeAccount::new("demo", LOGIN, PASSWORD).two_factor(CODE)).with_server(
        FakeServer::new(MACHINE_ID, "Demo Server").connection("http://192.168.1.20:32400", true, false).connection(
            "https://203-0-113-7.d3m0.plex.direct:32400",
            false,
            false,
        ),
    );
    let server = fake.serve().await.map_err(|e| Failure::Local(format!("demo: cannot start the fake Plex: {e}")))?;
    let show = cli.show_secrets;
    let mut report = Report { json: cli.json, steps: Vec::new() };
    if !cli.json {
        println!(
            "FakePlex is listening on {} (plex.tv at {}, PMS at {})",
            server.addr(),
            server.plex_tv_url(),
            server.server_url()
        );
        println!(
            "demo account: {LOGIN} with two-factor authentication; tokens are shown as [redacted] unless --show-secrets"
        );
    }
    for choice in [TransportChoice::Reqwest, TransportChoice::Hyper] {
        let name = match choice {
            TransportChoice::Reqwest => "reqwest",
            TransportChoice::Hyper => "hyper",
        };
        report.section(&format!("transport: {name}"));
        let transport = transport::build(choice, Some(Duration::from_secs(10)))?;
        let base = config_builder("plex-auth-demo")
            .plex_tv_url(server.plex_tv_url())
            .server_url(server.server_url())
            .build()?;
        let anonymous = Client::new(base.clone(), transport.clone());

        match anonymous.sign_in(LOGIN, PASSWORD).await {
            Err(e) if e.two_factor_required() => report
                .note("signin without a code", "two-factor code required (plex.tv error 1029; the command exits 4)"),
            other => return Err(unexpected("signin without a code", format!("{:?}", other.map(|_| "signed in")))),
        }
        let account = anonymous
            .post_users_sign_in_data(&PostUsersSignInData::new(LOGIN, PASSWORD).verification_code(CODE))
            .await?;
        report.step("signin with the code", &output::account(&account, show, None)?);
        let token = account.auth_token.clone().ok_or_else(|| unexpected("signin", "no token"))?;

        let client = Client::new(base.clone().with_token(token)?, transport.clone());
        report.step("whoami", &output::account(&client.get_token_details().await?, show, None)?);
        let transient = client.get_transient_token().await?;
        report.step("transient-token --method get", &output::transient_token(&transient, show)?);
        let posted = client.execute(&GetTransientToken::new().method(TransientTokenMethod::Post)).await?;
        report.step("transient-token --method post", &output::transient_token(&posted, show)?);
        let op = GetSourceConnectionInformation::new(format!("server://{MACHINE_ID}")).with_token(transient);
        report.step("source-info (with the transient token)", &output::source_info(&client.execute(&op).await?, show)?);

        let stranger = Client::new(base.with_token("not-a-valid-token")?, transport);
        match stranger.get_token_details().await {
            Err(e) if e.is_unauthorized() => {
                report.note("whoami with a bad token", "rejected: unauthorized (the command exits 3)")
            }
            other => return Err(unexpected("whoami with a bad token", format!("{:?}", other.map(|_| "accepted")))),
        }
    }
    server.shutdown();
    if cli.json {
        println!("{}", json_text(&json!({"demo": "ok", "steps": report.steps})));
    } else {
        println!("\ndemo finished: every command worked through reqwest and hyper");
    }
    Ok(())
}
