//! `plex-auth demo`: FakePlex on loopback, every command through each transport, no account or
//! network needed.

use crate::cli::TransportChoice;
use crate::context::Context;
use crate::escape::json_text;
use crate::failure::Failure;
use crate::output::{self, Rendered};
use crate::print::Stdout;
use crate::transport;
use plex_auth_core::flow::{PinLoginOutcome, RaceOptions};
use plex_auth_core::{
    AuthUrl, Client, GetSourceConnectionInformation, GetTransientToken, PostUsersSignInData, TransientTokenMethod,
};
use plex_auth_testing::{FakeAccount, FakePlex, FakeServer};
use serde_json::{Value, json};
use std::time::Duration;

mod jwt;

const LOGIN: &str = "demo@example.com";
const PASSWORD: &str = "demo-password";
const CODE: &str = "424242";
const MACHINE_ID: &str = "d3m0d3m0d3m0d3m0d3m0d3m0d3m0d3m0d3m0d3m0";

/// The global options demo does not use: it brings its own fake Plex, token and timeout, and
/// runs through every transport.
const UNUSED: [&str; 6] = ["--server", "--plex-tv", "--token", "--client-id", "--transport", "--timeout"];

/// `demo` takes no options of its own; of the global ones it uses `--json` and `--show-secrets`
/// and refuses the others when given on the command line (their environment variables are
/// ignored).
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Prints steps as they happen (or collects them for one JSON document).
struct Report<'o> {
    out: &'o mut Stdout,
    json: bool,
    transport: &'static str,
    steps: Vec<Value>,
}

impl Report<'_> {
    fn transport(&mut self, choice: TransportChoice) -> Result<(), Failure> {
        self.transport = choice.name();
        if self.json { Ok(()) } else { self.out.line(&format!("\n== transport: {}", choice.name())) }
    }

    fn step(&mut self, title: &str, result: &Rendered) -> Result<(), Failure> {
        if self.json {
            self.steps.push(json!({"transport": self.transport, "step": title, "result": result.json}));
            return Ok(());
        }
        self.out.line(&format!("-> {title}"))?;
        for line in result.human_text().lines() {
            self.out.line(&format!("   {line}"))?;
        }
        Ok(())
    }

    fn note(&mut self, title: &str, outcome: &str) -> Result<(), Failure> {
        if self.json {
            self.steps.push(json!({"transport": self.transport, "step": title, "outcome": outcome}));
            Ok(())
        } else {
            self.out.line(&format!("-> {title}\n   {outcome}"))
        }
    }
}

fn unexpected(step: &str, got: impl std::fmt::Display) -> Failure {
    Failure::io(format!("demo: {step}: unexpected outcome: {got}"))
}

/// Posts `code` to the fake's approval page as its Approve button does (a form `POST
/// {auth}/approve`), through the same transport as everything else.
async fn approve_in_browser(transport: &transport::SharedTransport, auth_url: &str, code: &str) -> Result<(), Failure> {
    let form = format!("code={code}&login={LOGIN}");
    let request = plex_auth_core::http::Request::post(format!("{auth_url}/approve"))
        .header(plex_auth_core::http::header::CONTENT_TYPE, plex_auth_core::FORM_CONTENT_TYPE)
        .body(plex_auth_core::bytes::Bytes::from(form))
        .map_err(|e| unexpected("approve", e))?;
    let answer = transport.send_dyn(request).await.map_err(plex_auth_core::Error::from)?;
    match answer.status().as_u16() {
        200 => Ok(()),
        status => Err(unexpected("approve", format!("the approval page answered {status}"))),
    }
}

/// Runs the demo.
pub async fn exec(ctx: &mut Context<'_>, _args: &Args) -> Result<(), Failure> {
    if let Some(flag) = UNUSED.iter().find(|f| ctx.given.iter().any(|g| g == *f)) {
        return Err(Failure::invalid(format!("demo does not use {flag}: it runs against its own fake Plex"))
            .with_hint(format!("drop {flag}; demo only takes --json and --show-secrets")));
    }
    let cli = ctx.cli;
    let fake = FakePlex::new().with_account(FakeAccount::new("demo", LOGIN, PASSWORD).two_factor(CODE));
    let server = fake.serve().await.map_err(|e| Failure::io(format!("demo: cannot start the fake Plex: {e}")))?;
    // Every connection is on loopback, so racing them probes nothing but this machine: the fake
    // PMS itself (local), a closed port (remote) and another (relay).
    let closed =
        || plex_auth_testing::refused_url("").map_err(|e| Failure::io(format!("demo: no free loopback port: {e}")));
    let _ = fake.clone().with_server(
        FakeServer::new(MACHINE_ID, "Demo Server")
            .connection(&server.server_url(), true, false)
            .connection(closed()?.trim_end_matches('/'), false, false)
            .connection(closed()?.trim_end_matches('/'), false, true),
    );
    let show = cli.show_secrets;
    let mut report = Report { out: &mut ctx.out, json: cli.json, transport: "", steps: Vec::new() };
    if !cli.json {
        report.out.line(&format!(
            "FakePlex is listening on {} (plex.tv at {}, PMS at {})",
            server.addr(),
            server.plex_tv_url(),
            server.server_url()
        ))?;
        report.out.line(&format!(
            "demo account: {LOGIN} with two-factor authentication; tokens are shown as [redacted] unless --show-secrets"
        ))?;
    }
    for choice in [TransportChoice::Reqwest, TransportChoice::Hyper] {
        report.transport(choice)?;
        let transport = transport::build(choice, Some(Duration::from_secs(10)))?;
        let base = Context::config_builder("plex-auth-demo")
            .plex_tv_url(server.plex_tv_url())
            .server_url(server.server_url())
            .build()?;
        let anonymous = Client::new(base.clone(), transport.clone());

        match anonymous.sign_in(LOGIN, PASSWORD).await {
            Err(e) if e.two_factor_required() => report
                .note("signin without a code", "two-factor code required (plex.tv error 1029; the command exits 4)")?,
            other => return Err(unexpected("signin without a code", format!("{:?}", other.map(|_| "signed in")))),
        }
        let account = anonymous
            .post_users_sign_in_data(&PostUsersSignInData::new(LOGIN, PASSWORD).verification_code(CODE))
            .await?;
        report.step("signin with the code", &output::account(&account, show, None)?)?;
        let mut client = Client::new(base.clone(), transport.clone());
        client.use_token_of(&account)?;
        report.step("whoami", &output::account(&client.get_token_details().await?, show, None)?)?;
        let transient = client.get_transient_token().await?;
        report.step("transient-token --method get", &output::transient_token(&transient, show)?)?;
        let posted = client.execute(&GetTransientToken::new().method(TransientTokenMethod::Post)).await?;
        report.step("transient-token --method post", &output::transient_token(&posted, show)?)?;
        let op = GetSourceConnectionInformation::new(format!("server://{MACHINE_ID}")).with_token(transient);
        report
            .step("source-info (with the transient token)", &output::source_info(&client.execute(&op).await?, show)?)?;

        let mut pin_client = Client::new(base.clone(), transport.clone());
        let pin = pin_client.create_pin().await?;
        let url = AuthUrl::new(pin_client.config(), &pin).app_url(&server.auth_url()).build()?;
        report.note("login: a PIN to approve", &format!("the user opens {url}"))?;
        // What the user's browser does on that page: press Approve, which posts the code.
        approve_in_browser(&transport, &server.auth_url(), pin.code.as_deref().unwrap_or_default()).await?;
        match pin_client.wait_for_pin(&pin, &plex_auth_reqwest::TokioTimer).await? {
            PinLoginOutcome::Linked { .. } => {}
            other => return Err(unexpected("login", format!("{other:?}"))),
        }
        report.step(
            "login (PIN approved), then whoami",
            &output::account(&pin_client.get_token_details().await?, show, None)?,
        )?;

        let resources = pin_client.get_resources().await?;
        let mut races = Vec::new();
        for resource in &resources {
            races.push(Some(
                pin_client.connect(resource, RaceOptions::default(), &plex_auth_reqwest::TokioTimer).await?,
            ));
        }
        report.step("servers --connect", &output::servers(&resources, &races, show)?)?;
        pin_client.ping().await?;
        report.note("ping", "the token is valid (plex.tv answered the ping)")?;
        pin_client.sign_out().await?;
        match pin_client.get_token_details().await {
            Err(e) if e.is_unauthorized() => {
                report.note("signout, then whoami", "signed out: the token no longer works")?
            }
            other => return Err(unexpected("signout", format!("{:?}", other.map(|_| "still accepted")))),
        }

        jwt::steps(&mut report, &transport, &server.plex_tv_url(), &server.auth_url(), show).await?;

        let stranger = Client::new(base.with_token("not-a-valid-token")?, transport);
        match stranger.get_token_details().await {
            Err(e) if e.is_unauthorized() => {
                report.note("whoami with a bad token", "rejected: unauthorized (the command exits 3)")?
            }
            other => return Err(unexpected("whoami with a bad token", format!("{:?}", other.map(|_| "accepted")))),
        }
    }
    server.shutdown();
    if cli.json {
        report.out.line(&json_text(&json!({"demo": "ok", "steps": report.steps})))
    } else {
        report.out.line("\ndemo finished: every command, the JWT ones too, worked through reqwest and hyper")
    }
}
