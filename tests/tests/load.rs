//! Load (issue 8, part 7): 10,000 calls with 64 in flight through one client of each async
//! adapter against FakePlex on loopback. Every call must succeed with the right answer, the
//! process must hold no more file descriptors afterwards than before, and its resident memory
//! must stay flat. Run alone with `cargo test -p plex-auth-tests --test load`.
//!
//! Bounded in count (10,000 calls plus a 1,000-call warm-up per adapter) and in time (a hard
//! limit that only catches hangs). File descriptors are counted in `/proc/self/fd` and memory read
//! from `/proc/self/status`, so those checks run on Linux only.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use plex_auth_core::{Client, ClientConfig, Error, ExposeSecret, Transport};
use plex_auth_testing::{FakeAccount, FakePlex, FakeServer, Route};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CALLS: usize = 10_000;
const IN_FLIGHT: usize = 64;
/// Fills the connection pools and the allocator's arenas before the baseline is taken.
const WARM_UP: usize = 1_000;
/// Only catches a hang: a healthy debug build needs a fraction of it.
const HANG_LIMIT: Duration = Duration::from_secs(120);
/// Resident memory may grow this much over the run (allocator noise), not with the call count.
const RSS_GROWTH_LIMIT: u64 = 32 * 1024 * 1024;
/// A transport timeout far above any loopback answer, so only a real failure is an error.
const TIMEOUT: Duration = Duration::from_secs(20);

const TOKEN: &str = "load-admin-token";
const MACHINE_ID: &str = "load-machine";

/// File descriptors and memory are per process: the adapters take turns.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn open_fds() -> Option<usize> {
    Some(std::fs::read_dir("/proc/self/fd").ok()?.count())
}

fn rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// One call, chosen by `i`, checked for the right answer.
async fn call<T: Transport>(client: &Client<T>, i: usize) -> Result<(), String> {
    let wrong = |what: &str| Err(format!("call {i}: wrong {what}"));
    let failed = |e: Error| format!("call {i}: {e}");
    match i % 3 {
        0 => {
            let account = client.get_token_details().await.map_err(failed)?;
            if account.username.as_deref() != Some("ana") {
                return wrong("account");
            }
        }
        1 => {
            let token = client.get_transient_token().await.map_err(failed)?;
            if !token.expose_secret().starts_with("transient-") {
                return wrong("transient token");
            }
        }
        _ => {
            let info =
                client.get_source_connection_information(&format!("server://{MACHINE_ID}")).await.map_err(failed)?;
            if info.client_identifier.as_deref() != Some(MACHINE_ID) || info.connections.map(|c| c.len()) != Some(1) {
                return wrong("source");
            }
        }
    }
    Ok(())
}

/// `calls` calls with [`IN_FLIGHT`] of them running at any time; returns the failures.
async fn run<T: Transport + 'static>(client: Arc<Client<T>>, calls: usize) -> Vec<String> {
    let next = Arc::new(AtomicUsize::new(0));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..IN_FLIGHT {
        let (client, next) = (client.clone(), next.clone());
        workers.spawn(async move {
            let mut failures = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= calls {
                    return failures;
                }
                if let Err(e) = call(&client, i).await {
                    failures.push(e);
                }
            }
        });
    }
    let mut failures = Vec::new();
    while let Some(done) = workers.join_next().await {
        failures.extend(done.unwrap());
    }
    failures
}

fn load<T: Transport + 'static>(name: &str, make: impl FnOnce() -> T) {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let fds_before = open_fds();
    {
        let fake = FakePlex::new()
            .with_account(FakeAccount::new("ana", "ana@example.com", "pw").token(TOKEN))
            .with_server(FakeServer::new(MACHINE_ID, "Load").connection("http://10.0.0.9:32400", true, false));
        let server = fake.serve_in_background().unwrap();
        let config = ClientConfig::builder()
            .client_identifier("load-test")
            .plex_tv_url(server.plex_tv_url())
            .server_url(server.server_url())
            .token(TOKEN)
            .build()
            .unwrap();
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let client = Arc::new(Client::new(config, make()));
        let within_limit = |calls| {
            let client = client.clone();
            rt.block_on(async move { tokio::time::timeout(HANG_LIMIT, run(client, calls)).await })
                .unwrap_or_else(|_| panic!("{name}: {calls} calls hung past {HANG_LIMIT:?}"))
        };

        let failures = within_limit(WARM_UP);
        assert!(failures.is_empty(), "{name} warm-up: {} failures, first: {:?}", failures.len(), failures.first());
        let (fds_warm, rss_warm) = (open_fds(), rss_bytes());

        let started = Instant::now();
        let failures = within_limit(CALLS);
        let took = started.elapsed();
        assert!(
            failures.is_empty(),
            "{name}: {} of {CALLS} calls failed, first: {:?}",
            failures.len(),
            failures.first()
        );
        let (fds_after, rss_after) = (open_fds(), rss_bytes());

        let served: usize = [Route::User, Route::TransientToken, Route::Resources]
            .into_iter()
            .map(|route| fake.request_count(route))
            .sum();
        assert_eq!(served, WARM_UP + CALLS, "{name}: one request per call");
        eprintln!(
            "{name}: {CALLS} calls, {IN_FLIGHT} in flight, in {took:.2?}; fds {fds_warm:?} -> {fds_after:?}; \
             RSS {:?} -> {:?} KiB",
            rss_warm.map(|b| b / 1024),
            rss_after.map(|b| b / 1024)
        );
        if let (Some(warm), Some(after)) = (fds_warm, fds_after) {
            // Pooled connections (two descriptors each on loopback) are bounded by the calls in
            // flight, not by the number of calls.
            assert!(after <= warm + 2 * IN_FLIGHT, "{name}: open fds grew from {warm} to {after}");
        }
        if let (Some(warm), Some(after)) = (rss_warm, rss_after) {
            let growth = after.saturating_sub(warm);
            assert!(growth < RSS_GROWTH_LIMIT, "{name}: resident memory grew by {} KiB", growth / 1024);
        }
        drop(client);
        drop(rt);
        server.shutdown();
    }
    if let (Some(before), Some(after)) = (fds_before, open_fds()) {
        assert!(after <= before, "{name}: {before} fds open before, {after} after everything was dropped");
    }
}

#[test]
fn reqwest_under_load() {
    load("reqwest", || {
        plex_auth_reqwest::ReqwestTransport::builder().timeout(TIMEOUT).connect_timeout(TIMEOUT).build().unwrap()
    });
}

#[test]
fn hyper_under_load() {
    load("hyper", || plex_auth_hyper::HyperTransport::http().with_timeout(TIMEOUT));
}
