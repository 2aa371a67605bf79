//! Connection choice: time from asking for a server's connection to having one, on loopback,
//! for our race (`Client::connect`) and the peers' two strategies implemented as floors over
//! the same transport (`plex_auth_bench::floors`): "wait for every probe" and "first answer
//! wins".
//!
//! Scenarios (listeners from `plex_auth_bench::probes`, all on 127.0.0.1):
//! - (a) the local address answers in 20 ms, two remote addresses hang;
//! - (b) the local address refuses, a remote answers in 30 ms, the relay in 5 ms;
//! - (c) only the relay works (5 ms): the local address refuses, the remote hangs;
//! - (c') only the relay works (5 ms): the local and remote addresses both refuse.
//!
//! Every strategy probes with the same attempt timeout, 1 s instead of the default 3 s, so the
//! bench stays short; our race keeps its other defaults (relays start 800 ms late). Each run
//! gets fresh listeners and a fresh `ReqwestTransport`, so no connection is reused; strategies
//! are interleaved within each run. The figure is the median over `RUNS` runs.
//!
//! Run with `cargo bench -p plex-auth-bench --bench connect`; without `--bench` it runs each
//! scenario once with a 200 ms timeout, as a smoke test.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)] // a bench binary, not library code

use plex_auth_bench::floors::{first_answer_wins, wait_for_every_probe};
use plex_auth_bench::probes::{Behaviour, Kind, ProbeListeners};
use plex_auth_bench::stats::{median, millis};
use plex_auth_core::flow::{RaceOptions, candidates_of, rank};
use plex_auth_core::{Client, ClientConfig};
use plex_auth_reqwest::{ReqwestTransport, TokioTimer};
use std::time::{Duration, Instant};

const MACHINE: &str = "bench-machine-1";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Strategy {
    Ours,
    WaitForEvery,
    FirstAnswer,
}

impl Strategy {
    const ALL: [Strategy; 3] = [Strategy::Ours, Strategy::WaitForEvery, Strategy::FirstAnswer];

    fn name(self) -> &'static str {
        match self {
            Strategy::Ours => "ours (`Client::connect`)",
            Strategy::WaitForEvery => "wait for every probe",
            Strategy::FirstAnswer => "first answer wins",
        }
    }
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn scenarios() -> Vec<(&'static str, Vec<(Behaviour, Kind)>)> {
    use Behaviour::{Answer, Hang, Refuse};
    use Kind::{Local, Relay, Remote};
    vec![
        ("(a) local 20 ms, 2 remotes hang", vec![(Answer(ms(20)), Local), (Hang, Remote), (Hang, Remote)]),
        (
            "(b) local refused, remote 30 ms, relay 5 ms",
            vec![(Refuse, Local), (Answer(ms(30)), Remote), (Answer(ms(5)), Relay)],
        ),
        (
            "(c) relay only: local refused, remote hangs, relay 5 ms",
            vec![(Refuse, Local), (Hang, Remote), (Answer(ms(5)), Relay)],
        ),
        (
            "(c') relay only: local and remote refused, relay 5 ms",
            vec![(Refuse, Local), (Refuse, Remote), (Answer(ms(5)), Relay)],
        ),
    ]
}

/// One run: fresh listeners, fresh transport; returns the time to a choice and its kind.
fn run_once(
    rt: &tokio::runtime::Runtime,
    config: &ClientConfig,
    specs: &[(Behaviour, Kind)],
    strategy: Strategy,
    timeout: Duration,
) -> (Duration, &'static str) {
    let listeners = ProbeListeners::start(MACHINE, specs).unwrap();
    let resource = listeners.resource(MACHINE).unwrap();
    let transport = ReqwestTransport::new().unwrap();
    let (took, uri) = rt.block_on(async {
        let started = Instant::now();
        let uri = match strategy {
            Strategy::Ours => {
                let client = Client::new(config.clone(), transport);
                let options = RaceOptions { attempt_timeout: timeout, ..RaceOptions::default() };
                let report = client.connect(&resource, options, &TokioTimer).await.unwrap();
                report.chosen().map(|c| c.uri.clone())
            }
            Strategy::WaitForEvery | Strategy::FirstAnswer => {
                // The same candidates, ranked the same way, as our race sees them.
                let candidates = rank(candidates_of(&resource));
                let chosen = if strategy == Strategy::WaitForEvery {
                    wait_for_every_probe(&transport, config, MACHINE, &candidates, timeout).await
                } else {
                    first_answer_wins(&transport, config, MACHINE, &candidates, timeout).await
                };
                chosen.map(|i| candidates[i].uri.clone())
            }
        };
        (started.elapsed(), uri)
    });
    let kind = uri.and_then(|u| listeners.kind_of(&u)).map_or("none", Kind::name);
    (took, kind)
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let (runs, timeout) = if full { (7, ms(1000)) } else { (1, ms(200)) };
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let config = ClientConfig::builder().client_identifier("plex-auth-connect-bench").build().unwrap();
    println!("attempt timeout {} ms for every strategy; {runs} runs each, interleaved\n", timeout.as_millis());
    println!("| scenario | strategy | median time to a choice | min – max | chose |");
    println!("|---|---|---|---|---|");
    let started = Instant::now();
    for (name, specs) in scenarios() {
        let mut times: Vec<Vec<Duration>> = vec![Vec::new(); Strategy::ALL.len()];
        let mut chose: Vec<Vec<&str>> = vec![Vec::new(); Strategy::ALL.len()];
        for run in 0..runs {
            for k in 0..Strategy::ALL.len() {
                let i = (k + run) % Strategy::ALL.len();
                let (took, kind) = run_once(&rt, &config, &specs, Strategy::ALL[i], timeout);
                times[i].push(took);
                chose[i].push(kind);
            }
        }
        for (i, strategy) in Strategy::ALL.iter().enumerate() {
            let (min, max) = (times[i].iter().min().copied(), times[i].iter().max().copied());
            println!(
                "| {name} | {} | {:.1} ms | {:.1} – {:.1} ms | {} |",
                strategy.name(),
                millis(median(&times[i])),
                millis(min.unwrap_or_default()),
                millis(max.unwrap_or_default()),
                tally(&chose[i]),
            );
        }
    }
    eprintln!("connect bench took {:.1} s", started.elapsed().as_secs_f64());
}

/// "relay (7/7)", or every kind chosen with its count when runs disagree.
fn tally(kinds: &[&str]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for k in kinds {
        match counts.iter_mut().find(|(name, _)| name == k) {
            Some((_, n)) => *n += 1,
            None => counts.push((k, 1)),
        }
    }
    counts.iter().map(|(k, n)| format!("{k} ({n}/{})", kinds.len())).collect::<Vec<_>>().join(", ")
}
