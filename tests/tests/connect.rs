//! Connection racing under simulated time, as quinn-proto's test pair does: every probe's answer
//! is scheduled at a fake instant and the race is stepped from event to event. Nothing sleeps.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use plex_auth_core::flow::{Candidate, ConnectRace, ConnectReport, Flow, ProbeOutcome, RaceOptions, Step};
use plex_auth_core::{ClientConfig, HttpResponse, TransportError, TransportErrorKind};
use std::collections::HashMap;
use std::time::{Duration, SystemTime};

const MACHINE: &str = "machine-1";

/// How a candidate answers its probe.
#[derive(Clone)]
enum Answer {
    /// As `machine` after `ms`.
    As(&'static str, u64),
    /// A refused connection after `ms`.
    Refused(u64),
    /// Never.
    Hang,
}

fn identity(machine: &str) -> HttpResponse {
    let body = format!(r#"{{"MediaContainer":{{"size":0,"machineIdentifier":"{machine}","version":"1.40.0"}}}}"#);
    http::Response::builder().status(200).header("content-type", "application/json").body(body.into()).unwrap()
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Runs `race` with each candidate answering as `answers` says; returns the report, how long the
/// race took, and the URIs in the order they were probed.
fn simulate(race: ConnectRace, answers: &HashMap<&str, Answer>) -> (ConnectReport, Duration, Vec<String>) {
    let (report, took, probed) = simulate_timed(race, answers);
    (report, took, probed.into_iter().map(|(uri, _)| uri).collect())
}

/// [`simulate`], with each probe's URI paired with when it was sent (since the race started).
fn simulate_timed(
    mut race: ConnectRace,
    answers: &HashMap<&str, Answer>,
) -> (ConnectReport, Duration, Vec<(String, Duration)>) {
    let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
    let mut now = start;
    let mut scheduled: Vec<(SystemTime, plex_auth_core::flow::RequestId, Result<HttpResponse, TransportError>)> =
        Vec::new();
    let mut probed = Vec::new();
    for _ in 0..10_000 {
        match race.poll(now).unwrap() {
            Step::Done(report) => return (report, now.duration_since(start).unwrap(), probed),
            Step::Send(id, req) => {
                let base = req.uri().to_string().trim_end_matches("/identity").to_owned();
                assert!(req.uri().path().ends_with("/identity"), "{}", req.uri());
                assert!(req.headers().get("x-plex-token").is_none(), "a probe never carries a token");
                assert_eq!(req.headers()["x-plex-client-identifier"], "race-test");
                probed.push((base.clone(), now.duration_since(start).unwrap()));
                match answers.get(base.as_str()).cloned().unwrap_or(Answer::Hang) {
                    Answer::As(machine, after) => scheduled.push((now + ms(after), id, Ok(identity(machine)))),
                    Answer::Refused(after) => {
                        scheduled.push((now + ms(after), id, Err(TransportError::new(TransportErrorKind::Connect))))
                    }
                    Answer::Hang => {}
                }
            }
            step @ (Step::WaitUntil(_) | Step::AwaitResponse) => {
                scheduled.sort_by_key(|(at, _, _)| *at);
                let until = match step {
                    Step::WaitUntil(t) => Some(t),
                    _ => None,
                };
                match scheduled.first() {
                    Some((at, _, _)) if until.is_none_or(|t| *at <= t) => {
                        let (at, id, result) = scheduled.remove(0);
                        now = now.max(at);
                        race.on_response(id, result, now);
                    }
                    _ => now = until.expect("awaiting a response that never comes"),
                }
            }
        }
    }
    panic!("the race did not end");
}

fn race(candidates: Vec<Candidate>, options: RaceOptions) -> ConnectRace {
    let config = ClientConfig::builder().client_identifier("race-test").token("race-token").build().unwrap();
    ConnectRace::new(&config, MACHINE, candidates, options).unwrap()
}

const LOCAL: &str = "https://10-0-0-5.m1.plex.direct:32400";
const LOCAL_HTTP: &str = "http://10.0.0.5:32400";
const REMOTE: &str = "https://203-0-113-7.m1.plex.direct:32400";
const REMOTE_V6: &str = "https://2001-db8--7.m1.plex.direct:32400";
const RELAY: &str = "https://relay.m1.plex.direct:8443";

fn all() -> Vec<Candidate> {
    vec![
        Candidate::new(RELAY).relay(true),
        Candidate::new(REMOTE_V6).ipv6(true),
        Candidate::new(LOCAL_HTTP).local(true),
        Candidate::new(REMOTE),
        Candidate::new(LOCAL).local(true),
    ]
}

fn chosen(report: &ConnectReport) -> &str {
    report.chosen().map(|c| c.uri.as_str()).unwrap_or("none")
}

#[test]
fn candidates_rank_local_remote_relay_then_https_then_ipv4() {
    let ranked: Vec<String> = plex_auth_core::flow::rank(all()).into_iter().map(|c| c.uri).collect();
    assert_eq!(ranked, [LOCAL, LOCAL_HTTP, REMOTE, REMOTE_V6, RELAY]);
}

#[test]
fn the_preferred_connection_wins_even_when_a_worse_one_answers_first() {
    let answers = HashMap::from([(LOCAL, Answer::As(MACHINE, 900)), (REMOTE, Answer::As(MACHINE, 50))]);
    let (report, took, _) = simulate(race(all(), RaceOptions::default()), &answers);
    assert_eq!(chosen(&report), LOCAL);
    assert_eq!(took, ms(900), "waited for the better one, within its timeout");
    assert!(matches!(report.probes[2].1, ProbeOutcome::Answered(d) if d == ms(50)), "{report}");
}

#[test]
fn when_the_preferred_fails_the_next_wins_without_waiting_for_the_rest() {
    let answers = HashMap::from([
        (LOCAL, Answer::Refused(10)),
        (LOCAL_HTTP, Answer::As(MACHINE, 40)),
        (REMOTE, Answer::As(MACHINE, 30)),
        // REMOTE_V6 and RELAY hang.
    ]);
    let (report, took, _) = simulate(race(all(), RaceOptions::default()), &answers);
    assert_eq!(chosen(&report), LOCAL_HTTP);
    assert_eq!(took, ms(40), "did not wait for the hanging ones");
    assert!(matches!(report.probes[0].1, ProbeOutcome::Failed(_)), "{report}");
    assert!(matches!(report.probes[3].1, ProbeOutcome::NotAwaited), "{report}");
    assert!(matches!(report.probes[4].1, ProbeOutcome::NotAwaited), "relay not even sent: {report}");
}

#[test]
fn when_all_fail_the_report_lists_every_failure_and_a_hang_ends_at_its_bound() {
    let answers = HashMap::from([
        (LOCAL, Answer::Refused(5)),
        (LOCAL_HTTP, Answer::As("another-server", 5)),
        (REMOTE, Answer::Refused(20)),
        (REMOTE_V6, Answer::Hang),
        (RELAY, Answer::Refused(100)),
    ]);
    let options = RaceOptions { attempt_timeout: ms(1500), ..RaceOptions::default() };
    let (report, took, _) = simulate(race(all(), options), &answers);
    assert_eq!(report.chosen, None);
    assert_eq!(took, ms(1500), "the hanging probe ended the race at its timeout");
    let text = report.to_string();
    assert!(text.contains(&format!("{LOCAL}: failed")), "{text}");
    assert!(text.contains("answered as another server (another-server)"), "{text}");
    assert!(text.contains(&format!("{REMOTE_V6}: no answer within 1500 ms")), "{text}");
    assert!(text.contains(&format!("{RELAY}: failed")), "{text}");
}

#[test]
fn a_wrong_machine_identifier_is_rejected() {
    let answers = HashMap::from([(LOCAL, Answer::As("someone-elses-server", 5)), (REMOTE, Answer::As(MACHINE, 60))]);
    let candidates = vec![Candidate::new(LOCAL).local(true), Candidate::new(REMOTE)];
    let (report, _, _) = simulate(race(candidates, RaceOptions::default()), &answers);
    assert_eq!(chosen(&report), REMOTE);
    assert!(matches!(&report.probes[0].1, ProbeOutcome::WrongServer(id) if id == "someone-elses-server"));
}

#[test]
fn the_relay_is_chosen_only_when_nothing_else_answers() {
    let answers = HashMap::from([(RELAY, Answer::As(MACHINE, 10)), (REMOTE, Answer::Refused(2000))]);
    let candidates = vec![Candidate::new(RELAY).relay(true), Candidate::new(REMOTE)];
    let (report, took, probed) = simulate(race(candidates, RaceOptions::default()), &answers);
    assert_eq!(chosen(&report), RELAY);
    assert_eq!(probed, [REMOTE, RELAY], "the relay starts late");
    assert_eq!(took, ms(2000), "the relay answered at 810 ms but waited for the direct one to fail");
}

#[test]
fn the_last_known_good_connection_is_tried_first_with_a_head_start() {
    let answers = HashMap::from([(REMOTE, Answer::As(MACHINE, 100)), (LOCAL, Answer::As(MACHINE, 350))]);
    let options = RaceOptions { last_good: Some(REMOTE.to_owned()), ..RaceOptions::default() };
    let (report, took, probed) = simulate(race(all(), options), &answers);
    assert_eq!(probed[0], REMOTE, "probed first");
    assert_eq!(chosen(&report), REMOTE);
    assert_eq!(took, ms(100), "it answered within its head start, before the others were sent");
    assert_eq!(probed.len(), 1);

    // A relay is never promoted as last known good.
    let options = RaceOptions { last_good: Some(RELAY.to_owned()), ..RaceOptions::default() };
    let (_, _, probed) = simulate(race(all(), options), &HashMap::from([(LOCAL, Answer::As(MACHINE, 1))]));
    assert_eq!(probed[0], LOCAL);
}

/// When each probe was sent, by URI, in milliseconds since the race started.
fn sent_at(probed: &[(String, Duration)]) -> Vec<(&str, u128)> {
    probed.iter().map(|(uri, at)| (uri.as_str(), at.as_millis())).collect()
}

#[test]
fn when_every_direct_candidate_is_refused_the_relay_starts_at_once() {
    // Benchmark scenario (c'): local and remote refuse at once, only the relay works.
    let answers =
        HashMap::from([(LOCAL, Answer::Refused(1)), (REMOTE, Answer::Refused(2)), (RELAY, Answer::As(MACHINE, 5))]);
    let candidates = vec![Candidate::new(RELAY).relay(true), Candidate::new(REMOTE), Candidate::new(LOCAL).local(true)];
    let (report, took, probed) = simulate_timed(race(candidates, RaceOptions::default()), &answers);
    assert_eq!(
        sent_at(&probed),
        [(LOCAL, 0), (REMOTE, 0), (RELAY, 2)],
        "the relay went out when the last direct failed"
    );
    assert_eq!(chosen(&report), RELAY, "{report}");
    assert_eq!(took, ms(7), "done when the relay answered, not after its 800 ms delay");
    assert!(matches!(report.probes[0].1, ProbeOutcome::Failed(_)), "{report}");
    assert!(matches!(report.probes[1].1, ProbeOutcome::Failed(_)), "{report}");
    assert!(matches!(report.probes[2].1, ProbeOutcome::Answered(d) if d == ms(5)), "{report}");

    // Refused at the very instant they were sent.
    let answers = HashMap::from([(LOCAL, Answer::Refused(0)), (RELAY, Answer::As(MACHINE, 5))]);
    let candidates = vec![Candidate::new(RELAY).relay(true), Candidate::new(LOCAL).local(true)];
    let (report, took, probed) = simulate_timed(race(candidates, RaceOptions::default()), &answers);
    assert_eq!(sent_at(&probed), [(LOCAL, 0), (RELAY, 0)]);
    assert_eq!((chosen(&report), took), (RELAY, ms(5)), "{report}");
}

#[test]
fn a_wrong_server_or_a_timed_out_direct_candidate_also_lets_the_relays_start() {
    let answers = HashMap::from([
        (LOCAL, Answer::As("another-server", 3)),
        (REMOTE, Answer::Hang),
        (RELAY, Answer::As(MACHINE, 5)),
    ]);
    let candidates = vec![Candidate::new(RELAY).relay(true), Candidate::new(REMOTE), Candidate::new(LOCAL).local(true)];
    let options = RaceOptions { attempt_timeout: ms(200), ..RaceOptions::default() };
    let (report, took, probed) = simulate_timed(race(candidates, options), &answers);
    assert_eq!(sent_at(&probed), [(LOCAL, 0), (REMOTE, 0), (RELAY, 200)], "started when the remote timed out");
    assert_eq!((chosen(&report), took), (RELAY, ms(205)), "{report}");
    assert!(matches!(report.probes[1].1, ProbeOutcome::TimedOut(_)), "{report}");

    // With no direct candidate at all, nothing can beat the relay: it starts at once.
    let answers = HashMap::from([(RELAY, Answer::As(MACHINE, 5))]);
    let (report, took, probed) =
        simulate_timed(race(vec![Candidate::new(RELAY).relay(true)], RaceOptions::default()), &answers);
    assert_eq!(sent_at(&probed), [(RELAY, 0)]);
    assert_eq!((chosen(&report), took), (RELAY, ms(5)), "{report}");
}

#[test]
fn when_the_last_known_good_fails_during_its_head_start_the_others_start_at_once() {
    let answers = HashMap::from([
        (REMOTE, Answer::Refused(10)),
        (LOCAL, Answer::As(MACHINE, 20)),
        // LOCAL_HTTP, REMOTE_V6 and RELAY hang.
    ]);
    let options = RaceOptions { last_good: Some(REMOTE.to_owned()), ..RaceOptions::default() };
    let (report, took, probed) = simulate_timed(race(all(), options), &answers);
    assert_eq!(
        sent_at(&probed),
        [(REMOTE, 0), (LOCAL, 10), (LOCAL_HTTP, 10), (REMOTE_V6, 10)],
        "the others went out when the last-known-good failed, not at 300 ms; the relay not at all"
    );
    assert_eq!(chosen(&report), LOCAL, "{report}");
    assert_eq!(took, ms(30));
    assert!(matches!(report.probes[0].1, ProbeOutcome::Failed(_)), "{report}");

    // The relays' delay then counts from the failure, and a pending direct candidate still
    // holds them back for all of it.
    let answers =
        HashMap::from([(REMOTE, Answer::Refused(10)), (LOCAL, Answer::Hang), (RELAY, Answer::As(MACHINE, 5))]);
    let candidates = vec![Candidate::new(RELAY).relay(true), Candidate::new(REMOTE), Candidate::new(LOCAL).local(true)];
    let options = RaceOptions { last_good: Some(REMOTE.to_owned()), ..RaceOptions::default() };
    let (report, took, probed) = simulate_timed(race(candidates, options), &answers);
    assert_eq!(sent_at(&probed), [(REMOTE, 0), (LOCAL, 10), (RELAY, 810)]);
    assert_eq!(chosen(&report), RELAY, "{report}");
    assert_eq!(took, ms(3010), "the relay answered at 815 ms but waited for the local probe's timeout");
}

#[test]
fn a_pending_direct_candidate_keeps_the_relays_waiting() {
    // One direct candidate refuses at once, another is still out: the relay waits its delay and
    // loses to the direct one even though it answers first.
    let answers = HashMap::from([
        (LOCAL, Answer::Refused(1)),
        (REMOTE, Answer::As(MACHINE, 1000)),
        (RELAY, Answer::As(MACHINE, 5)),
    ]);
    let candidates = vec![Candidate::new(RELAY).relay(true), Candidate::new(REMOTE), Candidate::new(LOCAL).local(true)];
    let (report, took, probed) = simulate_timed(race(candidates, RaceOptions::default()), &answers);
    assert_eq!(sent_at(&probed), [(LOCAL, 0), (REMOTE, 0), (RELAY, 800)]);
    assert_eq!(chosen(&report), REMOTE, "{report}");
    assert_eq!(took, ms(1000));
    assert!(matches!(report.probes[2].1, ProbeOutcome::Answered(d) if d == ms(5)), "{report}");

    // A last-known-good candidate that neither answers nor fails keeps its whole head start.
    let answers = HashMap::from([(REMOTE, Answer::Hang), (LOCAL, Answer::As(MACHINE, 20))]);
    let candidates = vec![Candidate::new(REMOTE), Candidate::new(LOCAL).local(true)];
    let options = RaceOptions { last_good: Some(REMOTE.to_owned()), ..RaceOptions::default() };
    let (report, took, probed) = simulate_timed(race(candidates, options), &answers);
    assert_eq!(sent_at(&probed), [(REMOTE, 0), (LOCAL, 300)]);
    assert_eq!(chosen(&report), LOCAL, "{report}");
    assert_eq!(took, ms(3000), "the last-known-good is ranked first, so it was awaited until its timeout");
}

/// The race through every adapter over real loopback listeners: the best candidate refuses, the
/// next answers as another server, the third is right, a worse one never answers (and is not
/// awaited), and the relay is never sent.
mod over_loopback {
    use super::*;
    use plex_auth_core::{BlockingClient, Client, Resource};
    use plex_auth_testing::{Script, ScriptedServer, refused_url};

    fn identity_script(machine: &str) -> Script {
        let body = format!(r#"{{"MediaContainer":{{"machineIdentifier":"{machine}"}}}}"#);
        Script::respond("200 OK", &[("content-type", "application/json")], body.as_bytes())
    }

    struct Servers {
        _keep: Vec<ScriptedServer>,
        resource: Resource,
        right: String,
    }

    async fn servers() -> Servers {
        let wrong = ScriptedServer::start(identity_script("another-server")).await.unwrap();
        let right = ScriptedServer::start(identity_script(MACHINE)).await.unwrap();
        let silent = ScriptedServer::start(Script::silent()).await.unwrap();
        let refused = refused_url("").unwrap();
        let base = |s: &ScriptedServer| s.url("").trim_end_matches('/').to_owned();
        let resource: Resource = serde_json::from_value(serde_json::json!({
            "name": "Den", "clientIdentifier": MACHINE, "provides": "server", "owned": true,
            "accessToken": "server-access-token",
            "connections": [
                {"uri": "http://relay.invalid:8443", "local": false, "relay": true},
                {"uri": base(&silent), "local": false, "relay": false},
                {"uri": refused.trim_end_matches('/'), "local": true, "relay": false},
                {"uri": base(&wrong), "local": true, "relay": false},
                {"uri": base(&right), "local": true, "relay": false},
            ]
        }))
        .unwrap();
        Servers { right: base(&right), resource, _keep: vec![wrong, right, silent] }
    }

    fn config() -> ClientConfig {
        ClientConfig::builder().client_identifier("race-test").build().unwrap()
    }

    fn check(report: &ConnectReport, right: &str) {
        assert_eq!(chosen(report), right, "{report}");
        let outcomes: Vec<String> = report.probes.iter().map(|(_, o)| o.to_string()).collect();
        assert!(outcomes[0].starts_with("failed: cannot connect to"), "refused first: {report}");
        assert!(outcomes[1].contains("another server (another-server)"), "{report}");
        assert!(outcomes[2].starts_with("answered in"), "{report}");
        assert_eq!(outcomes[3], "not awaited", "the silent one: {report}");
        assert_eq!(outcomes[4], "not awaited", "the relay: {report}");
    }

    #[tokio::test]
    async fn reqwest() {
        let s = servers().await;
        let client = Client::new(config(), plex_auth_reqwest::ReqwestTransport::new().unwrap());
        let report = client.connect(&s.resource, RaceOptions::default(), &plex_auth_reqwest::TokioTimer).await.unwrap();
        check(&report, &s.right);
    }

    #[tokio::test]
    async fn hyper() {
        let s = servers().await;
        let client = Client::new(config(), plex_auth_hyper::HyperTransport::http());
        let report = client.connect(&s.resource, RaceOptions::default(), &plex_auth_hyper::TokioTimer).await.unwrap();
        check(&report, &s.right);
    }

    #[test]
    fn reqwest_blocking() {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let s = runtime.block_on(servers());
        let report = std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    let transport = plex_auth_reqwest::ReqwestBlockingTransport::new().unwrap();
                    let client = BlockingClient::new(config(), transport);
                    client.connect(&s.resource, RaceOptions::default(), &plex_auth_reqwest::StdTimer).unwrap()
                })
                .join()
                .unwrap()
        });
        check(&report, &s.right);
    }
}

#[test]
fn candidates_of_a_resource_add_plain_http_for_local_https_and_drop_others_lans() {
    let resource = |owned: bool, https_required: bool| -> plex_auth_core::Resource {
        serde_json::from_value(serde_json::json!({
            "clientIdentifier": MACHINE, "owned": owned, "httpsRequired": https_required,
            "connections": [
                {"uri": LOCAL, "address": "10.0.0.5", "port": 32400, "local": true},
                {"uri": "https://fd00--5.m1.plex.direct:32400", "address": "fd00::5", "port": 32400, "local": true, "IPv6": true},
                {"uri": REMOTE, "address": "203.0.113.7", "port": 32400, "local": false},
                {"uri": RELAY, "local": false, "relay": true},
                {"address": "10.0.0.9", "local": false}
            ]
        }))
        .unwrap()
    };
    let uris = |r| {
        plex_auth_core::flow::rank(plex_auth_core::flow::candidates_of(&r))
            .into_iter()
            .map(|c| c.uri)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        uris(resource(true, false)),
        [LOCAL, "https://fd00--5.m1.plex.direct:32400", LOCAL_HTTP, "http://[fd00::5]:32400", REMOTE, RELAY]
    );
    assert_eq!(uris(resource(true, true)), [LOCAL, "https://fd00--5.m1.plex.direct:32400", REMOTE, RELAY]);
    assert_eq!(uris(resource(false, false)), [REMOTE, RELAY], "a shared server's LAN is not ours");
}

/// The whole path against FakePlex on loopback: its `resources` answer lists a server whose
/// connections are real listeners of the fake (refusing, answering as another server, right, and
/// never answering), and the client races them through each adapter.
mod fake_listeners {
    use super::*;
    use plex_auth_core::{BlockingClient, Client, Resource};
    use plex_auth_testing::{FakeAccount, FakePlex, FakeServer, Probe};

    const TOKEN: &str = "listener-test-token-Q4";

    fn fake() -> FakePlex {
        FakePlex::new().with_account(FakeAccount::new("ana", "ana@example.com", "pw").token(TOKEN)).with_server(
            FakeServer::new(MACHINE, "Den")
                .listener(Probe::Refuse, true, false)
                .listener(Probe::WrongServer("impostor".into()), true, false)
                .listener(Probe::Right, true, false)
                .listener(Probe::Never, false, false)
                .listener(Probe::Right, false, true),
        )
    }

    fn config(plex_tv: &str) -> ClientConfig {
        ClientConfig::builder().client_identifier("race-test").plex_tv_url(plex_tv).token(TOKEN).build().unwrap()
    }

    fn check(server: &Resource, report: &ConnectReport) {
        let uris: Vec<&str> = server.connections().iter().filter_map(|c| c.uri.as_deref()).collect();
        assert_eq!(chosen(report), uris[2], "{report}");
        let outcomes: Vec<String> = report.probes.iter().map(|(_, o)| o.to_string()).collect();
        assert!(outcomes[0].contains("connection refused"), "{report}");
        assert_eq!(outcomes[1], "answered as another server (impostor)", "{report}");
        assert!(outcomes[2].starts_with("answered in"), "{report}");
        assert_eq!(&outcomes[3..], ["not awaited", "not awaited"], "{report}");
    }

    async fn run_async<T: plex_auth_core::Transport>(transport: T) {
        let fake = fake();
        let served = fake.serve().await.unwrap();
        let client = Client::new(config(&served.plex_tv_url()), transport);
        let resources = client.get_resources().await.unwrap();
        let server = resources.iter().find(|r| r.is_server()).unwrap();
        let report = client.connect(server, RaceOptions::default(), &plex_auth_reqwest::TokioTimer).await.unwrap();
        check(server, &report);
    }

    #[tokio::test]
    async fn reqwest() {
        run_async(plex_auth_reqwest::ReqwestTransport::new().unwrap()).await;
    }

    #[tokio::test]
    async fn hyper() {
        run_async(plex_auth_hyper::HyperTransport::http()).await;
    }

    #[test]
    fn reqwest_blocking() {
        let fake = fake();
        let served = fake.serve_in_background().unwrap();
        let client = BlockingClient::new(
            config(&served.plex_tv_url()),
            plex_auth_reqwest::ReqwestBlockingTransport::new().unwrap(),
        );
        let resources = client.get_resources().unwrap();
        let server = resources.iter().find(|r| r.is_server()).unwrap();
        let report = client.connect(server, RaceOptions::default(), &plex_auth_reqwest::StdTimer).unwrap();
        check(server, &report);
    }
}
