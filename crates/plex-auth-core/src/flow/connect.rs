//! Choosing how to reach a server: probe its connections concurrently and take the best one
//! that answers as the right server, without waiting for worse ones.
//!
//! The rules, in order:
//! - Candidates are ranked: local before remote before relay; https before http; IPv4 before
//!   IPv6 ([`rank`]). A last-known-good connection (never a relay) goes first and gets a head
//!   start before the others are probed; if it fails during its head start, the others start at
//!   once (and the relays' delay counts from then).
//! - Every probe is `GET {uri}/identity` with its own timeout, and counts only if the answer's
//!   `machineIdentifier` is the server's (a LAN address can belong to another server). Probes
//!   carry no token, so an impostor at an address learns nothing.
//! - The race ends as soon as the best-ranked candidate that can still win has answered: a worse
//!   one is never waited for once a better one succeeded, and never accepted while a better one
//!   may still answer within its timeout. Relays start late and win only when nothing else did.
//! - Waiting is only ever for something that could still win: as soon as every direct
//!   (non-relay) candidate has failed (refused, wrong server, timed out), the relays start at
//!   once instead of waiting out their delay. A direct candidate still out or yet to start keeps
//!   them waiting as before.
//! - Probes still out when the race ends are not awaited; the report says so.

use super::{Flow, RequestId, Step};
use crate::config::ClientConfig;
use crate::error::Error;
use crate::ops::{Endpoint, GetServerIdentity};
use crate::transport::{HttpResponse, TransportError};
use std::fmt;
use std::time::{Duration, SystemTime};

/// Default time each probe may take before it counts as failed.
pub const DEFAULT_ATTEMPT_TIMEOUT: Duration = Duration::from_secs(3);
/// Default head start of the last-known-good connection.
pub const DEFAULT_HEAD_START: Duration = Duration::from_millis(300);
/// Default delay before relays are probed (they win only when nothing else answers).
pub const DEFAULT_RELAY_DELAY: Duration = Duration::from_millis(800);

/// One way to reach a server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Base URI, e.g. `https://10-0-0-5.abc.plex.direct:32400` or `http://10.0.0.5:32400`.
    pub uri: String,
    /// On the server's LAN.
    pub local: bool,
    /// Through Plex's relay.
    pub relay: bool,
    /// An IPv6 address.
    pub ipv6: bool,
}

impl Candidate {
    /// A candidate at `uri` (remote, direct, IPv4 unless told otherwise).
    pub fn new(uri: impl Into<String>) -> Self {
        Self { uri: uri.into(), local: false, relay: false, ipv6: false }
    }

    /// Marks it local.
    pub fn local(mut self, local: bool) -> Self {
        self.local = local;
        self
    }

    /// Marks it a relay.
    pub fn relay(mut self, relay: bool) -> Self {
        self.relay = relay;
        self
    }

    /// Marks it IPv6.
    pub fn ipv6(mut self, ipv6: bool) -> Self {
        self.ipv6 = ipv6;
        self
    }

    /// Sorting key: lower is better.
    fn rank_key(&self) -> (u8, bool, bool) {
        let class = if self.relay {
            2
        } else if self.local {
            0
        } else {
            1
        };
        (class, !self.uri.starts_with("https://"), self.ipv6)
    }
}

/// The candidates of a server from `resources`, unranked: each connection with a URI; for a
/// local `https` connection with an address, also `http://{address}:{port}` unless the server
/// requires https (plex.direct names fail to resolve behind DNS rebinding protection). Local
/// connections of a server the user does not own are dropped: they point into someone else's LAN.
pub fn candidates_of(resource: &crate::models::Resource) -> Vec<Candidate> {
    let owned = resource.owned == Some(true);
    let https_required = resource.https_required == Some(true);
    let mut out: Vec<Candidate> = Vec::new();
    for c in resource.connections() {
        let local = c.local == Some(true);
        if local && !owned {
            continue;
        }
        let relay = c.relay == Some(true);
        let ipv6 = c.ipv6 == Some(true);
        if let Some(uri) = c.uri.as_deref().filter(|u| !u.is_empty()) {
            out.push(Candidate { uri: uri.trim_end_matches('/').to_owned(), local, relay, ipv6 });
        }
        let is_https = c.uri.as_deref().is_some_and(|u| u.starts_with("https://"));
        if let (true, true, false, Some(address), Some(port)) =
            (local, is_https, https_required, c.address.as_deref(), c.port)
        {
            let host = if address.contains(':') { format!("[{address}]") } else { address.to_owned() };
            let uri = format!("http://{host}:{port}");
            if !out.iter().any(|o| o.uri == uri) {
                out.push(Candidate { uri, local, relay, ipv6 });
            }
        }
    }
    out
}

/// Sorts `candidates` best first (stable: equal ones keep their order). See the module docs.
pub fn rank(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.sort_by_key(Candidate::rank_key);
    candidates
}

/// How long to wait for what, all configurable.
#[derive(Debug, Clone)]
pub struct RaceOptions {
    /// Each probe's timeout (default [`DEFAULT_ATTEMPT_TIMEOUT`]).
    pub attempt_timeout: Duration,
    /// The last-known-good connection's head start (default [`DEFAULT_HEAD_START`]).
    pub head_start: Duration,
    /// How long relays wait before they are probed (default [`DEFAULT_RELAY_DELAY`]).
    pub relay_delay: Duration,
    /// The URI that worked last time, probed first.
    pub last_good: Option<String>,
}

impl Default for RaceOptions {
    fn default() -> Self {
        Self {
            attempt_timeout: DEFAULT_ATTEMPT_TIMEOUT,
            head_start: DEFAULT_HEAD_START,
            relay_delay: DEFAULT_RELAY_DELAY,
            last_good: None,
        }
    }
}

/// What happened to one candidate.
#[derive(Debug)]
pub enum ProbeOutcome {
    /// It answered as the right server after this long.
    Answered(Duration),
    /// The request failed or the server said no.
    Failed(Error),
    /// It answered as another server (this `machineIdentifier`).
    WrongServer(String),
    /// No answer within the attempt timeout.
    TimedOut(Duration),
    /// Still out (or not sent) when a better candidate won.
    NotAwaited,
}

impl fmt::Display for ProbeOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Answered(d) => write!(f, "answered in {} ms", d.as_millis()),
            Self::Failed(e) => write!(f, "failed: {e}"),
            Self::WrongServer(id) => write!(f, "answered as another server ({id})"),
            Self::TimedOut(d) => write!(f, "no answer within {} ms", d.as_millis()),
            Self::NotAwaited => f.write_str("not awaited"),
        }
    }
}

/// The race's result: every candidate, best first, with what happened to it, and which one won.
#[derive(Debug)]
pub struct ConnectReport {
    /// The candidates in the order they were ranked, each with its outcome.
    pub probes: Vec<(Candidate, ProbeOutcome)>,
    /// The index in `probes` of the chosen connection, if any answered as the right server.
    pub chosen: Option<usize>,
}

impl ConnectReport {
    /// The chosen connection.
    pub fn chosen(&self) -> Option<&Candidate> {
        self.chosen.map(|i| &self.probes[i].0)
    }
}

impl fmt::Display for ConnectReport {
    /// One line per candidate: `uri: outcome`, the chosen one marked.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (c, outcome)) in self.probes.iter().enumerate() {
            let mark = if Some(i) == self.chosen { " (chosen)" } else { "" };
            writeln!(f, "{}: {outcome}{mark}", c.uri)?;
        }
        Ok(())
    }
}

#[derive(Debug)]
enum Slot {
    Waiting { at: SystemTime },
    InFlight { id: RequestId, sent: SystemTime },
    Done(ProbeOutcome),
}

/// The connection race for one server, as a [`Flow`] whose output is a [`ConnectReport`].
#[derive(Debug)]
pub struct ConnectRace {
    config: ClientConfig,
    machine_id: String,
    candidates: Vec<Candidate>,
    probes: Vec<GetServerIdentity>,
    slots: Vec<Slot>,
    options: RaceOptions,
    started: bool,
    /// While the last-known-good candidate's head start runs: when it ends.
    head_start_until: Option<SystemTime>,
    next_id: u64,
}

impl ConnectRace {
    /// A race over `candidates` of the server whose `clientIdentifier` is `machine_id`. The
    /// candidates are ranked here; probes send `config`'s identity headers, never a token.
    pub fn new(
        config: &ClientConfig,
        machine_id: impl Into<String>,
        candidates: Vec<Candidate>,
        options: RaceOptions,
    ) -> Result<Self, Error> {
        let mut candidates = rank(candidates);
        if let Some(good) = &options.last_good {
            if let Some(i) = candidates.iter().position(|c| &c.uri == good && !c.relay) {
                let c = candidates.remove(i);
                candidates.insert(0, c);
            }
        }
        let probes = candidates.iter().map(|c| GetServerIdentity::new(&c.uri)).collect::<Result<Vec<_>, _>>()?;
        let slots = candidates.iter().map(|_| Slot::Waiting { at: SystemTime::UNIX_EPOCH }).collect();
        Ok(Self {
            config: config.clone(),
            machine_id: machine_id.into(),
            candidates,
            probes,
            slots,
            options,
            started: false,
            head_start_until: None,
            next_id: 0,
        })
    }

    /// Sets each candidate's start time, relative to the race's start.
    fn start(&mut self, now: SystemTime) {
        let has_good =
            self.options.last_good.as_ref().is_some_and(|g| self.candidates.first().is_some_and(|c| &c.uri == g));
        for (i, (c, slot)) in self.candidates.iter().zip(self.slots.iter_mut()).enumerate() {
            let mut at = now;
            if has_good && i > 0 {
                at += self.options.head_start;
            }
            if c.relay {
                at += self.options.relay_delay;
            }
            *slot = Slot::Waiting { at };
        }
        if has_good {
            self.head_start_until = Some(now + self.options.head_start);
        }
        self.started = true;
    }

    /// Brings waiting candidates forward once what they wait for is over at `now`: the rest of
    /// the head start when the last-known-good candidate has failed, and the relays' delay when
    /// every direct candidate has failed (nothing left that a relay could lose to).
    fn advance(&mut self, now: SystemTime) {
        if let Some(until) = self.head_start_until {
            let good_failed = match self.slots.first() {
                Some(Slot::Done(outcome)) => !matches!(outcome, ProbeOutcome::Answered(_)),
                _ => false,
            };
            if good_failed || now >= until {
                self.head_start_until = None;
            }
            if good_failed {
                let unused = until.duration_since(now).unwrap_or_default();
                for slot in self.slots.iter_mut().skip(1) {
                    if let Slot::Waiting { at } = slot {
                        *at = at.checked_sub(unused).map_or(now, |t| t.max(now));
                    }
                }
            }
        }
        let direct_left =
            self.candidates.iter().zip(&self.slots).any(|(c, slot)| !c.relay && !matches!(slot, Slot::Done(_)));
        if !direct_left {
            for (c, slot) in self.candidates.iter().zip(self.slots.iter_mut()) {
                if let (true, Slot::Waiting { at }) = (c.relay, slot) {
                    *at = (*at).min(now);
                }
            }
        }
    }

    /// The report, with every undecided candidate marked not awaited.
    fn finish(&mut self, chosen: Option<usize>) -> ConnectReport {
        let slots = std::mem::take(&mut self.slots);
        let probes = self
            .candidates
            .iter()
            .cloned()
            .zip(slots)
            .map(|(c, slot)| match slot {
                Slot::Done(outcome) => (c, outcome),
                _ => (c, ProbeOutcome::NotAwaited),
            })
            .collect();
        ConnectReport { probes, chosen }
    }
}

impl Flow for ConnectRace {
    type Output = ConnectReport;

    fn poll(&mut self, now: SystemTime) -> Result<Step<ConnectReport>, Error> {
        if !self.started {
            self.start(now);
        }
        let timeout = self.options.attempt_timeout;
        for slot in &mut self.slots {
            if let Slot::InFlight { sent, .. } = slot {
                if now >= *sent + timeout {
                    *slot = Slot::Done(ProbeOutcome::TimedOut(timeout));
                }
            }
        }
        self.advance(now);
        // The best candidate that can still win decides.
        for i in 0..self.slots.len() {
            match &self.slots[i] {
                Slot::Done(ProbeOutcome::Answered(_)) => return Ok(Step::Done(self.finish(Some(i)))),
                Slot::Done(_) => continue,
                Slot::Waiting { .. } | Slot::InFlight { .. } => break,
            }
        }
        if self.slots.iter().all(|s| matches!(s, Slot::Done(_))) {
            return Ok(Step::Done(self.finish(None)));
        }
        if let Some(i) = self.slots.iter().position(|s| matches!(s, Slot::Waiting { at } if *at <= now)) {
            let id = RequestId(self.next_id);
            self.next_id += 1;
            let request = self.probes[i].to_request(&self.config)?;
            self.slots[i] = Slot::InFlight { id, sent: now };
            return Ok(Step::Send(id, request));
        }
        let next = self
            .slots
            .iter()
            .filter_map(|s| match s {
                Slot::Waiting { at } => Some(*at),
                Slot::InFlight { sent, .. } => Some(*sent + timeout),
                Slot::Done(_) => None,
            })
            .min();
        Ok(match next {
            Some(at) => Step::WaitUntil(at),
            None => Step::AwaitResponse,
        })
    }

    fn on_response(&mut self, id: RequestId, response: Result<HttpResponse, TransportError>, now: SystemTime) {
        let Some(i) = self.slots.iter().position(|s| matches!(s, Slot::InFlight { id: current, .. } if *current == id))
        else {
            return;
        };
        let Slot::InFlight { sent, .. } = self.slots[i] else { return };
        let outcome = match response.map_err(Error::from).and_then(|r| self.probes[i].from_response(r)) {
            Ok(identity) => match identity.machine_identifier {
                Some(found) if found == self.machine_id => {
                    ProbeOutcome::Answered(now.duration_since(sent).unwrap_or_default())
                }
                found => ProbeOutcome::WrongServer(found.unwrap_or_default()),
            },
            Err(e) => ProbeOutcome::Failed(e),
        };
        self.slots[i] = Slot::Done(outcome);
        self.advance(now);
    }
}
