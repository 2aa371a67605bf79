//! The process's CPU time, user and system, summed over every thread it ever ran.
//!
//! Wall time on a shared 2-core machine measures the neighbours as much as the client. CPU time
//! counts only what this process did: the caller's thread, the runtime's workers and reqwest's
//! blocking thread alike, including threads that have already exited. The server runs in another
//! process ([`crate::fixed_server`]), so none of its work is counted.
//!
//! `CLOCK_PROCESS_CPUTIME_ID` has nanosecond resolution; `/proc/self/stat` counts in 10 ms ticks,
//! too coarse for a batch of 2,000 calls of tens of microseconds each. `rustix` calls it without
//! unsafe code on our side.

use std::time::Duration;

/// CPU time this process has used so far.
pub fn process_cpu() -> Duration {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ProcessCPUTime);
    let secs = u64::try_from(t.tv_sec).unwrap_or(0);
    let nanos = u32::try_from(t.tv_nsec).unwrap_or(0);
    Duration::new(secs, nanos)
}

/// What running `f` cost: CPU time of the whole process, and wall time.
#[derive(Debug, Clone, Copy)]
pub struct Cost {
    /// Process CPU time (user + system, every thread).
    pub cpu: Duration,
    /// Elapsed wall-clock time.
    pub wall: Duration,
}

/// Runs `f` once and measures it.
pub fn measure<R>(f: impl FnOnce() -> R) -> (R, Cost) {
    let (cpu0, wall0) = (process_cpu(), std::time::Instant::now());
    let out = f();
    let cost = Cost { cpu: process_cpu().saturating_sub(cpu0), wall: wall0.elapsed() };
    (out, cost)
}
