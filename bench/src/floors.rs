//! The peers' ways of choosing a connection, as floors for ours, over the same transport and
//! the same ranked candidates, each probe `GET {uri}/identity` under the same timeout.
//!
//! - [`wait_for_every_probe`]: probe every candidate at once, wait until all have answered,
//!   failed or timed out, then take the best-ranked success (what `plexapi` and most clients do).
//!   Always right, but as slow as the slowest dead address.
//! - [`first_answer_wins`]: probe every candidate at once and take the first success, whatever
//!   its rank. Fast, but a relay that answers first wins over a LAN address that answers later.
//!
//! A success is an answer naming the expected `machineIdentifier`, as in our race.

use plex_auth_core::flow::Candidate;
use plex_auth_core::{ClientConfig, Error, GetServerIdentity, Transport, execute};
use std::time::Duration;
use tokio::task::JoinSet;

/// Probes `candidates` (ranked best first) all at once, waits for every probe, and returns the
/// index of the best-ranked one that answered as `machine`.
pub async fn wait_for_every_probe<T>(
    transport: &T,
    config: &ClientConfig,
    machine: &str,
    candidates: &[Candidate],
    timeout: Duration,
) -> Option<usize>
where
    T: Transport + Clone + 'static,
{
    let mut probes = spawn_probes(transport, config, machine, candidates, timeout);
    let mut best: Option<usize> = None;
    while let Some(done) = probes.join_next().await {
        if let Ok((i, true)) = done {
            best = Some(best.map_or(i, |b| b.min(i)));
        }
    }
    best
}

/// Probes `candidates` all at once and returns the index of the first that answered as
/// `machine`; the probes still out are dropped.
pub async fn first_answer_wins<T>(
    transport: &T,
    config: &ClientConfig,
    machine: &str,
    candidates: &[Candidate],
    timeout: Duration,
) -> Option<usize>
where
    T: Transport + Clone + 'static,
{
    let mut probes = spawn_probes(transport, config, machine, candidates, timeout);
    while let Some(done) = probes.join_next().await {
        if let Ok((i, true)) = done {
            return Some(i);
        }
    }
    None
}

/// One task per candidate, each yielding its index and whether it answered as `machine` in time.
fn spawn_probes<T>(
    transport: &T,
    config: &ClientConfig,
    machine: &str,
    candidates: &[Candidate],
    timeout: Duration,
) -> JoinSet<(usize, bool)>
where
    T: Transport + Clone + 'static,
{
    let mut set = JoinSet::new();
    for (i, candidate) in candidates.iter().enumerate() {
        let (transport, config, machine) = (transport.clone(), config.clone(), machine.to_owned());
        let uri = candidate.uri.clone();
        set.spawn(async move {
            let answered = tokio::time::timeout(timeout, probe(&transport, &config, &uri)).await;
            let right = matches!(answered, Ok(Ok(Some(found))) if found == machine);
            (i, right)
        });
    }
    set
}

/// `GET {uri}/identity` through the core, as our race sends it: the machine identifier named.
async fn probe<T: Transport>(transport: &T, config: &ClientConfig, uri: &str) -> Result<Option<String>, Error> {
    let identity = execute(transport, config, &GetServerIdentity::new(uri)?).await?;
    Ok(identity.machine_identifier)
}
