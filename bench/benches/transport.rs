//! Transport cost: `get_token_details()` through each adapter vs the adapter's raw client
//! sending the same `GET` by hand, on loopback against a fixed-response server in a child
//! process (`plex_auth_bench::fixed_server`).
//!
//! - Sequential: batches of 2,000 token checks in a row, ours and raw interleaved for 15 rounds
//!   (the order flipping each round); the figure is the median over rounds of the process CPU
//!   time per call (every thread of this process, none of the server's), with wall time beside
//!   it. The headline ratio is the median of each round's ours/raw ratio: the two batches of a
//!   round run back to back, so they share whatever the neighbours were doing then. Async adapters run on a current-thread runtime. See [`FULL`].
//! - Concurrent: 64 tasks on a 2-worker runtime share one client, each making 50 calls in a
//!   row, so 64 calls are in flight; throughput and per-call latency (p50, p99) per round,
//!   medians over 5 rounds.
//! - Profiling: [`PROFILE_ENV`] runs one case alone, for callgrind.
//!
//! Run with `cargo bench -p plex-auth-bench --bench transport`. Without `--bench` (as
//! `cargo test --benches` runs it) it makes a few calls of each kind as a smoke test.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)] // a bench binary, not library code

use plex_auth_bench::cpu::{Cost, measure};
use plex_auth_bench::fixed_server::{SERVE_ENV, ServerProcess, serve_child};
use plex_auth_bench::raw::{self, HyperClient, Template};
use plex_auth_bench::stats::{median, median_f64, micros, millis, percentile};
use plex_auth_core::{BlockingClient, Client, ClientConfig};
use plex_auth_hyper::HyperTransport;
use plex_auth_reqwest::{ReqwestBlockingTransport, ReqwestTransport};
use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How much to run: the full bench, or a smoke test.
#[derive(Clone, Copy)]
struct Plan {
    calls: usize,
    rounds: usize,
    warm_up: usize,
    tasks: usize,
    per_task: usize,
    concurrent_rounds: usize,
}

const FULL: Plan = Plan { calls: 2_000, rounds: 15, warm_up: 300, tasks: 64, per_task: 50, concurrent_rounds: 5 };
const SMOKE: Plan = Plan { calls: 10, rounds: 1, warm_up: 2, tasks: 4, per_task: 2, concurrent_rounds: 1 };

/// `CASE:N` runs only `N` calls of one case (after 50 warm-up calls), for a profiler: e.g.
/// `valgrind --tool=callgrind` at two values of `N`, whose difference is the per-call cost
/// without the setup. Cases: `reqwest-ours`, `reqwest-raw`, `hyper-ours`, `hyper-raw`,
/// `blocking-ours`, `blocking-raw`.
const PROFILE_ENV: &str = "PLEX_AUTH_BENCH_PROFILE";

const TOKEN: &str = "bench-token-Zq8Kx2Vd9Lm4Pw7Rt3Ny";

fn main() {
    if std::env::var_os(SERVE_ENV).is_some() {
        serve_child().unwrap();
        return;
    }
    let plan = if std::env::args().any(|a| a == "--bench") { FULL } else { SMOKE };
    let server = ServerProcess::spawn().unwrap();
    let config = ClientConfig::builder()
        .client_identifier("plex-auth-transport-bench")
        .product("plex-auth transport bench")
        .plex_tv_url(server.plex_tv_url())
        .token(TOKEN)
        .build()
        .unwrap();
    let template = Template::of(&config).unwrap();
    if let Ok(spec) = std::env::var(PROFILE_ENV) {
        profile(&spec, &config, &template);
        return;
    }
    println!(
        "server: pid {} at {}; headers sent: {}",
        server.pid(),
        server.plex_tv_url(),
        template.header_names().join(", ")
    );
    println!(
        "plan: {} calls x {} rounds sequential (warm-up {}); {} in flight x {} calls, {} rounds\n",
        plan.calls, plan.rounds, plan.warm_up, plan.tasks, plan.per_task, plan.concurrent_rounds
    );

    println!("## Sequential: client CPU time per call (median of {} rounds)\n", plan.rounds);
    println!(
        "| adapter | raw floor CPU/call | ours CPU/call | ratio (median of rounds' ratios) | ratio of medians | ratio of best rounds | raw wall/call | ours wall/call |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    sequential_async(plan, &config, &template);
    sequential_blocking(plan, &config, &template);

    println!(
        "\n## Concurrent: {} in flight through one client (median of {} rounds)\n",
        plan.tasks, plan.concurrent_rounds
    );
    println!("| client | calls/s | p50 latency | p99 latency | CPU/call |");
    println!("|---|---|---|---|---|");
    concurrent(plan, &config, &template);
    drop(server);
}

/// Per-call costs of each round, for one side of a comparison.
#[derive(Default)]
struct Side {
    cpu: Vec<Duration>,
    wall: Vec<Duration>,
}

impl Side {
    fn record(&mut self, cost: Cost, calls: usize) {
        let n = calls as u32;
        self.cpu.push(cost.cpu / n);
        self.wall.push(cost.wall / n);
    }
}

/// Runs `ours` and `raw` (each making `n` calls when given `n`) in interleaved rounds and prints
/// the row.
fn compare(plan: Plan, name: &str, mut ours: impl FnMut(usize), mut raw: impl FnMut(usize)) {
    ours(plan.warm_up);
    raw(plan.warm_up);
    let (mut o, mut r) = (Side::default(), Side::default());
    for round in 0..plan.rounds {
        let mut run_ours = |o: &mut Side| o.record(measure(|| ours(plan.calls)).1, plan.calls);
        if round % 2 == 0 {
            run_ours(&mut o);
            r.record(measure(|| raw(plan.calls)).1, plan.calls);
        } else {
            r.record(measure(|| raw(plan.calls)).1, plan.calls);
            run_ours(&mut o);
        }
    }
    let (oc, rc) = (median(&o.cpu), median(&r.cpu));
    let best = |v: &[Duration]| v.iter().min().copied().unwrap_or_default().as_secs_f64();
    let paired: Vec<f64> = o.cpu.iter().zip(&r.cpu).map(|(a, b)| a.as_secs_f64() / b.as_secs_f64()).collect();
    println!(
        "| {name} | {:.1} µs | {:.1} µs | **{:.3}x** (target ≤ 1.05x) | {:.3}x | {:.3}x | {:.1} µs | {:.1} µs |",
        micros(rc),
        micros(oc),
        median_f64(&paired),
        oc.as_secs_f64() / rc.as_secs_f64(),
        best(&o.cpu) / best(&r.cpu),
        micros(median(&r.wall)),
        micros(median(&o.wall)),
    );
    let list = |v: &[Duration]| v.iter().map(|d| format!("{:.1}", micros(*d))).collect::<Vec<_>>().join(" ");
    eprintln!("  {name}: ours CPU µs/call by round: {}; raw: {}", list(&o.cpu), list(&r.cpu));
}

fn current_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

fn sequential_async(plan: Plan, config: &ClientConfig, t: &Template) {
    let rt = current_thread();
    {
        let ours = Client::new(config.clone(), ReqwestTransport::new().unwrap());
        let raw_client = raw::reqwest_client().unwrap();
        check(rt.block_on(ours.get_token_details()).map(|a| a.services.map_or(0, |s| s.len())).unwrap());
        check(rt.block_on(raw::reqwest_call(&raw_client, t)).unwrap().service_count());
        compare(
            plan,
            "reqwest (async `Client`)",
            |n| {
                rt.block_on(async {
                    for _ in 0..n {
                        black_box(ours.get_token_details().await.unwrap());
                    }
                })
            },
            |n| {
                rt.block_on(async {
                    for _ in 0..n {
                        black_box(raw::reqwest_call(&raw_client, t).await.unwrap());
                    }
                })
            },
        );
    }
    {
        let ours = rt.block_on(async { Client::new(config.clone(), HyperTransport::http()) });
        let raw_client: HyperClient = rt.block_on(async { raw::hyper_client() });
        check(rt.block_on(ours.get_token_details()).map(|a| a.services.map_or(0, |s| s.len())).unwrap());
        check(rt.block_on(raw::hyper_call(&raw_client, t)).unwrap().service_count());
        compare(
            plan,
            "hyper (async `Client`)",
            |n| {
                rt.block_on(async {
                    for _ in 0..n {
                        black_box(ours.get_token_details().await.unwrap());
                    }
                })
            },
            |n| {
                rt.block_on(async {
                    for _ in 0..n {
                        black_box(raw::hyper_call(&raw_client, t).await.unwrap());
                    }
                })
            },
        );
    }
}

fn sequential_blocking(plan: Plan, config: &ClientConfig, t: &Template) {
    let ours = BlockingClient::new(config.clone(), ReqwestBlockingTransport::new().unwrap());
    let raw_client = raw::blocking_client().unwrap();
    check(ours.get_token_details().map(|a| a.services.map_or(0, |s| s.len())).unwrap());
    check(raw::blocking_call(&raw_client, t).unwrap().service_count());
    compare(
        plan,
        "reqwest blocking (`BlockingClient`)",
        |n| (0..n).for_each(|_| drop(black_box(ours.get_token_details().unwrap()))),
        |n| (0..n).for_each(|_| drop(black_box(raw::blocking_call(&raw_client, t).unwrap()))),
    );
}

/// Every decoder must have read the whole account (20 services), or the comparison means nothing.
fn check(services: usize) {
    assert_eq!(services, 20, "the account body was not decoded whole");
}

/// One way to make a token check, shareable across tasks.
#[derive(Clone)]
enum Caller {
    Reqwest(Arc<Client<ReqwestTransport>>),
    Hyper(Arc<Client<HyperTransport<hyper_util::client::legacy::connect::HttpConnector>>>),
    RawReqwest(reqwest::Client, Arc<Template>),
    RawHyper(HyperClient, Arc<Template>),
}

impl Caller {
    async fn call(&self) {
        match self {
            Caller::Reqwest(c) => drop(black_box(c.get_token_details().await.unwrap())),
            Caller::Hyper(c) => drop(black_box(c.get_token_details().await.unwrap())),
            Caller::RawReqwest(c, t) => drop(black_box(raw::reqwest_call(c, t).await.unwrap())),
            Caller::RawHyper(c, t) => drop(black_box(raw::hyper_call(c, t).await.unwrap())),
        }
    }
}

/// One round: `tasks` tasks making `per_task` calls each. Returns every call's latency and the
/// round's cost.
fn round(rt: &tokio::runtime::Runtime, caller: &Caller, tasks: usize, per_task: usize) -> (Vec<Duration>, Cost) {
    measure(|| {
        rt.block_on(async {
            let handles: Vec<_> = (0..tasks)
                .map(|_| {
                    let caller = caller.clone();
                    tokio::spawn(async move {
                        let mut latencies = Vec::with_capacity(per_task);
                        for _ in 0..per_task {
                            let started = Instant::now();
                            caller.call().await;
                            latencies.push(started.elapsed());
                        }
                        latencies
                    })
                })
                .collect();
            let mut all = Vec::with_capacity(tasks * per_task);
            for h in handles {
                all.extend(h.await.unwrap());
            }
            all
        })
    })
}

/// One caller's figures, a value per concurrent round.
#[derive(Default)]
struct Rounds {
    rate: Vec<f64>,
    p50: Vec<Duration>,
    p99: Vec<Duration>,
    cpu: Vec<Duration>,
}

fn concurrent(plan: Plan, config: &ClientConfig, t: &Template) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let t = Arc::new(t.clone());
    let callers: Vec<(&str, Caller)> = rt.block_on(async {
        vec![
            ("ours, reqwest", Caller::Reqwest(Arc::new(Client::new(config.clone(), ReqwestTransport::new().unwrap())))),
            ("raw reqwest::Client", Caller::RawReqwest(raw::reqwest_client().unwrap(), Arc::clone(&t))),
            ("ours, hyper", Caller::Hyper(Arc::new(Client::new(config.clone(), HyperTransport::http())))),
            ("raw hyper-util legacy Client", Caller::RawHyper(raw::hyper_client(), Arc::clone(&t))),
        ]
    });
    let calls = plan.tasks * plan.per_task;
    // Warm-up: opens every pooled connection, so rounds measure calls, not handshakes.
    for (_, caller) in &callers {
        round(&rt, caller, plan.tasks, plan.per_task.min(5));
    }
    let mut results: Vec<Rounds> = (0..callers.len()).map(|_| Rounds::default()).collect();
    for r in 0..plan.concurrent_rounds {
        // Rotate who goes first, so no caller always follows the same one.
        for k in 0..callers.len() {
            let i = (k + r) % callers.len();
            let (latencies, cost) = round(&rt, &callers[i].1, plan.tasks, plan.per_task);
            let entry = &mut results[i];
            entry.rate.push(calls as f64 / cost.wall.as_secs_f64());
            entry.p50.push(percentile(&latencies, 0.5));
            entry.p99.push(percentile(&latencies, 0.99));
            entry.cpu.push(cost.cpu / calls as u32);
        }
    }
    for ((name, _), Rounds { rate, p50, p99, cpu }) in callers.iter().zip(&results) {
        println!(
            "| {name} | {:.0} | {:.2} ms | {:.2} ms | {:.1} µs |",
            median_f64(rate),
            millis(median(p50)),
            millis(median(p99)),
            micros(median(cpu))
        );
    }
    // Ratios, ours against raw, on the same figures.
    for (ours, raw_i) in [(0, 1), (2, 3)] {
        let (o, r) = (&results[ours], &results[raw_i]);
        eprintln!(
            "  {} vs {}: throughput {:.3}x, p50 {:.3}x, p99 {:.3}x, CPU/call {:.3}x",
            callers[ours].0,
            callers[raw_i].0,
            median_f64(&o.rate) / median_f64(&r.rate),
            median(&o.p50).as_secs_f64() / median(&r.p50).as_secs_f64(),
            median(&o.p99).as_secs_f64() / median(&r.p99).as_secs_f64(),
            median(&o.cpu).as_secs_f64() / median(&r.cpu).as_secs_f64(),
        );
    }
}

/// Runs one case alone (see [`PROFILE_ENV`]).
fn profile(spec: &str, config: &ClientConfig, t: &Template) {
    let (case, n) = spec.split_once(':').expect("PLEX_AUTH_BENCH_PROFILE is CASE:N");
    let n: usize = n.parse().expect("N is a number");
    let rt = current_thread();
    let run = |f: &mut dyn FnMut(usize)| {
        f(50);
        f(n);
    };
    match case {
        "reqwest-ours" => {
            let c = Client::new(config.clone(), ReqwestTransport::new().unwrap());
            run(&mut |n| {
                rt.block_on(async {
                    for _ in 0..n {
                        black_box(c.get_token_details().await.unwrap());
                    }
                })
            });
        }
        "reqwest-raw" => {
            let c = raw::reqwest_client().unwrap();
            run(&mut |n| {
                rt.block_on(async {
                    for _ in 0..n {
                        black_box(raw::reqwest_call(&c, t).await.unwrap());
                    }
                })
            });
        }
        "hyper-ours" => {
            let c = Client::new(config.clone(), HyperTransport::http());
            run(&mut |n| {
                rt.block_on(async {
                    for _ in 0..n {
                        black_box(c.get_token_details().await.unwrap());
                    }
                })
            });
        }
        "hyper-raw" => {
            let c = raw::hyper_client();
            run(&mut |n| {
                rt.block_on(async {
                    for _ in 0..n {
                        black_box(raw::hyper_call(&c, t).await.unwrap());
                    }
                })
            });
        }
        "blocking-ours" => {
            drop(rt);
            let c = BlockingClient::new(config.clone(), ReqwestBlockingTransport::new().unwrap());
            run(&mut |n| (0..n).for_each(|_| drop(black_box(c.get_token_details().unwrap()))));
        }
        "blocking-raw" => {
            drop(rt);
            let c = raw::blocking_client().unwrap();
            run(&mut |n| (0..n).for_each(|_| drop(black_box(raw::blocking_call(&c, t).unwrap()))));
        }
        other => panic!("no case {other:?}"),
    }
}
